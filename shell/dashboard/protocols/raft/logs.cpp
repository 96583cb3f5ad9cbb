// Raft's logs side by side, aligned by index: each cell coloured by its term
// with its command; committed entries solid, the rest faded, the commit
// index marked; a compacted prefix is one snapshot block, at the snapshot's
// index, with its term.
#include <imgui.h>

#include <algorithm>

#include "protocols/raft/view.hpp"
#include "quorum/sim/nodes.hpp"

namespace quorum::dashboard::raft_view {

namespace {

void log_cell(const raft::Node& node, raft::LogIndex index) {
    if (index > node.last_index()) {
        return;
    }
    if (index <= node.snapshot_index()) {
        if (index == node.snapshot_index()) {
            coloured_cell(Theme::term_colour(node.snapshot().last_included_term), true,
                          "snapshot 1.." + std::to_string(index) + " (term " +
                              std::to_string(node.snapshot().last_included_term) + ")");
        }
        return;
    }
    const raft::Entry& entry = *node.entry_at(index);
    const bool committed = index <= node.commit_index();
    // The marker says what colour alone would not: committed or not, and
    // where the commit index is.
    const char* mark = index == node.commit_index() ? "> " : (committed ? "" : "? ");
    coloured_cell(Theme::term_colour(entry.term), committed,
                  mark + std::to_string(entry.term) + ": " + entry.command->to_string());
}

// A crashed node's log as its disk holds it (Figure 8 is about exactly
// these entries): grey, since nothing runs on them until it restarts.
void durable_cell(const raft::DurableState& durable, raft::LogIndex index) {
    const raft::LogIndex offset = durable.snapshot.last_included_index;
    if (index <= offset) {
        if (index == offset) {
            coloured_cell(Theme::kCrashed, false, "snapshot 1.." + std::to_string(index));
        }
        return;
    }
    if (index - offset > durable.log.size()) {
        return;
    }
    const raft::Entry& entry = durable.log[static_cast<std::size_t>(index - offset - 1)];
    coloured_cell(Theme::kCrashed, false,
                  std::to_string(entry.term) + ": " + entry.command->to_string());
}

}  // namespace

void View::draw_logs(const sim::Cluster& cluster) const {
    const auto& nodes = cluster.nodes<raft::Protocol>();
    const auto count = static_cast<NodeId>(cluster.size());
    raft::LogIndex longest = 0;
    for (NodeId id = 1; id <= count; ++id) {
        longest = std::max(longest, cluster.is_up(id)
                                        ? nodes.node(id).last_index()
                                        : nodes.durable_state(id).log.size() +
                                              nodes.durable_state(id).snapshot.last_included_index);
    }
    ImGui::TextDisabled(
        "solid: committed   faded ?: not yet   > : commitIndex   colour: term   grey: a crashed "
        "node's log on its disk");
    std::vector<std::string> names;
    for (NodeId id = 1; id <= count; ++id) {
        names.push_back("S" + std::to_string(id) + (cluster.is_up(id) ? "" : " (down)"));
    }
    positions_table("logs", "index", names, longest, [&](std::size_t column, std::uint64_t index) {
        const auto id = static_cast<NodeId>(column + 1);
        if (cluster.is_up(id)) {
            log_cell(nodes.node(id), index);
        } else {
            durable_cell(nodes.durable_state(id), index);
        }
    });
}

}  // namespace quorum::dashboard::raft_view
