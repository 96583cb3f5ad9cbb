// [SECTION] State     nodes, messages in flight, selection, the run
// [SECTION] Commands  one JSON object per command
#include "state_json.hpp"

#include <nlohmann/json.hpp>

#include "dashboard.hpp"
#include "message_view.hpp"
#include "quorum/sim/multipaxos_invariants.hpp"
#include "scenario_catalog.hpp"

namespace quorum::dashboard {

namespace {

using nlohmann::json;

// A test asks about messages it can see; thousands in flight would make every
// state() call heavy for nothing.
constexpr std::size_t kMaxMessagesInState = 500;

json node_or_null(NodeId node) {
    return node == kNoNode ? json(nullptr) : json(node);
}

// -----------------------------------------------------------------------------
// [SECTION] State
// -----------------------------------------------------------------------------

json raft_node_json(const sim::Cluster& cluster, NodeId id) {
    const raft::Node& node = cluster.node(id);
    return {{"id", id},
            {"up", true},
            {"role", raft::role_name(node.role())},
            {"term", node.current_term()},
            {"votedFor", node_or_null(node.voted_for())},
            {"leader", node_or_null(node.leader_id())},
            {"commitIndex", node.commit_index()},
            {"lastApplied", node.last_applied()},
            {"logLength", node.last_index()},
            {"votes", node.votes_granted().size()},
            {"deadline", node.next_deadline()}};
}

json paxos_node_json(const sim::Cluster& cluster, NodeId id) {
    const paxos::Node& node = cluster.paxos_node(id);
    const auto& accepted = node.accepted();
    return {{"id", id},
            {"up", true},
            {"phase", paxos::phase_name(node.phase())},
            {"ballot", node.ballot().to_string()},
            {"promised", node.promised().to_string()},
            {"accepted",
             accepted ? json{{"ballot", accepted->ballot.to_string()}, {"value", accepted->value}}
                      : json(nullptr)},
            {"learned", node.learned() ? json(*node.learned()) : json(nullptr)}};
}

json multipaxos_node_json(const sim::Cluster& cluster, NodeId id) {
    const multipaxos::Node& node = cluster.multipaxos_node(id);
    const multipaxos::Roles roles = node.roles();
    const std::optional<multipaxos::Leader>& leader = node.leader();
    json roles_json = json::array();
    for (const auto& [held, name] :
         {std::pair{roles.replica, "replica"}, std::pair{roles.leader, "leader"},
          std::pair{roles.acceptor, "acceptor"}}) {
        if (held) {
            roles_json.push_back(name);
        }
    }
    return {{"id", id},
            {"up", true},
            {"roles", roles_json},
            {"active", leader && leader->active()},
            {"ballot", leader ? json(sim::ballot_text(leader->ballot_num())) : json(nullptr)},
            {"acceptorBallot", sim::ballot_text(node.acceptor().ballot_num())},
            {"accepted", node.acceptor().accepted().size()},
            {"decided", node.decided_slots()}};
}

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
    json nodes = json::array();
    for (NodeId id = 1; id <= cluster.size(); ++id) {
        if (!cluster.is_up(id)) {
            nodes.push_back({{"id", id}, {"up", false}});
        } else if (cluster.algorithm() == sim::Algorithm::Raft) {
            nodes.push_back(raft_node_json(cluster, id));
        } else if (cluster.algorithm() == sim::Algorithm::Paxos) {
            nodes.push_back(paxos_node_json(cluster, id));
        } else {
            nodes.push_back(multipaxos_node_json(cluster, id));
        }
    }
    return nodes;
}

json in_flight_json(const sim::Cluster& cluster) {
    json messages = json::array();
    for (const sim::InFlight& flight : cluster.in_flight()) {
        if (messages.size() == kMaxMessagesInState) {
            break;
        }
        messages.push_back({{"id", flight.id},
                            {"from", flight.message.from},
                            {"to", flight.message.to},
                            {"type", message_type_name(flight.message.payload)},
                            {"label", short_label(flight.message)},
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

// {cmd:'reset', algorithm, nodes, seed, preVote, checkQuorum, backoff,
// runner: 'in-process'|'workers', cluster: name, play}: absent keys keep the
// Setup panel's values.
void reset(Session& session, const json& command) {
    json setup = command;
    setup.erase("cmd");
    setup.erase("play");
    std::string error;
    const auto options = setup_from_json(setup.dump(), session.setup_draft(), error);
    if (!options) {
        throw std::invalid_argument(error);
    }
    if (options->runner == Runner::Workers && !session.workers_available()) {
        throw std::invalid_argument("the workers runner needs the page (Web Workers)");
    }
    session.setup_draft() = *options;
    session.reset();
    session.set_playing(command.value("play", true));
}

void network(Session& session, const json& command) {
    sim::NetworkModel model = session.cluster().config().network;
    const auto ppm = [](double share) { return static_cast<sim::PartsPerMillion>(share * 1e6); };
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
    session.set_network(model);
}

// loadScenario {name} (bundled) or {name, text}; import {name, text};
// scenarioStep; scenarioRun; exportScenario; exportTrace. The error of a
// command that could not act is the player's file notice.
std::optional<bool> scenario_command(Dashboard& dashboard, const std::string& name,
                                     const json& command) {
    ScenarioPlayer& player = dashboard.scenario();
    Session& session = dashboard.session();
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
        return player.import_file(session, file, text);
    }
    if (name == "scenarioStep") {
        return player.step_line(session);
    }
    if (name == "scenarioRun") {
        player.run_to_end(session);
        return player.active(session);
    }
    if (name == "exportScenario") {
        player.export_scenario();
        return player.active(session);
    }
    if (name == "exportTrace") {
        player.export_trace(session);
        return true;
    }
    return std::nullopt;
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

// Returns whether the command acted; unknown commands throw.
bool run(Dashboard& dashboard, const json& command) {
    Session& session = dashboard.session();
    const std::string name = command.at("cmd").get<std::string>();
    if (const std::optional<bool> acted = scenario_command(dashboard, name, command)) {
        return *acted;
    }
    if (name == "play" || name == "pause") {
        session.set_playing(name == "play");
    } else if (name == "speed") {
        session.set_speed(command.at("value").get<double>());
    } else if (name == "step") {
        return session.step();
    } else if (name == "back") {
        return session.step_back();
    } else if (name == "run") {
        session.run_for(command.at("ms").get<TimeUs>() * kMicrosecondsPerMillisecond);
    } else if (name == "hold") {
        session.set_hold(command.value("on", true));
    } else if (name == "deliver") {
        return session.deliver(message_arg(command));
    } else if (name == "drop") {
        return session.drop(message_arg(command));
    } else if (name == "duplicate") {
        return session.duplicate(message_arg(command));
    } else if (name == "fire") {
        return session.fire_timer(node_arg(command));
    } else if (name == "kill") {
        return session.crash(node_arg(command));
    } else if (name == "restart") {
        return session.restart(node_arg(command));
    } else if (name == "killLeader") {
        return session.crash_leader();
    } else if (name == "isolate") {
        return session.isolate(node_arg(command));
    } else if (name == "isolateLeader") {
        return session.isolate_leader();
    } else if (name == "split") {
        session.split_majority_minority();
    } else if (name == "group") {
        return session.move_to_group(node_arg(command), command.value("with", NodeId{0}));
    } else if (name == "heal") {
        session.heal();
    } else if (name == "network") {
        network(session, command);
    } else if (name == "client") {
        return session
            .client(operation_kind(command.value("op", std::string("put"))),
                    command.value("key", std::string()), command.value("value", std::string()))
            .has_value();
    } else if (name == "select") {
        if (command.contains("message")) {
            session.select_message(command["message"].get<std::uint64_t>());
        } else {
            session.select_node(node_arg(command));
        }
    } else if (name == "reset") {
        reset(session, command);
    } else if (name == "restore") {
        std::string error;
        if (!session.restore(command.at("meta").dump(), error)) {
            throw std::invalid_argument(error);
        }
    } else if (name == "projector") {
        dashboard.set_projector(command.value("on", true));
    } else {
        throw std::invalid_argument("unknown command \"" + name + "\"");
    }
    return true;
}

}  // namespace

std::string state_json(Dashboard& dashboard) {
    Session& session = dashboard.session();
    dashboard.scenario().follow(session);
    const sim::Cluster& cluster = session.cluster();
    const std::optional<NodeId> leader = cluster.leader();
    const std::optional<sim::Violation>& violation = cluster.violation();
    json state = {{"t", cluster.now()},
                  {"algorithm", sim::algorithm_name(cluster.algorithm())},
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
    if (cluster.algorithm() == sim::Algorithm::Paxos) {
        const std::optional<paxos::Value> chosen = cluster.chosen();
        state["chosen"] = chosen ? json(*chosen) : json(nullptr);
    }
    return state.dump();
}

std::string command_json(Dashboard& dashboard, const std::string& command) {
    const json parsed = json::parse(command, nullptr, false);
    if (parsed.is_discarded() || !parsed.is_object() || !parsed.contains("cmd")) {
        return json{{"ok", false}, {"error", "expected an object with \"cmd\""}}.dump();
    }
    try {
        dashboard.scenario().follow(dashboard.session());
        const bool ok = run(dashboard, parsed);
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
