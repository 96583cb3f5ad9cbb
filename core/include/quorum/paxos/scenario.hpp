// Single-decree Paxos's own conditions of the scenario language (parsed and
// evaluated by scenario.cpp, held in the syntax tree as ProtocolCondition):
// what a test of the parser compares with.
#pragma once

#include <optional>

#include "quorum/paxos/messages.hpp"

namespace quorum::paxos {

// `chosen` (a value is chosen), `chosen == <v>` (that value is).
struct ChosenIs {
    std::optional<Value> value;
    friend bool operator==(const ChosenIs&, const ChosenIs&) = default;
};

}  // namespace quorum::paxos
