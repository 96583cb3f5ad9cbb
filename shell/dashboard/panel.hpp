// What every panel gets when it draws: where it goes on screen, and the shared
// services (fonts, the widget registry). Panels are plain structs with a
// draw(); none of them owns protocol state (DESIGN.md, "The dashboard").
#pragma once

#include <imgui.h>

namespace quorum::dashboard {

class Fonts;
class WidgetRegistry;

struct PanelContext {
    ImVec2 position;
    ImVec2 size;
    Fonts& fonts;
    WidgetRegistry& widgets;
};

// Opens a panel window at a fixed place in the layout and records its
// rectangle as "panel.<id>". Returns false if it is collapsed; call
// end_panel() either way.
bool begin_panel(const char* title, const char* id, const PanelContext& context);
void end_panel();

}  // namespace quorum::dashboard
