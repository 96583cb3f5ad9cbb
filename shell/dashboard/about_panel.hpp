// The About panel: what Quorum is, what this build is made of, and the text
// size control a teacher reaches for first at a projector. Drawn as a tab of
// the side panel (dashboard.cpp).
#pragma once

#include "panel.hpp"

namespace quorum::dashboard {

struct AboutPanel {
    void draw(const PanelContext& context);
};

}  // namespace quorum::dashboard
