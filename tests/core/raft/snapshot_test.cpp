// Raft's log compaction (thesis chapter 5, Figure 13): a node snapshots its
// state machine at its applied index, a leader brings a far-behind follower
// up with InstallSnapshot, the snapshot and the rest of the log are durable
// (DurableState and records) and a restart starts from them, and the checker's
// snapshot rule catches a follower that installs a snapshot older than its
// commit index (the `old-snapshot` switch).
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "../cluster_support.hpp"
#include "../sent_messages.hpp"
#include "quorum/raft/node.hpp"
#include "quorum/raft/protocol.hpp"
#include "quorum/sim/fuzz.hpp"

namespace quorum::raft {
namespace {

using quorum::testing::from;
using quorum::testing::sent;

constexpr TimeUs kMs = kMicrosecondsPerMillisecond;

Config make_config(std::size_t nodes, std::size_t threshold) {
    Config config;
    for (NodeId id = 1; id <= nodes; ++id) {
        config.members.push_back(id);
    }
    config.pre_vote = false;
    config.check_quorum = false;
    config.snapshot_threshold = threshold;
    return config;
}

SharedCommand put(ClientId client, std::uint64_t sequence, std::string key, std::string value) {
    Command command;
    command.client = client;
    command.sequence = sequence;
    command.kind = OperationKind::Put;
    command.key = std::move(key);
    command.value = std::move(value);
    return command;
}

Node make_node(NodeId id, Config config, DurableState durable = {}) {
    return Node(id, std::move(config), std::move(durable), Random(42).fork(id), 0);
}

// Node 1 leads term 1 of a 3-node cluster with `threshold`, its durable
// state kept in `durable` as a host would.
struct Leader {
    explicit Leader(std::size_t threshold) : node(make_node(1, make_config(3, threshold))) {
        keep(node.fire_timer(200 * kMs));
        keep(node.step(from(2, 1, RequestVoteResponse{1, true, false}), 201 * kMs));
        EXPECT_EQ(node.role(), Role::Leader);
    }
    Ready keep(Ready ready) {
        ready.persist_to(durable);
        Protocol::append_records(writes, ready, durable);  // as a worker or quorum-node would
        return ready;
    }
    // Proposes `count` puts and has node 2 acknowledge all of them.
    Ready commit_puts(int count, TimeUs now) {
        for (int i = 1; i <= count; ++i) {
            keep(node.propose(put(9, next_sequence++, "k" + std::to_string(i), "v"), now));
        }
        AppendEntriesResponse ack;
        ack.term = 1;
        ack.success = true;
        ack.match_index = node.last_index();
        return keep(node.step(from(2, 1, ack), now + 1));
    }
    Node node;
    DurableState durable;
    store::Batch writes;
    std::uint64_t next_sequence = 1;
};

TEST(RaftSnapshot, leader_pastThreshold_snapshotsAtAppliedIndexAndDropsThoseEntries) {
    Leader leader(3);
    const Ready ready = leader.commit_puts(3, 300 * kMs);  // noop + 3 puts applied
    const Node& node = leader.node;
    ASSERT_TRUE(ready.snapshot.has_value());
    EXPECT_EQ(ready.snapshot->last_included_index, 4u);
    EXPECT_EQ(ready.snapshot->last_included_term, 1u);
    EXPECT_EQ(node.snapshot_index(), 4u);
    EXPECT_TRUE(node.log().empty());
    EXPECT_EQ(node.last_index(), 4u);
    EXPECT_EQ(node.term_at(4), 1u);
    EXPECT_EQ(node.term_at(3), 0u);  // compacted away
    EXPECT_EQ(node.entry_at(3), nullptr);
    EXPECT_EQ(ready.snapshot->state, node.state_machine().image());
    EXPECT_EQ(leader.durable, node.durable_state());
}

TEST(RaftSnapshot, threshold0_neverSnapshots) {
    Leader leader(0);
    const Ready ready = leader.commit_puts(20, 300 * kMs);
    EXPECT_FALSE(ready.snapshot.has_value());
    EXPECT_EQ(leader.node.snapshot_index(), 0u);
    EXPECT_EQ(leader.node.log().size(), 21u);
}

TEST(RaftSnapshot, leader_followerBehindSnapshot_sendsInstallSnapshot) {
    Leader leader(3);
    leader.commit_puts(3, 300 * kMs);
    // Node 3 never answered: its nextIndex is still 2. It now rejects.
    AppendEntriesResponse reject;
    reject.term = 1;
    reject.conflict_index = 1;
    const Ready ready = leader.keep(leader.node.step(from(3, 1, reject), 310 * kMs));
    const auto snapshots = sent<InstallSnapshot>(ready);
    ASSERT_EQ(snapshots.size(), 1u);
    EXPECT_EQ(snapshots[0].first, 3u);
    EXPECT_EQ(snapshots[0].second.snapshot, leader.node.snapshot());
    EXPECT_EQ(leader.node.next_index(3), 5u);

    // Its answer moves matchIndex to the snapshot's index.
    const Ready after =
        leader.keep(leader.node.step(from(3, 1, InstallSnapshotResponse{1, 4}), 320 * kMs));
    EXPECT_EQ(leader.node.match_index(3), 4u);
    EXPECT_TRUE(sent<InstallSnapshot>(after).empty());
}

Snapshot sample_snapshot(LogIndex index, Term term) {
    StateMachine machine;
    machine.apply(*put(5, 1, "a", "1"));
    machine.apply(*put(5, 2, "b", "2"));
    return Snapshot{index, term, machine.image()};
}

TEST(RaftSnapshot, follower_installSnapshot_replacesLogAndStateMachine) {
    Node node = make_node(2, make_config(3, 0));
    DurableState durable;
    durable.hard_state = {1, kNoNode};
    durable.log = {Entry{1, Command::make_noop()}, Entry{1, put(5, 1, "stale", "x")}};
    node = make_node(2, make_config(3, 0), durable);
    const Snapshot snapshot = sample_snapshot(10, 2);
    Ready ready = node.step(from(1, 2, InstallSnapshot{2, 1, snapshot}), 5 * kMs);
    ready.persist_to(durable);
    EXPECT_EQ(node.current_term(), 2u);
    EXPECT_EQ(node.leader_id(), 1u);
    EXPECT_EQ(node.snapshot(), snapshot);
    EXPECT_TRUE(node.log().empty());
    EXPECT_EQ(node.commit_index(), 10u);
    EXPECT_EQ(node.last_applied(), 10u);
    EXPECT_EQ(node.state_machine().value("b"), "2");
    EXPECT_EQ(durable, node.durable_state());
    const auto answers = sent<InstallSnapshotResponse>(ready);
    ASSERT_EQ(answers.size(), 1u);
    EXPECT_EQ(answers[0].second.match_index, 10u);

    // The next AppendEntries goes on from the snapshot's edge.
    AppendEntries append;
    append.term = 2;
    append.leader_id = 1;
    append.prev_log_index = 10;
    append.prev_log_term = 2;
    append.entries = {Entry{2, put(5, 3, "c", "3")}};
    append.leader_commit = 11;
    ready = node.step(from(1, 2, append), 6 * kMs);
    ready.persist_to(durable);
    EXPECT_EQ(node.last_applied(), 11u);
    EXPECT_EQ(node.state_machine().value("c"), "3");
    EXPECT_EQ(durable, node.durable_state());
}

TEST(RaftSnapshot, follower_appendEntriesBelowItsSnapshot_skipsTheCompactedPart) {
    DurableState durable;
    durable.hard_state = {2, kNoNode};
    durable.snapshot = sample_snapshot(10, 2);
    Node node = make_node(2, make_config(3, 0), durable);
    AppendEntries append;
    append.term = 2;
    append.leader_id = 1;
    append.prev_log_index = 8;
    append.prev_log_term = 2;
    append.entries = {Entry{2, put(5, 9, "x", "9")}, Entry{2, put(5, 10, "x", "10")},
                      Entry{2, put(5, 11, "y", "11")}};
    append.leader_commit = 11;
    const Ready ready = node.step(from(1, 2, append), 5 * kMs);
    const auto answers = sent<AppendEntriesResponse>(ready);
    ASSERT_EQ(answers.size(), 1u);
    EXPECT_TRUE(answers[0].second.success);
    EXPECT_EQ(answers[0].second.match_index, 11u);
    EXPECT_EQ(node.last_index(), 11u);
    EXPECT_EQ(node.state_machine().value("y"), "11");
    EXPECT_EQ(node.state_machine().value("x"), std::nullopt);  // 9 and 10 are in the snapshot
}

TEST(RaftSnapshot, follower_snapshotAtOrBelowCommitIndex_isIgnored) {
    DurableState durable;
    durable.hard_state = {2, kNoNode};
    durable.snapshot = sample_snapshot(10, 2);
    durable.log = {Entry{2, put(5, 3, "c", "3")}};
    Node node = make_node(2, make_config(3, 0), durable);
    const StateMachine before = node.state_machine();
    StateMachine old;
    old.apply(*put(5, 1, "a", "old"));
    const Ready ready =
        node.step(from(1, 2, InstallSnapshot{2, 1, Snapshot{7, 2, old.image()}}), 5 * kMs);
    EXPECT_FALSE(ready.snapshot.has_value());
    EXPECT_EQ(node.state_machine(), before);
    EXPECT_EQ(node.snapshot_index(), 10u);
    const auto answers = sent<InstallSnapshotResponse>(ready);
    ASSERT_EQ(answers.size(), 1u);
    EXPECT_EQ(answers[0].second.match_index, 10u);  // its commit index
}

TEST(RaftSnapshot, faultFollowerInstallsOldSnapshot_rollsItsStateMachineBack) {
    Config config = make_config(3, 0);
    config.faults.follower_installs_old_snapshot = true;
    DurableState durable;
    durable.hard_state = {2, kNoNode};
    durable.snapshot = sample_snapshot(10, 2);
    Node node = make_node(2, config, durable);
    StateMachine old;
    old.apply(*put(5, 1, "a", "old"));
    node.step(from(1, 2, InstallSnapshot{2, 1, Snapshot{7, 2, old.image()}}), 5 * kMs);
    EXPECT_EQ(node.state_machine().value("a"), "old");
    EXPECT_EQ(node.last_applied(), 10u);  // the applied index stays: entries 8..10 are lost
}

TEST(RaftSnapshot, restart_fromSnapshotAndLog_restoresStateMachineAndCommitIndex) {
    Leader leader(3);
    leader.commit_puts(5, 300 * kMs);
    const Node restarted = make_node(1, make_config(3, 3), leader.durable);
    EXPECT_EQ(restarted.snapshot(), leader.node.snapshot());
    EXPECT_EQ(restarted.log(), leader.node.log());
    EXPECT_EQ(restarted.commit_index(), restarted.snapshot_index());
    EXPECT_EQ(restarted.last_applied(), restarted.snapshot_index());
    EXPECT_EQ(restarted.state_machine().image(), restarted.snapshot().state);
}

TEST(RaftSnapshot, stateMachineImage_roundTripsSessionsAndCounter) {
    StateMachine machine;
    machine.apply(*put(3, 1, "a", "1"));
    Command add;
    add.client = 4;
    add.sequence = 7;
    add.kind = OperationKind::Add;
    add.value = "-5";
    machine.apply(add);
    Command get;
    get.client = 3;
    get.sequence = 2;
    get.kind = OperationKind::Get;
    get.key = "a";
    machine.apply(get);
    const StateMachine copy = StateMachine::from_image(machine.image());
    EXPECT_EQ(copy, machine);
    EXPECT_EQ(copy.counter(), -5);
}

// A store in memory that applies batches as IndexedDB and SQLite do.
struct MemoryStore {
    std::map<std::string, std::string> records;
    void apply(const store::Batch& batch) {
        for (const store::Op& op : batch) {
            if (op.kind == store::Op::Kind::Put) {
                records[op.key] = op.value;
            } else {
                records.erase(records.lower_bound(op.key), records.lower_bound(op.value));
            }
        }
    }
    DurableState load() const {
        auto loaded = Protocol::load_records({records.begin(), records.end()});
        if (auto* error = std::get_if<store::LoadError>(&loaded)) {
            ADD_FAILURE() << error->what();
            return {};
        }
        return std::get<DurableState>(loaded);
    }
};

TEST(RaftSnapshot, records_ofEveryReady_loadAsTheDurableState) {
    Leader leader(3);
    MemoryStore store;
    for (int round = 0; round < 4; ++round) {
        leader.commit_puts(2, (300 + 10 * round) * kMs);
        store.apply(leader.writes);
        leader.writes.clear();
        EXPECT_EQ(store.load(), leader.durable) << "round " << round;
    }
    EXPECT_NE(leader.durable.snapshot.last_included_index, 0u);
    MemoryStore whole;
    whole.apply(Protocol::records_of(leader.durable));
    EXPECT_EQ(whole.load(), leader.durable);
}

TEST(RaftSnapshot, records_logNotStartingAfterTheSnapshot_doNotLoad) {
    DurableState state;
    state.snapshot = sample_snapshot(10, 2);
    state.log = {Entry{2, put(5, 3, "c", "3")}};
    MemoryStore store;
    store.apply(Protocol::records_of(state));
    EXPECT_EQ(store.load(), state);
    store.records.erase(store::numbered_key("raft/log/", 11));
    store.apply({store::Op{
        store::Op::Kind::Put, store::numbered_key("raft/log/", 12),
        store::seal(store::numbered_key("raft/log/", 12), wire::encode_record(state.log[0]))}});
    auto loaded = Protocol::load_records({store.records.begin(), store.records.end()});
    ASSERT_TRUE(std::holds_alternative<store::LoadError>(loaded));
    EXPECT_NE(std::get<store::LoadError>(loaded).reason.find("log entry 11 is missing"),
              std::string::npos);
}

// --- The checker's rule, on a simulated cluster.

ClusterConfig cluster_config(std::uint64_t seed, std::size_t threshold) {
    ClusterConfig config = ClusterConfig::of<Protocol>();
    config.nodes = 3;
    config.seed = seed;
    config.config_of<Protocol>().snapshot_threshold = threshold;
    return config;
}

Command numbered_put(int n) {
    Command command;
    command.kind = OperationKind::Put;
    command.key = "k" + std::to_string(n % 4);
    command.value = std::to_string(n);
    return command;
}

// A follower cut off while the others commit and compact comes back through
// InstallSnapshot, with every rule, snapshot state included, holding.
TEST(RaftSnapshot, cluster_followerBackFromLongPartition_catchesUpByInstallSnapshot) {
    for (std::uint64_t seed = 1; seed <= 5; ++seed) {
        sim::Cluster cluster(cluster_config(seed, 5));
        cluster.run_for(1000 * kMs);
        ASSERT_TRUE(cluster.leader().has_value());
        const NodeId cut = *cluster.leader() % 3 + 1;
        cluster.isolate(cut);
        for (int n = 1; n <= 30; ++n) {
            cluster.start_client(numbered_put(n));
            cluster.run_for(50 * kMs);
        }
        const auto& nodes = cluster.nodes<Protocol>();
        EXPECT_EQ(nodes.node(cut).snapshot_index(), 0u) << "seed " << seed;
        cluster.heal();
        cluster.run_for(2000 * kMs);
        EXPECT_FALSE(cluster.violation()) << cluster.violation()->details;
        EXPECT_GT(nodes.node(cut).snapshot_index(), 0u) << "seed " << seed;
        EXPECT_EQ(nodes.node(cut).state_machine(), nodes.node(*cluster.leader()).state_machine())
            << "seed " << seed;
    }
}

TEST(RaftSnapshot, cluster_crashAndRestartAfterSnapshots_staysSafe) {
    sim::Cluster cluster(cluster_config(7, 3));
    cluster.run_for(1000 * kMs);
    for (int n = 1; n <= 40; ++n) {
        cluster.start_client(numbered_put(n));
        cluster.run_for(40 * kMs);
        if (n % 10 == 0) {
            const NodeId victim = static_cast<NodeId>(n / 10 % 3 + 1);
            cluster.crash(victim);
            cluster.run_for(300 * kMs);
            cluster.restart(victim, cluster.durable(victim));
        }
    }
    cluster.run_for(2000 * kMs);
    EXPECT_FALSE(cluster.violation()) << cluster.violation()->details;
    for (NodeId id = 1; id <= 3; ++id) {
        EXPECT_GT(cluster.nodes<Protocol>().node(id).snapshot_index(), 0u) << "node " << id;
    }
}

// The swarm fuzzer's worlds (crashes, partitions, loss, duplicates,
// reordering) with snapshots every few entries: every rule holds, and the
// cluster recovers.
TEST(RaftSnapshot, fuzz_withSnapshotsEveryFewEntries_everySeedOk) {
    sim::FuzzOptions options;
    options.protocol = protocol_config<Protocol>();
    config_of<Protocol>(options.protocol).snapshot_threshold = 3;
    for (std::uint64_t seed = 1; seed <= 60; ++seed) {
        const sim::FuzzResult result = sim::fuzz(seed, options);
        EXPECT_TRUE(result.ok) << result.summary();
    }
}

// The checker's rule alone: a snapshot that is not the committed log applied.
TEST(RaftSnapshotChecker, aSnapshotThatIsNotTheCommittedLogApplied_breaksSnapshotState) {
    Invariants checker;
    const SharedCommand first = put(5, 1, "a", "1");
    const SharedCommand second = put(5, 2, "a", "2");
    checker.on_applied(1, AppliedEntry{1, 1, first, {}}, 1, 0);
    checker.on_applied(1, AppliedEntry{2, 1, second, {}}, 1, 0);
    StateMachine right;
    right.apply(*first);
    right.apply(*second);
    checker.on_snapshot(1, Snapshot{2, 1, right.image()}, 1);
    EXPECT_TRUE(checker.ok());
    StateMachine wrong;
    wrong.apply(*first);
    checker.on_snapshot(2, Snapshot{2, 1, wrong.image()}, 2);
    ASSERT_FALSE(checker.ok());
    EXPECT_EQ(checker.violation()->rule, "snapshot state");
    EXPECT_NE(checker.violation()->details.find("key 'a' holds '1', the log gives '2'"),
              std::string::npos)
        << checker.violation()->details;
}

}  // namespace
}  // namespace quorum::raft
