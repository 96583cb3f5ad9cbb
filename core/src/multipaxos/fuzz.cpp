// Multi-Paxos's part of the swarm fuzzer (sim/fuzz.hpp): each seed draws
// which nodes are replicas, leaders and acceptors, and the window; once every
// fault is repaired an active leader must emerge, a fresh put be acknowledged
// (so decided and applied), and every replica apply the slots up to it.
#include <algorithm>

#include "quorum/multipaxos/protocol.hpp"
#include "quorum/sim/fuzz.hpp"
#include "quorum/sim/nodes.hpp"

namespace quorum::multipaxos {

namespace {

// "leader 2, highest ballot 7.2, decided slots 1:12 2:12 3:9".
std::string state(const sim::Cluster& cluster) {
    const auto& nodes = cluster.nodes<Protocol>();
    const auto leader = cluster.leader();
    std::string text = "leader " + (leader ? std::to_string(*leader) : std::string("none")) +
                       ", highest ballot " + ballot_text(Protocol::highest_ballot(nodes.slots())) +
                       ", decided slots";
    for (NodeId id : nodes.config().replicas) {
        text +=
            " " + std::to_string(id) + ":" +
            (cluster.is_up(id) ? std::to_string(nodes.node(id).decided_slots()) : std::string("x"));
    }
    return text;
}

}  // namespace

Config Protocol::fuzz_layout(Config config, std::size_t nodes, Random& random, std::string& roles) {
    const bool fixed =
        !config.replicas.empty() || !config.leaders.empty() || !config.acceptors.empty();
    sim::draw_role_unless_given(config.replicas, random, nodes);
    sim::draw_role_unless_given(config.leaders, random, nodes);
    sim::draw_role_unless_given(config.acceptors, random, nodes);
    const auto window = static_cast<Slot>(random.between(1, 8));
    if (!fixed) {
        config.window = window;
    }
    roles = "replicas " + sim::id_list(config.replicas) + " leaders " +
            sim::id_list(config.leaders) + " acceptors " + sim::id_list(config.acceptors) +
            " window " + std::to_string(config.window);
    return config;
}

// A passive leader takes over after one timeout, a preempted one backs off a
// random timeout, and the rest pays for the replicas' retries and the
// clients'.
TimeUs Protocol::fuzz_liveness_bound(const Config& config) {
    return 20 * config.leader_timeout_max_us();
}

bool Protocol::fuzz_liveness(sim::FuzzLiveness& run) {
    const sim::Cluster& cluster = run.cluster();
    if (!run.run_until([&] { return cluster.leader().has_value(); })) {
        run.fail("no leader became active" + run.within() + " (" + state(cluster) + ")");
        return false;
    }
    if (!run.fresh_operation_answered()) {
        run.fail("a fresh put was not acknowledged" + run.within() + " (" + state(cluster) + ")");
        return false;
    }
    const auto& nodes = cluster.nodes<Protocol>();
    const std::vector<NodeId>& replicas = nodes.config().replicas;
    Slot target = 0;
    for (NodeId id : replicas) {
        target = std::max(target, nodes.node(id).decided_slots());
    }
    const auto every_replica_caught_up = [&] {
        return std::all_of(replicas.begin(), replicas.end(),
                           [&](NodeId id) { return nodes.node(id).decided_slots() >= target; });
    };
    if (!run.run_until(every_replica_caught_up)) {
        run.fail("not every replica applied the slots up to the fresh put's (" +
                 std::to_string(target) + ")" + run.within() + " (" + state(cluster) + ")");
        return false;
    }
    return true;
}

}  // namespace quorum::multipaxos
