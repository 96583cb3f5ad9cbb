// The dashboard: the title bar, the layout and the panels, drawn once per
// frame. It is platform-neutral: main.cpp owns the window, the GL context and
// the loop, and calls draw() between ImGui::NewFrame() and ImGui::Render().
//
// Layout: ImGui 1.86 from Debian is the non-docking branch, so panels sit in a
// fixed layout computed from the window size every frame; it adapts from
// 1280x720 to 4K and to any text size:
//
//   +-------------------------------------------------------------+
//   | Time: play, step, back, hold, speed, t                       |
//   +---------------------------------+---------------------------+
//   | Cluster (the ring)              | Inspector                 |
//   |                                 +---------------------------+
//   +---------------------------------+ Chaos|Clients|Invariants| |
//   | Network|Logs|Events|Diagram|    |  Setup|About              |
//   | History|Scenario                |                           |
//   +---------------------------------+---------------------------+
#pragma once

#include "about_panel.hpp"
#include "chaos_panel.hpp"
#include "clients_panel.hpp"
#include "cluster_panel.hpp"
#include "commands.hpp"
#include "events_panel.hpp"
#include "explore_panel.hpp"
#include "fonts.hpp"
#include "frame_stats.hpp"
#include "history_panel.hpp"
#include "inspector_panel.hpp"
#include "invariants_panel.hpp"
#include "lesson_panel.hpp"
#include "logs_panel.hpp"
#include "network_panel.hpp"
#include "scenario_panel.hpp"
#include "scenario_player.hpp"
#include "session.hpp"
#include "setup_panel.hpp"
#include "spacetime_panel.hpp"
#include "theme.hpp"
#include "time_panel.hpp"
#include "widget_registry.hpp"

namespace quorum::dashboard {

class Dashboard {
  public:
    // Once per frame: advances the run by the real time since the last frame
    // (ImGui's DeltaTime) times the speed, then draws.
    void draw();

    Fonts& fonts() { return fonts_; }
    WidgetRegistry& widgets() { return widgets_; }
    Session& session() { return session_; }
    ScenarioPlayer& scenario() { return scenario_; }
    LessonPanel& lessons() { return lesson_panel_; }
    FrameStats& frame_stats() { return frame_stats_; }
    SpaceTimePanel& spacetime() { return spacetime_panel_; }
    ExploreRun& explorer() { return explore_run_; }

    // The one door for commands: panels, keys and window.quorum.command().
    bool command(const DashboardCommand& command) { return run_command(*this, command); }

    // ImGui's style scaled to the current text size; call after fonts change.
    void apply_style();

    bool projector() const { return theme_.projector; }
    void set_projector(bool on);

  private:
    struct Rect {
        ImVec2 position;
        ImVec2 size;
    };

    void draw_title_bar();
    void draw_keys_help();
    void handle_shortcuts();
    void handle_session_keys();
    PanelContext context(const Rect& rect);
    void draw_bottom_tabs(const Rect& rect);
    void draw_side_tabs(const Rect& rect);

    Fonts fonts_;
    WidgetRegistry widgets_;
    Session session_{make_page_worker_host()};
    ScenarioPlayer scenario_;
    FrameStats frame_stats_;
    const CommandFunction command_ = [this](const DashboardCommand& c) { return command(c); };
    Theme theme_;
    bool show_keys_ = false;
    bool was_holding_ = false;
    std::uint64_t scenario_shown_for_run_ = 0;  // the run whose scenario tab was brought up
    float size_before_projector_px_ = Fonts::kDefaultSizePx;
    TimePanel time_panel_;
    ClusterPanel cluster_panel_;
    InspectorPanel inspector_panel_;
    NetworkPanel network_panel_;
    LogsPanel logs_panel_;
    EventsPanel events_panel_;
    SpaceTimePanel spacetime_panel_;
    HistoryPanel history_panel_;
    ScenarioPanel scenario_panel_;
    ChaosPanel chaos_panel_;
    ClientsPanel clients_panel_;
    InvariantsPanel invariants_panel_;
    SetupPanel setup_panel_;
    AboutPanel about_panel_;
    LessonPanel lesson_panel_;
    ExploreRun explore_run_;
    ExplorePanel explore_panel_{explore_run_};
};

}  // namespace quorum::dashboard
