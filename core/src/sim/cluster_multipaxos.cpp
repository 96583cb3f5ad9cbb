// The host side of Multi-Paxos nodes in the simulator (van Renesse and
// Altinbuken, "Paxos Made Moderately Complex", 2015; PMMC): the same
// scheduler, network and clients as Raft's and Paxos's; only the node, its
// durable state and its checker differ.
//
// Roles come from ClusterConfig::multipaxos (replicas, leaders, acceptors;
// an empty list means every node). Clients send ClientRequest to any node: a
// replica proposes the command and answers once it has applied it; a node
// that is no replica answers NotLeader with a replica as the hint.
//
// Trace lines besides the common ones (SCENARIOS.md):
//   {"t":..,"ev":"apply","node":2,"slot":3,"cmd":"put x 1"}
//       a replica applied a slot (Raft's apply line with `slot` for `index`
//       and no `term`); no-ops appear as "noop", reconfigurations as
//       "reconfigure leaders=1,2 acceptors=3,4,5"
//   {"t":..,"ev":"role","node":2,"role":"leader","ballot":"3.2"}
//   {"t":..,"ev":"role","node":2,"role":"passive","ballot":"4.2"}
//       a leader's state changed: "leader" when it becomes active (PMMC's
//       `active`: a majority of acceptors adopted its ballot), "passive"
//       when it stops being active (preempted, or retired by a
//       reconfiguration) or when, passive, it starts a scout with a new
//       ballot. Written whenever (active, ballot_num) changes, never for a
//       node that is no leader. Ballots are "r.n": round r of leader n.
//       Nothing is written at start or restart: every leader starts passive.
//
// Who is "the leader" (Cluster::leader(), the scenario language's `leader`,
// `crash leader`, `remember x = leader`): the live node whose leader is
// active and whose ballot no live acceptor has promised beyond. A leader
// whose ballot some acceptor has already given up for a higher one is about
// to be preempted (its next P2a to that acceptor comes back with the higher
// ballot), as a Raft leader of a stale term is no leader. A passive leader
// scouting with a higher ballot that has reached no acceptor (it is cut off)
// does not depose the active one. `term` is the round of the highest ballot
// of any live node (acceptor or leader).
#include <algorithm>
#include <cassert>

#include "quorum/json_escape.hpp"
#include "quorum/sim/cluster.hpp"

namespace quorum::sim {

static_assert(kNoDeadline == kNoDeadline,
              "the scheduler uses one 'no timer' value for every protocol");

namespace {

struct LeaderState {
    bool active = false;
    multipaxos::Ballot ballot;
};

LeaderState leader_state(const multipaxos::Node& node) {
    if (!node.leader()) {
        return {};
    }
    return {node.leader()->active(), node.leader()->ballot_num()};
}

}  // namespace

void Cluster::init_multipaxos() {
    // Role lists: filled in by with_defaults().
    multipaxos_nodes_.resize(config_.nodes + 1);
    multipaxos_durable_.resize(config_.nodes + 1);
}

multipaxos::Node Cluster::make_multipaxos_node(NodeId node) {
    return multipaxos::Node(node, config_.multipaxos, multipaxos_durable_[node], node_random(node),
                            now_);
}

void Cluster::step_multipaxos_node(NodeId id, const Message* message) {
    multipaxos::Node& node = *multipaxos_nodes_[id];
    const LeaderState before = leader_state(node);
    handle_multipaxos_ready(id, message ? node.step(*message, now_) : node.fire_timer(now_),
                            before.active, before.ballot);
}

// The host's half of the node contract: durable writes first, then messages.
void Cluster::handle_multipaxos_ready(NodeId id, multipaxos::Ready ready, bool active_before,
                                      multipaxos::Ballot ballot_before) {
    ready.persist_to(multipaxos_durable_[id]);
    const multipaxos::Node& node = *multipaxos_nodes_[id];
    if (config_.check_invariants) {
        multipaxos_invariants_.on_ready(id, ready, now_);
    }
    if (config_.trace) {
        const LeaderState after = leader_state(node);
        if (after.active != active_before || after.ballot != ballot_before) {
            trace_multipaxos_role(id);
        }
        for (const multipaxos::AppliedEntry& entry : ready.applied) {
            trace(trace_prefix("apply") + ",\"node\":" + std::to_string(id) +
                  ",\"slot\":" + std::to_string(entry.slot) +
                  ",\"cmd\":" + json_string(multipaxos::describe(entry.decree)) + "}");
        }
    }
    for (Message& message : ready.messages) {
        send(std::move(message));
    }
}

// Traced as {"ev":"reconfigure","node":1,"leaders":[1,2],"acceptors":[2,3,4]}.
// An operator's input straight to the node, not a message: node inputs
// (record_node_inputs) have no kind for it, so a runner that hosts nodes
// elsewhere cannot replay it yet.
bool Cluster::reconfigure(NodeId id, const multipaxos::Configuration& configuration) {
    assert(config_.algorithm == Algorithm::MultiPaxos);
    assert(!config_.record_node_inputs);
    if (!is_up(id) || !multipaxos_nodes_[id]->replica()) {
        return false;
    }
    if (config_.trace) {
        const auto json_list = [](const std::vector<NodeId>& nodes) {
            std::string text;
            for (NodeId node : nodes) {
                text += (text.empty() ? "" : ",") + std::to_string(node);
            }
            return "[" + text + "]";
        };
        trace(trace_prefix("reconfigure") + ",\"node\":" + std::to_string(id) +
              ",\"leaders\":" + json_list(configuration.leaders) +
              ",\"acceptors\":" + json_list(configuration.acceptors) + "}");
    }
    // Only proposed configurations may be decided (the validity rule).
    multipaxos_invariants_.on_proposed(multipaxos::Decree{
        Command::make_noop(),
        multipaxos::Configuration{multipaxos::normalized(configuration.leaders),
                                  multipaxos::normalized(configuration.acceptors)}});
    multipaxos::Node& node = *multipaxos_nodes_[id];
    const LeaderState before = leader_state(node);
    handle_multipaxos_ready(id, node.reconfigure(configuration, now_), before.active,
                            before.ballot);
    refresh_deadline(id);
    after_event(id);
    return true;
}

void Cluster::trace_multipaxos_role(NodeId id) {
    const LeaderState state = leader_state(*multipaxos_nodes_[id]);
    trace(trace_prefix("role") + ",\"node\":" + std::to_string(id) + ",\"role\":\"" +
          (state.active ? "leader" : "passive") + "\",\"ballot\":\"" + ballot_text(state.ballot) +
          "\"}");
}

multipaxos::Ballot Cluster::highest_ballot() const {
    multipaxos::Ballot highest;
    for (const auto& node : multipaxos_nodes_) {
        if (node) {
            highest =
                std::max({highest, node->acceptor().ballot_num(), leader_state(*node).ballot});
        }
    }
    return highest;
}

std::optional<NodeId> Cluster::multipaxos_leader() const {
    multipaxos::Ballot promised;  // the highest ballot a live acceptor holds
    for (const auto& node : multipaxos_nodes_) {
        if (node) {
            promised = std::max(promised, node->acceptor().ballot_num());
        }
    }
    std::optional<NodeId> found;
    multipaxos::Ballot found_ballot;
    for (const auto& node : multipaxos_nodes_) {
        if (!node) {
            continue;
        }
        const LeaderState state = leader_state(*node);
        if (state.active && state.ballot >= promised && (!found || state.ballot > found_ballot)) {
            found = node->id();
            found_ballot = state.ballot;
        }
    }
    return found;
}

}  // namespace quorum::sim
