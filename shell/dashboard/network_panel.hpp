// The Network panel (manual mode): every pending event, messages and timers,
// each with its own Deliver / Drop / Duplicate or Fire button; Step takes the
// earliest. Below, the network model: loss, duplication, latency, reordering.
#pragma once

#include <vector>

#include "panel.hpp"
#include "quorum/sim/cluster.hpp"

namespace quorum::dashboard {

struct NetworkPanel {
    void draw(const PanelContext& context);

    // One row of the pending table; a taken one stays (greyed, no buttons)
    // while the mouse is over the table, so no row moves under the cursor.
    struct Row {
        sim::PendingEvent event;
        bool taken = false;
    };

  private:
    // The rows in the order they were drawn last frame, and whether the
    // mouse was over the table then.
    std::vector<Row> shown_;
    bool hovered_ = false;
};

}  // namespace quorum::dashboard
