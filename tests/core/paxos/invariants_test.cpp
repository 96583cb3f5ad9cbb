// The Paxos checker catches every rule it guards being broken on purpose (a
// checker that never fails proves nothing): by a named fault in the node, or
// by a hand-built sequence of reports, naming the rule, the nodes, the ballot
// and the time. The correct protocol breaks nothing (protocol_test.cpp runs
// the checker after every input, chaos included).
#include "quorum/paxos/invariants.hpp"

#include <gtest/gtest.h>

#include "paxos_driver.hpp"

namespace quorum::paxos {
namespace {

using testing::Driver;
using testing::kMs;
using testing::make_config;

bool mentions(const Violation& violation, const std::string& text) {
    return violation.details.find(text) != std::string::npos;
}

TEST(PaxosInvariants, atMostOneValueChosen_catchesAProposerThatIgnoresAcceptedValues) {
    Config config = make_config(3, {1, 3});
    config.faults.proposer_ignores_accepted_values = true;
    Driver driver(config, 3);
    // "a" is chosen at 1.1 by acceptors 1 and 2; node 3 hears none of it.
    driver.client_request(1, "a", 1);
    driver.deliver(Driver::of_type<Prepare>(2));
    driver.deliver(Driver::of_type<Promise>(1));
    driver.deliver(Driver::of_type<Accept>(2));
    driver.drop_all();
    ASSERT_TRUE(driver.checker().ok());
    // Proposer 3 hears from acceptor 2 that it accepted "a", and proposes "b".
    driver.advance_to(40 * kMs);
    driver.client_request(3, "b", 3);
    driver.deliver(Driver::of_type<Prepare>(2));
    driver.deliver(Driver::of_type<Promise>(3));
    driver.deliver(Driver::of_type<Accept>(2));
    const Violation* violation = driver.checker().violation();
    ASSERT_TRUE(violation != nullptr);
    EXPECT_EQ(violation->rule, "at most one value chosen");
    EXPECT_EQ(violation->nodes, (std::vector<NodeId>{1, 2, 3}));
    EXPECT_EQ(violation->time_us, 40 * kMs);
    EXPECT_TRUE(mentions(*violation, "'a' was chosen at ballot 1.1")) << violation->details;
    EXPECT_TRUE(mentions(*violation, "'b' at ballot 1.3")) << violation->details;
}

TEST(PaxosInvariants, onlyAProposedValue_catchesAValueNoClientProposed) {
    Invariants checker({1, 2, 3});
    checker.on_proposed("a");
    checker.on_accepted(1, Proposal{{1, 1}, "x"}, 4);
    EXPECT_TRUE(checker.ok());  // one acceptance chooses nothing
    checker.on_accepted(2, Proposal{{1, 1}, "x"}, 5);
    ASSERT_FALSE(checker.ok());
    EXPECT_EQ(checker.violation()->rule, "only a proposed value");
    EXPECT_EQ(checker.violation()->nodes, (std::vector<NodeId>{1, 2}));
    EXPECT_EQ(checker.violation()->time_us, 5);
    EXPECT_TRUE(mentions(*checker.violation(), "'x' was chosen at ballot 1.1"));
    EXPECT_EQ(checker.chosen()->value, "x");
}

TEST(PaxosInvariants, onlyAProposedValue_quietWhenAClientProposedIt) {
    Invariants checker({1, 2, 3});
    checker.on_proposed("x");
    checker.on_accepted(1, Proposal{{1, 1}, "x"}, 4);
    checker.on_accepted(3, Proposal{{1, 1}, "x"}, 5);
    EXPECT_TRUE(checker.ok());
    ASSERT_TRUE(checker.chosen().has_value());
    EXPECT_EQ(checker.chosen()->ballot, (Ballot{1, 1}));
    EXPECT_EQ(checker.chosen()->acceptors, (std::vector<NodeId>{1, 3}));
}

TEST(PaxosInvariants, promiseKept_catchesAnAcceptorAcceptingBelowItsPromise) {
    Config config = make_config(3, {1, 2});
    config.faults.acceptor_accepts_below_promise = true;
    Node acceptor(3, config, {}, Random(1), 0);
    Invariants checker(config.acceptors);
    const auto input = [&](NodeId from, Payload payload, TimeUs now) {
        const Ready ready = acceptor.step(Message{from, 3, std::move(payload)}, now);
        checker.on_ready(3, acceptor, Summary{}, ready, now);
    };
    input(2, Prepare{{2, 2}}, 10 * kMs);
    EXPECT_TRUE(checker.ok());
    input(1, Accept{{1, 1}, "a"}, 11 * kMs);
    ASSERT_FALSE(checker.ok());
    EXPECT_EQ(checker.violation()->rule, "promise kept");
    EXPECT_EQ(checker.violation()->nodes, std::vector<NodeId>{3});
    EXPECT_EQ(checker.violation()->time_us, 11 * kMs);
    EXPECT_EQ(checker.violation()->details,
              "acceptor 3 accepted ballot 1.1 ('a') below its promise 2.2");
}

TEST(PaxosInvariants, promiseKept_catchesAPromiseThatDecreases) {
    Invariants checker({1, 2, 3});
    checker.on_promised(2, Ballot{3, 1}, 10);
    checker.on_promised(2, Ballot{3, 1}, 11);  // the same promise, reported again
    EXPECT_TRUE(checker.ok());
    checker.on_promised(2, Ballot{2, 3}, 12);
    ASSERT_FALSE(checker.ok());
    EXPECT_EQ(checker.violation()->rule, "promise kept");
    EXPECT_TRUE(mentions(*checker.violation(), "from ballot 3.1 down to 2.3"));
    EXPECT_EQ(checker.violation()->time_us, 12);
}

TEST(PaxosInvariants, promiseKept_quietWhenAnOldAcceptanceIsReportedAfterAHigherPromise) {
    Invariants checker({1, 2, 3});
    checker.on_proposed("a");
    checker.on_accepted(1, Proposal{{1, 1}, "a"}, 1);
    checker.on_promised(1, Ballot{2, 2}, 2);
    checker.on_accepted(1, Proposal{{1, 1}, "a"}, 3);  // its state, read again
    EXPECT_TRUE(checker.ok()) << checker.violation()->to_string();
}

TEST(PaxosInvariants, learnedValueChosen_catchesALearnerThatLearnsFromOneAcceptance) {
    Config config = make_config(3, {1});
    config.faults.learner_learns_on_first_accepted = true;
    Driver driver(config, 3);
    driver.advance_to(7 * kMs);
    driver.client_request(1, "a", 1);
    driver.deliver(Driver::of_type<Prepare>(2));
    driver.deliver(Driver::of_type<Promise>(1));  // 1 accepts, and learns from itself
    EXPECT_EQ(driver.node(1).learned(), "a");
    const Violation* violation = driver.checker().violation();
    ASSERT_TRUE(violation != nullptr);
    EXPECT_EQ(violation->rule, "learned value chosen");
    EXPECT_EQ(violation->nodes, std::vector<NodeId>{1});
    EXPECT_EQ(violation->time_us, 7 * kMs);
    EXPECT_EQ(violation->details,
              "learner 1 learned 'a' but no value is chosen (no ballot accepted by a majority "
              "of 3 acceptors)");
}

TEST(PaxosInvariants, learnedValueChosen_catchesALearnerThatLearnsAnotherValue) {
    Invariants checker({1, 2, 3});
    checker.on_proposed("a");
    checker.on_proposed("b");
    checker.on_accepted(1, Proposal{{1, 1}, "a"}, 1);
    checker.on_accepted(2, Proposal{{1, 1}, "a"}, 2);
    checker.on_learned(3, "a", 3);
    EXPECT_TRUE(checker.ok());
    checker.on_learned(2, "b", 4);
    ASSERT_FALSE(checker.ok());
    EXPECT_EQ(checker.violation()->details, "learner 2 learned 'b' but 'a' is chosen (ballot 1.1)");
}

TEST(PaxosInvariants, oneValuePerBallot_catchesTwoValuesUnderOneBallot) {
    Invariants checker({1, 2, 3});
    checker.on_proposed("a");
    checker.on_proposed("b");
    checker.on_accepted(1, Proposal{{1, 2}, "a"}, 1);
    checker.on_accepted(3, Proposal{{1, 2}, "b"}, 2);
    ASSERT_FALSE(checker.ok());
    EXPECT_EQ(checker.violation()->rule, "one value per ballot");
    EXPECT_EQ(checker.violation()->nodes, (std::vector<NodeId>{1, 3}));
    EXPECT_EQ(checker.violation()->details,
              "ballot 1.2 was accepted with 'a' (by 1) and with 'b' (by 3)");
}

// One value per ballot, with the switch that breaks exactly it
// (Faults::proposer_forgets_round): proposer 1, which is no acceptor (an
// acceptor's durable promise would lift its next round), sends Accept(1.1,
// 'a') that only acceptor 2 receives, and restarts. Having forgotten its
// round, it prepares ballot 1.1 again for a new client's 'b'; acceptors 3
// and 4 promise it again (a repeated Prepare of the ballot they promised)
// and report nothing accepted, so it sends Accept(1.1, 'b'), and acceptor 2
// accepts a second value under one ballot. Nothing is chosen yet, no promise
// is broken, nobody learned: that rule alone is broken. A proposer that
// keeps its round prepares 1.2 instead, and breaks nothing.
std::vector<Violation> reuse_a_ballot_after_a_restart(bool forget_round) {
    Config config;
    config.proposers = {1};
    config.acceptors = {2, 3, 4};
    config.learners = {2, 3, 4};
    config.faults.proposer_forgets_round = forget_round;
    Driver driver(config, 4);
    driver.client_request(1, "a", 1);
    driver.deliver_all(Driver::of_type<Prepare>());
    driver.deliver_all(Driver::of_type<Promise>());  // two are a majority: Accept(1.1, 'a')
    EXPECT_TRUE(driver.deliver(Driver::of_type<Accept>(2)));
    driver.drop_all();  // the other Accepts, and acceptor 2's Accepted, are lost
    EXPECT_EQ(driver.node(2).accepted(), (Proposal{{1, 1}, "a"}));
    driver.advance_to(10 * kMs);
    driver.restart(1);
    driver.client_request(1, "b", 2);
    EXPECT_TRUE(driver.drop(Driver::of_type<Prepare>(2)));
    driver.deliver_all(Driver::of_type<Prepare>());
    driver.deliver_all(Driver::of_type<Promise>());
    EXPECT_EQ(driver.node(1).proposal_value(), "b");
    EXPECT_TRUE(driver.deliver(Driver::of_type<Accept>(2)));
    EXPECT_EQ(driver.node(2).accepted()->value, "b");
    return driver.checker().violations();
}

TEST(PaxosInvariants, oneValuePerBallot_catchesAProposerThatForgetsItsRound) {
    const auto correct = reuse_a_ballot_after_a_restart(false);
    EXPECT_TRUE(correct.empty()) << correct.front().to_string();
    const auto violations = reuse_a_ballot_after_a_restart(true);
    ASSERT_EQ(violations.size(), 1u);
    EXPECT_EQ(violations[0].rule, "one value per ballot") << violations[0].to_string();
    EXPECT_EQ(violations[0].nodes, (std::vector<NodeId>{2}));
    EXPECT_EQ(violations[0].time_us, 10 * kMs);
    EXPECT_EQ(violations[0].details, "ballot 1.1 was accepted with 'a' (by 2) and with 'b' (by 2)");
}

TEST(PaxosInvariants, restartedLearner_mayLearnTheSameValueAgain) {
    Invariants checker({1, 2, 3});
    checker.on_proposed("a");
    checker.on_accepted(1, Proposal{{1, 1}, "a"}, 1);
    checker.on_accepted(2, Proposal{{1, 1}, "a"}, 2);
    checker.on_learned(3, "a", 3);
    checker.on_restart(3);
    checker.on_learned(3, "a", 4);
    EXPECT_TRUE(checker.ok());
}

TEST(PaxosInvariants, violationToString_namesRuleAndTime) {
    Invariants checker({1, 2, 3});
    checker.on_promised(1, Ballot{2, 1}, 1500000);
    checker.on_promised(1, Ballot{}, 2250000);
    EXPECT_EQ(checker.violation()->to_string(),
              "promise kept violated at t=2.250000s: acceptor 1's promise went from ballot 2.1 "
              "down to none (a restart that lost its durable state?)");
}

}  // namespace
}  // namespace quorum::paxos
