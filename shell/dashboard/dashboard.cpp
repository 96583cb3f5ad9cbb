// [SECTION] Style        theme, projector mode
// [SECTION] Keys         text size, and the session's keys (space, arrows, 1-9, k, r, h, ?)
// [SECTION] Layout       the title bar, the fixed layout, the tabbed panels
#include "dashboard.hpp"

#include <SDL.h>
#include <imgui.h>

#include <algorithm>

namespace quorum::dashboard {

namespace {

constexpr double kExploreSliceMs = 8.0;  // of a 16.7 ms frame at 60 frames/s

// Quorum's accent: a blue that keeps its contrast on the dark theme and on a
// washed-out projector.
const ImVec4 kAccent{0.40f, 0.70f, 1.00f, 1.00f};

constexpr float kProjectorSizePx = 26.0f;

}  // namespace

// -----------------------------------------------------------------------------
// [SECTION] Style
// -----------------------------------------------------------------------------

void Dashboard::apply_style() {
    ImGuiStyle style;
    ImGui::StyleColorsDark(&style);
    style.WindowRounding = 4.0f;
    style.FrameRounding = 3.0f;
    style.WindowBorderSize = 1.0f;
    style.Colors[ImGuiCol_TitleBgActive] = ImVec4(0.16f, 0.29f, 0.48f, 1.0f);
    if (theme_.projector) {
        // A projector washes out greys: black behind, white text, thick borders.
        style.WindowBorderSize = 2.0f;
        style.FrameBorderSize = 1.0f;
        style.Colors[ImGuiCol_WindowBg] = ImVec4(0.0f, 0.0f, 0.0f, 1.0f);
        style.Colors[ImGuiCol_Text] = ImVec4(1.0f, 1.0f, 1.0f, 1.0f);
        style.Colors[ImGuiCol_TextDisabled] = ImVec4(0.80f, 0.80f, 0.80f, 1.0f);
        style.Colors[ImGuiCol_Border] = ImVec4(0.85f, 0.85f, 0.85f, 1.0f);
    }
    style.ScaleAllSizes(fonts_.size_px() / Fonts::kDefaultSizePx);
    ImGui::GetStyle() = style;
}

void Dashboard::set_projector(bool on) {
    if (on == theme_.projector) {
        return;
    }
    theme_.projector = on;
    if (on) {
        size_before_projector_px_ = fonts_.size_px();
        fonts_.request_size(std::max(fonts_.size_px(), kProjectorSizePx));
    } else {
        fonts_.request_size(size_before_projector_px_);
    }
    apply_style();
}

// -----------------------------------------------------------------------------
// [SECTION] Keys
// -----------------------------------------------------------------------------

void Dashboard::handle_shortcuts() {
    // ImGui 1.86's SDL backend indexes keys by SDL scancode (physical keys).
    const ImGuiIO& io = ImGui::GetIO();
    if (!io.KeyCtrl) {
        handle_session_keys();
        return;
    }
    // No key repeat: a slow frame (a 4K canvas in software GL) must not turn
    // one press into two.
    if (ImGui::IsKeyPressed(SDL_SCANCODE_EQUALS, false) ||
        ImGui::IsKeyPressed(SDL_SCANCODE_KP_PLUS, false)) {
        fonts_.request_size(fonts_.size_px() + 1.0f);
    }
    if (ImGui::IsKeyPressed(SDL_SCANCODE_MINUS, false) ||
        ImGui::IsKeyPressed(SDL_SCANCODE_KP_MINUS, false)) {
        fonts_.request_size(fonts_.size_px() - 1.0f);
    }
    if (ImGui::IsKeyPressed(SDL_SCANCODE_0, false)) {
        fonts_.request_size(Fonts::kDefaultSizePx);
    }
}

void Dashboard::handle_session_keys() {
    const ImGuiIO& io = ImGui::GetIO();
    if (io.WantTextInput || io.KeyAlt) {
        return;  // typing a key or a value into a field
    }
    if (ImGui::IsKeyPressed(SDL_SCANCODE_SPACE, false)) {
        command(cmd::Play{!session_.playing()});
    }
    // No key repeat: one press, one step, however slowly frames come.
    if (ImGui::IsKeyPressed(SDL_SCANCODE_RIGHT, false)) {
        command(cmd::Step{});
    }
    if (ImGui::IsKeyPressed(SDL_SCANCODE_LEFT, false)) {
        command(cmd::StepBack{});
    }
    for (int digit = 1; digit <= 9; ++digit) {
        if (ImGui::IsKeyPressed(SDL_SCANCODE_1 + digit - 1, false)) {
            command(cmd::SelectNode{static_cast<NodeId>(digit)});
        }
    }
    const Selection& selection = session_.selection();
    const NodeId selected = selection.kind == SelectionKind::Node ? selection.node : kNoNode;
    if (ImGui::IsKeyPressed(SDL_SCANCODE_K, false)) {
        command(cmd::Kill{selected});
    }
    if (ImGui::IsKeyPressed(SDL_SCANCODE_R, false)) {
        command(cmd::Restart{selected});
    }
    if (ImGui::IsKeyPressed(SDL_SCANCODE_H, false)) {
        command(cmd::Heal{});
    }
    if (ImGui::IsKeyPressed(SDL_SCANCODE_P, false)) {
        command(cmd::Projector{!theme_.projector});
    }
    if (io.KeyShift && ImGui::IsKeyPressed(SDL_SCANCODE_SLASH, false)) {
        show_keys_ = !show_keys_;
    }
    if (ImGui::IsKeyPressed(SDL_SCANCODE_ESCAPE, false)) {
        show_keys_ = false;
    }
}

void Dashboard::draw_keys_help() {
    if (!show_keys_) {
        return;
    }
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(ImVec2(viewport->WorkPos.x + viewport->WorkSize.x / 2,
                                   viewport->WorkPos.y + viewport->WorkSize.y / 2),
                            ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::Begin("Keys", &show_keys_,
                 ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoCollapse);
    widgets_.record("window.keys", ImGui::GetWindowPos(),
                    ImVec2(ImGui::GetWindowPos().x + ImGui::GetWindowSize().x,
                           ImGui::GetWindowPos().y + ImGui::GetWindowSize().y));
    static constexpr const char* kKeys[][2] = {
        {"Space", "play / pause"},        {"Right arrow", "step one event"},
        {"Left arrow", "step back"},      {"1 - 9", "select a node"},
        {"k", "kill the selected node"},  {"r", "restart the selected node"},
        {"h", "heal every partition"},    {"p", "projector mode"},
        {"Ctrl + / Ctrl -", "text size"}, {"?", "this help (Esc closes)"}};
    if (ImGui::BeginTable("keys", 2, ImGuiTableFlags_SizingFixedFit)) {
        for (const auto& key : kKeys) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextColored(kAccent, "%s", key[0]);
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(key[1]);
        }
        ImGui::EndTable();
    }
    ImGui::End();
}

// -----------------------------------------------------------------------------
// [SECTION] Layout
// -----------------------------------------------------------------------------

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
        if (ImGui::MenuItem("Projector mode", "p", theme_.projector)) {
            set_projector(!theme_.projector);
        }
        if (ImGui::MenuItem("Keys", "?", show_keys_)) {
            show_keys_ = !show_keys_;
        }
        ImGui::EndMenu();
    }
    widgets_.record_last_item("menu.view");
    if (ImGui::MenuItem("Lessons")) {
        lesson_panel_.open_picker();
    }
    widgets_.record_last_item("menu.lessons");
    widgets_.record("titlebar", ImVec2(0, 0),
                    ImVec2(ImGui::GetIO().DisplaySize.x, ImGui::GetFrameHeight()));
    ImGui::EndMainMenuBar();
}

PanelContext Dashboard::context(const Rect& rect) {
    return {rect.position, rect.size, fonts_, widgets_, session_, theme_, scenario_, command_};
}

namespace {

// One tab of a tabbed panel: its tab is a named widget, and while it is
// selected its content area is "panel.<id>".
template <typename Panel>
void tab(const PanelContext& context, const char* title, const char* id, Panel& panel,
         bool select = false) {
    const bool open =
        ImGui::BeginTabItem(title, nullptr, select ? ImGuiTabItemFlags_SetSelected : 0);
    context.widgets.record_last_item(std::string("tab.") + id);
    if (!open) {
        return;
    }
    const ImVec2 min = ImGui::GetCursorScreenPos();
    const ImVec2 available = ImGui::GetContentRegionAvail();
    context.widgets.record(std::string("panel.") + id, min,
                           ImVec2(min.x + available.x, min.y + available.y));
    panel.draw(context);
    ImGui::EndTabItem();
}

}  // namespace

void Dashboard::draw_bottom_tabs(const Rect& rect) {
    const PanelContext bottom = context(rect);
    // Holding messages is manual mode: show the pending events right away.
    const bool holding = session_.cluster().hold();
    const bool show_network = holding && !was_holding_;
    was_holding_ = holding;
    // A scenario just loaded: show its text.
    const bool show_scenario =
        scenario_.active(session_) && scenario_shown_for_run_ != session_.run_number();
    if (show_scenario) {
        scenario_shown_for_run_ = session_.run_number();
    }
    if (begin_panel("##details", "details", bottom, ImGuiWindowFlags_NoTitleBar) &&
        ImGui::BeginTabBar("details")) {
        tab(bottom, "Network", "network", network_panel_, show_network);
        tab(bottom, "Logs", "logs", logs_panel_);
        tab(bottom, "Events", "events", events_panel_);
        tab(bottom, "Diagram", "diagram", spacetime_panel_);
        tab(bottom, "History", "history", history_panel_);
        tab(bottom, "Scenario", "scenario", scenario_panel_, show_scenario);
        tab(bottom, "Explore", "explore", explore_panel_);
        ImGui::EndTabBar();
    }
    end_panel();
}

void Dashboard::draw_side_tabs(const Rect& rect) {
    const PanelContext side = context(rect);
    if (begin_panel("##side", "side", side, ImGuiWindowFlags_NoTitleBar) &&
        ImGui::BeginTabBar("side")) {
        tab(side, "Chaos", "chaos", chaos_panel_);
        tab(side, "Clients", "clients", clients_panel_);
        tab(side, session_.violation() ? "Invariants (!)###inv" : "Invariants###inv", "invariants",
            invariants_panel_);
        tab(side, "Setup", "setup", setup_panel_);
        tab(side, "About", "about", about_panel_);
        ImGui::EndTabBar();
    }
    end_panel();
}

void Dashboard::draw() {
    session_.advance(static_cast<double>(ImGui::GetIO().DeltaTime));
    scenario_.follow(session_);
    lesson_panel_.update(session_, scenario_);
    // The explorer's search (and look-ahead) in a slice of the frame: the
    // page keeps drawing while it runs (explore_panel.hpp).
    explore_run_.advance(session_, kExploreSliceMs);
    widgets_.begin_frame();
    handle_shortcuts();
    draw_title_bar();

    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    const ImGuiStyle& style = ImGui::GetStyle();
    const float gap = style.ItemSpacing.x;
    const ImVec2 origin(viewport->WorkPos.x + gap, viewport->WorkPos.y + gap);
    const ImVec2 area(viewport->WorkSize.x - 2 * gap, viewport->WorkSize.y - 2 * gap);
    const float font = ImGui::GetFontSize();

    // The time bar: one row of controls.
    const float bar_height = ImGui::GetFrameHeight() + 2 * style.WindowPadding.y;
    const PanelContext bar = context({origin, ImVec2(area.x, bar_height)});
    if (begin_panel("##time", "time", bar, ImGuiWindowFlags_NoTitleBar)) {
        time_panel_.draw(bar);
    }
    end_panel();

    // Below: the cluster and its details on the left, the inspector and the
    // controls on the right, which keep a readable width on narrow screens.
    const float top = origin.y + bar_height + gap;
    const float height = area.y - bar_height - gap;
    // On a projector the class looks at the cluster: it gets more of the
    // screen, the tables less (they scroll).
    const bool projector = theme_.projector;
    const float side_width = std::clamp(area.x * (projector ? 0.30f : 0.34f),
                                        std::min(font * 17.0f, area.x * 0.5f), area.x * 0.42f);
    const float left_width = area.x - side_width - gap;
    const float side_x = origin.x + left_width + gap;
    const float cluster_height = std::max(height * (projector ? 0.68f : 0.6f), font * 12.0f);
    const PanelContext cluster =
        context({ImVec2(origin.x, top), ImVec2(left_width, cluster_height)});
    if (begin_panel("Cluster", "cluster", cluster)) {
        cluster_panel_.draw(cluster);
    }
    end_panel();
    draw_bottom_tabs({ImVec2(origin.x, top + cluster_height + gap),
                      ImVec2(left_width, height - cluster_height - gap)});

    const float inspector_height = height * 0.42f;
    const PanelContext inspector =
        context({ImVec2(side_x, top), ImVec2(side_width, inspector_height)});
    if (begin_panel("Inspector", "inspector", inspector)) {
        inspector_panel_.draw(inspector);
    }
    end_panel();
    draw_side_tabs({ImVec2(side_x, top + inspector_height + gap),
                    ImVec2(side_width, height - inspector_height - gap)});
    draw_keys_help();
    lesson_panel_.draw(context({origin, area}));
}

}  // namespace quorum::dashboard
