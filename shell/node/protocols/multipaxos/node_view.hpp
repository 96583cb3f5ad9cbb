// Multi-Paxos as quorum-node shows it (node_view.hpp): whether its leader is
// active, the acceptor's ballot round as the term, the pvalues it accepted
// as the log, the leader its ballot names; --dump prints the decisions, one
// line per slot: {"slot":s,"cmd":"put x 1","client":c,"seq":s}.
#pragma once

#include <string>

#include "node_view.hpp"
#include "quorum/multipaxos/protocol.hpp"

namespace quorum::node {

template <>
struct NodeView<multipaxos::Protocol> {
    static void describe(const multipaxos::Node& node, wire::NodeStatus& status) {
        const auto& leader = node.leader();
        status.role = leader && leader->active() ? "leader(active)" : "leader(passive)";
        status.term = node.acceptor().ballot_num().round;
        status.log_length = node.acceptor().accepted().size();
        status.leader = node.acceptor().ballot_num().leader;
    }
    static void dump(const multipaxos::DurableState& state, std::string& out) {
        for (const auto& [slot, decree] : state.decisions) {
            out += "{\"slot\":" + std::to_string(slot) + command_fields(decree.command) + "}\n";
        }
    }
};

}  // namespace quorum::node
