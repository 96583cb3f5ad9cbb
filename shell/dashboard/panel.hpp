// What every panel gets when it draws: where it goes on screen, a read-only
// view of the session and the scenario it shows, the one function that
// carries out its commands (commands.hpp), and the shared services (fonts,
// theme, the widget registry). Panels are plain structs with a draw(); none
// of them owns protocol state or names a protocol: what differs by protocol
// they ask of its view (protocol_view.hpp).
#pragma once

#include <imgui.h>

#include <functional>
#include <initializer_list>

#include "commands.hpp"

namespace quorum::dashboard {

class Fonts;
class ScenarioPlayer;
class Session;
class WidgetRegistry;
struct Theme;

// Carries out a command, as window.quorum.command() would; false if it
// could not act (the session's notice says why).
using CommandFunction = std::function<bool(const DashboardCommand&)>;

struct PanelContext {
    ImVec2 position;
    ImVec2 size;
    Fonts& fonts;
    WidgetRegistry& widgets;
    const Session& session;
    const Theme& theme;
    const ScenarioPlayer& scenario;
    const CommandFunction& command;
};

// A button that registers its rectangle as `name` for window.quorum.widgets().
// `size` {0,0}: fits the label; a fixed size keeps the buttons after it in
// place whatever this one says.
bool named_button(const PanelContext& context, const char* label, const char* name,
                  ImVec2 size = ImVec2(0, 0));
// The width of a button labelled `label` (to size several alike).
float button_width(const char* label);

// A table's header row (after TableSetupColumn) whose cells explain
// themselves when hovered: one sentence per column, or null for none.
void headers_with_help(std::initializer_list<const char*> help);

// Disabled look and no clicks for the widgets between begin and end (ImGui
// 1.86 has BeginDisabled; this keeps the call sites short).
void begin_disabled_if(bool disabled);
void end_disabled_if(bool disabled);

// Opens a panel window at a fixed place in the layout and records its
// rectangle as "panel.<id>". Returns false if it is collapsed; call
// end_panel() either way.
bool begin_panel(const char* title, const char* id, const PanelContext& context,
                 ImGuiWindowFlags extra_flags = 0);
void end_panel();

// Records the header cell of every column of the tables drawn in the current
// window this frame as "<prefix>.column.<name>", so a test can see a column
// that a narrow window pushes past the panel's edge (its buttons are then
// never drawn, so they have no rectangle of their own to check).
void record_table_columns(const PanelContext& context, const char* prefix);

}  // namespace quorum::dashboard
