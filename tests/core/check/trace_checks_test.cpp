// The trace-level checkers: a real run's trace passes; a protocol broken on
// purpose, and traces edited by hand to break each rule, are caught, naming
// the rule, the nodes, the term or index and both lines.
#include "quorum/check/trace_checks.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "quorum/scenario/parser.hpp"
#include "quorum/scenario/runner.hpp"
#include "quorum/sim/cluster.hpp"

#include "../cluster_support.hpp"

namespace quorum::check {
namespace {

std::string join(const std::vector<std::string>& lines) {
    std::string text;
    for (const std::string& line : lines) {
        text += line + "\n";
    }
    return text;
}

TraceCheckResult check_text(const std::string& text) {
    const auto read = trace::read_trace(text);
    EXPECT_TRUE(read.ok()) << json::format_error("t.jsonl", read.error());
    return read.ok() ? check_trace(read.trace()) : TraceCheckResult{};
}

std::vector<std::string> real_trace() {
    const auto parsed = scenario::parse_scenario(
        "cluster raft nodes=5 seed=11\n"
        "run until leader within 2s\n"
        "client put x 1\n"
        "client put y 2\n"
        "run until value y == 2 on all within 3s\n"
        "crash leader\n"
        "run until leader within 3s\n"
        "client put x 3\n"
        "run until value x == 3 on live within 3s\n"
        "restart all\n"
        "run 2s\n");
    EXPECT_TRUE(parsed.ok());
    const auto report = scenario::run_scenario(parsed.scenario(), {std::nullopt, true});
    EXPECT_TRUE(report.passed()) << report.message;
    return report.trace;
}

TEST(TraceChecks, aRealRunPasses) {
    const auto lines = real_trace();
    const auto result = check_text(join(lines));
    EXPECT_TRUE(result.ok()) << result.violation->to_string();
    EXPECT_EQ(result.lines, lines.size());
    EXPECT_GE(result.leader_terms, 2u);
    EXPECT_GT(result.applies, result.positions);  // every node applies every entry
    EXPECT_GE(result.positions, 3u);
}

// The amnesia fault of raft_invariants_test: a host that forgets votes lets
// node 1 and node 3 both win term 1. The trace alone shows it.
TEST(TraceChecks, electionSafety_catchesAHostThatForgetsVotes) {
    sim::ClusterConfig config = sim::ClusterConfig::of<raft::Protocol>();
    config.nodes = 3;
    config.config_of<raft::Protocol>().pre_vote = false;
    config.config_of<raft::Protocol>().faults.forget_hard_state = true;
    sim::Cluster cluster(config);
    cluster.set_hold(true);
    const auto deliver = [&](NodeId from, NodeId to) {
        for (const sim::InFlight& flight : cluster.in_flight()) {
            if (flight.from == from && flight.to == to) {
                cluster.deliver(flight.id);
                return;
            }
        }
        ADD_FAILURE() << "no message from " << from << " to " << to;
    };
    cluster.fire_timer(1);
    deliver(1, 2);
    deliver(2, 1);
    cluster.crash(2);
    cluster.restart(2);
    cluster.fire_timer(3);
    deliver(3, 2);
    deliver(2, 3);
    const auto result = check_text(join(cluster.take_trace()));
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.violation->rule, "election safety");
    EXPECT_EQ(result.violation->nodes, (std::vector<NodeId>{1, 3}));
    EXPECT_EQ(result.violation->term, 1u);
    EXPECT_GT(result.violation->line, result.violation->earlier_line);
    EXPECT_NE(result.violation->to_string().find("nodes 1 and 3 were both leader of term 1"),
              std::string::npos)
        << result.violation->to_string();
}

// The index of the first `apply` line of another node than `node`, at `index`.
std::size_t find_apply(const std::vector<std::string>& lines, const std::string& index,
                       const std::string& not_node) {
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (lines[i].find("\"ev\":\"apply\"") != std::string::npos &&
            lines[i].find("\"index\":" + index + ",") != std::string::npos &&
            lines[i].find("\"node\":" + not_node + ",") == std::string::npos) {
            return i;
        }
    }
    return lines.size();
}

TEST(TraceChecks, stateMachineSafety_catchesAHandEditedApply) {
    auto lines = real_trace();
    const std::size_t first = find_apply(lines, "2", "0");
    ASSERT_LT(first, lines.size());
    const std::string node = lines[first].substr(lines[first].find("\"node\":") + 7, 1);
    const std::size_t second = find_apply(lines, "2", node);
    ASSERT_LT(second, lines.size());
    // Another command at the same index.
    const auto cmd = lines[second].find("\"cmd\":");
    lines[second] = lines[second].substr(0, cmd) + "\"cmd\":\"put x 999\"}";
    const auto result = check_text(join(lines));
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.violation->rule, "state machine safety");
    EXPECT_EQ(result.violation->position, 2u);
    EXPECT_EQ(result.violation->line, static_cast<int>(second) + 1);
    EXPECT_EQ(result.violation->earlier_line, static_cast<int>(first) + 1);
    EXPECT_NE(result.violation->details.find("\"put x 999\""), std::string::npos)
        << result.violation->details;
}

TEST(TraceChecks, stateMachineSafety_sameCommandOfAnotherTermIsAnotherEntry) {
    const auto result = check_text(
        "{\"t\":1,\"ev\":\"apply\",\"node\":1,\"index\":1,\"term\":1,\"cmd\":\"noop\"}\n"
        "{\"t\":2,\"ev\":\"apply\",\"node\":1,\"index\":1,\"term\":1,\"cmd\":\"noop\"}\n"
        "{\"t\":3,\"ev\":\"apply\",\"node\":2,\"index\":1,\"term\":2,\"cmd\":\"noop\"}\n");
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.violation->line, 3);
    EXPECT_EQ(result.violation->nodes, (std::vector<NodeId>{1, 2}));
    EXPECT_EQ(result.violation->to_string(),
              "state machine safety violated at t=0.000003s: node 2 applied \"noop\" (term 2) at "
              "index 1, but node 1 applied \"noop\" (term 1) there (line 1)");
}

TEST(TraceChecks, slotsAndIndexesAreSeparate_andSlotsAreCheckedToo) {
    EXPECT_TRUE(check_text("{\"t\":1,\"ev\":\"apply\",\"node\":1,\"index\":1,\"cmd\":\"a\"}\n"
                           "{\"t\":2,\"ev\":\"apply\",\"node\":2,\"slot\":1,\"cmd\":\"b\"}\n")
                    .ok());
    const auto result = check_text(
        "{\"t\":1,\"ev\":\"apply\",\"node\":1,\"slot\":3,\"cmd\":\"a\"}\n"
        "{\"t\":2,\"ev\":\"apply\",\"node\":2,\"slot\":3,\"cmd\":\"b\"}\n");
    ASSERT_FALSE(result.ok());
    EXPECT_NE(result.violation->details.find("at slot 3"), std::string::npos);
}

TEST(TraceChecks, oneValueChosen_catchesTwoValuesForOneInstance) {
    const auto result = check_text(
        "{\"t\":0,\"ev\":\"cluster\",\"algo\":\"paxos\",\"nodes\":3,\"seed\":1}\n"
        "{\"t\":10,\"ev\":\"chosen\",\"instance\":0,\"value\":\"v1\"}\n"
        "{\"t\":20,\"ev\":\"chosen\",\"instance\":1,\"value\":\"v2\"}\n"
        "{\"t\":30,\"ev\":\"chosen\",\"instance\":0,\"value\":\"v1\"}\n"
        "{\"t\":40,\"ev\":\"chosen\",\"instance\":0,\"value\":\"v3\"}\n");
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.violation->rule, "at most one value chosen");  // Paxos's own rule
    EXPECT_EQ(result.violation->line, 5);
    EXPECT_EQ(result.violation->earlier_line, 2);
    EXPECT_EQ(result.violation->position, 0u);
    EXPECT_EQ(result.lines, 5u);
}

TEST(TraceChecks, leadersOfDifferentTermsAndTheSameLeaderTwiceAreFine) {
    const auto result = check_text(
        "{\"t\":1,\"ev\":\"role\",\"node\":1,\"role\":\"leader\",\"term\":1}\n"
        "{\"t\":2,\"ev\":\"role\",\"node\":2,\"role\":\"leader\",\"term\":2}\n"
        "{\"t\":3,\"ev\":\"role\",\"node\":2,\"role\":\"leader\",\"term\":2}\n"
        "{\"t\":4,\"ev\":\"role\",\"node\":1,\"role\":\"candidate\",\"term\":2}\n");
    EXPECT_TRUE(result.ok());
    EXPECT_EQ(result.leader_terms, 2u);
}

}  // namespace
}  // namespace quorum::check
