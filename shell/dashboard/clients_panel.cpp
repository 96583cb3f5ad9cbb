#include "clients_panel.hpp"

#include <algorithm>
#include <span>
#include <string>
#include <string_view>

#include "protocols/registry.hpp"
#include "quorum/history_json.hpp"
#include "session.hpp"
#include "widget_registry.hpp"

namespace quorum::dashboard {

namespace {

// Whether the operation names a key (add adds to the one counter).
bool uses_key(OperationKind kind) {
    return kind == OperationKind::Put || kind == OperationKind::Get ||
           kind == OperationKind::Append;
}

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

// Exactly the operations the protocol's clients take (its view's
// operations()); a key field and the linearizability check where they read
// and write keys.
void ClientsPanel::draw(const PanelContext& context) {
    const Session& session = context.session;
    const std::span<const OperationKind> operations = protocol_view(session.cluster()).operations();
    const bool keys = std::any_of(operations.begin(), operations.end(), uses_key);
    const float width = ImGui::GetFontSize() * 4.0f;
    if (keys) {
        ImGui::SetNextItemWidth(width);
        ImGui::InputText("key", key_, sizeof key_);
        ImGui::SameLine();
    }
    ImGui::SetNextItemWidth(width);
    ImGui::InputText("value", value_, sizeof value_);
    // Which node the client sends to first (a scenario's `via`): any, or one.
    const int nodes = static_cast<int>(session.cluster().size());
    via_ = std::clamp(via_, 0, nodes);
    ImGui::SetNextItemWidth(width * 1.5f);
    ImGui::SliderInt("via", &via_, 0, nodes, via_ == 0 ? "any node" : "S%d",
                     ImGuiSliderFlags_AlwaysClamp);
    context.widgets.record_last_item("client.via");
    for (const OperationKind kind : operations) {
        const std::string name(operation_name(kind));  // the history's word: "put", ...
        if (named_button(context, name.c_str(), ("client." + name).c_str())) {
            context.command(cmd::Client{kind, uses_key(kind) ? key_ : "",
                                        kind == OperationKind::Get ? "" : std::string(value_),
                                        static_cast<NodeId>(via_)});
        }
        if (keys) {
            ImGui::SameLine();
        }
    }
    if (keys) {
        if (named_button(context, "Check linearizability", "client.check")) {
            checked_ = true;
        }
        if (checked_) {
            const LinearizabilityResult& result = session.linearizability();
            ImGui::TextWrapped("%s%s%s", std::string(to_string(result.verdict)).c_str(),
                               result.explanation.empty() ? "" : ": ", result.explanation.c_str());
        }
    }
    draw_history(session.cluster().history());
}

}  // namespace quorum::dashboard
