// Single-decree Paxos's safety properties ("Paxos Made Simple", section 2.1),
// checked after every event, as RaftInvariants does for Raft: a broken rule
// is reported at the step that broke it, naming the rule, the nodes, the
// ballot and the time.
//
//   at most one value chosen   no two ballots with different values are each
//                              accepted by a majority of acceptors
//   only a proposed value      a chosen value is one a client proposed
//   promise kept               an acceptor never accepts below its promise,
//                              and its promise never decreases (not even
//                              across a restart: promises are durable)
//   learned value chosen       a learner learns only the value chosen
//   one value per ballot       no two acceptances of one ballot carry
//                              different values (ballots are unique per
//                              proposer, which proposes one value per ballot)
//
// "Chosen" is the paper's definition: a majority of acceptors accepted the
// same proposal, at any time; it stays chosen even after those acceptors
// accept later ballots. So the checker keeps, per ballot, every acceptor
// that ever accepted it, as the host reports acceptances: on_ready() reads a
// node's Ready (its durable write, the Accepted messages it sends, what it
// learned) and the node itself, and check() reads every live node's state.
// Both are idempotent, so a host may call both; tests may instead feed the
// on_*() reports by hand.
//
// Unlike RaftInvariants it keeps every violation, not only the first (up to
// kMaxViolations): the amnesia lesson shows a forgotten promise first and the
// second value chosen after it.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <set>
#include <vector>

#include "quorum/paxos/node.hpp"
#include "quorum/sim/violation.hpp"

namespace quorum::sim {

class PaxosInvariants {
  public:
    using Nodes = std::vector<std::optional<paxos::Node>>;  // indexed by node id

    static constexpr std::size_t kMaxViolations = 64;

    explicit PaxosInvariants(std::vector<NodeId> acceptors);

    // After every event: every live node's promise, accepted proposal and
    // learned value.
    void check(const Nodes& nodes, TimeUs now_us);
    // After every input, with the node after it and the Ready it returned.
    void on_ready(const paxos::Node& node, const paxos::Ready& ready, TimeUs now_us);

    // The reports, one fact each (on_ready and check make them; tests may too).
    void on_proposed(const paxos::Value& value);  // a client proposed it
    void on_promised(NodeId acceptor, const paxos::Ballot& promised, TimeUs now_us);
    void on_accepted(NodeId acceptor, const paxos::Proposal& proposal, TimeUs now_us);
    void on_learned(NodeId learner, const paxos::Value& value, TimeUs now_us);
    // A restarted learner has forgotten what it learned (it is volatile);
    // promises are durable, so they are not forgotten here.
    void on_restart(NodeId node);

    // The chosen value, once a majority of acceptors accepted one ballot: the
    // first such ballot, and that majority.
    struct Chosen {
        paxos::Ballot ballot;
        paxos::Value value;
        std::vector<NodeId> acceptors;
    };
    const std::optional<Chosen>& chosen() const { return chosen_; }
    // Every value a majority accepted, in the order that happened: one, or
    // none, unless "at most one value chosen" was broken (the amnesia lesson).
    const std::vector<paxos::Value>& chosen_values() const { return chosen_values_; }

    const std::optional<Violation>& violation() const { return first_violation_; }
    const std::vector<Violation>& violations() const { return violations_; }
    bool ok() const { return violations_.empty(); }
    // Whether some violation broke `rule`.
    bool violated(const std::string& rule) const;

  private:
    void fail(std::string rule, std::string details, TimeUs now_us, std::vector<NodeId> nodes);
    void observe(const paxos::Node& node, TimeUs now_us);
    void on_ballot_majority(const paxos::Ballot& ballot, TimeUs now_us);

    struct BallotRecord {
        paxos::Value value;
        std::set<NodeId> acceptors;
    };

    std::set<NodeId> acceptors_;
    std::size_t majority_ = 1;
    std::set<paxos::Value> proposed_;
    std::map<NodeId, paxos::Ballot> promised_;                // the highest promise seen
    std::map<NodeId, paxos::Proposal> last_accepted_;         // to tell a new acceptance
    std::map<paxos::Ballot, BallotRecord> accepted_ballots_;  // every acceptance ever
    std::map<NodeId, paxos::Value> learned_;
    std::optional<Chosen> chosen_;
    std::vector<paxos::Value> chosen_values_;
    std::optional<Violation> first_violation_;
    std::vector<Violation> violations_;
};

}  // namespace quorum::sim
