#include "widget_registry.hpp"

#include <imgui.h>

#include <nlohmann/json.hpp>

namespace quorum::dashboard {

void WidgetRegistry::begin_frame() {
    rects_.clear();
}

void WidgetRegistry::record_last_item(const std::string& name) {
    record(name, ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
}

void WidgetRegistry::record(const std::string& name, const ImVec2& min, const ImVec2& max) {
    rects_[name] = WidgetRect{min.x, min.y, max.x - min.x, max.y - min.y};
}

std::string WidgetRegistry::to_json() const {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& [name, rect] : rects_) {
        out[name] = {{"x", rect.x}, {"y", rect.y}, {"width", rect.width}, {"height", rect.height}};
    }
    return out.dump();
}

}  // namespace quorum::dashboard
