// Nodes<P>: the simulator's host for the nodes of protocol P (a descriptor,
// quorum/protocol.hpp), the one implementation of sim::NodeHost. It holds the
// nodes (indexed by id, empty while crashed), what each made durable, the
// protocol's checker and the payloads of the messages in flight, and it is
// the host's half of the node contract (quorum/node_contract.hpp): each
// input's Ready is persisted, then checked and traced, and only then are its
// messages sent.
//
// Code that knows the protocol reads this typed state with
// cluster.nodes<P>(): the protocol's tests, its scenario conditions, its
// dashboard views.
#pragma once

#include <cassert>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "quorum/sim/cluster.hpp"
#include "quorum/state_hash.hpp"
#include "quorum/type_tag.hpp"
#include "quorum/wire/codec.hpp"

namespace quorum::sim {

template <Protocol P>
class Nodes final : public NodeHost {
  public:
    using Node = typename P::Node;
    using Config = typename Node::Config;
    using DurableState = typename Node::DurableState;
    using Ready = typename Node::Ready;
    using Message = typename Node::Message;
    using Checker = typename P::Checker;

    explicit Nodes(const ClusterConfig& cluster)
        : config_(P::node_config(cluster.config_of<P>(), cluster.nodes)),
          checking_(cluster.check_invariants),
          tracing_(cluster.trace),
          recording_(cluster.record_node_inputs),
          nodes_(cluster.nodes + 1),
          durable_(cluster.nodes + 1),
          checker_(config_) {}

    // --- Typed observation.
    const Config& config() const { return config_; }  // as the nodes got it
    const NodeSlots<Node>& slots() const { return nodes_; }
    // The node, which must be up.
    const Node& node(NodeId id) const { return *nodes_.at(id); }
    const Node* find(NodeId id) const {
        return id < nodes_.size() && nodes_[id] ? &*nodes_[id] : nullptr;
    }
    const DurableState& durable_state(NodeId id) const { return durable_.at(id); }
    const Checker& checker() const { return checker_; }
    // A message in flight, as its sender sent it, and its payload.
    const Message& message(const InFlight& flight) const { return messages_.at(flight.slot); }
    const typename Message::Payload& payload(const InFlight& flight) const {
        return message(flight).payload;
    }

    // --- Typed inputs, for code that knows the protocol.
    // Replaces a node's durable state and starts it from there: a paper
    // figure's set-up, before the run (the node must be up).
    void set_up(Cluster& cluster, NodeId id, DurableState durable);
    // An operator's input to one node (P::Operation, for a protocol that has
    // one: a reconfiguration); false if the node is down or does not take it. Not
    // with record_node_inputs: no NodeInput kind carries it.
    template <typename Q = P>
    bool operate(Cluster& cluster, NodeId id, const typename Q::Operation& operation);

    // --- NodeHost.
    std::unique_ptr<NodeHost> clone() const override { return std::make_unique<Nodes>(*this); }
    const void* protocol_tag() const override { return type_tag<P>(); }
    bool is_up(NodeId id) const override { return find(id) != nullptr; }
    void start(Cluster& cluster, NodeId id) override {
        nodes_[id].emplace(id, config_, durable_[id], cluster.node_random(id), cluster.now_);
    }
    void restart(Cluster& cluster, NodeId id) override {
        start(cluster, id);
        checker_.on_restart(id, *nodes_[id]);
    }
    void stop(NodeId id) override { nodes_[id].reset(); }
    TimeUs deadline(NodeId id) const override { return nodes_[id]->next_deadline(); }
    void deliver(Cluster& cluster, const InFlight& flight) override;
    void fire(Cluster& cluster, NodeId id) override;
    AnyDurableState durable(NodeId id) const override { return any_durable_state<P>(durable_[id]); }
    bool set_durable(NodeId id, AnyDurableState durable) override {
        const DurableState* state = durable.get<DurableState>();
        if (state == nullptr) {
            return false;
        }
        durable_[id] = *state;
        return true;
    }
    void duplicate(Cluster& cluster, const InFlight& original) override {
        place(cluster, Message(messages_.at(original.slot)), true);
    }
    void forget(const InFlight& flight) override { messages_.at(flight.slot) = Message{}; }
    void send_client_request(Cluster& cluster, NodeId from, NodeId to,
                             const SharedCommand& command) override {
        send(cluster, Message{from, to, ClientRequest{command}});
    }
    const ClientResponse* client_response(const InFlight& flight) const override {
        return std::get_if<ClientResponse>(&payload(flight));
    }
    std::string_view type_name(const InFlight& flight) const override {
        return P::type_name(payload(flight));
    }
    bool clients_follow_leader() const override { return P::kClientsFollowLeader; }
    std::optional<NodeId> leader() const override { return P::leader(nodes_); }
    std::uint64_t highest_term() const override { return P::highest_term(nodes_); }
    bool is_leader(NodeId id) const override { return P::is_leader(node(id)); }
    std::uint64_t committed(NodeId id) const override { return P::committed(node(id)); }
    std::uint64_t applied(NodeId id) const override { return P::applied(node(id)); }
    const StateMachine* state_machine(NodeId id) const override {
        return P::state_machine(node(id));
    }
    std::span<const Rule> rules() const override { return Checker::rules(); }
    void check(NodeId touched, TimeUs now_us) override { checker_.check(nodes_, touched, now_us); }
    void on_proposed(const Command& command) override { checker_.on_proposed(command); }
    void on_acknowledged(ClientId client, std::uint64_t sequence, TimeUs now_us) override {
        checker_.on_acknowledged(client, sequence, now_us);
    }
    const std::vector<Violation>& violations() const override { return checker_.violations(); }
    void hash_node(NodeId id, StateHasher& hasher) const override {
        const Node* node = find(id);
        hasher.word(node != nullptr ? 1 : 0);
        if (node != nullptr) {
            P::hash_node(hasher, *node);
        }
        P::hash_durable(hasher, durable_.at(id));
    }
    void hash_message(const InFlight& flight, StateHasher& hasher) const override {
        hasher.add(payload(flight));
    }
    // A protocol with interchangeable ids says so with the three renamed hashes.
    static constexpr bool kSymmetric =
        requires(StateHasher & h, const Node& n, const DurableState& d, const Message& m,
                 const NodeRenaming& r) {
        P::hash_node_renamed(h, n, r);
        P::hash_durable_renamed(h, d, r);
        P::hash_message_renamed(h, m.payload, r);
    };
    bool symmetric() const override { return kSymmetric; }
    void hash_node_renamed(NodeId id, const NodeRenaming& rename,
                           StateHasher& hasher) const override {
        if constexpr (kSymmetric) {
            const Node* node = find(id);
            hasher.word(node != nullptr ? 1 : 0);
            if (node != nullptr) {
                P::hash_node_renamed(hasher, *node, rename);
            }
            P::hash_durable_renamed(hasher, durable_.at(id), rename);
        } else {
            hash_node(id, hasher);
        }
    }
    void hash_message_renamed(const InFlight& flight, const NodeRenaming& rename,
                              StateHasher& hasher) const override {
        if constexpr (kSymmetric) {
            P::hash_message_renamed(hasher, payload(flight), rename);
        } else {
            hash_message(flight, hasher);
        }
    }

  private:
    // One input to node `id`: `input(node)` returns its Ready.
    template <typename Input>
    void take(Cluster& cluster, NodeId id, Input&& input);
    void send(Cluster& cluster, Message&& message);
    void place(Cluster& cluster, Message&& message, bool duplicate);

    Config config_;
    bool checking_;
    bool tracing_;
    bool recording_;
    NodeSlots<Node> nodes_;
    std::vector<DurableState> durable_;
    Checker checker_;
    std::vector<Message> messages_;  // payloads of messages in flight, by slot
};

// --- Definitions.

// The host's half of the node contract: the Ready's durable writes first,
// then the checker and the trace read what the input did, then its messages
// leave.
template <Protocol P>
template <typename Input>
void Nodes<P>::take(Cluster& cluster, NodeId id, Input&& input) {
    Node& node = *nodes_[id];
    const typename P::Summary before = checker_.summarize(node);
    Ready ready = input(node);
    ready.persist_to(durable_[id]);
    if (checking_ || requires { Checker::kFedWithChecksOff; }) {
        checker_.on_ready(id, node, before, ready, cluster.now_);
    }
    if (tracing_) {
        TraceWriter writer = cluster.trace_writer();
        P::trace_input(writer, id, node, before, ready, checker_);
    }
    for (Message& message : ready.messages) {
        send(cluster, std::move(message));
    }
    if constexpr (requires { node.recycle(std::move(ready)); }) {
        node.recycle(std::move(ready));  // its vectors serve the next input
    }
}

// The message is stepped where it lies, not moved out first: the node's
// messages leave only after its step returns (take), so one of them taking
// this freed slot cannot overwrite the message while the node reads it.
template <Protocol P>
void Nodes<P>::deliver(Cluster& cluster, const InFlight& flight) {
    const Message& message = messages_.at(flight.slot);
    const std::uint64_t sent_from = cluster.next_message_id_;
    std::optional<std::string> recorded;
    if (recording_) {
        recorded = wire::encode(message);
    }
    take(cluster, flight.to, [&](Node& node) { return node.step(message, cluster.now_); });
    if (!cluster.in_flight_.holds_since(flight.slot, sent_from)) {
        forget(flight);  // no new message took the slot: free the payload now
    }
    if (recording_) {
        cluster.record_input(flight.to, std::move(recorded), sent_from);
    }
}

template <Protocol P>
void Nodes<P>::fire(Cluster& cluster, NodeId id) {
    const std::uint64_t sent_from = cluster.next_message_id_;
    take(cluster, id, [&](Node& node) { return node.fire_timer(cluster.now_); });
    if (recording_) {
        cluster.record_input(id, std::nullopt, sent_from);
    }
}

template <Protocol P>
void Nodes<P>::send(Cluster& cluster, Message&& message) {
    if (cluster.send_counts_duplicate()) {
        place(cluster, Message(message), false);
        place(cluster, std::move(message), true);
    } else {
        place(cluster, std::move(message), false);
    }
}

template <Protocol P>
void Nodes<P>::place(Cluster& cluster, Message&& message, bool duplicate) {
    const InFlight& flight = cluster.enqueue(message.from, message.to, duplicate);
    if (messages_.size() <= flight.slot) {
        messages_.resize(flight.slot + 1);
    }
    Message& placed = messages_[flight.slot];
    placed = std::move(message);
    if (tracing_) {
        cluster.trace_send(flight, P::type_name(placed.payload), P::payload_json(placed.payload));
    }
}

template <Protocol P>
void Nodes<P>::set_up(Cluster& cluster, NodeId id, DurableState durable) {
    durable_.at(id) = std::move(durable);
    restart(cluster, id);
    cluster.refresh_deadline(id);
}

template <Protocol P>
template <typename Q>
bool Nodes<P>::operate(Cluster& cluster, NodeId id, const typename Q::Operation& operation) {
    assert(!recording_);
    if (!is_up(id) || !P::takes(*nodes_[id], operation)) {
        return false;
    }
    if (tracing_) {
        TraceWriter writer = cluster.trace_writer();
        P::trace_operation(writer, id, operation);
    }
    P::on_operation(checker_, operation);
    take(cluster, id, [&](Node& node) { return P::operate(node, operation, cluster.now_); });
    cluster.refresh_deadline(id);
    cluster.after_event(id);
    return true;
}

// --- The Cluster's typed doors.

template <Protocol P>
const Nodes<P>& Cluster::nodes() const {
    if (host_ == nullptr || host_->protocol_tag() != type_tag<P>()) {
        throw std::logic_error("this cluster does not run " + std::string(P::kName));
    }
    return static_cast<const Nodes<P>&>(*host_);
}

// The cluster's host, to act on it with a typed input (set_up, operate).
template <Protocol P>
Nodes<P>& host_of(Cluster& cluster) {
    if (cluster.host_ == nullptr || cluster.host_->protocol_tag() != type_tag<P>()) {
        throw std::logic_error("this cluster does not run " + std::string(P::kName));
    }
    return static_cast<Nodes<P>&>(*cluster.host_);
}

}  // namespace quorum::sim
