// A Paxos node in the Inspector: its acceptor's promise and accepted
// proposal (durable), its proposer's attempt and its learner's value.
#include <imgui.h>

#include "protocols/paxos/view.hpp"
#include "quorum/sim/nodes.hpp"

namespace quorum::dashboard::paxos_view {

namespace {

std::string proposal_text(const std::optional<paxos::Proposal>& proposal) {
    return proposal ? proposal->ballot.to_string() + " = \"" + proposal->value + "\"" : "none";
}

void durable_fields(const paxos::Node& node) {
    ImGui::TextColored(kDurableHeading, "Durable (survives a crash)");
    if (!begin_fields("durable")) {
        return;
    }
    field_row("promised", node.promised().to_string(),
              "The acceptor's promise (Lamport, Paxos Made Simple, phase 1b): no proposal "
              "numbered below this will be accepted.");
    field_row("accepted", proposal_text(node.accepted()),
              "The acceptor's accepted proposal (phase 2b): the highest-numbered proposal it "
              "accepted, number and value.");
    field_row("proposer round", std::to_string(node.round()),
              "The proposer's last round, kept so a restarted proposer never reuses a "
              "proposal number.");
    ImGui::EndTable();
}

void volatile_fields(const paxos::Node& node, TimeUs now) {
    ImGui::TextColored(kVolatileHeading, "Volatile (lost on a crash)");
    if (!begin_fields("volatile")) {
        return;
    }
    field_row("roles",
              std::string(node.is_proposer() ? "proposer " : "") +
                  (node.is_acceptor() ? "acceptor " : "") + (node.is_learner() ? "learner" : ""),
              "Paxos Made Simple's three agents: proposers, acceptors and learners.");
    field_row("phase", paxos::phase_name(node.phase()),
              "Where the proposer is: phase 1 (prepare, gathering promises), phase 2 (accept), "
              "backing off, or done.");
    field_row("ballot", node.ballot().to_string(),
              "The proposal number n (round.proposer) of the proposer's current attempt.");
    field_row("proposing", node.proposal_value().value_or("-"),
              "The value v the proposer proposes: its client's, or the highest-numbered one a "
              "promise reported.");
    field_row("promises", std::to_string(node.promises().size()),
              "Promises (phase 1b responses) for the current ballot; a majority starts phase 2.");
    field_row("accepted by", std::to_string(node.accepted_by().size()),
              "Acceptors that accepted the current proposal; a majority means it is chosen.");
    field_row("learned", node.learned().value_or("-"),
              "The value this learner knows is chosen, if any.");
    if (node.next_deadline() != kNoDeadline) {
        field_row("timer", deadline_text(node.next_deadline(), now));
    }
    ImGui::EndTable();
}

}  // namespace

void View::draw_node(const sim::Cluster& cluster, NodeId id) const {
    const paxos::Node& node = cluster.nodes<paxos::Protocol>().node(id);
    durable_fields(node);
    volatile_fields(node, cluster.now());
}

// What its disk holds, greyed: the acceptor's promise and accepted proposal,
// the proposer's last round.
void View::draw_crashed_node(const sim::Cluster& cluster, NodeId id) const {
    const paxos::DurableState& durable = cluster.nodes<paxos::Protocol>().durable_state(id);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("On its disk: promised %s, accepted %s, proposer round %llu",
                        durable.acceptor.promised.to_string().c_str(),
                        proposal_text(durable.acceptor.accepted).c_str(),
                        static_cast<unsigned long long>(durable.proposer_round));
    ImGui::PopTextWrapPos();
}

}  // namespace quorum::dashboard::paxos_view
