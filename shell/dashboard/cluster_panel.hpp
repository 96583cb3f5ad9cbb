// The Cluster panel: the nodes in a ring, each drawn as its protocol's view
// says (protocol_view.hpp: a shape and letter for its role or phase, two
// lines of its state under it), each node's timer as a draining arc,
// partitions as shaded regions, and the messages in flight moving along
// their paths, labelled by the protocol's view. Click a node or a
// message to select it; drag a node onto another to put it in that node's
// partition group, or onto empty space to cut it off in a group of its own.
#pragma once

#include "panel.hpp"
#include "quorum/types.hpp"

namespace quorum::dashboard {

struct ClusterPanel {
    void draw(const PanelContext& context);

    struct Ring;  // where the nodes are drawn (cluster_panel.cpp)

  private:
    void handle_drag(const PanelContext& context, const Ring& ring);

    NodeId dragging_ = kNoNode;  // the node the mouse pressed on, while it is held
};

}  // namespace quorum::dashboard
