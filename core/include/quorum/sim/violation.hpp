// A broken safety rule, as every checker reports it (Raft's, Paxos's): the
// rule, a sentence naming what broke it, when, and the nodes involved.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "quorum/types.hpp"

namespace quorum::sim {

struct Violation {
    std::string rule;     // "election safety", "at most one value chosen", ...
    std::string details;  // a sentence naming nodes, terms, indexes or ballots
    TimeUs time_us = 0;
    std::vector<NodeId> nodes;
    std::uint64_t index = 0;  // Raft: the log index involved; 0 when none

    // "election safety violated at t=1.234567s: nodes 1 and 3 ..."
    std::string to_string() const;
};

// "1.234567s": virtual time, exactly, for messages.
std::string format_time(TimeUs time_us);

}  // namespace quorum::sim
