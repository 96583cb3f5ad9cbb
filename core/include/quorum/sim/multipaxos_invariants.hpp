// Multi-Paxos's safety properties (PMMC, section 3's invariants), checked
// after every event, as RaftInvariants does for Raft: a broken rule fails the
// run at the step that broke it, naming the rule, the nodes, the slot, the
// ballot and the time.
//
//   agreement                  no two nodes decide different decrees for one
//                              slot (replicas' decisions and commanders'
//                              chosen pvalues alike)
//   slot order                 a replica applies slots 1, 2, 3, ... in order:
//                              no gap, no reordering
//   acceptor ballot monotonic  an acceptor's ballot_num never decreases, not
//                              even across a restart (it is durable)
//   validity                   every decided command was proposed (by a client,
//                              propose() or reconfigure()); no-ops are allowed
//   adopted pvalues safe       a leader that commands slot s with ballot b,
//                              where s was chosen with decree c at a ballot
//                              below b, commands c (PMMC's invariant on
//                              adopted pvalues: pmax keeps what may be chosen)
//
// The host reports every Ready (on_ready), every proposal (on_proposed) and
// every restart (on_restart), and calls check() after every event. The
// checker is a plain value, copied with the cluster; its cost per event is
// that event's effects, not the history's.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <utility>
#include <vector>

#include "quorum/multipaxos/node.hpp"
#include "quorum/sim/violation.hpp"

namespace quorum::sim {

class MultiPaxosInvariants {
  public:
    using Nodes = std::vector<std::optional<multipaxos::Node>>;  // indexed by node id

    // After every event.
    void check(const Nodes& nodes, TimeUs now_us);
    // As they happen.
    void on_proposed(const Command& command);
    void on_proposed(const multipaxos::Decree& decree);
    void on_ready(NodeId node, const multipaxos::Ready& ready, TimeUs now_us);
    void on_restart(NodeId node, const multipaxos::Node& restarted);

    const std::optional<Violation>& violation() const { return violation_; }
    bool ok() const { return !violation_.has_value(); }

  private:
    struct Decided {
        multipaxos::Decree decree;
        NodeId node = kNoNode;
        std::optional<multipaxos::Ballot> ballot;  // known when a commander reported it
    };

    void fail(std::string rule, std::string details, TimeUs now_us, std::vector<NodeId> nodes,
              multipaxos::Slot slot);
    void on_decided(NodeId node, multipaxos::Slot slot, const multipaxos::Decree& decree,
                    std::optional<multipaxos::Ballot> ballot, TimeUs now_us);
    void check_validity(NodeId node, multipaxos::Slot slot, const multipaxos::Decree& decree,
                        TimeUs now_us);
    void check_commanded(NodeId node, const multipaxos::PValue& pvalue, const char* how,
                         TimeUs now_us);
    void check_applied(NodeId node, const multipaxos::AppliedEntry& entry, TimeUs now_us);

    std::optional<Violation> violation_;
    std::map<multipaxos::Slot, Decided> decided_;
    std::map<NodeId, multipaxos::Slot> next_to_apply_;
    std::map<NodeId, multipaxos::Ballot> acceptor_ballot_;
    std::map<std::pair<ClientId, std::uint64_t>, Command> proposed_commands_;
    std::vector<multipaxos::Configuration> proposed_configurations_;
};

// "3.1": ballot round 3 of leader 1, for messages.
std::string ballot_text(const multipaxos::Ballot& ballot);

}  // namespace quorum::sim
