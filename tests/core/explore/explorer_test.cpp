// The explorer (quorum/explore/explorer.hpp): it finds a broken rule's
// shortest counterexample from a small start state, finds nothing in the same
// bounded space when the protocol is correct, and writes counterexamples that
// replay for every seed.
#include <gtest/gtest.h>

#include <string>

#include "quorum/explore/explorer.hpp"
#include "quorum/protocols.hpp"
#include "quorum/scenario/parser.hpp"
#include "quorum/scenario/runner.hpp"

namespace quorum::explore {
namespace {

// Three Raft nodes, nothing happened yet, everything by hand.
constexpr const char* kRaftStart =
    "cluster raft nodes=3 prevote=off checkquorum=off\n"
    "hold on\n";

scenario::Scenario parse(const std::string& text, bool vote_twice = false) {
    scenario::ParseResult parsed = scenario::parse_scenario(text);
    EXPECT_TRUE(parsed.ok()) << (parsed.ok() ? "" : parsed.error().message);
    scenario::Scenario scenario = parsed.scenario();
    scenario.cluster.config.trace = false;
    if (vote_twice) {
        scenario.cluster.config.config_of<raft::Protocol>().faults.vote_twice_in_a_term = true;
    }
    return scenario;
}

sim::Cluster start_of(const scenario::Scenario& scenario) {
    scenario::ScenarioRun run(scenario);
    sim::Cluster cluster = run.initial_cluster();
    while (!run.finished()) {
        run.step(cluster);
    }
    EXPECT_TRUE(run.passed());
    return cluster;
}

Bounds bfs(std::size_t depth) {
    Bounds bounds;
    bounds.max_depth = depth;
    bounds.max_states = 2'000'000;
    return bounds;
}

TEST(Explorer, breadthFirst_findsVoteTwiceShortestElectionSafetyViolation) {
    const sim::Cluster start = start_of(parse(kRaftStart, true));
    const Result result = explore(start, bfs(8));
    ASSERT_TRUE(result.found);
    EXPECT_EQ(result.found->violation.rule, "election safety");
    // Two candidates, a vote request each to the node that votes twice, its
    // two answers: six steps, and no fewer will do (below).
    EXPECT_EQ(result.found->path.size(), 6U);
    const Result shallower = explore(start, bfs(5));
    EXPECT_FALSE(shallower.found);
    EXPECT_TRUE(shallower.complete);
}

TEST(Explorer, breadthFirst_correctRaftHasNoViolationInTheSameBounds) {
    const sim::Cluster start = start_of(parse(kRaftStart));
    const Result result = explore(start, bfs(6));
    EXPECT_FALSE(result.found);
    EXPECT_TRUE(result.complete);
    EXPECT_GT(result.progress.unique, 100U);
    EXPECT_EQ(result.progress.depth, 6U);
}

TEST(Explorer, depthFirst_findsTheViolationWithinItsDepth) {
    const sim::Cluster start = start_of(parse(kRaftStart, true));
    Bounds bounds = bfs(6);
    bounds.search = Search::DepthFirst;
    const Result result = explore(start, bounds);
    ASSERT_TRUE(result.found);
    EXPECT_EQ(result.found->violation.rule, "election safety");
    EXPECT_LE(result.found->path.size(), 6U);
    bounds.max_depth = 5;
    const Result shallower = explore(start, bounds);
    EXPECT_FALSE(shallower.found);
    EXPECT_TRUE(shallower.complete);
}

TEST(Explorer, randomWalks_areDeterministicPerSeed) {
    const sim::Cluster start = start_of(parse(kRaftStart, true));
    Bounds bounds = bfs(8);
    bounds.search = Search::RandomWalk;
    bounds.walks = 300;
    bounds.seed = 7;
    const Result first = explore(start, bounds);
    const Result second = explore(start, bounds);
    EXPECT_EQ(first.progress.states, second.progress.states);
    EXPECT_EQ(first.progress.unique, second.progress.unique);
    ASSERT_EQ(first.found.has_value(), second.found.has_value());
    if (first.found) {
        EXPECT_EQ(first.found->path, second.found->path);
    }
}

TEST(Explorer, counterexample_replaysForEverySeed) {
    const sim::Cluster start = start_of(parse(kRaftStart, true));
    const Result result = explore(start, bfs(8));
    ASSERT_TRUE(result.found);
    const std::string text = counterexample_scenario(kRaftStart, *result.found);
    EXPECT_NE(text.find("expect violation election safety\n"), std::string::npos);
    for (std::uint64_t seed = 1; seed <= 5; ++seed) {
        const scenario::Scenario replay = parse(text, true);
        const scenario::RunReport report = scenario::run_scenario(replay, {seed, false});
        EXPECT_TRUE(report.passed()) << "seed " << seed << ": " << report.message << "\n" << text;
        // Without the fault, the same steps break nothing: the last `expect
        // violation` fails, or a step cannot act.
        const scenario::RunReport correct = scenario::run_scenario(parse(text), {seed, false});
        EXPECT_FALSE(correct.passed()) << "seed " << seed;
        EXPECT_NE(correct.outcome, scenario::Outcome::InvariantBroken);
    }
}

TEST(Explorer, stateHash_ignoresMessageIdsAndTheOrderOfIndependentSteps) {
    const sim::Cluster start = start_of(parse(kRaftStart));
    sim::Cluster a = start;
    sim::Cluster b = start;
    Spent spent_a;
    Spent spent_b;
    ASSERT_TRUE(take_step(a, Step{StepKind::Fire, 1, kNoNode, {}}, spent_a));
    ASSERT_TRUE(take_step(a, Step{StepKind::Fire, 2, kNoNode, {}}, spent_a));
    ASSERT_TRUE(take_step(b, Step{StepKind::Fire, 2, kNoNode, {}}, spent_b));
    ASSERT_TRUE(take_step(b, Step{StepKind::Fire, 1, kNoNode, {}}, spent_b));
    EXPECT_NE(a.in_flight()[0].from, b.in_flight()[0].from);  // other ids, other order
    EXPECT_EQ(state_hash(a, spent_a), state_hash(b, spent_b));
    ASSERT_TRUE(take_step(a, Step{StepKind::Deliver, 1, 2, "RequestVote"}, spent_a));
    EXPECT_NE(state_hash(a, spent_a), state_hash(b, spent_b));
}

TEST(Explorer, enabledSteps_respectTheBounds) {
    sim::Cluster cluster = start_of(parse(kRaftStart));
    Bounds bounds;
    Spent spent;
    ASSERT_TRUE(take_step(cluster, Step{StepKind::Fire, 1, kNoNode, {}}, spent));
    const auto count = [&](StepKind kind) {
        std::size_t n = 0;
        for (const Step& step : enabled_steps(cluster, bounds, spent)) {
            n += step.kind == kind ? 1 : 0;
        }
        return n;
    };
    EXPECT_EQ(count(StepKind::Deliver), 2U);  // 1 -> 2 and 1 -> 3
    EXPECT_EQ(count(StepKind::Drop), 2U);
    EXPECT_EQ(count(StepKind::Duplicate), 0U);
    EXPECT_EQ(count(StepKind::Crash), 0U);
    EXPECT_EQ(count(StepKind::Fire), 3U);
    bounds.max_crashes = 1;
    bounds.max_duplicates = 1;
    EXPECT_EQ(count(StepKind::Duplicate), 2U);
    EXPECT_EQ(count(StepKind::Crash), 3U);
    ASSERT_TRUE(take_step(cluster, Step{StepKind::Crash, 3, kNoNode, {}}, spent));
    EXPECT_EQ(count(StepKind::Crash), 0U);
    EXPECT_EQ(count(StepKind::Restart), 1U);
}

// Paxos with amnesia (persist=off, a fault the scenario language can set):
// a crash and a restart make an acceptor forget its promise.
TEST(Explorer, paxosAmnesia_foundWithACrashAndNotWithout) {
    const std::string text =
        "cluster paxos nodes=3 persist=off backoff=off\n"
        "hold on\n"
        "client propose apple via 1\n";
    const sim::Cluster start = start_of(parse(text));
    Bounds bounds = bfs(5);
    const Result without = explore(start, bounds);
    EXPECT_FALSE(without.found);
    bounds.max_crashes = 1;
    const Result with = explore(start, bounds);
    ASSERT_TRUE(with.found);
    EXPECT_EQ(with.found->violation.rule, "promise kept");
    const std::string counterexample = counterexample_scenario(text, *with.found);
    EXPECT_NE(counterexample.find("deliver c1 -> 1 ClientRequest"), std::string::npos)
        << counterexample;
    for (std::uint64_t seed = 1; seed <= 5; ++seed) {
        const auto report = scenario::run_scenario(parse(counterexample), {seed, false});
        EXPECT_TRUE(report.passed()) << "seed " << seed << ": " << report.message;
    }
}

}  // namespace
}  // namespace quorum::explore

namespace quorum::explore {
namespace {

// The dashboard runs a search a few states per frame: the slices add up to
// the same search as one run, whatever the slice.
TEST(Exploration, runInSlices_sameResultAsOneRun) {
    const sim::Cluster start = start_of(parse(kRaftStart, true));
    for (const Search search : {Search::BreadthFirst, Search::DepthFirst, Search::RandomWalk}) {
        Bounds bounds = bfs(6);
        bounds.search = search;
        bounds.walks = 50;
        const Result whole = explore(start, bounds);
        Exploration sliced(start, bounds);
        std::uint64_t slices = 0;
        while (!sliced.run(1)) {
            ++slices;
            EXPECT_FALSE(sliced.done());
        }
        const Result result = sliced.result();
        SCOPED_TRACE(std::string(search_name(search)));
        EXPECT_GT(slices, 1U);
        EXPECT_EQ(result.progress.states, whole.progress.states);
        EXPECT_EQ(result.progress.unique, whole.progress.unique);
        EXPECT_EQ(result.progress.depth, whole.progress.depth);
        EXPECT_EQ(result.complete, whole.complete);
        ASSERT_EQ(result.found.has_value(), whole.found.has_value());
        if (result.found) {
            EXPECT_EQ(result.found->path, whole.found->path);
            EXPECT_EQ(result.found->violation.rule, whole.found->violation.rule);
        }
    }
}

// Stop ends a search at once, as max_states does: over, not complete.
TEST(Exploration, stop_endsTheSearchIncomplete) {
    const sim::Cluster start = start_of(parse(kRaftStart));
    Exploration exploration(start, bfs(12));
    EXPECT_FALSE(exploration.run(100));
    exploration.stop();
    EXPECT_TRUE(exploration.done());
    EXPECT_TRUE(exploration.run(100));
    const Result result = exploration.result();
    EXPECT_FALSE(result.complete);
    EXPECT_FALSE(result.found);
    EXPECT_LT(result.progress.states, 200U);
}

// Symmetry: node 1 standing for election and node 2 standing are one state
// up to the nodes' names; without symmetry they are two.
TEST(Explorer, symmetry_stateHash_sameForStatesThatDifferByTheNodesNames) {
    const sim::Cluster start = start_of(parse(kRaftStart));
    ASSERT_TRUE(start.host().symmetric());
    sim::Cluster a = start;
    sim::Cluster b = start;
    Spent spent;
    ASSERT_TRUE(take_step(a, Step{StepKind::Fire, 1, kNoNode, {}}, spent));
    ASSERT_TRUE(take_step(b, Step{StepKind::Fire, 2, kNoNode, {}}, spent));
    EXPECT_NE(state_hash(a, spent), state_hash(b, spent));
    EXPECT_EQ(state_hash(a, spent, true), state_hash(b, spent, true));
    // A vote delivered is not the same as none, under any names.
    ASSERT_TRUE(take_step(a, Step{StepKind::Deliver, 1, 2, "RequestVote"}, spent));
    EXPECT_NE(state_hash(a, spent, true), state_hash(b, spent, true));
    // The same delivery from the other side: one state again.
    ASSERT_TRUE(take_step(b, Step{StepKind::Deliver, 2, 3, "RequestVote"}, spent));
    EXPECT_EQ(state_hash(a, spent, true), state_hash(b, spent, true));
}

// With symmetry the search visits fewer states and still finds the same
// shortest violation; the correct protocol still has none.
TEST(Explorer, symmetry_fewerStatesSameViolation) {
    const sim::Cluster broken = start_of(parse(kRaftStart, true));
    Bounds bounds = bfs(8);
    const Result plain = explore(broken, bounds);
    bounds.symmetry = true;
    const Result reduced = explore(broken, bounds);
    ASSERT_TRUE(plain.found);
    ASSERT_TRUE(reduced.found);
    EXPECT_EQ(reduced.found->violation.rule, plain.found->violation.rule);
    EXPECT_EQ(reduced.found->path.size(), plain.found->path.size());
    EXPECT_LT(reduced.progress.unique, plain.progress.unique);

    const sim::Cluster correct = start_of(parse(kRaftStart));
    bounds = bfs(6);
    const Result plain_correct = explore(correct, bounds);
    bounds.symmetry = true;
    const Result reduced_correct = explore(correct, bounds);
    EXPECT_TRUE(plain_correct.complete);
    EXPECT_TRUE(reduced_correct.complete);
    EXPECT_FALSE(reduced_correct.found);
    EXPECT_LT(reduced_correct.progress.unique * 2, plain_correct.progress.unique);
}

// Paxos orders proposers by id in its ballots: its ids are not interchangeable.
TEST(Explorer, symmetry_notOfferedForPaxos) {
    const sim::Cluster start = start_of(parse("cluster paxos nodes=3 backoff=off\nhold on\n"));
    EXPECT_FALSE(start.host().symmetric());
}

}  // namespace
}  // namespace quorum::explore
