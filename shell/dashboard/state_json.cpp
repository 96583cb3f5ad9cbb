// [SECTION] State     nodes, messages in flight, selection, the run
// [SECTION] Commands  one JSON object per command
#include "state_json.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <nlohmann/json.hpp>
#include <string_view>

#include "commands.hpp"
#include "dashboard.hpp"
#include "protocols/registry.hpp"
#include "quorum/history_json.hpp"
#include "scenario_catalog.hpp"

namespace quorum::dashboard {

namespace {

using nlohmann::json;

// A test asks about messages it can see; thousands in flight would make every
// state() call heavy for nothing.
constexpr std::size_t kMaxMessagesInState = 500;

// -----------------------------------------------------------------------------
// [SECTION] State
// -----------------------------------------------------------------------------

// The workers runner: each worker's status, what waits for a worker, and
// what was dropped on the channel, by reason.
json runner_json(const Session& session) {
    const WorkersRunner* runner = session.runner();
    if (runner == nullptr) {
        return {{"name", "in-process"}};
    }
    json nodes = json::array();
    for (NodeId id = 1; id < runner->nodes().size(); ++id) {
        const WorkersRunner::NodeView& view = runner->nodes()[id];
        nodes.push_back({{"id", id},
                         {"status", node_status_name(view.status)},
                         {"incarnation", view.incarnation},
                         {"unsent", view.unsent_inputs},
                         {"reason", view.reason},
                         {"host", view.host}});
    }
    return {{"name", "workers"},
            {"cluster", runner->setup().cluster_name},
            {"ready", runner->ready()},
            {"storage", runner->memory_only() ? "memory" : "indexeddb"},
            {"unsent", runner->unsent_inputs()},
            {"reports", runner->reports()},
            {"dropped", runner->dropped()},
            {"nodes", nodes}};
}

json nodes_json(const sim::Cluster& cluster) {
    const ProtocolView& view = protocol_view(cluster);
    json nodes = json::array();
    for (NodeId id = 1; id <= cluster.size(); ++id) {
        if (!cluster.is_up(id)) {
            nodes.push_back({{"id", id}, {"up", false}});
        } else {
            nodes.push_back(view.node_json(cluster, id));
        }
    }
    return nodes;
}

json in_flight_json(const sim::Cluster& cluster) {
    const ProtocolView& view = protocol_view(cluster);
    json messages = json::array();
    for (const sim::InFlight& flight : cluster.in_flight()) {
        if (messages.size() == kMaxMessagesInState) {
            break;
        }
        messages.push_back({{"id", flight.id},
                            {"from", flight.from},
                            {"to", flight.to},
                            {"type", cluster.message_type(flight)},
                            {"label", view.message_label(cluster, flight)},
                            {"sent", flight.sent_us},
                            {"due", flight.due_us},
                            {"duplicate", flight.duplicate},
                            {"lost", flight.will_be_lost}});
    }
    return messages;
}

json selection_json(const Selection& selection) {
    switch (selection.kind) {
        case SelectionKind::Node:
            return {{"node", selection.node}};
        case SelectionKind::Message:
            return {{"message", selection.message_id}};
        case SelectionKind::Client:
            return {{"client", selection.client}};
        case SelectionKind::None:
            break;
    }
    return nullptr;
}

// -----------------------------------------------------------------------------
// [SECTION] Commands
// -----------------------------------------------------------------------------

// Every argument is checked before anything acts: a wrong type or a value out
// of range is an answer naming the key and the range, never a clamp, a wrap
// or an exception from deep inside.
[[noreturn]] void refuse(const std::string& why) {
    throw std::invalid_argument(why);
}

// A value quoted in an answer: never the whole of a huge one.
std::string shown(const json& value) {
    std::string text = value.dump();
    return text.size() <= 60 ? text : text.substr(0, 57) + "...";
}

// A whole number in [min, max] at `key`, or `fallback` when the key is absent.
std::uint64_t whole_arg(const json& command, const char* key, std::uint64_t min, std::uint64_t max,
                        std::uint64_t fallback) {
    const auto found = command.find(key);
    if (found == command.end()) {
        return fallback;
    }
    const bool whole =
        found->is_number_unsigned() ||
        (found->is_number_float() && std::isfinite(found->get<double>()) &&
         found->get<double>() >= 0 && std::floor(found->get<double>()) == found->get<double>() &&
         found->get<double>() <= 9.0e15);
    const std::uint64_t value = !whole ? 0
                                : found->is_number_unsigned()
                                    ? found->get<std::uint64_t>()
                                    : static_cast<std::uint64_t>(found->get<double>());
    if (!whole || value < min || value > max) {
        refuse(std::string("\"") + key + "\" must be a whole number from " + std::to_string(min) +
               " to " + std::to_string(max) + ", not " + shown(*found));
    }
    return value;
}

double number_arg(const json& command, const char* key, double min, double max, double fallback) {
    const auto found = command.find(key);
    if (found == command.end()) {
        return fallback;
    }
    if (!found->is_number() || !std::isfinite(found->get<double>()) || found->get<double>() < min ||
        found->get<double>() > max) {
        char range[64];
        std::snprintf(range, sizeof range, "%g to %g", min, max);
        refuse(std::string("\"") + key + "\" must be a number from " + range + ", not " +
               shown(*found));
    }
    return found->get<double>();
}

bool bool_arg(const json& command, const char* key, bool fallback) {
    const auto found = command.find(key);
    if (found == command.end()) {
        return fallback;
    }
    if (!found->is_boolean()) {
        refuse(std::string("\"") + key + "\" must be true or false, not " + shown(*found));
    }
    return found->get<bool>();
}

// Keys and values a client sends: short text (a person types them).
constexpr std::size_t kMaxTextArg = 1024;

std::string text_arg(const json& command, const char* key, const std::string& fallback) {
    const auto found = command.find(key);
    if (found == command.end()) {
        return fallback;
    }
    if (!found->is_string()) {
        refuse(std::string("\"") + key + "\" must be a string, not " + shown(*found));
    }
    return found->get<std::string>();
}

std::string short_text_arg(const json& command, const char* key) {
    std::string text = text_arg(command, key, std::string());
    if (text.size() > kMaxTextArg) {
        refuse(std::string("\"") + key + "\" is " + std::to_string(text.size()) +
               " bytes; at most " + std::to_string(kMaxTextArg));
    }
    return text;
}

// Node ids: 1..9 (a cluster has at most kMaxNodes); whether that node exists
// and is in the right state is the session's answer.
NodeId node_arg(const json& command, const char* key = "node", NodeId fallback = kNoNode) {
    if (!command.contains(key) && fallback == kNoNode && std::string_view(key) == "node") {
        refuse("\"node\" is missing: which node (1 to " + std::to_string(kMaxNodes) + ")");
    }
    return static_cast<NodeId>(whole_arg(command, key, 1, kMaxNodes, fallback));
}

std::uint64_t message_arg(const json& command, const char* key = "id") {
    if (!command.contains(key)) {
        refuse(std::string("\"") + key + "\" is missing: which message (its id)");
    }
    return whole_arg(command, key, 1, std::numeric_limits<std::int64_t>::max(), 0);
}

OperationKind operation_kind(const std::string& name) {
    for (const OperationKind kind : {OperationKind::Put, OperationKind::Get, OperationKind::Append,
                                     OperationKind::Add, OperationKind::Propose}) {
        if (name == operation_name(kind)) {
            return kind;
        }
    }
    refuse("unknown client operation \"" + name + "\" (put, get, append, add or propose)");
}

// {cmd:'reset', algorithm, nodes, seed, the protocol's options (preVote,
// checkQuorum, backoff, ...), runner: 'in-process'|'workers', cluster: name,
// play}: absent keys keep the Setup panel's values.
cmd::Reset reset(const Session& session, const json& command) {
    json setup = command;
    setup.erase("cmd");
    setup.erase("play");
    std::string error;
    auto options = setup::setup_from_json(setup.dump(), session.setup_choice(), error);
    if (!options) {
        throw std::invalid_argument(error);
    }
    if (options->runner == Runner::Workers && !session.workers_available()) {
        throw std::invalid_argument("the workers runner needs the page (Web Workers)");
    }
    return cmd::Reset{std::move(*options), command.value("play", true)};
}

// {cmd:'network', loss, duplicate (shares 0..1), latencyMinMs, latencyMaxMs,
// reorder}: absent keys keep the current model.
cmd::Network network(const Session& session, const json& command) {
    sim::NetworkModel model = session.cluster().config().network;
    const auto ppm = [](double share) { return static_cast<PartsPerMillion>(share * 1e6 + 0.5); };
    const auto share = [](PartsPerMillion parts) { return static_cast<double>(parts) / 1e6; };
    model.loss_ppm = ppm(number_arg(command, "loss", 0, 1, share(model.loss_ppm)));
    model.duplicate_ppm = ppm(number_arg(command, "duplicate", 0, 1, share(model.duplicate_ppm)));
    const auto ms = [&](const char* key, TimeUs fallback_us) {
        return static_cast<TimeUs>(whole_arg(command, key, 0, kMaxLatencyMs,
                                             static_cast<std::uint64_t>(fallback_us / 1000))) *
               kMicrosecondsPerMillisecond;
    };
    model.latency_min_us = ms("latencyMinMs", model.latency_min_us);
    model.latency_max_us = ms("latencyMaxMs", model.latency_max_us);
    model.reorder = bool_arg(command, "reorder", model.reorder);
    if (const auto error = network_error(model)) {
        refuse(*error);
    }
    return cmd::Network{model};
}

// loadScenario {name} (bundled) or {name, text}; import {name, text};
// scenarioStep; scenarioRun; exportScenario; exportTrace. The error of a
// command that could not act is the player's file notice.
std::optional<DashboardCommand> scenario_command(const std::string& name, const json& command) {
    if (name == "loadScenario" || name == "import") {
        const std::string file = text_arg(command, "name", "pasted.qs");
        if (name == "import" && command.contains("size") && !command.contains("text")) {
            // The page did not read it: too big (web/boot.js).
            const std::uint64_t size = whole_arg(command, "size", 0, UINT64_MAX, 0);
            return cmd::ImportFile{
                file, {}, static_cast<std::size_t>(std::min<std::uint64_t>(size, SIZE_MAX))};
        }
        std::string text = text_arg(command, "text", std::string());
        if (!command.contains("text")) {
            const BundledScenario* bundled = find_bundled_scenario(file);
            if (bundled == nullptr) {
                throw std::invalid_argument("no bundled scenario named \"" + file + "\"");
            }
            text = bundled->text;
        }
        return cmd::ImportFile{file, std::move(text)};
    }
    if (name == "scenarioStep") {
        return cmd::ScenarioStep{};
    }
    if (name == "scenarioRun") {
        return cmd::ScenarioRun{};
    }
    if (name == "exportScenario") {
        return cmd::ExportScenario{};
    }
    if (name == "exportTrace") {
        return cmd::ExportTrace{};
    }
    return std::nullopt;
}

// The commands that act on one node or message, or on none.
std::optional<DashboardCommand> simple_command(const std::string& name, const json& command) {
    if (name == "play" || name == "pause") {
        return cmd::Play{name == "play"};
    }
    if (name == "step") {
        return cmd::Step{};
    }
    if (name == "back") {
        return cmd::StepBack{};
    }
    if (name == "deliver") {
        return cmd::Deliver{message_arg(command)};
    }
    if (name == "drop") {
        return cmd::Drop{message_arg(command)};
    }
    if (name == "duplicate") {
        return cmd::Duplicate{message_arg(command)};
    }
    if (name == "fire") {
        return cmd::Fire{node_arg(command)};
    }
    if (name == "kill") {
        return cmd::Kill{node_arg(command)};
    }
    if (name == "restart") {
        return cmd::Restart{node_arg(command)};
    }
    if (name == "killLeader") {
        return cmd::KillLeader{};
    }
    if (name == "isolate") {
        return cmd::Isolate{node_arg(command)};
    }
    if (name == "isolateLeader") {
        return cmd::IsolateLeader{};
    }
    if (name == "split") {
        return cmd::Split{};
    }
    if (name == "heal") {
        return cmd::Heal{};
    }
    return std::nullopt;
}

// lessons (the picker); lessonStart {name}; lessonNext; lessonBack;
// lessonAnswer {choice}; lessonShowMe; lessonExport; lessonClose
// (lesson_panel.hpp).
std::optional<DashboardCommand> lesson_command(const std::string& name, const json& command) {
    using Action = cmd::Lesson::Action;
    static const std::pair<const char*, Action> kActions[] = {
        {"lessons", Action::Picker},      {"lessonStart", Action::Start},
        {"lessonNext", Action::Next},     {"lessonBack", Action::Back},
        {"lessonAnswer", Action::Answer}, {"lessonShowMe", Action::ShowMe},
        {"lessonExport", Action::Export}, {"lessonClose", Action::Close}};
    for (const auto& [word, action] : kActions) {
        if (name == word) {
            return cmd::Lesson{action, text_arg(command, "name", std::string()),
                               static_cast<int>(whole_arg(command, "choice", 0, 9, 0))};
        }
    }
    return std::nullopt;
}

// The command a JSON object stands for; unknown commands throw.
DashboardCommand parse_command(const Session& session, const json& command) {
    if (!command.at("cmd").is_string()) {
        refuse("\"cmd\" must be a command's name, not " + shown(command.at("cmd")));
    }
    const std::string name = command.at("cmd").get<std::string>();
    if (auto scenario = scenario_command(name, command)) {
        return *std::move(scenario);
    }
    if (auto simple = simple_command(name, command)) {
        return *std::move(simple);
    }
    if (auto lesson = lesson_command(name, command)) {
        return *std::move(lesson);
    }
    if (name == "speed") {
        if (!command.contains("value")) {
            refuse("\"value\" is missing: how fast virtual time runs");
        }
        return cmd::Speed{number_arg(command, "value", Session::kMinSpeed, Session::kMaxSpeed, 1)};
    }
    if (name == "slowMotion") {
        const Session::SlowMotion& now = session.slow_motion();
        return cmd::SlowMotion{
            bool_arg(command, "on", now.on),
            number_arg(command, "speed", Session::kMinSpeed, Session::kMaxSpeed, now.speed),
            command.contains("type") ? short_text_arg(command, "type") : now.type};
    }
    if (name == "run") {
        if (!command.contains("ms")) {
            refuse("\"ms\" is missing: how long to run, in milliseconds");
        }
        return cmd::RunFor{
            static_cast<TimeUs>(whole_arg(command, "ms", 1, Session::kMaxRunUs / 1000, 0)) *
            kMicrosecondsPerMillisecond};
    }
    if (name == "hold") {
        return cmd::Hold{bool_arg(command, "on", true)};
    }
    if (name == "group") {
        // "with" absent: a group of its own.
        return cmd::Group{node_arg(command),
                          command.contains("with") ? node_arg(command, "with", 1) : kNoNode};
    }
    if (name == "network") {
        return network(session, command);
    }
    if (name == "client") {
        return cmd::Client{operation_kind(text_arg(command, "op", "put")),
                           short_text_arg(command, "key"), short_text_arg(command, "value"),
                           command.contains("via") ? node_arg(command, "via", 1) : kNoNode};
    }
    if (name == "select") {
        if (command.contains("message")) {
            return cmd::SelectMessage{message_arg(command, "message")};
        }
        if (command.contains("client")) {
            return cmd::SelectClient{
                static_cast<ClientId>(whole_arg(command, "client", 1, UINT32_MAX, 1))};
        }
        return cmd::SelectNode{node_arg(command)};
    }
    if (name == "hover") {  // the diagram's highlight; without "message": none
        return cmd::HoverMessage{command.contains("message") ? message_arg(command, "message") : 0};
    }
    if (name == "reset") {
        return reset(session, command);
    }
    if (name == "restore") {
        if (!command.contains("meta")) {
            refuse("\"meta\" is missing: the saved cluster's record");
        }
        return cmd::Restore{command.at("meta").dump()};
    }
    if (name == "projector") {
        return cmd::Projector{bool_arg(command, "on", true)};
    }
    if (name == "explore") {
        return ExploreRun::parse(command.dump());
    }
    refuse("unknown command \"" + name.substr(0, 40) + "\"");
}

json scenario_json(const ScenarioPlayer& player, const Session& session) {
    if (!player.active(session)) {
        return nullptr;
    }
    json results = json::array();
    for (const scenario::StatementResult& result : player.run()->results()) {
        results.push_back(
            {{"line", result.pos.line}, {"ok", result.passed()}, {"message", result.message}});
    }
    return {{"name", player.name()},
            {"nextLine", player.next_line() == 0 ? json(nullptr) : json(player.next_line())},
            {"finished", player.run()->finished()},
            {"passed", player.run()->passed()},
            {"summary", player.summary(session)},
            {"results", results}};
}

}  // namespace

std::string state_json(Dashboard& dashboard) {
    Session& session = dashboard.session();
    dashboard.scenario().follow(session);
    const sim::Cluster& cluster = session.cluster();
    const std::optional<NodeId> leader = cluster.leader();
    const Violation* violation = cluster.violation();
    json state = {{"t", cluster.now()},
                  {"algorithm", cluster.protocol_name()},
                  {"playing", session.playing()},
                  {"speed", session.speed()},
                  {"effectiveSpeed", session.effective_speed()},
                  {"slowMotion",
                   {{"on", session.slow_motion().on},
                    {"speed", session.slow_motion().speed},
                    {"type", session.slow_motion().type},
                    {"reason", session.slow_reason()}}},
                  {"hold", cluster.hold()},
                  {"leader", leader ? json(*leader) : json(nullptr)},
                  {"events", session.events().size()},
                  {"eventsDropped", session.events_dropped()},
                  {"eventsProcessed", cluster.events_processed()},
                  {"snapshots", session.snapshot_count()},
                  {"pending", cluster.pending_events().size()},
                  {"inFlightCount", cluster.in_flight().size()},
                  {"history", cluster.history().size()},
                  {"clientsWaiting", cluster.clients_waiting()},
                  {"selection", selection_json(session.selection())},
                  {"violation", violation ? json(violation->to_string()) : json(nullptr)},
                  {"notice", session.notice()},
                  {"projector", dashboard.projector()},
                  {"nodes", nodes_json(cluster)},
                  {"inFlight", in_flight_json(cluster)},
                  {"scenario", scenario_json(dashboard.scenario(), session)},
                  {"fileNotice", dashboard.scenario().file_notice()},
                  {"runner", runner_json(session)}};
    state["lesson"] = json::parse(dashboard.lessons().state_json(session, dashboard.scenario()));
    // The space-time diagram's pointer (the Cluster and Events panels show it too).
    const std::uint64_t hovered = session.hovered_message();
    state["hoveredMessage"] = hovered == 0 ? json(nullptr) : json(hovered);
    state["explore"] = json::parse(dashboard.explorer().state_json());
    protocol_view(cluster).add_state_json(cluster, state);
    return state.dump();
}

std::string command_json(Dashboard& dashboard, const std::string& command) {
    const json parsed = json::parse(command, nullptr, false);
    if (parsed.is_discarded() || !parsed.is_object() || !parsed.contains("cmd")) {
        return json{{"ok", false}, {"error", "expected an object with \"cmd\""}}.dump();
    }
    try {
        dashboard.scenario().follow(dashboard.session());
        const DashboardCommand to_run = parse_command(dashboard.session(), parsed);
        const bool ok = dashboard.command(to_run);
        json answer = {{"ok", ok}};
        if (!ok) {
            const std::string& notice = dashboard.session().notice();
            answer["error"] = notice.empty() ? dashboard.scenario().file_notice() : notice;
            if (std::holds_alternative<cmd::Lesson>(to_run)) {
                answer["error"] = dashboard.lessons().notice();
            } else if (parsed.at("cmd") == "explore") {
                answer["error"] = dashboard.explorer().notice();
            }
        }
        return answer.dump();
    } catch (const std::exception& error) {
        return json{{"ok", false}, {"error", error.what()}}.dump();
    }
}

}  // namespace quorum::dashboard
