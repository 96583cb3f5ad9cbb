// Single-decree Paxos's part of the swarm fuzzer (sim/fuzz.hpp): each seed
// draws which nodes propose, accept and learn, and the liveness goal is that
// once every fault is repaired a fresh proposal is answered and a value is
// chosen (a majority of acceptors accepted one ballot).
#include "quorum/sim/fuzz.hpp"
#include "quorum/paxos/protocol.hpp"
#include "quorum/sim/nodes.hpp"

namespace quorum::paxos {

Config Protocol::fuzz_layout(Config config, std::size_t nodes, Random& random, std::string& roles) {
    sim::draw_role_unless_given(config.proposers, random, nodes);
    sim::draw_role_unless_given(config.acceptors, random, nodes);
    sim::draw_role_unless_given(config.learners, random, nodes);
    roles = "proposers " + sim::id_list(config.proposers) + " acceptors " +
            sim::id_list(config.acceptors) + " learners " + sim::id_list(config.learners);
    return config;
}

// A proposer that gathers no majority retries after at most retry and
// backoff; with randomized backoff two dueling proposers stop colliding in a
// few rounds, as split votes do.
TimeUs Protocol::fuzz_liveness_bound(const Config& config) {
    return 20 * (config.retry_timeout_us + config.backoff_max_us);
}

bool Protocol::fuzz_liveness(sim::FuzzLiveness& run) {
    const auto& checker = run.cluster().nodes<Protocol>().checker();
    if (!run.fresh_operation_answered()) {
        run.fail("a fresh proposal was not answered" + run.within() + " (" +
                 (checker.chosen() ? "'" + checker.chosen()->value + "' is chosen"
                                   : std::string("nothing is chosen")) +
                 ")");
        return false;
    }
    if (!checker.chosen()) {
        run.fail("a proposal was answered but no value is chosen");
        return false;
    }
    return true;
}

}  // namespace quorum::paxos
