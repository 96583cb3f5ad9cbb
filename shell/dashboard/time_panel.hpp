// The Time panel, a toolbar under the title bar: play and pause, speed, step
// forward, step back (the snapshot ring), hold (manual network), and the
// current virtual time.
#pragma once

#include "panel.hpp"

namespace quorum::dashboard {

struct TimePanel {
    void draw(const PanelContext& context);
};

}  // namespace quorum::dashboard
