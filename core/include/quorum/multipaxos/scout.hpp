// PMMC's scout (section 3, "Scouts", Figure 6): phase 1 of one ballot on one
// set of acceptors. It lives inside its leader node; its P1a go to the
// acceptors and their P1b come back to the leader node, which hands each one
// to the scouts of that ballot.
#pragma once

#include <map>
#include <vector>

#include "quorum/multipaxos/messages.hpp"

namespace quorum::multipaxos {

class Scout {
  public:
    enum class Outcome { Waiting, Adopted, Preempted };

    Scout(Ballot ballot, std::vector<NodeId> acceptors);

    // A P1b from `from` for this scout's ballot. Adopted once a majority of
    // the acceptors has adopted the ballot; Preempted if one has a higher one.
    Outcome on_p1b(NodeId from, const P1b& response);

    const Ballot& ballot() const { return ballot_; }
    const std::vector<NodeId>& acceptors() const { return acceptors_; }
    bool adopted() const { return adopted_; }
    // The acceptors that have not answered yet (a leader's timer asks again).
    std::vector<NodeId> waiting_for() const;
    // pmax of the pvalues gathered: per slot, the one with the highest ballot.
    const std::map<Slot, PValue>& pvalues() const { return pvalues_; }
    // Its whole state, for the explorer's visited set (quorum/state_hash.hpp).
    void hash_state(StateHasher& hasher) const;

  private:
    Ballot ballot_;
    std::vector<NodeId> acceptors_;
    std::vector<NodeId> answered_;
    std::map<Slot, PValue> pvalues_;
    bool adopted_ = false;
};

}  // namespace quorum::multipaxos
