// [SECTION] ExploreRun: the search, sliced per frame; the counterexample and
//           the shrunk run loaded through the scenario player; look-ahead
// [SECTION] window.quorum: the command and state().explore
#include "explore_run.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <stdexcept>

#include "quorum/explore/shrink.hpp"
#include "quorum/scenario/parser.hpp"
#include "scenario_player.hpp"
#include "session.hpp"

namespace quorum::dashboard {

namespace {

using json = nlohmann::json;
using Clock = std::chrono::steady_clock;

// A search's states per slice between two looks at the clock: each state is
// a cluster copy (tens of microseconds), so a slice stays well under a frame.
constexpr std::uint64_t kStatesPerSlice = 16;
// A hint's search gives up (verdict unknown) after this many states.
constexpr std::uint64_t kHintMaxStates = 20'000;
// Shrinking runs at most this many candidate scenarios (synchronously).
constexpr std::uint64_t kShrinkMaxRuns = 2000;

double ms_since(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

explore::Bounds bounds_of(const ExploreSettings& settings) {
    explore::Bounds bounds;
    bounds.search = settings.search;
    bounds.max_depth = settings.depth;
    bounds.max_states = settings.max_states;
    bounds.max_crashes = settings.max_crashes;
    bounds.max_duplicates = settings.max_duplicates;
    bounds.walks = settings.walks;
    bounds.symmetry = settings.symmetry;
    return bounds;
}

// The cluster line and the set-up lines (log, state) at the head of a scenario.
std::string head_of(const std::vector<std::string>& lines) {
    std::string head;
    bool seen_cluster = false;
    for (const std::string& line : lines) {
        const std::size_t first = line.find_first_not_of(" \t");
        if (first == std::string::npos || line[first] == '#') {
            continue;
        }
        const std::string word = line.substr(first, line.find_first_of(" \t#", first) - first);
        if (word == "cluster" || (seen_cluster && (word == "log" || word == "state"))) {
            seen_cluster = true;
            head += line + "\n";
            continue;
        }
        break;
    }
    return head;
}

const char* verdict_name(ExploreHint::Verdict verdict) {
    switch (verdict) {
        case ExploreHint::Verdict::Pending:
            return "pending";
        case ExploreHint::Verdict::Safe:
            return "safe";
        case ExploreHint::Verdict::Violation:
            return "violation";
        case ExploreHint::Verdict::Unknown:
            break;
    }
    return "unknown";
}

}  // namespace

// [SECTION] ExploreRun ---------------------------------------------------------

ExploreRun::ExploreRun() = default;
ExploreRun::~ExploreRun() = default;

bool ExploreRun::running() const {
    return exploration_ && !exploration_->done();
}

explore::Progress ExploreRun::progress() const {
    return exploration_ ? exploration_->progress() : explore::Progress{};
}

std::optional<explore::Result> ExploreRun::result() const {
    if (!exploration_ || !exploration_->done()) {
        return std::nullopt;
    }
    return exploration_->result();
}

double ExploreRun::states_per_second() const {
    return seconds_ > 0 ? static_cast<double>(progress().states) / seconds_ : 0.0;
}

bool ExploreRun::command(Session& session, ScenarioPlayer& player, const cmd::Explore& request) {
    if (request.settings) {
        settings_ = *request.settings;
    }
    switch (request.action) {
        case cmd::Explore::Action::Start:
            return start(session);
        case cmd::Explore::Action::Stop:
            if (!running()) {
                return refuse("No search is running.");
            }
            exploration_->stop();
            notice_ = "Stopped.";
            return true;
        case cmd::Explore::Action::LoadCounterexample:
            return load_counterexample(session, player);
        case cmd::Explore::Action::Shrink:
            return shrink(session, player);
        case cmd::Explore::Action::Hints:
            hints_on_ = request.on;
            hints_for_ = 0;
            hints_.clear();
            hint_search_.reset();
            return true;
    }
    return false;
}

bool ExploreRun::start(const Session& session) {
    const sim::Cluster& cluster = session.cluster();
    if (session.runner() != nullptr) {
        return refuse(
            "The explorer needs the in-process runner: it copies the whole cluster for every "
            "state, which the workers (a node per Web Worker) do not share. Choose the "
            "in-process runner in Setup, then explore.");
    }
    if (const Violation* violation = cluster.violation()) {
        return refuse("The current state already breaks '" + violation->rule +
                      "': step back to before it, then explore from there.");
    }
    if (settings_.symmetry && !cluster.host().symmetric()) {
        return refuse("Symmetry: the node ids of " + std::string(cluster.protocol_name()) +
                      " are not interchangeable (its ballots order nodes by id); only Raft's are.");
    }
    start_.emplace(cluster);
    start_cluster_line_ = "cluster " + std::string(cluster.protocol_name()) +
                          " nodes=" + std::to_string(cluster.size());
    exploration_ = std::make_unique<explore::Exploration>(*start_, bounds_of(settings_));
    started_ = true;
    seconds_ = 0;
    notice_.clear();
    return true;
}

void ExploreRun::advance(const Session& session, double budget_ms) {
    const Clock::time_point began = Clock::now();
    if (running()) {
        while (ms_since(began) < budget_ms && !exploration_->run(kStatesPerSlice)) {
        }
        seconds_ += ms_since(began) / 1000.0;
        if (!running()) {
            const explore::Result done = exploration_->result();
            notice_ = done.found      ? "Found a violation of '" + done.found->violation.rule + "'."
                      : done.complete ? "Nothing found: every state within the bounds explored."
                                      : "Nothing found before the search stopped (max states or "
                                        "Stop): not every state within the bounds explored.";
        }
    }
    if (hints_on_) {
        advance_hints(session, budget_ms, ms_since(began));
    }
}

// The hints follow the session's state: a new state (by its hash) starts
// them over. Each enabled step is taken, then a breadth-first search of
// hint_depth steps looks for a violation after it.
void ExploreRun::advance_hints(const Session& session, double deadline_ms, double spent_ms) {
    const sim::Cluster& cluster = session.cluster();
    if (cluster.violation() != nullptr) {
        hints_.clear();
        hints_for_ = 0;
        return;
    }
    explore::Bounds bounds = bounds_of(settings_);
    const std::uint64_t key =
        explore::state_hash(cluster, {}) ^ (session.run_number() * 0x9E3779B97F4A7C15ULL) ^ 1;
    if (key != hints_for_) {
        hints_for_ = key;
        hints_.clear();
        for (explore::Step& step : explore::enabled_steps(cluster, bounds, {})) {
            hints_.push_back(ExploreHint{std::move(step), ExploreHint::Verdict::Pending, {}});
        }
        hint_at_ = 0;
        hint_search_.reset();
        hint_state_.emplace(cluster);
    }
    bounds.search = explore::Search::BreadthFirst;
    bounds.max_depth = settings_.hint_depth;
    bounds.max_states = kHintMaxStates;
    bounds.symmetry = bounds.symmetry && cluster.host().symmetric();
    const Clock::time_point began = Clock::now();
    while (hint_at_ < hints_.size() && spent_ms + ms_since(began) < deadline_ms) {
        ExploreHint& hint = hints_[hint_at_];
        if (!hint_search_) {
            sim::Cluster child = *hint_state_;
            explore::Spent spent;
            explore::take_step(child, hint.step, spent);
            if (const Violation* violation = child.violation()) {
                hint.verdict = ExploreHint::Verdict::Violation;
                hint.rule = violation->rule;
                ++hint_at_;
                continue;
            }
            if (bounds.max_depth == 0) {
                hint.verdict = ExploreHint::Verdict::Safe;
                ++hint_at_;
                continue;
            }
            hint_search_ = std::make_unique<explore::Exploration>(child, bounds);
        }
        if (!hint_search_->run(kStatesPerSlice)) {
            continue;
        }
        const explore::Result done = hint_search_->result();
        hint.verdict = done.found      ? ExploreHint::Verdict::Violation
                       : done.complete ? ExploreHint::Verdict::Safe
                                       : ExploreHint::Verdict::Unknown;
        if (done.found) {
            hint.rule = done.found->violation.rule;
        }
        hint_search_.reset();
        ++hint_at_;
    }
}

// The session starts over from the state the search started at, and the
// counterexample's lines play from there through the scenario player.
bool ExploreRun::load_counterexample(Session& session, ScenarioPlayer& player) {
    const std::optional<explore::Result> done = result();
    if (!done || !done->found || !start_) {
        return refuse("No counterexample to load: explore until a violation is found.");
    }
    const explore::Counterexample& found = *done->found;
    std::string text = "# Found by the dashboard's explorer: " + std::to_string(found.path.size()) +
                       " steps from the state at t = " + format_seconds(start_->now()) +
                       " to a violation of " + found.violation.rule + ".\n" + start_cluster_line_ +
                       "\nhold on\nexpect violation " + found.violation.rule + "\n";
    for (const explore::Step& step : found.path) {
        text += explore::to_line(step) + "\n";
    }
    if (auto error = player.load(session, "counterexample.qs", text, *start_)) {
        return refuse(*error);
    }
    notice_ = "Counterexample loaded: step through it in the Scenario tab.";
    return true;
}

// The current run's trace (the event log's lines) shrunk to a 1-minimal
// scenario, loaded in place of the run.
bool ExploreRun::shrink(Session& session, ScenarioPlayer& player) {
    if (session.violation() == nullptr) {
        return refuse("Nothing to shrink: no rule is broken in the current run.");
    }
    if (session.events_dropped() > 0) {
        return refuse(
            "The run's oldest events are gone from the log: export the trace and use "
            "quorum-sim shrink.");
    }
    std::string trace;
    for (const EventLine& event : session.events()) {
        trace += event.raw + "\n";
    }
    const std::string head = player.active(session) ? head_of(player.lines()) : std::string();
    const explore::ReplayOfTrace made = explore::replay_of_trace(trace, head);
    if (!made.replay) {
        return refuse("Cannot shrink this run: " + made.error);
    }
    const std::optional<std::string> rule = explore::first_violation(*made.replay);
    if (!rule || !explore::still_fails(*made.replay, made.replay->steps, *rule)) {
        return refuse(
            "This run's steps, replayed by hand, do not break the rule again (it needs "
            "a client's retry, or options the trace does not carry).");
    }
    const explore::Shrunk shrunk = explore::shrink(*made.replay, *rule, kShrinkMaxRuns);
    const std::string text =
        "# Shrunk by the dashboard: " + std::to_string(shrunk.steps.size()) + " of " +
        std::to_string(made.replay->steps.size()) + " steps still break " + *rule +
        (shrunk.minimal ? "" : " (not 1-minimal: out of runs)") + ".\n" +
        explore::replay_scenario(*made.replay, shrunk.steps, *rule, shrunk.timed);
    if (auto error = player.load(session, "shrunk.qs", text)) {
        return refuse(*error);
    }
    notice_ = "Shrunk to " + std::to_string(shrunk.steps.size()) + " of " +
              std::to_string(made.replay->steps.size()) +
              " steps: step through them in the "
              "Scenario tab.";
    return true;
}

// [SECTION] window.quorum -------------------------------------------------------

std::string ExploreRun::state_json() const {
    const explore::Progress now = progress();
    json state = {{"running", running()},
                  {"started", started_},
                  {"search", std::string(explore::search_name(settings_.search))},
                  {"depthBound", settings_.depth},
                  {"states", now.states},
                  {"unique", now.unique},
                  {"depth", now.depth},
                  {"statesPerS", states_per_second()},
                  {"seconds", seconds_},
                  {"notice", notice_},
                  {"hintsOn", hints_on_},
                  {"violation", nullptr},
                  {"complete", nullptr}};
    if (const std::optional<explore::Result> done = result()) {
        state["complete"] = done->complete;
        if (done->found) {
            json path = json::array();
            for (const explore::Step& step : done->found->path) {
                path.push_back(explore::to_line(step));
            }
            state["violation"] = {{"rule", done->found->violation.rule},
                                  {"details", done->found->violation.details},
                                  {"steps", done->found->path.size()},
                                  {"path", path}};
        }
    }
    json hints = json::array();
    for (const ExploreHint& hint : hints_) {
        hints.push_back({{"step", explore::to_line(hint.step)},
                         {"verdict", verdict_name(hint.verdict)},
                         {"rule", hint.rule}});
    }
    state["hints"] = hints;
    return state.dump();
}

namespace {

std::uint64_t whole(const json& command, const char* name, std::uint64_t low, std::uint64_t high,
                    std::uint64_t fallback) {
    if (!command.contains(name)) {
        return fallback;
    }
    const json& value = command.at(name);
    if (!value.is_number_integer() || value.get<std::int64_t>() < static_cast<std::int64_t>(low) ||
        value.get<std::uint64_t>() > high) {
        throw std::invalid_argument("\"" + std::string(name) + "\" must be a whole number from " +
                                    std::to_string(low) + " to " + std::to_string(high) + ", not " +
                                    value.dump().substr(0, 40));
    }
    return value.get<std::uint64_t>();
}

}  // namespace

cmd::Explore ExploreRun::parse(const std::string& command_json) {
    const json command = json::parse(command_json);
    const std::string action = command.contains("action") && command.at("action").is_string()
                                   ? command.at("action").get<std::string>()
                                   : std::string("start");
    cmd::Explore parsed;
    if (action == "stop") {
        parsed.action = cmd::Explore::Action::Stop;
        return parsed;
    }
    if (action == "load") {
        parsed.action = cmd::Explore::Action::LoadCounterexample;
        return parsed;
    }
    if (action == "shrink") {
        parsed.action = cmd::Explore::Action::Shrink;
        return parsed;
    }
    if (action != "start" && action != "hints") {
        throw std::invalid_argument(
            "\"action\" must be start, stop, load, shrink or hints, not \"" + action.substr(0, 40) +
            "\"");
    }
    ExploreSettings settings;
    const std::string search = command.contains("search") && command.at("search").is_string()
                                   ? command.at("search").get<std::string>()
                                   : std::string("bfs");
    if (search == "bfs") {
        settings.search = explore::Search::BreadthFirst;
    } else if (search == "dfs") {
        settings.search = explore::Search::DepthFirst;
    } else if (search == "random") {
        settings.search = explore::Search::RandomWalk;
    } else {
        throw std::invalid_argument("\"search\" must be bfs, dfs or random, not \"" +
                                    search.substr(0, 40) + "\"");
    }
    settings.depth = static_cast<std::uint32_t>(
        whole(command, "depth", 1, ExploreSettings::kMaxDepth, settings.depth));
    settings.max_states =
        whole(command, "maxStates", 1, ExploreSettings::kMaxStates, settings.max_states);
    settings.max_crashes = static_cast<std::uint32_t>(
        whole(command, "maxCrashes", 0, ExploreSettings::kMaxCrashes, settings.max_crashes));
    settings.max_duplicates = static_cast<std::uint32_t>(
        whole(command, "maxDuplicates", 0, ExploreSettings::kMaxCrashes, settings.max_duplicates));
    settings.walks = whole(command, "walks", 1, ExploreSettings::kMaxWalks, settings.walks);
    settings.hint_depth = static_cast<std::uint32_t>(
        whole(command, "k", 0, ExploreSettings::kMaxHintDepth, settings.hint_depth));
    if (command.contains("symmetry")) {
        if (!command.at("symmetry").is_boolean()) {
            throw std::invalid_argument("\"symmetry\" must be true or false");
        }
        settings.symmetry = command.at("symmetry").get<bool>();
    }
    parsed.action = action == "start" ? cmd::Explore::Action::Start : cmd::Explore::Action::Hints;
    parsed.settings = settings;
    if (command.contains("on")) {
        if (!command.at("on").is_boolean()) {
            throw std::invalid_argument("\"on\" must be true or false");
        }
        parsed.on = command.at("on").get<bool>();
    }
    return parsed;
}

}  // namespace quorum::dashboard
