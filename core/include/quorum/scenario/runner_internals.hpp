// The interpreter behind ScenarioRun::step (runner.hpp), shared by runner.cpp
// (statements), runner_conditions.cpp (conditions) and each protocol's part
// of the language (scenario/language.hpp), which runs its own statements and
// conditions with the tools below. Not part of the API. One Interpreter runs
// one statement: it borrows the cluster and what the run carries from
// statement to statement (RunMemory) for that long.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "quorum/scenario/runner.hpp"
#include "quorum/sim/cluster.hpp"

namespace quorum::scenario {

class ProtocolLanguage;

class Interpreter {
  public:
    Interpreter(sim::Cluster& cluster, RunMemory& memory)
        : cluster_(cluster),
          variables_(memory.variables),
          expected_violations_(memory.expected_violations),
          violations_judged_(memory.violations_judged) {}
    StatementResult execute(const Statement& statement);
    // At the end: every expected violation must have happened.
    StatementResult require_expected_violations();

    // --- Tools for a protocol's statements and conditions.
    sim::Cluster& cluster() { return cluster_; }
    // The statement fails with `message` (the first failure is kept).
    void fail(Outcome outcome, std::string message);
    // A `$name`'s value, or nullopt (and a failure) if it names no live
    // node, or was never remembered.
    std::optional<NodeId> resolve(const NodeRef& ref);
    std::optional<std::int64_t> resolve(const NumberRef& ref);
    // Whether the nodes of `scope` satisfy `node_satisfies` (called with a
    // live node's id); nullopt if the scope's node does not resolve.
    std::optional<bool> for_scope(const NodeScope& scope,
                                  const std::function<bool(NodeId)>& node_satisfies);
    static bool compare(std::int64_t left, Comparison comparison, std::int64_t right);
    std::vector<NodeId> scope_members() const;

    // --- Lesson lines (lesson_runner.cpp).
    // Whether `condition` holds now; nullopt if it could not be evaluated.
    std::optional<bool> holds(const Condition& condition) { return evaluate(condition); }
    // An `ask ... until` whose scripted continuation has ended: its condition
    // must hold by `deadline_us` (the ask's time plus its `within`).
    StatementResult settle_ask(const Ask& ask, SourcePos pos, TimeUs deadline_us);

  private:
    void execute(const RunFor& run);
    void execute(const RunUntil& run);
    void execute(const Crash& crash);
    void execute(const Restart& restart);
    void execute(const Isolate& isolate);
    void execute(const Partition& partition);
    void execute(const Heal& heal);
    void execute(const Block& block);
    void execute(const NetChange& change);
    void execute(const ClientCommand& client);
    void execute(const Remember& remember);
    void execute(const Hold& hold);
    void execute(const Step& step);
    void execute(const ActOnMessage& act);
    void execute(const Fire& fire);
    void execute(const Expect& expect);
    void execute(const ExpectViolation& expected);
    void execute(const ProtocolStatement& statement);
    void execute(const LessonLine& line);  // lesson_runner.cpp

    // Looks at the violations the checkers caught since the last call: each
    // of a rule an `expect violation` line named is noted; any other fails
    // the run. True if the run must stop.
    bool judge_violations();

    // runner_conditions.cpp. nullopt: the condition could not be evaluated
    // (a failure has been reported).
    std::optional<bool> evaluate(const Condition& condition);
    // The values a condition looked at, for a failure message.
    std::string explain(const Condition& condition);
    std::optional<bool> evaluate_quantity(const QuantityIs& quantity);

    std::optional<NodeId> target(const NodeTarget& target, const char* verb);
    const ProtocolLanguage& language() const;

    sim::Cluster& cluster_;
    std::map<std::string, std::int64_t>& variables_;
    std::vector<ExpectedViolation>& expected_violations_;
    std::size_t& violations_judged_;
    StatementResult result_;
};

}  // namespace quorum::scenario
