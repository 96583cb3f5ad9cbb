// A Multi-Paxos node's whole state for the explorer (quorum/state_hash.hpp):
// each of its roles (PMMC's acceptor, leader with its scouts and commanders,
// replica), its random draws and its clock. Not the batch being built.
#include "quorum/state_hash.hpp"
#include "quorum/multipaxos/node.hpp"
#include "quorum/multipaxos/protocol.hpp"
#include "quorum/multipaxos/wire.hpp"

namespace quorum::multipaxos {

void Node::hash_state(StateHasher& hasher) const {
    hasher.add(random_, now_, acceptor_, leader_, replica_, leader_ballot_);
}

void Acceptor::hash_state(StateHasher& hasher) const {
    hasher.add(ballot_num_, accepted_);
}

void Scout::hash_state(StateHasher& hasher) const {
    hasher.add(ballot_, acceptors_, answered_, pvalues_, adopted_);
}

void Commander::hash_state(StateHasher& hasher) const {
    hasher.add(pvalue_, acceptors_, answered_);
}

void Leader::hash_state(StateHasher& hasher) const {
    hasher.add(ballot_num_, highest_seen_, campaigning_, scouts_, commanders_, decided_,
               latest_configuration_, latest_configuration_slot_, deadline_, highest_decided_);
    hasher.word(proposals_.size());
    for (const auto& [slot, proposal] : proposals_) {
        hasher.add(slot, proposal.decree, proposal.configuration);
    }
}

void Replica::hash_state(StateHasher& hasher) const {
    hasher.add(slot_in_, slot_out_, requests_, proposals_, decisions_, state_machine_,
               configurations_, awaiting_answer_, performed_early_, retry_deadline_,
               heard_decided_);
}

void Protocol::hash_node(StateHasher& hasher, const Node& node) {
    node.hash_state(hasher);
}

void Protocol::hash_durable(StateHasher& hasher, const DurableState& durable) {
    hasher.add(durable.acceptor_ballot, durable.accepted, durable.leader_ballot, durable.decisions);
}

}  // namespace quorum::multipaxos
