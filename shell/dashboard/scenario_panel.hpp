// The Scenario panel: the loaded scenario's text with the next line
// highlighted, each line's outcome beside it (a tick for a line that ran, a
// cross and the reason for the one that failed), Step line and Run to end;
// export of the scenario and of the run's trace, import of either. The
// Setup panel picks a bundled scenario.
#pragma once

#include "panel.hpp"

namespace quorum::dashboard {

struct ScenarioPanel {
    void draw(const PanelContext& context);

  private:
    void draw_script(const PanelContext& context);

    int scrolled_to_line_ = -1;  // the next line last brought into view
};

}  // namespace quorum::dashboard
