// A Raft node in the Inspector: Figure 2's persistent and volatile state, and
// a leader's nextIndex and matchIndex per peer.
#include <imgui.h>

#include "panel.hpp"
#include "protocols/raft/view.hpp"
#include "quorum/sim/nodes.hpp"

namespace quorum::dashboard::raft_view {

namespace {

void durable_fields(const raft::Node& node) {
    ImGui::TextColored(kDurableHeading, "Durable (survives a crash)");
    if (!begin_fields("durable")) {
        return;
    }
    field_row("currentTerm", std::to_string(node.current_term()),
              "currentTerm (Raft, Figure 2): the latest term this server has seen; it only grows.");
    field_row("votedFor", node_text(node.voted_for()),
              "votedFor (Figure 2): the candidate this server voted for in currentTerm, if any.");
    field_row("log",
              std::to_string(node.last_index()) + " entries, last term " +
                  std::to_string(node.term_at(node.last_index())),
              "log[] (Figure 2): entries, each a state machine command and the term the leader "
              "received it in.");
    field_row("snapshot",
              node.snapshot_index() == 0
                  ? std::string("none")
                  : "up to index " + std::to_string(node.snapshot_index()) + ", term " +
                        std::to_string(node.snapshot().last_included_term),
              "The snapshot (thesis chapter 5): the state machine as of lastIncludedIndex, which "
              "replaces the log's entries up to it.");
    ImGui::EndTable();
}

void volatile_fields(const raft::Node& node, TimeUs now) {
    ImGui::TextColored(kVolatileHeading, "Volatile (lost on a crash)");
    if (!begin_fields("volatile")) {
        return;
    }
    field_row("role", raft::role_name(node.role()),
              "Follower, candidate or leader (Raft section 5.1); pre-candidate is PreVote's "
              "(section 9.6 of Ongaro's thesis).");
    field_row("leader", node_text(node.leader_id()),
              "leaderId: who this server believes leads its term, to redirect clients to.");
    field_row("commitIndex", std::to_string(node.commit_index()),
              "commitIndex (Figure 2): the highest log entry known to be committed.");
    field_row("lastApplied", std::to_string(node.last_applied()),
              "lastApplied (Figure 2): the highest log entry applied to the state machine.");
    field_row(node.role() == raft::Role::Leader ? "next timer" : "election timeout",
              deadline_text(node.next_deadline(), now),
              node.role() == raft::Role::Leader
                  ? "When the leader next sends heartbeats (empty AppendEntries, section 5.2)."
                  : "election timeout (section 5.2): with no word from a leader by then, this "
                    "server starts an election.");
    if (node.role() == raft::Role::Candidate || node.role() == raft::Role::PreCandidate) {
        std::string votes;
        for (NodeId voter : node.votes_granted()) {
            votes += (votes.empty() ? "S" : ", S") + std::to_string(voter);
        }
        field_row("votes granted", std::to_string(node.votes_granted().size()) + ": " + votes,
                  "Votes received in this election (section 5.2): a majority makes a leader.");
    }
    ImGui::EndTable();
}

void leader_fields(const raft::Node& node, NodeId id) {
    ImGui::TextColored(kVolatileHeading, "Leader state, per peer");
    if (!ImGui::BeginTable("peers", 3, ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_RowBg)) {
        return;
    }
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

}  // namespace

void View::draw_node(const sim::Cluster& cluster, NodeId id) const {
    const raft::Node& node = cluster.nodes<raft::Protocol>().node(id);
    durable_fields(node);
    volatile_fields(node, cluster.now());
    if (node.role() == raft::Role::Leader) {
        leader_fields(node, id);
    }
}

// What its disk holds, greyed: the term, the vote and the log it restarts from.
void View::draw_crashed_node(const sim::Cluster& cluster, NodeId id) const {
    const raft::DurableState& durable = cluster.nodes<raft::Protocol>().durable_state(id);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("On its disk: currentTerm %llu, votedFor %s, %zu log entries",
                        static_cast<unsigned long long>(durable.hard_state.current_term),
                        node_text(durable.hard_state.voted_for).c_str(), durable.log.size());
    ImGui::PopTextWrapPos();
    // The newest entries, as the Logs panel shows them.
    constexpr std::size_t kShown = 12;
    const std::size_t first = durable.log.size() > kShown ? durable.log.size() - kShown : 0;
    const auto offset = static_cast<std::size_t>(durable.snapshot.last_included_index);
    for (std::size_t i = durable.log.size(); i > first; --i) {
        const raft::Entry& entry = durable.log[i - 1];
        ImGui::TextDisabled("  [%zu] term %llu: %s", offset + i,
                            static_cast<unsigned long long>(entry.term),
                            entry.command->to_string().c_str());
    }
}

}  // namespace quorum::dashboard::raft_view
