#include "about_panel.hpp"

#include <SDL.h>

#include <string>

#include "fonts.hpp"
#include "protocols/registry.hpp"
#include "widget_registry.hpp"

namespace quorum::dashboard {

namespace {

// "A, B and C": every registered protocol, as its view names it in a sentence.
std::string protocols_in_text() {
    const auto algorithms = all_algorithms();
    std::string text;
    for (std::size_t i = 0; i < algorithms.size(); ++i) {
        text += i == 0 ? "" : (i + 1 == algorithms.size() ? " and " : ", ");
        text += protocol_view(algorithms[i]).name_in_text();
    }
    return text;
}

const char* platform_name() {
#ifdef __EMSCRIPTEN__
    return "WebAssembly (Emscripten), WebGL2";
#else
    return "desktop, OpenGL 3";
#endif
}

const char* compiler_name() {
#if defined(__clang__)
    return "clang " __clang_version__;
#elif defined(__GNUC__)
    return "g++ " __VERSION__;
#else
    return "unknown compiler";
#endif
}

void draw_text_size_control(const PanelContext& context) {
    ImGui::TextUnformatted("Text size");
    ImGui::SameLine();
    if (ImGui::Button(" - ")) {
        context.fonts.request_size(context.fonts.size_px() - 1.0f);
    }
    context.widgets.record_last_item("button.text_smaller");
    ImGui::SameLine();
    float size_px = context.fonts.size_px();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8.0f);
    if (ImGui::SliderFloat("##text_size", &size_px, Fonts::kMinSizePx, Fonts::kMaxSizePx, "%.0f px",
                           ImGuiSliderFlags_AlwaysClamp)) {
        context.fonts.request_size(size_px);
    }
    context.widgets.record_last_item("slider.text_size");
    ImGui::SameLine();
    if (ImGui::Button(" + ")) {
        context.fonts.request_size(context.fonts.size_px() + 1.0f);
    }
    context.widgets.record_last_item("button.text_larger");
    ImGui::TextDisabled("Ctrl + and Ctrl - also change it.");
}

void draw_build_info() {
    SDL_version sdl{};
    SDL_GetVersion(&sdl);
    ImGui::TextDisabled("Build");
    ImGui::BulletText("Quorum %s", QUORUM_VERSION);
    ImGui::BulletText("%s", platform_name());
    ImGui::BulletText("%s", compiler_name());
    ImGui::BulletText("Dear ImGui %s, SDL %d.%d.%d", IMGUI_VERSION, sdl.major, sdl.minor,
                      sdl.patch);
}

}  // namespace

void AboutPanel::draw(const PanelContext& context) {
    {
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted("Quorum, a consensus lab.");
        ImGui::Spacing();
        const std::string intro =
            protocols_in_text() +
            ", written once in C++ and run here in your browser, where you can crash nodes, cut "
            "the network and deliver every message by hand to see what the protocol does about "
            "it.";
        ImGui::TextUnformatted(intro.c_str());
        ImGui::Spacing();
        ImGui::TextDisabled("Press ? for the keys; p for projector mode.");
        ImGui::PopTextWrapPos();
        ImGui::Separator();
        draw_text_size_control(context);
        ImGui::Separator();
        draw_build_info();
    }
}

}  // namespace quorum::dashboard
