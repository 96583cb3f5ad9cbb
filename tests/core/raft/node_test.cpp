// Raft node, first tier: the paper's rules, one input at a time, with
// messages delivered by hand (etcd-raft's paper tests, LogCabin's names).
#include "quorum/raft/node.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include "../sent_messages.hpp"

namespace quorum::raft {
namespace {

using quorum::testing::from;
using quorum::testing::sent;

constexpr TimeUs kMs = kMicrosecondsPerMillisecond;

Config make_config(std::size_t nodes, bool pre_vote = false, bool check_quorum = false) {
    Config config;
    for (NodeId id = 1; id <= nodes; ++id) {
        config.members.push_back(id);
    }
    config.pre_vote = pre_vote;
    config.check_quorum = check_quorum;
    return config;
}

std::vector<Entry> entries_with_terms(std::initializer_list<Term> terms) {
    std::vector<Entry> log;
    for (Term term : terms) {
        Command command;
        command.kind = OperationKind::Put;
        command.key = "k";
        command.value = std::to_string(log.size() + 1);
        log.push_back(Entry{term, command});
    }
    return log;
}

Node make_node(NodeId id, Config config, DurableState durable = {}) {
    return Node(id, std::move(config), std::move(durable), Random(42).fork(id), 0);
}

// Makes node 1 of a 3-node cluster leader of term 1 (no PreVote).
Node elected_leader(Config config = make_config(3), DurableState durable = {}) {
    Node node = make_node(1, std::move(config), std::move(durable));
    node.fire_timer(200 * kMs);
    const Term term = node.current_term();
    node.step(from(2, 1, RequestVoteResponse{term, true, false}), 201 * kMs);
    EXPECT_EQ(node.role(), Role::Leader);
    return node;
}

TEST(RaftElection, electionTimeout_withoutPreVote_becomesCandidateAndPersistsTermAndVote) {
    Node node = make_node(1, make_config(3));
    EXPECT_GE(node.next_deadline(), 150 * kMs);
    EXPECT_LE(node.next_deadline(), 300 * kMs);
    const Ready ready = node.tick(node.next_deadline());
    EXPECT_EQ(node.role(), Role::Candidate);
    EXPECT_EQ(node.current_term(), 1u);
    ASSERT_TRUE(ready.hard_state.has_value());
    EXPECT_EQ(*ready.hard_state, (HardState{1, 1}));
    const auto requests = sent<RequestVote>(ready);
    ASSERT_EQ(requests.size(), 2u);
    EXPECT_EQ(requests[0].second.term, 1u);
    EXPECT_FALSE(requests[0].second.pre_vote);
}

TEST(RaftElection, tick_beforeDeadline_doesNothing) {
    Node node = make_node(1, make_config(3));
    const Ready ready = node.tick(node.next_deadline() - 1);
    EXPECT_EQ(node.role(), Role::Follower);
    EXPECT_TRUE(ready.messages.empty());
}

TEST(RaftElection, candidate_withMajority_becomesLeaderAndAppendsNoop) {
    Node node = make_node(1, make_config(3));
    node.fire_timer(200 * kMs);
    const Ready ready = node.step(from(2, 1, RequestVoteResponse{1, true, false}), 201 * kMs);
    EXPECT_EQ(node.role(), Role::Leader);
    ASSERT_EQ(node.log().size(), 1u);
    EXPECT_TRUE(node.log()[0].command->is_noop());
    EXPECT_EQ(node.log()[0].term, 1u);
    EXPECT_EQ(ready.log_write_from, 1u);
    const auto appends = sent<AppendEntries>(ready);
    ASSERT_EQ(appends.size(), 2u);
    EXPECT_EQ(appends[0].second.entries.size(), 1u);
}

TEST(RaftElection, candidate_rejectedVotes_staysCandidate) {
    Node node = make_node(1, make_config(5));
    node.fire_timer(200 * kMs);
    node.step(from(2, 1, RequestVoteResponse{1, true, false}), 201 * kMs);
    node.step(from(3, 1, RequestVoteResponse{1, false, false}), 201 * kMs);
    EXPECT_EQ(node.role(), Role::Candidate);
}

TEST(RaftElection, preVote_electionTimeout_asksWithoutChangingTerm) {
    Node node = make_node(1, make_config(3, /*pre_vote=*/true));
    const Ready ready = node.fire_timer(200 * kMs);
    EXPECT_EQ(node.role(), Role::PreCandidate);
    EXPECT_EQ(node.current_term(), 0u);
    EXPECT_FALSE(ready.hard_state.has_value());
    const auto requests = sent<RequestVote>(ready);
    ASSERT_EQ(requests.size(), 2u);
    EXPECT_TRUE(requests[0].second.pre_vote);
    EXPECT_EQ(requests[0].second.term, 1u);
}

TEST(RaftElection, preVote_majority_thenCandidateForNextTerm) {
    Node node = make_node(1, make_config(3, /*pre_vote=*/true));
    node.fire_timer(200 * kMs);
    const Ready ready = node.step(from(3, 1, RequestVoteResponse{1, true, true}), 201 * kMs);
    EXPECT_EQ(node.role(), Role::Candidate);
    EXPECT_EQ(node.current_term(), 1u);
    EXPECT_EQ(sent<RequestVote>(ready).size(), 2u);
}

TEST(RaftElection, handlePreVote_grantsWithoutChangingOwnTerm) {
    Node voter = make_node(2, make_config(3, /*pre_vote=*/true));
    const Ready ready = voter.step(from(1, 2, RequestVote{1, 1, 0, 0, true}), 200 * kMs);
    EXPECT_EQ(voter.current_term(), 0u);
    EXPECT_EQ(voter.voted_for(), kNoNode);
    EXPECT_FALSE(ready.hard_state.has_value());
    const auto responses = sent<RequestVoteResponse>(ready);
    ASSERT_EQ(responses.size(), 1u);
    EXPECT_TRUE(responses[0].second.vote_granted);
    EXPECT_EQ(responses[0].second.term, 1u);
}

TEST(RaftVoting, handleRequestVote_grantsOncePerTermAndPersistsBeforeReplying) {
    Node voter = make_node(3, make_config(3));
    Ready ready = voter.step(from(1, 3, RequestVote{1, 1, 0, 0, false}), 10 * kMs);
    ASSERT_TRUE(ready.hard_state.has_value());
    EXPECT_EQ(*ready.hard_state, (HardState{1, 1}));
    EXPECT_TRUE(sent<RequestVoteResponse>(ready).at(0).second.vote_granted);

    ready = voter.step(from(2, 3, RequestVote{1, 2, 0, 0, false}), 11 * kMs);
    EXPECT_FALSE(sent<RequestVoteResponse>(ready).at(0).second.vote_granted);
    EXPECT_EQ(voter.voted_for(), 1u);
}

TEST(RaftVoting, handleRequestVote_rejectsCandidateWithStaleLog) {
    DurableState durable{{2, kNoNode}, entries_with_terms({1, 2}), {}};
    Node voter = make_node(3, make_config(3), durable);
    // Higher term but last log term 1 < 2: not up to date (5.4.1).
    const Ready ready = voter.step(from(1, 3, RequestVote{3, 1, 5, 1, false}), 10 * kMs);
    EXPECT_EQ(voter.current_term(), 3u);  // the term still moves forward
    EXPECT_FALSE(sent<RequestVoteResponse>(ready).at(0).second.vote_granted);
    EXPECT_EQ(voter.voted_for(), kNoNode);
}

TEST(RaftVoting, handleRequestVote_rejectsStaleTermWithCurrentTerm) {
    Node voter = make_node(3, make_config(3), DurableState{{5, kNoNode}, {}, {}});
    const Ready ready = voter.step(from(1, 3, RequestVote{4, 1, 0, 0, false}), 10 * kMs);
    const auto response = sent<RequestVoteResponse>(ready).at(0).second;
    EXPECT_FALSE(response.vote_granted);
    EXPECT_EQ(response.term, 5u);
}

TEST(RaftCheckQuorum, followerInLease_ignoresVoteRequestsOfHigherTerms) {
    Node follower =
        make_node(2, make_config(3, true, /*check_quorum=*/true), {{1, kNoNode}, {}, {}});
    follower.step(from(1, 2, AppendEntries{1, 1, 0, 0, {}, 0}), 100 * kMs);
    const Ready ready = follower.step(from(3, 2, RequestVote{2, 3, 0, 0, false}), 120 * kMs);
    EXPECT_TRUE(ready.messages.empty());
    EXPECT_EQ(follower.current_term(), 1u);
    EXPECT_EQ(follower.leader_id(), 1u);
}

TEST(RaftCheckQuorum, leaderWithoutMajority_stepsDownAfterElectionTimeout) {
    Node leader = elected_leader(make_config(3, false, /*check_quorum=*/true));
    TimeUs now = 201 * kMs;
    while (leader.role() == Role::Leader && now < 2000 * kMs) {
        now = leader.next_deadline();
        leader.tick(now);
    }
    EXPECT_EQ(leader.role(), Role::Follower);
    EXPECT_LE(now, 201 * kMs + 150 * kMs);
}

TEST(RaftCheckQuorum, leaderHearingFromMajority_staysLeader) {
    Node leader = elected_leader(make_config(3, false, /*check_quorum=*/true));
    TimeUs now = 201 * kMs;
    while (now < 2000 * kMs) {
        now = leader.next_deadline();
        leader.tick(now);
        leader.step(from(2, 1, AppendEntriesResponse{1, true, leader.last_index(), 0, 0, 1}), now);
    }
    EXPECT_EQ(leader.role(), Role::Leader);
}

TEST(RaftReplication, handleAppendEntries_rejectsStaleTerm) {
    Node follower = make_node(2, make_config(3), DurableState{{3, kNoNode}, {}, {}});
    const Ready ready = follower.step(from(1, 2, AppendEntries{2, 1, 0, 0, {}, 0}), 10 * kMs);
    const auto response = sent<AppendEntriesResponse>(ready).at(0).second;
    EXPECT_FALSE(response.success);
    EXPECT_EQ(response.term, 3u);
    EXPECT_EQ(follower.leader_id(), kNoNode);
}

TEST(RaftReplication, handleAppendEntries_conflictReportsTermAndItsFirstIndex) {
    Node follower =
        make_node(2, make_config(3), {{3, kNoNode}, entries_with_terms({1, 1, 2, 2, 2}), {}});
    const Ready ready = follower.step(from(1, 2, AppendEntries{3, 1, 5, 3, {}, 0}), 10 * kMs);
    const auto response = sent<AppendEntriesResponse>(ready).at(0).second;
    EXPECT_FALSE(response.success);
    EXPECT_EQ(response.conflict_term, 2u);
    EXPECT_EQ(response.conflict_index, 3u);
}

TEST(RaftReplication, handleAppendEntries_shortLogReportsItsLength) {
    Node follower = make_node(2, make_config(3), {{3, kNoNode}, entries_with_terms({1, 1}), {}});
    const Ready ready = follower.step(from(1, 2, AppendEntries{3, 1, 6, 3, {}, 0}), 10 * kMs);
    const auto response = sent<AppendEntriesResponse>(ready).at(0).second;
    EXPECT_FALSE(response.success);
    EXPECT_EQ(response.conflict_term, 0u);
    EXPECT_EQ(response.conflict_index, 3u);
}

TEST(RaftReplication, handleAppendEntries_truncatesConflictAndReportsTheWrite) {
    Node follower =
        make_node(2, make_config(3), {{3, kNoNode}, entries_with_terms({1, 1, 2, 2}), {}});
    const auto new_entries = entries_with_terms({1, 1, 3});
    AppendEntries request{3, 1, 2, 1, {new_entries[2]}, 3};
    const Ready ready = follower.step(from(1, 2, request), 10 * kMs);
    ASSERT_EQ(follower.log().size(), 3u);
    EXPECT_EQ(follower.term_at(3), 3u);
    EXPECT_EQ(ready.log_write_from, 3u);
    EXPECT_EQ(ready.log_write.size(), 1u);
    EXPECT_EQ(follower.commit_index(), 3u);
    EXPECT_EQ(ready.applied.size(), 3u);
    EXPECT_TRUE(sent<AppendEntriesResponse>(ready).at(0).second.success);

    DurableState storage{{3, kNoNode}, entries_with_terms({1, 1, 2, 2}), {}};
    ready.persist_to(storage);
    EXPECT_EQ(storage.log, follower.log());
}

TEST(RaftReplication, handleAppendEntries_commitIndexNeverPassesWhatWasVerified) {
    Node follower = make_node(2, make_config(3), {{1, kNoNode}, entries_with_terms({1, 1, 1}), {}});
    // Leader commit 3, but this message only verifies the log up to index 1.
    follower.step(from(1, 2, AppendEntries{1, 1, 1, 1, {}, 3}), 10 * kMs);
    EXPECT_EQ(follower.commit_index(), 1u);
}

TEST(RaftReplication, leader_backtracksAWholeTermPerRejection) {
    // Figure 7's leader log (terms 1 1 1 4 4 5 5 6 6 6), leader of term 8.
    Node leader = elected_leader(
        make_config(3), {{7, kNoNode}, entries_with_terms({1, 1, 1, 4, 4, 5, 5, 6, 6, 6}), {}});
    ASSERT_EQ(leader.current_term(), 8u);
    // Follower (e) has terms 1 1 1 4 4 4 4: it reports conflict term 4 from index 4.
    const Ready ready =
        leader.step(from(2, 1, AppendEntriesResponse{8, false, 0, 4, 4, 7}), 202 * kMs);
    // The leader resends from just after its own last term-4 entry (index 5)...
    const auto append = sent<AppendEntries>(ready).at(0).second;
    EXPECT_EQ(append.prev_log_index, 5u);
    EXPECT_EQ(append.prev_log_term, 4u);
    EXPECT_EQ(append.entries.size(), 6u);  // 5 5 6 6 6 and its own no-op of term 8
    // ...and, optimistically, expects them to arrive.
    EXPECT_EQ(leader.next_index(2), 12u);
}

Command numbered_put(std::uint64_t sequence) {
    Command put;
    put.client = 9;
    put.sequence = sequence;
    put.kind = OperationKind::Put;
    put.key = "x";
    put.value = std::to_string(sequence);
    return put;
}

std::size_t appends_to(const Ready& ready, NodeId peer) {
    const auto appends = sent<AppendEntries>(ready);
    return static_cast<std::size_t>(std::count_if(
        appends.begin(), appends.end(), [&](const auto& append) { return append.first == peer; }));
}

TEST(RaftReplication, fullWindow_proposalsWaitAndLeaveTogetherWithTheNextAnswer) {
    Node leader = elected_leader();  // the no-op (index 1) is in flight to 2 and 3
    EXPECT_EQ(appends_to(leader.propose(numbered_put(1), 210 * kMs), 2), 0u);
    EXPECT_EQ(appends_to(leader.propose(numbered_put(2), 211 * kMs), 2), 0u);
    // Follower 2 answers the no-op: entries 2 and 3 leave in one message.
    const Ready ready =
        leader.step(from(2, 1, AppendEntriesResponse{1, true, 1, 0, 0, 1}), 212 * kMs);
    const auto appends = sent<AppendEntries>(ready);
    ASSERT_EQ(appends.size(), 1u);
    EXPECT_EQ(appends[0].first, 2u);
    EXPECT_EQ(appends[0].second.prev_log_index, 1u);
    EXPECT_EQ(appends[0].second.entries.size(), 2u);
}

TEST(RaftReplication, noWindow_everyProposalGoesToEveryFollower) {
    Config config = make_config(3);
    config.max_appends_in_flight = 0;
    Node leader = elected_leader(config);
    const Ready ready = leader.propose(numbered_put(1), 210 * kMs);
    EXPECT_EQ(appends_to(ready, 2), 1u);
    EXPECT_EQ(appends_to(ready, 3), 1u);
}

TEST(RaftReplication, fullWindow_heartbeatCarriesWaitingEntriesSoALostAnswerCannotStall) {
    Node leader = elected_leader();
    leader.propose(numbered_put(1), 210 * kMs);  // waits: the no-op's answer is lost
    const Ready heartbeat = leader.tick(leader.next_deadline());
    const auto appends = sent<AppendEntries>(heartbeat);
    ASSERT_EQ(appends.size(), 2u);
    EXPECT_EQ(appends[0].second.prev_log_index, 1u);
    EXPECT_EQ(appends[0].second.entries.size(), 1u);
}

TEST(RaftCommit, leader_doesNotCommitEarlierTermsByCounting) {
    // Figure 8: an entry of an earlier term on a majority is not committed
    // until an entry of the leader's own term is.
    Node leader = elected_leader(make_config(3), {{1, kNoNode}, entries_with_terms({1}), {}});
    ASSERT_EQ(leader.current_term(), 2u);
    ASSERT_EQ(leader.last_index(), 2u);  // index 2: the no-op of term 2
    leader.step(from(2, 1, AppendEntriesResponse{2, true, 1, 0, 0, 1}), 202 * kMs);
    EXPECT_EQ(leader.commit_index(), 0u);
    const Ready ready =
        leader.step(from(2, 1, AppendEntriesResponse{2, true, 2, 0, 0, 2}), 203 * kMs);
    EXPECT_EQ(leader.commit_index(), 2u);
    EXPECT_EQ(ready.applied.size(), 2u);
}

TEST(RaftClients, follower_redirectsToTheLeaderItKnows) {
    Node follower = make_node(2, make_config(3), {{1, kNoNode}, {}, {}});
    follower.step(from(1, 2, AppendEntries{1, 1, 0, 0, {}, 0}), 10 * kMs);
    Command command;
    command.client = 7;
    command.sequence = 1;
    const Ready ready =
        follower.step(from(kClientAddressBase + 7, 2, ClientRequest{command}), 11 * kMs);
    const auto responses = sent<ClientResponse>(ready);
    ASSERT_EQ(responses.size(), 1u);
    EXPECT_EQ(responses[0].first, kClientAddressBase + 7);
    EXPECT_EQ(responses[0].second.status, ClientResponse::Status::NotLeader);
    EXPECT_EQ(responses[0].second.leader_hint, 1u);
}

TEST(RaftClients, singleNode_electsItselfCommitsAndAnswers) {
    Node node = make_node(1, make_config(1));
    node.tick(node.next_deadline());
    ASSERT_EQ(node.role(), Role::Leader);
    Command put;
    put.client = 1;
    put.sequence = 1;
    put.kind = OperationKind::Put;
    put.key = "x";
    put.value = "1";
    const Ready ready = node.propose(put, 400 * kMs);
    EXPECT_EQ(node.commit_index(), 2u);
    EXPECT_EQ(node.state_machine().value("x"), "1");
    const auto responses = sent<ClientResponse>(ready);
    ASSERT_EQ(responses.size(), 1u);
    EXPECT_EQ(responses[0].second.status, ClientResponse::Status::Ok);
}

TEST(RaftClients, retriedCommand_takesEffectOnce) {
    Node node = make_node(1, make_config(1));
    node.tick(node.next_deadline());
    Command append;
    append.client = 3;
    append.sequence = 1;
    append.kind = OperationKind::Append;
    append.key = "x";
    append.value = "a";
    node.propose(append, 400 * kMs);
    node.propose(append, 401 * kMs);  // the client retried
    EXPECT_EQ(node.state_machine().value("x"), "a");
}

TEST(RaftRestart, restartedNode_comesBackFromDurableStateOnly) {
    Node node = elected_leader();
    const DurableState durable = node.durable_state();
    Node restarted = make_node(1, make_config(3), durable);
    EXPECT_EQ(restarted.role(), Role::Follower);
    EXPECT_EQ(restarted.current_term(), node.current_term());
    EXPECT_EQ(restarted.voted_for(), 1u);
    EXPECT_EQ(restarted.log(), node.log());
    EXPECT_EQ(restarted.commit_index(), 0u);
}

}  // namespace
}  // namespace quorum::raft
