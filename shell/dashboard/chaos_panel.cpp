#include "chaos_panel.hpp"

#include <string>

#include "protocols/registry.hpp"
#include "session.hpp"
#include "widget_registry.hpp"

namespace quorum::dashboard {

namespace {

void draw_presets(const PanelContext& context) {
    const sim::Cluster& cluster = context.session.cluster();
    const bool leaderless = !protocol_view(cluster).has_leader();
    begin_disabled_if(leaderless);
    if (named_button(context, "Kill leader", "chaos.kill_leader")) {
        context.command(cmd::KillLeader{});
    }
    ImGui::SameLine();
    if (named_button(context, "Isolate leader", "chaos.isolate_leader")) {
        context.command(cmd::IsolateLeader{});
    }
    end_disabled_if(leaderless);
    if (named_button(context, "Split majority/minority", "chaos.split")) {
        context.command(cmd::Split{});
    }
    ImGui::SameLine();
    if (named_button(context, "Heal", "chaos.heal")) {
        context.command(cmd::Heal{});
    }
}

void draw_node_row(const PanelContext& context, NodeId id) {
    const Session& session = context.session;
    const bool up = session.cluster().is_up(id);
    const std::string suffix = std::to_string(id);
    ImGui::PushID(static_cast<int>(id));
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    const bool selected =
        session.selection().kind == SelectionKind::Node && session.selection().node == id;
    if (ImGui::Selectable(("S" + suffix).c_str(), selected)) {
        context.command(cmd::SelectNode{id});
    }
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(up ? "up" : "crashed");
    ImGui::TableNextColumn();
    if (up) {
        if (named_button(context, "Kill", ("chaos.kill." + suffix).c_str())) {
            context.command(cmd::Kill{id});
        }
    } else if (named_button(context, "Restart", ("chaos.restart." + suffix).c_str())) {
        context.command(cmd::Restart{id});
    }
    ImGui::SameLine();
    if (named_button(context, "Isolate", ("chaos.isolate." + suffix).c_str())) {
        context.command(cmd::Isolate{id});
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
