#include "page_bridge.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "dashboard.hpp"
#include "quorum/history_json.hpp"
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

#ifdef __EMSCRIPTEN__
// Named parameters: EM_ASM's $0 is an identifier -Wpedantic refuses.
// clang-format off
EM_JS(void, quorum_report_stop, (const char* reason), {
    if (Module["onDashboardStopped"])
        Module["onDashboardStopped"](UTF8ToString(reason));
});
// clang-format on
#endif

void page_report_stop(const char* reason) {
#ifdef __EMSCRIPTEN__
    quorum_report_stop(reason);
#else
    (void)reason;
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

const char* quorum_trace_text() {
    static std::string text;
    text.clear();
    if (attached_dashboard != nullptr) {
        for (const auto& event : attached_dashboard->session().events()) {
            text += event.raw;
            text += '\n';
        }
    }
    return text.c_str();
}

const char* quorum_history_text() {
    static std::string text;
    text.clear();
    if (attached_dashboard != nullptr) {
        for (const auto& operation : attached_dashboard->session().cluster().history()) {
            text += quorum::to_json_line(operation);
            text += '\n';
        }
    }
    return text.c_str();
}

const char* quorum_diagram_svg() {
    static std::string svg;
    svg = attached_dashboard != nullptr
              ? attached_dashboard->spacetime().svg(attached_dashboard->session())
              : "";
    return svg.c_str();
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

namespace {

quorum::dashboard::Session* attached_session() {
    return attached_dashboard != nullptr ? &attached_dashboard->session() : nullptr;
}

quorum::NodeId as_node(int node) {
    return node > 0 ? static_cast<quorum::NodeId>(node) : quorum::kNoNode;
}

std::uint32_t as_incarnation(int incarnation) {
    return static_cast<std::uint32_t>(incarnation);
}

std::vector<quorum::NodeId> nodes_of(int node_mask) {
    std::vector<quorum::NodeId> nodes;
    for (int node = 1; node < 31; ++node) {
        if ((node_mask >> node) & 1) {
            nodes.push_back(static_cast<quorum::NodeId>(node));
        }
    }
    return nodes;
}

std::string_view bytes(const char* data, int size) {
    return {data, static_cast<std::size_t>(size)};
}

}  // namespace

void quorum_worker_opened(int memory_only) {
    if (auto* session = attached_session()) {
        session->worker_opened(memory_only != 0);
    }
}

void quorum_worker_booted(int node, int incarnation, const char* loaded, int size) {
    if (auto* session = attached_session()) {
        session->worker_booted(as_node(node), as_incarnation(incarnation), bytes(loaded, size));
    }
}

void quorum_worker_sent(int node, int incarnation, double seq, const char* output, int size) {
    if (auto* session = attached_session()) {
        session->worker_sent(as_node(node), as_incarnation(incarnation),
                             static_cast<std::uint64_t>(seq), bytes(output, size));
    }
}

void quorum_worker_disk_failed(int node, int incarnation, const char* reason) {
    if (auto* session = attached_session()) {
        session->worker_disk_failed(as_node(node), as_incarnation(incarnation), reason);
    }
}

void quorum_worker_rejected(int node, int incarnation, const char* reason) {
    if (auto* session = attached_session()) {
        session->worker_rejected(as_node(node), as_incarnation(incarnation), reason);
    }
}

void quorum_worker_host_lost(int node_mask) {
    if (auto* session = attached_session()) {
        session->worker_host_lost(nodes_of(node_mask));
    }
}

void quorum_worker_host_offered(int node_mask) {
    if (auto* session = attached_session()) {
        session->worker_host_offered(nodes_of(node_mask));
    }
}

void quorum_worker_placed(int node, const char* host) {
    if (auto* session = attached_session()) {
        session->worker_placed(as_node(node), host);
    }
}

void quorum_worker_dropped(const char* reason) {
    if (auto* session = attached_session()) {
        session->worker_dropped(reason);
    }
}
