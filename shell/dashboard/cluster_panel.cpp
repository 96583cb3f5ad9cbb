#include "cluster_panel.hpp"

#include "widget_registry.hpp"

namespace quorum::dashboard {

void ClusterPanel::draw(const PanelContext& context) {
    if (begin_panel("Cluster", "cluster", context)) {
        const char* message = "No cluster loaded.";
        const ImVec2 text_size = ImGui::CalcTextSize(message);
        const ImVec2 available = ImGui::GetContentRegionAvail();
        ImGui::SetCursorPos(ImVec2(ImGui::GetCursorPosX() + (available.x - text_size.x) * 0.5f,
                                   ImGui::GetCursorPosY() + (available.y - text_size.y) * 0.5f));
        ImGui::TextDisabled("%s", message);
    }
    end_panel();
}

}  // namespace quorum::dashboard
