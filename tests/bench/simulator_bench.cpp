// Google Benchmark suite for the simulator (native builds only). The same
// workload as `quorum-sim bench` (core/include/quorum/sim/bench.hpp): a Raft
// or Multi-Paxos cluster with a client put every 10 ms of virtual time, no
// faults. Reported as events per second, with and without the invariant
// checkers.
//
//   build/native-release/tests/simulator_bench
//
// Benchmarks measure; tests assert. CTest only runs this once, briefly, so
// the suite keeps building and running.
#include <benchmark/benchmark.h>

#include <malloc.h>

#include "quorum/protocols.hpp"
#include "quorum/sim/bench.hpp"
#include "quorum/sim/cluster.hpp"
#include "quorum/sim/nodes.hpp"

namespace {

void run(benchmark::State& state, quorum::Algorithm algorithm, bool check_invariants) {
    quorum::sim::BenchOptions options;
    options.protocol = quorum::default_protocol_config(algorithm);
    options.nodes = static_cast<std::size_t>(state.range(0));
    options.virtual_us = 5 * quorum::kMicrosecondsPerSecond;
    options.check_invariants = check_invariants;
    std::uint64_t events = 0;
    for (auto _ : state) {
        const auto counts = quorum::sim::run_bench(options);
        events += counts.events;
        benchmark::DoNotOptimize(counts);
    }
    state.counters["events_per_s"] =
        benchmark::Counter(static_cast<double>(events), benchmark::Counter::kIsRate);
}

void BM_RaftCluster_WithCheckers(benchmark::State& state) {
    run(state, quorum::Algorithm::Raft, true);
}
void BM_RaftCluster_WithoutCheckers(benchmark::State& state) {
    run(state, quorum::Algorithm::Raft, false);
}
void BM_MultiPaxosCluster_WithCheckers(benchmark::State& state) {
    run(state, quorum::Algorithm::MultiPaxos, true);
}
void BM_MultiPaxosCluster_WithoutCheckers(benchmark::State& state) {
    run(state, quorum::Algorithm::MultiPaxos, false);
}

// A snapshot of a 5-node cluster after 100 virtual seconds: 10,000 log
// entries per node, 10,000 clients in the history.
void BM_CopyClusterSnapshot(benchmark::State& state) {
    quorum::sim::BenchOptions options;
    options.protocol = quorum::default_protocol_config(quorum::Algorithm::Raft);
    options.virtual_us = 100 * quorum::kMicrosecondsPerSecond;
    const quorum::sim::Cluster cluster = quorum::sim::bench_cluster(options);
    std::size_t bytes = 0;
    for (auto _ : state) {
        // glibc's count of heap bytes in use, before and after the copy: what
        // one snapshot (one step of rewind) costs.
        const std::size_t before = mallinfo2().uordblks;
        quorum::sim::Cluster copy = cluster;
        bytes = mallinfo2().uordblks - before;
        benchmark::DoNotOptimize(copy);
    }
    state.counters["log_entries_per_node"] =
        static_cast<double>(cluster.nodes<quorum::raft::Protocol>().node(1).last_index());
    state.counters["snapshot_bytes"] = static_cast<double>(bytes);
}

BENCHMARK(BM_CopyClusterSnapshot)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_RaftCluster_WithCheckers)->Arg(3)->Arg(5)->Arg(9)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_RaftCluster_WithoutCheckers)->Arg(3)->Arg(5)->Arg(9)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_MultiPaxosCluster_WithCheckers)->Arg(3)->Arg(5)->Arg(9)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_MultiPaxosCluster_WithoutCheckers)
    ->Arg(3)
    ->Arg(5)
    ->Arg(9)
    ->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
