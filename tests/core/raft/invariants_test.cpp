// Every checker catches the rule it guards being broken on purpose (a checker
// that never fails proves nothing): each test turns on one named fault in the
// protocol, runs seeded chaos, and expects that rule's violation,
// named, with the nodes and the time.
#include "quorum/sim/cluster.hpp"

#include "../cluster_support.hpp"

#include <gtest/gtest.h>

#include <functional>

namespace quorum::sim {
namespace {

using testing::first_violation;

constexpr TimeUs kMs = kMicrosecondsPerMillisecond;

Command put(const std::string& key, const std::string& value) {
    Command command;
    command.kind = OperationKind::Put;
    command.key = key;
    command.value = value;
    return command;
}

// Seeded chaos: crashes, restarts, isolation, heals and client writes.
std::optional<Violation> run_chaos(ClusterConfig config, int rounds) {
    Cluster cluster(config);
    Random chaos(config.seed * 104729);
    for (int round = 0; round < rounds && !cluster.violation(); ++round) {
        const auto node =
            static_cast<NodeId>(chaos.between(1, static_cast<std::int64_t>(config.nodes)));
        switch (chaos.below(5)) {
            case 0:
                cluster.crash(node);
                break;
            case 1:
                cluster.restart(node);
                break;
            case 2:
                cluster.isolate(node);
                break;
            case 3:
                cluster.heal();
                break;
            default:
                break;
        }
        cluster.start_client(put("k", std::to_string(round)));
        cluster.run_for(static_cast<TimeUs>(chaos.between(50, 400)) * kMs);
    }
    return first_violation(cluster);
}

// Searches seeds for a run that breaks `rule`; returns the first violation seen.
std::optional<Violation> find_violation(const std::function<void(ClusterConfig&)>& break_it,
                                        std::uint64_t seeds = 200) {
    for (std::uint64_t seed = 1; seed <= seeds; ++seed) {
        ClusterConfig config = ClusterConfig::of<raft::Protocol>();
        config.nodes = 5;
        config.seed = seed;
        config.trace = false;
        config.network.reorder = true;
        config.network.loss_ppm = 50'000;
        break_it(config);
        if (auto violation = run_chaos(config, 40)) {
            return violation;
        }
    }
    return std::nullopt;
}

TEST(RaftInvariants, correctProtocol_noViolationUnderTheSameChaos) {
    const auto violation = find_violation([](ClusterConfig&) {}, 60);
    EXPECT_FALSE(violation.has_value()) << violation->to_string();
}

TEST(RaftInvariants, electionSafety_catchesVotingTwiceInATerm) {
    const auto violation = find_violation([](ClusterConfig& config) {
        config.config_of<raft::Protocol>().faults.vote_twice_in_a_term = true;
        config.config_of<raft::Protocol>().pre_vote = false;
        config.config_of<raft::Protocol>().check_quorum = false;
    });
    ASSERT_TRUE(violation.has_value());
    EXPECT_EQ(violation->rule, "election safety") << violation->to_string();
    EXPECT_EQ(violation->nodes.size(), 2u);
    EXPECT_NE(violation->to_string().find("were both leader of term"), std::string::npos);
}

// Delivers the oldest in-flight message from `from` to `to`.
void deliver(Cluster& cluster, NodeId from, NodeId to) {
    for (const InFlight& flight : cluster.in_flight()) {
        if (flight.from == from && flight.to == to) {
            ASSERT_TRUE(cluster.deliver(flight.id));
            return;
        }
    }
    FAIL() << "no message in flight from " << from << " to " << to;
}

// The amnesia lesson, step by step: node 2 votes for node 1 in term 1,
// crashes, and comes back without its vote, so node 3 can win term 1 too.
std::optional<Violation> vote_crash_and_vote_again(bool forget_hard_state) {
    ClusterConfig config = ClusterConfig::of<raft::Protocol>();
    config.nodes = 3;
    config.config_of<raft::Protocol>().pre_vote = false;
    config.config_of<raft::Protocol>().faults.forget_hard_state = forget_hard_state;
    Cluster cluster(config);
    cluster.set_hold(true);
    cluster.fire_timer(1);   // node 1: candidate of term 1
    deliver(cluster, 1, 2);  // node 2 votes for node 1
    deliver(cluster, 2, 1);  // node 1 leads term 1
    cluster.crash(2);
    cluster.restart(2);
    cluster.fire_timer(3);  // node 3: candidate of term 1
    deliver(cluster, 3, 2);
    deliver(cluster, 2, 3);
    return first_violation(cluster);
}

TEST(RaftInvariants, electionSafety_catchesAHostThatForgetsVotes) {
    EXPECT_FALSE(vote_crash_and_vote_again(false).has_value());
    const auto violation = vote_crash_and_vote_again(true);
    ASSERT_TRUE(violation.has_value());
    EXPECT_EQ(violation->rule, "election safety");
    EXPECT_EQ(violation->nodes, (std::vector<NodeId>{1, 3}));
}

// Leader completeness, step by step: node 1 leads term 1 and commits its
// no-op with node 2; node 3, whose log is empty, asks node 2 for its vote in
// term 2. A correct node 2 refuses (node 3's log is not up to date); with
// the check skipped it grants, and node 3 leads term 2 without the entry
// committed in term 1. No client was told anything, so the rule is leader
// completeness itself, not acknowledged writes.
std::optional<Violation> elect_a_stale_log(bool skip_up_to_date_check) {
    ClusterConfig config = ClusterConfig::of<raft::Protocol>();
    config.nodes = 3;
    config.config_of<raft::Protocol>().pre_vote = false;
    config.config_of<raft::Protocol>().check_quorum = false;
    config.config_of<raft::Protocol>().faults.skip_up_to_date_check = skip_up_to_date_check;
    Cluster cluster(config);
    cluster.set_hold(true);
    cluster.fire_timer(1);   // node 1: candidate of term 1
    deliver(cluster, 1, 2);  // RequestVote
    deliver(cluster, 2, 1);  // granted: node 1 leads term 1, appends its no-op
    deliver(cluster, 1, 2);  // AppendEntries with the no-op
    deliver(cluster, 2, 1);  // matched: committed on nodes 1 and 2, applied by node 1
    EXPECT_EQ(cluster.committed(1), 1u);
    cluster.fire_timer(3);   // node 3: candidate of term 1 (node 2 already voted)
    cluster.fire_timer(3);   // and of term 2
    deliver(cluster, 3, 2);  // RequestVote of term 1: refused
    deliver(cluster, 3, 2);  // RequestVote of term 2
    deliver(cluster, 2, 3);
    deliver(cluster, 2, 3);
    return first_violation(cluster);
}

TEST(RaftInvariants, leaderCompleteness_catchesElectingAStaleLog) {
    EXPECT_FALSE(elect_a_stale_log(false).has_value());
    const auto violation = elect_a_stale_log(true);
    ASSERT_TRUE(violation.has_value());
    EXPECT_EQ(violation->rule, "leader completeness") << violation->to_string();
    EXPECT_EQ(violation->index, 1u);
    EXPECT_EQ(violation->nodes, (std::vector<NodeId>{3, 1}));
}

// The same fault under seeded chaos is caught too; which rule speaks first
// depends on the run, so this one only requires that something does.
TEST(RaftInvariants, skippedUpToDateCheck_isCaughtUnderChaos) {
    const auto violation = find_violation([](ClusterConfig& config) {
        config.config_of<raft::Protocol>().faults.skip_up_to_date_check = true;
    });
    ASSERT_TRUE(violation.has_value());
}

TEST(RaftInvariants, stateMachineSafety_catchesAFollowerCommittingUnmatchedEntries) {
    const auto violation = find_violation([](ClusterConfig& config) {
        config.config_of<raft::Protocol>().faults.follower_commits_unmatched = true;
    });
    ASSERT_TRUE(violation.has_value());
    EXPECT_EQ(violation->rule, "state machine safety") << violation->to_string();
    EXPECT_EQ(violation->nodes.size(), 2u);
    EXPECT_GT(violation->index, 0u);
}

TEST(RaftInvariants, logMatching_catchesAFollowerSkippingThePrevLogCheck) {
    const auto violation = find_violation([](ClusterConfig& config) {
        config.config_of<raft::Protocol>().faults.follower_skips_prev_log_check = true;
    });
    ASSERT_TRUE(violation.has_value());
    EXPECT_EQ(violation->rule, "log matching") << violation->to_string();
    EXPECT_EQ(violation->nodes.size(), 2u);
    EXPECT_GT(violation->index, 0u);
}

TEST(RaftInvariants, commitMonotonic_catchesAFollowerTakingCommitBack) {
    const auto violation = find_violation([](ClusterConfig& config) {
        config.config_of<raft::Protocol>().faults.follower_commit_may_decrease = true;
    });
    ASSERT_TRUE(violation.has_value());
    EXPECT_EQ(violation->rule, "commit monotonic") << violation->to_string();
}

TEST(RaftInvariants, leaderAppendOnly_catchesALeaderOverwritingItsLog) {
    const auto violation = find_violation([](ClusterConfig& config) {
        config.config_of<raft::Protocol>().faults.leader_overwrites_last_entry = true;
    });
    ASSERT_TRUE(violation.has_value());
    EXPECT_EQ(violation->rule, "leader append-only") << violation->to_string();
}

// Log matching, on hand-built logs: they agree on term 2 at index 3 but not
// at index 2, which no correct run can produce.
TEST(RaftInvariants, logMatching_catchesLogsThatAgreeLateButDifferEarly) {
    auto entry = [](raft::Term term, const std::string& value) {
        return raft::Entry{term, put("k", value)};
    };
    raft::Config config;
    config.members = {1, 2};
    raft::Invariants::Nodes nodes(3);
    nodes[1].emplace(
        1, config,
        raft::DurableState{{2, kNoNode}, {entry(1, "a"), entry(1, "b"), entry(2, "c")}, {}},
        Random(1), 0);
    nodes[2].emplace(
        2, config,
        raft::DurableState{{2, kNoNode}, {entry(1, "a"), entry(1, "X"), entry(2, "c")}, {}},
        Random(2), 0);
    raft::Invariants invariants;
    invariants.check_all(nodes, 5000);
    ASSERT_FALSE(invariants.ok());
    EXPECT_EQ(invariants.violation()->rule, "log matching");
    EXPECT_EQ(invariants.violation()->index, 2u);
    EXPECT_EQ(invariants.violation()->nodes, (std::vector<NodeId>{1, 2}));

    nodes[2].emplace(2, config,
                     raft::DurableState{{2, kNoNode}, {entry(1, "a"), entry(1, "b")}, {}},
                     Random(2), 0);
    raft::Invariants consistent;
    consistent.check_all(nodes, 5000);
    EXPECT_TRUE(consistent.ok());
}

TEST(RaftInvariants, acknowledgedWrites_catchesALeaderAnsweringBeforeCommit) {
    const auto violation = find_violation([](ClusterConfig& config) {
        config.config_of<raft::Protocol>().faults.leader_answers_before_commit = true;
    });
    ASSERT_TRUE(violation.has_value());
    EXPECT_EQ(violation->rule, "acknowledged writes") << violation->to_string();
}

TEST(RaftInvariants, violationNamesRuleTimeAndNodes) {
    Violation violation{
        "election safety", "nodes 1 and 3 were both leader of term 4", 1234567, {1, 3}, 0};
    EXPECT_EQ(violation.to_string(),
              "election safety violated at t=1.234567s: nodes 1 and 3 were both leader of term 4");
}

}  // namespace
}  // namespace quorum::sim
