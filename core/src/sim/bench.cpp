#include "quorum/sim/bench.hpp"

#include <algorithm>
#include <cassert>
#include <string>

namespace quorum::sim {

Cluster bench_cluster(const BenchOptions& options) {
    ClusterConfig config;
    config.protocol = options.protocol;
    config.nodes = options.nodes;
    config.seed = options.seed;
    config.trace = false;
    config.check_invariants = options.check_invariants;
    Cluster cluster(config);
    std::uint64_t next_key = 0;
    while (cluster.now() < options.virtual_us) {
        Command put;
        put.kind = OperationKind::Put;
        put.key = "k" + std::to_string(next_key % 16);
        put.value = std::to_string(next_key);
        ++next_key;
        cluster.start_client(put);
        cluster.run_for(options.client_interval_us);
    }
    return cluster;
}

BenchCounts run_bench(const BenchOptions& options) {
    const Cluster cluster = bench_cluster(options);
    BenchCounts counts;
    counts.events = cluster.events_processed();
    counts.messages_delivered = cluster.messages_delivered();
    for (NodeId node = 1; node <= options.nodes; ++node) {
        if (cluster.is_up(node)) {
            counts.commits = std::max(counts.commits, cluster.committed(node));
        }
    }
    counts.acknowledged = static_cast<std::uint64_t>(
        std::count_if(cluster.history().begin(), cluster.history().end(),
                      [](const ClientOperation& op) { return op.return_us.has_value(); }));
    counts.safe = cluster.violation() == nullptr;
    return counts;
}

}  // namespace quorum::sim
