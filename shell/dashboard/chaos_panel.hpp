// The Chaos panel: kill and restart each node, kill the leader, partition
// presets (isolate the leader, split into a majority and a minority), heal.
#pragma once

#include "panel.hpp"

namespace quorum::dashboard {

struct ChaosPanel {
    void draw(const PanelContext& context);
};

}  // namespace quorum::dashboard
