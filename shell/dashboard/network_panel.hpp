// The Network panel (manual mode): every pending event, messages and timers,
// each with its own Deliver / Drop / Duplicate or Fire button; Step takes the
// earliest. Below, the network model: loss, duplication, latency, reordering.
#pragma once

#include "panel.hpp"

namespace quorum::dashboard {

struct NetworkPanel {
    void draw(const PanelContext& context);
};

}  // namespace quorum::dashboard
