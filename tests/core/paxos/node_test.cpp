// Paxos node, first tier: the paper's rules ("Paxos Made Simple", 2.2-2.3),
// one input at a time, with messages handed in by hand.
#include "quorum/paxos/node.hpp"

#include <gtest/gtest.h>

#include "../sent_messages.hpp"
#include "paxos_driver.hpp"

namespace quorum::paxos {
namespace {

using quorum::testing::from;
using quorum::testing::sent;

using testing::kMs;
using testing::make_config;
using testing::propose_command;

Node make_node(NodeId id, Config config, DurableState durable = {}) {
    return Node(id, std::move(config), std::move(durable), Random(7).fork(id), 0);
}

// Nodes 1..3 are acceptors and learners; 1 and 2 propose; 3 does not.
Config three_nodes(bool backoff = false) {
    return make_config(3, {1, 2}, backoff);
}

// --- Ballots -----------------------------------------------------------------

TEST(PaxosBallot, ordersByRoundThenProposer) {
    EXPECT_LT((Ballot{1, 2}), (Ballot{2, 1}));
    EXPECT_LT((Ballot{1, 1}), (Ballot{1, 2}));
    EXPECT_EQ((Ballot{3, 2}), (Ballot{3, 2}));
    EXPECT_TRUE(Ballot{}.is_none());
    EXPECT_EQ((Ballot{3, 2}).to_string(), "3.2");
}

// --- Acceptor ----------------------------------------------------------------

TEST(PaxosAcceptor, handlePrepare_promisesAndPersistsBeforeReplying) {
    Node acceptor = make_node(3, three_nodes());
    const Ready ready = acceptor.step(from(1, 3, Prepare{{1, 1}}), 10 * kMs);
    ASSERT_TRUE(ready.acceptor_state.has_value());
    EXPECT_EQ(ready.acceptor_state->promised, (Ballot{1, 1}));
    const auto promises = sent<Promise>(ready);
    ASSERT_EQ(promises.size(), 1u);
    EXPECT_EQ(promises[0].first, 1u);
    EXPECT_EQ(promises[0].second, (Promise{{1, 1}, std::nullopt}));
    EXPECT_EQ(acceptor.promised(), (Ballot{1, 1}));
}

TEST(PaxosAcceptor, handlePrepare_belowPromise_nacksNamingThePromise) {
    Node acceptor = make_node(3, three_nodes());
    acceptor.step(from(2, 3, Prepare{{2, 2}}), 10 * kMs);
    const Ready ready = acceptor.step(from(1, 3, Prepare{{1, 1}}), 11 * kMs);
    EXPECT_FALSE(ready.has_durable_writes());
    const auto nacks = sent<Nack>(ready);
    ASSERT_EQ(nacks.size(), 1u);
    EXPECT_EQ(nacks[0].second, (Nack{{1, 1}, {2, 2}}));
    EXPECT_TRUE(sent<Promise>(ready).empty());
}

TEST(PaxosAcceptor, handlePrepare_sameBallotAgain_promisesAgainWithoutWriting) {
    Node acceptor = make_node(3, three_nodes());
    acceptor.step(from(1, 3, Prepare{{1, 1}}), 10 * kMs);
    const Ready ready = acceptor.step(from(1, 3, Prepare{{1, 1}}), 11 * kMs);
    EXPECT_FALSE(ready.has_durable_writes());
    EXPECT_EQ(sent<Promise>(ready).size(), 1u);
}

TEST(PaxosAcceptor, handlePrepare_reportsTheHighestAcceptedProposal) {
    Node acceptor = make_node(3, three_nodes());
    acceptor.step(from(1, 3, Accept{{1, 1}, "a"}), 10 * kMs);
    const Ready ready = acceptor.step(from(2, 3, Prepare{{2, 2}}), 11 * kMs);
    EXPECT_EQ(sent<Promise>(ready).at(0).second, (Promise{{2, 2}, Proposal{{1, 1}, "a"}}));
}

TEST(PaxosAcceptor, handleAccept_acceptsPersistsAndTellsLearnersAndProposer) {
    Config config = three_nodes();
    config.learners = {2, 3};  // the proposer, 1, is not a learner: it is told too
    Node acceptor = make_node(3, config);
    const Ready ready = acceptor.step(from(1, 3, Accept{{1, 1}, "a"}), 10 * kMs);
    ASSERT_TRUE(ready.acceptor_state.has_value());
    EXPECT_EQ(ready.acceptor_state->accepted, (Proposal{{1, 1}, "a"}));
    EXPECT_EQ(ready.acceptor_state->promised, (Ballot{1, 1}));
    const auto notices = sent<Accepted>(ready);
    ASSERT_EQ(notices.size(), 2u);  // learner 2, proposer 1; learner 3 is itself
    EXPECT_EQ(notices[0].first, 2u);
    EXPECT_EQ(notices[1].first, 1u);
    EXPECT_EQ(notices[1].second, (Accepted{{1, 1}, "a"}));
}

TEST(PaxosAcceptor, handleAccept_belowPromise_nacksAndKeepsWhatItAccepted) {
    Node acceptor = make_node(3, three_nodes());
    acceptor.step(from(2, 3, Prepare{{2, 2}}), 10 * kMs);
    const Ready ready = acceptor.step(from(1, 3, Accept{{1, 1}, "a"}), 11 * kMs);
    EXPECT_FALSE(ready.has_durable_writes());
    EXPECT_EQ(sent<Nack>(ready).at(0).second, (Nack{{1, 1}, {2, 2}}));
    EXPECT_FALSE(acceptor.accepted().has_value());
}

TEST(PaxosAcceptor, restart_keepsItsPromiseAndAcceptedProposal) {
    DurableState durable;
    {
        Node acceptor = make_node(3, three_nodes());
        acceptor.step(from(1, 3, Accept{{1, 1}, "a"}), 10 * kMs).persist_to(durable);
        acceptor.step(from(2, 3, Prepare{{2, 2}}), 11 * kMs).persist_to(durable);
    }
    Node restarted = make_node(3, three_nodes(), durable);
    EXPECT_EQ(restarted.promised(), (Ballot{2, 2}));
    EXPECT_EQ(restarted.accepted(), (Proposal{{1, 1}, "a"}));
    const Ready ready = restarted.step(from(1, 3, Prepare{{1, 1}}), 20 * kMs);
    EXPECT_EQ(sent<Nack>(ready).at(0).second, (Nack{{1, 1}, {2, 2}}));
}

TEST(PaxosAcceptor, skipsPersistenceFault_readyCarriesNoDurableWrite) {
    Config config = three_nodes();
    config.faults.acceptor_skips_persistence = true;
    Node acceptor = make_node(3, config);
    const Ready ready = acceptor.step(from(1, 3, Prepare{{1, 1}}), 10 * kMs);
    EXPECT_FALSE(ready.has_durable_writes());
    EXPECT_EQ(sent<Promise>(ready).size(), 1u);
}

// --- Proposer ----------------------------------------------------------------

TEST(PaxosProposer, propose_sendsPrepareOfItsFirstBallotAndPersistsTheRound) {
    Node proposer = make_node(1, three_nodes());
    EXPECT_EQ(proposer.next_deadline(), kNoDeadline);
    const Ready ready = proposer.propose(propose_command("a"), 10 * kMs);
    EXPECT_EQ(ready.proposer_round, Round{1});
    // Its own acceptor promised at once, inside the same input.
    ASSERT_TRUE(ready.acceptor_state.has_value());
    EXPECT_EQ(ready.acceptor_state->promised, (Ballot{1, 1}));
    const auto prepares = sent<Prepare>(ready);
    ASSERT_EQ(prepares.size(), 2u);  // to 2 and 3: never to itself through the host
    EXPECT_EQ(prepares[0].first, 2u);
    EXPECT_EQ(prepares[1].second, (Prepare{{1, 1}}));
    EXPECT_EQ(proposer.phase(), ProposerPhase::Preparing);
    EXPECT_EQ(proposer.promises().size(), 1u);
    EXPECT_EQ(proposer.next_deadline(), 10 * kMs + proposer.config().retry_timeout_us);
}

TEST(PaxosProposer, majorityOfPromises_sendsAcceptWithItsOwnValue) {
    Node proposer = make_node(1, three_nodes());
    proposer.propose(propose_command("a"), 10 * kMs);
    const Ready ready = proposer.step(from(3, 1, Promise{{1, 1}, std::nullopt}), 11 * kMs);
    EXPECT_EQ(proposer.phase(), ProposerPhase::Accepting);
    const auto accepts = sent<Accept>(ready);
    ASSERT_EQ(accepts.size(), 2u);
    EXPECT_EQ(accepts[0].second, (Accept{{1, 1}, "a"}));
    // Its own acceptor accepted, and told learners 2 and 3.
    EXPECT_EQ(proposer.accepted(), (Proposal{{1, 1}, "a"}));
    EXPECT_EQ(sent<Accepted>(ready).size(), 2u);
}

TEST(PaxosProposer, phase2_proposesTheHighestBallotAcceptedValueNotItsOwn) {
    // Five acceptors (majority 3); the proposer's last round was 4, so it
    // prepares 5.1, and two acceptors report older acceptances.
    Node proposer = make_node(1, make_config(5, {1, 2, 3}), DurableState{{}, 4});
    proposer.propose(propose_command("mine"), 10 * kMs);
    ASSERT_EQ(proposer.ballot(), (Ballot{5, 1}));
    const Ready second =
        proposer.step(from(2, 1, Promise{{5, 1}, Proposal{{3, 3}, "higher"}}), 11 * kMs);
    EXPECT_TRUE(sent<Accept>(second).empty());  // its own and 2's: 2 of 5, not yet
    const Ready third =
        proposer.step(from(4, 1, Promise{{5, 1}, Proposal{{3, 2}, "lower"}}), 12 * kMs);
    ASSERT_EQ(proposer.phase(), ProposerPhase::Accepting);
    EXPECT_EQ(proposer.proposal_value(), "higher");  // ballot 3.3 beats 3.2
    EXPECT_EQ(sent<Accept>(third).at(0).second, (Accept{{5, 1}, "higher"}));
}

TEST(PaxosProposer, nack_withoutBackoff_retriesAtOnceAboveThePromise) {
    Node proposer = make_node(1, three_nodes(/*backoff=*/false));
    proposer.propose(propose_command("a"), 10 * kMs);
    const Ready ready = proposer.step(from(2, 1, Nack{{1, 1}, {7, 2}}), 11 * kMs);
    EXPECT_EQ(proposer.ballot(), (Ballot{8, 1}));
    EXPECT_EQ(proposer.phase(), ProposerPhase::Preparing);
    EXPECT_EQ(ready.proposer_round, Round{8});
    EXPECT_EQ(sent<Prepare>(ready).at(0).second, (Prepare{{8, 1}}));
}

TEST(PaxosProposer, nack_withBackoff_waitsThenRetriesAboveThePromise) {
    Node proposer = make_node(1, three_nodes(/*backoff=*/true));
    proposer.propose(propose_command("a"), 10 * kMs);
    const Ready nacked = proposer.step(from(2, 1, Nack{{1, 1}, {7, 2}}), 11 * kMs);
    EXPECT_TRUE(nacked.messages.empty());
    EXPECT_EQ(proposer.phase(), ProposerPhase::BackingOff);
    EXPECT_GE(proposer.next_deadline(), 11 * kMs);
    EXPECT_LE(proposer.next_deadline(), 11 * kMs + proposer.config().backoff_max_us);
    const Ready retried = proposer.tick(proposer.next_deadline());
    EXPECT_EQ(proposer.phase(), ProposerPhase::Preparing);
    EXPECT_EQ(sent<Prepare>(retried).at(0).second, (Prepare{{8, 1}}));
}

TEST(PaxosProposer, nackForAnAbandonedBallot_isOnlyNoted) {
    Node proposer = make_node(1, three_nodes(/*backoff=*/false));
    proposer.propose(propose_command("a"), 10 * kMs);
    proposer.step(from(2, 1, Nack{{1, 1}, {2, 2}}), 11 * kMs);  // now at 3.1
    const Ready ready = proposer.step(from(3, 1, Nack{{1, 1}, {2, 2}}), 12 * kMs);
    EXPECT_TRUE(ready.messages.empty());
    EXPECT_EQ(proposer.ballot(), (Ballot{3, 1}));
}

TEST(PaxosProposer, phaseTimeout_retriesWithAHigherBallot) {
    Node proposer = make_node(1, three_nodes(/*backoff=*/false));
    proposer.propose(propose_command("a"), 10 * kMs);
    EXPECT_TRUE(proposer.tick(proposer.next_deadline() - 1).messages.empty());
    const Ready ready = proposer.tick(proposer.next_deadline());
    EXPECT_EQ(sent<Prepare>(ready).at(0).second, (Prepare{{2, 1}}));
}

TEST(PaxosProposer, majorityAccepted_knowsTheValueIsChosenAndStops) {
    Config config = three_nodes();
    config.learners = {3};  // the proposer counts Accepted itself, as no learner
    Node proposer = make_node(1, config);
    proposer.propose(propose_command("a", 5), 10 * kMs);
    proposer.step(from(2, 1, Promise{{1, 1}, std::nullopt}), 11 * kMs);
    const Ready ready = proposer.step(from(2, 1, Accepted{{1, 1}, "a"}), 12 * kMs);
    EXPECT_EQ(proposer.phase(), ProposerPhase::Chosen);
    EXPECT_EQ(proposer.chosen_value(), "a");
    EXPECT_FALSE(proposer.learned().has_value());  // not a learner
    EXPECT_EQ(proposer.next_deadline(), kNoDeadline);
    const auto answers = sent<ClientResponse>(ready);
    ASSERT_EQ(answers.size(), 1u);
    EXPECT_EQ(answers[0].first, kClientAddressBase + 5);
    EXPECT_EQ(answers[0].second.result.result, "a");
}

TEST(PaxosProposer, restart_keepsItsRoundSoBallotsAreNeverReused) {
    DurableState durable;
    {
        Node proposer = make_node(1, three_nodes(false));
        proposer.propose(propose_command("a"), 10 * kMs).persist_to(durable);
        proposer.step(from(2, 1, Nack{{1, 1}, {4, 2}}), 11 * kMs).persist_to(durable);
    }
    EXPECT_EQ(durable.proposer_round, Round{5});
    // Only the proposer's durable round: its acceptor's promise is no help here.
    Node restarted = make_node(1, three_nodes(false), DurableState{{}, durable.proposer_round});
    const Ready ready = restarted.propose(propose_command("b"), 20 * kMs);
    EXPECT_EQ(sent<Prepare>(ready).at(0).second, (Prepare{{6, 1}}));
}

// --- Learner -----------------------------------------------------------------

TEST(PaxosLearner, learnsWhenAMajorityAcceptedTheSameBallot) {
    Config config = make_config(5, {1, 2});
    config.learners = {5};
    config.acceptors = {1, 2, 3, 4};  // 5 only learns; majority of 4 is 3
    Node learner = make_node(5, config);
    learner.step(from(1, 5, Accepted{{1, 1}, "a"}), 10 * kMs);
    learner.step(from(2, 5, Accepted{{1, 1}, "a"}), 11 * kMs);
    // Same value, another ballot: does not add up with ballot 1.1.
    Ready ready = learner.step(from(3, 5, Accepted{{2, 2}, "a"}), 12 * kMs);
    EXPECT_FALSE(learner.learned().has_value());
    EXPECT_FALSE(ready.learned.has_value());
    // A duplicate from the same acceptor does not count twice.
    learner.step(from(2, 5, Accepted{{1, 1}, "a"}), 13 * kMs);
    EXPECT_FALSE(learner.learned().has_value());
    ready = learner.step(from(4, 5, Accepted{{1, 1}, "a"}), 14 * kMs);
    EXPECT_EQ(ready.learned, "a");
    EXPECT_EQ(learner.learned(), "a");
    EXPECT_EQ(learner.chosen_value(), "a");
}

// --- Clients -----------------------------------------------------------------

TEST(PaxosClients, nonProposer_redirectsToAProposer) {
    Node node = make_node(3, three_nodes());
    const Ready ready = node.step(
        from(kClientAddressBase + 4, 3, ClientRequest{propose_command("a", 4)}), 10 * kMs);
    const auto answers = sent<ClientResponse>(ready);
    ASSERT_EQ(answers.size(), 1u);
    EXPECT_EQ(answers[0].second.status, ClientResponse::Status::NotLeader);
    EXPECT_EQ(answers[0].second.leader_hint, 1u);
    // Once it has promised 2's ballot, 2 is the better hint.
    node.step(from(2, 3, Prepare{{1, 2}}), 11 * kMs);
    const Ready again = node.step(
        from(kClientAddressBase + 4, 3, ClientRequest{propose_command("a", 4)}), 12 * kMs);
    EXPECT_EQ(sent<ClientResponse>(again).at(0).second.leader_hint, 2u);
}

TEST(PaxosClients, nodeThatKnowsTheChosenValue_answersAtOnceWithIt) {
    Node node = make_node(3, three_nodes());
    node.step(from(1, 3, Accepted{{1, 1}, "a"}), 10 * kMs);
    node.step(from(2, 3, Accepted{{1, 1}, "a"}), 11 * kMs);
    const Ready ready = node.step(
        from(kClientAddressBase + 4, 3, ClientRequest{propose_command("b", 4)}), 12 * kMs);
    const auto answer = sent<ClientResponse>(ready).at(0).second;
    EXPECT_EQ(answer.status, ClientResponse::Status::Ok);
    EXPECT_EQ(answer.result.result, "a");  // not what this client proposed: that is Paxos
}

TEST(PaxosClients, secondClientWhileAProposalIsUnderWay_getsItsOutcome) {
    Node proposer = make_node(1, three_nodes());
    proposer.step(from(kClientAddressBase + 1, 1, ClientRequest{propose_command("a", 1)}), 1);
    proposer.step(from(kClientAddressBase + 2, 1, ClientRequest{propose_command("b", 2)}), 2);
    EXPECT_EQ(proposer.client_value(), "a");
    proposer.step(from(2, 1, Promise{{1, 1}, std::nullopt}), 3);
    const Ready ready = proposer.step(from(2, 1, Accepted{{1, 1}, "a"}), 4);
    const auto answers = sent<ClientResponse>(ready);
    ASSERT_EQ(answers.size(), 2u);
    EXPECT_EQ(answers[0].second.client, 1u);
    EXPECT_EQ(answers[1].second.client, 2u);
    EXPECT_EQ(answers[1].second.result.result, "a");
}

// --- Bad input ---------------------------------------------------------------

TEST(PaxosBadInput, impossibleBallotsAndUnknownSenders_areIgnored) {
    Node node = make_node(2, three_nodes());
    const std::vector<Message> bad = {
        from(1, 2, Prepare{{0, 1}}),                         // round 0 is no ballot
        from(1, 2, Prepare{{1, 3}}),                         // not the sender's ballot
        from(3, 2, Prepare{{1, 3}}),                         // 3 is not a proposer
        from(9, 2, Prepare{{1, 9}}),                         // no such node
        from(1, 2, Prepare{{~Round{0}, 1}}),                 // nothing could go above
        from(1, 2, Accept{{2, 3}, "x"}),                     // not the sender's ballot
        from(7, 2, Accepted{{1, 1}, "x"}),                   // not an acceptor
        from(1, 2, Accepted{{1, 3}, "x"}),                   // 3 is not a proposer
        from(3, 2, Promise{{1, 2}, Proposal{{5, 1}, "x"}}),  // accepted above the promise
        from(3, 2, Nack{{1, 2}, {1, 1}}),                    // the "higher" promise is lower
        from(8, 2, Nack{{1, 2}, {3, 1}}),                    // not an acceptor
        from(1, 2, ClientResponse{}),                        // not for a node
        // Another protocol's message cannot reach a Paxos node: its Payload
        // has no alternative for it, and over the wire it does not decode.
    };
    for (const Message& message : bad) {
        const Ready ready = node.step(message, 10 * kMs);
        EXPECT_TRUE(ready.messages.empty()) << type_name(message.payload);
        EXPECT_FALSE(ready.has_durable_writes()) << type_name(message.payload);
    }
    EXPECT_TRUE(node.promised().is_none());
    EXPECT_EQ(node.phase(), ProposerPhase::Idle);
}

TEST(PaxosBadInput, fireTimerWithoutATimer_doesNothing) {
    Node node = make_node(3, three_nodes());
    const Ready ready = node.fire_timer(10 * kMs);
    EXPECT_TRUE(ready.messages.empty());
    EXPECT_EQ(node.next_deadline(), kNoDeadline);
}

TEST(PaxosMessages, typeNames) {
    EXPECT_EQ(type_name(Payload{Prepare{}}), "Prepare");
    EXPECT_EQ(type_name(Payload{Promise{}}), "Promise");
    EXPECT_EQ(type_name(Payload{Accept{}}), "Accept");
    EXPECT_EQ(type_name(Payload{Accepted{}}), "Accepted");
    EXPECT_EQ(type_name(Payload{Nack{}}), "Nack");
    EXPECT_STREQ(phase_name(ProposerPhase::BackingOff), "backing-off");
}

}  // namespace
}  // namespace quorum::paxos
