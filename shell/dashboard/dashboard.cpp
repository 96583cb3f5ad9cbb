#include "dashboard.hpp"

#include <SDL.h>
#include <imgui.h>

#include <algorithm>

namespace quorum::dashboard {

namespace {

// Quorum's accent: a blue that keeps its contrast on the dark theme and on a
// washed-out projector.
const ImVec4 kAccent{0.40f, 0.70f, 1.00f, 1.00f};

}  // namespace

void Dashboard::apply_style() {
    ImGuiStyle style;
    ImGui::StyleColorsDark(&style);
    style.WindowRounding = 4.0f;
    style.FrameRounding = 3.0f;
    style.WindowBorderSize = 1.0f;
    style.Colors[ImGuiCol_TitleBgActive] = ImVec4(0.16f, 0.29f, 0.48f, 1.0f);
    style.ScaleAllSizes(fonts_.size_px() / Fonts::kDefaultSizePx);
    ImGui::GetStyle() = style;
}

void Dashboard::handle_shortcuts() {
    // ImGui 1.86's SDL backend indexes keys by SDL scancode (physical keys).
    const ImGuiIO& io = ImGui::GetIO();
    if (!io.KeyCtrl) {
        return;
    }
    if (ImGui::IsKeyPressed(SDL_SCANCODE_EQUALS) || ImGui::IsKeyPressed(SDL_SCANCODE_KP_PLUS)) {
        fonts_.request_size(fonts_.size_px() + 1.0f);
    }
    if (ImGui::IsKeyPressed(SDL_SCANCODE_MINUS) || ImGui::IsKeyPressed(SDL_SCANCODE_KP_MINUS)) {
        fonts_.request_size(fonts_.size_px() - 1.0f);
    }
    if (ImGui::IsKeyPressed(SDL_SCANCODE_0)) {
        fonts_.request_size(Fonts::kDefaultSizePx);
    }
}

void Dashboard::draw_title_bar() {
    if (!ImGui::BeginMainMenuBar()) {
        return;
    }
    ImGui::TextColored(kAccent, "Quorum");
    widgets_.record_last_item("title");
    ImGui::TextDisabled("consensus lab");
    if (ImGui::BeginMenu("View")) {
        if (ImGui::MenuItem("Larger text", "Ctrl +")) {
            fonts_.request_size(fonts_.size_px() + 1.0f);
        }
        if (ImGui::MenuItem("Smaller text", "Ctrl -")) {
            fonts_.request_size(fonts_.size_px() - 1.0f);
        }
        if (ImGui::MenuItem("Default text size", "Ctrl 0")) {
            fonts_.request_size(Fonts::kDefaultSizePx);
        }
        ImGui::EndMenu();
    }
    widgets_.record_last_item("menu.view");
    widgets_.record("titlebar", ImVec2(0, 0),
                    ImVec2(ImGui::GetIO().DisplaySize.x, ImGui::GetFrameHeight()));
    ImGui::EndMainMenuBar();
}

void Dashboard::draw() {
    widgets_.begin_frame();
    handle_shortcuts();
    draw_title_bar();

    // Below the title bar: Cluster on the left, About on the right, a gap
    // between them; About keeps a readable width on narrow screens.
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    const ImVec2 origin(viewport->WorkPos.x + gap, viewport->WorkPos.y + gap);
    const ImVec2 area(viewport->WorkSize.x - 2 * gap, viewport->WorkSize.y - 2 * gap);
    const float about_width =
        std::max(area.x * 0.3f, std::min(area.x * 0.5f, ImGui::GetFontSize() * 22.0f));
    const float cluster_width = area.x - about_width - gap;

    cluster_panel_.draw({origin, ImVec2(cluster_width, area.y), fonts_, widgets_});
    about_panel_.draw({ImVec2(origin.x + cluster_width + gap, origin.y),
                       ImVec2(about_width, area.y), fonts_, widgets_});
}

}  // namespace quorum::dashboard
