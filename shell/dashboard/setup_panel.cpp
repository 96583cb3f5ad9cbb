#include "setup_panel.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <vector>

#include "protocols/registry.hpp"
#include "scenario_catalog.hpp"
#include "scenario_player.hpp"
#include "session.hpp"
#include "widget_registry.hpp"

namespace quorum::dashboard {

namespace {

// The width of a radio button or checkbox labelled `label`.
float toggle_width(const char* label) {
    const ImGuiStyle& style = ImGui::GetStyle();
    return ImGui::GetFrameHeight() + style.ItemInnerSpacing.x +
           ImGui::CalcTextSize(label, nullptr, true).x;
}

// On the last item's line if an item `width` wide still fits there, else on
// the next: projector text is large and the side panel narrow.
void same_line_if_fits(float width) {
    const float right = ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x + width;
    if (right <= ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x) {
        ImGui::SameLine();
    }
}

void draw_algorithm(const PanelContext& context, SetupOptions& choice) {
    bool first = true;
    for (const Algorithm algorithm : all_algorithms()) {
        if (!first) {
            same_line_if_fits(toggle_width(protocol_view(algorithm).setup_label()));
        }
        first = false;
        if (ImGui::RadioButton(protocol_view(algorithm).setup_label(),
                               choice.algorithm == algorithm)) {
            choice.algorithm = algorithm;
        }
        context.widgets.record_last_item("setup." + std::string(algorithm_name(algorithm)));
    }
}

// The on/off options the protocol's view offers, as checkboxes on one line,
// each explained by its option table's meaning.
void draw_protocol_options(SetupOptions& choice) {
    const ProtocolView& view = protocol_view(choice.algorithm);
    const std::vector<OptionInfo> options = protocol_options(choice.algorithm);
    bool first = true;
    for (const ProtocolView::SetupOption& offered : view.setup_options()) {
        const auto info = std::find_if(options.begin(), options.end(), [&](const OptionInfo& o) {
            return o.name == offered.option && o.kind == OptionKind::OnOff;
        });
        const std::optional<OptionValue> value = get_option(choice.protocol(), offered.option);
        if (info == options.end() || !value) {
            continue;
        }
        if (!first) {
            same_line_if_fits(toggle_width(offered.label));
        }
        first = false;
        bool on = std::get<bool>(*value);
        if (ImGui::Checkbox(offered.label, &on)) {
            set_option(choice.protocol(), offered.option, on);
        }
        if (ImGui::IsItemHovered()) {
            const std::string meaning(info->meaning);
            ImGui::SetTooltip("%s", meaning.c_str());
        }
    }
    if (first) {
        ImGui::TextDisabled("%s", view.setup_note());
    }
}

}  // namespace

SetupPanel::SetupPanel()
    : picked_scenario_(protocol_view(SetupOptions{}.algorithm).first_scenario()) {}

// The panel edits a copy of the session's choice; a change goes back as a
// command, as window.quorum's reset would send it.
void SetupPanel::draw(const PanelContext& context) {
    // Every text here wraps at the panel's edge: notes, the stored cluster's
    // name and the workers' status are never cut off, at any window size.
    ImGui::PushTextWrapPos(0.0f);
    const Session& session = context.session;
    SetupOptions choice = session.setup_choice();
    draw_algorithm(context, choice);
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8.0f);
    ImGui::SliderInt("nodes", &choice.nodes, 1, static_cast<int>(kMaxNodes), "%d",
                     ImGuiSliderFlags_AlwaysClamp);
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8.0f);
    ImGui::InputScalar("seed", ImGuiDataType_U64, &choice.seed);
    draw_protocol_options(choice);
    draw_runner_choice(context, choice);
    if (!(choice == session.setup_choice())) {
        context.command(cmd::EditSetup{choice});
    }
    if (named_button(context, "New cluster", "setup.apply")) {
        if (choice.runner == Runner::Workers) {
            ImGui::OpenPopup("Replace the stored cluster?");
        } else {
            context.command(cmd::Reset{choice, std::nullopt});
        }
    }
    ImGui::SameLine();
    ImGui::TextDisabled("starts over: the run and its snapshots are discarded");
    draw_wipe_confirmation(context);
    draw_workers(context);
    ImGui::Separator();
    draw_scenario_picker(context);
    ImGui::PopTextWrapPos();
}

void SetupPanel::draw_runner_choice(const PanelContext& context, SetupOptions& choice) {
    const Session& session = context.session;
    if (!session.workers_available()) {
        ImGui::TextDisabled("Runner: in-process (workers exist in the browser only)");
        return;
    }
    int runner = choice.runner == Runner::Workers ? 1 : 0;
    ImGui::TextUnformatted("Runner:");
    ImGui::SameLine();
    ImGui::RadioButton("in-process", &runner, 0);
    context.widgets.record_last_item("setup.inProcess");
    same_line_if_fits(toggle_width("workers"));
    ImGui::RadioButton("workers", &runner, 1);
    context.widgets.record_last_item("setup.workers");
    if (ImGui::IsItemHovered()) {
        ImGui::SetTooltip(
            "Each node is its own WebAssembly instance in a Web Worker, messages go over "
            "BroadcastChannel, durable state goes to IndexedDB. Kill terminates the worker.");
    }
    choice.runner = runner == 1 ? Runner::Workers : Runner::InProcess;
    if (choice.runner == Runner::Workers) {
        std::array<char, 41> name{};
        choice.cluster_name.copy(name.data(), name.size() - 1);
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10.0f);
        if (ImGui::InputText("stored as", name.data(), name.size(),
                             ImGuiInputTextFlags_CharsNoBlank)) {
            choice.cluster_name = name.data();
        }
        ImGui::SameLine();
        ImGui::TextDisabled("(open ?cluster=%s to come back to it)", choice.cluster_name.c_str());
    }
}

void SetupPanel::draw_wipe_confirmation(const PanelContext& context) {
    const Session& session = context.session;
    if (!ImGui::BeginPopupModal("Replace the stored cluster?", nullptr,
                                ImGuiWindowFlags_AlwaysAutoResize)) {
        return;
    }
    ImGui::Text("This deletes everything stored in this browser under \"%s\":",
                session.setup_choice().cluster_name.c_str());
    ImGui::TextUnformatted("every node's disk (IndexedDB) and the saved run.");
    if (named_button(context, "Delete and start", "setup.confirmWipe")) {
        context.command(cmd::Reset{session.setup_choice(), std::nullopt});
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
        ImGui::TextWrapped("node %u: %s (incarnation %u) in %s%s%s%s", id,
                           node_status_name(view.status), view.incarnation,
                           view.host.empty() ? "this tab" : "tab ", view.host.c_str(),
                           view.reason.empty() ? "" : ": ", view.reason.c_str());
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
    if (ImGui::BeginCombo("##scenario", picked_scenario_.c_str(), ImGuiComboFlags_HeightLarge)) {
        for (const BundledScenario& bundled : bundled_scenarios()) {
            // Each lesson says what it is about: its first comment line.
            const std::string name(bundled.name);
            const std::string label =
                name + "   " + std::string(scenario_description(bundled.text));
            if (ImGui::Selectable(label.c_str(), name == picked_scenario_)) {
                picked_scenario_ = name;
            }
        }
        ImGui::EndCombo();
    }
    context.widgets.record_last_item("setup.scenario");
    ImGui::SameLine();
    if (named_button(context, "Load", "setup.scenario.load")) {
        if (const BundledScenario* bundled = find_bundled_scenario(picked_scenario_)) {
            context.command(cmd::ImportFile{picked_scenario_, std::string(bundled->text)});
        }
    }
    if (const BundledScenario* picked = find_bundled_scenario(picked_scenario_)) {
        const std::string about(scenario_description(picked->text));
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextDisabled("%s", about.c_str());
        ImGui::PopTextWrapPos();
        context.widgets.record_last_item("setup.scenario.about");
    }
    ImGui::TextDisabled("then Step line or Run to end in the Scenario tab (in-process)");
}

}  // namespace quorum::dashboard
