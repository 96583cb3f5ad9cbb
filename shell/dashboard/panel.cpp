#include "panel.hpp"

#include <imgui_internal.h>

#include <string>

#include "widget_registry.hpp"

namespace quorum::dashboard {

namespace {

// Panels sit where the layout puts them; the layout adapts to the window.
constexpr ImGuiWindowFlags kPanelFlags =
    ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
    ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;

}  // namespace

bool begin_panel(const char* title, const char* id, const PanelContext& context,
                 ImGuiWindowFlags extra_flags) {
    ImGui::SetNextWindowPos(context.position, ImGuiCond_Always);
    ImGui::SetNextWindowSize(context.size, ImGuiCond_Always);
    const bool open = ImGui::Begin(title, nullptr, kPanelFlags | extra_flags);
    context.widgets.record(std::string("panel.") + id, ImGui::GetWindowPos(),
                           ImVec2(ImGui::GetWindowPos().x + ImGui::GetWindowSize().x,
                                  ImGui::GetWindowPos().y + ImGui::GetWindowSize().y));
    return open;
}

void end_panel() {
    ImGui::End();
}

void record_table_columns(const PanelContext& context, const char* prefix) {
    ImGuiContext& g = *ImGui::GetCurrentContext();
    const ImGuiWindow* window = ImGui::GetCurrentWindowRead();
    for (int n = 0; n < g.Tables.GetMapSize(); ++n) {
        const ImGuiTable* table = g.Tables.TryGetMapData(n);
        if (table == nullptr || table->OuterWindow != window ||
            table->LastFrameActive != g.FrameCount) {
            continue;
        }
        const float top = table->OuterRect.Min.y;
        const float bottom = top + ImGui::GetFrameHeight();
        for (int column = 0; column < table->ColumnsCount; ++column) {
            if (!table->Columns[column].IsEnabled) {
                continue;
            }
            // The cell's content area: MinX and MaxX include padding that
            // reaches past the table's edges even when nothing is cut.
            context.widgets.record(
                std::string(prefix) + ".column." + ImGui::TableGetColumnName(table, column),
                ImVec2(table->Columns[column].WorkMinX, top),
                ImVec2(table->Columns[column].WorkMaxX, bottom));
        }
    }
}

bool named_button(const PanelContext& context, const char* label, const char* name, ImVec2 size) {
    const bool pressed = ImGui::Button(label, size);
    context.widgets.record_last_item(name);
    return pressed;
}

float button_width(const char* label) {
    return ImGui::CalcTextSize(label, nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2.0f;
}

void headers_with_help(std::initializer_list<const char*> help) {
    ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
    int column = 0;
    for (const char* text : help) {
        ImGui::TableSetColumnIndex(column);
        ImGui::TableHeader(ImGui::TableGetColumnName(column));
        if (text != nullptr && ImGui::IsItemHovered()) {
            ImGui::SetTooltip("%s", text);
        }
        ++column;
    }
}

void begin_disabled_if(bool disabled) {
    if (disabled) {
        ImGui::BeginDisabled();
    }
}

void end_disabled_if(bool disabled) {
    if (disabled) {
        ImGui::EndDisabled();
    }
}

}  // namespace quorum::dashboard
