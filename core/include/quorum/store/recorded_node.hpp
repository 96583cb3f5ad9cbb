// A node of protocol P whose durable writes become records: the half of the
// node contract that every host keeping records shares (a worker's
// store::StoredNode, a native quorum-node's driver). Built exactly as the
// simulator builds its node (the protocol's node_config(), node_random(seed,
// node, incarnation)), so the same inputs give the same outputs.
//
// take() turns one Ready into the records of its writes, laid out by the
// protocol (its records.cpp), and hands over its messages; the host makes the
// records durable before it sends any of them.
#pragma once

#include <cstdint>
#include <utility>

#include "quorum/cluster_config.hpp"
#include "quorum/protocol.hpp"
#include "quorum/store/records.hpp"

namespace quorum::store {

template <Protocol P>
class RecordedNode {
  public:
    using Node = typename P::Node;
    using DurableState = typename Node::DurableState;
    using Message = typename Node::Message;

    RecordedNode(const ClusterConfig& config, NodeId id, std::uint32_t incarnation,
                 DurableState durable, TimeUs now)
        : durable_(durable),
          node_(id, P::node_config(config.config_of<P>(), config.nodes), std::move(durable),
                node_random(config.seed, id, incarnation), now) {}

    Node& node() { return node_; }
    const Node& node() const { return node_; }

    // The Ready's writes appended to `writes` as records, then each of its
    // messages to `on_message`.
    template <typename OnMessage>
    void take(typename Node::Ready ready, Batch& writes, OnMessage&& on_message) {
        ready.persist_to(durable_);
        P::append_records(writes, ready, durable_);
        for (const Message& message : ready.messages) {
            on_message(message);
        }
    }

  private:
    DurableState durable_;  // as the records have it
    Node node_;
};

}  // namespace quorum::store
