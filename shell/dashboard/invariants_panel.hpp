// The Invariants panel: each safety checker the simulator runs after every
// event, and, when one breaks, which rule, where and when (the run pauses
// there so the step that broke it stays on screen).
#pragma once

#include "panel.hpp"

namespace quorum::dashboard {

struct InvariantsPanel {
    void draw(const PanelContext& context);
};

}  // namespace quorum::dashboard
