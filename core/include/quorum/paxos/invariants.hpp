// Single-decree Paxos's safety properties ("Paxos Made Simple", section 2.1),
// checked after every event, as raft::Invariants does for Raft: a broken rule
// is reported at the step that broke it, naming the rule, the nodes, the
// ballot and the time. The rules are declared once, in Invariants::rules()
// (invariants.cpp): at most one value chosen, only a proposed value, promise
// kept, learned value chosen, one value per ballot. It is a checker of the
// protocol seam (quorum/check/checker.hpp).
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

#include "quorum/check/checker.hpp"
#include "quorum/check/violation.hpp"
#include "quorum/paxos/node.hpp"

namespace quorum::paxos {

// What the host notes before each input: the trace writes a `phase` line when
// the proposer's phase or ballot changed, and a `chosen` line for each value
// that became chosen during the input.
struct Summary {
    ProposerPhase phase = ProposerPhase::Idle;
    Ballot ballot;
    std::size_t chosen_values = 0;
};

class Invariants {
  public:
    using Nodes = NodeSlots<Node>;  // indexed by node id

    static constexpr std::size_t kMaxViolations = 64;
    // The host feeds every Ready even with the checks off: the checker is
    // also what knows when a value became chosen (the trace's `chosen` line).
    static constexpr bool kFedWithChecksOff = true;

    explicit Invariants(const Config& config);
    explicit Invariants(std::vector<NodeId> acceptors);

    // The rules, in the order rules() lists them.
    enum RuleId : std::size_t {
        kAtMostOneValueChosen,
        kOnlyAProposedValue,
        kPromiseKept,
        kLearnedValueChosen,
        kOneValuePerBallot,
    };
    static std::span<const Rule> rules();
    static const Rule& rule(RuleId id) { return rules()[id]; }
    Summary summarize(const Node& node) const {
        return {node.phase(), node.ballot(), chosen_values_.size()};
    }

    // --- The checker interface (quorum/check/checker.hpp).
    // After every input, with the node after it and the Ready it returned.
    void on_ready(NodeId node, const Node& after, const Summary& before, const Ready& ready,
                  TimeUs now_us);
    // After every event: every live node's promise, accepted proposal and
    // learned value.
    void check(const Nodes& nodes, NodeId touched, TimeUs now_us);
    // A restarted learner has forgotten what it learned (it is volatile);
    // promises are durable, so they are not forgotten here.
    void on_restart(NodeId node, const Node& restarted);
    // A client's `propose v` makes v a proposed value; other commands are not.
    void on_proposed(const Command& command);
    void on_acknowledged(ClientId, std::uint64_t, TimeUs) {}
    const std::vector<Violation>& violations() const { return violations_; }

    // --- The reports, one fact each (on_ready and check make them; tests may too).
    void on_proposed(const Value& value);  // a client proposed it
    void on_promised(NodeId acceptor, const Ballot& promised, TimeUs now_us);
    void on_accepted(NodeId acceptor, const Proposal& proposal, TimeUs now_us);
    void on_learned(NodeId learner, const Value& value, TimeUs now_us);
    void on_restart(NodeId node);

    // The chosen value, once a majority of acceptors accepted one ballot: the
    // first such ballot, and that majority.
    struct Chosen {
        Ballot ballot;
        Value value;
        std::vector<NodeId> acceptors;
    };
    const std::optional<Chosen>& chosen() const { return chosen_; }
    // Every value a majority accepted, in the order that happened: one, or
    // none, unless "at most one value chosen" was broken (the amnesia lesson).
    const std::vector<Value>& chosen_values() const { return chosen_values_; }

    const Violation* violation() const { return violations_.empty() ? nullptr : &violations_[0]; }
    bool ok() const { return violations_.empty(); }
    // Whether some violation broke `rule`.
    bool violated(const std::string& rule) const;

  private:
    void fail(RuleId rule, std::string details, TimeUs now_us, std::vector<NodeId> nodes);
    void observe(const Node& node, TimeUs now_us);
    void on_ballot_majority(const Ballot& ballot, TimeUs now_us);

    struct BallotRecord {
        Value value;
        std::set<NodeId> acceptors;
    };

    std::set<NodeId> acceptors_;
    std::size_t majority_ = 1;
    std::set<Value> proposed_;
    std::map<NodeId, Ballot> promised_;                // the highest promise seen
    std::map<NodeId, Proposal> last_accepted_;         // to tell a new acceptance
    std::map<Ballot, BallotRecord> accepted_ballots_;  // every acceptance ever
    std::map<NodeId, Value> learned_;
    std::optional<Chosen> chosen_;
    std::vector<Value> chosen_values_;
    std::vector<Violation> violations_;
};

static_assert(CheckerOf<Invariants, Node, Summary>);

}  // namespace quorum::paxos
