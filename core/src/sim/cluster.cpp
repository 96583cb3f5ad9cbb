// The scheduler: pending events, time, the network, crashes and restarts,
// for the nodes of any protocol (their host, sim/nodes.hpp, keeps the node
// contract's persist-before-send).
#include "quorum/sim/cluster.hpp"

#include <algorithm>
#include <cassert>
#include <stdexcept>
#include <tuple>

namespace quorum::sim {

namespace {

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

Cluster::Cluster(ClusterConfig config)
    : config_(std::move(config)),
      random_(config_.seed),
      host_(make_node_host(config_)),
      incarnation_(config_.nodes + 1, 0),
      last_due_on_link_((config_.nodes + 1) * (config_.nodes + 1), 0),
      reachability_(config_.nodes) {
    assert(config_.nodes >= 1 && config_.nodes <= kMaxNodes);
    if (host_ == nullptr) {
        throw std::invalid_argument("a cluster needs a protocol: its config names none");
    }
    if (config_.trace) {
        trace("cluster", std::string(",\"algo\":\"") + std::string(config_.protocol_name()) +
                             "\",\"nodes\":" + std::to_string(config_.nodes) +
                             ",\"seed\":" + std::to_string(config_.seed));
    }
    for (NodeId id = 1; id <= config_.nodes; ++id) {
        host_->start(*this, id);
        refresh_deadline(id);
    }
}

Cluster& Cluster::operator=(const Cluster& other) {
    if (this != &other) {
        Cluster copy(other);
        *this = std::move(copy);
    }
    return *this;
}

Random Cluster::node_random(NodeId node) const {
    return quorum::node_random(config_.seed, node, incarnation_[node]);
}

bool Cluster::is_up(NodeId node) const {
    return node >= 1 && node <= config_.nodes && host_->is_up(node);
}

void Cluster::record_input(NodeId node, std::optional<std::string> message,
                           std::uint64_t sent_from) {
    NodeInput& input = node_inputs_.emplace_back();
    input.node = node;
    input.now_us = now_;
    input.message = std::move(message);
    input.first_sent_id = sent_from;
    input.end_sent_id = next_message_id_;
}

std::vector<NodeInput> Cluster::take_node_inputs() {
    std::vector<NodeInput> inputs;
    inputs.swap(node_inputs_);
    return inputs;
}

// After every input to a node (and its creation or removal): the scheduler
// reads deadlines from this array, not from the nodes, on every event.
void Cluster::refresh_deadline(NodeId id) {
    node_due_[id] = is_up(id) ? host_->deadline(id) : kNoDeadline;
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
    if (config_.check_invariants) {
        host_->check(touched, now_);
    }
}

// -----------------------------------------------------------------------------
// Messages
// -----------------------------------------------------------------------------

void Cluster::record_drop(std::uint64_t message_id, const char* why) {
    if (config_.trace) {
        trace("drop", ",\"id\":" + std::to_string(message_id) + ",\"why\":\"" + why + "\"");
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
    const char* lost_because = nullptr;
    if (flight.will_be_lost) {
        lost_because = "loss";
    } else if (!reachability_.can_deliver(flight.from, flight.to)) {
        lost_because = "partition";
    } else if (!is_client_address(flight.to) && !is_up(flight.to)) {
        lost_because = "crashed";
    }
    if (lost_because != nullptr) {
        host_->forget(flight);
        record_drop(flight.id, lost_because);
        return;
    }
    ++messages_delivered_;
    if (config_.trace) {
        trace("deliver", ",\"id\":" + std::to_string(flight.id));
    }
    if (is_client_address(flight.to)) {
        // Copied out: an answer may make the client send again, into this
        // message's freed slot.
        const ClientResponse* found = host_->client_response(flight);
        const std::optional<ClientResponse> response =
            found ? std::optional<ClientResponse>(*found) : std::nullopt;
        host_->forget(flight);
        if (response) {
            deliver_to_client(flight.from, *response);
        }
        after_event();
        return;
    }
    host_->deliver(*this, flight);
    refresh_deadline(flight.to);
    after_event(flight.to);
}

bool Cluster::drop(std::uint64_t message_id, const char* why) {
    std::optional<InFlight> flight = in_flight_.take(message_id);
    if (!flight) {
        return false;
    }
    host_->forget(*flight);
    record_drop(message_id, why);
    return true;
}

bool Cluster::duplicate(std::uint64_t message_id) {
    const InFlight* found = in_flight_.find(message_id);
    if (found == nullptr) {
        return false;
    }
    const InFlight original = *found;  // the set may grow under the reference
    host_->duplicate(*this, original);
    return true;
}

bool Cluster::send_counts_duplicate() {
    ++messages_sent_;
    return config_.network.duplicate_ppm > 0 && draw(config_.network.duplicate_ppm);
}

InFlight& Cluster::enqueue(NodeId from, NodeId to, bool duplicate) {
    // The draws in this order (due time, then loss): traces depend on it.
    const std::uint64_t id = next_message_id_++;
    const TimeUs due_us = draw_due_time(from, to);
    InFlight& flight = in_flight_.add(id, due_us, from, to);
    flight.sent_us = now_;
    flight.duplicate = duplicate;
    flight.will_be_lost = config_.network.loss_ppm > 0 && draw(config_.network.loss_ppm);
    return flight;
}

bool Cluster::draw(PartsPerMillion probability) {
    return random_.below(kAlways) < probability;
}

TimeUs Cluster::draw_due_time(NodeId from, NodeId to) {
    const TimeUs latency =
        random_.between(config_.network.latency_min_us, config_.network.latency_max_us);
    TimeUs due = now_ + latency;
    if (!config_.network.reorder && !is_client_address(from) && !is_client_address(to)) {
        // FIFO links: never overtake an earlier message on the same link.
        TimeUs& last = last_due_on_link_[from * (config_.nodes + 1) + to];
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
        trace("timer", ",\"node\":" + std::to_string(id));
    }
    host_->fire(*this, id);
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

void Cluster::crash(NodeId id) {
    if (!is_up(id)) {
        return;
    }
    host_->stop(id);  // volatile state is gone; its durable state survives
    refresh_deadline(id);
    if (config_.trace) {
        trace("crash", ",\"node\":" + std::to_string(id));
    }
    after_event();
}

void Cluster::restart(NodeId id) {
    if (id < 1 || id > config_.nodes || is_up(id)) {
        return;
    }
    ++incarnation_[id];
    host_->restart(*this, id);
    refresh_deadline(id);
    if (config_.trace) {
        trace("restart", ",\"node\":" + std::to_string(id));
    }
    after_event(id);
}

bool Cluster::restart(NodeId id, AnyDurableState durable) {
    if (id < 1 || id > config_.nodes || is_up(id) || !host_->set_durable(id, std::move(durable))) {
        return false;
    }
    restart(id);
    return true;
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
        trace("isolate", ",\"node\":" + std::to_string(id));
    }
}

void Cluster::block(NodeId from, NodeId to) {
    reachability_.block(from, to);
    if (config_.trace) {
        trace("block", ",\"from\":" + std::to_string(from) + ",\"to\":" + std::to_string(to));
    }
}

void Cluster::heal() {
    reachability_.heal();
    if (config_.trace) {
        trace("heal", "");
    }
}

void Cluster::set_network(const NetworkModel& network) {
    config_.network = network;
    if (config_.trace) {
        trace_network();
    }
}

std::vector<std::string> Cluster::take_trace() {
    std::vector<std::string> lines;
    lines.swap(trace_);
    return lines;
}

}  // namespace quorum::sim
