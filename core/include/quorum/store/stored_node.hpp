// One node of any protocol, alone, turning each input into the records its
// durable writes become and the messages it sends: the node a Web Worker
// hosts in the page's workers runner (shell/worker), and what the tests use
// to check that such a node stays the twin of the simulator's.
//
// It is built exactly as sim::Cluster builds its node (with_defaults(),
// node_random(seed, node, incarnation), the same durable state and time), so
// the same inputs give the same outputs, byte for byte.
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "quorum/message.hpp"
#include "quorum/sim/cluster.hpp"
#include "quorum/store/records.hpp"

namespace quorum::store {

class StoredNode {
  public:
    // The writes of one input, to be made durable before its messages leave.
    struct Output {
        Batch writes;
        std::vector<Message> messages;
    };

    StoredNode(const sim::ClusterConfig& config, NodeId node, std::uint32_t incarnation,
               sim::AnyDurableState durable, TimeUs now);

    Output step(const Message& message, TimeUs now);
    Output fire_timer(TimeUs now);
    TimeUs next_deadline() const;
    NodeId id() const { return id_; }

  private:
    template <typename Input>
    Output take(Input&& input);

    NodeId id_;
    std::variant<raft::Node, paxos::Node, multipaxos::Node> node_;
    paxos::DurableState paxos_state_;  // rewritten whole on each change
};

// A node's messages for one input as they cross from a worker to the
// scheduler: u32 count, then per message u32 size and its wire encoding
// (little-endian). The scheduler frames its own copy the same way and
// compares bytes.
std::string frame_messages(const std::vector<Message>& messages);

}  // namespace quorum::store
