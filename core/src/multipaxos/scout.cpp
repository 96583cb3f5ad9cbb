// PMMC section 3, "Scouts" (Figure 6). The scout gathers, from a majority of
// its acceptors, every pvalue they accepted; the leader then proposes, for
// each slot, the decree of the highest-ballot pvalue (pmax), the only one
// that may already have been chosen.
#include "quorum/multipaxos/scout.hpp"

#include <algorithm>

#include "quorum/multipaxos/commander.hpp"
#include "quorum/multipaxos/ready.hpp"

namespace quorum::multipaxos {

Scout::Scout(Ballot ballot, std::vector<NodeId> acceptors)
    : ballot_(ballot), acceptors_(std::move(acceptors)) {}

Scout::Outcome Scout::on_p1b(NodeId from, const P1b& response) {
    if (response.ballot > ballot_) {
        return Outcome::Preempted;
    }
    if (adopted_ || response.ballot != ballot_ || !contains(acceptors_, from) ||
        contains(answered_, from)) {
        return adopted_ ? Outcome::Adopted : Outcome::Waiting;
    }
    answered_.push_back(from);
    for (const PValue& pvalue : response.accepted) {
        auto [it, inserted] = pvalues_.try_emplace(pvalue.slot, pvalue);
        if (!inserted && pvalue.ballot > it->second.ballot) {
            it->second = pvalue;
        }
    }
    adopted_ = is_majority(answered_.size(), acceptors_.size());
    return adopted_ ? Outcome::Adopted : Outcome::Waiting;
}

std::vector<NodeId> Scout::waiting_for() const {
    std::vector<NodeId> waiting;
    for (NodeId acceptor : acceptors_) {
        if (!contains(answered_, acceptor)) {
            waiting.push_back(acceptor);
        }
    }
    return waiting;
}

}  // namespace quorum::multipaxos
