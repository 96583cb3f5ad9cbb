// Multi-Paxos's own statements and conditions of the scenario language
// (parsed and run by scenario.cpp, held in the syntax tree as
// ProtocolStatement and ProtocolCondition): what a test of the parser
// compares with.
#pragma once

#include <optional>
#include <vector>

#include "quorum/scenario/ast.hpp"
#include "quorum/types.hpp"

namespace quorum::multipaxos {

// `reconfigure leaders=<ids> acceptors=<ids> [via <id>]`.
struct Reconfigure {
    std::vector<NodeId> leaders;           // sorted, never empty
    std::vector<NodeId> acceptors;         // sorted, never empty
    std::optional<scenario::NodeRef> via;  // a replica (literal ids are checked to be one)
    friend bool operator==(const Reconfigure&, const Reconfigure&) = default;
};

// `acceptors == 2,3,4 on all`, `leaders != 1 on 2`.
enum class Part { Leaders, Acceptors };
struct ConfigurationIs {
    Part part = Part::Acceptors;
    scenario::Comparison comparison = scenario::Comparison::Equal;  // Equal or NotEqual only
    std::vector<NodeId> nodes;                                      // sorted, never empty
    scenario::NodeScope on;
    friend bool operator==(const ConfigurationIs&, const ConfigurationIs&) = default;
};

}  // namespace quorum::multipaxos
