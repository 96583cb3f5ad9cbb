#include "commands.hpp"

#include <stdexcept>

#include "dashboard.hpp"
#include "file_transfer.hpp"

namespace quorum::dashboard {

namespace {

// One operator() per command: the Session's (or the player's) function for it.
struct Carry {
    Dashboard& dashboard;
    Session& session = dashboard.session();
    ScenarioPlayer& player = dashboard.scenario();

    bool operator()(const cmd::Lesson& c) const {
        return dashboard.lessons().run(c, session, player);
    }
    bool operator()(const cmd::Play& play) const {
        session.set_playing(play.on);
        return true;
    }
    bool operator()(const cmd::Speed& speed) const { return session.set_speed(speed.value); }
    bool operator()(const cmd::SlowMotion& c) const {
        return session.set_slow_motion({c.on, c.speed, c.type});
    }
    bool operator()(const cmd::Step&) const { return session.step(); }
    bool operator()(const cmd::StepBack&) const { return session.step_back(); }
    bool operator()(const cmd::RunFor& run) const { return session.run_for(run.duration_us); }
    bool operator()(const cmd::Hold& hold) const {
        session.set_hold(hold.on);
        return true;
    }
    bool operator()(const cmd::Deliver& c) const { return session.deliver(c.message_id); }
    bool operator()(const cmd::Drop& c) const { return session.drop(c.message_id); }
    bool operator()(const cmd::Duplicate& c) const { return session.duplicate(c.message_id); }
    bool operator()(const cmd::Fire& c) const { return session.fire_timer(c.node); }
    bool operator()(const cmd::Kill& c) const { return session.crash(c.node); }
    bool operator()(const cmd::Restart& c) const { return session.restart(c.node); }
    bool operator()(const cmd::KillLeader&) const { return session.crash_leader(); }
    bool operator()(const cmd::Isolate& c) const { return session.isolate(c.node); }
    bool operator()(const cmd::IsolateLeader&) const { return session.isolate_leader(); }
    bool operator()(const cmd::Split&) const {
        session.split_majority_minority();
        return true;
    }
    bool operator()(const cmd::Group& c) const { return session.move_to_group(c.node, c.with); }
    bool operator()(const cmd::Heal&) const {
        session.heal();
        return true;
    }
    bool operator()(const cmd::Network& c) const { return session.set_network(c.model); }
    bool operator()(const cmd::Client& c) const {
        return session.client(c.operation, c.key, c.value, c.via).has_value();
    }
    bool operator()(const cmd::SelectNode& c) const {
        session.select_node(c.node);
        return true;
    }
    bool operator()(const cmd::SelectMessage& c) const {
        session.select_message(c.message_id);
        return true;
    }
    bool operator()(const cmd::ClearSelection&) const {
        session.clear_selection();
        return true;
    }
    bool operator()(const cmd::SelectClient& c) const {
        session.select_client(c.client);
        return true;
    }
    bool operator()(const cmd::HoverMessage& c) const {
        session.hover_message(c.message_id);
        return true;
    }
    bool operator()(const cmd::EditSetup& c) const {
        session.set_setup_choice(c.setup);
        return true;
    }
    bool operator()(const cmd::Reset& c) const {
        session.set_setup_choice(c.setup);
        session.reset();
        if (c.play) {
            session.set_playing(*c.play);
        }
        return true;
    }
    bool operator()(const cmd::Restore& c) const {
        std::string error;
        if (!session.restore(c.meta_json, error)) {
            throw std::invalid_argument(error);
        }
        return true;
    }
    bool operator()(const cmd::Projector& c) const {
        dashboard.set_projector(c.on);
        return true;
    }
    bool operator()(const cmd::ImportFile& c) const {
        if (c.size_bytes > kMaxImportBytes) {
            return player.refuse_file(c.name, c.size_bytes);
        }
        return player.import_file(session, c.name, c.text);
    }
    bool operator()(const cmd::ScenarioStep&) const { return player.step_line(session); }
    bool operator()(const cmd::ScenarioRun&) const {
        player.run_to_end(session);
        return player.active(session);
    }
    bool operator()(const cmd::ExportScenario&) const {
        player.export_scenario();
        return player.active(session);
    }
    bool operator()(const cmd::ExportTrace&) const {
        player.export_trace(session);
        return true;
    }
    bool operator()(const cmd::Explore& c) const {
        return dashboard.explorer().command(session, player, c);
    }
};

}  // namespace

std::optional<std::string> network_error(const NetworkModel& model) {
    constexpr PartsPerMillion kAll = 1'000'000;
    if (model.loss_ppm > kAll || model.duplicate_ppm > kAll) {
        return "loss and duplicate are shares from 0 to 1 (0 % to 100 %)";
    }
    const TimeUs max_us = static_cast<TimeUs>(kMaxLatencyMs) * kMicrosecondsPerMillisecond;
    if (model.latency_min_us < 0 || model.latency_max_us > max_us) {
        return "latency must be from 0 to " + std::to_string(kMaxLatencyMs) + " ms";
    }
    if (model.latency_min_us > model.latency_max_us) {
        return "the latency's minimum (" + std::to_string(model.latency_min_us / 1000) +
               " ms) is above its maximum (" + std::to_string(model.latency_max_us / 1000) + " ms)";
    }
    return std::nullopt;
}

bool run_command(Dashboard& dashboard, const DashboardCommand& command) {
    return std::visit(Carry{dashboard}, command);
}

}  // namespace quorum::dashboard
