// The Setup panel: the algorithm, the number of nodes, the seed, the
// protocol's on/off options its view offers (from its option table), and (in
// the page) the runner and the name the workers runner stores the cluster
// under; "New cluster" starts over with
// them, after a confirmation when that deletes a stored cluster. With the
// workers runner it also shows each worker's status and what was dropped.
// Below, a bundled scenario to load (it then runs line by line, in-process,
// in the Scenario tab).
#pragma once

#include <string>

#include "panel.hpp"
#include "workers_runner.hpp"

namespace quorum::dashboard {

struct SetupPanel {
    SetupPanel();
    void draw(const PanelContext& context);

  private:
    void draw_runner_choice(const PanelContext& context, SetupOptions& choice);
    void draw_wipe_confirmation(const PanelContext& context);
    void draw_workers(const PanelContext& context);
    void draw_scenario_picker(const PanelContext& context);

    std::string picked_scenario_;  // the first lesson of the default protocol
};

}  // namespace quorum::dashboard
