// A Raft node as a pure state machine (sans-IO), after the extended Raft paper
// (Ongaro and Ousterhout, 2014, Figure 2) and Ongaro's thesis (2014): leader
// election with randomized timeouts, PreVote (thesis 9.6), CheckQuorum (thesis
// 6.2 and 9.6), log replication with fast backtracking, the commit rule of
// Figure 8 with a no-op on election, client sessions (thesis 6.3), and log
// compaction by snapshots with InstallSnapshot (thesis chapter 5).
//
// It satisfies the node contract (quorum/node_contract.hpp): inputs step,
// tick, fire_timer, propose and construction from DurableState; each returns
// one Ready (durable writes, messages, entries applied), and THE HOST MAKES A
// READY'S DURABLE WRITES DURABLE BEFORE IT SENDS ITS MESSAGES: a vote or an
// acknowledgement sent before its term, vote or entries are on disk could be
// forgotten by a crash and given twice. Only tick() and fire_timer() fire
// timers (step() carries the arrival time because a follower restarts its
// election timer from it), so a host in manual mode decides when timers fire.
// Randomness (election timeouts) comes only from the Random the host hands in.
//
// Role behaviour is one function per role (step_follower, step_candidate,
// step_leader), chosen by one switch, as in etcd-raft: follower.cpp,
// candidate.cpp (pre-candidates too), leader.cpp.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <set>
#include <type_traits>
#include <utility>
#include <vector>

#include "quorum/node_contract.hpp"
#include "quorum/raft/messages.hpp"
#include "quorum/random.hpp"
#include "quorum/state_machine.hpp"
#include "quorum/types.hpp"

namespace quorum::raft {

enum class Role { Follower, PreCandidate, Candidate, Leader };

// "follower", "pre-candidate", "candidate", "leader": the trace's role names.
const char* role_name(Role role);

// Named fault injection points, as FoundationDB's BUGGIFY: each breaks one rule
// of the protocol on purpose, so the checkers' tests can show that the
// checkers catch it. All off everywhere but in those tests.
struct Faults {
    bool vote_twice_in_a_term = false;          // breaks election safety
    bool skip_up_to_date_check = false;         // breaks leader completeness
    bool follower_commit_may_decrease = false;  // breaks commit monotonicity
    bool leader_overwrites_last_entry = false;  // breaks leader append-only
    bool leader_answers_before_commit = false;  // loses acknowledged writes
    // The host is told nothing of currentTerm and votedFor, so it persists
    // neither: a restarted node can vote twice in a term (election safety).
    bool forget_hard_state = false;
    // The bug zoo's (bugs.cpp). A leader commits an entry of an earlier term
    // by counting its replicas (Figure 8): breaks leader completeness.
    bool commit_counts_old_terms = false;
    // currentTerm is made durable but votedFor is not: a restarted node votes
    // again in a term it voted in (election safety).
    bool forget_vote = false;
    // A follower keeps an entry that conflicts with the leader's and appends
    // the leader's after it, instead of deleting it and all that follow.
    bool follower_keeps_conflicts = false;
    // A node takes AppendEntries of an older term as if from its own term's
    // leader (Figure 2: "reply false if term < currentTerm").
    bool accept_stale_append = false;
    // A follower takes entries without checking that its entry at
    // prevLogIndex has prevLogTerm (Figure 2, step 2), though it does not
    // commit on such a request: breaks log matching.
    bool follower_skips_prev_log_check = false;
    // A follower commits up to leaderCommit even past the entries the leader
    // just matched, stale ones included, and even on a request it rejects:
    // breaks state machine safety.
    bool follower_commits_unmatched = false;
    // A follower takes an InstallSnapshot at or below its commit index: its
    // state machine goes back to the snapshot's while its applied index
    // stays, so the entries in between are lost from it and its next
    // snapshot differs from the committed log's state (snapshot state).
    bool follower_installs_old_snapshot = false;

    friend bool operator==(const Faults&, const Faults&) = default;
};

struct Config {
    std::vector<NodeId> members;  // every node of the cluster, this one included
    TimeUs election_timeout_min_us = 150 * kMicrosecondsPerMillisecond;
    TimeUs election_timeout_max_us = 300 * kMicrosecondsPerMillisecond;
    TimeUs heartbeat_interval_us = 50 * kMicrosecondsPerMillisecond;
    bool pre_vote = true;
    bool check_quorum = true;
    // At most this many entries in one AppendEntries, so a far-behind follower
    // catches up in bounded messages.
    std::size_t max_entries_per_message = 64;
    // At most this many AppendEntries carrying entries unanswered per follower
    // (etcd's MaxInflightMsgs). Proposals that arrive while the window is full
    // wait in the log and leave together with the next response or heartbeat:
    // under load one message carries many entries instead of one message per
    // proposal. 0: no limit, one AppendEntries per proposal per follower.
    std::size_t max_appends_in_flight = 1;
    // Log compaction (thesis 5.1): once this many applied entries follow its
    // last snapshot, a node snapshots its state machine at its applied index
    // and drops the entries up to it. 0: never.
    std::size_t snapshot_threshold = 0;
    Faults faults;

    friend bool operator==(const Config&, const Config&) = default;
};

// Figure 2's persistent state, but for the log.
struct HardState {
    Term current_term = 0;
    NodeId voted_for = kNoNode;

    friend bool operator==(const HardState&, const HardState&) = default;
};

// Everything a node has made durable: all it has after a crash.
struct DurableState {
    HardState hard_state;
    std::vector<Entry> log;  // log[0] is index snapshot.last_included_index + 1
    Snapshot snapshot;       // the entries up to its index, compacted

    friend bool operator==(const DurableState&, const DurableState&) = default;
};

struct AppliedEntry {
    LogIndex index = 0;
    Term term = 0;
    SharedCommand command;
    CommandResult result;
};

// One batch of effects. Durable writes first (hard_state, then the
// snapshot, then the log write), then messages. A snapshot replaces the
// durable one and drops the log's entries up to its index (the whole log if
// it does not reach that far). The log write replaces the log from
// log_write_from on: truncate to the entries before log_write_from, then
// append log_write.
struct Ready {
    std::optional<HardState> hard_state;
    std::optional<Snapshot> snapshot;
    LogIndex log_write_from = 0;  // 0: no log write
    std::vector<Entry> log_write;
    std::vector<Message> messages;
    std::vector<AppliedEntry> applied;

    bool has_durable_writes() const {
        return hard_state.has_value() || snapshot.has_value() || log_write_from != 0;
    }

    // Applies the durable writes to `durable`, as a host's storage would.
    void persist_to(DurableState& durable) const&;
    // The same, moving the log write's entries instead of copying them.
    void persist_to(DurableState& durable) &&;
};

class Node {
  public:
    using Config = raft::Config;
    using DurableState = raft::DurableState;
    using Ready = raft::Ready;
    using Message = raft::Message;

    Node(NodeId id, Config config, DurableState durable, Random random, TimeUs now);

    Ready step(const Message& message, TimeUs now);
    Ready tick(TimeUs now);        // fires the next timer if it is due at `now`
    Ready fire_timer(TimeUs now);  // fires the next timer now, due or not (manual mode)
    Ready propose(const SharedCommand& command, TimeUs now);
    // Optional: a host done with a Ready may hand it back, so the next input
    // reuses its vectors instead of allocating (the simulator does; a host
    // that does not loses nothing but a few allocations).
    void recycle(Ready&& spent);

    // When the node wants its next tick: its election timeout, or as leader
    // its next heartbeat or CheckQuorum round.
    TimeUs next_deadline() const {
        if (role_ != Role::Leader) {
            return election_deadline_;
        }
        return config_.check_quorum ? std::min(heartbeat_deadline_, check_quorum_deadline_)
                                    : heartbeat_deadline_;
    }

    // --- Observation, for the host, the checkers and the dashboard.
    NodeId id() const { return id_; }
    Role role() const { return role_; }
    Term current_term() const { return current_term_; }
    NodeId voted_for() const { return voted_for_; }
    NodeId leader_id() const { return leader_id_; }
    // The entries after the snapshot: log()[0] is index snapshot_index() + 1.
    const std::vector<Entry>& log() const { return log_; }
    const Snapshot& snapshot() const { return snapshot_; }
    LogIndex snapshot_index() const { return snapshot_.last_included_index; }
    LogIndex last_index() const { return snapshot_index() + static_cast<LogIndex>(log_.size()); }
    // The term of the entry at `index`; the snapshot's term at its index; 0
    // for index 0, past the end, or compacted away.
    Term term_at(LogIndex index) const {
        if (index <= snapshot_index()) {
            return index == snapshot_index() ? snapshot_.last_included_term : 0;
        }
        return index > last_index() ? 0 : entry(index).term;
    }
    // The entry at `index`, or none if it is compacted away or past the end.
    const Entry* entry_at(LogIndex index) const {
        return index > snapshot_index() && index <= last_index() ? &entry(index) : nullptr;
    }
    LogIndex commit_index() const { return commit_index_; }
    LogIndex last_applied() const { return last_applied_; }
    const StateMachine& state_machine() const { return state_machine_; }
    const Config& config() const { return config_; }
    const std::set<NodeId>& votes_granted() const { return votes_granted_; }
    LogIndex next_index(NodeId peer) const;
    LogIndex match_index(NodeId peer) const;
    TimeUs election_deadline() const { return election_deadline_; }
    DurableState durable_state() const { return {{current_term_, voted_for_}, log_, snapshot_}; }
    // Its whole state, for the explorer's visited set (quorum/state_hash.hpp).
    void hash_state(StateHasher& hasher) const;
    // The same with the nodes renamed, for a clock that stands still (the explorer's).
    void hash_state_renamed(StateHasher& hasher, const NodeRenaming& rename) const;

  private:
    // node.cpp: batches, terms, timers, applying.
    void begin(TimeUs now);
    Ready finish();
    void dispatch(const Message& message);
    bool handle_term(const Message& message, Term message_term);
    void reply_to_stale(const Message& message);
    void fire_next_timer();
    void reset_election_timer();
    // Builds the message in place in the batch (a Message moved is a variant
    // visited: this is the simulator's hottest path).
    template <typename Body>
    void send(NodeId to, Body&& body) {
        if (ready_.messages.capacity() == 0) {
            ready_.messages.reserve(peers_.size() + 1);  // a broadcast, and a client answer
        }
        Message& message = ready_.messages.emplace_back();
        message.from = id_;
        message.to = to;
        message.payload.emplace<std::decay_t<Body>>(std::forward<Body>(body));
    }
    void set_term(Term term);
    void set_vote(NodeId candidate);
    void truncate_log_after(LogIndex index);
    void append_to_log(Entry entry);
    void apply_committed();
    const Entry& entry(LogIndex index) const {
        return log_[static_cast<std::size_t>(index - snapshot_index() - 1)];
    }
    // snapshot.cpp: log compaction and InstallSnapshot.
    void maybe_compact();
    void install_snapshot(const Snapshot& snapshot);
    void handle_install_snapshot(NodeId from, const InstallSnapshot& request);
    void handle_install_snapshot_response(NodeId from, const InstallSnapshotResponse& response);
    void send_snapshot(NodeId peer);
    bool heard_from_leader_recently() const;
    std::size_t quorum() const { return config_.members.size() / 2 + 1; }
    const std::vector<NodeId>& peers() const { return peers_; }
    bool is_peer(NodeId node) const { return node <= kMaxNodes && (peer_mask_ >> node & 1U) != 0; }

    // follower.cpp
    void become_follower(Term term, NodeId leader);
    void step_follower(const Message& message);
    void handle_append_entries(NodeId from, const AppendEntries& request);
    void handle_request_vote(NodeId from, const RequestVote& request);
    void reject_client(NodeId client_address, const Command& command);

    // candidate.cpp (pre-candidates too)
    void start_election();
    void become_pre_candidate();
    void become_candidate();
    void step_candidate(const Message& message);
    void handle_vote_response(NodeId from, const RequestVoteResponse& response);
    void request_votes(bool pre_vote);

    // leader.cpp
    void become_leader();
    void step_leader(const Message& message);
    void handle_client_request(NodeId client_address, const SharedCommand& command);
    void handle_append_response(NodeId from, const AppendEntriesResponse& response);
    void send_append(NodeId peer, bool heartbeat);
    void broadcast_append(bool heartbeat);
    void advance_commit_index();
    void check_quorum();
    void on_leader_timer();

    NodeId id_;
    Config config_;
    std::vector<NodeId> peers_;    // every member but this node
    std::uint32_t peer_mask_ = 0;  // bit i set: node i is a peer
    Random random_;
    TimeUs now_;

    // Persistent (Figure 2): made durable through Ready before messages go out.
    Term current_term_ = 0;
    NodeId voted_for_ = kNoNode;
    Snapshot snapshot_;       // covers log indexes 1..snapshot_.last_included_index
    std::vector<Entry> log_;  // the entries after the snapshot

    // Volatile, every role.
    Role role_ = Role::Follower;
    NodeId leader_id_ = kNoNode;
    LogIndex commit_index_ = 0;
    LogIndex last_applied_ = 0;
    StateMachine state_machine_;
    TimeUs election_deadline_ = 0;
    TimeUs last_heard_from_leader_ = -1;

    // Candidates and pre-candidates.
    std::set<NodeId> votes_granted_;

    // Leaders (reinitialized after election).
    // Per node id (arrays, not maps: looked up on every response). Zero for
    // non-peers and when not leader.
    std::array<LogIndex, kMaxNodes + 1> next_index_{};
    std::array<LogIndex, kMaxNodes + 1> match_index_{};
    // AppendEntries with entries sent and not answered yet; a heartbeat
    // round starts the count again, so a lost message never stalls a peer.
    std::array<std::size_t, kMaxNodes + 1> appends_in_flight_{};
    std::uint32_t recently_active_ = 0;  // bit i: peer i heard from this CheckQuorum round
    TimeUs heartbeat_deadline_ = 0;
    TimeUs check_quorum_deadline_ = 0;

    // The batch being built by the current input.
    Ready ready_;
    HardState hard_state_at_begin_;
    LogIndex log_changed_from_ = 0;
};

static_assert(ProtocolNode<Node>, "raft::Node keeps the node contract");

}  // namespace quorum::raft
