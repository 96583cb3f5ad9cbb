// Shrinking a failing run to a minimal scenario (docs/scenarios.md,
// "quorum-sim shrink"): delta debugging (Zeller and Hildebrandt, "Simplifying
// and Isolating Failure-Inducing Input", TSE 2002) over the scheduler's
// choices, each one scenario line.
//
// A run is a Replay: a head (the `cluster` line and the set-up lines, fixed)
// and steps, each a scenario line at a virtual time. The candidate made of
// some of the steps is the scenario
//
//     <head>
//     hold on
//     expect violation <rule>
//     run <gap>          # only where the next step's time is later: the clock
//     <step>             # moves, nothing else happens (manual mode)
//     ...
//
// and it "still fails" when it runs to its end passing: every step could act
// and the checkers caught a violation of that rule and of no other. ddmin
// keeps removing chunks while that holds; a last pass tries removing each
// remaining step alone, so the result is 1-minimal: removing any one step
// makes the violation go away (or a step unable to act). Then the `run` lines
// are dropped too if the violation does not need the clock to move.
//
// From a trace (replay_of_trace): deliveries, drops (whatever their reason:
// the replay has no loss and no duplication of its own), duplicates made by
// the network (as `duplicate` right after the send), timers (`fire`),
// crashes, restarts, partitions, isolations, blocks, heals and client
// operations (`client <cmd> via <first node>`) become steps. Client retries
// are no command: a replay that needs one does not reproduce. A trace does not
// carry the cluster's options beyond its protocol, size and seed (and, from
// the fuzzer, its role layout): the head is `cluster <algo> nodes=N seed=S
// loss=0 dup=0` plus the roles, unless the caller gives its own (the scenario
// that wrote the trace).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "quorum/json_reader.hpp"
#include "quorum/types.hpp"

namespace quorum::explore {

struct ReplayStep {
    TimeUs time_us = 0;
    std::string line;  // "deliver 1 -> 2 RequestVote"
    friend bool operator==(const ReplayStep&, const ReplayStep&) = default;
};

struct Replay {
    std::string head;  // the cluster line and set-up lines, newline-terminated
    std::vector<ReplayStep> steps;
};

// The scenario text of `replay` with these steps (see above); `rule` empty:
// no `expect violation` line. With `timed` false, no `run` lines.
std::string replay_scenario(const Replay& replay, const std::vector<ReplayStep>& steps,
                            std::string_view rule, bool timed = true);

// The first rule the replay's steps break, all of them run in order; nullopt
// if none (or the text does not parse: a head of the caller's that is wrong).
std::optional<std::string> first_violation(const Replay& replay);

// Whether the scenario of these steps runs to its end with `rule` broken and
// nothing else failing.
bool still_fails(const Replay& replay, const std::vector<ReplayStep>& steps, std::string_view rule,
                 bool timed = true);

struct Shrunk {
    std::vector<ReplayStep> steps;
    bool timed = true;       // whether the `run` lines are needed
    bool minimal = true;     // false: max_runs ran out first (smaller, not 1-minimal)
    std::uint64_t runs = 0;  // scenarios run while shrinking
};

// ddmin, then the 1-minimality pass, running at most `max_runs` scenarios (0:
// no bound). Precondition: still_fails(replay, replay.steps, rule).
Shrunk shrink(const Replay& replay, std::string_view rule, std::uint64_t max_runs = 0);

// A trace (already read and validated by trace::read_trace: `text` is its
// file) as a Replay. `head`: the caller's cluster and set-up lines, or empty
// for the trace's own. Errors (a trace without a `cluster` line and no head)
// come back as the message.
struct ReplayOfTrace {
    std::optional<Replay> replay;
    std::string error;
};
ReplayOfTrace replay_of_trace(std::string_view text, std::string_view head = {});

}  // namespace quorum::explore
