// The Setup panel: the algorithm, the number of nodes, PreVote, CheckQuorum,
// Paxos backoff, the seed and (in the page) the runner and the name the
// workers runner stores the cluster under; "New cluster" starts over with
// them, after a confirmation when that deletes a stored cluster. With the
// workers runner it also shows each worker's status and what was dropped.
// Below, a bundled scenario to load (it then runs line by line, in-process,
// in the Scenario tab).
#pragma once

#include <string>

#include "panel.hpp"

namespace quorum::dashboard {

struct SetupPanel {
    void draw(const PanelContext& context);

  private:
    void draw_runner_choice(const PanelContext& context);
    void draw_wipe_confirmation(const PanelContext& context);
    void draw_workers(const PanelContext& context);
    void draw_scenario_picker(const PanelContext& context);

    std::string picked_scenario_ = "raft/election.qs";
};

}  // namespace quorum::dashboard
