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

}  // namespace quorum::dashboard

extern "C" {
// JSON object of the named widget rectangles of the last frame, CSS pixels.
const char* quorum_widgets_json();
void quorum_set_font_size(float size_px);
float quorum_font_size();
// window.quorum.state(): the cluster and the run as JSON (state_json.hpp).
const char* quorum_state_json();
// window.quorum.command({...}): runs one command; answers {"ok":..,"error":..}.
const char* quorum_command_json(const char* command);
// window.quorum.frameTimes(): the recent frames' CPU time, {ui, render} in
// microseconds (frame_stats.hpp).
const char* quorum_frame_times_json();
}
