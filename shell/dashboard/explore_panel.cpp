// The Explore panel: the bounds, the buttons, the progress, the result and
// the look-ahead hints (explore_run.hpp).
#include "explore_panel.hpp"

#include <algorithm>
#include <string>

#include "session.hpp"
#include "widget_registry.hpp"

namespace quorum::dashboard {

// [SECTION] ExplorePanel --------------------------------------------------------

namespace {

const ImVec4 kBroken{1.0f, 0.45f, 0.35f, 1.0f};
const ImVec4 kSafe{0.45f, 0.85f, 0.55f, 1.0f};

bool input_whole(const char* label, std::uint64_t& value, std::uint64_t low, std::uint64_t high,
                 float width) {
    ImGui::SetNextItemWidth(width);
    auto shown = static_cast<int>(std::min<std::uint64_t>(value, 2'000'000'000));
    if (ImGui::InputInt(label, &shown, 0, 0)) {
        value =
            std::clamp<std::uint64_t>(static_cast<std::uint64_t>(std::max(shown, 0)), low, high);
        return true;
    }
    return false;
}

void draw_bounds(ExploreSettings& edited, float field) {
    static const char* const kSearches[] = {"BFS", "DFS", "Random"};
    int search = static_cast<int>(edited.search);
    ImGui::SetNextItemWidth(field * 1.3f);
    if (ImGui::Combo("##search", &search, kSearches, 3)) {
        edited.search = static_cast<explore::Search>(search);
    }
    ImGui::SameLine();
    std::uint64_t depth = edited.depth;
    if (input_whole("depth##explore", depth, 1, ExploreSettings::kMaxDepth, field)) {
        edited.depth = static_cast<std::uint32_t>(depth);
    }
    ImGui::SameLine();
    input_whole("max states##explore", edited.max_states, 1, ExploreSettings::kMaxStates,
                field * 1.6f);
    ImGui::SameLine();
    std::uint64_t crashes = edited.max_crashes;
    if (input_whole("crashes##explore", crashes, 0, ExploreSettings::kMaxCrashes, field)) {
        edited.max_crashes = static_cast<std::uint32_t>(crashes);
    }
    if (edited.search == explore::Search::RandomWalk) {
        ImGui::SameLine();
        input_whole("walks##explore", edited.walks, 1, ExploreSettings::kMaxWalks, field * 1.4f);
    }
    ImGui::SameLine();
    ImGui::Checkbox("symmetry##explore", &edited.symmetry);
    if (ImGui::IsItemHovered()) {
        ImGui::SetTooltip("States that differ only by the nodes' names count once (Raft only).");
    }
}

void draw_result(const ExploreRun& run) {
    const explore::Progress progress = run.progress();
    ImGui::Text("states %llu   unique %llu   depth %zu   %.0f states/s   %.1f s",
                static_cast<unsigned long long>(progress.states),
                static_cast<unsigned long long>(progress.unique), progress.depth,
                run.states_per_second(), run.seconds());
    const float fraction =
        static_cast<float>(progress.states) / static_cast<float>(run.settings().max_states);
    ImGui::ProgressBar(run.running() ? std::min(fraction, 1.0f) : 1.0f, ImVec2(-1, 0),
                       run.running() ? "exploring..." : "done");
    if (!run.notice().empty()) {
        ImGui::TextWrapped("%s", run.notice().c_str());
    }
    const std::optional<explore::Result> done = run.result();
    if (!done || !done->found) {
        return;
    }
    ImGui::PushStyleColor(ImGuiCol_Text, kBroken);
    ImGui::TextWrapped("VIOLATION: %s (%zu steps)", done->found->violation.rule.c_str(),
                       done->found->path.size());
    ImGui::PopStyleColor();
    ImGui::TextWrapped("%s", done->found->violation.details.c_str());
    int index = 1;
    for (const explore::Step& step : done->found->path) {
        ImGui::Text("%2d  %s", index++, explore::to_line(step).c_str());
    }
}

void draw_hints(const PanelContext& context, const ExploreRun& run, ExploreSettings& edited) {
    bool on = run.hints_on();
    if (ImGui::Checkbox("Look-ahead hints##explore", &on)) {
        context.command(cmd::Explore{cmd::Explore::Action::Hints, edited, on});
    }
    context.widgets.record_last_item("explore.hints");
    ImGui::SameLine();
    std::uint64_t k = edited.hint_depth;
    if (input_whole("k (steps after)##explore", k, 0, ExploreSettings::kMaxHintDepth, 60)) {
        edited.hint_depth = static_cast<std::uint32_t>(k);
        if (run.hints_on()) {
            context.command(cmd::Explore{cmd::Explore::Action::Hints, edited, true});
        }
    }
    if (!run.hints_on()) {
        return;
    }
    if (run.hints().empty()) {
        ImGui::TextDisabled("No step to take here (or a rule is already broken).");
    }
    for (const ExploreHint& hint : run.hints()) {
        const std::string line = explore::to_line(hint.step);
        switch (hint.verdict) {
            case ExploreHint::Verdict::Violation:
                ImGui::TextColored(kBroken, "\xE2\x9C\x97 %s  -> %s", line.c_str(),
                                   hint.rule.c_str());
                break;
            case ExploreHint::Verdict::Safe:
                ImGui::TextColored(kSafe, "\xE2\x9C\x93 %s", line.c_str());
                break;
            case ExploreHint::Verdict::Pending:
                ImGui::TextDisabled("... %s", line.c_str());
                break;
            case ExploreHint::Verdict::Unknown:
                ImGui::TextDisabled("?  %s (too many states to tell)", line.c_str());
                break;
        }
    }
}

}  // namespace

void ExplorePanel::draw(const PanelContext& context) {
    const ExploreRun& run = run_;
    if (!edited_init_) {
        edited_ = run.settings();
        edited_init_ = true;
    }
    const float field = ImGui::GetFontSize() * 3.2f;
    ImGui::TextWrapped(
        "Search every run the scheduler's choices reach from the current state "
        "(deliver, drop, fire, crash...); the checkers run on every state.");
    draw_bounds(edited_, field);
    begin_disabled_if(run.running());
    if (named_button(context, "Explore", "explore.start")) {
        context.command(cmd::Explore{cmd::Explore::Action::Start, edited_, true});
    }
    end_disabled_if(run.running());
    ImGui::SameLine();
    begin_disabled_if(!run.running());
    if (named_button(context, "Stop", "explore.stop")) {
        context.command(cmd::Explore{cmd::Explore::Action::Stop, std::nullopt, true});
    }
    end_disabled_if(!run.running());
    ImGui::SameLine();
    const std::optional<explore::Result> done = run.result();
    const bool found = done && done->found;
    begin_disabled_if(!found);
    if (named_button(context, "Load counterexample", "explore.load")) {
        context.command(cmd::Explore{cmd::Explore::Action::LoadCounterexample, std::nullopt, true});
    }
    end_disabled_if(!found);
    ImGui::SameLine();
    const bool broken = context.session.violation() != nullptr;
    begin_disabled_if(!broken);
    if (named_button(context, "Shrink this run", "explore.shrink")) {
        context.command(cmd::Explore{cmd::Explore::Action::Shrink, std::nullopt, true});
    }
    end_disabled_if(!broken);
    if (run.has_result()) {
        draw_result(run);
    } else if (!run.notice().empty()) {
        ImGui::TextWrapped("%s", run.notice().c_str());
    }
    ImGui::Separator();
    draw_hints(context, run, edited_);
}

}  // namespace quorum::dashboard
