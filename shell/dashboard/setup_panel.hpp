// The Setup panel: the algorithm, the number of nodes, PreVote, CheckQuorum,
// Paxos backoff and the seed; "New cluster" starts over with them. Below, a
// bundled scenario to load (it then runs line by line in the Scenario tab).
#pragma once

#include <string>

#include "panel.hpp"

namespace quorum::dashboard {

struct SetupPanel {
    void draw(const PanelContext& context);

  private:
    void draw_scenario_picker(const PanelContext& context);

    std::string picked_scenario_ = "raft/election.qs";
};

}  // namespace quorum::dashboard
