// What every role shares: the batch an input builds, messages a node sends
// itself, the checks that turn away impossible messages, and clients. The
// roles themselves are in proposer.cpp, acceptor.cpp and learner.cpp.
#include "quorum/paxos/node.hpp"

#include <algorithm>
#include <cassert>

namespace quorum::paxos {

const char* phase_name(ProposerPhase phase) {
    switch (phase) {
        case ProposerPhase::Idle:
            return "idle";
        case ProposerPhase::Preparing:
            return "preparing";
        case ProposerPhase::Accepting:
            return "accepting";
        case ProposerPhase::BackingOff:
            return "backing-off";
        case ProposerPhase::Chosen:
            return "chosen";
    }
    return "?";
}

void Ready::persist_to(DurableState& durable) const {
    if (acceptor_state) {
        durable.acceptor = *acceptor_state;
    }
    if (proposer_round) {
        durable.proposer_round = *proposer_round;
    }
}

Node::Node(NodeId id, Config config, DurableState durable, Random random, TimeUs now)
    : id_(id),
      config_(std::move(config)),
      random_(random),
      now_(now),
      acceptor_(std::move(durable.acceptor)),
      round_(durable.proposer_round) {
    assert(id_ != kNoNode);
    assert(config_.retry_timeout_us > 0);
    assert(config_.backoff_max_us >= 0);
}

// -----------------------------------------------------------------------------
// Inputs
// -----------------------------------------------------------------------------

Ready Node::step(const Message& message, TimeUs now) {
    begin(now);
    dispatch(message);
    return finish();
}

Ready Node::tick(TimeUs now) {
    begin(now);
    if (now_ >= next_deadline()) {
        fire_proposer_timer();
    }
    return finish();
}

Ready Node::fire_timer(TimeUs now) {
    begin(now);
    fire_proposer_timer();
    return finish();
}

Ready Node::propose(const SharedCommand& command, TimeUs now) {
    begin(now);
    handle_client_request(kClientAddressBase + command->client, *command);
    return finish();
}

TimeUs Node::next_deadline() const {
    const bool waiting = phase_ == ProposerPhase::Preparing || phase_ == ProposerPhase::Accepting ||
                         phase_ == ProposerPhase::BackingOff;
    return waiting ? deadline_ : kNoDeadline;
}

// -----------------------------------------------------------------------------
// Batches
// -----------------------------------------------------------------------------

void Node::begin(TimeUs now) {
    now_ = std::max(now_, now);  // time never runs backwards for a node
    ready_ = Ready{};
    acceptor_at_begin_ = acceptor_;
    round_at_begin_ = round_;
    local_messages_.clear();
}

Ready Node::finish() {
    deliver_local_messages();
    // The amnesia fault: the acceptor's promise and accepted proposal live in
    // memory only, so a restart comes back with neither.
    if (acceptor_ != acceptor_at_begin_ && !config_.faults.acceptor_skips_persistence) {
        ready_.acceptor_state = acceptor_;
    }
    // The forgotten round: a restarted proposer starts from round 0 again and
    // may reuse a ballot it already sent with another value.
    if (round_ != round_at_begin_ && !config_.faults.proposer_forgets_round) {
        ready_.proposer_round = round_;
    }
    return std::move(ready_);
}

void Node::send(NodeId to, Payload payload) {
    Message message{id_, to, std::move(payload)};
    if (to == id_) {
        local_messages_.push_back(std::move(message));
    } else {
        ready_.messages.push_back(std::move(message));
    }
}

void Node::broadcast(const std::vector<NodeId>& to, const Payload& payload) {
    for (NodeId node : to) {
        send(node, payload);
    }
}

// Messages to itself, handled after the input that sent them (and whatever
// they send in turn), so no handler ever runs inside another.
void Node::deliver_local_messages() {
    for (std::size_t i = 0; i < local_messages_.size(); ++i) {
        const Message message = local_messages_[i];  // a copy: dispatch may append
        dispatch(message);
    }
    local_messages_.clear();
}

// -----------------------------------------------------------------------------
// Messages: each goes to the role it is for, if it could be right
// -----------------------------------------------------------------------------

bool Node::is_proposer(NodeId node) const {
    return std::find(config_.proposers.begin(), config_.proposers.end(), node) !=
           config_.proposers.end();
}

bool Node::is_acceptor(NodeId node) const {
    return std::find(config_.acceptors.begin(), config_.acceptors.end(), node) !=
           config_.acceptors.end();
}

bool Node::is_learner(NodeId node) const {
    return std::find(config_.learners.begin(), config_.learners.end(), node) !=
           config_.learners.end();
}

// A ballot some proposer could have issued. The largest round is refused too:
// nothing could go above it.
bool Node::is_possible(const Ballot& ballot) const {
    return ballot.round != 0 && ballot.round != std::numeric_limits<Round>::max() &&
           is_proposer(ballot.node);
}

void Node::dispatch(const Message& message) {
    const NodeId from = message.from;
    const Payload& payload = message.payload;
    if (const auto* request = std::get_if<ClientRequest>(&payload)) {
        handle_client_request(from, *request->command);
    } else if (const auto* prepare = std::get_if<Prepare>(&payload)) {
        if (is_acceptor() && is_possible(prepare->ballot) && prepare->ballot.node == from) {
            handle_prepare(from, *prepare);
        }
    } else if (const auto* accept = std::get_if<Accept>(&payload)) {
        if (is_acceptor() && is_possible(accept->ballot) && accept->ballot.node == from) {
            handle_accept(from, *accept);
        }
    } else if (const auto* promise = std::get_if<Promise>(&payload)) {
        const bool possible =
            is_possible(promise->ballot) &&
            (!promise->accepted || (is_possible(promise->accepted->ballot) &&
                                    promise->accepted->ballot <= promise->ballot));
        if (is_proposer() && is_acceptor(from) && possible) {
            handle_promise(from, *promise);
        }
    } else if (const auto* nack = std::get_if<Nack>(&payload)) {
        const bool possible = is_possible(nack->ballot) && is_possible(nack->promised) &&
                              nack->promised > nack->ballot;
        if (is_proposer() && is_acceptor(from) && possible) {
            handle_nack(*nack);
        }
    } else if (const auto* accepted = std::get_if<Accepted>(&payload)) {
        if (is_acceptor(from) && is_possible(accepted->ballot)) {
            if (is_learner()) {
                handle_accepted_as_learner(from, *accepted);
            }
            if (is_proposer()) {
                handle_accepted_as_proposer(from, *accepted);
            }
        }
    }
    // Anything else (client responses, other protocols' messages) is not for
    // a Paxos node.
}

// -----------------------------------------------------------------------------
// Clients
// -----------------------------------------------------------------------------

void Node::handle_client_request(NodeId client_address, const Command& command) {
    if (chosen_) {
        answer_client(client_address, command, *chosen_);
        return;
    }
    if (!is_proposer()) {
        redirect_client(client_address, command);
        return;
    }
    const bool already_waiting =
        std::any_of(waiting_clients_.begin(), waiting_clients_.end(), [&](const auto& waiting) {
            return waiting.first == client_address && waiting.second.client == command.client &&
                   waiting.second.sequence == command.sequence;
        });
    if (is_client_address(client_address) && !already_waiting) {
        waiting_clients_.emplace_back(client_address, command);
    }
    propose_value(command.value);
}

void Node::answer_client(NodeId client_address, const Command& command, const Value& chosen) {
    if (!is_client_address(client_address)) {
        return;  // proposed by the host itself, with no client to answer
    }
    ClientResponse response;
    response.client = command.client;
    response.sequence = command.sequence;
    response.status = ClientResponse::Status::Ok;
    response.result = CommandResult{true, chosen};
    response.leader_hint = id_;
    send(client_address, response);
}

void Node::redirect_client(NodeId client_address, const Command& command) {
    if (!is_client_address(client_address)) {
        return;
    }
    ClientResponse response;
    response.client = command.client;
    response.sequence = command.sequence;
    response.status = ClientResponse::Status::NotLeader;
    response.leader_hint = proposer_hint();
    send(client_address, response);
}

// The proposer of the highest ballot this node has promised, which is likely
// the one making progress; else the first proposer of the configuration.
NodeId Node::proposer_hint() const {
    if (!acceptor_.promised.is_none()) {
        return acceptor_.promised.node;
    }
    return config_.proposers.empty() ? kNoNode : config_.proposers.front();
}

// The node now knows the chosen value (its learner learned it, or its
// proposer heard a majority accept): a proposer is done, and every waiting
// client hears the value, whichever client proposed it.
void Node::on_chosen(const Value& value) {
    chosen_ = value;
    if (is_proposer()) {
        phase_ = ProposerPhase::Chosen;
        deadline_ = kNoDeadline;
    }
    for (const auto& [address, command] : waiting_clients_) {
        answer_client(address, command, value);
    }
    waiting_clients_.clear();
}

}  // namespace quorum::paxos
