#include "history_panel.hpp"

#include <imgui.h>

#include <algorithm>
#include <map>
#include <string>

#include "quorum/history_json.hpp"
#include "session.hpp"
#include "theme.hpp"
#include "widget_registry.hpp"

namespace quorum::dashboard {

namespace {

constexpr ImU32 kBar = IM_COL32(86, 180, 233, 200);
constexpr ImU32 kPendingBar = IM_COL32(230, 159, 0, 160);
constexpr ImU32 kFailedBar = IM_COL32(110, 110, 110, 160);
constexpr ImU32 kDimmed = IM_COL32(86, 180, 233, 70);
constexpr ImU32 kCore = IM_COL32(213, 94, 0, 255);
constexpr ImU32 kEffect = IM_COL32(255, 255, 255, 255);
constexpr ImU32 kText = IM_COL32(10, 10, 10, 255);

// "put x 1", "get x -> 1", "add 5 -> 12": what the bar says.
std::string label(const ClientOperation& operation) {
    std::string text(operation_name(operation.kind));
    if (!operation.key.empty()) {
        text += " " + operation.key;
    }
    if (!operation.value.empty()) {
        text += " " + operation.value;
    }
    if (operation.return_us &&
        (operation.kind == OperationKind::Get || operation.kind == OperationKind::Add ||
         operation.kind == OperationKind::Propose)) {
        text += " -> " + operation.result.value_or("(unset)");
    }
    if (operation.return_us && !operation.ok) {
        text += " (failed)";
    }
    return text;
}

}  // namespace

void HistoryPanel::check(const Session& session) {
    const History& history = session.cluster().history();
    const double now_s = ImGui::GetTime();
    const bool stale = history != checked_ || session.run_number() != checked_run_;
    if (!stale || (checked_at_s_ >= 0 && now_s - checked_at_s_ < kCheckEverySeconds &&
                   session.run_number() == checked_run_)) {
        return;
    }
    checked_at_s_ = now_s;
    checked_run_ = session.run_number();
    checked_ = history;
    result_ = session.linearizability();
    core_ = find_unorderable_core(history, result_);
    effect_us_.assign(history.size(), -1);
    order_.assign(history.size(), 0);
    in_core_.assign(history.size(), false);
    std::map<std::string, std::size_t> place;  // per object, as the witness goes
    for (const LinearizationPoint& point : result_.linearization) {
        const ClientOperation& operation = history[point.operation];
        const std::string object = operation.kind == OperationKind::Add ? "" : "k" + operation.key;
        effect_us_[point.operation] = point.effect_us;
        order_[point.operation] = ++place[object];
    }
    for (const std::size_t index : core_.operations) {
        in_core_[index] = true;
    }
}

void HistoryPanel::draw_verdict(const PanelContext& context) {
    const History& history = context.session.cluster().history();
    if (history.empty()) {
        ImGui::TextWrapped("No client operations yet: start some in the Clients tab.");
        return;
    }
    const Verdict verdict = result_.verdict;
    if (verdict == Verdict::Linearizable) {
        ImGui::TextColored(ImVec4(0.0f, 0.62f, 0.45f, 1.0f), "Linearizable");
        ImGui::SameLine();
        ImGui::TextDisabled(
            "%zu operations; a tick marks where each takes effect in one legal "
            "order, numbered per key",
            checked_.size());
    } else if (verdict == Verdict::NotLinearizable) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.95f, 0.45f, 0.2f, 1.0f));
        ImGui::TextWrapped(
            "Not linearizable. %s%s", core_.why.c_str(),
            core_.minimal ? "" : " (the search for a smaller set ran out of budget)");
        ImGui::PopStyleColor();
    } else {
        ImGui::TextWrapped("Inconclusive: %s", result_.explanation.c_str());
    }
    context.widgets.record_last_item("history.verdict");
}

void HistoryPanel::draw_rows(const PanelContext& context) {
    const Session& session = context.session;
    const History& history = session.cluster().history();
    std::map<ClientId, std::vector<std::size_t>> by_client;
    // From the first invoke to the last answer (to now while one is awaited).
    TimeUs first_us = session.cluster().now();
    TimeUs last_us = 0;
    for (std::size_t index = 0; index < history.size(); ++index) {
        const ClientOperation& operation = history[index];
        by_client[operation.client].push_back(index);
        first_us = std::min(first_us, operation.call_us);
        last_us = std::max(last_us, operation.return_us.value_or(session.cluster().now()));
    }
    last_us = std::max(last_us + (last_us - first_us) / 20, first_us + 1);
    ImGui::TextDisabled("time: %s to %s", format_seconds(first_us).c_str(),
                        format_seconds(last_us).c_str());
    const float font = ImGui::GetFontSize();
    const float label_width = font * 3.5f;
    const float row_height = font * 1.5f;
    if (!ImGui::BeginChild("history rows", ImVec2(0, 0), false)) {
        ImGui::EndChild();
        return;
    }
    const float width = ImGui::GetContentRegionAvail().x - label_width;
    const auto x_of = [&](float left, TimeUs time_us) {
        return left + label_width +
               width * static_cast<float>(static_cast<double>(time_us - first_us) /
                                          static_cast<double>(last_us - first_us));
    };
    std::vector<const std::pair<const ClientId, std::vector<std::size_t>>*> rows;
    for (const auto& row : by_client) {
        rows.push_back(&row);
    }
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const Selection& selection = session.selection();
    const bool judged = result_.verdict != Verdict::Linearizable || !result_.linearization.empty();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(rows.size()), row_height + ImGui::GetStyle().ItemSpacing.y);
    while (clipper.Step()) {
        for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
            const auto& [client, operations] = *rows[static_cast<std::size_t>(row)];
            const ImVec2 corner = ImGui::GetCursorScreenPos();
            const bool chosen =
                selection.kind == SelectionKind::Client && selection.client == client;
            draw->AddText(ImVec2(corner.x, corner.y + font * 0.2f),
                          chosen ? Theme::kSelected : IM_COL32(200, 200, 200, 255),
                          ("C" + std::to_string(client)).c_str());
            for (const std::size_t index : operations) {
                const ClientOperation& operation = history[index];
                const bool current =
                    index < checked_.size() && checked_[index].return_us == operation.return_us;
                const bool in_core = current && in_core_[index];
                const float x0 = x_of(corner.x, operation.call_us);
                const float x1 =
                    std::max(x_of(corner.x, operation.return_us.value_or(last_us)), x0 + 3);
                const ImVec2 min(x0, corner.y + font * 0.15f);
                const ImVec2 max(x1, corner.y + row_height - font * 0.15f);
                ImU32 fill = !operation.return_us ? kPendingBar : !operation.ok ? kFailedBar : kBar;
                if (result_.verdict == Verdict::NotLinearizable && !in_core) {
                    fill = kDimmed;
                }
                draw->AddRectFilled(min, max, fill, 2.0f);
                if (in_core) {
                    draw->AddRect(min, max, kCore, 2.0f, 0, 3.0f);
                }
                if (chosen) {
                    draw->AddRect(min, max, Theme::kSelected, 2.0f, 0, 2.0f);
                }
                const std::string text = label(operation);
                if (ImGui::CalcTextSize(text.c_str()).x + 6 < x1 - x0) {
                    draw->AddText(ImVec2(x0 + 3, min.y), kText, text.c_str());
                }
                if (judged && current && effect_us_[index] >= 0) {
                    const float ex = x_of(corner.x, effect_us_[index]);
                    draw->AddLine(ImVec2(ex, min.y - font * 0.1f), ImVec2(ex, max.y + font * 0.1f),
                                  kEffect, 2.5f);
                    const std::string number = std::to_string(order_[index]);
                    if (x1 - x0 > font * 2) {
                        draw->AddText(ImVec2(ex + 2, max.y - font), kEffect, number.c_str());
                    }
                }
                ImGui::SetCursorScreenPos(min);
                ImGui::PushID(static_cast<int>(index));
                if (ImGui::InvisibleButton("op", ImVec2(x1 - x0, max.y - min.y))) {
                    context.command(cmd::SelectClient{client});
                }
                ImGui::PopID();
                if (index < 40) {
                    context.widgets.record_last_item("history.op." + std::to_string(index));
                }
                if (ImGui::IsItemHovered()) {
                    ImGui::SetTooltip(
                        "client %u: %s\ninvoked %s, %s%s", client, text.c_str(),
                        format_seconds(operation.call_us).c_str(),
                        operation.return_us
                            ? ("answered " + format_seconds(*operation.return_us)).c_str()
                            : "not answered",
                        current && effect_us_[index] >= 0
                            ? ("\ntakes effect at " + format_seconds(effect_us_[index])).c_str()
                            : "");
                }
            }
            ImGui::SetCursorScreenPos(corner);
            ImGui::Dummy(ImVec2(1, row_height));
        }
    }
    ImGui::EndChild();
}

void HistoryPanel::draw(const PanelContext& context) {
    check(context.session);
    draw_verdict(context);
    draw_rows(context);
}

}  // namespace quorum::dashboard
