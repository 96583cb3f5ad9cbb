#include "protocol_view.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "session.hpp"

namespace quorum::dashboard {

void ProtocolView::add_state_json(const sim::Cluster&, nlohmann::json&) const {}

std::size_t ProtocolView::snapshot_bytes(const sim::Cluster&) const {
    return 0;
}

float share_left(TimeUs deadline, TimeUs now, TimeUs range) {
    if (range <= 0) {
        return -1;
    }
    return std::clamp(static_cast<float>(deadline - now) / static_cast<float>(range), 0.0f, 1.0f);
}

std::string node_text(NodeId node) {
    return node == kNoNode ? "none" : "S" + std::to_string(node);
}

std::string deadline_text(TimeUs deadline, TimeUs now) {
    return format_seconds(deadline) + " (in " + format_seconds(deadline - now) + ")";
}

bool begin_fields(const char* id) {
    return ImGui::BeginTable(id, 2, ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_RowBg);
}

void field_row(const char* name, const std::string& value, const char* help) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(name);
    if (help != nullptr && ImGui::IsItemHovered()) {
        ImGui::SetTooltip("%s", help);
    }
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(value.c_str());
}

ImU32 faded(ImU32 colour) {
    return (colour & 0x00FFFFFFu) | (static_cast<ImU32>(90) << IM_COL32_A_SHIFT);
}

void coloured_cell(ImU32 colour, bool solid, const std::string& text) {
    ImGui::TableSetBgColor(ImGuiTableBgTarget_CellBg, solid ? colour : faded(colour));
    ImGui::PushStyleColor(ImGuiCol_Text,
                          solid ? IM_COL32(0, 0, 0, 255) : IM_COL32(235, 235, 235, 255));
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopStyleColor();
}

std::string client_label(const ClientRequest&) {
    return "Req";
}

std::string client_label(const ClientResponse& response) {
    return response.status == ClientResponse::Status::Ok ? "Resp" : "Redirect";
}

ImU32 client_colour(const ClientRequest&) {
    return IM_COL32(230, 230, 230, 255);
}

ImU32 client_colour(const ClientResponse&) {
    return IM_COL32(170, 170, 170, 255);
}

Fields client_fields(const ClientRequest& request) {
    return {{"client", std::to_string(request.command->client)},
            {"sequence", std::to_string(request.command->sequence)},
            {"command", request.command->to_string()}};
}

Fields client_fields(const ClientResponse& response) {
    return {{"client", std::to_string(response.client)},
            {"sequence", std::to_string(response.sequence)},
            {"status", response.status == ClientResponse::Status::Ok ? "ok" : "not leader"},
            {"result", response.result.result.value_or("(none)")},
            {"leaderHint", std::to_string(response.leader_hint)}};
}

const char* client_field_help(std::string_view field) {
    static constexpr std::pair<const char*, const char*> kHelp[] = {
        {"command", "The client's command, a no-op, or a reconfiguration."},
    };
    return find_help(kHelp, field);
}

const char* find_help(std::span<const std::pair<const char*, const char*>> table,
                      std::string_view field) {
    for (const auto& [name, help] : table) {
        if (field == name) {
            return help;
        }
    }
    return nullptr;
}

}  // namespace quorum::dashboard
