// Single-decree Paxos as quorum-node shows it (node_view.hpp): every node
// proposes, so the role is its proposer's phase, the term its acceptor's
// promised round, the "log" 1 once it accepted a proposal; --dump prints the
// acceptor: {"promised":"r.n","accepted":"r.n"|null,"value":v|null}.
#pragma once

#include <string>

#include "node_view.hpp"
#include "quorum/json_escape.hpp"
#include "quorum/paxos/protocol.hpp"

namespace quorum::node {

template <>
struct NodeView<paxos::Protocol> {
    static void describe(const paxos::Node& node, wire::NodeStatus& status) {
        status.role = std::string("proposer(") + paxos::phase_name(node.phase()) + ")";
        status.term = node.promised().round;
        status.log_length = node.accepted() ? 1 : 0;
        status.leader = node.id();
    }
    static void dump(const paxos::DurableState& state, std::string& out) {
        const auto& accepted = state.acceptor.accepted;
        out += "{\"promised\":\"" + state.acceptor.promised.to_string() + "\",\"accepted\":" +
               (accepted ? "\"" + accepted->ballot.to_string() + "\"" : "null") +
               ",\"value\":" + (accepted ? json_string(accepted->value) : "null") + "}\n";
    }
};

}  // namespace quorum::node
