// Every Multi-Paxos checker rule catches its rule broken on purpose (a checker
// that never fails proves nothing): by a named fault in the protocol, driven
// deterministically, or by hand-built reports for rules no single fault of a
// correct-looking node breaks. Each expects the rule, the nodes, the slot and
// the time.
#include "quorum/multipaxos/invariants.hpp"

#include <gtest/gtest.h>

#include "../cluster_support.hpp"
#include "driver.hpp"
#include "quorum/scenario/parser.hpp"
#include "quorum/scenario/runner.hpp"

namespace quorum::multipaxos {
namespace {

using testing::Driver;
using testing::kMs;
using testing::put;
using testing::scenario_config;

Decree decree_of(const Command& command) {
    return Decree{command, std::nullopt};
}

Ready deciding(Slot slot, const Decree& decree) {
    Ready ready;
    ready.decisions.push_back(Decision{slot, decree});
    return ready;
}

TEST(MultiPaxosInvariants, agreement_catchesTwoReplicasDecidingDifferentCommandsInOneSlot) {
    Invariants checker;
    const Command first = put(1, 1, "x", "1");
    const Command second = put(2, 1, "x", "2");
    checker.on_proposed(first);
    checker.on_proposed(second);
    checker.on_ready(1, deciding(4, decree_of(first)), 100);
    checker.on_ready(2, deciding(4, decree_of(first)), 150);
    EXPECT_TRUE(checker.ok());
    checker.on_ready(3, deciding(4, decree_of(second)), 200);
    ASSERT_FALSE(checker.ok());
    const Violation& violation = *checker.violation();
    EXPECT_EQ(violation.rule, "agreement");
    EXPECT_EQ(violation.nodes, (std::vector<NodeId>{1, 3}));
    EXPECT_EQ(violation.index, 4u);
    EXPECT_EQ(violation.time_us, 200);
    EXPECT_NE(violation.to_string().find("slot 4"), std::string::npos) << violation.to_string();
}

TEST(MultiPaxosInvariants, agreement_catchesCommandersChoosingDifferentDecrees) {
    Invariants checker;
    const Command first = put(1, 1, "x", "1");
    const Command second = put(2, 1, "x", "2");
    checker.on_proposed(first);
    checker.on_proposed(second);
    Ready chosen;
    chosen.chosen.push_back(PValue{{1, 1}, 1, decree_of(first)});
    checker.on_ready(1, chosen, 100);
    chosen.chosen[0] = PValue{{2, 2}, 1, decree_of(second)};
    checker.on_ready(2, chosen, 300);
    ASSERT_FALSE(checker.ok());
    EXPECT_EQ(checker.violation()->rule, "agreement");
    EXPECT_NE(checker.violation()->details.find("ballot 2.2"), std::string::npos)
        << checker.violation()->to_string();
}

// Agreement, with the switch that breaks exactly it
// (Faults::commander_decides_on_minority, the zoo's commander-minority; the
// lesson assets/scenarios/multipaxos/bug-commander-minority.qs, step by
// step): leaders 3 and 4 are adopted by overlapping majorities, each
// commands its own client's command for slot 1, and each commander, having
// only its own acceptor's P2b, decides. Every other rule holds: both
// commands were proposed, each leader commands a slot nobody decided before
// its ballot, no acceptor's ballot goes down, and replicas apply slot 1
// first.
std::vector<Violation> commanders_deciding_on_one_p2b(bool on_minority) {
    const std::string text =
        std::string(
            "cluster multipaxos nodes=5 replicas=1,2 leaders=3,4 acceptors=3,4,5 "
            "latency=5-5ms") +
        (on_minority ? " bug=commander-minority" : "") +
        "\n"
        "hold on\n"
        "client put x 1 via 1\n"
        "client put x 2 via 2\n"
        "fire 3\n"
        "deliver 3 -> 4 P1a\n"
        "drop 3 -> 5 P1a\n"
        "deliver 4 -> 3 P1b\n"
        "fire 4\n"
        "drop 4 -> 3 P1a\n"
        "deliver 4 -> 5 P1a\n"
        "deliver 5 -> 4 P1b\n"
        "step\n"
        "step\n"
        "deliver 1 -> 3 Propose\n"
        "deliver 2 -> 4 Propose\n";
    const auto parsed = scenario::parse_scenario(text);
    EXPECT_TRUE(parsed.ok()) << scenario::format_error("agreement.qs", parsed.error());
    scenario::ScenarioRun run(parsed.scenario());
    sim::Cluster cluster = run.initial_cluster();
    while (!run.finished()) {
        run.step(cluster);  // stops at the first violation, the one that counts
    }
    return cluster.violations();
}

TEST(MultiPaxosInvariants, agreement_catchesCommandersDecidingOnAMinority) {
    EXPECT_TRUE(commanders_deciding_on_one_p2b(false).empty());
    const auto violations = commanders_deciding_on_one_p2b(true);
    ASSERT_EQ(violations.size(), 1u);
    const Violation& violation = violations.front();
    EXPECT_EQ(violation.rule, "agreement") << violation.to_string();
    EXPECT_EQ(violation.nodes, (std::vector<NodeId>{3, 4}));
    EXPECT_EQ(violation.index, 1u);
    EXPECT_NE(violation.details.find("'put x 1' and 'put x 2'"), std::string::npos)
        << violation.to_string();
}

TEST(MultiPaxosInvariants, validity_catchesADecisionNobodyProposed) {
    Invariants checker;
    checker.on_proposed(put(1, 1, "x", "1"));
    checker.on_ready(2, deciding(1, decree_of(put(1, 1, "x", "1"))), 10);
    checker.on_ready(2, deciding(2, Decree::noop()), 20);  // no-ops fill holes: allowed
    EXPECT_TRUE(checker.ok());
    checker.on_ready(2, deciding(3, decree_of(put(1, 1, "x", "forged"))), 30);
    ASSERT_FALSE(checker.ok());
    EXPECT_EQ(checker.violation()->rule, "validity");
    EXPECT_EQ(checker.violation()->nodes, (std::vector<NodeId>{2}));
    EXPECT_EQ(checker.violation()->index, 3u);
    EXPECT_EQ(checker.violation()->time_us, 30);
}

TEST(MultiPaxosInvariants, validity_catchesAnUnproposedReconfiguration) {
    Invariants checker;
    const Configuration proposed{{1}, {3, 4, 5}};
    checker.on_proposed(Decree{Command::make_noop(), proposed});
    checker.on_ready(1, deciding(1, Decree{Command::make_noop(), proposed}), 10);
    EXPECT_TRUE(checker.ok());
    checker.on_ready(1, deciding(2, Decree{Command::make_noop(), Configuration{{9}, {9}}}), 20);
    ASSERT_FALSE(checker.ok());
    EXPECT_EQ(checker.violation()->rule, "validity");
}

TEST(MultiPaxosInvariants, slotOrder_catchesAReplicaApplyingOutOfOrder) {
    Config config = scenario_config();
    config.faults.replica_applies_out_of_order = true;
    Driver driver(config, 5);
    bool dropped = false;  // slot 1's first Decision to replica 3 is lost
    driver.drop_if = [&dropped](const Message& message) {
        const auto* decision = std::get_if<Decision>(&message.payload);
        if (decision && message.to == 3 && decision->slot == 1 && !dropped) {
            dropped = true;
            return true;
        }
        return false;
    };
    driver.client_request(1, put(1, 1, "x", "1"));
    driver.client_request(1, put(2, 1, "y", "2"));
    driver.run_for(1000 * kMs);
    ASSERT_TRUE(dropped);
    ASSERT_FALSE(driver.checker().ok());
    const Violation& violation = *driver.checker().violation();
    EXPECT_EQ(violation.rule, "slot order");
    EXPECT_EQ(violation.nodes, (std::vector<NodeId>{3}));
    EXPECT_EQ(violation.index, 2u);
    EXPECT_GT(violation.time_us, 0);
}

TEST(MultiPaxosInvariants, acceptorBallotMonotonic_catchesAnAcceptorForgettingOnRestart) {
    Driver driver(scenario_config(), 5);
    driver.client_request(1, put(1, 1, "x", "1"));
    ASSERT_TRUE(driver.run_until([&] { return driver.all_replicas_applied(1); }, 2000 * kMs));
    const Ballot before = driver.node(4).acceptor().ballot_num();
    ASSERT_FALSE(before.is_bottom());
    driver.crash(4);
    driver.restart_config().faults.acceptor_forgets_on_restart = true;
    driver.restart(4);
    ASSERT_FALSE(driver.checker().ok());
    const Violation& violation = *driver.checker().violation();
    EXPECT_EQ(violation.rule, "acceptor ballot monotonic");
    EXPECT_EQ(violation.nodes, (std::vector<NodeId>{4}));
    EXPECT_NE(violation.details.find(ballot_text(before)), std::string::npos) << violation.details;
}

// Leader 1 gets "put a 1" chosen in slot 1. Replica 2, which never hears of
// that decision, proposes "put b 2" for slot 1, to leader 2 only. Leader 1
// crashes; leader 2 takes over. Its scout finds slot 1's pvalue, and a
// correct leader proposes "put a 1" again; a leader that ignores it breaks
// the rule.
std::optional<Violation> run_leader_takeover(bool ignore_adopted_pvalues) {
    Config config = scenario_config();
    config.faults.leader_ignores_adopted_pvalues = ignore_adopted_pvalues;
    Driver driver(config, 5);
    driver.drop_if = [](const Message& message) {
        const bool propose = std::holds_alternative<Propose>(message.payload);
        const bool decision = std::holds_alternative<Decision>(message.payload);
        return (decision && message.to == 2) || (propose && message.from == 2 && message.to == 1) ||
               (propose && message.from == 3 && message.to == 2);
    };
    driver.fire_timer(1);  // leader 1 goes first
    driver.run_for(20 * kMs);
    EXPECT_EQ(driver.active_leader(), 1u);
    driver.client_request(3, put(3, 1, "a", "1"));
    EXPECT_TRUE(driver.run_until([&] { return driver.node(3).decided_slots() >= 1; }, 500 * kMs));
    driver.client_request(2, put(2, 1, "b", "2"));
    driver.run_for(10 * kMs);
    driver.crash(1);
    driver.run_for(2000 * kMs);
    return sim::testing::first_violation(driver.checker().violation());
}

TEST(MultiPaxosInvariants, adoptedPValuesSafe_holdsWhenTheNewLeaderKeepsPmax) {
    const auto violation = run_leader_takeover(false);
    EXPECT_FALSE(violation.has_value()) << violation->to_string();
}

TEST(MultiPaxosInvariants, adoptedPValuesSafe_catchesALeaderIgnoringAdoptedPValues) {
    const auto violation = run_leader_takeover(true);
    ASSERT_TRUE(violation.has_value());
    EXPECT_EQ(violation->rule, "adopted pvalues safe");
    EXPECT_EQ(violation->nodes, (std::vector<NodeId>{2, 1}));
    EXPECT_EQ(violation->index, 1u);
    EXPECT_NE(violation->details.find("put a 1"), std::string::npos) << violation->to_string();
    EXPECT_NE(violation->details.find("put b 2"), std::string::npos) << violation->to_string();
}

}  // namespace
}  // namespace quorum::multipaxos
