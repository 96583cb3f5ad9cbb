// The interpreter behind ScenarioRun::step (runner.hpp), shared by runner.cpp
// (statements) and runner_conditions.cpp (conditions). Not part of the API.
// One Interpreter runs one statement: it borrows the cluster and what the
// run carries from statement to statement (RunMemory) for that long.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "quorum/scenario/runner.hpp"
#include "quorum/sim/cluster.hpp"

namespace quorum::scenario {

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

  private:
    void fail(Outcome outcome, std::string message);

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
    void execute(const SetLog& set_log);
    void execute(const SetState& set_state);
    void execute(const ExpectViolation& expected);
    void execute(const Reconfigure& reconfigure);

    // Looks at the violations the checkers caught since the last call: each
    // of a rule an `expect violation` line named is noted; any other fails
    // the run. True if the run must stop.
    bool judge_violations();

    // runner_conditions.cpp. nullopt: the condition could not be evaluated
    // (a failure has been reported).
    std::optional<bool> evaluate(const Condition& condition);
    // The values a condition looked at, for a failure message.
    std::string explain(const Condition& condition);
    std::string explain_paxos() const;
    std::string explain_multipaxos(const Condition& condition) const;
    std::optional<bool> evaluate_quantity(const QuantityIs& quantity);
    std::vector<NodeId> scope_members() const;
    std::optional<bool> for_scope(const NodeScope& scope, const auto& node_satisfies);
    bool is_leader(NodeId node) const;
    std::uint64_t committed(NodeId node) const;
    std::uint64_t applied(NodeId node) const;
    const StateMachine& state_machine(NodeId node) const;
    std::optional<std::string> chosen() const;  // single-decree Paxos
    std::vector<NodeId> configuration_part(NodeId node, ConfigurationPart part) const;
    bool agree() const;
    bool replicas_agree() const;

    std::optional<NodeId> target(const NodeTarget& target, const char* verb);
    std::optional<NodeId> resolve(const NodeRef& ref);
    std::optional<std::int64_t> resolve(const NumberRef& ref);

    sim::Cluster& cluster_;
    std::map<std::string, std::int64_t>& variables_;
    std::vector<ExpectedViolation>& expected_violations_;
    std::size_t& violations_judged_;
    StatementResult result_;
};

}  // namespace quorum::scenario
