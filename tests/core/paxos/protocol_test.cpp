// Paxos, second tier: whole runs of several nodes through the test driver
// (paxos_driver.hpp), with the checker after every input: one proposer,
// dueling proposers, an already accepted value, restarts with and without
// durable state, livelock without backoff, and seeded chaos.
#include <gtest/gtest.h>

#include "paxos_driver.hpp"

namespace quorum::paxos {
namespace {

using testing::Driver;
using testing::kMs;
using testing::make_config;

bool all_learned(Driver& driver, std::size_t nodes) {
    for (NodeId id = 1; id <= nodes; ++id) {
        if (!driver.is_up(id) || !driver.node(id).learned()) {
            return false;
        }
    }
    return true;
}

std::string violations_text(const Invariants& checker) {
    std::string text;
    for (const Violation& violation : checker.violations()) {
        text += violation.to_string() + "\n";
    }
    return text;
}

TEST(PaxosProtocol, oneProposer_getsItsValueChosenAndEveryLearnerLearnsIt) {
    Driver driver(make_config(3, {1}), 3);
    driver.client_request(1, "v1", 1);
    driver.run_until([&] { return all_learned(driver, 3); }, 1 * kMicrosecondsPerSecond);
    for (NodeId id = 1; id <= 3; ++id) {
        EXPECT_EQ(driver.node(id).learned(), "v1") << "node " << id;
        EXPECT_EQ(driver.learned_events().at(id), std::vector<Value>{"v1"});
    }
    EXPECT_EQ(driver.chosen(), "v1");
    ASSERT_EQ(driver.client_responses().size(), 1u);
    EXPECT_EQ(driver.client_responses()[0].status, ClientResponse::Status::Ok);
    EXPECT_EQ(driver.client_responses()[0].result.result, "v1");
    EXPECT_EQ(driver.node(1).phase(), ProposerPhase::Chosen);
    EXPECT_EQ(driver.node(1).next_deadline(), kNoDeadline);
    // Two round trips: 2 Prepares, 2 Promises, 2 Accepts, then the Accepted
    // notices (each of 3 acceptors to the 2 other learners), and the answer.
    EXPECT_EQ(driver.messages_sent(), 2u + 2u + 2u + 6u + 1u);
    EXPECT_TRUE(driver.checker().ok()) << violations_text(driver.checker());
}

TEST(PaxosProtocol, twoProposersConcurrently_oneValueChosenAndBothLearnIt) {
    for (std::uint64_t seed = 1; seed <= 60; ++seed) {
        Driver driver(make_config(3, {1, 2}), 3, seed, 1 * kMs, 10 * kMs);
        driver.client_request(1, "a", 1);
        driver.client_request(2, "b", 2);
        driver.run_until(
            [&] { return all_learned(driver, 3) && driver.client_responses().size() == 2; },
            10 * kMicrosecondsPerSecond);
        ASSERT_TRUE(driver.checker().ok()) << "seed " << seed << "\n"
                                           << violations_text(driver.checker());
        ASSERT_TRUE(driver.chosen().has_value()) << "seed " << seed;
        const Value chosen = *driver.chosen();
        EXPECT_TRUE(chosen == "a" || chosen == "b");
        for (NodeId id = 1; id <= 3; ++id) {
            EXPECT_EQ(driver.node(id).learned(), chosen) << "seed " << seed << " node " << id;
        }
        ASSERT_EQ(driver.client_responses().size(), 2u) << "seed " << seed;
        for (const ClientResponse& response : driver.client_responses()) {
            EXPECT_EQ(response.result.result, chosen);  // the loser hears the winner's value
        }
    }
}

TEST(PaxosProtocol, threeProposersOfFive_withBackoff_agreeOnOneValue) {
    for (std::uint64_t seed = 1; seed <= 30; ++seed) {
        Driver driver(make_config(5, {1, 2, 3}), 5, seed, 1 * kMs, 10 * kMs);
        driver.client_request(1, "a", 1);
        driver.client_request(2, "b", 2);
        driver.client_request(3, "c", 3);
        driver.run_until(
            [&] { return all_learned(driver, 5) && driver.client_responses().size() == 3; },
            10 * kMicrosecondsPerSecond);
        ASSERT_TRUE(driver.checker().ok()) << "seed " << seed;
        ASSERT_TRUE(all_learned(driver, 5)) << "seed " << seed;
        for (NodeId id = 2; id <= 5; ++id) {
            EXPECT_EQ(driver.node(id).learned(), driver.node(1).learned());
        }
    }
}

// Section 2.2's Phase 2 rule: proposer 3 finds that acceptor 2 accepted "a"
// (already chosen, by 1 and 2) and proposes "a", not its client's "b".
TEST(PaxosProtocol, proposerThatFindsAnAcceptedValue_proposesThatValue) {
    Driver driver(make_config(3, {1, 3}), 3);
    driver.client_request(1, "a", 1);
    ASSERT_TRUE(driver.deliver(Driver::of_type<Prepare>(2)));
    ASSERT_TRUE(driver.deliver(Driver::of_type<Promise>(1)));
    ASSERT_TRUE(driver.deliver(Driver::of_type<Accept>(2)));
    driver.drop_all();  // nothing else arrives: 3 knows nothing
    EXPECT_EQ(driver.chosen(), "a");
    EXPECT_FALSE(driver.node(3).learned().has_value());

    driver.client_request(3, "b", 3);
    ASSERT_TRUE(driver.deliver(Driver::of_type<Prepare>(2)));
    ASSERT_TRUE(driver.deliver(Driver::of_type<Promise>(3)));
    EXPECT_EQ(driver.node(3).phase(), ProposerPhase::Accepting);
    EXPECT_EQ(driver.node(3).proposal_value(), "a");
    driver.deliver_all();
    for (NodeId id = 1; id <= 3; ++id) {
        EXPECT_EQ(driver.node(id).learned(), "a") << "node " << id;
    }
    ASSERT_EQ(driver.client_responses().size(), 2u);
    EXPECT_EQ(driver.client_responses()[1].client, 3u);
    EXPECT_EQ(driver.client_responses()[1].result.result, "a");
    EXPECT_TRUE(driver.checker().ok()) << violations_text(driver.checker());
}

// The amnesia lesson's schedule: "a" is chosen by acceptors 1 and 2 at ballot
// 1.1; acceptor 2 restarts; proposer 3 then runs ballot 1.3 with acceptors 2
// and 3. A restarted acceptor that kept its state reports "a", and 3
// proposes "a"; one that forgot reports nothing, and 3 gets "b" chosen too.
Driver amnesia_schedule(bool acceptor_skips_persistence) {
    Config config = make_config(3, {1, 3});
    config.faults.acceptor_skips_persistence = acceptor_skips_persistence;
    Driver driver(config, 3);
    driver.client_request(1, "a", 1);
    driver.deliver(Driver::of_type<Prepare>(2));
    driver.deliver(Driver::of_type<Promise>(1));
    driver.deliver(Driver::of_type<Accept>(2));
    driver.deliver(Driver::between(2, 1));  // the Accepted: learner 1 learns "a"
    driver.drop_all();                      // 3 hears none of it
    driver.advance_to(50 * kMs);
    driver.restart(2);
    driver.client_request(3, "b", 3);
    driver.deliver(Driver::of_type<Prepare>(2));
    driver.deliver(Driver::of_type<Promise>(3));
    driver.deliver(Driver::of_type<Accept>(2));
    driver.deliver_all();
    return driver;
}

TEST(PaxosProtocol, acceptorRestart_keepsItsPromiseAndAcceptedValue) {
    Driver driver = amnesia_schedule(false);
    EXPECT_EQ(driver.node(2).accepted(), (Proposal{{1, 3}, "a"}));
    EXPECT_EQ(driver.chosen(), "a");
    for (NodeId id = 1; id <= 3; ++id) {
        EXPECT_EQ(driver.node(id).learned(), "a") << "node " << id;
    }
    EXPECT_TRUE(driver.checker().ok()) << violations_text(driver.checker());
}

TEST(PaxosProtocol, amnesia_acceptorThatSkipsPersistence_letsTwoValuesBeChosen) {
    Driver driver = amnesia_schedule(true);
    EXPECT_EQ(driver.node(1).learned(), "a");
    EXPECT_EQ(driver.node(3).learned(), "b");
    const Invariants& checker = driver.checker();
    ASSERT_FALSE(checker.ok());
    // First the forgotten promise, at the restart...
    EXPECT_EQ(checker.violation()->rule, "promise kept");
    EXPECT_EQ(checker.violation()->nodes, std::vector<NodeId>{2});
    EXPECT_EQ(checker.violation()->time_us, 50 * kMs);
    EXPECT_NE(checker.violation()->details.find("from ballot 1.1 down to none"), std::string::npos)
        << checker.violation()->details;
    // ...then its consequence: a second value chosen.
    ASSERT_TRUE(checker.violated("at most one value chosen")) << violations_text(checker);
    const auto two_values =
        std::find_if(checker.violations().begin(), checker.violations().end(),
                     [](const Violation& v) { return v.rule == "at most one value chosen"; });
    EXPECT_EQ(two_values->nodes, (std::vector<NodeId>{1, 2, 3}));
    EXPECT_EQ(two_values->details,
              "'a' was chosen at ballot 1.1 (acceptors 1 and 2), then 'b' at ballot 1.3 "
              "(acceptors 2 and 3)");
    EXPECT_TRUE(checker.violated("learned value chosen"));  // learner 3 learned "b"
}

// A proposer that meets a higher promise retries above it.
TEST(PaxosProtocol, nack_makesTheProposerRetryWithAHigherBallot) {
    Driver driver(make_config(3, {1, 2}, /*backoff=*/false), 3);
    driver.client_request(2, "b", 2);
    driver.deliver(Driver::of_type<Prepare>(3));  // 3 promises 1.2
    driver.drop_all();
    driver.client_request(1, "a", 1);  // 1 prepares 1.1: 3 refuses
    ASSERT_TRUE(driver.deliver(Driver::between(1, 3)));
    ASSERT_TRUE(driver.deliver(Driver::of_type<Nack>(1)));
    EXPECT_EQ(driver.node(1).ballot(), (Ballot{2, 1}));
    driver.deliver_all();
    EXPECT_EQ(driver.chosen(), "a");
    EXPECT_TRUE(driver.checker().ok()) << violations_text(driver.checker());
}

// Section 2.4's warning: two proposers can keep preempting each other. The
// dueling order delivers each new Prepare before the other's Accepts; without
// backoff every Nack sends a new Prepare at once, so the duel never ends.
TEST(PaxosProtocol, withoutBackoff_twoProposersLivelock) {
    Driver driver(make_config(3, {1, 2}, /*backoff=*/false), 3);
    driver.client_request(1, "a", 1);
    driver.client_request(2, "b", 2);
    for (int i = 0; i < 2000 && driver.step_prepares_first(); ++i) {
    }
    EXPECT_FALSE(driver.chosen().has_value());
    EXPECT_TRUE(driver.client_responses().empty());
    EXPECT_GT(driver.node(1).round(), 50u);
    EXPECT_GT(driver.node(2).round(), 50u);
    EXPECT_TRUE(driver.checker().ok()) << violations_text(driver.checker());
}

// With backoff, the proposer that meets a Nack waits, and the other's Accepts
// get through even in the dueling order.
TEST(PaxosProtocol, withBackoff_theDuelEndsAndOneValueIsChosen) {
    Driver driver(make_config(3, {1, 2}, /*backoff=*/true), 3);
    driver.client_request(1, "a", 1);
    driver.client_request(2, "b", 2);
    for (int i = 0; i < 2000 && driver.client_responses().size() < 2; ++i) {
        driver.step_prepares_first();
    }
    ASSERT_TRUE(driver.chosen().has_value());
    ASSERT_EQ(driver.client_responses().size(), 2u);
    EXPECT_LT(driver.node(1).round(), 5u);
    EXPECT_TRUE(driver.checker().ok()) << violations_text(driver.checker());
}

// One seed, one run: backoff and latencies come only from the seeded Random,
// so two runs send the same messages at the same times.
TEST(PaxosProtocol, sameSeed_sameRun) {
    const auto run = [](std::uint64_t seed) {
        Driver driver(make_config(5, {1, 2, 3}), 5, seed, 1 * kMs, 10 * kMs);
        for (NodeId proposer = 1; proposer <= 3; ++proposer) {
            driver.client_request(proposer, "v" + std::to_string(proposer), proposer);
        }
        driver.run_until([&] { return driver.client_responses().size() == 3; },
                         10 * kMicrosecondsPerSecond);
        return driver.sent();
    };
    const auto first = run(11);
    EXPECT_GT(first.size(), 20u);
    EXPECT_EQ(first, run(11));
    EXPECT_NE(first, run(12));
}

// Seeded chaos: lost messages, crashes and restarts, three proposers. The
// checker must stay quiet; after healing, a value is chosen and every client
// hears it.
TEST(PaxosProtocol, seededChaos_neverBreaksARule) {
    for (std::uint64_t seed = 1; seed <= 60; ++seed) {
        Driver driver(make_config(5, {1, 2, 3}), 5, seed, 1 * kMs, 20 * kMs);
        Random chaos(seed * 7919);
        for (NodeId proposer = 1; proposer <= 3; ++proposer) {
            driver.client_request(proposer, "v" + std::to_string(proposer), proposer);
        }
        for (int event = 0; event < 400; ++event) {
            const auto node = static_cast<NodeId>(chaos.between(1, 5));
            if (chaos.chance(0.02)) {
                driver.crash(node);
            } else if (chaos.chance(0.04) && !driver.is_up(node)) {
                driver.restart(node);
            } else if (chaos.chance(0.15)) {
                driver.drop([](const Message&) { return true; });
            } else if (!driver.step_in_time()) {
                break;
            }
        }
        ASSERT_TRUE(driver.checker().ok()) << "seed " << seed << "\n"
                                           << violations_text(driver.checker());
        // Liveness once healed: every node up, clients ask every proposer again.
        for (NodeId id = 1; id <= 5; ++id) {
            if (!driver.is_up(id)) {
                driver.restart(id);
            }
        }
        for (NodeId proposer = 1; proposer <= 3; ++proposer) {
            driver.client_request(proposer, "v" + std::to_string(proposer), proposer);
        }
        driver.run_until([&] { return driver.chosen().has_value(); },
                         driver.now() + 10 * kMicrosecondsPerSecond);
        ASSERT_TRUE(driver.chosen().has_value()) << "seed " << seed;
        for (const ClientResponse& response : driver.client_responses()) {
            EXPECT_EQ(response.result.result, driver.chosen()) << "seed " << seed;
        }
        EXPECT_TRUE(driver.checker().ok()) << "seed " << seed;
    }
}

}  // namespace
}  // namespace quorum::paxos
