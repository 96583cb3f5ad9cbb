// A Multi-Paxos node in the Inspector: what it made durable (its acceptor's
// ballot_num and pvalues, its leader's ballot, its replica's decisions), then
// each role it holds (PMMC's figures).
#include <imgui.h>

#include "protocols/multipaxos/view.hpp"
#include "quorum/sim/nodes.hpp"

namespace quorum::dashboard::multipaxos_view {

namespace {

std::string ids_text(const std::vector<NodeId>& ids) {
    std::string text;
    for (NodeId id : ids) {
        text += (text.empty() ? "S" : ", S") + std::to_string(id);
    }
    return text.empty() ? "none" : text;
}

void replica_fields(const multipaxos::Replica& replica) {
    field_row("slot_in", std::to_string(replica.slot_in()),
              "slot_in (PMMC, Figure 1): the next slot this replica proposes a request for.");
    field_row("slot_out", std::to_string(replica.slot_out()),
              "slot_out (Figure 1): the next slot to apply; every slot below it is decided and "
              "applied.");
    field_row("requests", std::to_string(replica.requests().size()),
              "requests (Figure 1): client commands not yet proposed.");
    field_row("proposals", std::to_string(replica.proposals().size()),
              "proposals (Figure 1): commands proposed for a slot and not yet decided.");
}

void leader_fields(const multipaxos::Leader& leader) {
    field_row("active", leader.active() ? "yes" : (leader.campaigning() ? "scouting" : "no"),
              "active (PMMC, Figure 7): a majority of acceptors adopted this leader's ballot, so "
              "it may command slots.");
    field_row("scouts", std::to_string(leader.scouts().size()),
              "Scouts (Figure 6) run phase 1: P1a to the acceptors, adopted on a majority of P1b.");
    field_row("commanders", std::to_string(leader.commanders().size()),
              "Commanders (Figure 5) run phase 2 for one slot: P2a, then a Decision on a majority "
              "of P2b.");
    field_row("leader proposals", std::to_string(leader.proposals().size()),
              "The leader's proposals (Figure 7): slot -> command it has been asked to get "
              "decided.");
    field_row("configuration",
              "leaders " + ids_text(leader.latest_configuration().leaders) + "; acceptors " +
                  ids_text(leader.latest_configuration().acceptors),
              "The newest configuration (PMMC section 3, reconfiguration): who leads and who "
              "accepts.");
}

}  // namespace

void durable_fields(const multipaxos::DurableState& durable) {
    ImGui::TextColored(kDurableHeading, "Durable (survives a crash)");
    if (!begin_fields("durable")) {
        return;
    }
    field_row("acceptor ballot_num", multipaxos::ballot_text(durable.acceptor_ballot),
              "The acceptor's ballot_num (PMMC, Figure 4): it adopts no ballot below this one.");
    field_row("accepted", std::to_string(durable.accepted.size()) + " pvalues",
              "The acceptor's accepted set (PMMC): per slot, the pvalue <ballot, slot, command> of "
              "the highest ballot it accepted.");
    field_row("leader ballot_num", multipaxos::ballot_text(durable.leader_ballot),
              "The leader's ballot_num (PMMC, Figure 7), kept so a restarted leader goes higher.");
    field_row("decisions", std::to_string(durable.decisions.size()) + " slots",
              "The replica's decisions (PMMC, Figure 1): slot -> command, replayed after a "
              "restart.");
    ImGui::EndTable();
}

void View::draw_node(const sim::Cluster& cluster, NodeId id) const {
    const multipaxos::Node& node = cluster.nodes<multipaxos::Protocol>().node(id);
    durable_fields(node.durable_state());
    ImGui::TextColored(kVolatileHeading, "Volatile (lost on a crash)");
    if (!begin_fields("volatile")) {
        return;
    }
    const multipaxos::Roles roles = node.roles();
    field_row("roles",
              std::string(roles.replica ? "replica " : "") + (roles.leader ? "leader " : "") +
                  (roles.acceptor ? "acceptor" : ""),
              "PMMC's three roles; one node may hold any of them.");
    if (node.replica()) {
        replica_fields(*node.replica());
    }
    if (node.leader()) {
        leader_fields(*node.leader());
    }
    if (node.next_deadline() != kNoDeadline) {
        field_row("timer", deadline_text(node.next_deadline(), cluster.now()),
                  "The next heartbeat or retransmission, failover timeout, or replica retry.");
    }
    ImGui::EndTable();
}

void View::draw_crashed_node(const sim::Cluster& cluster, NodeId id) const {
    durable_fields(cluster.nodes<multipaxos::Protocol>().durable_state(id));
}

}  // namespace quorum::dashboard::multipaxos_view
