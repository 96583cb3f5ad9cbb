// The interpreter behind ScenarioRun::step (runner.hpp), shared by runner.cpp
// (statements) and runner_conditions.cpp (conditions). Not part of the API.
// One Interpreter runs one statement: it borrows the cluster and the run's
// variables for that long.
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
    Interpreter(sim::Cluster& cluster, std::map<std::string, std::int64_t>& variables)
        : cluster_(cluster), variables_(variables) {}
    StatementResult execute(const Statement& statement);

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
    bool agree() const;
    bool replicas_agree() const;

    std::optional<NodeId> target(const NodeTarget& target, const char* verb);
    std::optional<NodeId> resolve(const NodeRef& ref);
    std::optional<std::int64_t> resolve(const NumberRef& ref);

    sim::Cluster& cluster_;
    std::map<std::string, std::int64_t>& variables_;
    StatementResult result_;
};

}  // namespace quorum::scenario
