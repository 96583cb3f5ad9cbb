// The swarm fuzzer over single-decree Paxos and Multi-Paxos: the correct
// protocols survive many worlds (faults and role layouts drawn per seed); a
// seed replays exactly; a protocol broken on purpose is caught in the safety
// phase, a cluster that cannot make progress in the liveness phase.
#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <set>
#include <vector>

#include "quorum/protocols.hpp"
#include "quorum/sim/fuzz.hpp"

namespace quorum::sim {
namespace {

constexpr TimeUs kMs = kMicrosecondsPerMillisecond;
constexpr TimeUs kSecond = kMicrosecondsPerSecond;

// The role lists and window seed `seed` runs with.
multipaxos::Config multipaxos_layout(std::uint64_t seed, const FuzzOptions& options) {
    std::string roles;
    return config_of<multipaxos::Protocol>(draw_layout(seed, options, roles));
}

FuzzOptions options_for(Algorithm algorithm) {
    FuzzOptions options;
    options.protocol = default_protocol_config(algorithm);
    return options;
}

std::optional<FuzzResult> first_failure(const FuzzOptions& options, std::uint64_t seeds) {
    for (std::uint64_t seed = 1; seed <= seeds; ++seed) {
        FuzzResult result = fuzz(seed, options);
        if (!result.ok) {
            return result;
        }
    }
    return std::nullopt;
}

TEST(FuzzPaxos, correctPaxos_thirtySeedsWithEveryFault_allOk) {
    const FuzzOptions options = options_for(Algorithm::Paxos);
    for (std::uint64_t seed = 1; seed <= 30; ++seed) {
        const FuzzResult result = fuzz(seed, options);
        EXPECT_TRUE(result.ok) << result.summary();
        EXPECT_NE(result.linearizability, Verdict::NotLinearizable) << result.summary();
        EXPECT_GT(result.operations, 1u) << result.summary();
        EXPECT_EQ(result.roles.rfind("proposers ", 0), 0u) << result.roles;
    }
}

TEST(FuzzMultiPaxos, correctMultiPaxos_thirtySeedsWithEveryFault_allOk) {
    const FuzzOptions options = options_for(Algorithm::MultiPaxos);
    for (std::uint64_t seed = 1; seed <= 30; ++seed) {
        const FuzzResult result = fuzz(seed, options);
        EXPECT_TRUE(result.ok) << result.summary();
        EXPECT_NE(result.linearizability, Verdict::NotLinearizable) << result.summary();
        EXPECT_GT(result.operations, 1u) << result.summary();
        EXPECT_EQ(result.roles.rfind("replicas ", 0), 0u) << result.roles;
    }
}

TEST(FuzzMultiPaxos, sameSeed_sameResultAndTrace) {
    for (Algorithm algorithm : {Algorithm::Paxos, Algorithm::MultiPaxos}) {
        FuzzOptions options = options_for(algorithm);
        options.trace = true;
        const FuzzResult first = fuzz(7, options);
        const FuzzResult second = fuzz(7, options);
        ASSERT_GT(first.trace.size(), 100u);
        EXPECT_EQ(first.trace, second.trace);
        EXPECT_EQ(first.summary(), second.summary());
        EXPECT_NE(first.trace[1].find("\"roles\":"), std::string::npos) << first.trace[1];
        options.trace = false;
        EXPECT_EQ(fuzz(7, options).summary(), first.summary());
    }
}

TEST(FuzzMultiPaxos, layouts_areDrawnPerSeedUnlessGiven) {
    FuzzOptions options = options_for(Algorithm::MultiPaxos);
    std::set<std::vector<NodeId>> acceptor_sets;
    for (std::uint64_t seed = 1; seed <= 20; ++seed) {
        const multipaxos::Config config = multipaxos_layout(seed, options);
        EXPECT_FALSE(config.replicas.empty());
        EXPECT_FALSE(config.leaders.empty());
        EXPECT_GE(config.window, 1u);
        EXPECT_LE(config.window, 8u);
        acceptor_sets.insert(config.acceptors);
    }
    EXPECT_GT(acceptor_sets.size(), 3u);
    config_of<multipaxos::Protocol>(options.protocol).replicas = {1, 2, 3};
    config_of<multipaxos::Protocol>(options.protocol).leaders = {1, 2};
    config_of<multipaxos::Protocol>(options.protocol).acceptors = {3, 4, 5};
    const multipaxos::Config fixed = multipaxos_layout(4, options);
    EXPECT_EQ(fixed.acceptors, (std::vector<NodeId>{3, 4, 5}));
    EXPECT_EQ(fixed.window, 5u);  // the template's
}

// PMMC: an acceptor's ballot and pvalues are durable. One that forgets them
// in a crash breaks ballot monotonicity, and soon agreement.
TEST(FuzzMultiPaxos, amnesiacAcceptors_areCaught) {
    FuzzOptions options = options_for(Algorithm::MultiPaxos);
    config_of<multipaxos::Protocol>(options.protocol).faults.acceptor_forgets_on_restart = true;
    const auto failure = first_failure(options, 50);
    ASSERT_TRUE(failure.has_value());
    EXPECT_EQ(failure->phase, "safety") << failure->summary();
    EXPECT_EQ(failure->rule, "acceptor ballot monotonic") << failure->summary();
}

TEST(FuzzMultiPaxos, leaderIgnoringAdoptedPValues_isCaught) {
    FuzzOptions options = options_for(Algorithm::MultiPaxos);
    config_of<multipaxos::Protocol>(options.protocol).faults.leader_ignores_adopted_pvalues = true;
    const auto failure = first_failure(options, 100);
    ASSERT_TRUE(failure.has_value());
    EXPECT_EQ(failure->phase, "safety") << failure->summary();
    EXPECT_EQ(failure->rule, "adopted pvalues safe") << failure->summary();
}

TEST(FuzzPaxos, acceptorsSkippingPersistence_areCaught) {
    FuzzOptions options = options_for(Algorithm::Paxos);
    config_of<paxos::Protocol>(options.protocol).faults.acceptor_skips_persistence = true;
    const auto failure = first_failure(options, 50);
    ASSERT_TRUE(failure.has_value());
    EXPECT_EQ(failure->phase, "safety") << failure->summary();
    EXPECT_EQ(failure->rule, "promise kept") << failure->summary();
}

TEST(FuzzPaxos, proposerInventingAValue_isCaughtAsOnlyAProposedValue) {
    FuzzOptions options = options_for(Algorithm::Paxos);
    config_of<paxos::Protocol>(options.protocol).faults.proposer_invents_value = true;
    const auto failure = first_failure(options, 50);
    ASSERT_TRUE(failure.has_value());
    EXPECT_EQ(failure->phase, "safety") << failure->summary();
    EXPECT_EQ(failure->rule, "only a proposed value") << failure->summary();
}

TEST(FuzzMultiPaxos, leaderAlteringCommands_isCaughtAsValidity) {
    FuzzOptions options = options_for(Algorithm::MultiPaxos);
    config_of<multipaxos::Protocol>(options.protocol).faults.leader_alters_commands = true;
    const auto failure = first_failure(options, 50);
    ASSERT_TRUE(failure.has_value());
    EXPECT_EQ(failure->phase, "safety") << failure->summary();
    EXPECT_EQ(failure->rule, "validity") << failure->summary();
}

TEST(FuzzMultiPaxos, noLeaderWithinTheBound_isALivenessFailure) {
    FuzzOptions options = options_for(Algorithm::MultiPaxos);
    options.steps = 200;
    // Failover takes 6 to 12 s; the liveness phase allows 2 s.
    config_of<multipaxos::Protocol>(options.protocol).heartbeat_interval_us = 1 * kSecond;
    config_of<multipaxos::Protocol>(options.protocol).leader_timeout_us = 8 * kSecond;
    options.liveness_bound_us = 2 * kSecond;
    const FuzzResult result = fuzz(3, options);
    ASSERT_FALSE(result.ok);
    EXPECT_EQ(result.phase, "liveness");
    EXPECT_NE(result.failure.find("no leader became active"), std::string::npos) << result.failure;
}

TEST(FuzzMultiPaxos, livenessBounds_defaultToTwentyRetries) {
    FuzzOptions options = options_for(Algorithm::MultiPaxos);
    EXPECT_EQ(liveness_bound(options), 20 * 300 * kMs);
    options.protocol = default_protocol_config(Algorithm::Paxos);
    EXPECT_EQ(liveness_bound(options), 20 * 200 * kMs);
    options.liveness_bound_us = 3 * kSecond;
    EXPECT_EQ(liveness_bound(options), 3 * kSecond);
}

}  // namespace
}  // namespace quorum::sim
