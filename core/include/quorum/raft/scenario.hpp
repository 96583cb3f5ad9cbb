// Raft's own statements and conditions of the scenario language (parsed and
// run by scenario.cpp, held in the syntax tree as ProtocolStatement and
// ProtocolCondition): what a test of the parser compares with.
#pragma once

#include <vector>

#include "quorum/raft/messages.hpp"
#include "quorum/scenario/ast.hpp"

namespace quorum::raft {

// `log <id> <terms...>`
struct SetLog {
    NodeId node = kNoNode;
    std::vector<Term> terms;  // one entry per term, index order, non-decreasing, each >= 1
    friend bool operator==(const SetLog&, const SetLog&) = default;
};
// `state <id> term=<n> [vote=<id>|none]`
struct SetState {
    NodeId node = kNoNode;
    Term term = 0;
    NodeId voted_for = kNoNode;
    friend bool operator==(const SetState&, const SetState&) = default;
};
// `entry <index> term <op> <n> on <scope>`: the term of the entry at a log
// index, 0 where a node's log is shorter.
struct EntryTermIs {
    LogIndex index = 0;
    scenario::Comparison comparison = scenario::Comparison::Equal;
    scenario::NumberRef value;
    scenario::NodeScope on;
    friend bool operator==(const EntryTermIs&, const EntryTermIs&) = default;
};
// `snapshot <op> <n> on <scope>`: the index of a node's latest snapshot, 0
// while it has none.
struct SnapshotIs {
    scenario::Comparison comparison = scenario::Comparison::Equal;
    scenario::NumberRef value;
    scenario::NodeScope on;
    friend bool operator==(const SnapshotIs&, const SnapshotIs&) = default;
};

}  // namespace quorum::raft
