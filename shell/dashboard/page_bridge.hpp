// The bridge between the dashboard and the page around it (web/boot.js, which
// builds `window.quorum` from it). In the page it tells JS when the first
// frames are drawn and answers JS's questions through exported C functions;
// on the desktop it does nothing.
#pragma once

namespace quorum::dashboard {

class Dashboard;

// The dashboard the exported functions talk to (one per process).
void page_attach(Dashboard& dashboard);

// Tells the page the dashboard has drawn complete frames: the loading
// indicator goes away and window.quorum.ready becomes true.
void page_mark_ready();

// Tells the page the dashboard stopped (an exception escaped a frame) and why:
// it shows `reason` instead of the canvas.
void page_report_stop(const char* reason);

}  // namespace quorum::dashboard

extern "C" {
// JSON object of the named widget rectangles of the last frame, CSS pixels.
const char* quorum_widgets_json();
void quorum_set_font_size(float size_px);
float quorum_font_size();
// window.quorum.state(): the cluster and the run as JSON (state_json.hpp).
const char* quorum_state_json();
// window.quorum.trace(): the run's trace, JSON lines (docs/scenarios.md).
const char* quorum_trace_text();
// window.quorum.history(): the client history, JSON lines (docs/scenarios.md).
const char* quorum_history_text();
// The space-time diagram as in view, as SVG (window.quorum.diagramSvg()).
const char* quorum_diagram_svg();
// window.quorum.command({...}): runs one command; answers {"ok":..,"error":..}.
const char* quorum_command_json(const char* command);
// window.quorum.frameTimes(): the recent frames' CPU time, {ui, render} in
// microseconds (frame_stats.hpp).
const char* quorum_frame_times_json();

// The workers runner's reports, called by web/workers.js once an envelope
// from the channel has passed its checks (web/channel.js).
// `memory_only`: IndexedDB is refused here; the disks live in the page.
void quorum_worker_opened(int memory_only);
void quorum_worker_booted(int node, int incarnation, const char* loaded, int size);
void quorum_worker_sent(int node, int incarnation, double seq, const char* output, int size);
void quorum_worker_disk_failed(int node, int incarnation, const char* reason);
void quorum_worker_rejected(int node, int incarnation, const char* reason);
// `node_mask` has bit n set for node n (one call, so one notice names them all).
// The tab that hosted these nodes (?join) was closed: they crashed.
void quorum_worker_host_lost(int node_mask);
// A ?join tab offered to host these nodes: those running here move there.
void quorum_worker_host_offered(int node_mask);
// The page started `node`'s worker in the tab `host` ("" for this tab).
void quorum_worker_placed(int node, const char* host);
// An envelope that failed the checks: counted under `reason`.
void quorum_worker_dropped(const char* reason);
}
