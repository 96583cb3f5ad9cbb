// The scenario parser, the `cluster` line: every protocol's defaults, every
// option's value syntax, and the examples of docs/scenarios.md. Errors are in
// parser_errors_test.cpp; options_test.cpp walks the option tables.
#include <gtest/gtest.h>

#include <vector>

#include "quorum/protocols.hpp"
#include "quorum/scenario/parser.hpp"
#include "scenario_test_helpers.hpp"

namespace quorum::scenario {
namespace {

using testing::parse_valid;

constexpr TimeUs kMs = kMicrosecondsPerMillisecond;

const raft::Config& raft_of(const ClusterLine& line) {
    return config_of<raft::Protocol>(line.config.protocol);
}
const paxos::Config& paxos_of(const ClusterLine& line) {
    return config_of<paxos::Protocol>(line.config.protocol);
}
const multipaxos::Config& multipaxos_of(const ClusterLine& line) {
    return config_of<multipaxos::Protocol>(line.config.protocol);
}
DurationRange latency_of(const ClusterLine& line) {
    return {line.config.network.latency_min_us, line.config.network.latency_max_us};
}

TEST(ScenarioCluster, raftDefaults) {
    const ClusterLine line = parse_valid("cluster raft").cluster;
    EXPECT_EQ(line.protocol(), "raft");
    EXPECT_EQ(line.pos, (SourcePos{1, 1}));
    EXPECT_EQ(line.config.nodes, 5u);
    EXPECT_EQ(line.config.seed, 1u);
    EXPECT_EQ(latency_of(line), (DurationRange{1 * kMs, 10 * kMs}));
    EXPECT_EQ(line.config.network.loss_ppm, 0u);
    EXPECT_EQ(line.config.network.duplicate_ppm, 0u);
    EXPECT_FALSE(line.config.network.reorder);
    EXPECT_EQ(raft_of(line).election_timeout_min_us, 150 * kMs);
    EXPECT_EQ(raft_of(line).election_timeout_max_us, 300 * kMs);
    EXPECT_EQ(raft_of(line).heartbeat_interval_us, 50 * kMs);
    EXPECT_TRUE(raft_of(line).pre_vote);
    EXPECT_TRUE(raft_of(line).check_quorum);
    EXPECT_EQ(raft_of(line).max_entries_per_message, 64u);
    EXPECT_EQ(raft_of(line).max_appends_in_flight, 1u);
}

// A role list left out is every node: the nodes' config says so.
TEST(ScenarioCluster, paxosDefaults) {
    const ClusterLine line = parse_valid("cluster paxos").cluster;
    EXPECT_EQ(line.protocol(), "paxos");
    EXPECT_EQ(line.config.nodes, 3u);
    const paxos::Config nodes = paxos::Protocol::node_config(paxos_of(line), line.config.nodes);
    const std::vector<NodeId> everyone{1, 2, 3};
    EXPECT_EQ(nodes.proposers, everyone);
    EXPECT_EQ(nodes.acceptors, everyone);
    EXPECT_EQ(nodes.learners, everyone);
    EXPECT_TRUE(paxos_of(line).backoff);
    EXPECT_EQ(paxos_of(line).retry_timeout_us, 100 * kMs);
}

TEST(ScenarioCluster, multiPaxosDefaults) {
    const ClusterLine line = parse_valid("cluster multipaxos").cluster;
    EXPECT_EQ(line.protocol(), "multipaxos");
    EXPECT_EQ(line.config.nodes, 5u);
    const multipaxos::Config nodes =
        multipaxos::Protocol::node_config(multipaxos_of(line), line.config.nodes);
    const std::vector<NodeId> everyone{1, 2, 3, 4, 5};
    EXPECT_EQ(nodes.replicas, everyone);
    EXPECT_EQ(nodes.leaders, everyone);
    EXPECT_EQ(nodes.acceptors, everyone);
    EXPECT_EQ(multipaxos_of(line).window, 5u);
    EXPECT_TRUE(multipaxos_of(line).backoff);
    EXPECT_EQ(multipaxos_of(line).leader_timeout_us, 200 * kMs);
}

TEST(ScenarioCluster, scenariosMdRaftExample) {
    const ClusterLine config =
        parse_valid(
            "cluster raft nodes=5 seed=42 election=150-300ms heartbeat=50ms latency=1-10ms loss=0 "
            "dup=0 prevote=on checkquorum=on")
            .cluster;
    EXPECT_EQ(config.config.nodes, 5u);
    EXPECT_EQ(config.config.seed, 42u);
    EXPECT_EQ(raft_of(config).election_timeout_min_us, 150 * kMs);
    EXPECT_EQ(raft_of(config).election_timeout_max_us, 300 * kMs);
    EXPECT_EQ(raft_of(config).heartbeat_interval_us, 50 * kMs);
}

TEST(ScenarioCluster, scenariosMdPaxosExample) {
    const ClusterLine config =
        parse_valid("cluster paxos nodes=3 proposers=1,2 acceptors=1,2,3 learners=all").cluster;
    EXPECT_EQ(paxos_of(config).proposers, (std::vector<NodeId>{1, 2}));
    EXPECT_EQ(paxos_of(config).acceptors, (std::vector<NodeId>{1, 2, 3}));
    EXPECT_EQ(paxos_of(config).learners, (std::vector<NodeId>{1, 2, 3}));
}

TEST(ScenarioCluster, scenariosMdMultiPaxosExample) {
    const ClusterLine config =
        parse_valid("cluster multipaxos nodes=5 replicas=1,2,3 leaders=1,2 acceptors=3,4,5")
            .cluster;
    EXPECT_EQ(multipaxos_of(config).replicas, (std::vector<NodeId>{1, 2, 3}));
    EXPECT_EQ(multipaxos_of(config).leaders, (std::vector<NodeId>{1, 2}));
    EXPECT_EQ(multipaxos_of(config).acceptors, (std::vector<NodeId>{3, 4, 5}));
}

TEST(ScenarioCluster, everyOptionTakesItsValue) {
    const ClusterLine raft =
        parse_valid(
            "cluster raft nodes=9 seed=18446744073709551615 latency=500us-2ms loss=0.000001 "
            "dup=1 reorder=on election=1-1.5s heartbeat=100ms prevote=off checkquorum=off "
            "batch=1 inflight=0")
            .cluster;
    EXPECT_EQ(raft.config.nodes, 9u);
    EXPECT_EQ(raft.config.seed, 18446744073709551615ULL);
    EXPECT_EQ(latency_of(raft), (DurationRange{500, 2 * kMs}));
    EXPECT_EQ(raft.config.network.loss_ppm, 1u);
    EXPECT_EQ(raft.config.network.duplicate_ppm, kCertain);
    EXPECT_TRUE(raft.config.network.reorder);
    EXPECT_EQ(raft_of(raft).election_timeout_min_us, 1'000 * kMs);
    EXPECT_EQ(raft_of(raft).election_timeout_max_us, 1'500 * kMs);
    EXPECT_EQ(raft_of(raft).heartbeat_interval_us, 100 * kMs);
    EXPECT_FALSE(raft_of(raft).pre_vote);
    EXPECT_FALSE(raft_of(raft).check_quorum);
    EXPECT_EQ(raft_of(raft).max_entries_per_message, 1u);
    EXPECT_EQ(raft_of(raft).max_appends_in_flight, 0u);

    const ClusterLine paxos = parse_valid("cluster paxos backoff=off retry=1.5ms").cluster;
    EXPECT_FALSE(paxos_of(paxos).backoff);
    EXPECT_EQ(paxos_of(paxos).retry_timeout_us, 1'500);

    const ClusterLine multi =
        parse_valid("cluster multipaxos window=1000 backoff=off timeout=1s").cluster;
    EXPECT_EQ(multipaxos_of(multi).window, 1000u);
    EXPECT_FALSE(multipaxos_of(multi).backoff);
    EXPECT_EQ(multipaxos_of(multi).leader_timeout_us, 1'000 * kMs);
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
        const ClusterLine config =
            parse_valid(std::string("cluster raft loss=") + row.text).cluster;
        EXPECT_EQ(config.config.network.loss_ppm, row.expected) << row.text;
    }
}

TEST(ScenarioCluster, roleListsAreSortedAndCheckedAgainstTheNodeCountWhereverItIs) {
    const ClusterLine config = parse_valid("cluster paxos acceptors=4,1,3 nodes=4").cluster;
    EXPECT_EQ(config.config.nodes, 4u);
    EXPECT_EQ(paxos_of(config).acceptors, (std::vector<NodeId>{1, 3, 4}));
    EXPECT_TRUE(paxos_of(config).proposers.empty());  // every node: 1..4
    EXPECT_TRUE(paxos_of(config).learners.empty());
}

TEST(ScenarioCluster, rangeLowEndMayCarryItsOwnUnit) {
    EXPECT_EQ(latency_of(parse_valid("cluster raft latency=1ms-1s").cluster),
              (DurationRange{1 * kMs, 1'000 * kMs}));
    EXPECT_EQ(latency_of(parse_valid("cluster raft latency=0.5-2ms").cluster),
              (DurationRange{500, 2 * kMs}));
    EXPECT_EQ(latency_of(parse_valid("cluster raft latency=0-0ms").cluster), (DurationRange{0, 0}));
}

}  // namespace
}  // namespace quorum::scenario
