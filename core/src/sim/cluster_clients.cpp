// Clients: each scenario line `client put x 1` is one client with one
// operation. It sends to a node (the one named with `via`; else, where the
// protocol's clients follow the leader, the leader the last answer named, as
// a client library remembers it; else one it picks), follows NotLeader
// redirects, and when it hears nothing within its timeout, or is turned away
// without a hint, tries the next node, until answered.
// Clients are not nodes: partitions do not cut them off (docs/scenarios.md), but
// their messages take the network's latency, loss and duplication like any
// other, which is what makes their retries (and the state machine's
// deduplication of them) matter.
#include "quorum/json_escape.hpp"
#include "quorum/sim/cluster.hpp"

#include <algorithm>

namespace quorum::sim {

namespace {

// After a NotLeader without a hint (an election is under way), wait a little
// before asking the next node, instead of spinning through them.
constexpr TimeUs kRedirectBackoffUs = 20 * kMicrosecondsPerMillisecond;

}  // namespace

ClientId Cluster::start_client(Command made, std::optional<NodeId> via) {
    Client client;
    client.id = static_cast<ClientId>(clients_.size() + 1);
    made.client = client.id;
    made.sequence = 1;
    client.command = std::move(made);
    const Command& command = *client.command;
    client.target = via.value_or(known_leader_ != kNoNode ? known_leader_ : pick_node());
    client.history_index = history_.size();

    ClientOperation operation;
    operation.client = client.id;
    operation.kind = command.kind;
    operation.key = command.key;
    operation.value = command.value;
    operation.call_us = now_;
    history_.push_back(std::move(operation));

    if (config_.trace) {
        trace("client", ",\"client\":" + std::to_string(client.id) +
                            ",\"cmd\":" + json_string(command.to_string()) +
                            ",\"to\":" + std::to_string(client.target));
    }
    host_->on_proposed(command);  // only proposed values may be chosen
    clients_.push_back(client);
    waiting_clients_.push_back(client.id);
    send_client_request(clients_.back());
    return client.id;
}

void Cluster::skip_client_ids(ClientId count) {
    for (ClientId skipped = 0; skipped < count; ++skipped) {
        Client client;
        client.id = static_cast<ClientId>(clients_.size() + 1);
        client.answered = true;  // nothing it sends or receives counts
        clients_.push_back(client);
    }
}

NodeId Cluster::pick_node() {
    return static_cast<NodeId>(random_.between(1, static_cast<std::int64_t>(config_.nodes)));
}

void Cluster::send_client_request(Client& client) {
    client.deadline_us = now_ + config_.client_timeout_us;
    host_->send_client_request(*this, kClientAddressBase + client.id, client.target,
                               client.command);
}

void Cluster::on_client_timer(ClientId id) {
    Client& client = clients_[id - 1];
    client.target = client.target % static_cast<NodeId>(config_.nodes) + 1;
    if (config_.trace) {
        trace("retry",
              ",\"client\":" + std::to_string(id) + ",\"to\":" + std::to_string(client.target));
    }
    send_client_request(client);
    after_event();
}

void Cluster::deliver_to_client(NodeId from, const ClientResponse& response) {
    if (response.client < 1 || response.client > clients_.size()) {
        return;
    }
    Client& client = clients_[response.client - 1];
    if (client.answered || response.sequence != client.command->sequence) {
        return;  // a late or duplicated answer
    }
    if (host_->clients_follow_leader()) {
        known_leader_ =
            response.status == ClientResponse::Status::NotLeader ? response.leader_hint : from;
    }
    if (response.status == ClientResponse::Status::NotLeader) {
        if (response.leader_hint != kNoNode && response.leader_hint != from) {
            client.target = response.leader_hint;
            send_client_request(client);
        } else {
            client.deadline_us = now_ + kRedirectBackoffUs;
        }
        return;
    }
    client.answered = true;
    std::erase(waiting_clients_, client.id);
    ClientOperation& operation = history_[client.history_index];
    operation.return_us = now_;
    operation.ok = response.result.ok;
    operation.result = response.result.result;
    if (config_.check_invariants) {
        host_->on_acknowledged(client.id, client.command->sequence, now_);
    }
    if (config_.trace) {
        std::string fields = ",\"client\":" + std::to_string(client.id) +
                             ",\"ok\":" + (operation.ok ? "true" : "false") + ",\"result\":";
        fields += operation.result ? json_string(*operation.result) : "null";
        trace("answer", fields);
    }
}

}  // namespace quorum::sim
