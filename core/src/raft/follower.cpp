// Followers (Raft paper 5.2-5.4, Figure 2 "Followers" and the receiver
// implementations of AppendEntries and RequestVote). Vote handling lives here
// because every role answers RequestVote the same way.
#include <algorithm>
#include <cassert>
#include <span>

#include "quorum/raft/node.hpp"

namespace quorum::raft {

void Node::become_follower(Term term, NodeId leader) {
    set_term(term);
    role_ = Role::Follower;
    leader_id_ = leader;
    votes_granted_.clear();
    next_index_.fill(0);
    match_index_.fill(0);
    reset_election_timer();
}

void Node::step_follower(const Message& message) {
    if (const auto* append = std::get_if<AppendEntries>(&message.payload)) {
        handle_append_entries(message.from, *append);
    } else if (const auto* install = std::get_if<InstallSnapshot>(&message.payload)) {
        handle_install_snapshot(message.from, *install);
    } else if (const auto* vote = std::get_if<RequestVote>(&message.payload)) {
        handle_request_vote(message.from, *vote);
    }
    // Responses to RPCs this node sent in another role are stale: ignore them.
}

void Node::reject_client(NodeId client_address, const Command& command) {
    ClientResponse response;
    response.client = command.client;
    response.sequence = command.sequence;
    response.status = ClientResponse::Status::NotLeader;
    response.leader_hint = leader_id_;
    send(client_address, response);
}

namespace {

bool log_is_at_least_as_up_to_date(Term candidate_last_term, LogIndex candidate_last_index,
                                   Term own_last_term, LogIndex own_last_index) {
    // Raft 5.4.1: compare the terms of the last entries, then the lengths.
    if (candidate_last_term != own_last_term) {
        return candidate_last_term > own_last_term;
    }
    return candidate_last_index >= own_last_index;
}

}  // namespace

void Node::handle_request_vote(NodeId from, const RequestVote& request) {
    const bool up_to_date =
        config_.faults.skip_up_to_date_check ||
        log_is_at_least_as_up_to_date(request.last_log_term, request.last_log_index,
                                      term_at(last_index()), last_index());
    if (request.pre_vote) {
        // Thesis 9.6: grant a pre-vote if the candidate could win an election
        // for that term: its log is up to date and no live leader is known.
        const bool granted =
            request.term > current_term_ && up_to_date && !heard_from_leader_recently();
        send(from, RequestVoteResponse{granted ? request.term : current_term_, granted, true});
        return;
    }
    assert(request.term == current_term_);  // handle_term brought us to it
    const bool free_to_vote = voted_for_ == kNoNode || voted_for_ == request.candidate_id ||
                              config_.faults.vote_twice_in_a_term;
    const bool granted = free_to_vote && up_to_date && role_ != Role::Leader;
    if (granted) {
        set_vote(request.candidate_id);
        // Granting a vote restarts the election timer (Figure 2), so a
        // follower that just voted does not start a rival election.
        reset_election_timer();
    }
    send(from, RequestVoteResponse{current_term_, granted, false});
}

void Node::handle_append_entries(NodeId from, const AppendEntries& request) {
    assert(request.term == current_term_ || config_.faults.accept_stale_append);
    if (role_ != Role::Follower) {
        become_follower(current_term_, from);  // a leader exists for this term
    }
    leader_id_ = request.leader_id;
    last_heard_from_leader_ = now_;
    reset_election_timer();
    if (config_.faults.follower_commits_unmatched) {
        // The fault: leaderCommit is taken whatever the log holds, stale
        // entries of an old term included, even by a request it rejects.
        commit_index_ = std::max(commit_index_, std::min(request.leader_commit, last_index()));
    }

    // Entries up to the snapshot are committed, so they match the leader's
    // (Leader Completeness): the request is read from the snapshot's edge on.
    LogIndex prev_log_index = request.prev_log_index;
    Term prev_log_term = request.prev_log_term;
    std::span<const Entry> entries(request.entries);
    if (prev_log_index < snapshot_index()) {
        const auto covered = std::min<LogIndex>(entries.size(), snapshot_index() - prev_log_index);
        entries = entries.subspan(static_cast<std::size_t>(covered));
        prev_log_index = snapshot_index();
        prev_log_term = snapshot_.last_included_term;
    }

    AppendEntriesResponse response;
    response.term = current_term_;
    if (prev_log_index > last_index()) {
        response.conflict_index = last_index() + 1;
        response.log_length = last_index();
        send(from, response);
        return;
    }
    const bool unchecked = term_at(prev_log_index) != prev_log_term;
    if (unchecked && !config_.faults.follower_skips_prev_log_check) {
        response.conflict_term = term_at(prev_log_index);
        LogIndex first = prev_log_index;
        while (first - 1 > snapshot_index() && term_at(first - 1) == response.conflict_term) {
            --first;
        }
        response.conflict_index = first;
        response.log_length = last_index();
        send(from, response);
        return;
    }
    // Append what is new; an existing entry that conflicts (same index,
    // different term) is deleted with all that follow it (Figure 2, step 3).
    LogIndex index = prev_log_index;
    for (const Entry& entry : entries) {
        ++index;
        if (index <= last_index()) {
            if (term_at(index) == entry.term) {
                continue;
            }
            if (!config_.faults.follower_keeps_conflicts) {
                truncate_log_after(index - 1);
            }
        }
        append_to_log(entry);
    }
    const LogIndex match = prev_log_index + static_cast<LogIndex>(entries.size());
    if (unchecked) {
        // The fault above: the entries are taken, but the commit index stays
        // (so the broken rule is log matching, not what applying them breaks).
    } else if (config_.faults.follower_commit_may_decrease) {
        commit_index_ = std::min(request.leader_commit, match);
    } else if (request.leader_commit > commit_index_) {
        commit_index_ = std::max(commit_index_, std::min(request.leader_commit, match));
    }
    response.success = true;
    response.match_index = match;
    response.log_length = last_index();
    send(from, response);
}

}  // namespace quorum::raft
