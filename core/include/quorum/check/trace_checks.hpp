// Safety checkers that read a trace (quorum/trace_reader.hpp) instead of a
// live cluster: what `quorum-sim check` runs on a trace written by the CLI,
// exported by the dashboard, or edited by hand.
//
// The simulator checks its invariants after every event, against the nodes'
// whole state (quorum/sim/raft_invariants.hpp). A trace holds less: it says
// who became leader of which term (`role` lines), what each node applied
// (`apply` lines) and what was chosen (`chosen` lines). From those alone:
//
//   election safety        at most one node is leader in a term: two `role`
//                          lines with role "leader" and the same term but
//                          different nodes break it (Raft, Figure 3);
//   state machine safety   no two nodes apply different entries at the same
//                          log index (Raft) or slot (Multi-Paxos): two `apply`
//                          lines at one index whose `cmd` differ, or whose
//                          `term` differ when both have one, break it; a node
//                          applying the same entry again (after a restart) is
//                          fine;
//   one value chosen       at most one value is chosen per instance: two
//                          `chosen` lines for one instance with different
//                          `value` break it (Paxos, P2).
//
// The first violation in trace order is reported, naming the rule, the
// nodes, the term or index, the time and the two trace lines that disagree.
// Deterministic, no I/O.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "quorum/trace_reader.hpp"
#include "quorum/types.hpp"

namespace quorum::check {

struct TraceViolation {
    std::string rule;      // "election safety", "state machine safety", "one value chosen"
    std::string details;   // a sentence naming nodes, terms, indexes and the earlier line
    int line = 0;          // the trace line that broke the rule
    int earlier_line = 0;  // the earlier line it contradicts
    TimeUs time_us = 0;    // `t` of `line`
    std::vector<NodeId> nodes;
    std::uint64_t term = 0;      // election safety: the term
    std::uint64_t position = 0;  // state machine safety: index or slot; chosen: the instance

    // "election safety violated at t=0.312000s: nodes 1 and 3 were both leader
    // of term 2 (node 1 on line 40)"; quorum-sim check puts `file:line: ` first.
    std::string to_string() const;
};

struct TraceCheckResult {
    std::optional<TraceViolation> violation;  // the first one, in trace order
    // What was checked, for the verdict line.
    std::uint64_t lines = 0;
    TimeUs end_us = 0;               // `t` of the last line
    std::uint64_t leader_terms = 0;  // terms that had a leader
    std::uint64_t applies = 0;       // `apply` lines
    std::uint64_t positions = 0;     // distinct indexes and slots applied
    std::uint64_t chosen_instances = 0;

    bool ok() const { return !violation.has_value(); }
};

TraceCheckResult check_trace(const trace::Trace& trace);

}  // namespace quorum::check
