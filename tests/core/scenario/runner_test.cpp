// The scenario runner: statements act on the simulator, expectations decide.
#include "quorum/scenario/runner.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "quorum/scenario/parser.hpp"

namespace quorum::scenario {
namespace {

RunReport run_text(const std::string& text, RunOptions options = {}) {
    const ParseResult parsed = parse_scenario(text);
    EXPECT_TRUE(parsed.ok()) << format_error("test.qs", parsed.error());
    return run_scenario(parsed.scenario(), options);
}

TEST(ScenarioRunner, electionScenarioPasses) {
    const auto report = run_text(
        "cluster raft nodes=5 seed=42\n"
        "run until leader within 2s\n"
        "remember old = leader\n"
        "remember t = term\n"
        "crash leader\n"
        "run until leader within 2s\n"
        "expect leader != $old\n"
        "expect term > $t\n"
        "expect safe\n");
    EXPECT_TRUE(report.passed()) << describe_failure("test.qs", report);
    EXPECT_GT(report.events, 0u);
}

TEST(ScenarioRunner, failedExpectationNamesLineConditionSeedAndTime) {
    const auto report = run_text(
        "cluster raft nodes=3 seed=9\n"
        "run 1s\n"
        "expect no leader\n");
    ASSERT_EQ(report.outcome, Outcome::ExpectationFailed);
    EXPECT_EQ(report.pos.line, 3);
    const std::string text = describe_failure("x.qs", report);
    EXPECT_NE(text.find("x.qs:3:1: expect no leader: false"), std::string::npos) << text;
    EXPECT_NE(text.find("seed 9, t=1.000000s"), std::string::npos) << text;
}

TEST(ScenarioRunner, runUntilFailsWhenTheConditionNeverHolds) {
    const auto report = run_text(
        "cluster raft nodes=3\n"
        "hold on\n"
        "run until leader within 1s\n");
    ASSERT_EQ(report.outcome, Outcome::ExpectationFailed);
    EXPECT_EQ(report.pos.line, 3);
    EXPECT_NE(report.message.find("still false after 1s"), std::string::npos) << report.message;
}

TEST(ScenarioRunner, seedOverrideChangesTheRunAndTheSameSeedRepeatsIt) {
    const std::string text =
        "cluster raft nodes=5 seed=1\n"
        "run 1s\n"
        "client put x 1\n"
        "run 1s\n";
    const auto first = run_text(text, {std::uint64_t{5}, true});
    const auto again = run_text(text, {std::uint64_t{5}, true});
    const auto other = run_text(text, {std::uint64_t{6}, true});
    EXPECT_EQ(first.trace, again.trace);
    EXPECT_NE(first.trace, other.trace);
    EXPECT_EQ(first.seed, 5u);
}

TEST(ScenarioRunner, manualModeDeliversTheNamedMessage) {
    const auto report = run_text(
        "cluster raft nodes=3 prevote=off\n"
        "hold on\n"
        "fire 1\n"
        "deliver 1 -> 2 RequestVote\n"
        "deliver 2 -> 1 RequestVoteResponse\n"
        "expect leader == 1\n"
        "expect term == 1\n"
        "drop 1 -> 3\n"
        "deliver 1 -> 3 RequestVote\n");
    ASSERT_EQ(report.outcome, Outcome::ExpectationFailed) << describe_failure("t.qs", report);
    EXPECT_EQ(report.pos.line, 9);  // that RequestVote was dropped on line 8
    EXPECT_NE(report.message.find("no message from 1 to 3 of type RequestVote"), std::string::npos);
}

TEST(ScenarioRunner, crashLeaderWithoutLeaderFailsThere) {
    const auto report = run_text("cluster raft nodes=3\ncrash leader\n");
    ASSERT_EQ(report.outcome, Outcome::ExpectationFailed);
    EXPECT_EQ(report.pos.line, 2);
}

TEST(ScenarioRunner, figureLogsStartAsDurableState) {
    const auto report = run_text(
        "cluster raft nodes=3 seed=2 prevote=off\n"
        "log 1 1 1 2\n"
        "state 1 term=2 vote=1\n"
        "log 2 1\n"
        "hold on\n"
        "fire 1\n"
        "hold off\n"
        "run until committed >= 4 on all within 3s\n"
        "expect agree\n"
        "expect term == 3\n");
    EXPECT_TRUE(report.passed()) << describe_failure("t.qs", report);
}

// `block 2 -> 1`: node 2 hears node 1 and answers, but its answer is lost.
TEST(ScenarioRunner, blockCutsOneDirectionOnly) {
    const auto report = run_text(
        "cluster raft nodes=3 prevote=off\n"
        "hold on\n"
        "block 2 -> 1\n"
        "fire 1\n"
        "deliver 1 -> 2 RequestVote\n"          // 1 -> 2 flows: node 2 votes
        "deliver 2 -> 1 RequestVoteResponse\n"  // 2 -> 1 is blocked: the vote is lost
        "expect no leader\n"
        "deliver 1 -> 3 RequestVote\n"
        "deliver 3 -> 1 RequestVoteResponse\n"
        "expect leader == 1\n",
        {std::nullopt, true});
    EXPECT_TRUE(report.passed()) << describe_failure("t.qs", report);
    EXPECT_NE(std::find(report.trace.begin(), report.trace.end(),
                        "{\"t\":0,\"ev\":\"block\",\"from\":2,\"to\":1}"),
              report.trace.end());
    const auto lost = std::find_if(report.trace.begin(), report.trace.end(), [](const auto& line) {
        return line.find("\"ev\":\"drop\"") != std::string::npos &&
               line.find("\"why\":\"partition\"") != std::string::npos;
    });
    EXPECT_NE(lost, report.trace.end());
}

TEST(ScenarioRunner, healLiftsBlocks) {
    const auto report = run_text(
        "cluster raft nodes=3 prevote=off\n"
        "hold on\n"
        "block 1 -> 2\n"
        "block 1 -> 3\n"
        "fire 1\n"
        "deliver 1 -> 2 RequestVote\n"  // lost on arrival
        "heal\n"
        "fire 1\n"  // a new election, term 2
        "deliver 1 -> 2 RequestVote\n"
        "deliver 2 -> 1 RequestVoteResponse\n"
        "expect leader == 1\n"
        "expect term == 2\n");
    EXPECT_TRUE(report.passed()) << describe_failure("t.qs", report);
}

TEST(ScenarioRunner, blockLeaderNeedsALeaderAndALeaderVariableNeedsAnotherNode) {
    auto report = run_text(
        "cluster raft nodes=3\n"
        "block leader -> 2\n");
    ASSERT_EQ(report.outcome, Outcome::ExpectationFailed);
    EXPECT_EQ(report.pos.line, 2);
    EXPECT_EQ(report.message, "block leader: there is no leader now");
    report = run_text(
        "cluster raft nodes=3 seed=2\n"
        "run until leader within 2s\n"
        "remember l = leader\n"
        "block $l -> leader\n");
    ASSERT_EQ(report.outcome, Outcome::ExpectationFailed);
    EXPECT_EQ(report.pos.line, 4);
    EXPECT_NE(report.message.find("both ends are node"), std::string::npos) << report.message;
}

TEST(ScenarioRunner, paxosScenarioChoosesTheProposedValue) {
    const auto report = run_text(
        "cluster paxos nodes=3 proposers=1\nclient propose v1\nrun until chosen within 1s\n"
        "expect chosen == v1\nexpect not chosen == v2\n");
    EXPECT_EQ(report.outcome, Outcome::Passed) << report.message;
}

TEST(ScenarioRunner, paxosChosenFailureSaysWhatEachNodeIsDoing) {
    const auto report = run_text(
        "cluster paxos nodes=3 proposers=1\ncrash 2\ncrash 3\n"
        "client propose v1 via 1\nrun 1s\nexpect chosen\n");
    EXPECT_EQ(report.outcome, Outcome::ExpectationFailed);
    EXPECT_NE(report.message.find("chosen: nothing; node 1 "), std::string::npos) << report.message;
    EXPECT_NE(report.message.find("node 2 crashed"), std::string::npos) << report.message;
}

TEST(ScenarioRunner, multipaxosScenarioDecidesAndAppliesOnEveryReplica) {
    const auto report = run_text(
        "cluster multipaxos nodes=5 replicas=1,2,3 leaders=1,2 acceptors=3,4,5\n"
        "run until leader within 2s\n"
        "client put x 1\nclient put y 2\n"
        "run until applied >= 2 on all within 2s\n"
        "expect committed >= 2 on majority\n"
        "expect value x == 1 on all\nexpect value y == 2 on live\n"
        "expect agree\nexpect linearizable\nexpect safe\nexpect term >= 1\n");
    EXPECT_EQ(report.outcome, Outcome::Passed) << report.message;
}

TEST(ScenarioRunner, multipaxosScopesRangeOverReplicasOnly) {
    // Nodes 4 and 5 are acceptors only: crashing them leaves `on all` true.
    const auto report = run_text(
        "cluster multipaxos nodes=5 replicas=1,2 leaders=1 acceptors=1,2,3,4,5\n"
        "client put x 1\nrun until applied >= 1 on all within 2s\n"
        "crash 5\nexpect value x == 1 on all\nexpect applied >= 1 on majority\n"
        "expect not applied >= 1 on 5\n");
    EXPECT_EQ(report.outcome, Outcome::Passed) << report.message;
}

TEST(ScenarioRunner, multipaxosCrashLeaderCrashesTheActiveLeader) {
    const auto report = run_text(
        "cluster multipaxos nodes=3 replicas=all leaders=1,2 acceptors=all\n"
        "run until leader within 2s\nremember l = leader\ncrash leader\n"
        "expect no leader\nrun until leader within 3s\nexpect leader != $l\n"
        "client put x 1\nrun until value x == 1 on live within 3s\n");
    EXPECT_EQ(report.outcome, Outcome::Passed) << report.message;
}

TEST(ScenarioRunner, multipaxosFailureNamesLeadersAndDecidedSlots) {
    const auto report = run_text(
        "cluster multipaxos nodes=3 replicas=1,2 leaders=1 acceptors=all\ncrash 2\ncrash 3\n"
        "client put x 1 via 1\nrun 1s\nexpect value x == 1 on 1\n");
    ASSERT_EQ(report.outcome, Outcome::ExpectationFailed);
    EXPECT_NE(report.message.find("leader none"), std::string::npos) << report.message;
    EXPECT_NE(report.message.find("decided slots 0 x (replicas 1 2)"), std::string::npos)
        << report.message;
    EXPECT_NE(report.message.find("leader 1 passive"), std::string::npos) << report.message;
    EXPECT_NE(report.message.find("x = - x"), std::string::npos) << report.message;
}

// ---------------------------------------------------------------------------
// ScenarioRun: the same interpreter, one statement at a time.

Scenario parse_text(const std::string& text) {
    ParseResult parsed = parse_scenario(text);
    EXPECT_TRUE(parsed.ok()) << format_error("test.qs", parsed.error());
    return parsed.scenario();
}

// A run that touches every kind of statement: variables, chaos, clients,
// manual mode and expectations.
constexpr const char* kLesson =
    "cluster raft nodes=5 seed=42\n"
    "run until leader within 2s\n"
    "remember old = leader\n"
    "client put x 1\n"
    "run until applied >= 1 on all within 2s\n"
    "crash leader\n"
    "run until leader within 2s\n"
    "expect leader != $old\n"
    "hold on\n"
    "step\n"
    "hold off\n"
    "run 300ms\n"
    "expect safe\n";

TEST(ScenarioRun, steppingEveryStatementTracesTheSameBytesAsRunScenario) {
    const Scenario scenario = parse_text(kLesson);
    const RunReport whole = run_scenario(scenario, {std::uint64_t{3}, true});
    ASSERT_TRUE(whole.passed()) << describe_failure("t.qs", whole);

    ScenarioRun run(scenario, std::uint64_t{3});
    sim::Cluster cluster = run.initial_cluster();
    std::vector<std::string> trace;
    while (!run.finished()) {
        run.step(cluster);
        for (std::string& line : cluster.take_trace()) {
            trace.push_back(std::move(line));
        }
    }
    EXPECT_EQ(trace, whole.trace);
    const RunReport stepped = run.report(cluster);
    EXPECT_TRUE(stepped.passed());
    EXPECT_EQ(stepped.time_us, whole.time_us);
    EXPECT_EQ(stepped.events, whole.events);
    EXPECT_EQ(stepped.history, whole.history);
}

TEST(ScenarioRun, stepRunsOneStatementAndSaysWhatItDid) {
    ScenarioRun run(parse_text("cluster raft nodes=3 seed=9\nrun 1s\nexpect leader\n"));
    sim::Cluster cluster = run.initial_cluster();
    EXPECT_EQ(run.next_statement(), 0u);
    EXPECT_EQ(cluster.now(), 0);

    const StatementResult& first = run.step(cluster);
    EXPECT_TRUE(first.passed());
    EXPECT_EQ(first.pos.line, 2);
    EXPECT_EQ(cluster.now(), kMicrosecondsPerSecond);
    EXPECT_EQ(run.next_statement(), 1u);
    EXPECT_FALSE(run.finished());

    EXPECT_TRUE(run.step(cluster).passed());
    EXPECT_TRUE(run.finished());
    EXPECT_EQ(run.results().size(), 2u);
}

TEST(ScenarioRun, stopsAtTheFirstFailureWithItsLineAndMessage) {
    ScenarioRun run(parse_text("cluster raft nodes=3 seed=9\nrun 1s\nexpect no leader\nrun 1s\n"));
    sim::Cluster cluster = run.initial_cluster();
    run.step(cluster);
    const StatementResult& failed = run.step(cluster);
    EXPECT_EQ(failed.outcome, Outcome::ExpectationFailed);
    EXPECT_EQ(failed.pos.line, 3);
    EXPECT_NE(failed.message.find("expect no leader: false"), std::string::npos) << failed.message;
    EXPECT_TRUE(run.finished());
    EXPECT_FALSE(run.passed());
    const RunReport report = run.report(cluster);
    EXPECT_EQ(report.outcome, Outcome::ExpectationFailed);
    EXPECT_EQ(report.pos.line, 3);
    EXPECT_EQ(report.seed, 9u);
}

// The dashboard lets a person act between two lines: the next line sees it.
TEST(ScenarioRun, actsOnTheClusterAsOthersLeftIt) {
    ScenarioRun run(parse_text("cluster raft nodes=3\nrun 1s\nexpect leader\n"));
    sim::Cluster cluster = run.initial_cluster();
    run.step(cluster);
    for (NodeId node = 1; node <= 3; ++node) {
        cluster.crash(node);
    }
    const StatementResult& result = run.step(cluster);
    EXPECT_EQ(result.outcome, Outcome::ExpectationFailed) << result.message;
}

// The dashboard's step back: the cluster as it was before a line, the run
// rewound to it, and the line runs again with the same outcome.
TEST(ScenarioRun, rewindRunsAStatementAgainOnTheClusterAsItWas) {
    ScenarioRun run(
        parse_text("cluster raft nodes=3 seed=4\nrun until leader within 2s\n"
                   "remember l = leader\ncrash $l\nexpect no leader\n"));
    sim::Cluster cluster = run.initial_cluster();
    run.step(cluster);
    run.step(cluster);
    const sim::Cluster before_crash = cluster;
    run.step(cluster);
    EXPECT_TRUE(run.step(cluster).passed());
    EXPECT_TRUE(run.finished());

    cluster = before_crash;
    run.rewind(2);
    EXPECT_EQ(run.next_statement(), 2u);
    EXPECT_EQ(run.results().size(), 2u);
    EXPECT_FALSE(run.finished());
    EXPECT_EQ(run.step(cluster).pos.line, 4);
    EXPECT_TRUE(run.step(cluster).passed());
    EXPECT_TRUE(run.passed());
}

// Copies continue independently: a caller can keep one per snapshot.
TEST(ScenarioRun, isAPlainValue) {
    ScenarioRun run(
        parse_text("cluster raft nodes=3 seed=4\nrun until leader within 2s\n"
                   "remember l = leader\ncrash $l\nrun until leader within 2s\n"
                   "expect leader != $l\n"));
    sim::Cluster cluster = run.initial_cluster();
    run.step(cluster);
    run.step(cluster);
    ScenarioRun copy = run;
    sim::Cluster copied_cluster = cluster;
    while (!run.finished()) {
        run.step(cluster);
    }
    while (!copy.finished()) {
        copy.step(copied_cluster);
    }
    EXPECT_TRUE(run.passed());
    EXPECT_TRUE(copy.passed());
    EXPECT_EQ(cluster.now(), copied_cluster.now());
}

// The run failed with `outcome` at `line`, and its message says `fragment`.
void expect_failed(const RunReport& report, Outcome outcome, int line,
                   const std::string& fragment) {
    EXPECT_EQ(report.outcome, outcome) << report.message;
    EXPECT_EQ(report.pos.line, line) << report.message;
    EXPECT_NE(report.message.find(fragment), std::string::npos) << report.message;
}

// The amnesia lesson: with persist=off, acceptors 1 and 2 forget ballot 1.1
// and apple; proposer 3 gets banana chosen by them. The cluster keeps going
// past the first violation, so the second one is caught too. (Learner 4 is
// never restarted: a restarted learner that learned banana would break a
// third rule.)
const std::string kAmnesia =
    "cluster paxos nodes=4 proposers=1,3 acceptors=1,2 learners=4 backoff=off persist=off\n"
    "client propose apple via 1\nrun until chosen == apple within 1s\nrun 100ms\n"
    "expect violation promise kept\n"
    "crash 1\ncrash 2\nrestart 1\nrestart 2\n"
    "expect violation at most one value chosen\n"
    "client propose banana via 3\nrun 1s\n";

TEST(ScenarioRunner, expectViolation_passesWhenTheCheckerCatchesIt) {
    const auto report = run_text(kAmnesia + "expect not safe\nexpect chosen == apple\n");
    EXPECT_EQ(report.outcome, Outcome::Passed) << describe_failure("test.qs", report);
}

TEST(ScenarioRunner, expectViolation_failsAtItsLineWhenNothingBreaks) {
    std::string persistent = kAmnesia;
    persistent.replace(persistent.find(" persist=off"), 12, "");
    expect_failed(run_text(persistent), Outcome::ExpectationFailed, 5,
                  "expect violation promise kept: the checkers caught no violation of 'promise "
                  "kept'");
}

TEST(ScenarioRunner, expectViolation_anotherRuleStillFailsTheRun) {
    std::string only_second = kAmnesia;
    only_second.replace(only_second.find("expect violation promise kept\n"), 30, "");
    expect_failed(run_text(only_second), Outcome::InvariantBroken, 7, "promise kept violated");
}

TEST(ScenarioRunner, expectViolation_aViolationBeforeTheLineIsUnexpected) {
    const auto report = run_text(
        "cluster paxos nodes=3 proposers=1 persist=off\nclient propose a via 1\n"
        "run until chosen within 1s\ncrash 2\nrestart 2\n"
        "expect violation promise kept\nrun 1s\n");
    expect_failed(report, Outcome::InvariantBroken, 5, "promise kept violated");
}

TEST(ScenarioRunner, reconfigure_newAcceptorsTakeOverAtSlotSPlusWindow) {
    const auto report = run_text(
        "cluster multipaxos nodes=5 replicas=1,2 leaders=1 acceptors=3,4,5 window=2\n"
        "client put x 1 via 1\nrun until value x == 1 on all within 2s\n"
        "reconfigure acceptors=2,3,4\n"
        "client put x 2 via 1\nclient put x 3 via 1\n"
        "run until acceptors == 2,3,4 on all within 2s\n"
        "expect leaders == 1 on all\nexpect acceptors != 3,4,5 on 2\n"
        "crash 5\ncrash 4\nclient put y 1\nrun until value y == 1 on all within 3s\n"
        "expect agree\nexpect linearizable\n");
    EXPECT_EQ(report.outcome, Outcome::Passed) << describe_failure("test.qs", report);
}

TEST(ScenarioRunner, reconfigure_failsWhenTheReplicaIsDown) {
    const auto report = run_text(
        "cluster multipaxos nodes=3 replicas=1,2\ncrash 1\ncrash 2\n"
        "reconfigure acceptors=1,2\n");
    expect_failed(report, Outcome::ExpectationFailed, 4, "no replica is up");
}

TEST(ScenarioRunner, configurationConditionFailureListsEachReplicasConfiguration) {
    const auto report = run_text(
        "cluster multipaxos nodes=3 replicas=1,2 acceptors=1,2,3\ncrash 2\n"
        "expect acceptors == 1,2 on all\n");
    expect_failed(report, Outcome::ExpectationFailed, 3, "acceptors 1,2,3 x");
}

}  // namespace
}  // namespace quorum::scenario
