#include "inspector_panel.hpp"

#include <string>

#include "message_view.hpp"
#include "session.hpp"
#include "theme.hpp"

namespace quorum::dashboard {

namespace {

const ImVec4 kDurable{0.55f, 0.80f, 1.00f, 1.0f};
const ImVec4 kVolatile{0.95f, 0.75f, 0.35f, 1.0f};

void row(const char* name, const std::string& value) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(name);
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
        row("currentTerm", std::to_string(node.current_term()));
        row("votedFor", node_text(node.voted_for()));
        row("log", std::to_string(node.last_index()) + " entries, last term " +
                       std::to_string(node.term_at(node.last_index())));
        ImGui::EndTable();
    }
    ImGui::TextColored(kVolatile, "Volatile (lost on a crash)");
    if (begin_fields("volatile")) {
        row("role", raft::role_name(node.role()));
        row("leader", node_text(node.leader_id()));
        row("commitIndex", std::to_string(node.commit_index()));
        row("lastApplied", std::to_string(node.last_applied()));
        row(node.role() == raft::Role::Leader ? "next timer" : "election timeout",
            deadline_text(node.next_deadline(), cluster.now()));
        if (node.role() == raft::Role::Candidate || node.role() == raft::Role::PreCandidate) {
            std::string votes;
            for (NodeId voter : node.votes_granted()) {
                votes += (votes.empty() ? "S" : ", S") + std::to_string(voter);
            }
            row("votes granted", std::to_string(node.votes_granted().size()) + ": " + votes);
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
        ImGui::TableHeadersRow();
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
        row("promised", node.promised().to_string());
        row("accepted", proposal_text(node.accepted()));
        row("proposer round", std::to_string(node.round()));
        ImGui::EndTable();
    }
    ImGui::TextColored(kVolatile, "Volatile (lost on a crash)");
    if (begin_fields("volatile")) {
        row("roles", std::string(node.is_proposer() ? "proposer " : "") +
                         (node.is_acceptor() ? "acceptor " : "") +
                         (node.is_learner() ? "learner" : ""));
        row("phase", paxos::phase_name(node.phase()));
        row("ballot", node.ballot().to_string());
        row("proposing", node.proposal_value().value_or("-"));
        row("promises", std::to_string(node.promises().size()));
        row("accepted by", std::to_string(node.accepted_by().size()));
        row("learned", node.learned().value_or("-"));
        if (node.next_deadline() != kNoDeadline) {
            row("timer", deadline_text(node.next_deadline(), cluster.now()));
        }
        ImGui::EndTable();
    }
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
        row("sent", format_seconds(flight->sent_us));
        row("due", format_seconds(flight->due_us));
        row("network copy", flight->duplicate ? "yes" : "no");
        row("will be lost", flight->will_be_lost ? "yes" : "no");
        for (const auto& [name, value] : message_fields(flight->message)) {
            row(name.c_str(), value);
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
        }
        return;
    }
    if (cluster.algorithm() == sim::Algorithm::Raft) {
        raft_node(cluster, id);
    } else if (cluster.algorithm() == sim::Algorithm::Paxos) {
        paxos_node(cluster, id);
    }
}

}  // namespace quorum::dashboard
