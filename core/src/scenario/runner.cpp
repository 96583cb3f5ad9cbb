// The scenario interpreter: statements in order against one simulated cluster.
// Conditions are evaluated in runner_conditions.cpp.
#include "quorum/scenario/runner.hpp"

#include <algorithm>
#include <map>

#include "quorum/scenario/language.hpp"
#include "quorum/scenario/runner_internals.hpp"

namespace quorum::scenario {

namespace {

quorum::Command client_command(const ClientCommand& client, std::int64_t amount) {
    quorum::Command command;
    command.key = client.key;
    command.value = client.value;
    switch (client.verb) {
        case ClientVerb::Put:
            command.kind = OperationKind::Put;
            break;
        case ClientVerb::Get:
            command.kind = OperationKind::Get;
            break;
        case ClientVerb::Append:
            command.kind = OperationKind::Append;
            break;
        case ClientVerb::Propose:
            command.kind = OperationKind::Propose;
            break;
        case ClientVerb::Add:
            command.kind = OperationKind::Add;
            command.key.clear();
            command.value = std::to_string(amount);
            break;
    }
    return command;
}

}  // namespace

// -----------------------------------------------------------------------------
// The run, one statement at a time
// -----------------------------------------------------------------------------

ScenarioRun::ScenarioRun(Scenario scenario, std::optional<std::uint64_t> seed)
    : scenario_(std::move(scenario)), seed_(seed.value_or(scenario_.cluster.config.seed)) {}

sim::Cluster ScenarioRun::initial_cluster() const {
    ClusterConfig config = scenario_.cluster.config;
    config.seed = seed_;
    sim::Cluster cluster(config);
    // A lesson that expects a violation goes on past it: the cluster must not
    // stop at the first violation as it otherwise does.
    const bool expects_violations = std::any_of(
        scenario_.statements.begin(), scenario_.statements.end(), [](const Statement& statement) {
            return std::holds_alternative<ExpectViolation>(statement.command);
        });
    cluster.set_stop_at_violation(!expects_violations);
    language_of(scenario_.cluster.protocol()).set_up(scenario_, cluster);
    return cluster;
}

const StatementResult& ScenarioRun::step(sim::Cluster& cluster) {
    const Statement& statement = scenario_.statements.at(next_++);
    const auto* lesson = std::get_if<LessonLine>(&statement.command);
    if (lesson != nullptr && lesson->stops()) {
        if (auto unmet = settle_ask(cluster)) {
            results_.push_back(std::move(*unmet));
            return results_.back();
        }
    }
    results_.push_back(Interpreter(cluster, memory_).execute(statement));
    watch_ask(statement, cluster);
    if (results_.back().passed() && next_ == scenario_.statements.size()) {
        if (auto unmet = settle_ask(cluster)) {
            end_failure_ = std::move(*unmet);
            return results_.back();
        }
        StatementResult at_end = Interpreter(cluster, memory_).require_expected_violations();
        if (!at_end.passed()) {
            end_failure_ = std::move(at_end);
        }
    }
    return results_.back();
}

const StatementResult* ScenarioRun::failure() const {
    if (!results_.empty() && !results_.back().passed()) {
        return &results_.back();
    }
    return end_failure_ ? &*end_failure_ : nullptr;
}

void ScenarioRun::rewind(std::size_t statement) {
    if (statement >= results_.size()) {
        return;
    }
    // `expect violation` lines from there on have not run any more.
    const int line = scenario_.statements[statement].pos.line;
    std::erase_if(memory_.expected_violations,
                  [&](const ExpectedViolation& expected) { return expected.pos.line >= line; });
    results_.resize(statement);
    rewind_asks(statement);
    end_failure_.reset();
    next_ = statement;
}

RunReport ScenarioRun::report(const sim::Cluster& cluster) const {
    RunReport report;
    if (const StatementResult* failed = failure()) {
        report.outcome = failed->outcome;
        report.pos = failed->pos;
        report.message = failed->message;
    }
    report.seed = seed_;
    report.time_us = cluster.now();
    report.events = cluster.events_processed();
    report.messages = cluster.messages_sent();
    report.history = cluster.history();
    return report;
}

RunReport run_scenario(const Scenario& scenario, const RunOptions& options) {
    ScenarioRun run(scenario, options.seed);
    sim::Cluster cluster = run.initial_cluster();
    std::vector<std::string> trace;
    // Trace lines are taken after every statement even when nobody keeps
    // them, so a long run does not hold them all.
    const auto collect_trace = [&] {
        std::vector<std::string> lines = cluster.take_trace();
        if (options.trace) {
            trace.insert(trace.end(), std::make_move_iterator(lines.begin()),
                         std::make_move_iterator(lines.end()));
        }
    };
    while (!run.finished()) {
        run.step(cluster);
        collect_trace();
    }
    RunReport report = run.report(cluster);
    report.trace = std::move(trace);
    return report;
}

StatementResult Interpreter::execute(const Statement& statement) {
    result_.pos = statement.pos;
    std::visit([this](const auto& command) { execute(command); }, statement.command);
    judge_violations();
    return std::move(result_);
}

void Interpreter::fail(Outcome outcome, std::string message) {
    if (result_.outcome == Outcome::Passed) {
        result_.outcome = outcome;
        result_.message = std::move(message);
    }
}

// -----------------------------------------------------------------------------
// Statements
// -----------------------------------------------------------------------------

void Interpreter::execute(const RunFor& run) {
    cluster_.run_for(run.duration_us);
}

void Interpreter::execute(const RunUntil& run) {
    const TimeUs end = cluster_.now() + run.within_us;
    for (;;) {
        if (judge_violations()) {
            return;
        }
        const auto holds = evaluate(run.condition);
        if (!holds || *holds) {
            return;  // an error was reported, or the condition holds
        }
        const auto next = cluster_.next_event();
        if (cluster_.hold() || !next || next->due_us > end) {
            cluster_.run_for(std::max<TimeUs>(0, end - cluster_.now()));
            const auto at_end = evaluate(run.condition);
            if (at_end && !*at_end) {
                fail(Outcome::ExpectationFailed, "run until " + to_string(run.condition) +
                                                     ": still false after " +
                                                     format_duration(run.within_us));
            }
            return;
        }
        cluster_.step();
    }
}

void Interpreter::execute(const Crash& crash) {
    if (const auto node = target(crash.target, "crash")) {
        cluster_.crash(*node);
    }
}

void Interpreter::execute(const Restart& restart) {
    if (restart.target.kind == TargetKind::AllNodes) {
        for (NodeId node = 1; node <= cluster_.size(); ++node) {
            cluster_.restart(node);
        }
    } else if (const auto node = target(restart.target, "restart")) {
        cluster_.restart(*node);
    }
}

void Interpreter::execute(const Isolate& isolate) {
    if (const auto node = target(isolate.target, "isolate")) {
        cluster_.isolate(*node);
    }
}

void Interpreter::execute(const Partition& partition) {
    std::vector<std::vector<NodeId>> groups;
    for (const auto& group : partition.groups) {
        groups.emplace_back();
        for (const NodeRef& ref : group) {
            const auto node = resolve(ref);
            if (!node) {
                return;
            }
            groups.back().push_back(*node);
        }
    }
    cluster_.partition(groups);
}

void Interpreter::execute(const Heal&) {
    cluster_.heal();
}

void Interpreter::execute(const Block& block) {
    const auto from = target(block.from, "block");
    if (!from) {
        return;
    }
    const auto to = target(block.to, "block");
    if (!to) {
        return;
    }
    if (*from == *to) {
        fail(Outcome::ExpectationFailed, "block: both ends are node " + std::to_string(*from) +
                                             " (a node does not send "
                                             "messages to itself)");
        return;
    }
    cluster_.block(*from, *to);
}

void Interpreter::execute(const NetChange& change) {
    sim::NetworkModel network = cluster_.config().network;
    if (change.latency) {
        network.latency_min_us = change.latency->min_us;
        network.latency_max_us = change.latency->max_us;
    }
    network.loss_ppm = change.loss_ppm.value_or(network.loss_ppm);
    network.duplicate_ppm = change.dup_ppm.value_or(network.duplicate_ppm);
    network.reorder = change.reorder.value_or(network.reorder);
    cluster_.set_network(network);
}

void Interpreter::execute(const ClientCommand& client) {
    const auto amount = resolve(client.amount);
    if (!amount) {
        return;
    }
    std::optional<NodeId> via;
    if (client.via) {
        via = resolve(*client.via);
        if (!via) {
            return;
        }
    }
    cluster_.start_client(client_command(client, *amount), via);
}

void Interpreter::execute(const Remember& remember) {
    if (remember.what == Remembered::Term) {
        variables_[remember.name] = static_cast<std::int64_t>(cluster_.highest_term());
        return;
    }
    const auto leader = cluster_.leader();
    if (!leader) {
        fail(Outcome::ExpectationFailed,
             "remember " + remember.name + " = leader: there is no leader now");
        return;
    }
    variables_[remember.name] = *leader;
}

void Interpreter::execute(const Hold& hold) {
    cluster_.set_hold(hold.on);
}

void Interpreter::execute(const Step&) {
    if (!cluster_.step()) {
        fail(Outcome::ExpectationFailed, "step: nothing is pending");
    }
}

void Interpreter::execute(const ActOnMessage& act) {
    const auto from = resolve(act.from);
    const auto to = resolve(act.to);
    if (!from || !to) {
        return;
    }
    for (const sim::InFlight& flight : cluster_.in_flight()) {
        if (flight.from == *from && flight.to == *to &&
            (act.type.empty() || cluster_.message_type(flight) == act.type)) {
            switch (act.action) {
                case MessageAction::Deliver:
                    cluster_.deliver(flight.id);
                    break;
                case MessageAction::Drop:
                    cluster_.drop(flight.id);
                    break;
                case MessageAction::Duplicate:
                    cluster_.duplicate(flight.id);
                    break;
            }
            return;
        }
    }
    fail(Outcome::ExpectationFailed,
         "no message from " + std::to_string(*from) + " to " + std::to_string(*to) +
             (act.type.empty() ? "" : " of type " + act.type) + " is in flight");
}

void Interpreter::execute(const Fire& fire) {
    const auto node = resolve(fire.node);
    if (node && !cluster_.fire_timer(*node)) {
        fail(Outcome::ExpectationFailed, "fire " + std::to_string(*node) + ": the node is crashed");
    }
}

void Interpreter::execute(const Expect& expect) {
    const auto holds = evaluate(expect.condition);
    if (holds && !*holds) {
        fail(Outcome::ExpectationFailed, "expect " + to_string(expect.condition) + ": false (" +
                                             explain(expect.condition) + ")");
    }
}

void Interpreter::execute(const ExpectViolation& expected) {
    expected_violations_.push_back(ExpectedViolation{expected.rule, result_.pos, false});
}

void Interpreter::execute(const ProtocolStatement& statement) {
    language().run(statement, *this);
}

const ProtocolLanguage& Interpreter::language() const {
    return language_of(cluster_.protocol_name());
}

// -----------------------------------------------------------------------------
// Violations
// -----------------------------------------------------------------------------

bool Interpreter::judge_violations() {
    if (!cluster_.violation()) {
        return false;
    }
    const std::vector<Violation> violations = cluster_.violations();
    // A step back in the dashboard can hand over a cluster that caught fewer.
    violations_judged_ = std::min(violations_judged_, violations.size());
    for (; violations_judged_ < violations.size(); ++violations_judged_) {
        const Violation& violation = violations[violations_judged_];
        const auto expected = std::find_if(
            expected_violations_.begin(), expected_violations_.end(),
            [&](const ExpectedViolation& candidate) { return candidate.rule == violation.rule; });
        if (expected == expected_violations_.end()) {
            fail(Outcome::InvariantBroken, violation.to_string());
            return true;
        }
        expected->caught = true;
    }
    return !result_.passed();
}

StatementResult Interpreter::require_expected_violations() {
    for (const ExpectedViolation& expected : expected_violations_) {
        if (!expected.caught && result_.passed()) {
            result_.pos = expected.pos;
            fail(Outcome::ExpectationFailed, "expect violation " + expected.rule +
                                                 ": the checkers caught no violation of '" +
                                                 expected.rule + "' by the end of the run");
        }
    }
    return std::move(result_);
}

// -----------------------------------------------------------------------------
// Names and variables
// -----------------------------------------------------------------------------

std::optional<NodeId> Interpreter::target(const NodeTarget& target, const char* verb) {
    if (target.kind == TargetKind::Leader) {
        const auto leader = cluster_.leader();
        if (!leader) {
            fail(Outcome::ExpectationFailed, std::string(verb) + " leader: there is no leader now");
        }
        return leader;
    }
    return resolve(target.node);
}

std::optional<NodeId> Interpreter::resolve(const NodeRef& ref) {
    if (!ref.is_variable()) {
        return ref.id;
    }
    const auto found = variables_.find(ref.variable);
    if (found == variables_.end() || found->second < 1 ||
        found->second > static_cast<std::int64_t>(cluster_.size())) {
        fail(Outcome::ExpectationFailed, "$" + ref.variable + " does not name a node");
        return std::nullopt;
    }
    return static_cast<NodeId>(found->second);
}

std::optional<std::int64_t> Interpreter::resolve(const NumberRef& ref) {
    if (!ref.is_variable()) {
        return ref.value;
    }
    const auto found = variables_.find(ref.variable);
    if (found == variables_.end()) {
        fail(Outcome::ExpectationFailed, "$" + ref.variable + " was never remembered");
        return std::nullopt;
    }
    return found->second;
}

std::string describe_failure(std::string_view file_name, const RunReport& report) {
    return std::string(file_name) + ":" + std::to_string(report.pos.line) + ":" +
           std::to_string(report.pos.column) + ": " + report.message + " (seed " +
           std::to_string(report.seed) + ", t=" + format_time(report.time_us) + ")";
}

}  // namespace quorum::scenario
