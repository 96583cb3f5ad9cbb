// Single-decree Paxos has no log: one row per node with its proposer's phase,
// its acceptor's promise and accepted proposal, its learner's value.
#include <imgui.h>

#include "panel.hpp"
#include "protocols/paxos/view.hpp"
#include "quorum/sim/nodes.hpp"

namespace quorum::dashboard::paxos_view {

namespace {

void crashed_row(const paxos::DurableState& durable) {
    ImGui::TableNextColumn();
    ImGui::TextDisabled("crashed");
    ImGui::TableNextColumn();
    ImGui::TextDisabled("%s", durable.acceptor.promised.to_string().c_str());
    // Its accepted proposal too, greyed: what it answers with when it is back.
    ImGui::TableNextColumn();
    if (durable.acceptor.accepted) {
        ImGui::TextDisabled("%s = \"%s\"", durable.acceptor.accepted->ballot.to_string().c_str(),
                            durable.acceptor.accepted->value.c_str());
    }
}

void live_row(const paxos::Node& node) {
    ImGui::TableNextColumn();
    if (node.is_proposer()) {
        ImGui::Text("%s %s", paxos::phase_name(node.phase()),
                    node.ballot().is_none() ? "" : node.ballot().to_string().c_str());
    }
    ImGui::TableNextColumn();
    if (node.is_acceptor()) {
        ImGui::TextUnformatted(node.promised().to_string().c_str());
    }
    ImGui::TableNextColumn();
    if (node.is_acceptor() && node.accepted()) {
        const paxos::Proposal& accepted = *node.accepted();
        ImGui::TableSetBgColor(ImGuiTableBgTarget_CellBg,
                               faded(Theme::term_colour(accepted.ballot.round)));
        ImGui::Text("%s = \"%s\"", accepted.ballot.to_string().c_str(), accepted.value.c_str());
    }
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(node.learned().value_or("").c_str());
}

}  // namespace

void View::draw_logs(const sim::Cluster& cluster) const {
    if (!ImGui::BeginTable("acceptors", 5, kLogTableFlags)) {
        return;
    }
    ImGui::TableSetupColumn("node");
    ImGui::TableSetupColumn("proposer phase");
    ImGui::TableSetupColumn("acceptor promised");
    ImGui::TableSetupColumn("acceptor accepted");
    ImGui::TableSetupColumn("learned");
    headers_with_help(
        {nullptr, "The proposer's phase and proposal number (Paxos Made Simple, section 2.2).",
         "promised: the acceptor accepts no proposal numbered below this (its phase 1b "
         "promise).",
         "accepted: the highest-numbered proposal the acceptor accepted (phase 2b).",
         "The value this learner knows is chosen (section 2.3)."});
    const auto& nodes = cluster.nodes<paxos::Protocol>();
    for (NodeId id = 1; id <= cluster.size(); ++id) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::Text("S%u", id);
        if (cluster.is_up(id)) {
            live_row(nodes.node(id));
        } else {
            crashed_row(nodes.durable_state(id));
        }
    }
    ImGui::EndTable();
}

}  // namespace quorum::dashboard::paxos_view
