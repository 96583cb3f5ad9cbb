// Conditions of `expect` and `run until`, evaluated on the running cluster
// (docs/scenarios.md's table; the runner.hpp header says how scopes treat
// crashed nodes). A protocol's own conditions, `agree` and the explanation
// of a failure are its part of the language (scenario/language.hpp).
#include <algorithm>

#include "quorum/check/linearizability.hpp"
#include "quorum/scenario/language.hpp"
#include "quorum/scenario/runner_internals.hpp"

namespace quorum::scenario {

bool Interpreter::compare(std::int64_t left, Comparison comparison, std::int64_t right) {
    switch (comparison) {
        case Comparison::Equal:
            return left == right;
        case Comparison::NotEqual:
            return left != right;
        case Comparison::Less:
            return left < right;
        case Comparison::LessOrEqual:
            return left <= right;
        case Comparison::Greater:
            return left > right;
        case Comparison::GreaterOrEqual:
            return left >= right;
    }
    return false;
}

// The nodes per-node conditions look at: every node, unless the protocol
// keeps state on some only.
std::vector<NodeId> Interpreter::scope_members() const {
    return language().scope_members(cluster_);
}

std::optional<bool> Interpreter::for_scope(const NodeScope& scope,
                                           const std::function<bool(NodeId)>& node_satisfies) {
    if (scope.scope == Scope::Node) {
        const auto node = resolve(scope.node);
        if (!node) {
            return std::nullopt;
        }
        return cluster_.is_up(*node) && node_satisfies(*node);
    }
    const std::vector<NodeId> members = scope_members();
    std::size_t satisfied = 0;
    std::size_t live = 0;
    for (NodeId node : members) {
        if (cluster_.is_up(node)) {
            ++live;
            if (node_satisfies(node)) {
                ++satisfied;
            }
        }
    }
    switch (scope.scope) {
        case Scope::AllNodes:
            return satisfied == members.size();
        case Scope::LiveNodes:
            return satisfied == live;
        case Scope::Majority:
            return satisfied >= members.size() / 2 + 1;
        case Scope::Node:
            break;
    }
    return std::nullopt;
}

std::optional<bool> Interpreter::evaluate(const Condition& condition) {
    return std::visit(
        [this](const auto& test) -> std::optional<bool> {
            using T = std::decay_t<decltype(test)>;
            if constexpr (std::is_same_v<T, HasLeader>) {
                return cluster_.leader().has_value();
            } else if constexpr (std::is_same_v<T, NoLeader>) {
                for (NodeId node = 1; node <= cluster_.size(); ++node) {
                    if (cluster_.is_up(node) && cluster_.is_leader(node)) {
                        return false;
                    }
                }
                return true;
            } else if constexpr (std::is_same_v<T, LeaderIs>) {
                const auto expected = resolve(test.node);
                if (!expected) {
                    return std::nullopt;
                }
                const auto leader = cluster_.leader();
                const bool same = leader && *leader == *expected;
                return test.comparison == Comparison::Equal ? same : leader.has_value() && !same;
            } else if constexpr (std::is_same_v<T, QuantityIs>) {
                return evaluate_quantity(test);
            } else if constexpr (std::is_same_v<T, Agree>) {
                return language().agree(cluster_, scope_members());
            } else if constexpr (std::is_same_v<T, ValueIs>) {
                return for_scope(test.on, [&](NodeId node) {
                    const StateMachine* state = cluster_.state_machine(node);
                    return state != nullptr && state->value(test.key) == test.value;
                });
            } else if constexpr (std::is_same_v<T, Safe>) {
                return cluster_.violation() == nullptr;
            } else if constexpr (std::is_same_v<T, Linearizable>) {
                return check_linearizability(cluster_.history()).linearizable;
            } else if constexpr (std::is_same_v<T, Not>) {
                const auto inner = evaluate(*test.operand);
                return inner ? std::optional<bool>(!*inner) : std::nullopt;
            } else {
                static_assert(std::is_same_v<T, ProtocolCondition>);
                return language().evaluate(test, *this);
            }
        },
        condition.test);
}

std::optional<bool> Interpreter::evaluate_quantity(const QuantityIs& quantity) {
    const auto value = resolve(quantity.value);
    if (!value) {
        return std::nullopt;
    }
    switch (quantity.quantity) {
        case Quantity::Term:
            return compare(static_cast<std::int64_t>(cluster_.highest_term()), quantity.comparison,
                           *value);
        case Quantity::Messages:
            return compare(static_cast<std::int64_t>(cluster_.messages_sent()), quantity.comparison,
                           *value);
        case Quantity::Pending:
            return compare(static_cast<std::int64_t>(cluster_.in_flight().size()),
                           quantity.comparison, *value);
        case Quantity::Committed:
            return for_scope(quantity.on, [&](NodeId node) {
                return compare(static_cast<std::int64_t>(cluster_.committed(node)),
                               quantity.comparison, *value);
            });
        case Quantity::Applied:
            return for_scope(quantity.on, [&](NodeId node) {
                return compare(static_cast<std::int64_t>(cluster_.applied(node)),
                               quantity.comparison, *value);
            });
    }
    return std::nullopt;
}

std::string Interpreter::explain(const Condition& condition) {
    return language().explain(condition, *this);
}

}  // namespace quorum::scenario
