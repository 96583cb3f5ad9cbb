// The scheduler: pending events, time, and the host side of the node contract
// (persist the Ready's durable writes, then send its messages).
#include "quorum/sim/cluster.hpp"

#include <algorithm>
#include <cassert>
#include <tuple>

namespace quorum::sim {

namespace {

// Random streams: the network and clients draw from the cluster's own
// generator; node i in its k-th life draws from fork(i * 1000 + k), so a
// restart gets fresh timeouts and other nodes' numbers do not shift.
constexpr std::uint64_t kIncarnationsPerNode = 1000;

bool event_before(const PendingEvent& a, const PendingEvent& b) {
    if (a.due_us != b.due_us) {
        return a.due_us < b.due_us;
    }
    if (a.kind != b.kind) {
        return a.kind < b.kind;
    }
    return std::tie(a.message_id, a.client, a.node) < std::tie(b.message_id, b.client, b.node);
}

}  // namespace

const char* algorithm_name(Algorithm algorithm) {
    switch (algorithm) {
        case Algorithm::Raft:
            return "raft";
        case Algorithm::Paxos:
            return "paxos";
        case Algorithm::MultiPaxos:
            return "multipaxos";
    }
    return "?";
}

Cluster::Cluster(ClusterConfig config)
    : config_(std::move(config)),
      random_(config_.seed),
      incarnation_(config_.nodes + 1, 0),
      last_due_on_link_((config_.nodes + 1) * (config_.nodes + 1), 0),
      reachability_(config_.nodes) {
    assert(config_.nodes >= 1 && config_.nodes <= kMaxNodes);
    config_ = with_defaults(std::move(config_));
    if (config_.trace) {
        trace(std::string("{\"t\":0,\"ev\":\"cluster\",\"algo\":\"") +
              algorithm_name(config_.algorithm) + "\",\"nodes\":" + std::to_string(config_.nodes) +
              ",\"seed\":" + std::to_string(config_.seed) + "}");
    }
    switch (config_.algorithm) {
        case Algorithm::Raft:
            nodes_.resize(config_.nodes + 1);
            durable_.resize(config_.nodes + 1);
            break;
        case Algorithm::Paxos:
            init_paxos();
            break;
        case Algorithm::MultiPaxos:
            init_multipaxos();
            break;
    }
    for (NodeId id = 1; id <= config_.nodes; ++id) {
        create_node(id);
        refresh_deadline(id);
    }
}

ClusterConfig with_defaults(ClusterConfig config) {
    config.raft.members.clear();
    for (NodeId id = 1; id <= config.nodes; ++id) {
        config.raft.members.push_back(id);
    }
    const auto every_node_if_empty = [&](std::vector<NodeId>& ids) {
        if (ids.empty()) {
            for (NodeId id = 1; id <= config.nodes; ++id) {
                ids.push_back(id);
            }
        }
    };
    every_node_if_empty(config.paxos.proposers);
    every_node_if_empty(config.paxos.acceptors);
    every_node_if_empty(config.paxos.learners);
    every_node_if_empty(config.multipaxos.replicas);
    every_node_if_empty(config.multipaxos.leaders);
    every_node_if_empty(config.multipaxos.acceptors);
    return config;
}

Random node_random(std::uint64_t seed, NodeId node, std::uint32_t incarnation) {
    return Random(seed).fork(node * kIncarnationsPerNode + incarnation);
}

Random Cluster::node_random(NodeId node) const {
    return sim::node_random(config_.seed, node, incarnation_[node]);
}

raft::Node Cluster::make_node(NodeId node) {
    return raft::Node(node, config_.raft, durable_[node], node_random(node), now_);
}

// -----------------------------------------------------------------------------
// The node's protocol: one switch per operation, so the scheduler above is
// the same for every protocol.
// -----------------------------------------------------------------------------

bool Cluster::is_up(NodeId node) const {
    if (node < 1 || node > config_.nodes) {
        return false;
    }
    switch (config_.algorithm) {
        case Algorithm::Raft:
            return nodes_[node].has_value();
        case Algorithm::Paxos:
            return paxos_nodes_[node].has_value();
        case Algorithm::MultiPaxos:
            return multipaxos_nodes_[node].has_value();
    }
    return false;
}

TimeUs Cluster::node_deadline(NodeId node) const {
    switch (config_.algorithm) {
        case Algorithm::Raft:
            return nodes_[node]->next_deadline();
        case Algorithm::Paxos:
            return paxos_nodes_[node]->next_deadline();
        case Algorithm::MultiPaxos:
            return multipaxos_nodes_[node]->next_deadline();
    }
    return kNoDeadline;
}

void Cluster::record_input(NodeId node, const Message* message, std::uint64_t sent_from) {
    NodeInput& input = node_inputs_.emplace_back();
    input.node = node;
    input.now_us = now_;
    if (message != nullptr) {
        input.message = *message;
    }
    input.first_sent_id = sent_from;
    input.end_sent_id = next_message_id_;
}

std::vector<NodeInput> Cluster::take_node_inputs() {
    std::vector<NodeInput> inputs;
    inputs.swap(node_inputs_);
    return inputs;
}

void Cluster::step_node(NodeId id, const Message& message) {
    const std::uint64_t sent_from = next_message_id_;
    step_node_input(id, message);
    if (config_.record_node_inputs) {
        record_input(id, &message, sent_from);
    }
}

void Cluster::fire_node(NodeId id) {
    const std::uint64_t sent_from = next_message_id_;
    fire_node_input(id);
    if (config_.record_node_inputs) {
        record_input(id, nullptr, sent_from);
    }
}

void Cluster::step_node_input(NodeId id, const Message& message) {
    switch (config_.algorithm) {
        case Algorithm::Raft: {
            raft::Node& node = *nodes_[id];
            const auto role = node.role();
            const auto term = node.current_term();
            raft::Ready ready = node.step(message, now_);
            handle_ready(id, ready, role, term);
            node.recycle(std::move(ready));
            return;
        }
        case Algorithm::Paxos: {
            paxos::Node& node = *paxos_nodes_[id];
            const auto phase = node.phase();
            const auto ballot = node.ballot();
            handle_paxos_ready(id, node.step(message, now_), phase, ballot);
            return;
        }
        case Algorithm::MultiPaxos:
            step_multipaxos_node(id, &message);
            return;
    }
}

void Cluster::fire_node_input(NodeId id) {
    switch (config_.algorithm) {
        case Algorithm::Raft: {
            raft::Node& node = *nodes_[id];
            const auto role = node.role();
            const auto term = node.current_term();
            raft::Ready ready = node.fire_timer(now_);
            handle_ready(id, ready, role, term);
            node.recycle(std::move(ready));
            return;
        }
        case Algorithm::Paxos: {
            paxos::Node& node = *paxos_nodes_[id];
            const auto phase = node.phase();
            const auto ballot = node.ballot();
            handle_paxos_ready(id, node.fire_timer(now_), phase, ballot);
            return;
        }
        case Algorithm::MultiPaxos:
            step_multipaxos_node(id, nullptr);
            return;
    }
}

// From the node's durable state: at start, and on restart.
void Cluster::create_node(NodeId id) {
    switch (config_.algorithm) {
        case Algorithm::Raft:
            nodes_[id] = make_node(id);
            return;
        case Algorithm::Paxos:
            paxos_nodes_[id] = make_paxos_node(id);
            return;
        case Algorithm::MultiPaxos:
            multipaxos_nodes_[id] = make_multipaxos_node(id);
            return;
    }
}

void Cluster::remove_node(NodeId id) {
    switch (config_.algorithm) {
        case Algorithm::Raft:
            nodes_[id].reset();
            return;
        case Algorithm::Paxos:
            paxos_nodes_[id].reset();
            return;
        case Algorithm::MultiPaxos:
            multipaxos_nodes_[id].reset();
            return;
    }
}

// After every input to a node (and its creation or removal): the scheduler
// reads deadlines from this array, not from the nodes, on every event.
void Cluster::refresh_deadline(NodeId id) {
    node_due_[id] = is_up(id) ? node_deadline(id) : kNoDeadline;
}

const std::optional<Violation>& Cluster::violation() const {
    switch (config_.algorithm) {
        case Algorithm::Raft:
            break;
        case Algorithm::Paxos:
            return paxos_invariants_.violation();
        case Algorithm::MultiPaxos:
            return multipaxos_invariants_.violation();
    }
    return invariants_.violation();
}

std::vector<Violation> Cluster::violations() const {
    if (config_.algorithm == Algorithm::Paxos) {
        return paxos_invariants_.violations();
    }
    const auto& first = violation();
    return first ? std::vector<Violation>{*first} : std::vector<Violation>{};
}

void Cluster::set_durable_state(NodeId node, raft::DurableState durable) {
    assert(config_.algorithm == Algorithm::Raft);
    durable_[node] = std::move(durable);
    nodes_[node] = make_node(node);
    refresh_deadline(node);
    invariants_.on_log_write(node, 1, nodes_[node]->log(), false, now_);
}

// -----------------------------------------------------------------------------
// Events
// -----------------------------------------------------------------------------

// Every pending event, in no particular order: messages in flight, clients
// waiting for an answer, live nodes' next timers. Defined before its users
// (clang 14 needs a member template's body before it is instantiated).
template <typename Visit>
void Cluster::for_each_pending_event(Visit&& visit) const {
    for (const InFlight& flight : in_flight_) {
        visit(PendingEvent{EventKind::Deliver, flight.due_us, flight.id, 0, kNoNode});
    }
    for (ClientId id : waiting_clients_) {
        visit(PendingEvent{EventKind::ClientTimer, clients_[id - 1].deadline_us, 0, id, kNoNode});
    }
    for (NodeId id = 1; id <= config_.nodes; ++id) {
        if (node_due_[id] != kNoDeadline) {
            visit(PendingEvent{EventKind::NodeTimer, node_due_[id], 0, 0, id});
        }
    }
}

std::vector<PendingEvent> Cluster::pending_events() const {
    std::vector<PendingEvent> events;
    for_each_pending_event([&](const PendingEvent& event) { events.push_back(event); });
    std::sort(events.begin(), events.end(), event_before);
    return events;
}

// The earliest delivery is the heap's top; clients and nodes are few. Kinds
// are visited in event_before's order (deliveries, clients by id, nodes by
// id), so replacing the best only on a strictly earlier time keeps its ties.
std::optional<PendingEvent> Cluster::next_event() const {
    // Scalars while searching, one PendingEvent at the end: this runs once per
    // event, and copying the candidate at each improvement showed in profiles.
    EventKind kind = EventKind::Deliver;
    TimeUs best_due = kNoDeadline;
    std::uint64_t message_id = 0;
    std::uint32_t who = 0;  // the client or the node
    if (const auto first = in_flight_.earliest()) {
        best_due = first->due_us;
        message_id = first->message_id;
    }
    for (ClientId id : waiting_clients_) {  // in start order: ids increase
        const TimeUs due = clients_[id - 1].deadline_us;
        if (due < best_due) {
            kind = EventKind::ClientTimer;
            best_due = due;
            who = id;
        }
    }
    for (NodeId id = 1; id <= config_.nodes; ++id) {
        const TimeUs due = node_due_[id];  // kNoDeadline when crashed or idle
        if (due < best_due) {
            kind = EventKind::NodeTimer;
            best_due = due;
            who = id;
        }
    }
    if (best_due == kNoDeadline) {
        return std::nullopt;
    }
    switch (kind) {
        case EventKind::Deliver:
            return PendingEvent{kind, best_due, message_id, 0, kNoNode};
        case EventKind::ClientTimer:
            return PendingEvent{kind, best_due, 0, who, kNoNode};
        case EventKind::NodeTimer:
            break;
    }
    return PendingEvent{kind, best_due, 0, 0, who};
}

bool Cluster::step() {
    const auto event = next_event();
    if (!event) {
        return false;
    }
    process(*event);
    return true;
}

void Cluster::run_for(TimeUs duration_us) {
    const TimeUs end = now_ + duration_us;
    while (!hold_ && !(stop_at_violation_ && violation())) {
        const auto event = next_event();
        if (!event || event->due_us > end) {
            break;
        }
        process(*event);
    }
    now_ = std::max(now_, end);
}

// Takes one event: the clock moves to it (never back), then it happens.
void Cluster::process(const PendingEvent& event) {
    now_ = std::max(now_, event.due_us);
    switch (event.kind) {
        case EventKind::Deliver:
            deliver(event.message_id);
            return;
        case EventKind::ClientTimer:
            on_client_timer(event.client);
            break;
        case EventKind::NodeTimer:
            on_node_timer(event.node);
            break;
    }
}

void Cluster::after_event(NodeId touched) {
    ++events_processed_;
    if (!config_.check_invariants) {
        return;
    }
    switch (config_.algorithm) {
        case Algorithm::Raft:
            invariants_.check_after(nodes_, touched, now_);
            break;
        case Algorithm::Paxos:
            paxos_invariants_.check(paxos_nodes_, now_);
            break;
        case Algorithm::MultiPaxos:
            multipaxos_invariants_.check(multipaxos_nodes_, now_);
            break;
    }
}

// -----------------------------------------------------------------------------
// Messages
// -----------------------------------------------------------------------------

void Cluster::record_drop(std::uint64_t message_id, const char* why) {
    if (config_.trace) {
        trace(trace_prefix("drop") + ",\"id\":" + std::to_string(message_id) + ",\"why\":\"" + why +
              "\"}");
    }
    after_event();
}

bool Cluster::deliver(std::uint64_t message_id) {
    std::optional<InFlight> flight = in_flight_.take(message_id);
    if (!flight) {
        return false;
    }
    deliver_in_flight(*flight);
    return true;
}

void Cluster::deliver_in_flight(const InFlight& flight) {
    const Message& message = flight.message;
    const char* lost_because = nullptr;
    if (flight.will_be_lost) {
        lost_because = "loss";
    } else if (!reachability_.can_deliver(message.from, message.to)) {
        lost_because = "partition";
    } else if (!is_client_address(message.to) && !is_up(message.to)) {
        lost_because = "crashed";
    }
    if (lost_because != nullptr) {
        record_drop(flight.id, lost_because);
        return;
    }
    ++messages_delivered_;
    if (config_.trace) {
        trace(trace_prefix("deliver") + ",\"id\":" + std::to_string(flight.id) + "}");
    }
    if (is_client_address(message.to)) {
        deliver_to_client(message);
    } else {
        step_node(message.to, message);
        refresh_deadline(message.to);
    }
    after_event(is_client_address(message.to) ? kNoNode : message.to);
}

bool Cluster::drop(std::uint64_t message_id, const char* why) {
    if (!in_flight_.take(message_id)) {
        return false;
    }
    record_drop(message_id, why);
    return true;
}

bool Cluster::duplicate(std::uint64_t message_id) {
    const InFlight* found = in_flight_.find(message_id);
    if (found == nullptr) {
        return false;
    }
    Message copy = found->message;
    enqueue(std::move(copy), true);
    return true;
}

void Cluster::send(Message&& message) {
    ++messages_sent_;
    const bool duplicate = config_.network.duplicate_ppm > 0 && draw(config_.network.duplicate_ppm);
    if (duplicate) {
        enqueue(Message(message), false);
        enqueue(std::move(message), true);
    } else {
        enqueue(std::move(message), false);
    }
}

void Cluster::enqueue(Message&& message, bool duplicate) {
    // The draws in this order (due time, then loss): traces depend on it.
    const std::uint64_t id = next_message_id_++;
    const TimeUs due_us = draw_due_time(message);
    InFlight& flight = in_flight_.add(id, due_us, std::move(message));
    flight.sent_us = now_;
    flight.duplicate = duplicate;
    flight.will_be_lost = config_.network.loss_ppm > 0 && draw(config_.network.loss_ppm);
    if (config_.trace) {
        trace_send(flight);
    }
}

bool Cluster::draw(PartsPerMillion probability) {
    return random_.below(kAlways) < probability;
}

TimeUs Cluster::draw_due_time(const Message& message) {
    const TimeUs latency =
        random_.between(config_.network.latency_min_us, config_.network.latency_max_us);
    TimeUs due = now_ + latency;
    if (!config_.network.reorder && !is_client_address(message.from) &&
        !is_client_address(message.to)) {
        // FIFO links: never overtake an earlier message on the same link.
        TimeUs& last = last_due_on_link_[message.from * (config_.nodes + 1) + message.to];
        due = std::max(due, last);
        last = due;
    }
    return due;
}

// -----------------------------------------------------------------------------
// Nodes
// -----------------------------------------------------------------------------

void Cluster::on_node_timer(NodeId id) {
    if (config_.trace) {
        trace(trace_prefix("timer") + ",\"node\":" + std::to_string(id) + "}");
    }
    fire_node(id);
    refresh_deadline(id);
    after_event(id);
}

bool Cluster::fire_timer(NodeId id) {
    if (!is_up(id)) {
        return false;
    }
    on_node_timer(id);
    return true;
}

// The host's half of the node contract: durable writes first, then messages.
void Cluster::handle_ready(NodeId id, raft::Ready& ready, raft::Role role_before,
                           raft::Term term_before) {
    if (config_.fault_forget_hard_state) {
        ready.hard_state.reset();
    }
    std::move(ready).persist_to(durable_[id]);  // the rest of `ready` stays usable
    const raft::Node& node = *nodes_[id];
    if (ready.log_write_from != 0 && config_.check_invariants) {
        const bool stayed_leader = role_before == raft::Role::Leader &&
                                   node.role() == raft::Role::Leader &&
                                   node.current_term() == term_before;
        invariants_.on_log_write(id, ready.log_write_from, node.log(), stayed_leader, now_);
    }
    if (config_.trace && (node.role() != role_before || node.current_term() != term_before)) {
        trace_role(id);
    }
    for (const raft::AppliedEntry& entry : ready.applied) {
        if (config_.check_invariants) {
            invariants_.on_applied(id, entry, node.current_term(), now_);
        }
        if (config_.trace) {
            trace_apply(id, entry);
        }
    }
    for (Message& message : ready.messages) {
        send(std::move(message));
    }
}

void Cluster::crash(NodeId id) {
    if (!is_up(id)) {
        return;
    }
    remove_node(id);  // volatile state is gone; its durable state survives
    refresh_deadline(id);
    if (config_.trace) {
        trace(trace_prefix("crash") + ",\"node\":" + std::to_string(id) + "}");
    }
    after_event();
}

void Cluster::restart(NodeId id) {
    if (id < 1 || id > config_.nodes || is_up(id)) {
        return;
    }
    ++incarnation_[id];
    create_node(id);
    refresh_deadline(id);
    invariants_.on_restart(id);
    paxos_invariants_.on_restart(id);
    if (config_.algorithm == Algorithm::MultiPaxos) {
        multipaxos_invariants_.on_restart(id, *multipaxos_nodes_[id]);
    }
    if (config_.trace) {
        trace(trace_prefix("restart") + ",\"node\":" + std::to_string(id) + "}");
    }
    after_event(id);
}

void Cluster::restart(NodeId id, AnyDurableState durable) {
    if (id < 1 || id > config_.nodes || is_up(id)) {
        return;
    }
    switch (config_.algorithm) {
        case Algorithm::Raft:
            durable_[id] = std::get<raft::DurableState>(std::move(durable));
            break;
        case Algorithm::Paxos:
            paxos_durable_[id] = std::get<paxos::DurableState>(std::move(durable));
            break;
        case Algorithm::MultiPaxos:
            multipaxos_durable_[id] = std::get<multipaxos::DurableState>(std::move(durable));
            break;
    }
    restart(id);
    if (config_.algorithm == Algorithm::Raft && config_.check_invariants) {
        // The log the checkers knew may be longer than what reached the disk.
        invariants_.on_log_write(id, 1, nodes_[id]->log(), false, now_);
    }
}

AnyDurableState Cluster::durable(NodeId id) const {
    switch (config_.algorithm) {
        case Algorithm::Paxos:
            return paxos_durable_[id];
        case Algorithm::MultiPaxos:
            return multipaxos_durable_[id];
        case Algorithm::Raft:
            break;
    }
    return durable_[id];
}

void Cluster::set_clock(TimeUs now_us) {
    now_ = std::max(now_, now_us);
}

void Cluster::partition(const std::vector<std::vector<NodeId>>& groups) {
    reachability_.partition(groups);
    if (config_.trace) {
        trace_partition(groups);
    }
}

void Cluster::isolate(NodeId id) {
    reachability_.isolate(id);
    if (config_.trace) {
        trace(trace_prefix("isolate") + ",\"node\":" + std::to_string(id) + "}");
    }
}

void Cluster::block(NodeId from, NodeId to) {
    reachability_.block(from, to);
    if (config_.trace) {
        trace(trace_prefix("block") + ",\"from\":" + std::to_string(from) +
              ",\"to\":" + std::to_string(to) + "}");
    }
}

void Cluster::heal() {
    reachability_.heal();
    if (config_.trace) {
        trace(trace_prefix("heal") + "}");
    }
}

void Cluster::set_network(const NetworkModel& network) {
    config_.network = network;
    if (config_.trace) {
        trace_network();
    }
}

// -----------------------------------------------------------------------------
// Observation
// -----------------------------------------------------------------------------

raft::Term Cluster::highest_term() const {
    if (config_.algorithm == Algorithm::MultiPaxos) {
        return highest_ballot().round;
    }
    raft::Term highest = 0;
    for (const auto& node : nodes_) {
        if (node) {
            highest = std::max(highest, node->current_term());
        }
    }
    return highest;
}

std::optional<NodeId> Cluster::leader() const {
    if (config_.algorithm == Algorithm::MultiPaxos) {
        return multipaxos_leader();
    }
    const raft::Term term = highest_term();
    std::optional<NodeId> found;
    for (const auto& node : nodes_) {
        if (node && node->role() == raft::Role::Leader && node->current_term() == term) {
            if (found) {
                return std::nullopt;  // cannot happen while election safety holds
            }
            found = node->id();
        }
    }
    return found;
}

std::vector<std::string> Cluster::take_trace() {
    std::vector<std::string> lines;
    lines.swap(trace_);
    return lines;
}

}  // namespace quorum::sim
