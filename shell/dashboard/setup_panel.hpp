// The Setup panel: the algorithm, the number of nodes, PreVote, CheckQuorum,
// Paxos backoff and the seed; "New cluster" starts over with them.
#pragma once

#include "panel.hpp"

namespace quorum::dashboard {

struct SetupPanel {
    void draw(const PanelContext& context);
};

}  // namespace quorum::dashboard
