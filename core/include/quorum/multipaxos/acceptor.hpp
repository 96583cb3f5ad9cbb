// PMMC's acceptor (section 3, "Acceptors", Figure 4): ballot_num, the highest
// ballot it has adopted, and accepted, the pvalues it has accepted. Its state
// is the memory of the protocol: the node persists it (through Ready) before
// any P1b or P2b built from it goes out.
#pragma once

#include <map>

#include "quorum/multipaxos/messages.hpp"

namespace quorum::multipaxos {

class Acceptor {
  public:
    Acceptor() = default;
    Acceptor(Ballot ballot_num, std::map<Slot, PValue> accepted);

    // Phase 1: adopt a higher ballot; answer with everything accepted.
    P1b on_p1a(const P1a& request);
    // Phase 2: accept unless promised to a higher ballot. Returns the answer;
    // `accepted_now` is set when the pvalue was accepted (a durable write).
    P2b on_p2a(const P2a& request, bool& accepted_now);

    const Ballot& ballot_num() const { return ballot_num_; }
    const std::map<Slot, PValue>& accepted() const { return accepted_; }
    // Its whole state, for the explorer's visited set (quorum/state_hash.hpp).
    void hash_state(StateHasher& hasher) const;

  private:
    Ballot ballot_num_;
    // PMMC keeps every pvalue accepted; only the highest ballot per slot can
    // matter to a scout (pmax), so one per slot is kept.
    std::map<Slot, PValue> accepted_;
};

}  // namespace quorum::multipaxos
