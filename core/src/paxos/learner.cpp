// The learner ("Paxos Made Simple", section 2.3): a value is chosen when a
// majority of acceptors have accepted the same proposal, so the learner
// counts, per ballot, the acceptors that told it they accepted that ballot,
// and learns the ballot's value when they are a majority. Acceptors tell
// every learner directly (the paper's first, fastest option).
#include "quorum/paxos/node.hpp"

namespace quorum::paxos {

void Node::handle_accepted_as_learner(NodeId from, const Accepted& accepted) {
    if (learned_) {
        return;  // one decree: nothing more to learn
    }
    BallotVotes& votes = votes_[accepted.ballot];
    if (votes.acceptors.empty()) {
        votes.value = accepted.value;
    } else if (votes.value != accepted.value) {
        return;  // one proposer, one value per ballot: a second value is impossible
    }
    votes.acceptors.insert(from);
    // The fault learns from a single acceptance: that value may never be chosen.
    const std::size_t needed = config_.faults.learner_learns_on_first_accepted ? 1 : majority();
    if (counted(votes) >= needed) {
        learn(accepted.value);  // not votes.value: learning clears votes_
    }
}

// The acceptors that accepted the ballot of `votes`; with the bug, those
// that accepted any ballot, as if one majority could be made of several.
std::size_t Node::counted(const BallotVotes& votes) const {
    if (!config_.faults.learner_mixes_ballots) {
        return votes.acceptors.size();
    }
    std::set<NodeId> any_ballot;
    for (const auto& [ballot, each] : votes_) {
        any_ballot.insert(each.acceptors.begin(), each.acceptors.end());
    }
    return any_ballot.size();
}

void Node::learn(const Value& value) {
    learned_ = value;
    ready_.learned = value;
    votes_.clear();  // what it counted no longer matters
    on_chosen(value);
}

}  // namespace quorum::paxos
