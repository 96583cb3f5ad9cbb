// Reading a trace back: the JSON lines of docs/scenarios.md ("Trace"), as
// quorum-sim --trace and the dashboard write them, into typed events.
//
//     TraceReadResult result = read_trace(text);   // the whole file, in memory
//     if (!result.ok()) {
//         std::cerr << json::format_error("run.jsonl", result.error()) << '\n';  // exit 2
//         return 2;
//     }
//     for (const trace::Event& event : result.trace().events) ...
//
// Like the scenario parser, the reader checks the whole file before it returns
// anything, so a checker never runs on half a trace: the first bad line is the
// answer, as `file:line:col: message`. A line is rejected when
//   - it is not JSON (the column is the byte where the JSON parser stopped;
//     a truncated line points just past its end), or it is empty;
//   - it is not an object;
//   - `t` is missing or not a whole number of microseconds, or smaller than
//     the `t` of the line before (time never goes back);
//   - `ev` is missing or not a non-empty string;
//   - a field of a known event (table below) is missing or of the wrong type,
//     or a node id is outside 1..N (N from the `cluster` line; 1..9 without
//     one), or a `role` is not one the protocols have;
//   - a `cluster` line is not the first line.
// Fields not in the table, and events not in it (`fuzz`, `failure`, and
// whatever later versions add), are accepted as they are: docs/scenarios.md lists
// what a trace has "at least".
//
// clang-format off
// | ev        | fields (? optional)                                                  | typed as    |
// |-----------|----------------------------------------------------------------------|-------------|
// | cluster   | algo string, nodes 1..9, seed whole                                  | ClusterStart|
// | send      | id, from, to (node or client address), type string, dup? bool,       | Send        |
// |           | due? whole, msg? object                                              |             |
// | deliver   | id                                                                   | Deliver     |
// | drop      | id, why? string                                                      | Drop        |
// | timer     | node                                                                 | Timer       |
// | role      | node, role (follower, pre-candidate, candidate, leader, passive),    | RoleChange  |
// |           | term, or ballot "r.n" (round r of leader n): exactly one              |             |
// | apply     | node, index or slot (exactly one, >= 1), term? whole, cmd string     | Apply       |
// | crash     | node                                                                 | Crash       |
// | restart   | node                                                                 | Restart     |
// | chosen    | instance whole, value string                                         | Chosen      |
// | isolate   | node                                                                 | Other       |
// | block     | from node, to node                                                   | Other       |
// | partition | groups array                                                         | Other       |
// | heal      | (none)                                                               | Other       |
// | net       | loss? number, dup? number, latency_min? whole, latency_max? whole,   | Other       |
// |           | reorder? bool                                                        |             |
// | client    | client whole, cmd string, to? node                                   | Other       |
// | retry     | client whole, to node                                                | Other       |
// | answer    | client whole, ok bool, result? string or null                        | Other       |
// clang-format on
//
// Deterministic, no I/O (the caller reads the file), never throws.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "quorum/json_reader.hpp"
#include "quorum/types.hpp"

namespace quorum::trace {

struct ClusterStart {
    std::string algo;
    NodeId nodes = 0;
    std::uint64_t seed = 0;
};
struct Send {
    std::uint64_t id = 0;
    NodeId from = kNoNode;  // a node id, or a client's address (kClientAddressBase + client)
    NodeId to = kNoNode;
    std::string type;
    bool duplicate = false;
    std::optional<TimeUs> due_us;
};
struct Deliver {
    std::uint64_t id = 0;
};
struct Drop {
    std::uint64_t id = 0;
    std::string why;
};
struct Timer {
    NodeId node = kNoNode;
};
struct RoleChange {
    NodeId node = kNoNode;
    std::string role;        // "follower", "pre-candidate", "candidate", "leader"; "passive"
    std::uint64_t term = 0;  // of a protocol with terms; 0 on a line with a ballot
    std::string ballot;      // of one with ballots ("3.2": round 3 of leader 2); else empty
};
// A log is applied by `index`, a sequence of decrees by `slot`.
struct Apply {
    NodeId node = kNoNode;
    bool slot = false;           // position is a slot, not a log index
    std::uint64_t position = 0;  // the index or the slot, >= 1
    std::optional<std::uint64_t> term;
    std::string cmd;
};
struct Crash {
    NodeId node = kNoNode;
};
struct Restart {
    NodeId node = kNoNode;
};
struct Chosen {  // one decree's value
    std::uint64_t instance = 0;
    std::string value;
};
// An event the checkers do not read (its known fields were still checked).
struct Other {};

using EventData = std::variant<Other, ClusterStart, Send, Deliver, Drop, Timer, RoleChange, Apply,
                               Crash, Restart, Chosen>;

struct Event {
    int line = 0;    // 1-based line of the trace file
    TimeUs t = 0;    // virtual microseconds
    std::string ev;  // the event's name, as written
    EventData data;
};

struct Trace {
    std::optional<ClusterStart> cluster;  // the first line, if it is a `cluster` line
    std::vector<Event> events;            // one per line, in file order
};

// Either the whole Trace or the first error.
class TraceReadResult {
  public:
    explicit TraceReadResult(Trace trace) : outcome_(std::move(trace)) {}
    explicit TraceReadResult(json::LineError error) : outcome_(std::move(error)) {}

    bool ok() const { return std::holds_alternative<Trace>(outcome_); }
    // Preconditions: ok() for trace(), !ok() for error().
    const Trace& trace() const { return *std::get_if<Trace>(&outcome_); }
    const json::LineError& error() const { return *std::get_if<json::LineError>(&outcome_); }

  private:
    std::variant<Trace, json::LineError> outcome_;
};

// A whole trace file's text. An empty file is an error (a trace has at least
// one line).
TraceReadResult read_trace(std::string_view text);

}  // namespace quorum::trace
