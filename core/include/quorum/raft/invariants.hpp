// Raft's safety properties (extended Raft paper, Figure 3), checked after
// every event, as LogCabin's RaftConsensusInvariants does: a broken rule fails
// the run at the step that broke it, naming the rule, the nodes, the index and
// the time. The rules are declared once, in Invariants::rules() (invariants.cpp):
// election safety, leader append-only, log matching, leader completeness,
// state machine safety, commit monotonic, acknowledged writes, snapshot
// state (thesis chapter 5: a snapshot is the committed log applied).
//
// It is a checker of the protocol seam (quorum/check/checker.hpp): the host
// feeds it every Ready (on_ready) and calls check() after every event. Tests
// may instead feed the on_*() reports by hand. It keeps its first violation
// only: after one broken rule the run is broken.
//
// The checker is a plain value, copied with the cluster. It is incremental,
// so it can run after every event of a long fuzz run: it keeps a prefix
// fingerprint per log index of every node (64-bit, updated from each Ready's
// log write), so log matching and leader completeness compare one fingerprint
// per pair instead of whole logs. Two different prefixes with the same
// fingerprint would hide a violation; with 64-bit mixing that is a chance of
// about 2^-64 per comparison.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "quorum/check/checker.hpp"
#include "quorum/check/violation.hpp"
#include "quorum/raft/node.hpp"

namespace quorum::raft {

// What the host notes of a node before each input: the checker and the trace
// compare it with the node after.
struct Summary {
    Role role = Role::Follower;
    Term term = 0;
};

class Invariants {
  public:
    using Nodes = NodeSlots<Node>;  // indexed by node id

    Invariants() = default;
    explicit Invariants(const Config&) {}

    // The rules, in the order rules() lists them.
    enum RuleId : std::size_t {
        kElectionSafety,
        kLeaderAppendOnly,
        kLogMatching,
        kLeaderCompleteness,
        kStateMachineSafety,
        kCommitMonotonic,
        kAcknowledgedWrites,
        kSnapshotState,
    };
    static std::span<const Rule> rules();
    static const Rule& rule(RuleId id) { return rules()[id]; }
    Summary summarize(const Node& node) const { return {node.role(), node.current_term()}; }

    // --- The checker interface (quorum/check/checker.hpp).
    // Every Ready the node returned, `before` taken before the input.
    void on_ready(NodeId node, const Node& after, const Summary& before, const Ready& ready,
                  TimeUs now_us);
    // After an event that was an input to `touched` alone (or to no node:
    // kNoNode), as every simulator event is: only that node's own state, the
    // logs written, and the leaders are looked at again.
    void check(const Nodes& nodes, NodeId touched, TimeUs now_us);
    void on_restart(NodeId node, const Node& restarted);
    void on_proposed(const Command&) {}
    void on_acknowledged(ClientId client, std::uint64_t sequence, TimeUs now_us);
    const std::vector<Violation>& violations() const { return violations_; }
    const Violation* violation() const { return violations_.empty() ? nullptr : &violations_[0]; }
    bool ok() const { return violations_.empty(); }

    // --- The reports on_ready() makes, one fact each (tests feed them by hand).
    // After every event, looking at every node.
    void check_all(const Nodes& nodes, TimeUs now_us);
    // As they happen. The host reports every log write (a Ready's log_write_from)
    // with the node's log after it; `stayed_leader` says the node was leader of
    // the same term before and after the input that wrote.
    // `log` starts after the node's snapshot, at index log_offset + 1.
    void on_log_write(NodeId node, LogIndex from, const std::vector<Entry>& log, bool stayed_leader,
                      TimeUs now_us, LogIndex log_offset = 0);
    // A snapshot a node took or installed: it must equal the state machine
    // obtained by applying the committed log up to its index.
    void on_snapshot(NodeId node, const Snapshot& snapshot, TimeUs now_us);
    // `node_term` is the applying node's currentTerm: the first node to apply
    // an index is the leader that committed it, so that is the term in which
    // the entry was committed (Leader Completeness speaks of that term, not of
    // the entry's own).
    void on_applied(NodeId node, const AppliedEntry& entry, Term node_term, TimeUs now_us);
    // commitIndex is volatile: a restarted node's starts at 0 again.
    void on_restart(NodeId node);

  private:
    void fail(RuleId rule, std::string details, TimeUs now_us, std::vector<NodeId> nodes,
              LogIndex index);
    void check_node(const Node& node, TimeUs now_us);
    void check_shared(const Nodes& nodes, TimeUs now_us);
    void check_election_safety(const Node& node, TimeUs now_us);
    void sync_fingerprints(const Node& node);
    void check_log_matching(const Nodes& nodes, TimeUs now_us);
    void check_leader_completeness(const Node& node, TimeUs now_us);
    void check_commit_monotonic(const Node& node, TimeUs now_us);

    // A log as the checker sees it: per index, the entry's term and the
    // fingerprint of the whole prefix up to it.
    struct LogFingerprints {
        std::vector<Term> terms;
        std::vector<std::uint64_t> prefix;
        void append(const Entry& entry);
        void rewrite(LogIndex from, const std::vector<Entry>& log, LogIndex log_offset = 0);
        LogIndex size() const { return static_cast<LogIndex>(terms.size()); }
    };
    // A node's whole log as the checker sees it: the committed prefix up to
    // its snapshot (what a snapshot stands for), then its entries.
    void reload(LogFingerprints& fingerprints, const Node& node) const;
    static LogIndex first_difference(const LogFingerprints& a, const LogFingerprints& b,
                                     LogIndex up_to);

    std::vector<Violation> violations_;  // the first one only
    std::map<Term, NodeId> leader_of_term_;
    // Per node id: what the last check saw, so a check
    // after an event looks again only at what the event changed.
    struct Seen {
        Term leader_of = 0;              // the term it was last recorded leader of (0: none)
        std::optional<LogIndex> commit;  // empty: live node not seen since a restart
        // Leader completeness was last verified for this (term, log size,
        // committed prefix size); the log itself did not change since.
        Term complete_term = 0;
        LogIndex complete_log = 0;
        LogIndex complete_committed = 0;
    };
    std::vector<Seen> seen_ = std::vector<Seen>(kMaxNodes + 1);
    std::vector<LogFingerprints> logs_ = std::vector<LogFingerprints>(kMaxNodes + 1);
    std::vector<NodeId> changed_;          // logs written since the last check
    LogFingerprints committed_;            // the committed prefix, as applied
    std::vector<Term> committed_in_term_;  // per committed index; never decreases
    // Every applied entry, by index - 1 (nodes apply in index order, so the
    // first node to apply an index has seen every earlier one applied):
    // (term, command, first node to apply it).
    struct AppliedRecord {
        Term term = 0;
        SharedCommand command;
        NodeId node = kNoNode;
        bool acknowledged = false;  // its client was told it succeeded
    };
    std::vector<AppliedRecord> applied_;
    // The committed log applied up to some indexes (0: the empty state), the
    // starting points for checking a snapshot; at most kCheckpoints kept.
    static constexpr std::size_t kCheckpoints = 8;
    std::map<LogIndex, StateMachine> checkpoints_ = {{0, StateMachine{}}};
    // Where each client command was applied, sorted by (client, sequence).
    // Entries commit roughly in client order, so most go at the end: a flat
    // vector takes a third of a map's memory, one record per commit.
    struct AppliedAt {
        ClientId client = 0;
        std::uint64_t sequence = 0;
        LogIndex index = 0;
    };
    std::vector<AppliedAt> applied_at_;
    static bool applied_before(const AppliedAt& a, const AppliedAt& b);
    std::vector<AppliedAt>::const_iterator position_of(ClientId client,
                                                       std::uint64_t sequence) const;
    void record_applied_at(ClientId client, std::uint64_t sequence, LogIndex index);
    const AppliedAt* find_applied_at(ClientId client, std::uint64_t sequence) const;

    Seen& seen(NodeId node) { return seen_.at(node); }
    LogFingerprints& log_of(NodeId node) { return logs_.at(node); }
    void mark_changed(NodeId node);
};

static_assert(CheckerOf<Invariants, Node, Summary>);

}  // namespace quorum::raft
