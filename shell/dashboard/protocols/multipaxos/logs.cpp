// Multi-Paxos's slots side by side: a column per replica (its decisions,
// solid once applied) and per acceptor (its accepted pvalues, coloured by
// ballot round), from the live node or, when it is crashed, from what it made
// durable (what survives is exactly what the column then shows).
#include <imgui.h>

#include <algorithm>
#include <map>

#include "protocols/multipaxos/view.hpp"
#include "quorum/sim/nodes.hpp"

namespace quorum::dashboard::multipaxos_view {

namespace {

struct SlotColumn {
    NodeId id = kNoNode;
    bool up = false;
    const std::map<multipaxos::Slot, multipaxos::Decree>* decisions = nullptr;  // a replica
    multipaxos::Slot slot_out = 0;  // live replicas: every slot below it is applied
    const std::map<multipaxos::Slot, multipaxos::PValue>* accepted = nullptr;  // an acceptor
};

std::vector<SlotColumn> slot_columns(const sim::Cluster& cluster) {
    const auto& nodes = cluster.nodes<multipaxos::Protocol>();
    const multipaxos::Config& config = nodes.config();
    std::vector<SlotColumn> columns;
    for (NodeId id : config.replicas) {
        SlotColumn column{id, cluster.is_up(id)};
        if (column.up) {
            const multipaxos::Replica& replica = *nodes.node(id).replica();
            column.decisions = &replica.decisions();
            column.slot_out = replica.slot_out();
        } else {
            column.decisions = &nodes.durable_state(id).decisions;
        }
        columns.push_back(column);
    }
    for (NodeId id : config.acceptors) {
        SlotColumn column{id, cluster.is_up(id)};
        column.accepted =
            column.up ? &nodes.node(id).acceptor().accepted() : &nodes.durable_state(id).accepted;
        columns.push_back(column);
    }
    return columns;
}

multipaxos::Slot highest_slot(const std::vector<SlotColumn>& columns) {
    multipaxos::Slot highest = 0;
    for (const SlotColumn& column : columns) {
        if (column.decisions != nullptr && !column.decisions->empty()) {
            highest = std::max(highest, column.decisions->rbegin()->first);
        }
        if (column.accepted != nullptr && !column.accepted->empty()) {
            highest = std::max(highest, column.accepted->rbegin()->first);
        }
    }
    return highest;
}

void slot_cell(const SlotColumn& column, multipaxos::Slot slot) {
    if (column.decisions != nullptr) {
        const auto decided = column.decisions->find(slot);
        if (decided == column.decisions->end()) {
            return;
        }
        // Applied: solid. Decided beyond a hole, or remembered by a crashed
        // replica: faded, marked.
        const bool applied = slot < column.slot_out;
        coloured_cell(Theme::kBluishGreen, applied,
                      (applied ? "" : "? ") + multipaxos::describe(decided->second));
        return;
    }
    const auto accepted = column.accepted->find(slot);
    if (accepted == column.accepted->end()) {
        return;
    }
    const multipaxos::PValue& pvalue = accepted->second;
    ImGui::TableSetBgColor(ImGuiTableBgTarget_CellBg,
                           faded(Theme::term_colour(pvalue.ballot.round)));
    const std::string text =
        multipaxos::ballot_text(pvalue.ballot) + ": " + multipaxos::describe(pvalue.decree);
    ImGui::TextUnformatted(text.c_str());
}

}  // namespace

void View::draw_logs(const sim::Cluster& cluster) const {
    const std::vector<SlotColumn> columns = slot_columns(cluster);
    const multipaxos::Slot highest = highest_slot(columns);
    ImGui::PushTextWrapPos(0.0f);  // wrapped at the panel's edge, never cut off
    ImGui::TextDisabled(
        "replicas R: decided commands, solid once applied   acceptors A: accepted pvalue "
        "(ballot: command), colour: ballot round   \u2717: crashed, what it made durable");
    ImGui::PopTextWrapPos();
    std::vector<std::string> names;
    for (const SlotColumn& column : columns) {
        names.push_back(std::string(column.decisions != nullptr ? "R" : "A") +
                        std::to_string(column.id) + (column.up ? "" : " \u2717"));
    }
    positions_table("slots", "slot", names, highest, [&](std::size_t column, std::uint64_t slot) {
        slot_cell(columns[column], slot);
    });
}

}  // namespace quorum::dashboard::multipaxos_view
