// The shrinker (quorum/explore/shrink.hpp): a failing run's trace becomes a
// scenario that breaks the same rule, and removing any one of its steps makes
// the violation go away (1-minimal).
#include <gtest/gtest.h>

#include <string>

#include "quorum/explore/shrink.hpp"
#include "quorum/scenario/parser.hpp"
#include "quorum/scenario/runner.hpp"

namespace quorum::explore {
namespace {

// Paxos with amnesia (docs/scenarios.md: persist=off): acceptors that forget
// their promises across a restart.
constexpr const char* kHead = "cluster paxos nodes=3 persist=off backoff=off latency=5-5ms\n";

std::string failing_trace() {
    const std::string text = std::string(kHead) +
                             "expect violation promise kept\n"
                             "client propose apple via 1\n"
                             "run until chosen == apple within 1s\n"
                             "run 100ms\n"
                             "crash 2\n"
                             "crash 3\n"
                             "restart 2\n"
                             "restart 3\n"
                             "client propose banana via 2\n"
                             "run 1s\n";
    const scenario::ParseResult parsed = scenario::parse_scenario(text);
    EXPECT_TRUE(parsed.ok());
    const scenario::RunReport report = scenario::run_scenario(parsed.scenario(), {1, true});
    EXPECT_TRUE(report.passed()) << report.message;
    std::string trace;
    for (const std::string& line : report.trace) {
        trace += line + "\n";
    }
    return trace;
}

TEST(Shrink, amnesiaTrace_shrinksToAOneMinimalScenarioBreakingTheSameRule) {
    const ReplayOfTrace made = replay_of_trace(failing_trace(), kHead);
    ASSERT_TRUE(made.replay) << made.error;
    const Replay& replay = *made.replay;
    const auto rule = first_violation(replay);
    ASSERT_TRUE(rule);
    EXPECT_EQ(*rule, "promise kept");
    ASSERT_TRUE(still_fails(replay, replay.steps, *rule));

    const Shrunk shrunk = shrink(replay, *rule);
    EXPECT_LT(shrunk.steps.size(), replay.steps.size());
    EXPECT_TRUE(still_fails(replay, shrunk.steps, *rule, shrunk.timed));
    // 1-minimal: without any one step, no violation of the rule (or a step
    // that cannot act).
    for (std::size_t i = 0; i < shrunk.steps.size(); ++i) {
        std::vector<ReplayStep> without = shrunk.steps;
        without.erase(without.begin() + static_cast<std::ptrdiff_t>(i));
        EXPECT_FALSE(still_fails(replay, without, *rule, shrunk.timed))
            << "step " << i << " (" << shrunk.steps[i].line << ") is not needed";
    }
    // The written scenario replays for every seed.
    const std::string text = replay_scenario(replay, shrunk.steps, *rule, shrunk.timed);
    for (std::uint64_t seed = 1; seed <= 5; ++seed) {
        const scenario::ParseResult parsed = scenario::parse_scenario(text);
        ASSERT_TRUE(parsed.ok()) << text;
        const auto report = scenario::run_scenario(parsed.scenario(), {seed, false});
        EXPECT_TRUE(report.passed()) << "seed " << seed << ": " << report.message << "\n" << text;
    }
}

TEST(Shrink, aTraceThatBreaksNothing_hasNoRule) {
    scenario::ParseResult parsed = scenario::parse_scenario(
        "cluster paxos nodes=3 backoff=off latency=5-5ms\nclient propose apple via 1\nrun 1s\n");
    ASSERT_TRUE(parsed.ok());
    const auto report = scenario::run_scenario(parsed.scenario(), {1, true});
    std::string trace;
    for (const std::string& line : report.trace) {
        trace += line + "\n";
    }
    const ReplayOfTrace made = replay_of_trace(trace);
    ASSERT_TRUE(made.replay) << made.error;
    EXPECT_FALSE(made.replay->steps.empty());
    EXPECT_FALSE(first_violation(*made.replay));
}

TEST(Shrink, traceSteps_areScenarioLines) {
    const std::string trace =
        "{\"t\":0,\"ev\":\"cluster\",\"algo\":\"raft\",\"nodes\":3,\"seed\":9}\n"
        "{\"t\":5,\"ev\":\"client\",\"client\":1,\"cmd\":\"put x 1\",\"to\":2}\n"
        "{\"t\":5,\"ev\":\"send\",\"id\":1,\"from\":1001,\"to\":2,\"type\":\"ClientRequest\"}\n"
        "{\"t\":6,\"ev\":\"timer\",\"node\":1}\n"
        "{\"t\":7,\"ev\":\"deliver\",\"id\":1}\n"
        "{\"t\":8,\"ev\":\"partition\",\"groups\":[[1],[2,3]]}\n"
        "{\"t\":9,\"ev\":\"crash\",\"node\":3}\n";
    const ReplayOfTrace made = replay_of_trace(trace);
    ASSERT_TRUE(made.replay) << made.error;
    EXPECT_EQ(made.replay->head, "cluster raft nodes=3 seed=9 loss=0 dup=0\n");
    const std::vector<ReplayStep> expected = {{5, "client put x 1 via 2"},
                                              {6, "fire 1"},
                                              {7, "deliver c1 -> 2 ClientRequest"},
                                              {8, "partition 1 | 2 3"},
                                              {9, "crash 3"}};
    EXPECT_EQ(made.replay->steps, expected);
}

}  // namespace
}  // namespace quorum::explore
