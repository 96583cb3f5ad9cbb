// Running a parsed scenario against the simulator: each statement of the
// Scenario acts on one sim::Cluster, in order; expectations and the invariant
// checkers (run after every event) decide the outcome.
//
//     ParseResult parsed = parse_scenario(text);           // errors: exit code 2
//     RunReport report = run_scenario(parsed.scenario(), {.seed = 42});
//     if (!report.passed()) std::cerr << describe_failure("file.qs", report);  // exit code 1
//
// What the runner decides, beyond SCENARIOS.md:
//   - `log <id> <terms...>` entries are `put i<index> t<term>`, so entries
//     with the same index and term are the same entry on every node (the paper's
//     figures assume exactly that); `state` sets currentTerm and votedFor, and
//     a node with a log but no `state` starts at its last entry's term.
//   - `crash leader`, `isolate leader` and `remember x = leader` fail the run
//     when there is no leader at that moment, naming the line.
//   - Per-node conditions: `on all` counts crashed nodes as failing, `on live`
//     looks at live nodes only (true if none is live), `on majority` needs a
//     majority of all nodes. `leader != x` needs a leader (that is not x).
//   - `step` takes the earliest pending event whether or not hold is on.
//   - `expect violation <rule>`: a scenario with such a line does not stop at
//     the checkers' first violation; after every statement (and every event
//     of a `run until`) each new violation must be of a rule expected by an
//     earlier line, else the run fails as usual. At the end, every expected
//     rule must have been broken, else the run fails at its line. Raft's and
//     Multi-Paxos's checkers report their first violation only, so there a
//     lesson can show one; single-decree Paxos's keeps them all.
//   - `persist=off` (paxos) turns on paxos::Faults::acceptor_skips_persistence.
//   - `reconfigure ...` goes to the replica named by `via`, else to the
//     lowest-numbered live replica; it fails the run if that node is down.
//     `acceptors == 2,3,4 on ...` compares the configuration in effect at a
//     replica: the one governing its slot_out.
//   - Multi-Paxos (the simulator's cluster_multipaxos.cpp says more):
//     `leader` is the live active leader whose ballot no live acceptor has
//     gone beyond; `no leader`: no live leader is active; `term` is the round
//     of the highest ballot of a live node (acceptor or leader).
//     `committed` and `applied` are both a replica's decided slots, which it
//     applies in order (slot_out - 1: a decision beyond a hole waits). The
//     per-node scopes range over the replicas only: `on all` is every
//     replica, `on majority` a majority of replicas, and `on <id>` of a node
//     that is no replica sees 0 slots and an empty state machine. `agree`:
//     every live replica has applied the same decrees in the same slots.
//     `timeout=T` is the leader failure timeout: with backoff=on a passive
//     or preempted leader waits a random time in [3T/4, 3T/2] (150-300ms
//     for the default 200ms), with backoff=off exactly T; the heartbeat is
//     50ms, or a third of the shortest wait if that is less.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "quorum/history.hpp"
#include "quorum/scenario/ast.hpp"

namespace quorum::scenario {

struct RunOptions {
    std::optional<std::uint64_t> seed;  // overrides the file's seed
    bool trace = false;                 // keep the JSON trace lines in the report
};

enum class Outcome {
    Passed,
    ExpectationFailed,  // an expect, a run until, or a statement that could not act
    InvariantBroken,    // a checker caught a violation
    Unsupported,        // the algorithm has no core yet (none today: kept for older callers)
};

struct RunReport {
    Outcome outcome = Outcome::Passed;
    SourcePos pos;        // the statement that failed
    std::string message;  // what failed, in words
    std::uint64_t seed = 0;
    TimeUs time_us = 0;  // virtual time at the end (or at the failure)
    std::uint64_t events = 0;
    std::uint64_t messages = 0;
    std::vector<std::string> trace;
    History history;

    bool passed() const { return outcome == Outcome::Passed; }
};

RunReport run_scenario(const Scenario& scenario, const RunOptions& options = {});

// "file:line:col: <message> (seed S, t=1.234567s)".
std::string describe_failure(std::string_view file_name, const RunReport& report);

}  // namespace quorum::scenario
