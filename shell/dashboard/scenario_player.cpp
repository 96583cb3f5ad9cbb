#include "scenario_player.hpp"

#include <algorithm>

#include "file_transfer.hpp"
#include "quorum/check/trace_checks.hpp"
#include "quorum/json_reader.hpp"
#include "quorum/scenario/parser.hpp"
#include "quorum/trace_reader.hpp"
#include "session.hpp"

namespace quorum::dashboard {

namespace {

std::vector<std::string> split_lines(const std::string& text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos) {
            end = text.size();
        }
        std::string line = text.substr(start, end - start);
        if (!line.empty() && line.back() == '\r') {
            line.pop_back();
        }
        lines.push_back(std::move(line));
        start = end + 1;
    }
    return lines;
}

std::size_t events_logged(const Session& session) {
    return session.events_dropped() + session.events().size();
}

// "<protocol>/lesson.qs" -> "lesson.qs": a download has no folders.
std::string base_name(const std::string& name) {
    const std::size_t slash = name.find_last_of('/');
    return slash == std::string::npos ? name : name.substr(slash + 1);
}

// A trace is JSON lines; a scenario never starts with '{'.
bool looks_like_trace(const std::string& text) {
    const std::size_t first = text.find_first_not_of(" \t\r\n");
    return first != std::string::npos && text[first] == '{';
}

std::string trace_verdict(const std::string& name, const trace::Trace& trace) {
    const check::TraceCheckResult checked = check::check_trace(trace);
    if (!checked.ok()) {
        return name + ":" + std::to_string(checked.violation->line) + ": " +
               checked.violation->to_string();
    }
    return name + ": " + std::to_string(checked.lines) + " lines, " +
           std::to_string(checked.leader_terms) + " terms with a leader, " +
           std::to_string(checked.applies) + " applies: no rule broken";
}

// A `run` (or `run until ... within`) longer than the dashboard runs at once
// (Session::kMaxRunUs): refused when the file loads, not after freezing the
// page on that line.
std::optional<std::string> too_long_run(const std::string& name,
                                        const scenario::Scenario& scenario) {
    for (const scenario::Statement& statement : scenario.statements) {
        TimeUs duration_us = 0;
        if (const auto* run = std::get_if<scenario::RunFor>(&statement.command)) {
            duration_us = run->duration_us;
        } else if (const auto* until = std::get_if<scenario::RunUntil>(&statement.command)) {
            duration_us = until->within_us;
        }
        if (duration_us > Session::kMaxRunUs) {
            return name + ":" + std::to_string(statement.pos.line) + ":" +
                   std::to_string(statement.pos.column) + ": a run of " +
                   format_duration(duration_us) +
                   " is longer than the dashboard runs in one line (" +
                   format_duration(Session::kMaxRunUs) +
                   ", to keep the page's memory bounded); quorum-sim runs it";
        }
    }
    return std::nullopt;
}

}  // namespace

std::optional<std::string> ScenarioPlayer::load(Session& session, std::string name,
                                                std::string text) {
    return load_from(session, std::move(name), std::move(text), nullptr);
}

std::optional<std::string> ScenarioPlayer::load(Session& session, std::string name,
                                                std::string text, const sim::Cluster& start) {
    return load_from(session, std::move(name), std::move(text), &start);
}

std::optional<std::string> ScenarioPlayer::load_from(Session& session, std::string name,
                                                     std::string text, const sim::Cluster* start) {
    scenario::ParseResult parsed = scenario::parse_scenario(text);
    if (!parsed.ok()) {
        return scenario::format_error(name, parsed.error());
    }
    if (auto too_long = too_long_run(name, parsed.scenario())) {
        return too_long;
    }
    run_.emplace(std::move(parsed.scenario()));
    events_after_line_.clear();
    session.start(start != nullptr ? *start : run_->initial_cluster());
    run_number_ = session.run_number();
    name_ = std::move(name);
    lines_ = split_lines(text);
    text_ = std::move(text);
    return std::nullopt;
}

bool ScenarioPlayer::active(const Session& session) const {
    return run_ && session.run_number() == run_number_;
}

bool ScenarioPlayer::step_line(Session& session) {
    if (!active(session) || run_->finished()) {
        return false;
    }
    session.set_playing(false);
    session.apply([this](sim::Cluster& cluster) { run_->step(cluster); });
    events_after_line_.push_back(events_logged(session));
    return true;
}

bool ScenarioPlayer::skip_line(Session& session) {
    if (!active(session) || run_->finished()) {
        return false;
    }
    session.apply([this](sim::Cluster& cluster) { run_->skip(cluster); });
    events_after_line_.push_back(events_logged(session));
    return true;
}

void ScenarioPlayer::rewind_to(std::size_t lines_run) {
    if (run_ && lines_run < run_->results().size()) {
        run_->rewind(lines_run);
        events_after_line_.resize(std::min(events_after_line_.size(), lines_run));
    }
}

void ScenarioPlayer::follow(const Session& session) {
    if (!active(session)) {
        return;
    }
    const std::size_t logged = events_logged(session);
    while (!events_after_line_.empty() && events_after_line_.back() > logged) {
        events_after_line_.pop_back();
    }
    if (events_after_line_.size() < run_->results().size()) {
        run_->rewind(events_after_line_.size());
    }
}

void ScenarioPlayer::run_to_end(Session& session) {
    while (step_line(session)) {
    }
}

int ScenarioPlayer::next_line() const {
    if (!run_ || run_->finished()) {
        return 0;
    }
    return run_->scenario().statements[run_->next_statement()].pos.line;
}

const scenario::StatementResult* ScenarioPlayer::result_on_line(int line) const {
    if (!run_) {
        return nullptr;
    }
    // An `expect violation` line whose rule was never broken fails at the end.
    if (const scenario::StatementResult* failure = run_->failure();
        failure != nullptr && failure->pos.line == line) {
        return failure;
    }
    for (const scenario::StatementResult& result : run_->results()) {
        if (result.pos.line == line) {
            return &result;
        }
    }
    return nullptr;
}

std::string ScenarioPlayer::summary(const Session& session) const {
    if (!run_) {
        return "no scenario loaded";
    }
    // Drawn every frame: no ScenarioRun::report(), which copies the history.
    scenario::RunReport report;
    report.seed = run_->seed();
    report.time_us = session.cluster().now();
    if (!run_->passed()) {
        const scenario::StatementResult& failure = *run_->failure();
        report.outcome = failure.outcome;
        report.pos = failure.pos;
        report.message = failure.message;
        return scenario::describe_failure(name_, report);
    }
    const std::size_t total = run_->scenario().statements.size();
    const std::size_t done = run_->results().size();
    return (done == total ? "passed: " : "so far so good: ") + std::to_string(done) + " of " +
           std::to_string(total) + " lines (seed " + std::to_string(report.seed) +
           ", t=" + format_time(report.time_us) + ")";
}

void ScenarioPlayer::export_scenario() {
    file_notice_ = run_ ? offer_download(base_name(name_), text_) : "no scenario to export";
}

void ScenarioPlayer::export_trace(const Session& session) {
    std::string text;
    for (const EventLine& event : session.events()) {
        text += event.raw;
        text += '\n';
    }
    const std::string name =
        active(session) ? base_name(name_).substr(0, base_name(name_).rfind('.')) : "quorum";
    file_notice_ = offer_download(
        name + "-seed" + std::to_string(session.cluster().config().seed) + ".jsonl", text);
}

bool ScenarioPlayer::refuse_file(const std::string& name, std::size_t size_bytes) {
    file_notice_ = file_too_big(name, size_bytes);
    return false;
}

bool ScenarioPlayer::import_file(Session& session, const std::string& name,
                                 const std::string& text) {
    if (text.size() > kMaxImportBytes) {
        return refuse_file(name, text.size());
    }
    if (looks_like_trace(text)) {
        const trace::TraceReadResult read = trace::read_trace(text);
        file_notice_ =
            read.ok() ? trace_verdict(name, read.trace()) : json::format_error(name, read.error());
        return read.ok();
    }
    const std::optional<std::string> error = load(session, name, text);
    file_notice_ = error ? *error : "loaded " + name;
    return !error;
}

}  // namespace quorum::dashboard
