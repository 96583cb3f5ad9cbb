#include "inspector_panel.hpp"

#include <string>
#include <vector>

#include "message_view.hpp"
#include "quorum/sim/multipaxos_invariants.hpp"
#include "session.hpp"
#include "theme.hpp"

namespace quorum::dashboard {

namespace {

const ImVec4 kDurable{0.55f, 0.80f, 1.00f, 1.0f};
const ImVec4 kVolatile{0.95f, 0.75f, 0.35f, 1.0f};

// One field: its name (hover for what it is, in one sentence with the
// paper's name for it) and its value.
void row(const char* name, const std::string& value, const char* help = nullptr) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(name);
    if (help != nullptr && ImGui::IsItemHovered()) {
        ImGui::SetTooltip("%s", help);
    }
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(value.c_str());
}

bool begin_fields(const char* id) {
    return ImGui::BeginTable(id, 2, ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_RowBg);
}

std::string node_text(NodeId node) {
    return node == kNoNode ? "none" : "S" + std::to_string(node);
}

std::string deadline_text(TimeUs deadline, TimeUs now) {
    return format_seconds(deadline) + " (in " + format_seconds(deadline - now) + ")";
}

void raft_node(const sim::Cluster& cluster, NodeId id) {
    const raft::Node& node = cluster.node(id);
    ImGui::TextColored(kDurable, "Durable (survives a crash)");
    if (begin_fields("durable")) {
        row("currentTerm", std::to_string(node.current_term()),
            "currentTerm (Raft, Figure 2): the latest term this server has seen; it only grows.");
        row("votedFor", node_text(node.voted_for()),
            "votedFor (Figure 2): the candidate this server voted for in currentTerm, if any.");
        row("log",
            std::to_string(node.last_index()) + " entries, last term " +
                std::to_string(node.term_at(node.last_index())),
            "log[] (Figure 2): entries, each a state machine command and the term the leader "
            "received it in.");
        ImGui::EndTable();
    }
    ImGui::TextColored(kVolatile, "Volatile (lost on a crash)");
    if (begin_fields("volatile")) {
        row("role", raft::role_name(node.role()),
            "Follower, candidate or leader (Raft section 5.1); pre-candidate is PreVote's "
            "(section 9.6 of Ongaro's thesis).");
        row("leader", node_text(node.leader_id()),
            "leaderId: who this server believes leads its term, to redirect clients to.");
        row("commitIndex", std::to_string(node.commit_index()),
            "commitIndex (Figure 2): the highest log entry known to be committed.");
        row("lastApplied", std::to_string(node.last_applied()),
            "lastApplied (Figure 2): the highest log entry applied to the state machine.");
        row(node.role() == raft::Role::Leader ? "next timer" : "election timeout",
            deadline_text(node.next_deadline(), cluster.now()),
            node.role() == raft::Role::Leader
                ? "When the leader next sends heartbeats (empty AppendEntries, section 5.2)."
                : "election timeout (section 5.2): with no word from a leader by then, this "
                  "server starts an election.");
        if (node.role() == raft::Role::Candidate || node.role() == raft::Role::PreCandidate) {
            std::string votes;
            for (NodeId voter : node.votes_granted()) {
                votes += (votes.empty() ? "S" : ", S") + std::to_string(voter);
            }
            row("votes granted", std::to_string(node.votes_granted().size()) + ": " + votes,
                "Votes received in this election (section 5.2): a majority makes a leader.");
        }
        ImGui::EndTable();
    }
    if (node.role() != raft::Role::Leader) {
        return;
    }
    ImGui::TextColored(kVolatile, "Leader state, per peer");
    if (ImGui::BeginTable("peers", 3, ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_RowBg)) {
        ImGui::TableSetupColumn("peer");
        ImGui::TableSetupColumn("nextIndex");
        ImGui::TableSetupColumn("matchIndex");
        headers_with_help({nullptr,
                           "nextIndex[] (Figure 2): the next log entry the leader sends "
                           "to that server.",
                           "matchIndex[] (Figure 2): the highest entry known to be "
                           "replicated on that server."});
        for (NodeId peer : node.config().members) {
            if (peer == id) {
                continue;
            }
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::Text("S%u", peer);
            ImGui::TableNextColumn();
            ImGui::Text("%llu", static_cast<unsigned long long>(node.next_index(peer)));
            ImGui::TableNextColumn();
            ImGui::Text("%llu", static_cast<unsigned long long>(node.match_index(peer)));
        }
        ImGui::EndTable();
    }
}

std::string proposal_text(const std::optional<paxos::Proposal>& proposal) {
    return proposal ? proposal->ballot.to_string() + " = \"" + proposal->value + "\"" : "none";
}

void paxos_node(const sim::Cluster& cluster, NodeId id) {
    const paxos::Node& node = cluster.paxos_node(id);
    ImGui::TextColored(kDurable, "Durable (survives a crash)");
    if (begin_fields("durable")) {
        row("promised", node.promised().to_string(),
            "The acceptor's promise (Lamport, Paxos Made Simple, phase 1b): no proposal "
            "numbered below this will be accepted.");
        row("accepted", proposal_text(node.accepted()),
            "The acceptor's accepted proposal (phase 2b): the highest-numbered proposal it "
            "accepted, number and value.");
        row("proposer round", std::to_string(node.round()),
            "The proposer's last round, kept so a restarted proposer never reuses a "
            "proposal number.");
        ImGui::EndTable();
    }
    ImGui::TextColored(kVolatile, "Volatile (lost on a crash)");
    if (begin_fields("volatile")) {
        row("roles",
            std::string(node.is_proposer() ? "proposer " : "") +
                (node.is_acceptor() ? "acceptor " : "") + (node.is_learner() ? "learner" : ""),
            "Paxos Made Simple's three agents: proposers, acceptors and learners.");
        row("phase", paxos::phase_name(node.phase()),
            "Where the proposer is: phase 1 (prepare, gathering promises), phase 2 (accept), "
            "backing off, or done.");
        row("ballot", node.ballot().to_string(),
            "The proposal number n (round.proposer) of the proposer's current attempt.");
        row("proposing", node.proposal_value().value_or("-"),
            "The value v the proposer proposes: its client's, or the highest-numbered one a "
            "promise reported.");
        row("promises", std::to_string(node.promises().size()),
            "Promises (phase 1b responses) for the current ballot; a majority starts phase 2.");
        row("accepted by", std::to_string(node.accepted_by().size()),
            "Acceptors that accepted the current proposal; a majority means it is chosen.");
        row("learned", node.learned().value_or("-"),
            "The value this learner knows is chosen, if any.");
        if (node.next_deadline() != kNoDeadline) {
            row("timer", deadline_text(node.next_deadline(), cluster.now()));
        }
        ImGui::EndTable();
    }
}

std::string ids_text(const std::vector<NodeId>& ids) {
    std::string text;
    for (NodeId id : ids) {
        text += (text.empty() ? "S" : ", S") + std::to_string(id);
    }
    return text.empty() ? "none" : text;
}

void multipaxos_durable(const multipaxos::DurableState& durable) {
    ImGui::TextColored(kDurable, "Durable (survives a crash)");
    if (!begin_fields("durable")) {
        return;
    }
    row("acceptor ballot_num", sim::ballot_text(durable.acceptor_ballot),
        "The acceptor's ballot_num (PMMC, Figure 4): it adopts no ballot below this one.");
    row("accepted", std::to_string(durable.accepted.size()) + " pvalues",
        "The acceptor's accepted set (PMMC): per slot, the pvalue <ballot, slot, command> of the "
        "highest ballot it accepted.");
    row("leader ballot_num", sim::ballot_text(durable.leader_ballot),
        "The leader's ballot_num (PMMC, Figure 7), kept so a restarted leader goes higher.");
    row("decisions", std::to_string(durable.decisions.size()) + " slots",
        "The replica's decisions (PMMC, Figure 1): slot -> command, replayed after a restart.");
    ImGui::EndTable();
}

void multipaxos_replica(const multipaxos::Replica& replica) {
    row("slot_in", std::to_string(replica.slot_in()),
        "slot_in (PMMC, Figure 1): the next slot this replica proposes a request for.");
    row("slot_out", std::to_string(replica.slot_out()),
        "slot_out (Figure 1): the next slot to apply; every slot below it is decided and "
        "applied.");
    row("requests", std::to_string(replica.requests().size()),
        "requests (Figure 1): client commands not yet proposed.");
    row("proposals", std::to_string(replica.proposals().size()),
        "proposals (Figure 1): commands proposed for a slot and not yet decided.");
}

void multipaxos_leader(const multipaxos::Leader& leader) {
    row("active", leader.active() ? "yes" : (leader.campaigning() ? "scouting" : "no"),
        "active (PMMC, Figure 7): a majority of acceptors adopted this leader's ballot, so it "
        "may command slots.");
    row("scouts", std::to_string(leader.scouts().size()),
        "Scouts (Figure 6) run phase 1: P1a to the acceptors, adopted on a majority of P1b.");
    row("commanders", std::to_string(leader.commanders().size()),
        "Commanders (Figure 5) run phase 2 for one slot: P2a, then a Decision on a majority "
        "of P2b.");
    row("leader proposals", std::to_string(leader.proposals().size()),
        "The leader's proposals (Figure 7): slot -> command it has been asked to get decided.");
    row("configuration",
        "leaders " + ids_text(leader.latest_configuration().leaders) + "; acceptors " +
            ids_text(leader.latest_configuration().acceptors),
        "The newest configuration (PMMC section 3, reconfiguration): who leads and who "
        "accepts.");
}

void multipaxos_node(const sim::Cluster& cluster, NodeId id) {
    const multipaxos::Node& node = cluster.multipaxos_node(id);
    multipaxos_durable(node.durable_state());
    ImGui::TextColored(kVolatile, "Volatile (lost on a crash)");
    if (!begin_fields("volatile")) {
        return;
    }
    const multipaxos::Roles roles = node.roles();
    row("roles",
        std::string(roles.replica ? "replica " : "") + (roles.leader ? "leader " : "") +
            (roles.acceptor ? "acceptor" : ""),
        "PMMC's three roles; one node may hold any of them.");
    if (node.replica()) {
        multipaxos_replica(*node.replica());
    }
    if (node.leader()) {
        multipaxos_leader(*node.leader());
    }
    if (node.next_deadline() != kNoDeadline) {
        row("timer", deadline_text(node.next_deadline(), cluster.now()),
            "The next heartbeat or retransmission, failover timeout, or replica retry.");
    }
    ImGui::EndTable();
}

void message(const Session& session, std::uint64_t id) {
    const sim::InFlight* flight = session.cluster().in_flight().find(id);
    if (flight == nullptr) {
        const EventLine* sent = session.sent_event(id);
        ImGui::Text("Message #%llu", static_cast<unsigned long long>(id));
        ImGui::TextDisabled("No longer in flight (delivered or dropped).");
        if (sent != nullptr) {
            ImGui::TextWrapped("%s", sent->text.c_str());
        }
        return;
    }
    ImGui::Text("Message #%llu: %s", static_cast<unsigned long long>(id),
                message_type_name(flight->message.payload).c_str());
    if (begin_fields("message")) {
        row("from", node_text(flight->message.from));
        row("to", node_text(flight->message.to));
        row("sent", format_seconds(flight->sent_us), "The virtual time it was sent.");
        row("due", format_seconds(flight->due_us),
            "The virtual time the network delivers it, unless someone acts first.");
        row("network copy", flight->duplicate ? "yes" : "no",
            "A duplicate the network made: the protocol must tolerate receiving it twice.");
        row("will be lost", flight->will_be_lost ? "yes" : "no",
            "The network's loss draw: it will be dropped on arrival (its receiver is cut off, "
            "or the loss rate hit).");
        for (const auto& [name, value] : message_fields(flight->message)) {
            row(name.c_str(), value, message_field_help(name));
        }
        ImGui::EndTable();
    }
}

}  // namespace

void InspectorPanel::draw(const PanelContext& context) {
    const Session& session = context.session;
    const Selection& selection = session.selection();
    const sim::Cluster& cluster = session.cluster();
    if (selection.kind == SelectionKind::Message) {
        message(session, selection.message_id);
        return;
    }
    if (selection.kind != SelectionKind::Node || selection.node > cluster.size()) {
        ImGui::TextDisabled("Click a node or a message, or press 1-9.");
        return;
    }
    const NodeId id = selection.node;
    ImGui::Text("Node S%u", id);
    if (!cluster.is_up(id)) {
        ImGui::SameLine();
        ImGui::TextColored(ImVec4(0.8f, 0.8f, 0.8f, 1.0f), "(crashed: only durable state left)");
        if (cluster.algorithm() == sim::Algorithm::Raft) {
            const raft::DurableState& durable = cluster.durable_state(id);
            ImGui::Text("currentTerm %llu, votedFor %s, %zu log entries",
                        static_cast<unsigned long long>(durable.hard_state.current_term),
                        node_text(durable.hard_state.voted_for).c_str(), durable.log.size());
        } else if (cluster.algorithm() == sim::Algorithm::MultiPaxos) {
            multipaxos_durable(cluster.multipaxos_durable_state(id));
        }
        return;
    }
    if (cluster.algorithm() == sim::Algorithm::Raft) {
        raft_node(cluster, id);
    } else if (cluster.algorithm() == sim::Algorithm::Paxos) {
        paxos_node(cluster, id);
    } else {
        multipaxos_node(cluster, id);
    }
}

}  // namespace quorum::dashboard
