// Running a parsed scenario against the simulator: each statement of the
// Scenario acts on one sim::Cluster, in order; expectations and the invariant
// checkers (run after every event) decide the outcome.
//
//     ParseResult parsed = parse_scenario(text);           // errors: exit code 2
//     RunReport report = run_scenario(parsed.scenario(), {.seed = 42});
//     if (!report.passed()) std::cerr << describe_failure("file.qs", report);  // exit code 1
//
// The same interpreter runs a scenario one statement at a time, for the
// dashboard, which holds the cluster itself (to draw it, step back, let a
// person act between two lines):
//
//     ScenarioRun run(parsed.scenario());
//     sim::Cluster cluster = run.initial_cluster();
//     while (!run.finished()) {
//         const StatementResult& result = run.step(cluster);  // one line
//     }
//
// run_scenario is exactly that loop, so a scenario traces the same bytes
// either way.
//
// What the runner decides, beyond docs/scenarios.md:
//   - `crash leader`, `isolate leader` and `remember x = leader` fail the run
//     when there is no leader at that moment, naming the line.
//   - Per-node conditions: `on all` counts crashed nodes as failing, `on live`
//     looks at live nodes only (true if none is live), `on majority` needs a
//     majority of all nodes (of the nodes the protocol's conditions range
//     over: its ProtocolLanguage::scope_members()). `leader != x` needs a
//     leader (that is not x).
//   - `step` takes the earliest pending event whether or not hold is on.
//   - `expect violation <rule>`: a scenario with such a line does not stop at
//     the checkers' first violation; after every statement (and every event
//     of a `run until`) each new violation must be of a rule expected by an
//     earlier line, else the run fails as usual. At the end, every expected
//     rule must have been broken, else the run fails at its line. A checker
//     that keeps its first violation only lets a lesson show one.
//   - What `leader`, `term`, `committed`, `applied` and `agree` mean for a
//     protocol is its descriptor's (quorum/protocol.hpp) and its part of the
//     language's (quorum/scenario/language.hpp; each protocol's scenario.cpp
//     says more, with its own statements and conditions).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "quorum/history.hpp"
#include "quorum/scenario/ast.hpp"
#include "quorum/sim/cluster.hpp"

namespace quorum::scenario {

struct RunOptions {
    std::optional<std::uint64_t> seed;  // overrides the file's seed
    bool trace = false;                 // keep the JSON trace lines in the report
};

enum class Outcome {
    Passed,
    ExpectationFailed,  // an expect, a run until, or a statement that could not act
    InvariantBroken,    // a checker caught a violation
    Unsupported,        // the protocol has no core yet (none today: kept for older callers)
};

struct RunReport {
    Outcome outcome = Outcome::Passed;
    SourcePos pos;        // the statement that failed
    std::string message;  // what failed, in words
    std::uint64_t seed = 0;
    TimeUs time_us = 0;  // virtual time at the end (or at the failure)
    std::uint64_t events = 0;
    std::uint64_t messages = 0;
    std::vector<std::string> trace;
    History history;

    bool passed() const { return outcome == Outcome::Passed; }
};

// What one statement did.
struct StatementResult {
    SourcePos pos;
    Outcome outcome = Outcome::Passed;
    std::string message;  // what failed, in words; empty when it passed

    bool passed() const { return outcome == Outcome::Passed; }
};

// An `expect violation <rule>` line run so far, and whether the checkers
// have caught a violation of that rule since.
struct ExpectedViolation {
    std::string rule;
    SourcePos pos;  // of its `expect violation` line
    bool caught = false;
};

// What a run carries from one statement to the next.
struct RunMemory {
    std::map<std::string, std::int64_t> variables;  // `remember`ed
    std::vector<ExpectedViolation> expected_violations;
    std::size_t violations_judged = 0;  // the cluster's violations() looked at so far
};

// A scenario in progress: which statement comes next, the `remember`ed
// variables, what each statement did. The cluster it acts on is the
// caller's, handed to every step(). A plain value, like the cluster, so a
// caller that keeps copies of the cluster can keep copies of this too.
class ScenarioRun {
  public:
    explicit ScenarioRun(Scenario scenario, std::optional<std::uint64_t> seed = std::nullopt);

    // The cluster the scenario starts from: its `cluster` line (with the seed
    // given above, if any) and its set-up lines (the protocol's set_up()).
    sim::Cluster initial_cluster() const;

    // Runs the next statement against `cluster` (to completion: a `run 2s`
    // advances two virtual seconds), then judges the violations the checkers
    // caught; after the last one, requires every expected violation. Other
    // hands may act on the cluster between two steps. Precondition:
    // !finished().
    const StatementResult& step(sim::Cluster& cluster);

    // Forgets what the statements from `statement` on did, so step() runs
    // that one next: for a caller that has put the cluster back as it was
    // before it (the dashboard's step back). Variables remembered later stay
    // until their `remember` runs again; no earlier statement reads them.
    // Precondition: statement <= results().size().
    void rewind(std::size_t statement);

    // Passes over the next statement without running it; it counts as
    // passed. The page skips an `ask ... until`'s scripted continuation
    // when the class has done what it asks (lesson_runner.cpp).
    // Precondition: !finished().
    const StatementResult& skip(sim::Cluster& cluster);

    // Whether `condition` holds on `cluster`, with this run's variables:
    // the page checks an `ask ... until` the class answers by doing. It
    // works on a copy, so checking never changes the run.
    std::optional<bool> holds(const Condition& condition, sim::Cluster cluster) const;

    // Every statement ran, or one failed (the run stops at the first failure).
    bool finished() const { return next_ == scenario_.statements.size() || !passed(); }
    bool passed() const { return failure() == nullptr; }
    // What failed: a statement, or at the end an `expect violation` line
    // whose rule was never broken. Null while everything holds.
    const StatementResult* failure() const;
    // Index into scenario().statements of the statement step() runs next.
    std::size_t next_statement() const { return next_; }
    const Scenario& scenario() const { return scenario_; }
    std::uint64_t seed() const { return seed_; }
    // One per statement run so far, in order.
    const std::vector<StatementResult>& results() const { return results_; }

    // The outcome so far, with the cluster's clock and counters and its
    // client history (no trace lines: the caller takes those from the cluster).
    RunReport report(const sim::Cluster& cluster) const;

  private:
    // lesson_runner.cpp: an `ask ... until` must be made true by the lines
    // after it, up to the next line a lesson stops at (or the end).
    struct AskedUntil {
        std::size_t statement = 0;  // the ask's index in scenario_.statements
        TimeUs deadline_us = 0;
        bool settled = false;  // its condition held, or its continuation ended
    };
    void watch_ask(const Statement& statement, sim::Cluster& cluster);
    std::optional<StatementResult> settle_ask(sim::Cluster& cluster);
    void rewind_asks(std::size_t statement);

    std::vector<AskedUntil> asked_;
    Scenario scenario_;
    std::uint64_t seed_;
    std::size_t next_ = 0;
    RunMemory memory_;
    std::vector<StatementResult> results_;
    std::optional<StatementResult> end_failure_;
};

RunReport run_scenario(const Scenario& scenario, const RunOptions& options = {});

// "file:line:col: <message> (seed S, t=1.234567s)".
std::string describe_failure(std::string_view file_name, const RunReport& report);

}  // namespace quorum::scenario
