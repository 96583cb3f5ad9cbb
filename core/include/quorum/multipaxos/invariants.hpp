// Multi-Paxos's safety properties (PMMC, section 3's invariants), checked
// after every event, as raft::Invariants does for Raft: a broken rule fails
// the run at the step that broke it, naming the rule, the nodes, the slot, the
// ballot and the time. The rules are declared once, in Invariants::rules()
// (invariants.cpp): agreement, slot order, acceptor ballot monotonic,
// validity, adopted pvalues safe.
//
// It is a checker of the protocol seam (quorum/check/checker.hpp): the host
// reports every Ready (on_ready), every proposal (on_proposed) and every
// restart (on_restart), and calls check() after every event. The checker is a
// plain value, copied with the cluster; its cost per event is that event's
// effects, not the history's.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <utility>
#include <vector>

#include "quorum/check/checker.hpp"
#include "quorum/check/violation.hpp"
#include "quorum/multipaxos/node.hpp"

namespace quorum::multipaxos {

// What the host notes before each input: the trace writes a `role` line when
// the node's leader became active or passive or changed its ballot.
struct Summary {
    bool active = false;  // the node's leader is active (PMMC's `active`)
    Ballot ballot;        // the leader's ballot_num; bottom for a node that is no leader
    friend bool operator==(const Summary&, const Summary&) = default;
};

class Invariants {
  public:
    using Nodes = NodeSlots<Node>;  // indexed by node id

    Invariants() = default;
    explicit Invariants(const Config&) {}

    // The rules, in the order rules() lists them.
    enum RuleId : std::size_t {
        kAgreement,
        kSlotOrder,
        kAcceptorBallotMonotonic,
        kValidity,
        kAdoptedPValuesSafe,
    };
    static std::span<const Rule> rules();
    static const Rule& rule(RuleId id) { return rules()[id]; }
    Summary summarize(const Node& node) const;

    // --- The checker interface (quorum/check/checker.hpp).
    void on_ready(NodeId node, const Node& after, const Summary& before, const Ready& ready,
                  TimeUs now_us);
    // After every event: acceptors' ballots.
    void check(const Nodes& nodes, NodeId touched, TimeUs now_us);
    void on_restart(NodeId node, const Node& restarted);
    // Only proposed commands (and configurations) may be decided: validity.
    void on_proposed(const Command& command);
    void on_proposed(const Decree& decree);
    void on_acknowledged(ClientId, std::uint64_t, TimeUs) {}
    const std::vector<Violation>& violations() const { return violations_; }
    const Violation* violation() const { return violations_.empty() ? nullptr : &violations_[0]; }
    bool ok() const { return violations_.empty(); }

    // The report on_ready() makes of a Ready (tests feed it by hand).
    void on_ready(NodeId node, const Ready& ready, TimeUs now_us);

  private:
    struct Decided {
        Decree decree;
        NodeId node = kNoNode;
        std::optional<Ballot> ballot;  // known when a commander reported it
    };

    void fail(RuleId rule, std::string details, TimeUs now_us, std::vector<NodeId> nodes,
              Slot slot);
    void on_decided(NodeId node, Slot slot, const Decree& decree, std::optional<Ballot> ballot,
                    TimeUs now_us);
    void check_validity(NodeId node, Slot slot, const Decree& decree, TimeUs now_us);
    void check_commanded(NodeId node, const PValue& pvalue, const char* how, TimeUs now_us);
    void check_applied(NodeId node, const AppliedEntry& entry, TimeUs now_us);

    std::vector<Violation> violations_;  // the first one only
    std::map<Slot, Decided> decided_;
    std::map<NodeId, Slot> next_to_apply_;
    std::map<NodeId, Ballot> acceptor_ballot_;
    std::map<std::pair<ClientId, std::uint64_t>, Command> proposed_commands_;
    std::vector<Configuration> proposed_configurations_;
};

static_assert(CheckerOf<Invariants, Node, Summary>);

}  // namespace quorum::multipaxos
