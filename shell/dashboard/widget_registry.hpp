// Named screen rectangles of the widgets drawn this frame.
//
// Browser tests and teachers' scripts ask `window.quorum.widgets()` where a
// button or panel is, then click real pixels there, instead of reaching into
// the UI's internals. Rectangles are in ImGui's coordinates, which are CSS
// pixels in the page (the device pixel ratio is applied below ImGui).
#pragma once

#include <map>
#include <string>

struct ImVec2;

namespace quorum::dashboard {

struct WidgetRect {
    float x = 0;
    float y = 0;
    float width = 0;
    float height = 0;
};

class WidgetRegistry {
  public:
    // Forgets last frame's widgets: a widget not drawn this frame is not there.
    void begin_frame();

    // Records the rectangle of the item ImGui drew last.
    void record_last_item(const std::string& name);
    void record(const std::string& name, const ImVec2& min, const ImVec2& max);

    const std::map<std::string, WidgetRect>& rects() const { return rects_; }

    // {"name": {"x":..,"y":..,"width":..,"height":..}, ...}
    std::string to_json() const;

  private:
    std::map<std::string, WidgetRect> rects_;
};

}  // namespace quorum::dashboard
