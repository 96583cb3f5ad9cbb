#include "setup_panel.hpp"

#include "scenario_catalog.hpp"
#include "scenario_player.hpp"
#include "session.hpp"
#include "widget_registry.hpp"

namespace quorum::dashboard {

namespace {

void draw_algorithm(const PanelContext& context, SetupOptions& draft) {
    int algorithm = static_cast<int>(draft.algorithm);
    ImGui::RadioButton("Raft", &algorithm, static_cast<int>(sim::Algorithm::Raft));
    context.widgets.record_last_item("setup.raft");
    ImGui::SameLine();
    ImGui::RadioButton("Paxos (single decree)", &algorithm,
                       static_cast<int>(sim::Algorithm::Paxos));
    context.widgets.record_last_item("setup.paxos");
    ImGui::SameLine();
    ImGui::RadioButton("Multi-Paxos", &algorithm, static_cast<int>(sim::Algorithm::MultiPaxos));
    context.widgets.record_last_item("setup.multipaxos");
    draft.algorithm = static_cast<sim::Algorithm>(algorithm);
}

}  // namespace

void SetupPanel::draw(const PanelContext& context) {
    Session& session = context.session;
    SetupOptions& draft = session.setup_draft();
    draw_algorithm(context, draft);
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8.0f);
    ImGui::SliderInt("nodes", &draft.nodes, 1, static_cast<int>(kMaxNodes));
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8.0f);
    ImGui::InputScalar("seed", ImGuiDataType_U64, &draft.seed);
    if (draft.algorithm == sim::Algorithm::Raft) {
        ImGui::Checkbox("PreVote", &draft.pre_vote);
        ImGui::SameLine();
        ImGui::Checkbox("CheckQuorum", &draft.check_quorum);
    } else if (draft.algorithm == sim::Algorithm::Paxos) {
        ImGui::Checkbox("Randomized backoff", &draft.backoff);
    } else {
        ImGui::TextDisabled("every node a replica, a leader and an acceptor");
    }
    if (named_button(context, "New cluster", "setup.apply")) {
        session.reset();
    }
    ImGui::SameLine();
    ImGui::TextDisabled("starts over: the run and its snapshots are discarded");
    ImGui::Separator();
    draw_scenario_picker(context);
}

void SetupPanel::draw_scenario_picker(const PanelContext& context) {
    ImGui::TextUnformatted("Scenario");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 13.0f);
    if (ImGui::BeginCombo("##scenario", picked_scenario_.c_str())) {
        for (const BundledScenario& bundled : bundled_scenarios()) {
            const std::string name(bundled.name);
            if (ImGui::Selectable(name.c_str(), name == picked_scenario_)) {
                picked_scenario_ = name;
            }
        }
        ImGui::EndCombo();
    }
    context.widgets.record_last_item("setup.scenario");
    ImGui::SameLine();
    if (named_button(context, "Load", "setup.scenario.load")) {
        if (const BundledScenario* bundled = find_bundled_scenario(picked_scenario_)) {
            context.scenario.import_file(context.session, picked_scenario_,
                                         std::string(bundled->text));
        }
    }
    ImGui::TextDisabled("then Step line or Run to end in the Scenario tab");
}

}  // namespace quorum::dashboard
