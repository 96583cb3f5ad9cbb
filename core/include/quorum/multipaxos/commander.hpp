// PMMC's commander (section 3, "Commanders", Figure 5): phase 2 of one pvalue
// on the acceptors of its slot. It lives inside its leader node; its P2a go
// to the acceptors and their P2b come back to the leader node, which routes
// each one by slot and ballot.
#pragma once

#include <vector>

#include "quorum/multipaxos/messages.hpp"

namespace quorum::multipaxos {

class Commander {
  public:
    enum class Outcome { Waiting, Chosen, Preempted };

    // `on_minority`: Faults::commander_decides_on_minority, one P2b is enough.
    Commander(PValue pvalue, std::vector<NodeId> acceptors, bool on_minority = false);

    // A P2b from `from` for this commander's slot and ballot. Chosen once a
    // majority has accepted; Preempted if one has adopted a higher ballot.
    Outcome on_p2b(NodeId from, const P2b& response);

    const PValue& pvalue() const { return pvalue_; }
    const std::vector<NodeId>& acceptors() const { return acceptors_; }
    std::vector<NodeId> waiting_for() const;
    // Its whole state, for the explorer's visited set (quorum/state_hash.hpp).
    void hash_state(StateHasher& hasher) const;

  private:
    PValue pvalue_;
    std::vector<NodeId> acceptors_;
    std::vector<NodeId> answered_;
    bool on_minority_ = false;
};

// More than half of `acceptors`.
inline bool is_majority(std::size_t answered, std::size_t acceptors) {
    return answered >= acceptors / 2 + 1;
}

}  // namespace quorum::multipaxos
