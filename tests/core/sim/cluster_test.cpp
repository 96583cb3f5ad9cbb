// The simulator with Raft: elections, crashes, partitions, clients, and the
// determinism every other tool relies on.
#include "quorum/sim/cluster.hpp"

#include "../cluster_support.hpp"

#include <gtest/gtest.h>

namespace quorum::sim {
namespace {

constexpr TimeUs kMs = kMicrosecondsPerMillisecond;
constexpr TimeUs kSecond = kMicrosecondsPerSecond;

ClusterConfig make_config(std::size_t nodes, std::uint64_t seed) {
    ClusterConfig config = ClusterConfig::of<raft::Protocol>();
    config.nodes = nodes;
    config.seed = seed;
    return config;
}

Command put(std::string key, std::string value) {
    Command command;
    command.kind = OperationKind::Put;
    command.key = std::move(key);
    command.value = std::move(value);
    return command;
}

Command get(std::string key) {
    Command command;
    command.kind = OperationKind::Get;
    command.key = std::move(key);
    return command;
}

// Runs until `predicate` holds or `within` passes; true if it held.
template <typename Predicate>
bool run_until(Cluster& cluster, Predicate predicate, TimeUs within) {
    const TimeUs end = cluster.now() + within;
    while (!predicate(cluster) && cluster.now() < end && !cluster.violation()) {
        cluster.run_for(kMs);
    }
    return predicate(cluster);
}

bool has_leader(const Cluster& cluster) {
    return cluster.leader().has_value();
}

TEST(Cluster, electsExactlyOneLeader) {
    for (std::uint64_t seed = 1; seed <= 20; ++seed) {
        Cluster cluster(make_config(5, seed));
        ASSERT_TRUE(run_until(cluster, has_leader, 2 * kSecond)) << "seed " << seed;
        cluster.run_for(2 * kSecond);
        EXPECT_TRUE(cluster.leader().has_value()) << "seed " << seed;
        EXPECT_FALSE(cluster.violation()) << cluster.violation()->to_string();
    }
}

TEST(Cluster, sameSeedSameTraceDifferentSeedDifferentTrace) {
    auto trace_of = [](std::uint64_t seed) {
        Cluster cluster(make_config(5, seed));
        cluster.run_for(500 * kMs);
        cluster.start_client(put("x", "1"));
        cluster.run_for(1 * kSecond);
        return cluster.take_trace();
    };
    const auto first = trace_of(7);
    EXPECT_GT(first.size(), 50u);
    EXPECT_EQ(first, trace_of(7));
    EXPECT_NE(first, trace_of(8));
}

TEST(Cluster, aCopyContinuesExactlyAsTheOriginal) {
    Cluster original(make_config(5, 3));
    original.run_for(400 * kMs);
    original.take_trace();
    Cluster copy = original;
    original.run_for(1 * kSecond);
    copy.run_for(1 * kSecond);
    EXPECT_EQ(original.take_trace(), copy.take_trace());
}

TEST(Cluster, crashedLeaderIsReplacedAndRejoinsAsFollower) {
    Cluster cluster(make_config(5, 11));
    ASSERT_TRUE(run_until(cluster, has_leader, 2 * kSecond));
    const NodeId old_leader = *cluster.leader();
    const auto old_term = cluster.highest_term();
    cluster.crash(old_leader);
    ASSERT_TRUE(run_until(cluster, has_leader, 2 * kSecond));
    EXPECT_NE(*cluster.leader(), old_leader);
    EXPECT_GT(cluster.highest_term(), old_term);
    cluster.restart(old_leader);
    cluster.run_for(1 * kSecond);
    EXPECT_EQ(cluster.nodes<raft::Protocol>().node(old_leader).role(), raft::Role::Follower);
    EXPECT_FALSE(cluster.violation());
}

TEST(Cluster, clientWriteThenReadSeesIt) {
    Cluster cluster(make_config(3, 5));
    ASSERT_TRUE(run_until(cluster, has_leader, 2 * kSecond));
    cluster.start_client(put("x", "1"));
    ASSERT_TRUE(run_until(
        cluster, [](const Cluster& c) { return c.history()[0].return_us.has_value(); },
        2 * kSecond));
    cluster.start_client(get("x"));
    ASSERT_TRUE(run_until(
        cluster, [](const Cluster& c) { return c.history()[1].return_us.has_value(); },
        2 * kSecond));
    EXPECT_EQ(cluster.history()[1].result, "1");
    cluster.run_for(500 * kMs);
    for (NodeId id = 1; id <= 3; ++id) {
        EXPECT_EQ(cluster.nodes<raft::Protocol>().node(id).state_machine().value("x"), "1")
            << "node " << id;
    }
}

TEST(Cluster, minorityPartitionCannotCommitMajorityCan) {
    Cluster cluster(make_config(5, 21));
    ASSERT_TRUE(run_until(cluster, has_leader, 2 * kSecond));
    const NodeId leader = *cluster.leader();
    std::vector<NodeId> minority{leader, leader % 5 + 1};
    std::vector<NodeId> majority;
    for (NodeId id = 1; id <= 5; ++id) {
        if (id != minority[0] && id != minority[1]) {
            majority.push_back(id);
        }
    }
    cluster.partition({minority, majority});
    const auto commit_before = cluster.nodes<raft::Protocol>().node(leader).commit_index();
    cluster.start_client(put("y", "2"), leader);
    cluster.run_for(3 * kSecond);
    EXPECT_EQ(cluster.nodes<raft::Protocol>().node(minority[1]).commit_index(), commit_before);
    // The client gave up on the old leader and found the majority's.
    EXPECT_TRUE(cluster.history()[0].return_us.has_value());
    EXPECT_EQ(cluster.nodes<raft::Protocol>().node(majority[0]).state_machine().value("y"), "2");
    EXPECT_FALSE(cluster.violation());
}

TEST(Cluster, manualModeDeliversOnlyWhatTheUserChooses) {
    Cluster cluster(make_config(3, 2));
    cluster.set_hold(true);
    cluster.run_for(5 * kSecond);
    EXPECT_TRUE(cluster.in_flight().empty());
    EXPECT_EQ(cluster.highest_term(), 0u);
    ASSERT_TRUE(cluster.fire_timer(1));
    EXPECT_EQ(cluster.nodes<raft::Protocol>().node(1).role(), raft::Role::PreCandidate);
    ASSERT_EQ(cluster.in_flight().size(), 2u);
    const auto to_node_2 = cluster.in_flight()[0].id;
    ASSERT_TRUE(cluster.deliver(to_node_2));
    ASSERT_EQ(cluster.in_flight().size(), 2u);  // node 3's request + node 2's answer
    ASSERT_TRUE(cluster.deliver(cluster.in_flight()[1].id));
    EXPECT_EQ(cluster.nodes<raft::Protocol>().node(1).role(), raft::Role::Candidate);
    EXPECT_EQ(cluster.nodes<raft::Protocol>().node(1).current_term(), 1u);
}

}  // namespace
}  // namespace quorum::sim

namespace quorum::sim {
namespace {

// A continued run (a page reload) must not hand out a client id the state
// machines have seen: they would answer the new client's request as a retry.
TEST(Cluster, skippedClientIdsAreNeverHandedOut) {
    Cluster cluster(make_config(3, 1));
    cluster.skip_client_ids(5);
    EXPECT_EQ(cluster.start_client(put("x", "1")), 6U);
    EXPECT_EQ(cluster.history().size(), 1U);
    EXPECT_EQ(cluster.history()[0].client, 6U);
    ASSERT_TRUE(run_until(
        cluster, [](const Cluster& c) { return c.history()[0].return_us.has_value(); },
        2 * kSecond));
    EXPECT_TRUE(cluster.history()[0].ok);
}

}  // namespace
}  // namespace quorum::sim
