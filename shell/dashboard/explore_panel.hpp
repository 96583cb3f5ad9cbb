// The Explore panel (explore_run.hpp says what it shows and does): it only
// reads the ExploreRun and issues cmd::Explore.
#pragma once

#include "explore_run.hpp"
#include "panel.hpp"

namespace quorum::dashboard {

class ExplorePanel {
  public:
    explicit ExplorePanel(const ExploreRun& run) : run_(run) {}
    void draw(const PanelContext& context);

  private:
    const ExploreRun& run_;
    ExploreSettings edited_;
    bool edited_init_ = false;
};

}  // namespace quorum::dashboard
