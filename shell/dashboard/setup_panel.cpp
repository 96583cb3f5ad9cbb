#include "setup_panel.hpp"

#include "session.hpp"
#include "widget_registry.hpp"

namespace quorum::dashboard {

void SetupPanel::draw(const PanelContext& context) {
    Session& session = context.session;
    SetupOptions& draft = session.setup_draft();
    int algorithm = draft.algorithm == sim::Algorithm::Paxos ? 1 : 0;
    ImGui::RadioButton("Raft", &algorithm, 0);
    context.widgets.record_last_item("setup.raft");
    ImGui::SameLine();
    ImGui::RadioButton("Paxos (single decree)", &algorithm, 1);
    context.widgets.record_last_item("setup.paxos");
    ImGui::SameLine();
    ImGui::BeginDisabled();
    int never = -1;
    ImGui::RadioButton("Multi-Paxos (coming)", &never, 2);
    ImGui::EndDisabled();
    draft.algorithm = algorithm == 1 ? sim::Algorithm::Paxos : sim::Algorithm::Raft;

    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8.0f);
    ImGui::SliderInt("nodes", &draft.nodes, 1, static_cast<int>(kMaxNodes));
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8.0f);
    ImGui::InputScalar("seed", ImGuiDataType_U64, &draft.seed);
    if (draft.algorithm == sim::Algorithm::Raft) {
        ImGui::Checkbox("PreVote", &draft.pre_vote);
        ImGui::SameLine();
        ImGui::Checkbox("CheckQuorum", &draft.check_quorum);
    } else {
        ImGui::Checkbox("Randomized backoff", &draft.backoff);
    }
    if (named_button(context, "New cluster", "setup.apply")) {
        session.reset();
    }
    ImGui::SameLine();
    ImGui::TextDisabled("starts over: the run and its snapshots are discarded");
}

}  // namespace quorum::dashboard
