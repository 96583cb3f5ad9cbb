// PMMC section 3, "Commanders" (Figure 5). Once a majority of the slot's
// acceptors has accepted the pvalue, its decree is chosen: the leader sends a
// Decision to every replica.
#include "quorum/multipaxos/commander.hpp"

#include "quorum/multipaxos/ready.hpp"

namespace quorum::multipaxos {

Commander::Commander(PValue pvalue, std::vector<NodeId> acceptors, bool on_minority)
    : pvalue_(std::move(pvalue)), acceptors_(std::move(acceptors)), on_minority_(on_minority) {}

Commander::Outcome Commander::on_p2b(NodeId from, const P2b& response) {
    if (response.ballot > pvalue_.ballot) {
        return Outcome::Preempted;
    }
    if (response.ballot == pvalue_.ballot && contains(acceptors_, from) &&
        !contains(answered_, from)) {
        answered_.push_back(from);
    }
    const bool enough =
        on_minority_ ? !answered_.empty() : is_majority(answered_.size(), acceptors_.size());
    return enough ? Outcome::Chosen : Outcome::Waiting;
}

std::vector<NodeId> Commander::waiting_for() const {
    std::vector<NodeId> waiting;
    for (NodeId acceptor : acceptors_) {
        if (!contains(answered_, acceptor)) {
            waiting.push_back(acceptor);
        }
    }
    return waiting;
}

}  // namespace quorum::multipaxos
