#include "scenario_panel.hpp"

#include <string>

#include <algorithm>

#include "file_transfer.hpp"
#include "fonts.hpp"
#include "scenario_player.hpp"
#include "session.hpp"
#include "widget_registry.hpp"

namespace quorum::dashboard {

namespace {

const ImVec4 kPassed{0.35f, 0.80f, 0.55f, 1.0f};
const ImVec4 kFailed{1.00f, 0.45f, 0.35f, 1.0f};
constexpr ImU32 kNextLine = IM_COL32(64, 112, 170, 150);

void draw_controls(const PanelContext& context) {
    const ScenarioPlayer& player = context.scenario;
    const Session& session = context.session;
    const bool active = player.active(session);
    const bool can_step = active && player.next_line() != 0;
    begin_disabled_if(!can_step);
    if (named_button(context, "Step line", "scenario.step")) {
        context.command(cmd::ScenarioStep{});
    }
    ImGui::SameLine();
    if (named_button(context, "Run to end", "scenario.run")) {
        context.command(cmd::ScenarioRun{});
    }
    end_disabled_if(!can_step);
    ImGui::SameLine();
    begin_disabled_if(!active);
    if (named_button(context, "Export scenario", "scenario.export")) {
        context.command(cmd::ExportScenario{});
    }
    end_disabled_if(!active);
    ImGui::SameLine();
    if (named_button(context, "Export trace", "scenario.export_trace")) {
        context.command(cmd::ExportTrace{});
    }
    if (can_import_files()) {
        ImGui::SameLine();
        if (named_button(context, "Import file...", "scenario.import")) {
            request_file_import();
        }
    }
}

// One line of the script: its number, its outcome, its text.
void draw_line(const PanelContext& context, int line, const std::string& text, int next_line) {
    const ScenarioPlayer& player = context.scenario;
    ImGui::TableNextRow();
    if (line == next_line) {
        ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg0, kNextLine);
    }
    ImGui::TableNextColumn();
    ImGui::TextDisabled("%d", line);
    ImGui::TableNextColumn();
    const scenario::StatementResult* result = player.result_on_line(line);
    if (line == next_line) {
        ImGui::TextUnformatted("\u25B6");  // the line Step line runs next
    } else if (result != nullptr && !result->passed()) {
        ImGui::TextColored(kFailed, "\u2717");
        if (ImGui::IsItemHovered()) {
            ImGui::SetTooltip("%s", result->message.c_str());
        }
    } else if (result != nullptr) {
        ImGui::TextColored(kPassed, "\u2713");
    }
    ImGui::TableNextColumn();
    const bool comment = text.find_first_not_of(" \t") == std::string::npos ||
                         text[text.find_first_not_of(" \t")] == '#';
    if (comment) {
        ImGui::TextDisabled("%s", text.c_str());
    } else {
        ImGui::TextUnformatted(text.c_str());
    }
    context.widgets.record_last_item("scenario.line." + std::to_string(line));
    if (result != nullptr && !result->passed()) {
        ImGui::TextColored(kFailed, "%s", result->message.c_str());
    }
}

}  // namespace

void ScenarioPanel::draw(const PanelContext& context) {
    draw_controls(context);
    const ScenarioPlayer& player = context.scenario;
    if (!player.file_notice().empty()) {
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextDisabled("%s", player.file_notice().c_str());
        ImGui::PopTextWrapPos();
        context.widgets.record_last_item("scenario.file_notice");
    }
    if (!player.active(context.session)) {
        ImGui::TextDisabled("No scenario running: pick one in Setup, or import a .qs file.");
        scrolled_to_line_ = -1;
        return;
    }
    const bool failed = player.run() != nullptr && !player.run()->passed();
    ImGui::TextColored(failed ? kFailed : kPassed, "%s: %s", player.name().c_str(),
                       player.summary(context.session).c_str());
    context.widgets.record_last_item("scenario.summary");
    draw_script(context);
}

void ScenarioPanel::draw_script(const PanelContext& context) {
    const ScenarioPlayer& player = context.scenario;
    constexpr ImGuiTableFlags kFlags =
        ImGuiTableFlags_ScrollY | ImGuiTableFlags_ScrollX | ImGuiTableFlags_SizingFixedFit;
    if (!ImGui::BeginTable("script", 3, kFlags)) {
        return;
    }
    ImGui::PushFont(context.fonts.mono());
    const int next_line = player.next_line();
    const std::vector<std::string>& lines = player.lines();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(lines.size()));
    while (clipper.Step()) {
        for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
            draw_line(context, row + 1, lines[static_cast<std::size_t>(row)], next_line);
        }
    }
    // Keep the next line in view as the run moves down the script, and
    // leave the scroll to the person otherwise.
    if (next_line != scrolled_to_line_ && next_line > 0) {
        const float row_height = ImGui::GetTextLineHeightWithSpacing();
        ImGui::SetScrollY(std::max(0.0f, static_cast<float>(next_line - 4) * row_height));
    }
    scrolled_to_line_ = next_line;
    ImGui::PopFont();
    ImGui::EndTable();
}

}  // namespace quorum::dashboard
