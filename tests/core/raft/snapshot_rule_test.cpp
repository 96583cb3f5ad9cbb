// "snapshot state" with the switch that breaks exactly it
// (Faults::follower_installs_old_snapshot, the zoo's old-snapshot; the lesson
// assets/scenarios/raft/bug-old-snapshot.qs, its actions only): node 3
// installs node 1's snapshot of index 2, commits `put b 2` at index 3, then
// a late copy of that snapshot arrives. The correct follower ignores it; the
// broken one rolls its state machine back, and its next snapshot (index 4)
// lacks b. Every other rule holds: terms, votes, logs and commit indexes are
// untouched by the rollback.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "quorum/scenario/parser.hpp"
#include "quorum/scenario/runner.hpp"
#include "quorum/sim/cluster.hpp"

namespace quorum::raft {
namespace {

std::vector<Violation> late_snapshot_copy(bool installs_old) {
    const std::string text =
        std::string("cluster raft nodes=3 prevote=off checkquorum=off snapshot=2") +
        (installs_old ? " bug=old-snapshot" : "") +
        "\n"
        "hold on\n"
        "fire 1\n"
        "deliver 1 -> 2 RequestVote\n"
        "drop 1 -> 3 RequestVote\n"
        "deliver 2 -> 1 RequestVoteResponse\n"
        "drop 1 -> 3 AppendEntries\n"
        "client put a 1 via 1\n"
        "deliver c1 -> 1\n"
        "deliver 1 -> 2 AppendEntries\n"
        "deliver 2 -> 1 AppendEntriesResponse\n"
        "deliver 1 -> 2 AppendEntries\n"
        "deliver 2 -> 1 AppendEntriesResponse\n"
        "fire 1\n"
        "duplicate 1 -> 3 InstallSnapshot\n"
        "deliver 1 -> 3 InstallSnapshot\n"
        "client put b 2 via 1\n"
        "deliver c2 -> 1\n"
        "deliver 3 -> 1 InstallSnapshotResponse\n"
        "deliver 1 -> 3 AppendEntries\n"
        "deliver 3 -> 1 AppendEntriesResponse\n"
        "fire 1\n"
        "deliver 1 -> 3 AppendEntries\n"
        "deliver 1 -> 3 InstallSnapshot\n"
        "client put c 3 via 1\n"
        "deliver c3 -> 1\n"
        "deliver 1 -> 3 AppendEntries\n"
        "deliver 3 -> 1 AppendEntriesResponse\n"
        "deliver 3 -> 1 AppendEntriesResponse\n"
        "fire 1\n"
        "deliver 1 -> 3 AppendEntries\n";
    const auto parsed = scenario::parse_scenario(text);
    EXPECT_TRUE(parsed.ok()) << scenario::format_error("old-snapshot.qs", parsed.error());
    scenario::ScenarioRun run(parsed.scenario());
    sim::Cluster cluster = run.initial_cluster();
    while (!run.finished()) {
        run.step(cluster);  // stops at the first violation, the one that counts
    }
    return cluster.violations();
}

TEST(RaftInvariants, snapshotState_catchesAFollowerInstallingAnOldSnapshot) {
    EXPECT_TRUE(late_snapshot_copy(false).empty());
    const auto violations = late_snapshot_copy(true);
    ASSERT_EQ(violations.size(), 1u);
    EXPECT_EQ(violations.front().rule, "snapshot state") << violations.front().to_string();
    EXPECT_EQ(violations.front().nodes, (std::vector<NodeId>{3}));
}

}  // namespace
}  // namespace quorum::raft
