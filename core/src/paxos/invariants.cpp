#include "quorum/paxos/invariants.hpp"

#include <algorithm>
#include <iterator>

namespace quorum::paxos {

namespace {

constexpr Rule kRules[] = {
    {"at most one value chosen",
     "no two ballots with different values are each accepted by a majority of acceptors"},
    {"only a proposed value", "a chosen value is one a client proposed"},
    {"promise kept",
     "an acceptor never accepts below its promise, and its promise never decreases, not even "
     "across a restart"},
    {"learned value chosen", "a learner learns only the value chosen"},
    {"one value per ballot", "no two acceptances of one ballot carry different values"},
};
static_assert(std::size(kRules) == Invariants::kOneValuePerBallot + 1,
              "one Rule per RuleId, in order");

std::string ballot_text(const Ballot& ballot) {
    return ballot.is_none() ? "none" : ballot.to_string();
}

std::string quoted(const Value& value) {
    return "'" + value + "'";
}

std::vector<NodeId> sorted_union(const std::vector<NodeId>& a, const std::vector<NodeId>& b) {
    std::set<NodeId> both(a.begin(), a.end());
    both.insert(b.begin(), b.end());
    return {both.begin(), both.end()};
}

}  // namespace

Invariants::Invariants(const Config& config) : Invariants(config.acceptors) {}

Invariants::Invariants(std::vector<NodeId> acceptors)
    : acceptors_(acceptors.begin(), acceptors.end()), majority_(acceptors_.size() / 2 + 1) {}

std::span<const Rule> Invariants::rules() {
    return kRules;
}

bool Invariants::violated(const std::string& rule) const {
    return std::any_of(violations_.begin(), violations_.end(),
                       [&](const Violation& violation) { return violation.rule == rule; });
}

void Invariants::fail(RuleId rule, std::string details, TimeUs now_us, std::vector<NodeId> nodes) {
    if (violations_.size() < kMaxViolations) {
        violations_.push_back(
            make_violation(kRules[rule], std::move(details), now_us, std::move(nodes)));
    }
}

// -----------------------------------------------------------------------------
// What the host sees
// -----------------------------------------------------------------------------

void Invariants::check(const Nodes& nodes, NodeId, TimeUs now_us) {
    for (const auto& node : nodes) {
        if (node) {
            observe(*node, now_us);
        }
    }
}

// The Accepted messages a node sends are its acceptances, reported even when
// the node skips its durable write (the amnesia fault).
void Invariants::on_ready(NodeId, const Node& node, const Summary&, const Ready& ready,
                          TimeUs now_us) {
    for (const Message& message : ready.messages) {
        if (const auto* accepted = std::get_if<Accepted>(&message.payload)) {
            on_accepted(message.from, Proposal{accepted->ballot, accepted->value}, now_us);
        }
    }
    observe(node, now_us);
    if (ready.learned) {
        on_learned(node.id(), *ready.learned, now_us);
    }
}

// The acceptance first: it is judged against the promise held before it.
void Invariants::observe(const Node& node, TimeUs now_us) {
    if (node.is_acceptor()) {
        if (node.accepted()) {
            on_accepted(node.id(), *node.accepted(), now_us);
        }
        on_promised(node.id(), node.promised(), now_us);
    }
    if (node.is_learner() && node.learned()) {
        on_learned(node.id(), *node.learned(), now_us);
    }
}

void Invariants::on_restart(NodeId node) {
    learned_.erase(node);
}

void Invariants::on_restart(NodeId node, const Node&) {
    on_restart(node);
}

// -----------------------------------------------------------------------------
// The rules
// -----------------------------------------------------------------------------

void Invariants::on_proposed(const Value& value) {
    proposed_.insert(value);
}

void Invariants::on_proposed(const Command& command) {
    if (command.kind == OperationKind::Propose) {
        on_proposed(command.value);
    }
}

void Invariants::on_promised(NodeId acceptor, const Ballot& promised, TimeUs now_us) {
    auto [it, inserted] = promised_.emplace(acceptor, promised);
    if (inserted || promised == it->second) {
        return;
    }
    if (promised < it->second) {
        fail(kPromiseKept,
             "acceptor " + std::to_string(acceptor) + "'s promise went from ballot " +
                 ballot_text(it->second) + " down to " + ballot_text(promised) +
                 " (a restart that lost its durable state?)",
             now_us, {acceptor});
    }
    it->second = promised;
}

void Invariants::on_accepted(NodeId acceptor, const Proposal& proposal, TimeUs now_us) {
    if (!acceptors_.contains(acceptor)) {
        return;  // not an acceptor: its word does not count
    }
    const auto last = last_accepted_.find(acceptor);
    if (last != last_accepted_.end() && last->second == proposal) {
        return;  // already known
    }
    last_accepted_[acceptor] = proposal;
    const auto promise = promised_.find(acceptor);
    if (promise != promised_.end() && proposal.ballot < promise->second) {
        fail(kPromiseKept,
             "acceptor " + std::to_string(acceptor) + " accepted ballot " +
                 ballot_text(proposal.ballot) + " (" + quoted(proposal.value) +
                 ") below its promise " + ballot_text(promise->second),
             now_us, {acceptor});
    }
    BallotRecord& record = accepted_ballots_[proposal.ballot];
    if (record.acceptors.empty()) {
        record.value = proposal.value;
    } else if (record.value != proposal.value) {
        const std::vector<NodeId> earlier(record.acceptors.begin(), record.acceptors.end());
        fail(kOneValuePerBallot,
             "ballot " + ballot_text(proposal.ballot) + " was accepted with " +
                 quoted(record.value) + " (by " + node_list(earlier) + ") and with " +
                 quoted(proposal.value) + " (by " + std::to_string(acceptor) + ")",
             now_us, sorted_union(earlier, {acceptor}));
        return;
    }
    record.acceptors.insert(acceptor);
    if (record.acceptors.size() == majority_) {
        on_ballot_majority(proposal.ballot, now_us);
    }
}

// A majority accepted `ballot`: its value is chosen. It must be the value
// chosen before, if any, and one that a client proposed.
void Invariants::on_ballot_majority(const Ballot& ballot, TimeUs now_us) {
    const BallotRecord& record = accepted_ballots_.at(ballot);
    const std::vector<NodeId> acceptors(record.acceptors.begin(), record.acceptors.end());
    if (std::find(chosen_values_.begin(), chosen_values_.end(), record.value) ==
        chosen_values_.end()) {
        chosen_values_.push_back(record.value);
    }
    if (!chosen_) {
        chosen_ = Chosen{ballot, record.value, acceptors};
        if (!proposed_.contains(record.value)) {
            fail(kOnlyAProposedValue,
                 quoted(record.value) + " was chosen at ballot " + ballot_text(ballot) +
                     " (acceptors " + node_list(acceptors) + ") but no client proposed it",
                 now_us, acceptors);
        }
        return;
    }
    if (chosen_->value != record.value) {
        fail(kAtMostOneValueChosen,
             quoted(chosen_->value) + " was chosen at ballot " + ballot_text(chosen_->ballot) +
                 " (acceptors " + node_list(chosen_->acceptors) + "), then " +
                 quoted(record.value) + " at ballot " + ballot_text(ballot) + " (acceptors " +
                 node_list(acceptors) + ")",
             now_us, sorted_union(chosen_->acceptors, acceptors));
    }
}

void Invariants::on_learned(NodeId learner, const Value& value, TimeUs now_us) {
    const auto [it, inserted] = learned_.emplace(learner, value);
    if (!inserted && it->second == value) {
        return;  // already judged
    }
    it->second = value;
    if (!chosen_) {
        fail(kLearnedValueChosen,
             "learner " + std::to_string(learner) + " learned " + quoted(value) +
                 " but no value is chosen (no ballot accepted by a majority of " +
                 std::to_string(acceptors_.size()) + " acceptors)",
             now_us, {learner});
    } else if (chosen_->value != value) {
        fail(kLearnedValueChosen,
             "learner " + std::to_string(learner) + " learned " + quoted(value) + " but " +
                 quoted(chosen_->value) + " is chosen (ballot " + ballot_text(chosen_->ballot) +
                 ")",
             now_us, {learner});
    }
}

}  // namespace quorum::paxos
