// A node alone, with its writes as records: see stored_node.hpp.
#include "quorum/store/stored_node.hpp"

#include <utility>

#include "quorum/wire/codec.hpp"

namespace quorum::store {

namespace {

using NodeVariant = std::variant<raft::Node, paxos::Node, multipaxos::Node>;

NodeVariant build(const sim::ClusterConfig& given, NodeId node, std::uint32_t incarnation,
                  sim::AnyDurableState durable, TimeUs now) {
    const sim::ClusterConfig config = sim::with_defaults(given);
    Random random = sim::node_random(config.seed, node, incarnation);
    switch (config.algorithm) {
        case sim::Algorithm::Paxos:
            return NodeVariant(std::in_place_type<paxos::Node>, node, config.paxos,
                               std::get<paxos::DurableState>(std::move(durable)), random, now);
        case sim::Algorithm::MultiPaxos:
            return NodeVariant(std::in_place_type<multipaxos::Node>, node, config.multipaxos,
                               std::get<multipaxos::DurableState>(std::move(durable)), random, now);
        case sim::Algorithm::Raft:
            break;
    }
    return NodeVariant(std::in_place_type<raft::Node>, node, config.raft,
                       std::get<raft::DurableState>(std::move(durable)), random, now);
}

}  // namespace

StoredNode::StoredNode(const sim::ClusterConfig& config, NodeId node, std::uint32_t incarnation,
                       sim::AnyDurableState durable, TimeUs now)
    : id_(node),
      node_(build(config, node, incarnation, durable, now)),
      paxos_state_(std::holds_alternative<paxos::DurableState>(durable)
                       ? std::get<paxos::DurableState>(durable)
                       : paxos::DurableState{}) {}

// `input(node)` returns the node's Ready for one input.
template <typename Input>
StoredNode::Output StoredNode::take(Input&& input) {
    Output output;
    std::visit(
        [&](auto& node) {
            auto ready = input(node);
            using ReadyType = decltype(ready);
            if constexpr (std::is_same_v<ReadyType, paxos::Ready>) {
                ready.persist_to(paxos_state_);
                append_ops(output.writes, ready, paxos_state_);
            } else {
                append_ops(output.writes, ready);
            }
            output.messages = std::move(ready.messages);
        },
        node_);
    return output;
}

StoredNode::Output StoredNode::step(const Message& message, TimeUs now) {
    return take([&](auto& node) { return node.step(message, now); });
}

StoredNode::Output StoredNode::fire_timer(TimeUs now) {
    return take([&](auto& node) { return node.fire_timer(now); });
}

TimeUs StoredNode::next_deadline() const {
    return std::visit([](const auto& node) { return node.next_deadline(); }, node_);
}

std::string frame_messages(const std::vector<Message>& messages) {
    std::string framed;
    put_u32(framed, static_cast<std::uint32_t>(messages.size()));
    for (const Message& message : messages) {
        const std::string bytes = wire::encode(message);
        put_u32(framed, static_cast<std::uint32_t>(bytes.size()));
        framed += bytes;
    }
    return framed;
}

}  // namespace quorum::store
