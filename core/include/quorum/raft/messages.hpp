// Raft's messages, with the names of the extended Raft paper (Figure 2 and
// Figure 13) and Ongaro's thesis: RequestVote (and its PreVote form, thesis
// section 9.6), AppendEntries and InstallSnapshot (log compaction, thesis
// chapter 5), with their responses. Plain values: copyable, comparable.
#pragma once

#include <cstdint>
#include <string_view>
#include <variant>
#include <vector>

#include "quorum/client_messages.hpp"
#include "quorum/command.hpp"
#include "quorum/message.hpp"
#include "quorum/state_machine.hpp"
#include "quorum/types.hpp"

namespace quorum::raft {

using Term = std::uint64_t;
using LogIndex = std::uint64_t;  // 1-based; 0 means "before the first entry"

struct Entry {
    Term term = 0;
    SharedCommand command;  // shared by every copy of the entry

    friend bool operator==(const Entry&, const Entry&) = default;
};

// Sent by candidates to gather votes; with pre_vote set, by pre-candidates to
// ask "would you vote for me in term `term`?" without anyone changing term.
struct RequestVote {
    Term term = 0;
    NodeId candidate_id = kNoNode;
    LogIndex last_log_index = 0;
    Term last_log_term = 0;
    bool pre_vote = false;

    friend bool operator==(const RequestVote&, const RequestVote&) = default;
};

struct RequestVoteResponse {
    Term term = 0;  // the voter's currentTerm (for a granted pre-vote: the term asked about)
    bool vote_granted = false;
    bool pre_vote = false;

    friend bool operator==(const RequestVoteResponse&, const RequestVoteResponse&) = default;
};

// Sent by the leader to replicate entries; with no entries, a heartbeat.
struct AppendEntries {
    Term term = 0;
    NodeId leader_id = kNoNode;
    LogIndex prev_log_index = 0;
    Term prev_log_term = 0;
    std::vector<Entry> entries;
    LogIndex leader_commit = 0;

    friend bool operator==(const AppendEntries&, const AppendEntries&) = default;
};

// On failure the follower says where its log diverges, so the leader skips a
// whole term per round trip instead of one entry (thesis section 5.3's
// optimization, as etcd and LogCabin do it):
//   conflict_term  the term of the follower's entry at prev_log_index, or 0 if
//                  its log is shorter than that;
//   conflict_index the first index of conflict_term in the follower's log (or
//                  log_length + 1 when conflict_term is 0).
struct AppendEntriesResponse {
    Term term = 0;
    bool success = false;
    LogIndex match_index = 0;  // on success: the last index known to match the leader
    Term conflict_term = 0;
    LogIndex conflict_index = 0;
    LogIndex log_length = 0;

    friend bool operator==(const AppendEntriesResponse&, const AppendEntriesResponse&) = default;
};

// A snapshot (thesis 5.1): the state machine, sessions included, as of
// lastIncludedIndex, which replaces every entry up to it; lastIncludedTerm is
// the term of that last entry, so AppendEntries' consistency check still
// works at the snapshot's edge. Index 0: no snapshot.
struct Snapshot {
    LogIndex last_included_index = 0;
    Term last_included_term = 0;
    StateMachineImage state;

    friend bool operator==(const Snapshot&, const Snapshot&) = default;
};

// Sent by the leader to a follower whose next entry it has compacted away
// (Figure 13, in one chunk: the simulator's state machines are small).
struct InstallSnapshot {
    Term term = 0;
    NodeId leader_id = kNoNode;
    Snapshot snapshot;

    friend bool operator==(const InstallSnapshot&, const InstallSnapshot&) = default;
};

// The follower's answer: the last index it now knows to match the leader's
// (the snapshot's, or its commit index if it already had more).
struct InstallSnapshotResponse {
    Term term = 0;
    LogIndex match_index = 0;

    friend bool operator==(const InstallSnapshotResponse&,
                           const InstallSnapshotResponse&) = default;
};

// Everything a Raft node sends or takes: its own messages and the clients'.
using Payload =
    std::variant<RequestVote, RequestVoteResponse, AppendEntries, AppendEntriesResponse,
                 ClientRequest, ClientResponse, InstallSnapshot, InstallSnapshotResponse>;
using Message = Envelope<Payload>;

// The name a person sees ("RequestVote", "PreVote", "AppendEntries", ...),
// also the <type> word of the scenario language's deliver/drop/duplicate.
std::string_view type_name(const Payload& payload);

}  // namespace quorum::raft
