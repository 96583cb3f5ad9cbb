#include "inspector_panel.hpp"

#include <string>

#include "protocols/registry.hpp"
#include "session.hpp"
#include "widget_registry.hpp"

namespace quorum::dashboard {

namespace {

void message(const Session& session, std::uint64_t id) {
    const sim::Cluster& cluster = session.cluster();
    const sim::InFlight* flight = cluster.in_flight().find(id);
    if (flight == nullptr) {
        const EventLine* sent = session.sent_event(id);
        ImGui::Text("Message #%llu", static_cast<unsigned long long>(id));
        ImGui::TextDisabled("No longer in flight (delivered or dropped).");
        if (sent != nullptr) {
            ImGui::TextWrapped("%s", sent->text.c_str());
        }
        return;
    }
    const std::string type(cluster.message_type(*flight));
    ImGui::Text("Message #%llu: %s", static_cast<unsigned long long>(id), type.c_str());
    if (begin_fields("message")) {
        field_row("from", node_text(flight->from));
        field_row("to", node_text(flight->to));
        field_row("sent", format_seconds(flight->sent_us), "The virtual time it was sent.");
        field_row("due", format_seconds(flight->due_us),
                  "The virtual time the network delivers it, unless someone acts first.");
        field_row("network copy", flight->duplicate ? "yes" : "no",
                  "A duplicate the network made: the protocol must tolerate receiving it twice.");
        field_row("will be lost", flight->will_be_lost ? "yes" : "no",
                  "The network's loss draw: it will be dropped on arrival (its receiver is cut "
                  "off, or the loss rate hit).");
        const ProtocolView& view = protocol_view(cluster);
        for (const auto& [name, value] : view.message_fields(cluster, *flight)) {
            const char* help = view.message_field_help(name);
            field_row(name.c_str(), value, help != nullptr ? help : client_field_help(name));
        }
        ImGui::EndTable();
    }
}

}  // namespace

void InspectorPanel::draw(const PanelContext& context) {
    const Session& session = context.session;
    const Selection& selection = session.selection();
    const sim::Cluster& cluster = session.cluster();
    if (selection.kind == SelectionKind::Message) {
        message(session, selection.message_id);
        return;
    }
    if (selection.kind != SelectionKind::Node || selection.node > cluster.size()) {
        ImGui::TextDisabled("Click a node or a message, or press 1-9.");
        return;
    }
    const NodeId id = selection.node;
    ImGui::Text("Node S%u", id);
    if (const WorkersRunner* runner = session.runner(); runner != nullptr) {
        // Which tab's Web Worker runs it (?join tabs host some nodes).
        const std::string& host = runner->nodes()[id].host;
        ImGui::SameLine();
        ImGui::TextDisabled("%s%s", host.empty() ? "in this tab" : "in tab ", host.c_str());
        context.widgets.record_last_item("inspector.host");
    }
    const ProtocolView& view = protocol_view(cluster);
    if (!cluster.is_up(id)) {
        ImGui::SameLine();
        ImGui::TextColored(ImVec4(0.8f, 0.8f, 0.8f, 1.0f), "(crashed: only durable state left)");
        const ImVec2 top = ImGui::GetCursorScreenPos();
        view.draw_crashed_node(cluster, id);
        // Where its durable state is drawn, for a test to look at.
        context.widgets.record(
            "inspector.durable", top,
            ImVec2(top.x + ImGui::GetContentRegionAvail().x, ImGui::GetCursorScreenPos().y));
        return;
    }
    view.draw_node(cluster, id);
}

}  // namespace quorum::dashboard
