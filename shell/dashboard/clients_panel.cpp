#include "clients_panel.hpp"

#include <string>
#include <string_view>

#include "quorum/history_json.hpp"
#include "session.hpp"
#include "widget_registry.hpp"

namespace quorum::dashboard {

namespace {

void draw_history(const History& history) {
    constexpr ImGuiTableFlags kFlags =
        ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingFixedFit;
    if (!ImGui::BeginTable("history", 5, kFlags, ImVec2(0, 0))) {
        return;
    }
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("client");
    ImGui::TableSetupColumn("operation");
    ImGui::TableSetupColumn("called");
    ImGui::TableSetupColumn("latency");
    ImGui::TableSetupColumn("result", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableHeadersRow();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(history.size()));
    while (clipper.Step()) {
        for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
            const ClientOperation& op = history[static_cast<std::size_t>(row)];
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::Text("c%u", op.client);
            ImGui::TableNextColumn();
            const std::string_view name = operation_name(op.kind);
            ImGui::Text("%.*s %s %s", static_cast<int>(name.size()), name.data(), op.key.c_str(),
                        op.value.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(format_seconds(op.call_us).c_str());
            ImGui::TableNextColumn();
            if (op.return_us) {
                ImGui::TextUnformatted(format_seconds(*op.return_us - op.call_us).c_str());
                ImGui::TableNextColumn();
                ImGui::Text("%s %s", op.ok ? "ok" : "failed", op.result.value_or("").c_str());
            } else {
                ImGui::TextDisabled("waiting");
                ImGui::TableNextColumn();
            }
        }
    }
    ImGui::EndTable();
}

}  // namespace

void ClientsPanel::draw(const PanelContext& context) {
    Session& session = context.session;
    const bool raft = session.cluster().algorithm() == sim::Algorithm::Raft;
    const float width = ImGui::GetFontSize() * 4.0f;
    if (raft) {
        ImGui::SetNextItemWidth(width);
        ImGui::InputText("key", key_, sizeof key_);
        ImGui::SameLine();
    }
    ImGui::SetNextItemWidth(width);
    ImGui::InputText("value", value_, sizeof value_);
    if (raft) {
        for (OperationKind kind :
             {OperationKind::Put, OperationKind::Get, OperationKind::Append, OperationKind::Add}) {
            const std::string name(operation_name(kind));  // the history's word: "put", ...
            if (named_button(context, name.c_str(), ("client." + name).c_str())) {
                const bool add = kind == OperationKind::Add;
                session.client(kind, add ? "" : key_,
                               kind == OperationKind::Get ? "" : std::string(value_));
            }
            ImGui::SameLine();
        }
        if (named_button(context, "Check linearizability", "client.check")) {
            checked_ = true;
        }
        if (checked_) {
            const LinearizabilityResult& result = session.linearizability();
            ImGui::TextWrapped("%s%s%s", std::string(to_string(result.verdict)).c_str(),
                               result.explanation.empty() ? "" : ": ", result.explanation.c_str());
        }
    } else if (named_button(context, "propose", "client.propose")) {
        session.client(OperationKind::Propose, "", value_);
    }
    draw_history(session.cluster().history());
}

}  // namespace quorum::dashboard
