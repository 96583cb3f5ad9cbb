#include "setup_panel.hpp"

#include <array>

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
    draw_runner_choice(context);
    if (named_button(context, "New cluster", "setup.apply")) {
        if (draft.runner == Runner::Workers) {
            ImGui::OpenPopup("Replace the stored cluster?");
        } else {
            session.reset();
        }
    }
    ImGui::SameLine();
    ImGui::TextDisabled("starts over: the run and its snapshots are discarded");
    draw_wipe_confirmation(context);
    draw_workers(context);
    ImGui::Separator();
    draw_scenario_picker(context);
}

void SetupPanel::draw_runner_choice(const PanelContext& context) {
    Session& session = context.session;
    SetupOptions& draft = session.setup_draft();
    if (!session.workers_available()) {
        ImGui::TextDisabled("Runner: in-process (workers exist in the browser only)");
        return;
    }
    int runner = draft.runner == Runner::Workers ? 1 : 0;
    ImGui::TextUnformatted("Runner:");
    ImGui::SameLine();
    ImGui::RadioButton("in-process", &runner, 0);
    context.widgets.record_last_item("setup.inProcess");
    ImGui::SameLine();
    ImGui::RadioButton("workers", &runner, 1);
    context.widgets.record_last_item("setup.workers");
    if (ImGui::IsItemHovered()) {
        ImGui::SetTooltip(
            "Each node is its own WebAssembly instance in a Web Worker, messages go over "
            "BroadcastChannel, durable state goes to IndexedDB. Kill terminates the worker.");
    }
    draft.runner = runner == 1 ? Runner::Workers : Runner::InProcess;
    if (draft.runner == Runner::Workers) {
        std::array<char, 41> name{};
        draft.cluster_name.copy(name.data(), name.size() - 1);
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10.0f);
        if (ImGui::InputText("stored as", name.data(), name.size(),
                             ImGuiInputTextFlags_CharsNoBlank)) {
            draft.cluster_name = name.data();
        }
        ImGui::SameLine();
        ImGui::TextDisabled("(open ?cluster=%s to come back to it)", draft.cluster_name.c_str());
    }
}

void SetupPanel::draw_wipe_confirmation(const PanelContext& context) {
    Session& session = context.session;
    if (!ImGui::BeginPopupModal("Replace the stored cluster?", nullptr,
                                ImGuiWindowFlags_AlwaysAutoResize)) {
        return;
    }
    ImGui::Text("This deletes everything stored in this browser under \"%s\":",
                session.setup_draft().cluster_name.c_str());
    ImGui::TextUnformatted("every node's disk (IndexedDB) and the saved run.");
    if (named_button(context, "Delete and start", "setup.confirmWipe")) {
        session.reset();
        ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (ImGui::Button("Cancel")) {
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

// Each worker's status, and what the page dropped from the channel.
void SetupPanel::draw_workers(const PanelContext& context) {
    const WorkersRunner* runner = context.session.runner();
    if (runner == nullptr) {
        return;
    }
    ImGui::Separator();
    ImGui::Text("Workers of \"%s\": %s, %zu inputs not yet answered",
                runner->setup().cluster_name.c_str(), runner->ready() ? "running" : "starting",
                runner->unsent_inputs());
    if (runner->memory_only()) {
        ImGui::TextColored(ImVec4(1.0f, 0.8f, 0.3f, 1.0f),
                           "IndexedDB is not available: disks are in this page's memory; a "
                           "reload loses the cluster.");
    }
    for (NodeId id = 1; id < runner->nodes().size(); ++id) {
        const WorkersRunner::NodeView& view = runner->nodes()[id];
        ImGui::TextWrapped("node %u: %s (incarnation %u)%s%s", id, node_status_name(view.status),
                           view.incarnation, view.reason.empty() ? "" : ": ", view.reason.c_str());
    }
    if (runner->dropped().empty()) {
        ImGui::TextDisabled("Nothing dropped on the channel.");
    }
    for (const auto& [reason, count] : runner->dropped()) {
        ImGui::TextWrapped("dropped %llu: %s", static_cast<unsigned long long>(count),
                           reason.c_str());
    }
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
    ImGui::TextDisabled("then Step line or Run to end in the Scenario tab (in-process)");
}

}  // namespace quorum::dashboard
