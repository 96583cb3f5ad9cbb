#include "chaos_panel.hpp"

#include <algorithm>
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

// The node's status: "up", "crashed", or (workers runner) "booting".
const char* status_text(const Session& session, NodeId id) {
    if (session.cluster().is_up(id)) {
        return "up";
    }
    const WorkersRunner* runner = session.runner();
    if (runner != nullptr && runner->nodes()[id].status == WorkersRunner::NodeStatus::Booting) {
        return "booting";
    }
    return "crashed";
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
    ImGui::TextUnformatted(status_text(session, id));
    ImGui::TableNextColumn();
    // Kill and Restart share one width: Isolate never moves under the cursor.
    const ImVec2 size(button_width("Restart"), 0);
    if (up) {
        if (named_button(context, "Kill", ("chaos.kill." + suffix).c_str(), size)) {
            context.command(cmd::Kill{id});
        }
    } else if (named_button(context, "Restart", ("chaos.restart." + suffix).c_str(), size)) {
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
        // Fixed widths, wide enough for the longest status: a node that
        // crashes or boots moves no button (rows hold still under the cursor).
        const ImGuiStyle& style = ImGui::GetStyle();
        ImGui::TableSetupColumn("node", ImGuiTableColumnFlags_WidthFixed,
                                ImGui::CalcTextSize("S9").x + style.ItemSpacing.x);
        ImGui::TableSetupColumn(
            "status", ImGuiTableColumnFlags_WidthFixed,
            std::max(ImGui::CalcTextSize("crashed").x, ImGui::CalcTextSize("booting").x) +
                style.ItemSpacing.x);
        ImGui::TableSetupColumn(
            "actions", ImGuiTableColumnFlags_WidthFixed,
            button_width("Restart") + style.ItemSpacing.x + button_width("Isolate"));
        const auto count = static_cast<NodeId>(context.session.cluster().size());
        for (NodeId id = 1; id <= count; ++id) {
            draw_node_row(context, id);
        }
        ImGui::EndTable();
    }
    // Wrapped at the panel's edge: projector text is wider than the panel.
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("Keys: k kills, r restarts the selected node; h heals.");
    ImGui::PopTextWrapPos();
    context.widgets.record_last_item("chaos.keys");
}

}  // namespace quorum::dashboard
