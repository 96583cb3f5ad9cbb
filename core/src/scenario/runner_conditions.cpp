// Conditions of `expect` and `run until`, evaluated on the running cluster
// (SCENARIOS.md's table; the runner.hpp header says how scopes treat crashed
// nodes).
#include <algorithm>

#include "quorum/check/linearizability.hpp"
#include "quorum/scenario/runner_internals.hpp"

namespace quorum::scenario {

namespace {

bool compare(std::int64_t left, Comparison comparison, std::int64_t right) {
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

}  // namespace

// Defined before its callers: clang 14 needs an abbreviated member template's
// body before the lambdas that instantiate it.
std::optional<bool> Interpreter::for_scope(const NodeScope& scope, const auto& node_satisfies) {
    if (scope.scope == Scope::Node) {
        const auto node = resolve(scope.node);
        if (!node) {
            return std::nullopt;
        }
        return cluster_.is_up(*node) && node_satisfies(cluster_.node(*node));
    }
    std::size_t satisfied = 0;
    std::size_t live = 0;
    for (NodeId node = 1; node <= cluster_.size(); ++node) {
        if (cluster_.is_up(node)) {
            ++live;
            if (node_satisfies(cluster_.node(node))) {
                ++satisfied;
            }
        }
    }
    switch (scope.scope) {
        case Scope::AllNodes:
            return satisfied == cluster_.size();
        case Scope::LiveNodes:
            return satisfied == live;
        case Scope::Majority:
            return satisfied >= cluster_.size() / 2 + 1;
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
                    if (cluster_.is_up(node) && cluster_.node(node).role() == raft::Role::Leader) {
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
                return agree();
            } else if constexpr (std::is_same_v<T, ValueIs>) {
                return for_scope(test.on, [&](const raft::Node& node) {
                    return node.state_machine().value(test.key) == test.value;
                });
            } else if constexpr (std::is_same_v<T, Safe>) {
                return !cluster_.violation().has_value();
            } else if constexpr (std::is_same_v<T, Linearizable>) {
                return check_linearizability(cluster_.history()).linearizable;
            } else if constexpr (std::is_same_v<T, Not>) {
                const auto inner = evaluate(*test.operand);
                return inner ? std::optional<bool>(!*inner) : std::nullopt;
            } else if constexpr (std::is_same_v<T, Chosen>) {
                return cluster_.chosen().has_value();
            } else {
                static_assert(std::is_same_v<T, ChosenIs>);
                return cluster_.chosen() == test.value;
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
            return for_scope(quantity.on, [&](const raft::Node& node) {
                return compare(static_cast<std::int64_t>(node.commit_index()), quantity.comparison,
                               *value);
            });
        case Quantity::Applied:
            return for_scope(quantity.on, [&](const raft::Node& node) {
                return compare(static_cast<std::int64_t>(node.last_applied()), quantity.comparison,
                               *value);
            });
        case Quantity::EntryTerm:
            return for_scope(quantity.on, [&](const raft::Node& node) {
                const bool present = quantity.index <= node.last_index();
                const auto term = present
                                      ? node.term_at(static_cast<raft::LogIndex>(quantity.index))
                                      : raft::Term{0};
                return compare(static_cast<std::int64_t>(term), quantity.comparison, *value);
            });
    }
    return std::nullopt;
}

// Every live node has applied the same commands: same count, same log prefix.
bool Interpreter::agree() const {
    const raft::Node* first = nullptr;
    for (NodeId id = 1; id <= cluster_.size(); ++id) {
        if (!cluster_.is_up(id)) {
            continue;
        }
        const raft::Node& node = cluster_.node(id);
        if (first == nullptr) {
            first = &node;
            continue;
        }
        if (node.last_applied() != first->last_applied() ||
            !std::equal(node.log().begin(),
                        node.log().begin() + static_cast<std::ptrdiff_t>(node.last_applied()),
                        first->log().begin())) {
            return false;
        }
    }
    return true;
}

std::string Interpreter::explain(const Condition& condition) {
    if (cluster_.algorithm() == sim::Algorithm::Paxos) {
        return explain_paxos();
    }
    std::string text = "leader ";
    const auto leader = cluster_.leader();
    text += leader ? std::to_string(*leader) : "none";
    text += ", term " + std::to_string(cluster_.highest_term()) + ", commit";
    for (NodeId id = 1; id <= cluster_.size(); ++id) {
        text += " " + (cluster_.is_up(id) ? std::to_string(cluster_.node(id).commit_index()) : "x");
    }
    if (const auto* quantity = std::get_if<QuantityIs>(&condition.test);
        quantity != nullptr && quantity->quantity == Quantity::EntryTerm) {
        text += ", term of entry " + std::to_string(quantity->index);
        for (NodeId id = 1; id <= cluster_.size(); ++id) {
            const bool known =
                cluster_.is_up(id) && quantity->index <= cluster_.node(id).last_index();
            text += " " + (!cluster_.is_up(id) ? std::string("x")
                           : known             ? std::to_string(cluster_.node(id).term_at(
                                                     static_cast<raft::LogIndex>(quantity->index)))
                                               : std::string("-"));
        }
    }
    if (std::holds_alternative<Linearizable>(condition.test)) {
        text += "; " + check_linearizability(cluster_.history()).explanation;
    }
    return text;
}

// "chosen: v1; node 1 preparing 2.1, node 2 idle; ..." for a failure message.
std::string Interpreter::explain_paxos() const {
    const auto chosen = cluster_.chosen();
    std::string text = "chosen: " + (chosen ? "'" + *chosen + "'" : std::string("nothing"));
    for (NodeId id = 1; id <= cluster_.size(); ++id) {
        text += id == 1 ? "; node " : ", node ";
        text += std::to_string(id) + " ";
        if (!cluster_.is_up(id)) {
            text += "crashed";
            continue;
        }
        const paxos::Node& node = cluster_.paxos_node(id);
        text += std::string(paxos::phase_name(node.phase()));
        if (!node.ballot().is_none()) {
            text += " " + node.ballot().to_string();
        }
    }
    return text;
}

}  // namespace quorum::scenario
