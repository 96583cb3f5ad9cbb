#include "invariants_panel.hpp"

#include <string>

#include "session.hpp"

namespace quorum::dashboard {

namespace {

const ImVec4 kBroken{1.0f, 0.45f, 0.35f, 1.0f};
const ImVec4 kHolds{0.45f, 0.85f, 0.55f, 1.0f};

bool broken(const std::vector<Violation>& violations, const Rule& rule) {
    for (const Violation& violation : violations) {
        if (violation.rule == rule.name) {
            return true;
        }
    }
    return false;
}

}  // namespace

// The rules are the running checker's own list (Checker::rules()): a rule
// is named once, where the checker declares it.
void InvariantsPanel::draw(const PanelContext& context) {
    const sim::Cluster& cluster = context.session.cluster();
    const Violation* violation = cluster.violation();
    if (!cluster.config().check_invariants) {
        ImGui::TextDisabled("Checkers are off for this cluster.");
        return;
    }
    if (violation != nullptr) {
        ImGui::PushStyleColor(ImGuiCol_Text, kBroken);
        ImGui::TextWrapped("BROKEN: %s", violation->rule.c_str());
        ImGui::PopStyleColor();
        ImGui::TextWrapped("%s", violation->details.c_str());
        ImGui::Text("at t = %s", format_seconds(violation->time_us).c_str());
        ImGui::TextDisabled("The run paused here. Step back to see how it came to this.");
        ImGui::Separator();
    }
    for (const Rule& rule : cluster.rules()) {
        const bool is_broken = broken(cluster.violations(), rule);
        ImGui::TextColored(is_broken ? kBroken : kHolds, "%s",
                           is_broken ? "\xE2\x9C\x97" : "\xE2\x9C\x93");
        ImGui::SameLine();
        const std::string name(rule.name);
        ImGui::TextUnformatted(name.c_str());
        if (ImGui::IsItemHovered()) {
            const std::string meaning(rule.meaning);
            ImGui::SetTooltip("%s", meaning.c_str());
        }
    }
    if (violation == nullptr) {
        ImGui::TextDisabled("Checked after every event: all hold.");
    }
}

}  // namespace quorum::dashboard
