// The simulator's benchmark workload, shared by `quorum-sim bench` (which
// times it, natively and in wasm under node) and the Google Benchmark suite:
// a cluster of a protocol whose clients write keys, with a steady client
// load (one put every 10 ms of virtual time, each from a new client), no
// faults, no trace, invariant checkers on unless asked otherwise. The
// protocol runs its default config (every node in every role). The core does
// no timing: callers measure wall time around run_bench().
#pragma once

#include <cstddef>
#include <cstdint>

#include "quorum/sim/cluster.hpp"
#include "quorum/types.hpp"

namespace quorum::sim {

struct BenchOptions {
    // The protocol and its nodes' config: one with a log to fill (a protocol
    // whose clients propose one value has no steady load to serve).
    ProtocolConfig protocol;
    std::size_t nodes = 5;
    TimeUs virtual_us = 10 * kMicrosecondsPerSecond;
    std::uint64_t seed = 1;
    TimeUs client_interval_us = 10 * kMicrosecondsPerMillisecond;
    bool check_invariants = true;
};

struct BenchCounts {
    std::uint64_t events = 0;
    std::uint64_t messages_delivered = 0;
    std::uint64_t commits = 0;  // the highest committed position (log index, slot) reached
    std::uint64_t acknowledged = 0;
    bool safe = true;
};

BenchCounts run_bench(const BenchOptions& options);

// The cluster as run_bench leaves it (for measuring snapshots: copying a
// Cluster is how the dashboard rewinds).
Cluster bench_cluster(const BenchOptions& options);

}  // namespace quorum::sim
