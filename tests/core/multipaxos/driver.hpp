// A small deterministic host for Multi-Paxos nodes in tests: N in-memory
// nodes, a network with a fixed latency (messages arrive in send order), node
// timers, crashes and restarts from durable state, and the checker after
// every event. It honours the persistence rule: a Ready's durable writes are
// applied to the node's DurableState before its messages enter the network.
#pragma once

#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <optional>
#include <vector>

#include "quorum/multipaxos/invariants.hpp"
#include "quorum/multipaxos/node.hpp"

namespace quorum::multipaxos::testing {

constexpr TimeUs kMs = kMicrosecondsPerMillisecond;

inline Command put(ClientId client, std::uint64_t sequence, const std::string& key,
                   const std::string& value) {
    Command command;
    command.client = client;
    command.sequence = sequence;
    command.kind = OperationKind::Put;
    command.key = key;
    command.value = value;
    return command;
}

inline Command add(ClientId client, std::uint64_t sequence, std::int64_t amount) {
    Command command;
    command.client = client;
    command.sequence = sequence;
    command.kind = OperationKind::Add;
    command.value = std::to_string(amount);
    return command;
}

// docs/scenarios.md's line: cluster multipaxos nodes=5 replicas=1,2,3 leaders=1,2 acceptors=3,4,5
inline Config scenario_config() {
    Config config;
    config.replicas = {1, 2, 3};
    config.leaders = {1, 2};
    config.acceptors = {3, 4, 5};
    return config;
}

class Driver {
  public:
    Driver(Config config, NodeId nodes, std::uint64_t seed = 7)
        : config_(std::move(config)), random_(seed), durable_(nodes + 1), nodes_(nodes + 1) {
        for (NodeId id = 1; id <= nodes; ++id) {
            nodes_[id].emplace(id, config_, DurableState{}, random_.fork(id), now_);
        }
    }

    // --- The world.
    Node& node(NodeId id) { return *nodes_.at(id); }
    bool alive(NodeId id) const { return nodes_.at(id).has_value(); }
    const DurableState& durable(NodeId id) const { return durable_.at(id); }
    TimeUs now() const { return now_; }
    Invariants& checker() { return checker_; }
    const std::vector<ClientResponse>& responses() const { return responses_; }
    const std::vector<std::pair<NodeId, AppliedEntry>>& applied() const { return applied_; }
    std::size_t messages_sent() const { return messages_sent_; }
    // Messages for which this returns true are lost.
    std::function<bool(const Message&)> drop_if;
    // Each message is lost with this probability (seeded).
    double loss = 0.0;
    // Config for nodes restarted from now on (a fault may be turned on for them).
    Config& restart_config() { return config_; }

    // --- Inputs.
    void client_request(NodeId to, const Command& command) {
        checker_.on_proposed(command);
        send(Message{kClientAddressBase + command.client, to, ClientRequest{command}});
    }
    void reconfigure(NodeId replica, const Configuration& configuration) {
        checker_.on_proposed(Decree{Command::make_noop(), configuration});
        handle(replica, node(replica).reconfigure(configuration, now_));
    }
    void inject(const Message& message) { send(message); }
    void fire_timer(NodeId id) { handle(id, node(id).fire_timer(now_)); }
    void crash(NodeId id) { nodes_.at(id).reset(); }
    void restart(NodeId id) {
        nodes_.at(id).emplace(id, config_, durable_.at(id), random_.fork(id * 1000 + restarts_++),
                              now_);
        checker_.on_restart(id, *nodes_.at(id));
        check();
    }

    // Takes the earliest event (a delivery or a due timer); false if none.
    bool step_once(TimeUs limit) {
        TimeUs timer_due = kNoDeadline;
        NodeId timer_node = kNoNode;
        for (NodeId id = 1; id < nodes_.size(); ++id) {
            if (nodes_[id] && nodes_[id]->next_deadline() < timer_due) {
                timer_due = nodes_[id]->next_deadline();
                timer_node = id;
            }
        }
        const TimeUs message_due =
            in_flight_.empty() ? kNoDeadline : in_flight_.begin()->first.first;
        const TimeUs due = std::min(timer_due, message_due);
        if (due == kNoDeadline || due > limit) {
            return false;
        }
        now_ = std::max(now_, due);
        if (message_due <= timer_due) {
            const Message message = in_flight_.begin()->second;
            in_flight_.erase(in_flight_.begin());
            deliver(message);
        } else {
            handle(timer_node, node(timer_node).tick(now_));
        }
        return true;
    }

    void run_for(TimeUs duration) {
        const TimeUs end = now_ + duration;
        while (step_once(end)) {
        }
        now_ = std::max(now_, end);
    }

    // Runs until `done` holds (true) or `within` passes (false).
    bool run_until(const std::function<bool()>& done, TimeUs within) {
        const TimeUs end = now_ + within;
        while (!done()) {
            if (!step_once(end)) {
                now_ = end;
                return done();
            }
        }
        return true;
    }

    // Every live replica has applied slots 1..slots.
    bool all_replicas_applied(Slot slots) const {
        for (NodeId id : config_.replicas) {
            if (nodes_[id] && nodes_[id]->decided_slots() < slots) {
                return false;
            }
        }
        return true;
    }

    bool answered(ClientId client, std::uint64_t sequence) const {
        for (const ClientResponse& response : responses_) {
            if (response.client == client && response.sequence == sequence &&
                response.status == ClientResponse::Status::Ok) {
                return true;
            }
        }
        return false;
    }

    // The live leader that is active, if exactly one is.
    NodeId active_leader() const {
        NodeId found = kNoNode;
        for (NodeId id = 1; id < nodes_.size(); ++id) {
            if (nodes_[id] && nodes_[id]->leader() && nodes_[id]->leader()->active()) {
                if (found != kNoNode) {
                    return kNoNode;
                }
                found = id;
            }
        }
        return found;
    }

  private:
    void send(const Message& message) {
        ++messages_sent_;
        const TimeUs latency = 1 * kMs;
        in_flight_.emplace(std::make_pair(now_ + latency, sequence_++), message);
    }

    void deliver(const Message& message) {
        if ((drop_if && drop_if(message)) || (loss > 0 && random_.chance(loss))) {
            return;
        }
        if (is_client_address(message.to)) {
            if (const auto* response = std::get_if<ClientResponse>(&message.payload)) {
                responses_.push_back(*response);
            }
            return;
        }
        if (message.to >= nodes_.size() || !nodes_[message.to]) {
            return;  // to a crashed (or unknown) node: lost
        }
        handle(message.to, node(message.to).step(message, now_));
    }

    void handle(NodeId id, const Ready& ready) {
        ready.persist_to(durable_.at(id));  // durable before any message goes out
        for (const AppliedEntry& entry : ready.applied) {
            applied_.emplace_back(id, entry);
        }
        checker_.on_ready(id, ready, now_);
        for (const Message& message : ready.messages) {
            send(message);
        }
        check();
    }

    void check() { checker_.check(nodes_, kNoNode, now_); }

    Config config_;
    Random random_;
    TimeUs now_ = 0;
    std::vector<DurableState> durable_;
    Invariants::Nodes nodes_;
    std::map<std::pair<TimeUs, std::uint64_t>, Message> in_flight_;
    std::uint64_t sequence_ = 0;
    std::uint64_t restarts_ = 0;
    std::size_t messages_sent_ = 0;
    Invariants checker_;
    std::vector<ClientResponse> responses_;
    std::vector<std::pair<NodeId, AppliedEntry>> applied_;
};

}  // namespace quorum::multipaxos::testing
