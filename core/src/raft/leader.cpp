// Leaders (Raft paper 5.3-5.4, Figure 2 "Leaders"): a no-op on election so
// entries of earlier terms commit (5.4.2, Figure 8), replication with
// optimistic next_index and fast backtracking, the commit rule that counts
// replicas only for entries of the leader's own term, heartbeats, and
// CheckQuorum (thesis 6.2): a leader that has not heard from a majority within
// an election timeout steps down, so clients stop waiting on a deposed leader.
#include <algorithm>
#include <bit>
#include <cassert>

#include "quorum/raft/node.hpp"

namespace quorum::raft {

void Node::become_leader() {
    assert(role_ == Role::Candidate);
    role_ = Role::Leader;
    leader_id_ = id_;
    votes_granted_.clear();
    next_index_.fill(0);
    match_index_.fill(0);
    appends_in_flight_.fill(0);
    for (NodeId peer : peers()) {
        next_index_[peer] = last_index() + 1;
        match_index_[peer] = 0;
    }
    recently_active_ = 0;
    heartbeat_deadline_ = now_ + config_.heartbeat_interval_us;
    check_quorum_deadline_ = now_ + config_.election_timeout_min_us;
    append_to_log(Entry{current_term_, Command::make_noop()});
    broadcast_append(false);
    advance_commit_index();  // a cluster of one commits alone
}

void Node::step_leader(const Message& message) {
    if (const auto* response = std::get_if<AppendEntriesResponse>(&message.payload)) {
        handle_append_response(message.from, *response);
    } else if (const auto* installed = std::get_if<InstallSnapshotResponse>(&message.payload)) {
        handle_install_snapshot_response(message.from, *installed);
    } else if (const auto* vote = std::get_if<RequestVote>(&message.payload)) {
        handle_request_vote(message.from, *vote);  // rejects: a leader never votes
    }
    // AppendEntries of the same term cannot come from another leader
    // (Election Safety); responses to votes are stale.
}

void Node::handle_client_request(NodeId client_address, const SharedCommand& command) {
    if (role_ != Role::Leader) {
        reject_client(client_address, *command);
        return;
    }
    if (config_.faults.leader_overwrites_last_entry && last_index() > commit_index_ &&
        term_at(last_index()) == current_term_ && !log_.back().command->is_noop()) {
        truncate_log_after(last_index() - 1);
    }
    append_to_log(Entry{current_term_, command});
    if (config_.faults.leader_answers_before_commit) {
        ClientResponse early;
        early.client = command->client;
        early.sequence = command->sequence;
        early.leader_hint = id_;
        send(client_address, early);
    }
    broadcast_append(false);
    advance_commit_index();
}

void Node::send_append(NodeId peer, bool heartbeat) {
    const std::size_t window = config_.max_appends_in_flight;
    if (!heartbeat && window != 0 && appends_in_flight_[peer] >= window) {
        return;  // the entries leave with the next answer or heartbeat
    }
    const LogIndex next = next_index_[peer];
    if (next <= snapshot_index()) {
        send_snapshot(peer);  // the entries it needs are compacted away
        return;
    }
    AppendEntries request;
    request.term = current_term_;
    request.leader_id = id_;
    request.prev_log_index = next - 1;
    request.prev_log_term = term_at(next - 1);
    request.leader_commit = commit_index_;
    const LogIndex available = last_index() >= next ? last_index() - next + 1 : 0;
    const auto count =
        std::min<std::size_t>(static_cast<std::size_t>(available), config_.max_entries_per_message);
    if (count == 0 && !heartbeat) {
        return;  // nothing new to say; the next heartbeat carries the commit index
    }
    const auto first = log_.begin() + static_cast<std::ptrdiff_t>(next - 1 - snapshot_index());
    request.entries.assign(first, first + static_cast<std::ptrdiff_t>(count));
    // Optimistic: assume these arrive. A rejection brings next_index back.
    next_index_[peer] = next + static_cast<LogIndex>(count);
    appends_in_flight_[peer] += count != 0 ? 1U : 0U;
    send(peer, std::move(request));
}

void Node::broadcast_append(bool heartbeat) {
    for (NodeId peer : peers()) {
        send_append(peer, heartbeat);
    }
}

void Node::handle_append_response(NodeId from, const AppendEntriesResponse& response) {
    recently_active_ |= 1U << from;  // `from` is a peer: dispatch checked
    if (appends_in_flight_[from] > 0) {
        --appends_in_flight_[from];
    }
    LogIndex& next = next_index_[from];
    LogIndex& match = match_index_[from];
    if (response.success) {
        match = std::max(match, response.match_index);
        next = std::max(next, match + 1);
        advance_commit_index();
        send_append(from, false);  // the rest, if the follower is behind
        return;
    }
    // Fast backtracking: skip the follower's whole conflicting term.
    LogIndex new_next = response.conflict_index;
    if (response.conflict_term != 0) {
        for (LogIndex index = last_index(); index > snapshot_index(); --index) {
            if (term_at(index) == response.conflict_term) {
                new_next = index + 1;
                break;
            }
        }
    }
    next = std::clamp<LogIndex>(new_next, match + 1, last_index() + 1);
    send_append(from, true);
}

// Figure 2: commit N if a majority has matchIndex >= N and log[N].term ==
// currentTerm. Older entries commit only indirectly (Figure 8's lesson).
void Node::advance_commit_index() {
    for (LogIndex candidate = last_index(); candidate > commit_index_; --candidate) {
        if (term_at(candidate) != current_term_ && !config_.faults.commit_counts_old_terms) {
            break;  // earlier indexes hold earlier terms
        }
        std::size_t replicas = 1;  // the leader's own log is durable
        for (NodeId peer : peers()) {
            replicas += match_index_[peer] >= candidate ? 1U : 0U;
        }
        if (replicas >= quorum()) {
            commit_index_ = candidate;
            return;
        }
    }
}

void Node::on_leader_timer() {
    if (config_.check_quorum && check_quorum_deadline_ <= heartbeat_deadline_) {
        check_quorum();
        return;
    }
    heartbeat_deadline_ = now_ + config_.heartbeat_interval_us;
    appends_in_flight_.fill(0);  // answers lost on the way must not stall replication
    broadcast_append(true);
}

void Node::check_quorum() {
    const auto active = static_cast<std::size_t>(std::popcount(recently_active_)) + 1;  // + itself
    recently_active_ = 0;
    check_quorum_deadline_ = now_ + config_.election_timeout_min_us;
    if (active < quorum()) {
        become_follower(current_term_, kNoNode);
    }
}

}  // namespace quorum::raft
