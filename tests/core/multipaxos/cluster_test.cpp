// The simulator hosting Multi-Paxos nodes: the host's half of the contract
// (persist, then send), the trace lines, who "the leader" is, and the
// checker wired in.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "quorum/sim/cluster.hpp"

#include "../cluster_support.hpp"

namespace quorum::sim {
namespace {

constexpr TimeUs kSecond = kMicrosecondsPerSecond;

// docs/scenarios.md's line: cluster multipaxos nodes=5 replicas=1,2,3 leaders=1,2 acceptors=3,4,5
ClusterConfig multipaxos_cluster() {
    ClusterConfig config = ClusterConfig::of<multipaxos::Protocol>();
    config.nodes = 5;
    config.config_of<multipaxos::Protocol>().replicas = {1, 2, 3};
    config.config_of<multipaxos::Protocol>().leaders = {1, 2};
    config.config_of<multipaxos::Protocol>().acceptors = {3, 4, 5};
    return config;
}

Command put(const std::string& key, const std::string& value) {
    Command command;
    command.kind = OperationKind::Put;
    command.key = key;
    command.value = value;
    return command;
}

bool has_line(const std::vector<std::string>& trace, const std::string& part) {
    return std::any_of(trace.begin(), trace.end(), [&](const std::string& line) {
        return line.find(part) != std::string::npos;
    });
}

void run_until_leader(Cluster& cluster) {
    const TimeUs end = cluster.now() + 3 * kSecond;
    while (!cluster.leader() && cluster.now() < end && cluster.step()) {
    }
}

TEST(MultiPaxosCluster, commandsAreDecidedAppliedAnsweredAndTraced) {
    Cluster cluster(multipaxos_cluster());
    cluster.start_client(put("x", "1"));
    cluster.start_client(put("y", "2"));
    cluster.run_for(2 * kSecond);
    EXPECT_FALSE(cluster.violation() != nullptr);
    for (NodeId id : {1u, 2u, 3u}) {
        const multipaxos::Node& node = cluster.nodes<multipaxos::Protocol>().node(id);
        EXPECT_GE(node.decided_slots(), 2u) << "replica " << id;
        EXPECT_EQ(node.state_machine().value("x"), "1");
        EXPECT_EQ(node.state_machine().value("y"), "2");
        EXPECT_EQ(cluster.nodes<multipaxos::Protocol>().durable_state(id).decisions.size(),
                  node.decided_slots());
    }
    EXPECT_TRUE(cluster.history()[0].return_us.has_value());
    EXPECT_TRUE(cluster.history()[1].return_us.has_value());
    ASSERT_TRUE(cluster.leader().has_value());
    EXPECT_TRUE(*cluster.leader() == 1 || *cluster.leader() == 2);
    EXPECT_GE(cluster.highest_term(), 1u);
    EXPECT_EQ(multipaxos::Protocol::highest_ballot(cluster.nodes<multipaxos::Protocol>().slots()),
              cluster.nodes<multipaxos::Protocol>().node(*cluster.leader()).leader()->ballot_num());

    const auto trace = cluster.take_trace();
    EXPECT_EQ(trace.front(), R"({"t":0,"ev":"cluster","algo":"multipaxos","nodes":5,"seed":1})");
    const std::string ballot = multipaxos::ballot_text(
        multipaxos::Protocol::highest_ballot(cluster.nodes<multipaxos::Protocol>().slots()));
    EXPECT_TRUE(has_line(trace, R"("ev":"role","node":)" + std::to_string(*cluster.leader()) +
                                    R"(,"role":"leader","ballot":")" + ballot + "\"}"));
    EXPECT_TRUE(has_line(trace, R"("ev":"apply","node":1,"slot":1,"cmd":")"));
    EXPECT_TRUE(has_line(trace, R"("ev":"apply","node":3,"slot":2,"cmd":")"));
    EXPECT_FALSE(has_line(trace, R"("index":)"));
}

TEST(MultiPaxosCluster, durableStateSurvivesRestartsAndFailoverKeepsDecisions) {
    Cluster cluster(multipaxos_cluster());
    cluster.start_client(put("x", "1"));
    cluster.run_for(2 * kSecond);
    ASSERT_TRUE(cluster.leader().has_value());
    const NodeId old_leader = *cluster.leader();
    cluster.crash(old_leader);
    EXPECT_FALSE(cluster.is_up(old_leader));
    EXPECT_FALSE(cluster.leader().has_value());
    for (NodeId acceptor : {3u, 4u, 5u}) {  // acceptors (and replica 3) forget nothing durable
        cluster.crash(acceptor);
        cluster.restart(acceptor);
        EXPECT_EQ(cluster.nodes<multipaxos::Protocol>().node(acceptor).durable_state(),
                  cluster.nodes<multipaxos::Protocol>().durable_state(acceptor));
    }
    EXPECT_EQ(cluster.nodes<multipaxos::Protocol>().node(3).state_machine().value("x"),
              "1");  // rebuilt
    run_until_leader(cluster);
    ASSERT_TRUE(cluster.leader().has_value());
    EXPECT_NE(*cluster.leader(), old_leader);
    cluster.start_client(put("x", "2"));
    cluster.run_for(3 * kSecond);
    cluster.restart(old_leader);
    cluster.run_for(2 * kSecond);
    EXPECT_FALSE(cluster.violation() != nullptr) << cluster.violation()->to_string();
    for (NodeId id : {1u, 2u, 3u}) {
        EXPECT_EQ(cluster.nodes<multipaxos::Protocol>().node(id).state_machine().value("x"), "2")
            << id;
    }
}

// Acceptors that forget their ballot on restart are caught by the checker.
TEST(MultiPaxosCluster, amnesiacAcceptorsAreCaughtByTheChecker) {
    ClusterConfig config = multipaxos_cluster();
    config.config_of<multipaxos::Protocol>().faults.acceptor_forgets_on_restart = true;
    Cluster cluster(config);
    cluster.start_client(put("x", "1"));
    cluster.run_for(2 * kSecond);
    ASSERT_FALSE(cluster.violation() != nullptr);
    cluster.crash(3);
    cluster.restart(3);
    ASSERT_TRUE(cluster.violation() != nullptr);
    EXPECT_EQ(cluster.violation()->rule, "acceptor ballot monotonic");
}

TEST(MultiPaxosCluster, aClientOfANodeThatIsNoReplicaIsRedirected) {
    Cluster cluster(multipaxos_cluster());
    cluster.start_client(put("x", "1"), 5);  // node 5 is an acceptor only
    cluster.run_for(2 * kSecond);
    EXPECT_TRUE(cluster.history()[0].return_us.has_value());
    EXPECT_EQ(cluster.nodes<multipaxos::Protocol>().node(1).state_machine().value("x"), "1");
}

TEST(MultiPaxosCluster, sameSeedSameTrace) {
    const auto run = [] {
        ClusterConfig config = multipaxos_cluster();
        config.network.loss_ppm = 100000;
        config.network.reorder = true;
        Cluster cluster(config);
        cluster.start_client(put("a", "1"));
        cluster.start_client(put("b", "2"));
        cluster.run_for(kSecond);
        cluster.crash(1);
        cluster.run_for(2 * kSecond);
        return cluster.take_trace();
    };
    EXPECT_EQ(run(), run());
}

}  // namespace
}  // namespace quorum::sim
