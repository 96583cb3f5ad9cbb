// The Cluster panel: where the nodes, their roles and the messages between them
// will be drawn. Until the simulator lands it says plainly that no cluster is
// loaded.
#pragma once

#include "panel.hpp"

namespace quorum::dashboard {

struct ClusterPanel {
    void draw(const PanelContext& context);
};

}  // namespace quorum::dashboard
