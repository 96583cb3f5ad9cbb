// A small host for Paxos nodes in tests: N in-memory nodes, a deterministic
// queue of messages in flight, crashes and restarts, and the checker after
// every input. It obeys the host's rule: a Ready's durable writes are made
// durable before its messages are queued.
//
// Messages can be taken by hand (deliver the oldest matching one, drop it),
// in time order (each message is due `latency` after it was sent, timers at
// their deadlines; at equal times messages first, by send order), or by the
// adversarial order that makes proposers duel (Prepares first).
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "quorum/paxos/invariants.hpp"
#include "quorum/paxos/node.hpp"

namespace quorum::paxos::testing {

constexpr TimeUs kMs = kMicrosecondsPerMillisecond;

// Nodes 1..n; proposers as given; every node an acceptor and a learner.
inline Config make_config(std::size_t nodes, std::vector<NodeId> proposers, bool backoff = true) {
    Config config;
    config.proposers = std::move(proposers);
    for (NodeId id = 1; id <= nodes; ++id) {
        config.acceptors.push_back(id);
        config.learners.push_back(id);
    }
    config.backoff = backoff;
    return config;
}

inline Command propose_command(const Value& value, ClientId client = 1) {
    Command command;
    command.client = client;
    command.sequence = 1;
    command.kind = OperationKind::Propose;
    command.value = value;
    return command;
}

struct Flight {
    std::uint64_t id = 0;
    Message message;
    TimeUs due_us = 0;
};

class Driver {
  public:
    using MessageFilter = std::function<bool(const Message&)>;

    Driver(Config config, std::size_t nodes, std::uint64_t seed = 1, TimeUs latency_min_us = kMs,
           TimeUs latency_max_us = kMs)
        : config_(std::move(config)),
          random_(seed),
          latency_min_us_(latency_min_us),
          latency_max_us_(latency_max_us),
          nodes_(nodes + 1),
          durable_(nodes + 1),
          checker_(config_.acceptors) {
        for (NodeId id = 1; id <= nodes; ++id) {
            start(id);
        }
    }

    Node& node(NodeId id) { return *nodes_.at(id); }
    bool is_up(NodeId id) const { return nodes_.at(id).has_value(); }
    TimeUs now() const { return now_; }
    void advance_to(TimeUs time_us) { now_ = std::max(now_, time_us); }
    const std::vector<Flight>& in_flight() const { return in_flight_; }
    const Invariants& checker() const { return checker_; }
    const DurableState& durable(NodeId id) const { return durable_.at(id); }
    const std::vector<ClientResponse>& client_responses() const { return client_responses_; }
    // Every learned event each node's Ready reported, in order.
    const std::map<NodeId, std::vector<Value>>& learned_events() const { return learned_events_; }
    std::size_t messages_sent() const { return messages_sent_; }
    // Every message sent, in order, with its send time: a run's fingerprint.
    const std::vector<std::pair<TimeUs, Message>>& sent() const { return sent_; }

    // --- Inputs.
    void propose(NodeId id, const Value& value, ClientId client = 1) {
        checker_.on_proposed(value);
        handle(id, node(id).propose(propose_command(value, client), now_));
    }
    void client_request(NodeId id, const Value& value, ClientId client) {
        checker_.on_proposed(value);
        const Message request{kClientAddressBase + client, id,
                              ClientRequest{propose_command(value, client)}};
        handle(id, node(id).step(request, now_));
    }
    void step(const Message& message) {
        if (is_up(message.to)) {
            handle(message.to, node(message.to).step(message, now_));
        }
    }
    void fire(NodeId id) { handle(id, node(id).fire_timer(now_)); }

    // --- Messages by hand: the oldest in flight that matches.
    bool deliver(const MessageFilter& matches) {
        const auto found = find(matches);
        if (!found) {
            return false;
        }
        const Flight flight = take(*found);
        step(flight.message);
        return true;
    }
    bool deliver(NodeId from, NodeId to) { return deliver(between(from, to)); }
    bool drop(const MessageFilter& matches) {
        const auto found = find(matches);
        if (found) {
            take(*found);
        }
        return found.has_value();
    }
    void drop_all() { in_flight_.clear(); }
    // Delivers matching messages, oldest first, until none is left.
    int deliver_all(const MessageFilter& matches = [](const Message&) { return true; }) {
        int delivered = 0;
        while (deliver(matches)) {
            ++delivered;
        }
        return delivered;
    }
    static MessageFilter between(NodeId from, NodeId to) {
        return [=](const Message& m) { return m.from == from && m.to == to; };
    }
    template <typename T>
    static MessageFilter of_type(NodeId to = kNoNode) {
        return [=](const Message& m) {
            return std::holds_alternative<T>(m.payload) && (to == kNoNode || m.to == to);
        };
    }

    // --- Time order: takes the earliest event. False if there is none.
    bool step_in_time() {
        std::optional<std::size_t> message;
        for (std::size_t i = 0; i < in_flight_.size(); ++i) {
            if (!message || in_flight_[i].due_us < in_flight_[*message].due_us) {
                message = i;
            }
        }
        const auto timer = earliest_timer();
        if (message && (!timer || in_flight_[*message].due_us <= timer->second)) {
            advance_to(in_flight_[*message].due_us);
            step(take(*message).message);
            return true;
        }
        if (timer) {
            advance_to(timer->second);
            handle(timer->first, node(timer->first).tick(now_));
            return true;
        }
        return false;
    }
    // Runs in time order until `done` holds, nothing is left, or `limit_us`.
    void run_until(const std::function<bool()>& done, TimeUs limit_us) {
        while (!done() && next_event_time().value_or(limit_us + 1) <= limit_us) {
            step_in_time();
        }
    }

    // --- The dueling order: a Prepare in flight is always delivered first;
    // other messages in send order; timers only when nothing is in flight.
    bool step_prepares_first() {
        if (deliver(of_type<Prepare>()) || deliver([](const Message&) { return true; })) {
            return true;
        }
        const auto timer = earliest_timer();
        if (!timer) {
            return false;
        }
        advance_to(timer->second);
        handle(timer->first, node(timer->first).tick(now_));
        return true;
    }

    // --- Crashes: volatile state is lost, durable state survives.
    void crash(NodeId id) {
        nodes_.at(id).reset();
        std::erase_if(in_flight_, [&](const Flight& f) { return f.message.to == id; });
    }
    void restart(NodeId id) {
        crash(id);
        checker_.on_restart(id);
        start(id);
        checker_.check(nodes_, kNoNode, now_);
    }

    // The values chosen so far as the checker sees them (majority accepted).
    std::optional<Value> chosen() const {
        const auto& chosen = checker_.chosen();
        return chosen ? std::optional<Value>(chosen->value) : std::nullopt;
    }

  private:
    void start(NodeId id) { nodes_[id].emplace(id, config_, durable_[id], random_.fork(id), now_); }

    // The host's rule: durable writes first, then the messages.
    void handle(NodeId id, Ready ready) {
        ready.persist_to(durable_[id]);
        checker_.on_ready(id, node(id), Summary{}, ready, now_);
        checker_.check(nodes_, kNoNode, now_);
        if (ready.learned) {
            learned_events_[id].push_back(*ready.learned);
        }
        for (Message& message : ready.messages) {
            ++messages_sent_;
            sent_.emplace_back(now_, message);
            if (is_client_address(message.to)) {
                client_responses_.push_back(std::get<ClientResponse>(message.payload));
                continue;
            }
            const TimeUs latency_us = random_.between(latency_min_us_, latency_max_us_);
            in_flight_.push_back(Flight{next_id_++, std::move(message), now_ + latency_us});
        }
    }

    std::optional<std::size_t> find(const MessageFilter& matches) const {
        for (std::size_t i = 0; i < in_flight_.size(); ++i) {
            if (matches(in_flight_[i].message)) {
                return i;
            }
        }
        return std::nullopt;
    }
    Flight take(std::size_t index) {
        Flight flight = std::move(in_flight_[index]);
        in_flight_.erase(in_flight_.begin() + static_cast<std::ptrdiff_t>(index));
        return flight;
    }
    // (node, deadline) of the earliest timer; ties to the lower node id.
    std::optional<std::pair<NodeId, TimeUs>> earliest_timer() const {
        std::optional<std::pair<NodeId, TimeUs>> earliest;
        for (NodeId id = 1; id < nodes_.size(); ++id) {
            if (!nodes_[id] || nodes_[id]->next_deadline() == kNoDeadline) {
                continue;
            }
            if (!earliest || nodes_[id]->next_deadline() < earliest->second) {
                earliest = std::pair{id, nodes_[id]->next_deadline()};
            }
        }
        return earliest;
    }
    std::optional<TimeUs> next_event_time() const {
        std::optional<TimeUs> next;
        for (const Flight& flight : in_flight_) {
            next = std::min(next.value_or(flight.due_us), flight.due_us);
        }
        if (const auto timer = earliest_timer()) {
            next = std::min(next.value_or(timer->second), timer->second);
        }
        return next;
    }

    Config config_;
    Random random_;
    TimeUs latency_min_us_;
    TimeUs latency_max_us_;
    TimeUs now_ = 0;
    std::vector<std::optional<Node>> nodes_;  // indexed by id; empty: crashed
    std::vector<DurableState> durable_;
    std::vector<Flight> in_flight_;  // in send order
    std::uint64_t next_id_ = 1;
    std::size_t messages_sent_ = 0;
    Invariants checker_;
    std::vector<ClientResponse> client_responses_;
    std::map<NodeId, std::vector<Value>> learned_events_;
    std::vector<std::pair<TimeUs, Message>> sent_;
};

}  // namespace quorum::paxos::testing
