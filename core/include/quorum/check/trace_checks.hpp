// Safety checkers that read a trace (quorum/trace_reader.hpp) instead of a
// live cluster: what `quorum-sim check` runs on a trace written by the CLI,
// exported by the dashboard, or edited by hand.
//
// The simulator checks its invariants after every event, against the nodes'
// whole state (each protocol's Checker). A trace holds less: it says
// who became leader of which term (`role` lines), what each node applied
// (`apply` lines) and what was chosen (`chosen` lines). From those alone:
//
//   one leader per term    two `role` lines with role "leader" and the same
//                          term but different nodes;
//   one command per        two `apply` lines at one index or slot whose `cmd`
//   position               differ, or whose `term` differ when both have one
//                          (a node applying the same entry again after a
//                          restart is fine);
//   one value chosen       two `chosen` lines for one instance with different
//                          `value`.
//
// Each fact breaks a rule of the protocol whose trace it is, named as that
// protocol's checker declares it (its descriptor's trace_rule(); a protocol
// has no rule for a fact its traces cannot show). A trace without a
// `cluster` line is judged as the first protocol of the registry with a rule
// for the fact.
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

// What a trace alone can show broken (see above).
enum class TraceFact { OneLeaderPerTerm, OneCommandPerPosition, OneValueChosen };

struct TraceViolation {
    std::string rule;      // the protocol's rule the fact breaks ("election safety", ...)
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
    std::string protocol;  // the `cluster` line's algo; empty if the trace has none

    bool ok() const { return !violation.has_value(); }
    // What was checked, rule by rule, for the verdict line: "election safety
    // (3 terms with a leader), state machine safety (12 applies at 4
    // indexes)": the rules of the trace's protocol, or every protocol's
    // first when it does not say.
    std::string summary() const;
};

TraceCheckResult check_trace(const trace::Trace& trace);

}  // namespace quorum::check
