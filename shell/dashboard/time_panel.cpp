#include "time_panel.hpp"

#include <cmath>
#include <string>

#include "session.hpp"
#include "widget_registry.hpp"

namespace quorum::dashboard {

namespace {

// Speed presets a teacher reaches for; the slider covers everything between.
constexpr double kSpeedPresets[] = {0.01, 0.1, 1.0, 10.0, 100.0};

std::string speed_text(double speed) {
    char text[16];
    std::snprintf(text, sizeof text, speed < 0.1 ? "%.2fx" : (speed < 1 ? "%.1fx" : "%.0fx"),
                  speed);
    return text;
}

void draw_speed(const PanelContext& context) {
    const Session& session = context.session;
    // The slider is logarithmic in the speed: 0.01x and 100x both reachable.
    float exponent = static_cast<float>(std::log10(session.speed()));
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7.0f);
    const std::string label = speed_text(session.speed());
    if (ImGui::SliderFloat("##speed", &exponent, -2.0f, 2.0f, label.c_str(),
                           ImGuiSliderFlags_AlwaysClamp)) {
        context.command(cmd::Speed{std::pow(10.0, static_cast<double>(exponent))});
    }
    context.widgets.record_last_item("slider.speed");
    for (double preset : kSpeedPresets) {
        ImGui::SameLine();
        const std::string text = speed_text(preset);
        if (named_button(context, text.c_str(), ("button.speed." + text).c_str())) {
            context.command(cmd::Speed{preset});
        }
    }
}

// Slow motion: on or off here, its speed and the message type that slows in
// a popup; then the speed that applies now, and why, so the class knows why
// the dots crawl.
void draw_slow_motion(const PanelContext& context) {
    const Session& session = context.session;
    Session::SlowMotion slow = session.slow_motion();
    if (ImGui::Checkbox("Slow motion", &slow.on)) {
        context.command(cmd::SlowMotion{slow.on, slow.speed, slow.type});
    }
    context.widgets.record_last_item("button.slow_motion");
    if (ImGui::IsItemHovered()) {
        ImGui::SetTooltip("Plays at %s while an election or a ballot is in progress%s%s%s.",
                          speed_text(slow.speed).c_str(), slow.type.empty() ? "" : " or while ",
                          slow.type.c_str(), slow.type.empty() ? "" : " messages are in flight");
    }
    ImGui::SameLine();
    if (named_button(context, "...", "button.slow_settings")) {
        ImGui::OpenPopup("slow motion");
    }
    if (ImGui::BeginPopup("slow motion")) {
        float exponent = static_cast<float>(std::log10(slow.speed));
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7.0f);
        if (ImGui::SliderFloat("slow speed", &exponent, -2.0f, 2.0f, speed_text(slow.speed).c_str(),
                               ImGuiSliderFlags_AlwaysClamp)) {
            context.command(
                cmd::SlowMotion{slow.on, std::pow(10.0, static_cast<double>(exponent)), slow.type});
        }
        char type[48] = {};
        slow.type.copy(type, sizeof type - 1);
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9.0f);
        if (ImGui::InputText("also while in flight", type, sizeof type)) {
            context.command(cmd::SlowMotion{slow.on, slow.speed, type});
        }
        ImGui::TextDisabled("a message type as the Network table names it, e.g. AppendEntries");
        ImGui::EndPopup();
    }
    ImGui::SameLine();
    // The speed that applies, and why when slowed; the reason only if the
    // bar has room for it (a tooltip has it otherwise).
    const std::string reason = session.slow_reason();
    std::string text = speed_text(session.effective_speed());
    if (reason.empty()) {
        ImGui::TextDisabled("%s", text.c_str());
    } else {
        const std::string full = text + ": " + reason;
        const bool fits = ImGui::CalcTextSize(full.c_str()).x <= ImGui::GetContentRegionAvail().x;
        ImGui::TextColored(ImVec4(1.0f, 0.75f, 0.3f, 1.0f), "%s", (fits ? full : text).c_str());
    }
    context.widgets.record_last_item("text.speed_applies");
    if (!reason.empty() && ImGui::IsItemHovered()) {
        ImGui::SetTooltip("Slow motion: %s", reason.c_str());
    }
}

}  // namespace

void TimePanel::draw(const PanelContext& context) {
    const Session& session = context.session;
    const sim::Cluster& cluster = session.cluster();
    if (named_button(context, session.playing() ? "Pause" : "Play ", "button.play")) {
        context.command(cmd::Play{!session.playing()});
    }
    ImGui::SameLine();
    if (named_button(context, "Step", "button.step")) {
        context.command(cmd::Step{});
    }
    ImGui::SameLine();
    begin_disabled_if(session.snapshot_count() == 0);
    if (named_button(context, "Back", "button.back")) {
        context.command(cmd::StepBack{});
    }
    end_disabled_if(session.snapshot_count() == 0);
    ImGui::SameLine();
    bool hold = cluster.hold();
    if (ImGui::Checkbox("Hold messages", &hold)) {
        context.command(cmd::Hold{hold});
    }
    context.widgets.record_last_item("button.hold");
    ImGui::SameLine();
    ImGui::TextDisabled("|");
    ImGui::SameLine();
    ImGui::TextUnformatted("Speed");
    ImGui::SameLine();
    draw_speed(context);
    ImGui::SameLine();
    ImGui::TextDisabled("|");
    ImGui::SameLine();
    ImGui::Text("t = %s", format_seconds(cluster.now()).c_str());
    context.widgets.record_last_item("text.time");
    if (ImGui::IsItemHovered()) {
        ImGui::SetTooltip("%llu events, %zu in flight, %zu snapshots to step back through",
                          static_cast<unsigned long long>(cluster.events_processed()),
                          cluster.in_flight().size(), session.snapshot_count());
    }
    ImGui::SameLine();
    ImGui::TextDisabled("|");
    ImGui::SameLine();
    draw_slow_motion(context);
}

}  // namespace quorum::dashboard
