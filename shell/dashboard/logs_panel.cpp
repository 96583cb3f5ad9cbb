#include "logs_panel.hpp"

#include <algorithm>
#include <string>

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
    const std::string text = mark + std::to_string(entry.term) + ": " + entry.command.to_string();
    ImGui::PushStyleColor(ImGuiCol_Text,
                          committed ? IM_COL32(0, 0, 0, 255) : IM_COL32(235, 235, 235, 255));
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopStyleColor();
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
    if (!ImGui::BeginTable("logs", static_cast<int>(count) + 1, kTableFlags)) {
        return;
    }
    ImGui::TableSetupScrollFreeze(1, 1);
    ImGui::TableSetupColumn("index");
    for (NodeId id = 1; id <= count; ++id) {
        const std::string name = "S" + std::to_string(id) + (cluster.is_up(id) ? "" : " (down)");
        ImGui::TableSetupColumn(name.c_str(), ImGuiTableColumnFlags_WidthFixed,
                                ImGui::GetFontSize() * 8.5f);
    }
    ImGui::TableHeadersRow();
    // Newest entries first: they are the ones changing.
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(longest));
    while (clipper.Step()) {
        for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
            const raft::LogIndex index = longest - static_cast<raft::LogIndex>(row);
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::Text("%llu", static_cast<unsigned long long>(index));
            for (NodeId id = 1; id <= count; ++id) {
                ImGui::TableNextColumn();
                if (cluster.is_up(id)) {
                    raft_cell(cluster.node(id), index);
                }
            }
        }
    }
    ImGui::EndTable();
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
    ImGui::TableHeadersRow();
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
            ImGui::TextDisabled("Multi-Paxos view coming.");
            break;
    }
}

}  // namespace quorum::dashboard
