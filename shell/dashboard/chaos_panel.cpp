#include "chaos_panel.hpp"

#include <string>

#include "session.hpp"
#include "widget_registry.hpp"

namespace quorum::dashboard {

namespace {

void draw_presets(const PanelContext& context) {
    Session& session = context.session;
    // Single-decree Paxos has no leader.
    const bool leaderless = session.cluster().algorithm() == sim::Algorithm::Paxos;
    begin_disabled_if(leaderless);
    if (named_button(context, "Kill leader", "chaos.kill_leader")) {
        session.crash_leader();
    }
    ImGui::SameLine();
    if (named_button(context, "Isolate leader", "chaos.isolate_leader")) {
        session.isolate_leader();
    }
    end_disabled_if(leaderless);
    if (named_button(context, "Split majority/minority", "chaos.split")) {
        session.split_majority_minority();
    }
    ImGui::SameLine();
    if (named_button(context, "Heal", "chaos.heal")) {
        session.heal();
    }
}

void draw_node_row(const PanelContext& context, NodeId id) {
    Session& session = context.session;
    const bool up = session.cluster().is_up(id);
    const std::string suffix = std::to_string(id);
    ImGui::PushID(static_cast<int>(id));
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    const bool selected =
        session.selection().kind == SelectionKind::Node && session.selection().node == id;
    if (ImGui::Selectable(("S" + suffix).c_str(), selected)) {
        session.select_node(id);
    }
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(up ? "up" : "crashed");
    ImGui::TableNextColumn();
    if (up) {
        if (named_button(context, "Kill", ("chaos.kill." + suffix).c_str())) {
            session.crash(id);
        }
    } else if (named_button(context, "Restart", ("chaos.restart." + suffix).c_str())) {
        session.restart(id);
    }
    ImGui::SameLine();
    if (named_button(context, "Isolate", ("chaos.isolate." + suffix).c_str())) {
        session.isolate(id);
    }
    ImGui::PopID();
}

}  // namespace

void ChaosPanel::draw(const PanelContext& context) {
    draw_presets(context);
    ImGui::Spacing();
    constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit;
    if (ImGui::BeginTable("nodes", 3, kFlags)) {
        const auto count = static_cast<NodeId>(context.session.cluster().size());
        for (NodeId id = 1; id <= count; ++id) {
            draw_node_row(context, id);
        }
        ImGui::EndTable();
    }
    ImGui::TextDisabled("Keys: k kills, r restarts the selected node; h heals.");
}

}  // namespace quorum::dashboard
