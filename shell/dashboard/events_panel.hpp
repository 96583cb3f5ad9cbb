// The Events panel: the trace, newest last. The last 50 by default; every
// event on demand, drawn with ImGuiListClipper so a long run costs only the
// visible rows. Filters by node and by event kind; a click selects the node
// or the message the event is about. The session keeps the newest
// Session::kMaxEvents events; the count says how many older ones are gone.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "panel.hpp"

namespace quorum::dashboard {

struct EventsPanel {
    void draw(const PanelContext& context);

  private:
    bool show_all_ = false;
    int node_filter_ = 0;  // 0: every node
    char kind_filter_[32] = "";
    // Rows matching the filters, rebuilt only when the log or a filter changed.
    std::vector<std::size_t> rows_;
    std::size_t rows_built_for_ = 0;
    std::size_t rows_dropped_ = 0;  // the session's events_dropped() they were built with
    std::string rows_filter_key_;
    std::size_t last_count_ = 0;
    // A message or client selected elsewhere (the diagram, the history) has
    // its first line scrolled into view once, when the panel next draws.
    std::uint64_t selection_seen_ = 0;
    int scroll_to_row_ = -1;

    void find_selection(const PanelContext& context, std::size_t& first);
};

}  // namespace quorum::dashboard
