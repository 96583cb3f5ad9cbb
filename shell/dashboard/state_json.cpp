// [SECTION] State     nodes, messages in flight, selection, the run
// [SECTION] Commands  one JSON object per command
#include "state_json.hpp"

#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "dashboard.hpp"
#include "protocols/registry.hpp"
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
                         {"reason", view.reason}});
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
        case SelectionKind::None:
            break;
    }
    return nullptr;
}

// -----------------------------------------------------------------------------
// [SECTION] Commands
// -----------------------------------------------------------------------------

NodeId node_arg(const json& command) {
    return command.value("node", NodeId{0});
}

std::uint64_t message_arg(const json& command) {
    return command.value("id", std::uint64_t{0});
}

OperationKind operation_kind(const std::string& name) {
    if (name == "get") {
        return OperationKind::Get;
    }
    if (name == "append") {
        return OperationKind::Append;
    }
    if (name == "add") {
        return OperationKind::Add;
    }
    if (name == "propose") {
        return OperationKind::Propose;
    }
    return OperationKind::Put;
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

cmd::Network network(const Session& session, const json& command) {
    sim::NetworkModel model = session.cluster().config().network;
    const auto ppm = [](double share) { return static_cast<PartsPerMillion>(share * 1e6); };
    if (command.contains("loss")) {
        model.loss_ppm = ppm(command["loss"].get<double>());
    }
    if (command.contains("duplicate")) {
        model.duplicate_ppm = ppm(command["duplicate"].get<double>());
    }
    model.latency_min_us =
        command.value("latencyMinMs", model.latency_min_us / 1000) * kMicrosecondsPerMillisecond;
    model.latency_max_us =
        command.value("latencyMaxMs", model.latency_max_us / 1000) * kMicrosecondsPerMillisecond;
    model.reorder = command.value("reorder", model.reorder);
    return cmd::Network{model};
}

// loadScenario {name} (bundled) or {name, text}; import {name, text};
// scenarioStep; scenarioRun; exportScenario; exportTrace. The error of a
// command that could not act is the player's file notice.
std::optional<DashboardCommand> scenario_command(const std::string& name, const json& command) {
    if (name == "loadScenario" || name == "import") {
        const std::string file = command.value("name", std::string("pasted.qs"));
        std::string text = command.value("text", std::string());
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

// The command a JSON object stands for; unknown commands throw.
DashboardCommand parse_command(const Session& session, const json& command) {
    const std::string name = command.at("cmd").get<std::string>();
    if (auto scenario = scenario_command(name, command)) {
        return *std::move(scenario);
    }
    if (auto simple = simple_command(name, command)) {
        return *std::move(simple);
    }
    if (name == "speed") {
        return cmd::Speed{command.at("value").get<double>()};
    }
    if (name == "run") {
        return cmd::RunFor{command.at("ms").get<TimeUs>() * kMicrosecondsPerMillisecond};
    }
    if (name == "hold") {
        return cmd::Hold{command.value("on", true)};
    }
    if (name == "group") {
        return cmd::Group{node_arg(command), command.value("with", NodeId{0})};
    }
    if (name == "network") {
        return network(session, command);
    }
    if (name == "client") {
        return cmd::Client{operation_kind(command.value("op", std::string("put"))),
                           command.value("key", std::string()),
                           command.value("value", std::string())};
    }
    if (name == "select") {
        if (command.contains("message")) {
            return cmd::SelectMessage{command["message"].get<std::uint64_t>()};
        }
        return cmd::SelectNode{node_arg(command)};
    }
    if (name == "reset") {
        return reset(session, command);
    }
    if (name == "restore") {
        return cmd::Restore{command.at("meta").dump()};
    }
    if (name == "projector") {
        return cmd::Projector{command.value("on", true)};
    }
    throw std::invalid_argument("unknown command \"" + name + "\"");
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
        const bool ok = dashboard.command(parse_command(dashboard.session(), parsed));
        json answer = {{"ok", ok}};
        if (!ok) {
            const std::string& notice = dashboard.session().notice();
            answer["error"] = notice.empty() ? dashboard.scenario().file_notice() : notice;
        }
        return answer.dump();
    } catch (const std::exception& error) {
        return json{{"ok", false}, {"error", error.what()}}.dump();
    }
}

}  // namespace quorum::dashboard
