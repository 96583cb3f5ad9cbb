#include "page_bridge.hpp"

#include <string>

#include "dashboard.hpp"
#include "state_json.hpp"

#ifdef __EMSCRIPTEN__
#include <emscripten.h>
#endif

namespace quorum::dashboard {

namespace {

// The shell's one piece of global state: exported C functions have no other
// way to reach the dashboard that main() owns.
Dashboard* attached_dashboard = nullptr;

}  // namespace

void page_attach(Dashboard& dashboard) {
    attached_dashboard = &dashboard;
}

void page_mark_ready() {
#ifdef __EMSCRIPTEN__
    EM_ASM({
        if (Module["onDashboardReady"])
            Module["onDashboardReady"]();
    });
#endif
}

}  // namespace quorum::dashboard

using quorum::dashboard::attached_dashboard;

const char* quorum_widgets_json() {
    static std::string json;
    json = attached_dashboard != nullptr ? attached_dashboard->widgets().to_json() : "{}";
    return json.c_str();
}

void quorum_set_font_size(float size_px) {
    if (attached_dashboard != nullptr) {
        attached_dashboard->fonts().request_size(size_px);
    }
}

float quorum_font_size() {
    return attached_dashboard != nullptr ? attached_dashboard->fonts().size_px() : 0.0f;
}

const char* quorum_state_json() {
    static std::string json;
    json =
        attached_dashboard != nullptr ? quorum::dashboard::state_json(*attached_dashboard) : "null";
    return json.c_str();
}

const char* quorum_command_json(const char* command) {
    static std::string json;
    json = attached_dashboard != nullptr
               ? quorum::dashboard::command_json(*attached_dashboard, command)
               : R"({"ok":false,"error":"the dashboard is not running"})";
    return json.c_str();
}

const char* quorum_frame_times_json() {
    static std::string json;
    json = attached_dashboard != nullptr ? attached_dashboard->frame_stats().to_json() : "[]";
    return json.c_str();
}
