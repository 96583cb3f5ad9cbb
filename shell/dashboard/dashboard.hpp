// The dashboard: the title bar, the layout and the panels, drawn once per
// frame. It is platform-neutral: main.cpp owns the window, the GL context and
// the loop, and calls draw() between ImGui::NewFrame() and ImGui::Render().
//
// Layout: ImGui 1.86 from Debian is the non-docking branch, so panels sit in a
// fixed layout computed from the window size every frame; it adapts from
// 1280x720 to 4K and to any text size.
#pragma once

#include "about_panel.hpp"
#include "cluster_panel.hpp"
#include "fonts.hpp"
#include "widget_registry.hpp"

namespace quorum::dashboard {

class Dashboard {
  public:
    void draw();

    Fonts& fonts() { return fonts_; }
    WidgetRegistry& widgets() { return widgets_; }

    // ImGui's style scaled to the current text size; call after fonts change.
    void apply_style();

  private:
    void draw_title_bar();
    void handle_shortcuts();

    Fonts fonts_;
    WidgetRegistry widgets_;
    ClusterPanel cluster_panel_;
    AboutPanel about_panel_;
};

}  // namespace quorum::dashboard
