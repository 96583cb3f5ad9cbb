// A broken safety rule, as every protocol's checker reports it: the rule, a
// sentence naming what broke it, the nodes, the log index or slot, the time.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "quorum/types.hpp"

namespace quorum::sim {

struct Violation {
    std::string rule;     // "election safety", "agreement", ...
    std::string details;  // a sentence naming nodes, terms or ballots, and indexes or slots
    TimeUs time_us = 0;
    std::vector<NodeId> nodes;
    std::uint64_t index = 0;  // Raft: the log index; Multi-Paxos: the slot; 0: none

    // "election safety violated at t=1.234567s: nodes 1 and 3 ..."
    std::string to_string() const;
};

// The rules each protocol's checkers enforce, as Violation::rule spells them
// (raft_invariants.hpp, paxos_invariants.hpp and multipaxos_invariants.hpp
// say what each means). The scenario language's `expect violation <rule>`
// accepts exactly these.
inline constexpr std::string_view kRaftRules[] = {
    "election safety",      "leader append-only", "log matching",       "leader completeness",
    "state machine safety", "commit monotonic",   "acknowledged writes"};
inline constexpr std::string_view kPaxosRules[] = {"at most one value chosen",
                                                   "only a proposed value", "promise kept",
                                                   "learned value chosen", "one value per ballot"};
inline constexpr std::string_view kMultiPaxosRules[] = {
    "agreement", "slot order", "acceptor ballot monotonic", "validity", "adopted pvalues safe"};

// "1.234567s": virtual time, exactly, for messages.
std::string format_time(TimeUs time_us);

}  // namespace quorum::sim
