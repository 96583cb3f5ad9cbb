// A Raft node's whole state for the explorer (quorum/state_hash.hpp): Figure
// 2's state and everything volatile that decides what the node does next
// (its timers and their deadlines, its random draws, CheckQuorum's activity,
// the leader's window of appends). Not the batch being built (empty between
// inputs) nor the config (the same for the whole run).
#include <algorithm>
#include <vector>

#include "quorum/raft/node.hpp"
#include "quorum/raft/protocol.hpp"
#include "quorum/raft/wire.hpp"
#include "quorum/state_hash.hpp"

namespace quorum::raft {

void Node::hash_state(StateHasher& hasher) const {
    hasher.add(random_, now_, current_term_, voted_for_, snapshot_, log_, role_, leader_id_,
               commit_index_, last_applied_, state_machine_, election_deadline_,
               last_heard_from_leader_, votes_granted_, next_index_, match_index_,
               appends_in_flight_, recently_active_, heartbeat_deadline_, check_quorum_deadline_);
}

// Renamed (explore --symmetry): ids inside the state take their new names,
// and arrays by peer are hashed in the new names' order. Left out: the random
// generator and the election deadline it draws, which differ between nodes
// (each its own draws) and would keep any two from being interchangeable.
// The explorer fires timers by hand (`fire` fires the next timer whatever
// its deadline), and the election deadline is only ever a follower's or a
// candidate's next timer, so its value decides nothing the explorer can
// reach. The leader's deadlines (not drawn: now + a fixed interval) decide
// which of its timers fires next, and are kept.
void Node::hash_state_renamed(StateHasher& hasher, const NodeRenaming& rename) const {
    hasher.add(current_term_, rename(voted_for_), log_, role_, rename(leader_id_), commit_index_,
               last_applied_, state_machine_, now_, last_heard_from_leader_);
    std::vector<NodeId> votes;
    for (const NodeId voter : votes_granted_) {
        votes.push_back(rename(voter));
    }
    std::sort(votes.begin(), votes.end());
    hasher.add(votes);
    for (NodeId renamed = 1; renamed <= kMaxNodes; ++renamed) {
        const NodeId peer = rename.from(renamed);
        if (peer == 0) {
            hasher.word(0);
            continue;
        }
        hasher.add(next_index_[peer], match_index_[peer], appends_in_flight_[peer],
                   (recently_active_ >> peer) & 1U);
    }
    if (role_ == Role::Leader) {
        hasher.add(heartbeat_deadline_, check_quorum_deadline_);
    }
}

void Protocol::hash_node_renamed(StateHasher& hasher, const Node& node,
                                 const NodeRenaming& rename) {
    node.hash_state_renamed(hasher, rename);
}

void Protocol::hash_durable_renamed(StateHasher& hasher, const DurableState& durable,
                                    const NodeRenaming& rename) {
    hasher.add(durable.hard_state.current_term, rename(durable.hard_state.voted_for), durable.log);
}

void Protocol::hash_message_renamed(StateHasher& hasher, const Payload& payload,
                                    const NodeRenaming& rename) {
    hasher.word(payload.index());
    std::visit(
        [&](const auto& message) {
            auto renamed = message;
            if constexpr (requires { renamed.candidate_id; }) {
                renamed.candidate_id = rename(renamed.candidate_id);
            }
            if constexpr (requires { renamed.leader_id; }) {
                renamed.leader_id = rename(renamed.leader_id);
            }
            if constexpr (requires { renamed.leader_hint; }) {
                renamed.leader_hint = rename(renamed.leader_hint);
            }
            hasher.add(renamed);
        },
        payload);
}

void Protocol::hash_node(StateHasher& hasher, const Node& node) {
    node.hash_state(hasher);
}

void Protocol::hash_durable(StateHasher& hasher, const DurableState& durable) {
    hasher.add(durable.hard_state, durable.snapshot, durable.log);
}

}  // namespace quorum::raft
