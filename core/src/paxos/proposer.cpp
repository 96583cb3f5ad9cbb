// The proposer ("Paxos Made Simple", section 2.2, "the algorithm for a
// proposer to issue a proposal"):
//   Phase 1: choose a new ballot n and send Prepare(n) to the acceptors.
//   Phase 2: with Promises from a majority, send Accept(n, v), where v is the
//   value of the highest-numbered proposal among the Promises, or, if they
//   report none, the proposer's own value (a client's).
// The proposer knows its value is chosen when a majority of acceptors tell it
// they accepted ballot n. It abandons a ballot on a Nack or when a phase
// times out, and retries above every ballot it has heard of; with backoff on
// it first waits a random delay, which is what ends a duel between proposers
// (section 2.4: progress needs a distinguished proposer, or luck).
#include <algorithm>
#include <cassert>

#include "quorum/paxos/node.hpp"

namespace quorum::paxos {

// One proposal at a time: while one is under way, a new client waits for its
// outcome, since only one value can be chosen anyway.
void Node::propose_value(const Value& value) {
    if (phase_ != ProposerPhase::Idle) {
        return;
    }
    client_value_ = value;
    start_prepare();
}

// Phase 1a. The new round goes above every round this node has tried, seen
// in a Nack, or promised as an acceptor, so the Prepare has a chance.
void Node::start_prepare() {
    assert(client_value_.has_value());
    round_ = std::max({round_, highest_round_seen_, acceptor_.promised.round}) + 1;
    ballot_ = Ballot{round_, id_};
    phase_ = ProposerPhase::Preparing;
    promises_.clear();
    accepted_by_.clear();
    proposal_value_.reset();
    deadline_ = now_ + config_.retry_timeout_us;
    broadcast(config_.acceptors, Prepare{ballot_});
}

void Node::handle_promise(NodeId from, const Promise& promise) {
    if (phase_ != ProposerPhase::Preparing || promise.ballot != ballot_) {
        return;  // a Promise for a ballot this proposer has abandoned
    }
    promises_[from] = promise.accepted;
    if (promises_.size() >= majority()) {
        start_accept();
    }
}

// Phase 2a: the value is forced by the highest-numbered proposal any promising
// acceptor accepted, since that value may already be chosen (P2c).
void Node::start_accept() {
    const Proposal* highest = nullptr;
    for (const auto& [acceptor, accepted] : promises_) {
        if (accepted && (highest == nullptr || accepted->ballot > highest->ballot)) {
            highest = &*accepted;
        }
    }
    const bool forced = highest != nullptr && !config_.faults.proposer_ignores_accepted_values;
    proposal_value_ = forced ? highest->value : *client_value_;
    if (!forced && config_.faults.proposer_invents_value) {
        *proposal_value_ += "?";  // a value no client proposed
    }
    phase_ = ProposerPhase::Accepting;
    accepted_by_.clear();
    deadline_ = now_ + config_.retry_timeout_us;
    broadcast(config_.acceptors, Accept{ballot_, *proposal_value_});
}

void Node::handle_nack(const Nack& nack) {
    highest_round_seen_ = std::max(highest_round_seen_, nack.promised.round);
    const bool in_flight = phase_ == ProposerPhase::Preparing || phase_ == ProposerPhase::Accepting;
    if (in_flight && nack.ballot == ballot_) {
        retry();
    }
}

void Node::handle_accepted_as_proposer(NodeId from, const Accepted& accepted) {
    if (phase_ != ProposerPhase::Accepting || accepted.ballot != ballot_) {
        return;
    }
    accepted_by_.insert(from);
    if (accepted_by_.size() >= majority()) {
        on_chosen(*proposal_value_);
    }
}

// Abandons the current ballot. Without backoff the next Prepare goes out at
// once, which is how two proposers can preempt each other forever.
void Node::retry() {
    if (!config_.backoff) {
        start_prepare();
        return;
    }
    phase_ = ProposerPhase::BackingOff;
    deadline_ = now_ + random_.between(0, config_.backoff_max_us);
}

void Node::fire_proposer_timer() {
    switch (phase_) {
        case ProposerPhase::Preparing:
        case ProposerPhase::Accepting:
            retry();  // no majority in time: messages lost, or acceptors down
            break;
        case ProposerPhase::BackingOff:
            start_prepare();
            break;
        case ProposerPhase::Idle:
        case ProposerPhase::Chosen:
            break;  // no timer
    }
}

}  // namespace quorum::paxos
