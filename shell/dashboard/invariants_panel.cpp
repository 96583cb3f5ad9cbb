#include "invariants_panel.hpp"

#include <string>

#include "session.hpp"

namespace quorum::dashboard {

namespace {

// The rules each protocol's checker enforces (DESIGN.md, "Traces and checkers").
constexpr const char* kRaftRules[] = {"election safety",      "log matching",
                                      "leader append-only",   "leader completeness",
                                      "state machine safety", "commit index monotonic"};
constexpr const char* kPaxosRules[] = {
    "at most one value chosen", "only a proposed value is chosen", "acceptors keep their promises"};

}  // namespace

void InvariantsPanel::draw(const PanelContext& context) {
    const sim::Cluster& cluster = context.session.cluster();
    const std::optional<sim::Violation>& violation = cluster.violation();
    if (!cluster.config().check_invariants) {
        ImGui::TextDisabled("Checkers are off for this cluster.");
        return;
    }
    if (violation) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1.0f, 0.45f, 0.35f, 1.0f));
        ImGui::TextWrapped("BROKEN: %s", violation->rule.c_str());
        ImGui::PopStyleColor();
        ImGui::TextWrapped("%s", violation->details.c_str());
        ImGui::Text("at t = %s", format_seconds(violation->time_us).c_str());
        ImGui::TextDisabled("The run paused here. Step back to see how it came to this.");
        ImGui::Separator();
    }
    const bool raft = cluster.algorithm() == sim::Algorithm::Raft;
    const auto draw_rule = [&](const char* rule) {
        const bool broken = violation && violation->rule == rule;
        ImGui::TextColored(
            broken ? ImVec4(1.0f, 0.45f, 0.35f, 1.0f) : ImVec4(0.45f, 0.85f, 0.55f, 1.0f), "%s",
            broken ? "\xE2\x9C\x97" : "\xE2\x9C\x93");
        ImGui::SameLine();
        ImGui::TextUnformatted(rule);
    };
    if (raft) {
        for (const char* rule : kRaftRules) {
            draw_rule(rule);
        }
    } else {
        for (const char* rule : kPaxosRules) {
            draw_rule(rule);
        }
    }
    if (!violation) {
        ImGui::TextDisabled("Checked after every event: all hold.");
    }
}

}  // namespace quorum::dashboard
