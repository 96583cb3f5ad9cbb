// A Paxos node's whole state for the explorer (quorum/state_hash.hpp): its
// acceptor's promise and acceptance, its proposer's round, phase, ballot,
// promises and timer, its learner's votes, its waiting clients and its
// random draws. Not the batch being built (empty between inputs).
#include "quorum/state_hash.hpp"
#include "quorum/paxos/node.hpp"
#include "quorum/paxos/protocol.hpp"
#include "quorum/paxos/wire.hpp"

namespace quorum::paxos {

void Node::hash_state(StateHasher& hasher) const {
    hasher.add(random_, now_, acceptor_, round_, highest_round_seen_, phase_, ballot_,
               client_value_, proposal_value_, promises_, accepted_by_, deadline_);
    hasher.word(votes_.size());
    for (const auto& [ballot, votes] : votes_) {
        hasher.add(ballot, votes.value, votes.acceptors);
    }
    hasher.add(learned_, chosen_, waiting_clients_);
}

void Protocol::hash_node(StateHasher& hasher, const Node& node) {
    node.hash_state(hasher);
}

void Protocol::hash_durable(StateHasher& hasher, const DurableState& durable) {
    hasher.add(durable);
}

}  // namespace quorum::paxos
