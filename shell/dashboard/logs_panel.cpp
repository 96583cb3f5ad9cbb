#include "logs_panel.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include "quorum/sim/multipaxos_invariants.hpp"
#include "session.hpp"
#include "theme.hpp"

namespace quorum::dashboard {

namespace {

constexpr ImGuiTableFlags kTableFlags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV |
                                        ImGuiTableFlags_ScrollY | ImGuiTableFlags_ScrollX |
                                        ImGuiTableFlags_SizingFixedFit;

ImU32 faded(ImU32 colour) {
    return (colour & 0x00FFFFFFu) | (static_cast<ImU32>(90) << IM_COL32_A_SHIFT);
}

void raft_cell(const raft::Node& node, raft::LogIndex index) {
    if (index > node.last_index()) {
        return;
    }
    const raft::Entry& entry = node.log()[static_cast<std::size_t>(index - 1)];
    const bool committed = index <= node.commit_index();
    const ImU32 colour = Theme::term_colour(entry.term);
    ImGui::TableSetBgColor(ImGuiTableBgTarget_CellBg, committed ? colour : faded(colour));
    // The marker says what colour alone would not: committed or not, and
    // where the commit index is.
    const char* mark = index == node.commit_index() ? "> " : (committed ? "" : "? ");
    const std::string text = mark + std::to_string(entry.term) + ": " + entry.command->to_string();
    ImGui::PushStyleColor(ImGuiCol_Text,
                          committed ? IM_COL32(0, 0, 0, 255) : IM_COL32(235, 235, 235, 255));
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopStyleColor();
}

// Logs and slots share one table: a row per position, newest first (they
// are the ones changing), a column per node, only the visible rows drawn.
// `draw_cell(column, position)` fills one cell.
template <typename DrawCell>
void positions_table(const char* id, const char* position_name,
                     const std::vector<std::string>& column_names, std::uint64_t highest,
                     const DrawCell& draw_cell) {
    if (!ImGui::BeginTable(id, static_cast<int>(column_names.size()) + 1, kTableFlags)) {
        return;
    }
    ImGui::TableSetupScrollFreeze(1, 1);
    ImGui::TableSetupColumn(position_name);
    for (const std::string& name : column_names) {
        ImGui::TableSetupColumn(name.c_str(), ImGuiTableColumnFlags_WidthFixed,
                                ImGui::GetFontSize() * 8.5f);
    }
    ImGui::TableHeadersRow();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(highest));
    while (clipper.Step()) {
        for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
            const std::uint64_t position = highest - static_cast<std::uint64_t>(row);
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::Text("%llu", static_cast<unsigned long long>(position));
            for (std::size_t column = 0; column < column_names.size(); ++column) {
                ImGui::TableNextColumn();
                draw_cell(column, position);
            }
        }
    }
    ImGui::EndTable();
}

void raft_logs(const sim::Cluster& cluster) {
    const auto count = static_cast<NodeId>(cluster.size());
    raft::LogIndex longest = 0;
    for (NodeId id = 1; id <= count; ++id) {
        if (cluster.is_up(id)) {
            longest = std::max(longest, cluster.node(id).last_index());
        }
    }
    ImGui::TextDisabled("solid: committed   faded ?: not yet   > : commitIndex   colour: term");
    std::vector<std::string> names;
    for (NodeId id = 1; id <= count; ++id) {
        names.push_back("S" + std::to_string(id) + (cluster.is_up(id) ? "" : " (down)"));
    }
    positions_table("logs", "index", names, longest, [&](std::size_t column, std::uint64_t index) {
        const auto id = static_cast<NodeId>(column + 1);
        if (cluster.is_up(id)) {
            raft_cell(cluster.node(id), index);
        }
    });
}

void paxos_states(const sim::Cluster& cluster) {
    if (!ImGui::BeginTable("acceptors", 5, kTableFlags)) {
        return;
    }
    ImGui::TableSetupColumn("node");
    ImGui::TableSetupColumn("proposer phase");
    ImGui::TableSetupColumn("acceptor promised");
    ImGui::TableSetupColumn("acceptor accepted");
    ImGui::TableSetupColumn("learned");
    headers_with_help(
        {nullptr, "The proposer's phase and proposal number (Paxos Made Simple, section 2.2).",
         "promised: the acceptor accepts no proposal numbered below this (its phase 1b "
         "promise).",
         "accepted: the highest-numbered proposal the acceptor accepted (phase 2b).",
         "The value this learner knows is chosen (section 2.3)."});
    for (NodeId id = 1; id <= cluster.size(); ++id) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::Text("S%u", id);
        if (!cluster.is_up(id)) {
            const paxos::DurableState& durable = cluster.paxos_durable_state(id);
            ImGui::TableNextColumn();
            ImGui::TextDisabled("crashed");
            ImGui::TableNextColumn();
            ImGui::TextDisabled("%s", durable.acceptor.promised.to_string().c_str());
            continue;
        }
        const paxos::Node& node = cluster.paxos_node(id);
        ImGui::TableNextColumn();
        if (node.is_proposer()) {
            ImGui::Text("%s %s", paxos::phase_name(node.phase()),
                        node.ballot().is_none() ? "" : node.ballot().to_string().c_str());
        }
        ImGui::TableNextColumn();
        if (node.is_acceptor()) {
            ImGui::TextUnformatted(node.promised().to_string().c_str());
        }
        ImGui::TableNextColumn();
        if (node.is_acceptor() && node.accepted()) {
            const paxos::Proposal& accepted = *node.accepted();
            ImGui::TableSetBgColor(ImGuiTableBgTarget_CellBg,
                                   faded(Theme::term_colour(accepted.ballot.round)));
            ImGui::Text("%s = \"%s\"", accepted.ballot.to_string().c_str(), accepted.value.c_str());
        }
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(node.learned().value_or("").c_str());
    }
    ImGui::EndTable();
}

// One Multi-Paxos column: a replica's decisions or an acceptor's accepted
// pvalues, from the live node or, when it is crashed, from what it made
// durable (what survives is exactly what the column then shows).
struct SlotColumn {
    NodeId id = kNoNode;
    bool up = false;
    const std::map<multipaxos::Slot, multipaxos::Decree>* decisions = nullptr;  // a replica
    multipaxos::Slot slot_out = 0;  // live replicas: every slot below it is applied
    const std::map<multipaxos::Slot, multipaxos::PValue>* accepted = nullptr;  // an acceptor
};

std::vector<SlotColumn> slot_columns(const sim::Cluster& cluster) {
    const multipaxos::Config& config = cluster.config().multipaxos;
    std::vector<SlotColumn> columns;
    for (NodeId id : config.replicas) {
        SlotColumn column{id, cluster.is_up(id)};
        if (column.up) {
            const multipaxos::Replica& replica = *cluster.multipaxos_node(id).replica();
            column.decisions = &replica.decisions();
            column.slot_out = replica.slot_out();
        } else {
            column.decisions = &cluster.multipaxos_durable_state(id).decisions;
        }
        columns.push_back(column);
    }
    for (NodeId id : config.acceptors) {
        SlotColumn column{id, cluster.is_up(id)};
        column.accepted = column.up ? &cluster.multipaxos_node(id).acceptor().accepted()
                                    : &cluster.multipaxos_durable_state(id).accepted;
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
        const ImU32 colour = Theme::role_colour(raft::Role::Leader);
        ImGui::TableSetBgColor(ImGuiTableBgTarget_CellBg, applied ? colour : faded(colour));
        const std::string text = (applied ? "" : "? ") + multipaxos::describe(decided->second);
        ImGui::PushStyleColor(ImGuiCol_Text,
                              applied ? IM_COL32(0, 0, 0, 255) : IM_COL32(235, 235, 235, 255));
        ImGui::TextUnformatted(text.c_str());
        ImGui::PopStyleColor();
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
        sim::ballot_text(pvalue.ballot) + ": " + multipaxos::describe(pvalue.decree);
    ImGui::TextUnformatted(text.c_str());
}

void multipaxos_slots(const sim::Cluster& cluster) {
    const std::vector<SlotColumn> columns = slot_columns(cluster);
    const multipaxos::Slot highest = highest_slot(columns);
    ImGui::TextDisabled(
        "replicas R: decided commands, solid once applied   acceptors A: accepted pvalue "
        "(ballot: command), colour: ballot round");
    std::vector<std::string> names;
    for (const SlotColumn& column : columns) {
        names.push_back(std::string(column.decisions != nullptr ? "R" : "A") +
                        std::to_string(column.id) + (column.up ? "" : " (down)"));
    }
    positions_table("slots", "slot", names, highest, [&](std::size_t column, std::uint64_t slot) {
        slot_cell(columns[column], slot);
    });
}

}  // namespace

void LogsPanel::draw(const PanelContext& context) {
    const sim::Cluster& cluster = context.session.cluster();
    switch (cluster.algorithm()) {
        case sim::Algorithm::Raft:
            raft_logs(cluster);
            break;
        case sim::Algorithm::Paxos:
            paxos_states(cluster);
            break;
        case sim::Algorithm::MultiPaxos:
            multipaxos_slots(cluster);
            break;
    }
}

}  // namespace quorum::dashboard
