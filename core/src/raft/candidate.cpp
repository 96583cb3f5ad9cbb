// Elections (Raft paper 5.2) with PreVote (thesis 9.6): when its election
// timer fires, a node first becomes a pre-candidate and asks whether it could
// win, without changing anyone's term; only with a majority of pre-votes does
// it become a candidate, increment currentTerm, vote for itself and request
// votes. A node cut off from the majority therefore cannot inflate its term
// and disrupt the cluster when it returns.
#include <cassert>

#include "quorum/raft/node.hpp"

namespace quorum::raft {

void Node::start_election() {
    if (config_.pre_vote) {
        become_pre_candidate();
    } else {
        become_candidate();
    }
}

void Node::become_pre_candidate() {
    role_ = Role::PreCandidate;
    leader_id_ = kNoNode;
    votes_granted_ = {id_};
    reset_election_timer();
    if (votes_granted_.size() >= quorum()) {
        become_candidate();  // a cluster of one
        return;
    }
    request_votes(true);
}

void Node::become_candidate() {
    set_term(current_term_ + 1);
    set_vote(id_);
    role_ = Role::Candidate;
    leader_id_ = kNoNode;
    votes_granted_ = {id_};
    reset_election_timer();
    if (votes_granted_.size() >= quorum()) {
        become_leader();
        return;
    }
    request_votes(false);
}

void Node::request_votes(bool pre_vote) {
    RequestVote request;
    // A pre-vote asks about the term the node would campaign in.
    request.term = pre_vote ? current_term_ + 1 : current_term_;
    request.candidate_id = id_;
    request.last_log_index = last_index();
    request.last_log_term = term_at(last_index());
    request.pre_vote = pre_vote;
    for (NodeId peer : peers()) {
        send(peer, request);
    }
}

void Node::step_candidate(const Message& message) {
    if (const auto* response = std::get_if<RequestVoteResponse>(&message.payload)) {
        handle_vote_response(message.from, *response);
    } else if (const auto* append = std::get_if<AppendEntries>(&message.payload)) {
        // Another node won this term (5.2): follow it.
        handle_append_entries(message.from, *append);
    } else if (const auto* install = std::get_if<InstallSnapshot>(&message.payload)) {
        handle_install_snapshot(message.from, *install);
    } else if (const auto* vote = std::get_if<RequestVote>(&message.payload)) {
        handle_request_vote(message.from, *vote);
    }
}

void Node::handle_vote_response(NodeId from, const RequestVoteResponse& response) {
    const bool counts = role_ == Role::PreCandidate
                            ? response.pre_vote && response.term == current_term_ + 1
                            : !response.pre_vote && response.term == current_term_;
    if (!counts || !response.vote_granted) {
        return;
    }
    votes_granted_.insert(from);
    if (votes_granted_.size() < quorum()) {
        return;
    }
    if (role_ == Role::PreCandidate) {
        become_candidate();
    } else {
        become_leader();
    }
}

}  // namespace quorum::raft
