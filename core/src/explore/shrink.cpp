// Shrinking a failing run (quorum/explore/shrink.hpp): candidate scenarios
// are written as text and run by the scenario language itself, so what the
// shrinker keeps is exactly what `quorum-sim run` replays.
#include "quorum/explore/shrink.hpp"

#include <algorithm>
#include <map>

#include "quorum/scenario/parser.hpp"
#include "quorum/scenario/runner.hpp"

namespace quorum::explore {

namespace {

// Runs the scenario (trace off) to its end or its first failure.
struct Ran {
    bool parsed = false;
    bool passed = false;
    int failed_line = 0;
    std::optional<std::string> first_rule;
};

Ran run_text(const std::string& text) {
    Ran ran;
    scenario::ParseResult parsed = scenario::parse_scenario(text);
    if (!parsed.ok()) {
        return ran;
    }
    ran.parsed = true;
    scenario::Scenario scenario = parsed.scenario();
    scenario.cluster.config.trace = false;
    scenario::ScenarioRun run(std::move(scenario));
    sim::Cluster cluster = run.initial_cluster();
    while (!run.finished()) {
        run.step(cluster);
    }
    ran.passed = run.passed();
    if (const scenario::StatementResult* failure = run.failure()) {
        ran.failed_line = failure->pos.line;
    }
    if (const Violation* violation = cluster.violation()) {
        ran.first_rule = violation->rule;
    }
    return ran;
}

}  // namespace

std::string replay_scenario(const Replay& replay, const std::vector<ReplayStep>& steps,
                            std::string_view rule, bool timed) {
    std::string text = replay.head;
    text += "hold on\n";
    if (!rule.empty()) {
        text += "expect violation " + std::string(rule) + "\n";
    }
    TimeUs now = steps.empty() ? 0 : steps.front().time_us;
    for (const ReplayStep& step : steps) {
        if (timed && step.time_us > now) {
            text += "run " + std::to_string(step.time_us - now) + "us\n";
            now = step.time_us;
        }
        text += step.line + "\n";
    }
    return text;
}

bool still_fails(const Replay& replay, const std::vector<ReplayStep>& steps, std::string_view rule,
                 bool timed) {
    return run_text(replay_scenario(replay, steps, rule, timed)).passed;
}

std::optional<std::string> first_violation(const Replay& replay) {
    return run_text(replay_scenario(replay, replay.steps, {})).first_rule;
}

Shrunk shrink(const Replay& replay, std::string_view rule, std::uint64_t max_runs) {
    Shrunk shrunk;
    std::vector<ReplayStep> steps = replay.steps;
    const auto test = [&](const std::vector<ReplayStep>& candidate) {
        if (max_runs != 0 && shrunk.runs >= max_runs) {
            shrunk.minimal = false;
            return false;
        }
        ++shrunk.runs;
        return still_fails(replay, candidate, rule);
    };
    // ddmin, removing complements: n chunks, try the steps without each.
    std::size_t chunks = 2;
    while (steps.size() >= 2) {
        bool reduced = false;
        const std::size_t size = steps.size();
        for (std::size_t i = 0; i < chunks && !reduced; ++i) {
            const std::size_t begin = size * i / chunks;
            const std::size_t end = size * (i + 1) / chunks;
            const auto at = [&](std::size_t index) {
                return steps.begin() + static_cast<std::ptrdiff_t>(index);
            };
            std::vector<ReplayStep> complement(steps.begin(), at(begin));
            complement.insert(complement.end(), at(end), steps.end());
            if (begin != end && test(complement)) {
                steps = std::move(complement);
                chunks = std::max<std::size_t>(chunks - 1, 2);
                reduced = true;
            }
        }
        if (!reduced) {
            if (chunks >= size) {
                break;
            }
            chunks = std::min(chunks * 2, size);
        }
    }
    // 1-minimality, checked step by step (ddmin ends there too when the test
    // is monotonic; a scheduler's run need not be).
    for (std::size_t i = 0; i < steps.size();) {
        std::vector<ReplayStep> without = steps;
        without.erase(without.begin() + static_cast<std::ptrdiff_t>(i));
        if (test(without)) {
            steps = std::move(without);
        } else {
            ++i;
        }
    }
    shrunk.timed = !still_fails(replay, steps, rule, false);
    ++shrunk.runs;
    shrunk.steps = std::move(steps);
    return shrunk;
}

// -----------------------------------------------------------------------------
// From a trace
// -----------------------------------------------------------------------------

namespace {

std::string end_name(std::uint64_t address) {
    return address > kClientAddressBase ? "c" + std::to_string(address - kClientAddressBase)
                                        : std::to_string(address);
}

std::string id_list(const json::Value& array) {
    std::string text;
    for (const json::Value& item : array.items) {
        text += (text.empty() ? "" : ",") + item.text;
    }
    return text;
}

std::string text_of(const json::Value& object, std::string_view key) {
    const json::Value* value = object.find(key);
    return value != nullptr ? value->text : std::string();
}

struct Sent {
    std::string from;
    std::string to;
    std::string type;
};

// "replicas 2,4 leaders 1,2 window 8" -> " replicas=2,4 leaders=1,2 window=8".
std::string roles_options(const std::string& roles) {
    std::string options;
    std::size_t at = 0;
    int word = 0;
    while (at < roles.size()) {
        const std::size_t end = std::min(roles.find(' ', at), roles.size());
        options += (word % 2 == 0 ? " " : "=") + roles.substr(at, end - at);
        at = end + 1;
        ++word;
    }
    return options;
}

// The scenario line of one trace event, if it is a scheduler's choice.
std::optional<std::string> step_line(const json::Value& event, const std::string& ev,
                                     std::map<std::uint64_t, Sent>& sent) {
    const auto number = [&](std::string_view key) {
        const json::Value* value = event.find(key);
        return value != nullptr ? value->as_unsigned().value_or(0) : 0;
    };
    const auto message = [&](const char* verb) -> std::optional<std::string> {
        const auto found = sent.find(number("id"));
        if (found == sent.end()) {
            return std::nullopt;
        }
        const Sent& s = found->second;
        return std::string(verb) + " " + s.from + " -> " + s.to + " " + s.type;
    };
    if (ev == "send") {
        Sent s{end_name(number("from")), end_name(number("to")), text_of(event, "type")};
        sent[number("id")] = s;
        const json::Value* dup = event.find("dup");
        if (dup != nullptr && dup->boolean) {
            return "duplicate " + s.from + " -> " + s.to + " " + s.type;
        }
        return std::nullopt;
    }
    if (ev == "deliver") {
        return message("deliver");
    }
    if (ev == "drop") {
        return message("drop");
    }
    if (ev == "timer") {
        return "fire " + std::to_string(number("node"));
    }
    if (ev == "crash" || ev == "restart" || ev == "isolate") {
        return ev + " " + std::to_string(number("node"));
    }
    if (ev == "block") {
        return "block " + std::to_string(number("from")) + " -> " + std::to_string(number("to"));
    }
    if (ev == "heal") {
        return "heal";
    }
    if (ev == "partition") {
        const json::Value* groups = event.find("groups");
        std::string line = "partition";
        for (std::size_t g = 0; groups != nullptr && g < groups->items.size(); ++g) {
            line += g == 0 ? "" : " |";
            for (const json::Value& id : groups->items[g].items) {
                line += " " + id.text;
            }
        }
        return line;
    }
    if (ev == "client") {
        return "client " + text_of(event, "cmd") + " via " + std::to_string(number("to"));
    }
    if (ev == "reconfigure") {
        const json::Value* leaders = event.find("leaders");
        const json::Value* acceptors = event.find("acceptors");
        if (leaders == nullptr || acceptors == nullptr) {
            return std::nullopt;
        }
        return "reconfigure leaders=" + id_list(*leaders) + " acceptors=" + id_list(*acceptors) +
               " via " + std::to_string(number("node"));
    }
    return std::nullopt;
}

}  // namespace

ReplayOfTrace replay_of_trace(std::string_view text, std::string_view head) {
    ReplayOfTrace result;
    Replay replay;
    std::string cluster_line;
    std::string roles;
    std::map<std::uint64_t, Sent> sent;
    int number = 0;
    for (std::string_view line : json::split_lines(text)) {
        ++number;
        json::LineError error;
        const std::optional<json::Value> event = json::parse_object_line(line, number, error);
        if (!event) {
            result.error = error.message;
            return result;
        }
        const std::string ev = text_of(*event, "ev");
        const json::Value* t = event->find("t");
        const TimeUs time_us = t != nullptr ? static_cast<TimeUs>(t->as_unsigned().value_or(0)) : 0;
        if (ev == "cluster") {
            cluster_line = "cluster " + text_of(*event, "algo") +
                           " nodes=" + text_of(*event, "nodes") +
                           " seed=" + text_of(*event, "seed") + " loss=0 dup=0";
        } else if (ev == "fuzz") {
            roles = text_of(*event, "roles");
        } else if (auto step = step_line(*event, ev, sent)) {
            replay.steps.push_back(ReplayStep{time_us, std::move(*step)});
        }
    }
    if (!head.empty()) {
        replay.head = std::string(head);
    } else if (cluster_line.empty()) {
        result.error = "the trace has no cluster line: give the scenario that wrote it";
        return result;
    } else {
        replay.head = cluster_line + roles_options(roles) + "\n";
    }
    if (!replay.head.empty() && replay.head.back() != '\n') {
        replay.head += '\n';
    }
    result.replay = std::move(replay);
    return result;
}

}  // namespace quorum::explore
