// The scenario parser, the `cluster` line: every algorithm's defaults (the
// table in ast.hpp), every option's value syntax, and the examples of
// SCENARIOS.md. Errors are in parser_errors_test.cpp.
#include <gtest/gtest.h>

#include <vector>

#include "quorum/scenario/parser.hpp"
#include "scenario_test_helpers.hpp"

namespace quorum::scenario {
namespace {

using testing::parse_valid;

constexpr TimeUs kMs = kMicrosecondsPerMillisecond;

TEST(ScenarioCluster, raftDefaults) {
    const ClusterConfig config = parse_valid("cluster raft").cluster;
    EXPECT_EQ(config.algorithm, Algorithm::Raft);
    EXPECT_EQ(config.pos, (SourcePos{1, 1}));
    EXPECT_EQ(config.nodes, 5u);
    EXPECT_EQ(config.seed, 1u);
    EXPECT_EQ(config.network.latency, (DurationRange{1 * kMs, 10 * kMs}));
    EXPECT_EQ(config.network.loss_ppm, 0u);
    EXPECT_EQ(config.network.dup_ppm, 0u);
    EXPECT_FALSE(config.network.reorder);
    EXPECT_EQ(config.raft.election, (DurationRange{150 * kMs, 300 * kMs}));
    EXPECT_EQ(config.raft.heartbeat_us, 50 * kMs);
    EXPECT_TRUE(config.raft.prevote);
    EXPECT_TRUE(config.raft.checkquorum);
    EXPECT_EQ(config.raft.batch, 64u);
    EXPECT_EQ(config.raft.inflight, 1u);
}

TEST(ScenarioCluster, paxosDefaults) {
    const ClusterConfig config = parse_valid("cluster paxos").cluster;
    EXPECT_EQ(config.algorithm, Algorithm::Paxos);
    EXPECT_EQ(config.nodes, 3u);
    const std::vector<NodeId> everyone{1, 2, 3};
    EXPECT_EQ(config.paxos.proposers, everyone);
    EXPECT_EQ(config.paxos.acceptors, everyone);
    EXPECT_EQ(config.paxos.learners, everyone);
    EXPECT_TRUE(config.paxos.backoff);
    EXPECT_EQ(config.paxos.retry_us, 100 * kMs);
}

TEST(ScenarioCluster, multiPaxosDefaults) {
    const ClusterConfig config = parse_valid("cluster multipaxos").cluster;
    EXPECT_EQ(config.algorithm, Algorithm::MultiPaxos);
    EXPECT_EQ(config.nodes, 5u);
    const std::vector<NodeId> everyone{1, 2, 3, 4, 5};
    EXPECT_EQ(config.multipaxos.replicas, everyone);
    EXPECT_EQ(config.multipaxos.leaders, everyone);
    EXPECT_EQ(config.multipaxos.acceptors, everyone);
    EXPECT_EQ(config.multipaxos.window, 5u);
    EXPECT_TRUE(config.multipaxos.backoff);
    EXPECT_EQ(config.multipaxos.timeout_us, 200 * kMs);
}

TEST(ScenarioCluster, scenariosMdRaftExample) {
    const ClusterConfig config =
        parse_valid(
            "cluster raft nodes=5 seed=42 election=150-300ms heartbeat=50ms latency=1-10ms loss=0 "
            "dup=0 prevote=on checkquorum=on")
            .cluster;
    EXPECT_EQ(config.nodes, 5u);
    EXPECT_EQ(config.seed, 42u);
    EXPECT_EQ(config.raft.election, (DurationRange{150 * kMs, 300 * kMs}));
    EXPECT_EQ(config.raft.heartbeat_us, 50 * kMs);
}

TEST(ScenarioCluster, scenariosMdPaxosExample) {
    const ClusterConfig config =
        parse_valid("cluster paxos nodes=3 proposers=1,2 acceptors=1,2,3 learners=all").cluster;
    EXPECT_EQ(config.paxos.proposers, (std::vector<NodeId>{1, 2}));
    EXPECT_EQ(config.paxos.acceptors, (std::vector<NodeId>{1, 2, 3}));
    EXPECT_EQ(config.paxos.learners, (std::vector<NodeId>{1, 2, 3}));
}

TEST(ScenarioCluster, scenariosMdMultiPaxosExample) {
    const ClusterConfig config =
        parse_valid("cluster multipaxos nodes=5 replicas=1,2,3 leaders=1,2 acceptors=3,4,5")
            .cluster;
    EXPECT_EQ(config.multipaxos.replicas, (std::vector<NodeId>{1, 2, 3}));
    EXPECT_EQ(config.multipaxos.leaders, (std::vector<NodeId>{1, 2}));
    EXPECT_EQ(config.multipaxos.acceptors, (std::vector<NodeId>{3, 4, 5}));
}

TEST(ScenarioCluster, everyOptionTakesItsValue) {
    const ClusterConfig raft =
        parse_valid(
            "cluster raft nodes=9 seed=18446744073709551615 latency=500us-2ms loss=0.000001 "
            "dup=1 reorder=on election=1-1.5s heartbeat=100ms prevote=off checkquorum=off "
            "batch=1 inflight=0")
            .cluster;
    EXPECT_EQ(raft.nodes, 9u);
    EXPECT_EQ(raft.seed, 18446744073709551615ULL);
    EXPECT_EQ(raft.network.latency, (DurationRange{500, 2 * kMs}));
    EXPECT_EQ(raft.network.loss_ppm, 1u);
    EXPECT_EQ(raft.network.dup_ppm, kCertain);
    EXPECT_TRUE(raft.network.reorder);
    EXPECT_EQ(raft.raft.election, (DurationRange{1'000 * kMs, 1'500 * kMs}));
    EXPECT_EQ(raft.raft.heartbeat_us, 100 * kMs);
    EXPECT_FALSE(raft.raft.prevote);
    EXPECT_FALSE(raft.raft.checkquorum);
    EXPECT_EQ(raft.raft.batch, 1u);
    EXPECT_EQ(raft.raft.inflight, 0u);

    const ClusterConfig paxos = parse_valid("cluster paxos backoff=off retry=1.5ms").cluster;
    EXPECT_FALSE(paxos.paxos.backoff);
    EXPECT_EQ(paxos.paxos.retry_us, 1'500);

    const ClusterConfig multi =
        parse_valid("cluster multipaxos window=1000 backoff=off timeout=1s").cluster;
    EXPECT_EQ(multi.multipaxos.window, 1000u);
    EXPECT_FALSE(multi.multipaxos.backoff);
    EXPECT_EQ(multi.multipaxos.timeout_us, 1'000 * kMs);
}

TEST(ScenarioCluster, probabilitiesAreExactPartsPerMillion) {
    struct Row {
        const char* text;
        PartsPerMillion expected;
    };
    const Row rows[] = {{"0", 0},
                        {"1", kCertain},
                        {"0.1", 100'000},
                        {"0.25", 250'000},
                        {"1.000", kCertain},
                        {"0.000001", 1},
                        {"0.5000000", 500'000},
                        {"0.123456", 123'456}};
    for (const Row& row : rows) {
        const ClusterConfig config =
            parse_valid(std::string("cluster raft loss=") + row.text).cluster;
        EXPECT_EQ(config.network.loss_ppm, row.expected) << row.text;
    }
}

TEST(ScenarioCluster, roleListsAreSortedAndCheckedAgainstTheNodeCountWhereverItIs) {
    const ClusterConfig config = parse_valid("cluster paxos acceptors=4,1,3 nodes=4").cluster;
    EXPECT_EQ(config.nodes, 4u);
    EXPECT_EQ(config.paxos.acceptors, (std::vector<NodeId>{1, 3, 4}));
    EXPECT_EQ(config.paxos.proposers, (std::vector<NodeId>{1, 2, 3, 4}));
    EXPECT_EQ(config.paxos.learners, (std::vector<NodeId>{1, 2, 3, 4}));
}

TEST(ScenarioCluster, rangeLowEndMayCarryItsOwnUnit) {
    EXPECT_EQ(parse_valid("cluster raft latency=1ms-1s").cluster.network.latency,
              (DurationRange{1 * kMs, 1'000 * kMs}));
    EXPECT_EQ(parse_valid("cluster raft latency=0.5-2ms").cluster.network.latency,
              (DurationRange{500, 2 * kMs}));
    EXPECT_EQ(parse_valid("cluster raft latency=0-0ms").cluster.network.latency,
              (DurationRange{0, 0}));
}

}  // namespace
}  // namespace quorum::scenario
