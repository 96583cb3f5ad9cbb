// The Cluster panel: the nodes in a ring with their role, term, vote and
// commit index (Paxos: proposer phase and acceptor ballots), each node's timer
// as a draining arc, partitions as shaded regions, and the messages in flight
// moving along their paths. Click a node or a message to select it.
#pragma once

#include "panel.hpp"

namespace quorum::dashboard {

struct ClusterPanel {
    void draw(const PanelContext& context);
};

}  // namespace quorum::dashboard
