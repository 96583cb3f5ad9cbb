// The workers runner's logic, natively, with a fake page: each "worker" is a
// store::StoredNode over an in-memory store, and the fake posts its reports
// when the test says so, in an order drawn from a seed. What the page adds on
// top (Web Workers, BroadcastChannel, IndexedDB) is tested in headless
// Chromium (tests/e2e/workers.spec.mjs).
#include "workers_runner.hpp"

#include <gtest/gtest.h>

#include <deque>
#include <map>
#include <tuple>

#include "quorum/protocols.hpp"
#include "quorum/store/stored_node.hpp"

namespace quorum::dashboard {
namespace {

class FakeWorkers final : public WorkerHost {
  public:
    struct Input {
        std::uint64_t seq = 0;
        TimeUs now_us = 0;
        std::optional<std::string> message;  // wire bytes; none: the timer
    };
    struct Worker {
        std::uint32_t incarnation = 0;
        TimeUs boot_us = 0;
        bool booted = false;
        std::optional<store::StoredNode> node;
        std::deque<Input> inputs;
    };

    explicit FakeWorkers(std::uint64_t seed) : random_(seed) {}

    void open(const std::string&, std::size_t nodes, bool wipe_first) override {
        workers_.clear();  // a StoredNode moves but does not copy
        workers_.resize(nodes + 1);
        if (wipe_first) {
            disks_.assign(nodes + 1, {});
        }
        opened_ = true;
    }
    void spawn(NodeId node, std::uint32_t incarnation, TimeUs now_us,
               const std::string& setup_json) override {
        setup_json_ = setup_json;
        workers_[node] = Worker{incarnation, now_us, false, std::nullopt, {}};
    }
    void terminate(NodeId node) override {
        Worker& worker = workers_[node];
        // Killed mid-whatever: half the time the next batch reached the disk
        // and its report did not leave.
        if (worker.node && !worker.inputs.empty() && random_.below(2) == 0) {
            step(node, worker, worker.inputs.front());
        }
        worker = Worker{};
    }
    void input(NodeId node, std::uint32_t incarnation, std::uint64_t seq, TimeUs now_us,
               const std::string* bytes) override {
        ASSERT_EQ(incarnation, workers_[node].incarnation);
        Input input{seq, now_us, std::nullopt};
        if (bytes != nullptr) {
            input.message = *bytes;
        }
        workers_[node].inputs.push_back(std::move(input));
    }
    void save_meta(const std::string&, const std::string& meta_json) override { meta_ = meta_json; }
    void close() override {}

    // Delivers one report (the channel opening, a boot, or an answered
    // input), of a worker drawn at random. False when there is none.
    bool report_one(WorkersRunner& runner, sim::Cluster& cluster) {
        if (opened_) {
            opened_ = false;
            runner.on_opened(cluster, false);
            return true;
        }
        std::vector<NodeId> ready;
        for (NodeId node = 1; node < workers_.size(); ++node) {
            const Worker& worker = workers_[node];
            if (!setup_json_.empty() && (!worker.booted || !worker.inputs.empty()) &&
                (worker.booted ||
                 runner.nodes()[node].status == WorkersRunner::NodeStatus::Booting)) {
                ready.push_back(node);
            }
        }
        if (ready.empty()) {
            return false;
        }
        const NodeId node = ready[random_.below(ready.size())];
        Worker& worker = workers_[node];
        if (!worker.booted) {
            boot(runner, cluster, node, worker);
            return true;
        }
        const Input input = worker.inputs.front();
        worker.inputs.pop_front();
        runner.on_sent(node, worker.incarnation, input.seq, step(node, worker, input));
        return true;
    }

    std::vector<std::map<std::string, std::string>>& disks() { return disks_; }
    const std::string& meta() const { return meta_; }

  private:
    void boot(WorkersRunner& runner, sim::Cluster& cluster, NodeId node, Worker& worker) {
        worker.booted = true;
        store::Batch loaded;
        std::vector<store::Record> records;
        for (const auto& [key, value] : disks_[node]) {
            loaded.push_back(store::Op{store::Op::Kind::Put, key, value});
            records.emplace_back(key, value);
        }
        std::string error;
        const auto setup = setup::setup_from_json(setup_json_, SetupOptions{}, error);
        auto durable = store::load(setup->algorithm, records);
        if (std::holds_alternative<AnyDurableState>(durable)) {
            worker.node.emplace(setup::make_config(*setup), node, worker.incarnation,
                                std::get<AnyDurableState>(std::move(durable)), worker.boot_us);
        }
        runner.on_booted(cluster, node, worker.incarnation, store::encode_batch(loaded));
    }

    std::string step(NodeId node, Worker& worker, const Input& input) {
        store::StoredNode::Output output =
            input.message ? std::get<store::StoredNode::Output>(
                                worker.node->step(*input.message, input.now_us))
                          : worker.node->fire_timer(input.now_us);
        auto& disk = disks_[node];
        for (const store::Op& op : output.writes) {
            if (op.kind == store::Op::Kind::Put) {
                disk[op.key] = op.value;
            } else {
                disk.erase(disk.lower_bound(op.key), disk.lower_bound(op.value));
            }
        }
        return store::frame_messages(output.messages);
    }

    Random random_;
    bool opened_ = false;
    std::string setup_json_;
    std::vector<Worker> workers_;
    std::vector<std::map<std::string, std::string>> disks_;
    std::string meta_;
};

SetupOptions workers_setup(Algorithm algorithm, std::uint64_t seed) {
    SetupOptions setup;
    setup.algorithm = algorithm;
    setup.seed = seed;
    setup.runner = Runner::Workers;
    return setup;
}

// A cluster on the workers runner with a fake page, started.
struct Rig {
    explicit Rig(std::uint64_t seed, Algorithm algorithm = all_algorithms().front())
        : setup(workers_setup(algorithm, seed)),
          fake(seed),
          cluster(setup::make_config(setup)),
          runner(fake, setup) {
        runner.start_fresh(cluster);
    }
    std::tuple<FakeWorkers&, sim::Cluster&, WorkersRunner&> parts() {
        return {fake, cluster, runner};
    }

    SetupOptions setup;
    FakeWorkers fake;
    sim::Cluster cluster;
    WorkersRunner runner;
};

Command put(int n) {
    Command command;
    command.kind = OperationKind::Put;
    command.key = "k" + std::to_string(n % 4);
    command.value = std::to_string(n);
    return command;
}

// Takes `steps` events, waiting for reports where the runner says so; at
// fixed steps (once nothing is unsent), kills and restarts a node and starts
// clients. Returns the trace.
std::vector<std::string> run(sim::Cluster& cluster, WorkersRunner* runner, FakeWorkers* fake,
                             int steps) {
    std::vector<std::string> trace;
    const auto settle = [&] {
        while (runner && (!runner->ready() || runner->unsent_inputs() > 0)) {
            if (!fake->report_one(*runner, cluster)) {
                ADD_FAILURE() << "the runner waits for a report that never comes";
                return;
            }
        }
    };
    settle();
    for (int step = 0; step < steps && !cluster.violation(); ++step) {
        if (step % 50 == 0) {
            cluster.start_client(put(step));
        }
        if (step % 400 == 200 || step % 400 == 300) {
            settle();
            const auto node =
                static_cast<NodeId>(1 + static_cast<std::size_t>(step / 400) % cluster.size());
            if (step % 400 == 200) {
                runner ? runner->kill(cluster, node) : cluster.crash(node);
            } else {
                runner ? runner->restart(cluster, node) : cluster.restart(node);
                settle();
            }
        }
        const auto event = cluster.next_event();
        while (runner && event && !runner->may_take(cluster, *event)) {
            if (!fake->report_one(*runner, cluster)) {
                ADD_FAILURE() << "the next event waits for a report that never comes";
                return trace;
            }
        }
        cluster.step();
        if (runner) {
            runner->dispatch(cluster);
        }
    }
    for (std::string& line : cluster.take_trace()) {
        trace.push_back(std::move(line));
    }
    return trace;
}

TEST(WorkersRunner, sameTraceAsInProcessForEveryProtocol) {
    for (const Algorithm algorithm : all_algorithms()) {
        for (std::uint64_t seed = 1; seed <= 3; ++seed) {
            const SetupOptions setup = workers_setup(algorithm, seed);
            SetupOptions in_process = setup;
            in_process.runner = Runner::InProcess;
            sim::Cluster reference(setup::make_config(in_process));
            const auto expected = run(reference, nullptr, nullptr, 1500);

            Rig rig(seed, algorithm);
            const auto trace = run(rig.cluster, &rig.runner, &rig.fake, 1500);
            ASSERT_EQ(trace, expected) << algorithm_name(algorithm) << " seed " << seed;
            EXPECT_TRUE(rig.runner.dropped().empty());
        }
    }
}

TEST(WorkersRunner, killsWithUnsentInputsLoseOnlyUnsentMessagesAndTheCheckersHold) {
    for (std::uint64_t seed = 1; seed <= 5; ++seed) {
        Rig rig(seed);
        auto [fake, cluster, runner] = rig.parts();
        Random random(seed);
        std::uint64_t kills = 0;
        for (int step = 0; step < 6000 && !cluster.violation(); ++step) {
            if (step % 20 == 0) {
                cluster.start_client(put(step));
            }
            // Kill whoever is busy, with inputs unanswered, now and then.
            const auto victim = static_cast<NodeId>(1 + random.below(cluster.size()));
            if (random.below(100) == 0 && cluster.is_up(victim) &&
                runner.nodes()[victim].unsent_inputs > 0) {
                runner.kill(cluster, victim);
                ++kills;
            } else if (random.below(60) == 0 && !cluster.is_up(victim) &&
                       runner.nodes()[victim].status == WorkersRunner::NodeStatus::Down) {
                runner.restart(cluster, victim);
            }
            const auto event = cluster.next_event();
            if (!event || !runner.may_take(cluster, *event)) {
                fake.report_one(runner, cluster);
                continue;
            }
            cluster.step();
            runner.dispatch(cluster);
        }
        ASSERT_FALSE(cluster.violation()) << cluster.violation()->to_string();
        EXPECT_GT(kills, 10U) << "seed " << seed;
        bool dropped_unsent = false;
        for (const std::string& line : cluster.take_trace()) {
            dropped_unsent = dropped_unsent || line.find("\"why\":\"unsent\"") != std::string::npos;
        }
        EXPECT_TRUE(dropped_unsent);
        const History& history = cluster.history();
        EXPECT_GT(std::count_if(history.begin(), history.end(),
                                [](const ClientOperation& op) { return op.ok; }),
                  20);
    }
}

TEST(WorkersRunner, reportsThatAreNotExpectedAreDroppedAndCounted) {
    Rig rig(7);
    auto [fake, cluster, runner] = rig.parts();
    while (!runner.ready()) {
        fake.report_one(runner, cluster);
    }
    // Step until some input is unsent.
    while (runner.unsent_inputs() == 0) {
        cluster.step();
        runner.dispatch(cluster);
    }
    NodeId busy = 1;
    while (runner.nodes()[busy].unsent_inputs == 0) {
        ++busy;
    }
    const std::uint32_t incarnation = runner.nodes()[busy].incarnation;
    runner.on_sent(busy, incarnation, 0, "forged");
    runner.on_sent(busy, incarnation + 1, 0, "");
    runner.on_sent(99, 0, 0, "");
    runner.on_booted(cluster, busy, incarnation, "");
    EXPECT_EQ(runner.dropped().at("output differs from the mirror's"), 1U);
    EXPECT_EQ(runner.dropped().at("from another incarnation"), 1U);
    EXPECT_EQ(runner.dropped().at("unknown node id"), 1U);
    EXPECT_EQ(runner.dropped().at("from a node that is up"), 1U);
    EXPECT_EQ(runner.nodes()[busy].unsent_inputs, 1U);  // still waiting for the real one
    EXPECT_TRUE(cluster.is_up(busy));
}

TEST(WorkersRunner, aDamagedRecordIsAFailedDiskNotASilentRestart) {
    Rig rig(3);
    auto [fake, cluster, runner] = rig.parts();
    for (int step = 0; step < 3000; ++step) {
        const auto event = cluster.next_event();
        if (!runner.ready() || !event || !runner.may_take(cluster, *event)) {
            fake.report_one(runner, cluster);
            continue;
        }
        cluster.step();
        runner.dispatch(cluster);
    }
    while (fake.report_one(runner, cluster)) {
    }
    ASSERT_FALSE(fake.disks()[2].empty());
    runner.kill(cluster, 2);
    auto& record = fake.disks()[2].begin()->second;
    record.back() = static_cast<char>(record.back() ^ 0x01);
    runner.restart(cluster, 2);
    while (fake.report_one(runner, cluster)) {
    }
    EXPECT_EQ(runner.nodes()[2].status, WorkersRunner::NodeStatus::DiskFailed);
    EXPECT_NE(runner.nodes()[2].reason.find("checksum mismatch"), std::string::npos)
        << runner.nodes()[2].reason;
    EXPECT_FALSE(cluster.is_up(2));
    EXPECT_NE(fake.meta().find("\"down\":[2]"), std::string::npos) << fake.meta();
}

TEST(WorkersRunner, hostOffered_movesARunningNodeByARestartFromItsDiskAndOnlyOnce) {
    Rig rig(5);
    auto [fake, cluster, runner] = rig.parts();
    const auto run_steps = [&](int steps) {
        for (int step = 0; step < steps; ++step) {
            const auto event = cluster.next_event();
            if (!runner.ready() || !event || !runner.may_take(cluster, *event)) {
                fake.report_one(runner, cluster);
                continue;
            }
            cluster.step();
            runner.dispatch(cluster);
        }
        while (fake.report_one(runner, cluster)) {
        }
    };
    run_steps(2000);
    ASSERT_TRUE(cluster.is_up(4));
    const std::uint32_t incarnation = runner.nodes()[4].incarnation;
    // Up here: it moves, as a restart from its disk (a worker cannot carry memory).
    EXPECT_TRUE(runner.host_offered(cluster, 4));
    EXPECT_FALSE(cluster.is_up(4));
    EXPECT_EQ(runner.nodes()[4].status, WorkersRunner::NodeStatus::Booting);
    EXPECT_EQ(runner.nodes()[4].incarnation, incarnation + 1);
    runner.on_placed(4, "tab-a");
    while (fake.report_one(runner, cluster)) {
    }
    EXPECT_TRUE(cluster.is_up(4));
    EXPECT_EQ(runner.nodes()[4].host, "tab-a");
    // Already in another tab: it stays where it is until it restarts.
    EXPECT_FALSE(runner.host_offered(cluster, 4));
    EXPECT_TRUE(cluster.is_up(4));
    // Down: nothing to move; it starts in the offering tab when restarted.
    runner.kill(cluster, 5);
    EXPECT_FALSE(runner.host_offered(cluster, 5));
    EXPECT_EQ(runner.nodes()[5].status, WorkersRunner::NodeStatus::Down);
    runner.restart(cluster, 5);
    run_steps(2000);
    ASSERT_FALSE(cluster.violation()) << cluster.violation()->to_string();
    EXPECT_TRUE(cluster.is_up(5));
    EXPECT_TRUE(runner.dropped().empty());
}

}  // namespace
}  // namespace quorum::dashboard
