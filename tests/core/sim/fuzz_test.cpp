// The swarm fuzzer (quorum/sim/fuzz.hpp): the correct protocol survives many
// worlds; a seed replays exactly; a protocol broken on purpose is caught in
// the safety phase, a cluster that cannot make progress in the liveness
// phase; --faults lists parse or are refused by name.
#include "quorum/sim/fuzz.hpp"

#include "quorum/protocols.hpp"

#include <gtest/gtest.h>

#include <set>

namespace quorum::sim {
namespace {

constexpr TimeUs kMs = kMicrosecondsPerMillisecond;
constexpr TimeUs kSecond = kMicrosecondsPerSecond;

// Raft with its defaults: 5 nodes, 2000 steps, every fault.
FuzzOptions raft_options() {
    FuzzOptions options;
    options.protocol = protocol_config<raft::Protocol>();
    return options;
}

TEST(Fuzz, correctRaft_fiftySeedsWithEveryFault_allOk) {
    FuzzOptions options = raft_options();  // 5 nodes, 2000 steps, every fault
    for (std::uint64_t seed = 1; seed <= 50; ++seed) {
        const FuzzResult result = fuzz(seed, options);
        EXPECT_TRUE(result.ok) << result.summary();
        EXPECT_NE(result.linearizability, Verdict::NotLinearizable) << result.summary();
        EXPECT_GT(result.operations, 1u) << result.summary();
    }
}

TEST(Fuzz, sameSeed_sameResultAndTrace) {
    FuzzOptions options = raft_options();
    options.trace = true;
    const FuzzResult first = fuzz(7, options);
    const FuzzResult second = fuzz(7, options);
    ASSERT_GT(first.trace.size(), 100u);
    EXPECT_EQ(first.trace, second.trace);
    EXPECT_EQ(first.summary(), second.summary());
    EXPECT_EQ(first.events, second.events);
    EXPECT_EQ(first.time_us, second.time_us);
    EXPECT_EQ(first.mix, second.mix);
    // The trace starts with the cluster, then says what the seed drew, and
    // marks where the liveness phase begins.
    EXPECT_EQ(first.trace[0].rfind("{\"t\":0,\"ev\":\"cluster\"", 0), 0u) << first.trace[0];
    EXPECT_NE(first.trace[1].find("\"ev\":\"fuzz\""), std::string::npos) << first.trace[1];
    EXPECT_EQ(std::count_if(first.trace.begin(), first.trace.end(),
                            [](const std::string& line) {
                                return line.find("\"phase\":\"liveness\"") != std::string::npos;
                            }),
              1);
}

TEST(Fuzz, traceOff_sameResultAsTraceOn) {
    FuzzOptions options = raft_options();
    const FuzzResult quiet = fuzz(11, options);
    options.trace = true;
    const FuzzResult traced = fuzz(11, options);
    EXPECT_TRUE(quiet.trace.empty());
    EXPECT_EQ(quiet.summary(), traced.summary());
    EXPECT_EQ(quiet.events, traced.events);
    EXPECT_EQ(quiet.time_us, traced.time_us);
}

TEST(Fuzz, differentSeeds_drawDifferentWorlds) {
    FuzzOptions options = raft_options();
    std::set<std::string> mixes;
    int quiet_on_crashes = 0;
    int with_loss = 0;
    for (std::uint64_t seed = 1; seed <= 40; ++seed) {
        const FaultMix mix = draw_fault_mix(seed, options);
        mixes.insert(mix.to_string());
        quiet_on_crashes += mix.crash_ppm == 0 ? 1 : 0;
        with_loss += mix.loss_ppm > 0 ? 1 : 0;
        EXPECT_LE(mix.loss_ppm, 200'000u);
        EXPECT_LE(mix.duplicate_ppm, 100'000u);
        EXPECT_GE(mix.max_waiting_clients, 1u);
    }
    EXPECT_EQ(mixes.size(), 40u);
    // Swarm testing: each fault is on in some worlds and off in others.
    EXPECT_GT(quiet_on_crashes, 5);
    EXPECT_LT(quiet_on_crashes, 35);
    EXPECT_GT(with_loss, 5);
    EXPECT_LT(with_loss, 35);
    // The run uses the mix it reports, the one draw_fault_mix gives.
    for (std::uint64_t seed = 1; seed <= 3; ++seed) {
        EXPECT_EQ(fuzz(seed, options).mix, draw_fault_mix(seed, options)) << "seed " << seed;
    }
}

// One node, crashes only: the run often has every node down, with nothing
// pending; the fuzzer must move time on and bring a node back, not stall.
TEST(Fuzz, singleNodeWithCrashes_neverStalls) {
    FuzzOptions options = raft_options();
    options.nodes = 1;
    std::string error;
    options.faults = *FaultSet::parse("crash", error);
    int crashing_worlds = 0;
    for (std::uint64_t seed = 1; seed <= 20; ++seed) {
        const FuzzResult result = fuzz(seed, options);
        EXPECT_TRUE(result.ok) << result.summary();
        EXPECT_GE(result.events, options.steps) << result.summary();
        crashing_worlds += result.mix.crash_ppm > 0 ? 1 : 0;
    }
    EXPECT_GT(crashing_worlds, 0);
}

TEST(Fuzz, disabledFaults_areNeverDrawn) {
    FuzzOptions options = raft_options();
    std::string error;
    options.faults = *FaultSet::parse("loss,reorder", error);
    for (std::uint64_t seed = 1; seed <= 40; ++seed) {
        const FaultMix mix = draw_fault_mix(seed, options);
        EXPECT_EQ(mix.crash_ppm, 0u);
        EXPECT_EQ(mix.restart_ppm, 0u);
        EXPECT_EQ(mix.partition_ppm, 0u);
        EXPECT_EQ(mix.duplicate_ppm, 0u);
    }
    options.faults = FaultSet{0};
    for (std::uint64_t seed = 1; seed <= 5; ++seed) {
        const FuzzResult result = fuzz(seed, options);
        EXPECT_TRUE(result.ok) << result.summary();
        EXPECT_EQ(result.mix.loss_ppm, 0u);
        EXPECT_FALSE(result.mix.reorder);
    }
}

// Returns the first failing result over `seeds`, if any.
std::optional<FuzzResult> first_failure(const FuzzOptions& options, std::uint64_t seeds) {
    for (std::uint64_t seed = 1; seed <= seeds; ++seed) {
        FuzzResult result = fuzz(seed, options);
        if (!result.ok) {
            return result;
        }
    }
    return std::nullopt;
}

TEST(Fuzz, votingTwiceInATerm_isCaughtAsElectionSafety) {
    FuzzOptions options = raft_options();
    config_of<raft::Protocol>(options.protocol).faults.vote_twice_in_a_term = true;
    config_of<raft::Protocol>(options.protocol).pre_vote = false;
    config_of<raft::Protocol>(options.protocol).check_quorum = false;
    const auto failure = first_failure(options, 100);
    ASSERT_TRUE(failure.has_value());
    EXPECT_EQ(failure->phase, "safety") << failure->summary();
    EXPECT_EQ(failure->rule, "election safety") << failure->summary();
}

TEST(Fuzz, leaderAnsweringBeforeCommit_isCaught) {
    FuzzOptions options = raft_options();
    config_of<raft::Protocol>(options.protocol).faults.leader_answers_before_commit = true;
    const auto failure = first_failure(options, 100);
    ASSERT_TRUE(failure.has_value());
    EXPECT_EQ(failure->phase, "safety") << failure->summary();
    EXPECT_EQ(failure->rule, "acknowledged writes") << failure->summary();
}

// An inconclusive history check fails the seed: with a budget of one
// configuration per object no history of a few operations can be decided.
TEST(Fuzz, inconclusiveHistoryCheck_failsTheSeed) {
    FuzzOptions options = raft_options();
    options.linearizability_budget = 1;
    const FuzzResult result = fuzz(1, options);
    EXPECT_FALSE(result.ok) << result.summary();
    EXPECT_EQ(result.phase, "history") << result.summary();
    EXPECT_EQ(result.rule, "linearizability") << result.summary();
    EXPECT_EQ(result.linearizability, Verdict::Inconclusive) << result.summary();
    EXPECT_NE(result.failure.find("inconclusive"), std::string::npos) << result.summary();
}

TEST(Fuzz, noLeaderWithinTheBound_isALivenessFailure) {
    FuzzOptions options = raft_options();
    options.steps = 200;
    // Elections take 5 to 10 s; the liveness phase allows 2 s.
    config_of<raft::Protocol>(options.protocol).election_timeout_min_us = 5 * kSecond;
    config_of<raft::Protocol>(options.protocol).election_timeout_max_us = 10 * kSecond;
    options.liveness_bound_us = 2 * kSecond;
    const FuzzResult result = fuzz(3, options);
    ASSERT_FALSE(result.ok);
    EXPECT_EQ(result.phase, "liveness");
    EXPECT_NE(result.failure.find("no leader"), std::string::npos) << result.failure;
    EXPECT_NE(result.failure.find("2.000000s"), std::string::npos) << result.failure;
}

TEST(Fuzz, livenessBound_defaultsToTwentyElectionTimeouts) {
    FuzzOptions options = raft_options();
    EXPECT_EQ(liveness_bound(options), 20 * 300 * kMs);
    config_of<raft::Protocol>(options.protocol).election_timeout_max_us = 1 * kSecond;
    EXPECT_EQ(liveness_bound(options), 20 * kSecond);
    options.liveness_bound_us = 3 * kSecond;
    EXPECT_EQ(liveness_bound(options), 3 * kSecond);
}

TEST(Fuzz, faultSetParse_acceptsListsAndNamesTheUnknown) {
    std::string error;
    const auto all = FaultSet::parse("crash,partition,loss,dup,reorder", error);
    ASSERT_TRUE(all.has_value()) << error;
    EXPECT_EQ(*all, FaultSet{});
    EXPECT_EQ(all->to_string(), "crash,partition,loss,dup,reorder");

    const auto some = FaultSet::parse("reorder, crash", error);
    ASSERT_TRUE(some.has_value()) << error;
    EXPECT_TRUE(some->has(Fault::Crash));
    EXPECT_TRUE(some->has(Fault::Reorder));
    EXPECT_FALSE(some->has(Fault::Loss));
    EXPECT_EQ(some->to_string(), "crash,reorder");

    EXPECT_EQ(FaultSet::parse("none", error)->to_string(), "none");
    EXPECT_EQ(*FaultSet::parse("all", error), FaultSet{});

    EXPECT_FALSE(FaultSet::parse("crash,lightning", error).has_value());
    EXPECT_NE(error.find("unknown fault 'lightning'"), std::string::npos) << error;
    EXPECT_FALSE(FaultSet::parse("crash,,loss", error).has_value());
    EXPECT_NE(error.find("empty fault name"), std::string::npos) << error;
}

}  // namespace
}  // namespace quorum::sim
