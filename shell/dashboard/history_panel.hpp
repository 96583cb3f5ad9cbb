// The client history view, as Porcupine and Knossos draw histories: one row
// per client, each operation a bar from its invoke to its answer (open-ended
// while unanswered), along the run's time. With the linearizability verdict
// (quorum/check/linearizability.hpp): when linearizable, a tick on each bar
// where the operation takes effect in one legal order, numbered in that order
// per key; when not, the smallest set of operations that cannot be ordered
// (find_unorderable_core) outlined, the rest dimmed, and one sentence why.
// Clicking an operation selects its client, whose invoke and answer events the
// Events panel and the space-time diagram then show.
//
// The check is exponential in the worst case: it runs when the history has
// changed and at most every kCheckEverySeconds of real time, never per frame.
#pragma once

#include <cstddef>
#include <vector>

#include "panel.hpp"
#include "quorum/check/linearizability.hpp"

namespace quorum::dashboard {

class HistoryPanel {
  public:
    static constexpr double kCheckEverySeconds = 0.5;

    void draw(const PanelContext& context);

  private:
    void check(const Session& session);
    void draw_verdict(const PanelContext& context);
    void draw_rows(const PanelContext& context);

    History checked_;  // the history the verdict below is about
    LinearizabilityResult result_;
    UnorderableCore core_;
    std::vector<TimeUs> effect_us_;   // per history index; -1: no effect in the witness
    std::vector<std::size_t> order_;  // per history index: its place in the witness
    std::vector<bool> in_core_;       // per history index
    double checked_at_s_ = -1;
    std::uint64_t checked_run_ = 0;
};

}  // namespace quorum::dashboard
