// Raft's part of the swarm fuzzer (sim/fuzz.hpp): no roles to draw, and the
// liveness goal of the paper's section 5: after every fault is repaired, a
// leader is elected and a fresh write commits.
#include "quorum/sim/fuzz.hpp"
#include "quorum/raft/protocol.hpp"

namespace quorum::raft {

Config Protocol::fuzz_layout(Config config, std::size_t, Random&, std::string&) {
    return config;
}

TimeUs Protocol::fuzz_liveness_bound(const Config& config) {
    return 20 * config.election_timeout_max_us;
}

bool Protocol::fuzz_liveness(sim::FuzzLiveness& run) {
    const sim::Cluster& cluster = run.cluster();
    if (!run.run_until([&] { return cluster.leader().has_value(); })) {
        run.fail("no leader was elected" + run.within() + " (highest term " +
                 std::to_string(cluster.highest_term()) + ")");
        return false;
    }
    if (!run.fresh_operation_answered()) {
        run.fail("a fresh put was not acknowledged" + run.within() + " (leader " +
                 std::to_string(cluster.leader().value_or(kNoNode)) + ", term " +
                 std::to_string(cluster.highest_term()) + ")");
        return false;
    }
    return true;
}

}  // namespace quorum::raft
