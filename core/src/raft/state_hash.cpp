// A Raft node's whole state for the explorer (quorum/state_hash.hpp): Figure
// 2's state and everything volatile that decides what the node does next
// (its timers and their deadlines, its random draws, CheckQuorum's activity,
// the leader's window of appends). Not the batch being built (empty between
// inputs) nor the config (the same for the whole run).
#include "quorum/state_hash.hpp"
#include "quorum/raft/node.hpp"
#include "quorum/raft/protocol.hpp"
#include "quorum/raft/wire.hpp"

namespace quorum::raft {

void Node::hash_state(StateHasher& hasher) const {
    hasher.add(random_, now_, current_term_, voted_for_, snapshot_, log_, role_, leader_id_,
               commit_index_, last_applied_, state_machine_, election_deadline_,
               last_heard_from_leader_, votes_granted_, next_index_, match_index_,
               appends_in_flight_, recently_active_, heartbeat_deadline_, check_quorum_deadline_);
}

void Protocol::hash_node(StateHasher& hasher, const Node& node) {
    node.hash_state(hasher);
}

void Protocol::hash_durable(StateHasher& hasher, const DurableState& durable) {
    hasher.add(durable.hard_state, durable.snapshot, durable.log);
}

}  // namespace quorum::raft
