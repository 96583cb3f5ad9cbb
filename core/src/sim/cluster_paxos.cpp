// The host side of single-decree Paxos nodes in the simulator: the same
// scheduler, network and clients as Raft's; only the node, its durable state
// and its checker differ.
//
// Trace lines besides the common ones (SCENARIOS.md):
//   {"t":..,"ev":"phase","node":1,"phase":"preparing","ballot":"2.1"}
//       a proposer's phase or ballot changed (Paxos's "role" line)
//   {"t":..,"ev":"learn","node":3,"value":"v1"}
//       a learner learned the chosen value
//   {"t":..,"ev":"chosen","instance":0,"value":"v1"}
//       the value became chosen: a majority of acceptors accepted one ballot
//       (written once, at the acceptance that made the majority, whether or
//       not any node knows it yet; a second line with another value only
//       where Paxos was broken on purpose, persist=off)
#include <cassert>

#include "quorum/json_escape.hpp"
#include "quorum/sim/cluster.hpp"

namespace quorum::sim {

void Cluster::init_paxos() {
    // Role lists: filled in by with_defaults().
    paxos_nodes_.resize(config_.nodes + 1);
    paxos_durable_.resize(config_.nodes + 1);
    paxos_invariants_ = PaxosInvariants(config_.paxos.acceptors);
}

paxos::Node Cluster::make_paxos_node(NodeId node) {
    return paxos::Node(node, config_.paxos, paxos_durable_[node], node_random(node), now_);
}

// The host's half of the node contract: durable writes first, then messages.
// The checker hears of every Ready even with checks off: it is also what
// knows when a value became chosen.
void Cluster::handle_paxos_ready(NodeId id, paxos::Ready ready, paxos::ProposerPhase phase_before,
                                 paxos::Ballot ballot_before) {
    ready.persist_to(paxos_durable_[id]);
    const paxos::Node& node = *paxos_nodes_[id];
    const std::size_t chosen_before = paxos_invariants_.chosen_values().size();
    paxos_invariants_.on_ready(node, ready, now_);
    if (config_.trace) {
        if (node.phase() != phase_before || node.ballot() != ballot_before) {
            trace_paxos_phase(id);
        }
        if (ready.learned) {
            trace(trace_prefix("learn") + ",\"node\":" + std::to_string(id) +
                  ",\"value\":" + json_string(*ready.learned) + "}");
        }
        // A second value only where Paxos is broken (persist=off): the trace
        // shows it, so `quorum-sim check` catches it from the trace alone.
        const auto& chosen_values = paxos_invariants_.chosen_values();
        for (std::size_t i = chosen_before; i < chosen_values.size(); ++i) {
            trace(trace_prefix("chosen") +
                  ",\"instance\":0,\"value\":" + json_string(chosen_values[i]) + "}");
        }
    }
    for (Message& message : ready.messages) {
        send(std::move(message));
    }
}

void Cluster::trace_paxos_phase(NodeId id) {
    const paxos::Node& node = *paxos_nodes_[id];
    trace(trace_prefix("phase") + ",\"node\":" + std::to_string(id) + ",\"phase\":\"" +
          paxos::phase_name(node.phase()) + "\",\"ballot\":\"" + node.ballot().to_string() + "\"}");
}

std::optional<paxos::Value> Cluster::chosen() const {
    if (const auto& chosen = paxos_invariants_.chosen()) {
        return chosen->value;
    }
    return std::nullopt;
}

}  // namespace quorum::sim
