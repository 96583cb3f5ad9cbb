#include "network_panel.hpp"

#include <string>
#include <vector>

#include "session.hpp"
#include "widget_registry.hpp"

namespace quorum::dashboard {

namespace {

std::string address_name(NodeId address) {
    if (is_client_address(address)) {
        return "c" + std::to_string(address - kClientAddressBase);
    }
    return "S" + std::to_string(address);
}

// One row's buttons. Ids are the message's, so a row keeps its buttons when
// rows above it go away.
void message_actions(const PanelContext& context, std::uint64_t id) {
    const std::string suffix = std::to_string(id);
    ImGui::PushID(static_cast<int>(id));
    if (named_button(context, "Deliver", ("net.deliver." + suffix).c_str())) {
        context.command(cmd::Deliver{id});
    }
    ImGui::SameLine();
    if (named_button(context, "Drop", ("net.drop." + suffix).c_str())) {
        context.command(cmd::Drop{id});
    }
    ImGui::SameLine();
    if (named_button(context, "Dup", ("net.duplicate." + suffix).c_str())) {
        context.command(cmd::Duplicate{id});
    }
    ImGui::PopID();
}

bool same_event(const sim::PendingEvent& a, const sim::PendingEvent& b) {
    return a.kind == b.kind && a.message_id == b.message_id && a.client == b.client &&
           a.node == b.node;
}

// While the mouse is over the table the rows keep last frame's order: a
// taken event leaves a greyed row, new ones come last. Otherwise: due order.
std::vector<NetworkPanel::Row> rows_in_place(const std::vector<NetworkPanel::Row>& shown,
                                             const std::vector<sim::PendingEvent>& pending,
                                             bool hold_still) {
    std::vector<NetworkPanel::Row> rows;
    std::vector<bool> placed(pending.size(), false);
    if (hold_still) {
        for (const NetworkPanel::Row& row : shown) {
            NetworkPanel::Row kept{row.event, true};
            for (std::size_t i = 0; i < pending.size(); ++i) {
                if (!placed[i] && same_event(pending[i], row.event)) {
                    kept = {pending[i], false};
                    placed[i] = true;
                    break;
                }
            }
            rows.push_back(kept);
        }
    }
    for (std::size_t i = 0; i < pending.size(); ++i) {
        if (!placed[i]) {
            rows.push_back({pending[i], false});
        }
    }
    return rows;
}

void draw_taken_row(const sim::PendingEvent& event) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    if (event.kind == sim::EventKind::Deliver) {
        ImGui::TextDisabled("#%llu", static_cast<unsigned long long>(event.message_id));
    } else {
        ImGui::TextDisabled("timer");
    }
    ImGui::TableSetColumnIndex(3);
    ImGui::TextDisabled("taken");
}

void draw_event_row(const PanelContext& context, const sim::PendingEvent& event) {
    const Session& session = context.session;
    const sim::Cluster& cluster = session.cluster();
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    if (event.kind == sim::EventKind::Deliver) {
        const sim::InFlight* flight = cluster.in_flight().find(event.message_id);
        if (flight == nullptr) {
            return;
        }
        const bool selected = session.selection().kind == SelectionKind::Message &&
                              session.selection().message_id == event.message_id;
        const std::string id_text = "#" + std::to_string(event.message_id);
        if (ImGui::Selectable(id_text.c_str(), selected)) {
            context.command(cmd::SelectMessage{event.message_id});
        }
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(address_name(flight->from).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(address_name(flight->to).c_str());
        ImGui::TableNextColumn();
        const std::string type = std::string(cluster.message_type(*flight)) +
                                 (flight->duplicate ? " (copy)" : "") +
                                 (flight->will_be_lost ? " (lost)" : "");
        ImGui::TextUnformatted(type.c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(format_seconds(event.due_us).c_str());
        ImGui::TableNextColumn();
        message_actions(context, event.message_id);
        return;
    }
    const bool node_timer = event.kind == sim::EventKind::NodeTimer;
    ImGui::TextDisabled("timer");
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(node_timer ? address_name(event.node).c_str()
                                      : ("c" + std::to_string(event.client)).c_str());
    ImGui::TableNextColumn();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(node_timer ? "node timeout" : "client retry");
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(format_seconds(event.due_us).c_str());
    ImGui::TableNextColumn();
    if (node_timer) {
        ImGui::PushID(static_cast<int>(event.node) + 1'000'000);
        if (named_button(context, "Fire", ("net.fire." + std::to_string(event.node)).c_str())) {
            context.command(cmd::Fire{event.node});
        }
        ImGui::PopID();
    }
}

void draw_pending(const PanelContext& context, const std::vector<NetworkPanel::Row>& rows) {
    constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV |
                                       ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingFixedFit;
    if (!ImGui::BeginTable("pending", 6, kFlags, ImVec2(0, 0))) {
        return;
    }
    ImGui::TableSetupScrollFreeze(0, 1);
    // Fixed widths for the longest text each column holds: only the type
    // column gives way on a narrow screen, so the buttons stay on it and
    // rows do not change width as ids and times grow.
    const auto fixed = [](const char* name, const char* widest) {
        ImGui::TableSetupColumn(name, ImGuiTableColumnFlags_WidthFixed,
                                ImGui::CalcTextSize(widest).x);
    };
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    fixed("event", "#000000");
    fixed("from", "from");
    fixed("to", "c00");
    ImGui::TableSetupColumn("type", ImGuiTableColumnFlags_WidthStretch);
    fixed("due", "000.000 s");
    ImGui::TableSetupColumn(
        "act", ImGuiTableColumnFlags_WidthFixed,
        button_width("Deliver") + button_width("Drop") + button_width("Dup") + 2 * spacing);
    headers_with_help(
        {"A message in flight (its id) or a timer waiting to fire.",
         "The sender; c<n> is a client.", "The receiver; c<n> is a client.",
         "The message's type, with the paper's name (RequestVote, AppendEntries, Prepare, "
         "P1a, ...); a copy is a network duplicate, lost will be dropped on arrival.",
         "The virtual time it is due: when the network delivers it, or the timer fires.",
         "Deliver it now, drop it, or duplicate it; fire a node's timer now."});
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(rows.size()));
    while (clipper.Step()) {
        for (int index = clipper.DisplayStart; index < clipper.DisplayEnd; ++index) {
            const NetworkPanel::Row& row = rows[static_cast<std::size_t>(index)];
            if (row.taken) {
                draw_taken_row(row.event);
            } else {
                draw_event_row(context, row.event);
            }
        }
    }
    ImGui::EndTable();
}

// A typed value (Ctrl+click) stays in the slider's range: a widget never
// produces what a command would refuse (commands.hpp, network_error).
constexpr ImGuiSliderFlags kClamp = ImGuiSliderFlags_AlwaysClamp;

void draw_model(const PanelContext& context) {
    sim::NetworkModel model = context.session.cluster().config().network;
    bool changed = false;
    const float width = ImGui::GetFontSize() * 6.0f;
    float loss = static_cast<float>(model.loss_ppm) / 10'000.0f;
    ImGui::SetNextItemWidth(width);
    if (ImGui::SliderFloat("loss", &loss, 0.0f, 50.0f, "%.0f %%", kClamp)) {
        model.loss_ppm = static_cast<sim::PartsPerMillion>(loss * 10'000.0f);
        changed = true;
    }
    ImGui::SameLine();
    float dup = static_cast<float>(model.duplicate_ppm) / 10'000.0f;
    ImGui::SetNextItemWidth(width);
    if (ImGui::SliderFloat("duplicate", &dup, 0.0f, 50.0f, "%.0f %%", kClamp)) {
        model.duplicate_ppm = static_cast<sim::PartsPerMillion>(dup * 10'000.0f);
        changed = true;
    }
    ImGui::SameLine();
    changed |= ImGui::Checkbox("reorder", &model.reorder);
    int latency_ms[2] = {static_cast<int>(model.latency_min_us / kMicrosecondsPerMillisecond),
                         static_cast<int>(model.latency_max_us / kMicrosecondsPerMillisecond)};
    ImGui::SetNextItemWidth(width * 2);
    if (ImGui::SliderInt2("latency (ms)", latency_ms, 0, 500, "%d", kClamp)) {
        model.latency_min_us = latency_ms[0] * kMicrosecondsPerMillisecond;
        model.latency_max_us = std::max(latency_ms[1], latency_ms[0]) * kMicrosecondsPerMillisecond;
        changed = true;
    }
    if (changed) {
        context.command(cmd::Network{model});
    }
}

}  // namespace

void NetworkPanel::draw(const PanelContext& context) {
    const sim::Cluster& cluster = context.session.cluster();
    bool hold = cluster.hold();
    if (ImGui::Checkbox("Hold: nothing happens until you act", &hold)) {
        context.command(cmd::Hold{hold});
    }
    context.widgets.record_last_item("net.hold");
    ImGui::SameLine();
    if (named_button(context, "Step (earliest)", "net.step")) {
        context.command(cmd::Step{});
    }
    // The network model is set once and then left alone: a popup keeps the
    // pending events' table tall.
    ImGui::SameLine();
    if (named_button(context, "Network model...", "net.model")) {
        ImGui::OpenPopup("model");
    }
    if (ImGui::BeginPopup("model")) {
        draw_model(context);
        ImGui::EndPopup();
    }
    const std::vector<sim::PendingEvent> pending = cluster.pending_events();
    ImGui::SameLine();
    ImGui::TextDisabled("%zu pending", pending.size());
    shown_ = rows_in_place(shown_, pending, hovered_);
    const ImVec2 table_min = ImGui::GetCursorScreenPos();
    const ImVec2 table_max(table_min.x + ImGui::GetContentRegionAvail().x,
                           table_min.y + ImGui::GetContentRegionAvail().y);
    draw_pending(context, shown_);
    record_table_columns(context, "net");
    hovered_ = ImGui::IsWindowHovered(ImGuiHoveredFlags_ChildWindows) &&
               ImGui::IsMouseHoveringRect(table_min, table_max);
    if (!hovered_) {
        std::erase_if(shown_, [](const Row& row) { return row.taken; });
    }
    context.widgets.record("net.table", table_min, table_max);
}

}  // namespace quorum::dashboard
