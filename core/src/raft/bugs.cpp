// Raft's bug zoo (quorum/bug.hpp; docs/scenarios.md, "The bug zoo"): each a
// switch of Faults that breaks one rule of the paper on purpose, with the
// lesson that shows it in assets/scenarios/raft/bug-<name>.qs.
#include "quorum/raft/protocol.hpp"

namespace quorum::raft {

namespace {

const Bug<Config> kBugs[] = {
    {"vote-without-log-check",
     "A node grants its vote without checking that the candidate's log is at least as "
     "up-to-date as its own (section 5.4.1), so a leader can lack a committed entry.",
     &Faults::skip_up_to_date_check, Invariants::kLeaderCompleteness},
    {"commit-old-term",
     "A leader commits an entry of an earlier term by counting its replicas, which Figure 8 "
     "shows unsafe: only entries of the current term commit that way (section 5.4.2).",
     &Faults::commit_counts_old_terms, Invariants::kLeaderCompleteness},
    {"forget-vote",
     "votedFor is not made durable (Figure 2's persistent state), so a node that restarts "
     "votes a second time in the same term and two leaders win it.",
     &Faults::forget_vote, Invariants::kElectionSafety},
    {"no-truncate",
     "A follower appends the leader's entries after a conflicting entry instead of deleting "
     "the conflicting entry and all that follow it (Figure 2, AppendEntries, step 3).",
     &Faults::follower_keeps_conflicts, Invariants::kStateMachineSafety},
    {"stale-append",
     "A node accepts AppendEntries from a leader of an older term instead of refusing it "
     "(Figure 2, AppendEntries, step 1), so a deposed leader overwrites a committed entry.",
     &Faults::accept_stale_append, Invariants::kLeaderCompleteness},
    {"old-snapshot",
     "A follower installs a snapshot older than its commit index (thesis 5.1 and Figure 13: "
     "such a snapshot is ignored), so its state machine loses the entries in between and its "
     "next snapshot is not the committed log applied.",
     &Faults::follower_installs_old_snapshot, Invariants::kSnapshotState},
};

}  // namespace

std::span<const Bug<Config>> Protocol::bugs() {
    return kBugs;
}

}  // namespace quorum::raft
