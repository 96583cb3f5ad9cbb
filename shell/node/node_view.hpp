// What quorum-node shows of its node, in its protocol's own words: the
// status line quorum-ctl status prints (wire::NodeStatus) and the durable
// state quorum-node --dump prints as JSON lines. Everything else of a
// node process is written once for every protocol (driver.hpp).
//
// Each protocol's folder here (protocols/<name>/node_view.hpp) specializes
// NodeView for its descriptor; protocol_registry.hpp gathers them.
#pragma once

#include <string>

#include "quorum/command.hpp"
#include "quorum/json_escape.hpp"
#include "quorum/protocol.hpp"
#include "quorum/wire/status.hpp"

namespace quorum::node {

template <Protocol P>
struct NodeView;

template <typename View, typename P>
concept NodeViewOf = requires(const typename P::Node& node,
                              const typename P::Node::DurableState& durable,
                              wire::NodeStatus& status, std::string& out) {
    // Fills the node's role, term, log_length and leader (the host fills the
    // rest: id, algorithm, commit_index from the descriptor, counters).
    View::describe(node, status);
    // The durable state as JSON lines, one per entry, slot or acceptor,
    // appended to out (a string, not a stream: the wasm node prints it too,
    // and iostreams would add 32 KB gzip to quorum_node.wasm).
    View::dump(durable, out);
};

// A command in --dump's lines: ,"cmd":"put x 1","client":c,"seq":s
inline std::string command_fields(const Command& command) {
    return ",\"cmd\":" + json_string(command.to_string()) +
           ",\"client\":" + std::to_string(command.client) +
           ",\"seq\":" + std::to_string(command.sequence);
}

}  // namespace quorum::node
