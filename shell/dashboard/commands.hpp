// What a person or a script can ask of the dashboard: one type per command,
// and the one function that carries them out (run_command). Panels and keys
// issue them through PanelContext::command; window.quorum.command() parses
// its JSON into the same commands (state_json.cpp). So a click and a test's
// command take one path, and panels only read the session.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>

#include "explore_run.hpp"
#include "quorum/cluster_config.hpp"
#include "quorum/history.hpp"
#include "quorum/types.hpp"
#include "workers_runner.hpp"

namespace quorum::dashboard {

class Dashboard;

namespace cmd {

// --- The run.
struct Play {
    bool on = true;  // false: pause
};
struct Speed {
    double value = 1.0;
};
struct Step {};
struct StepBack {};
struct RunFor {
    TimeUs duration_us = 0;
};
struct Hold {
    bool on = true;
};
// Session::SlowMotion: on or off, its speed, the message type that slows.
struct SlowMotion {
    bool on = true;
    double speed = 0.01;
    std::string type;
};

// --- Messages and timers, by hand.
struct Deliver {
    std::uint64_t message_id = 0;
};
struct Drop {
    std::uint64_t message_id = 0;
};
struct Duplicate {
    std::uint64_t message_id = 0;
};
struct Fire {
    NodeId node = kNoNode;
};

// --- Chaos.
struct Kill {
    NodeId node = kNoNode;
};
struct Restart {
    NodeId node = kNoNode;
};
struct KillLeader {};
struct Isolate {
    NodeId node = kNoNode;
};
struct IsolateLeader {};
struct Split {};  // a majority and a minority, the leader in the minority
struct Group {    // `node` joins `with`'s partition group (kNoNode: a group of its own)
    NodeId node = kNoNode;
    NodeId with = kNoNode;
};
struct Heal {};
struct Network {
    NetworkModel model;
};

// --- Clients and selection.
struct Client {
    OperationKind operation = OperationKind::Put;
    std::string key;
    std::string value;
    NodeId via = kNoNode;  // the node it sends to first (a scenario's `via`); none: any
};
struct SelectNode {
    NodeId node = kNoNode;
};
struct SelectMessage {
    std::uint64_t message_id = 0;
};
struct ClearSelection {};
struct SelectClient {  // its operation's invoke and answer events
    ClientId client = 0;
};
struct HoverMessage {  // the space-time diagram's pointer; 0: none
    std::uint64_t message_id = 0;
};

// --- Setup: the choice the Setup panel edits, a new cluster from a setup
// (the choice becomes it), a cluster the workers runner saved.
struct EditSetup {
    SetupOptions setup;
};
struct Reset {
    SetupOptions setup;
    std::optional<bool> play;  // none: as it was
};
struct Restore {
    std::string meta_json;
};
struct Projector {
    bool on = true;
};

// --- Scenarios and files.
struct ImportFile {  // a scenario (loaded) or a trace (checked)
    std::string name;
    std::string text;
    // The file's size, when the page did not read it (bigger than
    // kMaxImportBytes); 0 when `text` is the whole file.
    std::size_t size_bytes = 0;
};
struct ScenarioStep {};
struct ScenarioRun {};
struct ExportScenario {};
struct ExportTrace {};

// --- Lessons (lesson_panel.hpp).
struct Lesson {
    enum class Action { Picker, Start, Next, Back, Answer, ShowMe, Export, Close };
    Action action = Action::Next;
    std::string name;  // Start: the lesson ("raft-elections.qs")
    int choice = 0;    // Answer: 1-based
};

}  // namespace cmd

// The network model's bounds, for commands and widgets alike: loss and
// duplication are shares of 0..1 (parts per million up to 1,000,000), latency
// 0..kMaxLatencyMs with its minimum at most its maximum.
constexpr std::uint64_t kMaxLatencyMs = 60'000;
// Why `model` cannot be used, or nothing.
std::optional<std::string> network_error(const NetworkModel& model);

using DashboardCommand =
    std::variant<cmd::Play, cmd::Speed, cmd::Step, cmd::StepBack, cmd::RunFor, cmd::Hold,
                 cmd::Deliver, cmd::Drop, cmd::Duplicate, cmd::Fire, cmd::Kill, cmd::Restart,
                 cmd::KillLeader, cmd::Isolate, cmd::IsolateLeader, cmd::Split, cmd::Group,
                 cmd::Heal, cmd::Network, cmd::Client, cmd::SelectNode, cmd::SelectMessage,
                 cmd::ClearSelection, cmd::EditSetup, cmd::Reset, cmd::Restore, cmd::Projector,
                 cmd::ImportFile, cmd::ScenarioStep, cmd::ScenarioRun, cmd::ExportScenario,
                 cmd::ExportTrace, cmd::SlowMotion, cmd::Lesson, cmd::SelectClient,
                 cmd::HoverMessage, cmd::Explore>;

// Carries out one command. Returns whether it acted; when it did not, the
// session's notice (or the scenario player's file notice) says why.
// Throws std::invalid_argument for a command that cannot be carried out as
// given (a saved cluster that cannot be restored).
bool run_command(Dashboard& dashboard, const DashboardCommand& command);

}  // namespace quorum::dashboard
