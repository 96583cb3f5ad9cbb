// Raft's safety properties (extended Raft paper, Figure 3), checked after
// every event, as LogCabin's RaftConsensusInvariants does: a broken rule fails
// the run at the step that broke it, naming the rule, the nodes, the index and
// the time.
//
//   election safety       at most one leader per term
//   leader append-only    a leader never overwrites or deletes its entries
//   log matching          same index and term => same entries up to there
//   leader completeness   a committed entry is in every later leader's log
//   state machine safety  no two nodes apply different commands at one index
//   commit monotonic      a live node's commit index never decreases
//   acknowledged writes   a write a client was told succeeded stays committed
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

#include "quorum/raft/node.hpp"
#include "quorum/sim/violation.hpp"

namespace quorum::sim {

class RaftInvariants {
  public:
    using Nodes = std::vector<std::optional<raft::Node>>;  // indexed by node id

    // After every event.
    void check(const Nodes& nodes, TimeUs now_us);
    // After an event that was an input to `touched` alone (or to no node:
    // kNoNode), as every simulator event is: only that node's own state, the
    // logs written, and the leaders are looked at again.
    void check_after(const Nodes& nodes, NodeId touched, TimeUs now_us);
    // As they happen. The host reports every log write (a Ready's log_write_from)
    // with the node's log after it; `stayed_leader` says the node was leader of
    // the same term before and after the input that wrote.
    void on_log_write(NodeId node, raft::LogIndex from, const std::vector<raft::Entry>& log,
                      bool stayed_leader, TimeUs now_us);
    // `node_term` is the applying node's currentTerm: the first node to apply
    // an index is the leader that committed it, so that is the term in which
    // the entry was committed (Leader Completeness speaks of that term, not of
    // the entry's own).
    void on_applied(NodeId node, const raft::AppliedEntry& entry, raft::Term node_term,
                    TimeUs now_us);
    void on_restart(NodeId node);
    void on_acknowledged(ClientId client, std::uint64_t sequence, TimeUs now_us);

    const std::optional<Violation>& violation() const { return violation_; }
    bool ok() const { return !violation_.has_value(); }

  private:
    void fail(std::string rule, std::string details, TimeUs now_us, std::vector<NodeId> nodes,
              raft::LogIndex index);
    void check_node(const raft::Node& node, TimeUs now_us);
    void check_shared(const Nodes& nodes, TimeUs now_us);
    void check_election_safety(const raft::Node& node, TimeUs now_us);
    void sync_fingerprints(const raft::Node& node);
    void check_log_matching(const Nodes& nodes, TimeUs now_us);
    void check_leader_completeness(const raft::Node& node, TimeUs now_us);
    void check_commit_monotonic(const raft::Node& node, TimeUs now_us);

    // A log as the checker sees it: per index, the entry's term and the
    // fingerprint of the whole prefix up to it.
    struct LogFingerprints {
        std::vector<raft::Term> terms;
        std::vector<std::uint64_t> prefix;
        void append(const raft::Entry& entry);
        void rewrite(raft::LogIndex from, const std::vector<raft::Entry>& log);
        raft::LogIndex size() const { return static_cast<raft::LogIndex>(terms.size()); }
    };
    static raft::LogIndex first_difference(const LogFingerprints& a, const LogFingerprints& b,
                                           raft::LogIndex up_to);

    std::optional<Violation> violation_;
    std::map<raft::Term, NodeId> leader_of_term_;
    // Per node id: what the last check saw, so a check
    // after an event looks again only at what the event changed.
    struct Seen {
        raft::Term leader_of = 0;              // the term it was last recorded leader of (0: none)
        std::optional<raft::LogIndex> commit;  // empty: live node not seen since a restart
        // Leader completeness was last verified for this (term, log size,
        // committed prefix size); the log itself did not change since.
        raft::Term complete_term = 0;
        raft::LogIndex complete_log = 0;
        raft::LogIndex complete_committed = 0;
    };
    std::vector<Seen> seen_ = std::vector<Seen>(kMaxNodes + 1);
    std::vector<LogFingerprints> logs_ = std::vector<LogFingerprints>(kMaxNodes + 1);
    std::vector<NodeId> changed_;                // logs written since the last check
    LogFingerprints committed_;                  // the committed prefix, as applied
    std::vector<raft::Term> committed_in_term_;  // per committed index; never decreases
    // Every applied entry, by index - 1 (nodes apply in index order, so the
    // first node to apply an index has seen every earlier one applied):
    // (term, command, first node to apply it).
    struct AppliedRecord {
        raft::Term term = 0;
        SharedCommand command;
        NodeId node = kNoNode;
        bool acknowledged = false;  // its client was told it succeeded
    };
    std::vector<AppliedRecord> applied_;
    // Where each client command was applied, sorted by (client, sequence).
    // Entries commit roughly in client order, so most go at the end: a flat
    // vector takes a third of a map's memory, one record per commit.
    struct AppliedAt {
        ClientId client = 0;
        std::uint64_t sequence = 0;
        raft::LogIndex index = 0;
    };
    std::vector<AppliedAt> applied_at_;
    static bool applied_before(const AppliedAt& a, const AppliedAt& b);
    std::vector<AppliedAt>::const_iterator position_of(ClientId client,
                                                       std::uint64_t sequence) const;
    void record_applied_at(ClientId client, std::uint64_t sequence, raft::LogIndex index);
    const AppliedAt* find_applied_at(ClientId client, std::uint64_t sequence) const;

    Seen& seen(NodeId node) { return seen_.at(node); }
    LogFingerprints& log_of(NodeId node) { return logs_.at(node); }
    void mark_changed(NodeId node);
};

}  // namespace quorum::sim
