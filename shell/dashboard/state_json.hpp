// The dashboard's state as JSON and its commands from JSON: what
// window.quorum.state() and window.quorum.command({...}) carry (page_bridge).
// A command's JSON is parsed into the dashboard's command (commands.hpp) and
// carried out by run_command(), the function clicks and keys go through; the
// state's per-node fields are the protocol's view's (protocol_view.hpp).
#pragma once

#include <string>

namespace quorum::dashboard {

class Dashboard;

// {"t":..,"algorithm":<registry name>,"playing":..,"nodes":[...],"inFlight":[...],...}
std::string state_json(Dashboard& dashboard);

// Runs one command, e.g. {"cmd":"kill","node":2}; answers
// {"ok":true} or {"ok":false,"error":"..."}.
std::string command_json(Dashboard& dashboard, const std::string& command);

}  // namespace quorum::dashboard
