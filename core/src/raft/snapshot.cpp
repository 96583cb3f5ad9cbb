// Log compaction (Ongaro's thesis, chapter 5; extended Raft paper, section 7
// and Figure 13): each node on its own snapshots its state machine, client
// sessions included, at its applied index once Config::snapshot_threshold
// applied entries follow its last snapshot, and drops the entries the
// snapshot covers. A leader that has compacted away the entries a follower
// still needs sends it the snapshot instead (InstallSnapshot, in one chunk).
// Only committed, applied entries are ever compacted, so a snapshot never
// holds anything a later leader could overwrite.
#include <algorithm>
#include <cassert>

#include "quorum/raft/node.hpp"

namespace quorum::raft {

namespace {

constexpr LogIndex kMaxSnapshotIndex = LogIndex{1} << 62;

}  // namespace

// Called at the end of every input, after applying: snapshots of followers
// and leaders alike.
void Node::maybe_compact() {
    const std::size_t threshold = config_.snapshot_threshold;
    if (threshold == 0 || last_applied_ - snapshot_index() < threshold) {
        return;
    }
    Snapshot snapshot;
    snapshot.last_included_index = last_applied_;
    snapshot.last_included_term = term_at(last_applied_);
    snapshot.state = state_machine_.image();
    log_.erase(log_.begin(),
               log_.begin() + static_cast<std::ptrdiff_t>(last_applied_ - snapshot_index()));
    snapshot_ = std::move(snapshot);
    // Entries this input appended and this snapshot covers are written with
    // it: the log write starts after it.
    if (log_changed_from_ != 0) {
        log_changed_from_ = std::max(log_changed_from_, snapshot_index() + 1);
    }
    ready_.snapshot = snapshot_;
}

// Figure 13's receiver: a follower keeps the entries after the snapshot if
// its log holds the snapshot's last entry (same index and term), else it
// discards its whole log; the state machine is reset to the snapshot's.
void Node::install_snapshot(const Snapshot& snapshot) {
    const LogIndex index = snapshot.last_included_index;
    assert(index > commit_index_);
    if (index < last_index() && term_at(index) == snapshot.last_included_term) {
        log_.erase(log_.begin(),
                   log_.begin() + static_cast<std::ptrdiff_t>(index - snapshot_index()));
    } else {
        log_.clear();
        log_changed_from_ = index + 1;  // the durable log goes too
    }
    snapshot_ = snapshot;
    if (log_changed_from_ != 0) {
        log_changed_from_ = std::max(log_changed_from_, index + 1);
    }
    state_machine_ = StateMachine::from_image(snapshot.state);
    commit_index_ = index;
    last_applied_ = index;
    ready_.snapshot = snapshot_;
}

void Node::handle_install_snapshot(NodeId from, const InstallSnapshot& request) {
    assert(request.term == current_term_);
    if (role_ != Role::Follower) {
        become_follower(current_term_, from);  // a leader exists for this term
    }
    leader_id_ = request.leader_id;
    last_heard_from_leader_ = now_;
    reset_election_timer();
    InstallSnapshotResponse response{current_term_, 0};
    const LogIndex index = request.snapshot.last_included_index;
    // No leader's snapshot ends in a later term than the leader's own, or
    // so far that an index past it cannot be counted: such bytes are refused
    // unanswered rather than trusted.
    if (request.snapshot.last_included_term > request.term || index > kMaxSnapshotIndex) {
        return;
    }
    if (index <= commit_index_) {
        // A late or duplicated copy: the node already has all it holds, and
        // its committed prefix matches the leader's (Leader Completeness).
        if (config_.faults.follower_installs_old_snapshot && index != 0) {
            state_machine_ = StateMachine::from_image(request.snapshot.state);
        }
        response.match_index = commit_index_;
        send(from, response);
        return;
    }
    install_snapshot(request.snapshot);
    response.match_index = index;
    send(from, response);
}

void Node::send_snapshot(NodeId peer) {
    assert(role_ == Role::Leader && snapshot_index() != 0);
    InstallSnapshot request;
    request.term = current_term_;
    request.leader_id = id_;
    request.snapshot = snapshot_;
    // Optimistic, as for entries: a rejection or the next heartbeat brings
    // next_index back if the snapshot is lost.
    next_index_[peer] = snapshot_index() + 1;
    ++appends_in_flight_[peer];
    send(peer, std::move(request));
}

void Node::handle_install_snapshot_response(NodeId from, const InstallSnapshotResponse& response) {
    recently_active_ |= 1U << from;
    if (appends_in_flight_[from] > 0) {
        --appends_in_flight_[from];
    }
    match_index_[from] = std::max(match_index_[from], response.match_index);
    next_index_[from] = std::max(next_index_[from], match_index_[from] + 1);
    advance_commit_index();
    send_append(from, false);  // the entries after the snapshot
}

}  // namespace quorum::raft
