// Lesson lines in a run (docs/scenarios.md, "Lessons"). Without a class to
// answer, `say`, `pause` and `highlight` do nothing and an `ask` with
// choices counts as answered as recorded, so the run is exactly the run of
// the same file without them: same trace bytes, same report.
//
// `ask "..." until <cond> within <d>` is answered by doing. In the page the
// class acts; in a run the lines after the ask do it for them (its scripted
// continuation: up to the next `say`, `ask` or `pause`, or the end). The
// condition must hold after one of those lines, or else, when the
// continuation ends, become true before the ask's time plus <d> (the run
// goes on until it does, as `run until` would); otherwise the run fails at
// the ask's line. So a lesson whose own demonstration does not reach what it
// asks for fails CI.
#include <algorithm>
#include <cstddef>
#include <variant>

#include "quorum/scenario/runner.hpp"
#include "quorum/scenario/runner_internals.hpp"

namespace quorum::scenario {

namespace {

const Ask* ask_until(const Statement& statement) {
    const auto* lesson = std::get_if<LessonLine>(&statement.command);
    const Ask* ask = lesson != nullptr ? std::get_if<Ask>(&lesson->line) : nullptr;
    return ask != nullptr && ask->until ? ask : nullptr;
}

bool stops(const Statement& statement) {
    const auto* lesson = std::get_if<LessonLine>(&statement.command);
    return lesson != nullptr && lesson->stops();
}

}  // namespace

void Interpreter::execute(const LessonLine&) {}

StatementResult Interpreter::settle_ask(const Ask& ask, SourcePos pos, TimeUs deadline_us) {
    result_.pos = pos;
    const RunUntil wait{*ask.until, std::max<TimeUs>(0, deadline_us - cluster_.now())};
    execute(wait);
    if (!result_.passed() && result_.outcome == Outcome::ExpectationFailed) {
        result_.message = "ask \"" + ask.question + "\" until " + to_string(*ask.until) +
                          ": its scripted continuation did not make it true within " +
                          format_duration(ask.within_us);
    }
    return std::move(result_);
}

void ScenarioRun::watch_ask(const Statement& statement, sim::Cluster& cluster) {
    if (!results_.back().passed()) {
        return;
    }
    if (const Ask* ask = ask_until(statement)) {
        asked_.push_back(AskedUntil{next_ - 1, cluster.now() + ask->within_us, false});
    }
    if (asked_.empty() || asked_.back().settled) {
        return;
    }
    const Ask& pending = *ask_until(scenario_.statements[asked_.back().statement]);
    const auto holds = Interpreter(cluster, memory_).holds(*pending.until);
    asked_.back().settled = holds.value_or(false);
}

std::optional<StatementResult> ScenarioRun::settle_ask(sim::Cluster& cluster) {
    if (asked_.empty() || asked_.back().settled) {
        return std::nullopt;
    }
    AskedUntil& pending = asked_.back();
    pending.settled = true;
    const Statement& statement = scenario_.statements[pending.statement];
    StatementResult result =
        Interpreter(cluster, memory_)
            .settle_ask(*ask_until(statement), statement.pos, pending.deadline_us);
    if (result.passed()) {
        return std::nullopt;
    }
    return result;
}

const StatementResult& ScenarioRun::skip(sim::Cluster& cluster) {
    const Statement& statement = scenario_.statements.at(next_++);
    results_.push_back(StatementResult{statement.pos, Outcome::Passed, {}});
    if (next_ == scenario_.statements.size()) {
        if (auto unmet = settle_ask(cluster)) {
            end_failure_ = std::move(*unmet);
        } else if (StatementResult at_end =
                       Interpreter(cluster, memory_).require_expected_violations();
                   !at_end.passed()) {
            end_failure_ = std::move(at_end);
        }
    }
    return results_.back();
}

std::optional<bool> ScenarioRun::holds(const Condition& condition, sim::Cluster cluster) const {
    RunMemory memory = memory_;
    return Interpreter(cluster, memory).holds(condition);
}

void ScenarioRun::rewind_asks(std::size_t statement) {
    std::erase_if(asked_, [&](const AskedUntil& ask) { return ask.statement >= statement; });
    if (asked_.empty()) {
        return;
    }
    // Back inside the last ask's continuation: it is open again.
    const auto first = scenario_.statements.begin();
    const bool inside =
        std::none_of(first + static_cast<std::ptrdiff_t>(asked_.back().statement) + 1,
                     first + static_cast<std::ptrdiff_t>(statement), stops);
    if (inside) {
        asked_.back().settled = false;
    }
}

}  // namespace quorum::scenario
