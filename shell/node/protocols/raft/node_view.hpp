// Raft as quorum-node shows it (node_view.hpp): the role and current term,
// the log's length, the leader it follows; --dump prints the log, one line
// per entry: {"index":i,"term":t,"cmd":"put x 1","client":c,"seq":s}.
#pragma once

#include <string>

#include "node_view.hpp"
#include "quorum/raft/protocol.hpp"

namespace quorum::node {

template <>
struct NodeView<raft::Protocol> {
    static void describe(const raft::Node& node, wire::NodeStatus& status) {
        status.role = raft::role_name(node.role());
        status.term = node.current_term();
        status.log_length = node.last_index();
        status.leader = node.role() == raft::Role::Leader ? node.id() : node.leader_id();
    }
    static void dump(const raft::DurableState& state, std::string& out) {
        raft::LogIndex index = state.snapshot.last_included_index + 1;
        for (const raft::Entry& entry : state.log) {
            out += "{\"index\":" + std::to_string(index++) +
                   ",\"term\":" + std::to_string(entry.term) + command_fields(*entry.command) +
                   "}\n";
        }
    }
};

}  // namespace quorum::node
