// The simulator hosting single-decree Paxos nodes: the host's half of the
// contract (persist, then send), the trace lines, and the checker wired in.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "quorum/sim/cluster.hpp"

#include "../cluster_support.hpp"

namespace quorum::sim {
namespace {

ClusterConfig paxos_cluster(std::size_t nodes) {
    ClusterConfig config = ClusterConfig::of<paxos::Protocol>();
    config.nodes = nodes;
    return config;
}

Command proposal(const std::string& value) {
    Command command;
    command.kind = OperationKind::Propose;
    command.value = value;
    return command;
}

bool has_line(const std::vector<std::string>& trace, const std::string& part) {
    return std::any_of(trace.begin(), trace.end(), [&](const std::string& line) {
        return line.find(part) != std::string::npos;
    });
}

TEST(PaxosCluster, aProposedValueIsChosenAndTraced) {
    Cluster cluster(paxos_cluster(3));
    cluster.start_client(proposal("v1"), 1);
    cluster.run_for(kMicrosecondsPerSecond);
    ASSERT_EQ(testing::chosen(cluster), "v1");
    EXPECT_FALSE(cluster.violation() != nullptr);
    const auto trace = cluster.take_trace();
    EXPECT_EQ(trace.front(), R"({"t":0,"ev":"cluster","algo":"paxos","nodes":3,"seed":1})");
    EXPECT_TRUE(has_line(trace, R"("ev":"chosen","instance":0,"value":"v1"})"));
    EXPECT_TRUE(has_line(trace, R"("ev":"phase","node":1,"phase":"preparing","ballot":"1.1"})"));
    EXPECT_TRUE(has_line(trace, R"("ev":"learn","node":2,"value":"v1"})"));
    EXPECT_TRUE(cluster.history().front().return_us.has_value());
}

TEST(PaxosCluster, acceptorsKeepTheirPromisesAcrossRestarts) {
    Cluster cluster(paxos_cluster(3));
    cluster.start_client(proposal("v1"), 1);
    cluster.run_for(kMicrosecondsPerSecond);
    for (NodeId id = 1; id <= 3; ++id) {
        cluster.crash(id);
        cluster.restart(id);
        EXPECT_EQ(cluster.nodes<paxos::Protocol>().node(id).accepted(),
                  cluster.nodes<paxos::Protocol>().durable_state(id).acceptor.accepted);
        EXPECT_TRUE(cluster.nodes<paxos::Protocol>().node(id).accepted().has_value());
    }
    cluster.start_client(proposal("v2"), 2);
    cluster.run_for(kMicrosecondsPerSecond);
    EXPECT_EQ(testing::chosen(cluster), "v1");
    EXPECT_FALSE(cluster.violation() != nullptr);
    EXPECT_EQ(cluster.history().back().result, "v1");  // the second client is told the truth
}

// The amnesia lesson: acceptors that do not persist forget their promises in
// a crash. The checker says so at the restart that forgot (a run stops at the
// first violation; the paxos checker's own tests go on to the second value).
TEST(PaxosCluster, amnesiaIsCaughtByTheChecker) {
    ClusterConfig config = paxos_cluster(3);
    config.config_of<paxos::Protocol>().faults.acceptor_skips_persistence = true;
    Cluster cluster(config);
    cluster.start_client(proposal("v1"), 1);
    cluster.run_for(kMicrosecondsPerSecond);
    ASSERT_EQ(testing::chosen(cluster), "v1");
    for (NodeId id = 1; id <= 3; ++id) {
        cluster.crash(id);
        cluster.restart(id);
    }
    ASSERT_TRUE(cluster.violation() != nullptr);
    EXPECT_EQ(cluster.violation()->rule, "promise kept") << cluster.violation()->to_string();
    EXPECT_NE(cluster.violation()->details.find("acceptor 1"), std::string::npos);
}

TEST(PaxosCluster, sameSeedSameTrace) {
    const auto run = [] {
        ClusterConfig config = paxos_cluster(5);
        config.network.loss_ppm = 100000;
        Cluster cluster(config);
        cluster.start_client(proposal("a"), 1);
        cluster.start_client(proposal("b"), 2);
        cluster.run_for(3 * kMicrosecondsPerSecond);
        return cluster.take_trace();
    };
    EXPECT_EQ(run(), run());
}

}  // namespace
}  // namespace quorum::sim
