// Google Benchmark suite for the simulator (native builds only). The same
// workload as `quorum-sim bench` (core/include/quorum/sim/bench.hpp): a Raft
// cluster with a client put every 10 ms of virtual time, no faults. Reported
// as events per second, with and without the invariant checkers.
//
//   build/native-release/tests/simulator_bench
//
// Benchmarks measure; tests assert. CTest only runs this once, briefly, so
// the suite keeps building and running.
#include <benchmark/benchmark.h>

#include "quorum/sim/bench.hpp"

namespace {

void run(benchmark::State& state, bool check_invariants) {
    quorum::sim::BenchOptions options;
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
    run(state, true);
}
void BM_RaftCluster_WithoutCheckers(benchmark::State& state) {
    run(state, false);
}

BENCHMARK(BM_RaftCluster_WithCheckers)->Arg(3)->Arg(5)->Arg(9)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_RaftCluster_WithoutCheckers)->Arg(3)->Arg(5)->Arg(9)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
