// Log matching through the checker's incremental path: the one the
// simulator, the fuzzer and the benchmark use (on_log_write with the Ready's
// log write, then check() for the node the event touched), which compares
// prefix fingerprints of the logs written since the last check only. It is
// fed a break by hand, and then compared, event by event over seeded chaos
// runs, with a full check that compares every pair of logs entry by entry.
#include "quorum/raft/invariants.hpp"
#include "quorum/sim/cluster.hpp"
#include "quorum/sim/fuzz.hpp"

#include "../cluster_support.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

namespace quorum::raft {
namespace {

constexpr TimeUs kMs = kMicrosecondsPerMillisecond;

Entry entry(Term term, const std::string& value) {
    Command command;
    command.kind = OperationKind::Put;
    command.key = "k";
    command.value = value;
    return Entry{term, SharedCommand(std::move(command))};
}

// A node holding `log` (in term 2), as a restarted node would.
void place(Invariants::Nodes& nodes, NodeId id, std::vector<Entry> log) {
    Config config;
    config.members = {1, 2, 3};
    nodes[id].emplace(id, config, DurableState{{2, kNoNode}, std::move(log), {}}, Random(id), 0);
}

// Nodes 1 and 2 agree; then node 2 rewrites its index 2 and appends an entry
// of term 2 at index 3, as node 1 has: they agree on term 2 at index 3 but
// differ at index 2. Only the write and check(nodes, 2) tell the checker.
TEST(RaftLogMatching, incrementalCheck_catchesARewriteThatBreaksAnEarlierIndex) {
    Invariants::Nodes nodes(4);
    const std::vector<Entry> first{entry(1, "a"), entry(1, "b"), entry(2, "c")};
    place(nodes, 1, first);
    place(nodes, 2, {entry(1, "a"), entry(1, "b")});
    Invariants invariants;
    invariants.on_log_write(1, 1, first, false, 100);
    invariants.check(nodes, 1, 100);
    invariants.on_log_write(2, 1, nodes[2]->log(), false, 200);
    invariants.check(nodes, 2, 200);
    ASSERT_TRUE(invariants.ok()) << invariants.violation()->to_string();

    place(nodes, 2, {entry(1, "a"), entry(1, "X"), entry(2, "c")});
    invariants.on_log_write(2, 2, nodes[2]->log(), false, 300);
    invariants.check(nodes, 2, 300);
    ASSERT_FALSE(invariants.ok());
    EXPECT_EQ(invariants.violation()->rule, "log matching");
    EXPECT_EQ(invariants.violation()->index, 2u);
    EXPECT_EQ(invariants.violation()->time_us, 300);
    EXPECT_EQ(invariants.violation()->nodes, (std::vector<NodeId>{2, 1}));
}

// The same logs, but the checker is told of the break through a Ready, as
// the simulator tells it (on_ready, then check()).
TEST(RaftLogMatching, incrementalCheck_catchesABreakReportedByAReady) {
    Invariants::Nodes nodes(4);
    place(nodes, 1, {entry(1, "a"), entry(1, "b"), entry(2, "c")});
    place(nodes, 2, {entry(1, "a"), entry(1, "X"), entry(2, "c")});
    Invariants invariants;
    Ready ready;
    ready.log_write_from = 1;
    ready.log_write = nodes[1]->log();
    invariants.on_ready(1, *nodes[1], Summary{}, ready, 10);
    invariants.check(nodes, 1, 10);
    ready.log_write = nodes[2]->log();
    invariants.on_ready(2, *nodes[2], Summary{}, ready, 20);
    invariants.check(nodes, 2, 20);
    ASSERT_FALSE(invariants.ok());
    EXPECT_EQ(invariants.violation()->rule, "log matching");
    EXPECT_EQ(invariants.violation()->index, 2u);
}

// The full check: every pair of live logs, entry by entry. The first pair
// (in id order) that holds one term at some index but differs below it.
std::optional<std::string> full_log_matching(const Invariants::Nodes& nodes) {
    for (const auto& a : nodes) {
        for (const auto& b : nodes) {
            if (!a || !b || a->id() >= b->id()) {
                continue;
            }
            std::size_t common = std::min(a->log().size(), b->log().size());
            while (common > 0 && a->log()[common - 1].term != b->log()[common - 1].term) {
                --common;
            }
            for (std::size_t i = 0; i < common; ++i) {
                const Entry& x = a->log()[i];
                const Entry& y = b->log()[i];
                if (x.term != y.term || *x.command != *y.command) {
                    return "nodes " + std::to_string(a->id()) + " and " + std::to_string(b->id()) +
                           " differ at index " + std::to_string(i + 1);
                }
            }
        }
    }
    return std::nullopt;
}

struct Agreement {
    std::uint64_t events = 0;  // events compared
    bool broke = false;        // the full check found a break
};

// One seeded chaos run (crashes, restarts, isolation, heals, client writes,
// and the network the fuzzer draws for the seed: loss, duplication,
// reordering), comparing after every event the incremental
// checker's verdict on log matching with the full check's. A run ends at
// the first break (the checker keeps its first violation only) or at the
// first violation of another rule (log matching is then no longer checked).
Agreement compare_over_run(std::uint64_t seed, bool skip_prev_log_check) {
    sim::ClusterConfig config = sim::ClusterConfig::of<Protocol>();
    config.nodes = 5;
    config.seed = seed;
    config.trace = false;
    sim::FuzzOptions fuzz_options;
    fuzz_options.protocol = protocol_config<Protocol>();
    const sim::FaultMix mix = sim::draw_fault_mix(seed, fuzz_options);
    config.network.loss_ppm = mix.loss_ppm;
    config.network.duplicate_ppm = mix.duplicate_ppm;
    config.network.reorder = mix.reorder;
    config.config_of<Protocol>().faults.follower_skips_prev_log_check = skip_prev_log_check;
    sim::Cluster cluster(config);
    Random chaos(seed * 7919);
    Agreement agreement;
    TimeUs next_chaos_us = 0;
    for (int step = 0; step < 1500; ++step) {
        if (cluster.now() >= next_chaos_us) {
            const auto node = static_cast<NodeId>(chaos.between(1, 5));
            switch (chaos.below(6)) {
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
            Command put;
            put.kind = OperationKind::Put;
            put.key = "k";
            put.value = std::to_string(step);
            cluster.start_client(put);
            next_chaos_us = cluster.now() + chaos.between(20, 200) * kMs;
        }
        if (!cluster.step()) {
            cluster.run_for(10 * kMs);
        }
        const Violation* violation = cluster.violation();
        if (violation != nullptr && violation->rule != "log matching") {
            break;
        }
        const auto full = full_log_matching(cluster.nodes<Protocol>().slots());
        ++agreement.events;
        EXPECT_EQ(full.has_value(), violation != nullptr)
            << "seed " << seed << ", event " << agreement.events << ": full check says "
            << full.value_or("no break") << "; incremental says "
            << (violation ? violation->to_string() : "no break");
        if (full.has_value() != (violation != nullptr) || full) {
            agreement.broke = full.has_value();
            break;
        }
    }
    return agreement;
}

TEST(RaftLogMatching, incrementalAndFullCheck_agreeAtEveryEventOfCorrectRuns) {
    std::uint64_t events = 0;
    for (std::uint64_t seed = 1; seed <= 8; ++seed) {
        const Agreement agreement = compare_over_run(seed, false);
        EXPECT_FALSE(agreement.broke) << "seed " << seed;
        events += agreement.events;
    }
    EXPECT_GT(events, 8000u);
}

TEST(RaftLogMatching, incrementalAndFullCheck_agreeAtEveryEventOfBrokenRuns) {
    int broken = 0;
    for (std::uint64_t seed = 1; seed <= 40; ++seed) {
        broken += compare_over_run(seed, true).broke ? 1 : 0;
    }
    EXPECT_GE(broken, 3) << "the switch should break log matching in a few of the runs";
}

}  // namespace
}  // namespace quorum::raft
