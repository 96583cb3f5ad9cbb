// Conditions of `expect` and `run until`, evaluated on the running cluster
// (SCENARIOS.md's table; the runner.hpp header says how scopes treat crashed
// nodes).
#include <algorithm>

#include "quorum/check/linearizability.hpp"
#include "quorum/scenario/runner_internals.hpp"
#include "quorum/sim/nodes.hpp"

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

// The nodes per-node conditions look at: every node, but in a Multi-Paxos
// cluster only its replicas (the nodes with a log and a state machine).
std::vector<NodeId> Interpreter::scope_members() const {
    std::vector<NodeId> members;
    if (cluster_.protocol_name() == multipaxos::Protocol::kName) {
        members = cluster_.nodes<multipaxos::Protocol>().config().replicas;
    } else {
        for (NodeId node = 1; node <= cluster_.size(); ++node) {
            members.push_back(node);
        }
    }
    return members;
}

// Defined before its callers: clang 14 needs an abbreviated member template's
// body before the lambdas that instantiate it. `node_satisfies` takes a live
// node's id.
std::optional<bool> Interpreter::for_scope(const NodeScope& scope, const auto& node_satisfies) {
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
                    if (cluster_.is_up(node) && is_leader(node)) {
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
                return for_scope(test.on, [&](NodeId node) {
                    return state_machine(node).value(test.key) == test.value;
                });
            } else if constexpr (std::is_same_v<T, Safe>) {
                return cluster_.violation() == nullptr;
            } else if constexpr (std::is_same_v<T, Linearizable>) {
                return check_linearizability(cluster_.history()).linearizable;
            } else if constexpr (std::is_same_v<T, Not>) {
                const auto inner = evaluate(*test.operand);
                return inner ? std::optional<bool>(!*inner) : std::nullopt;
            } else if constexpr (std::is_same_v<T, Chosen>) {
                return chosen().has_value();
            } else if constexpr (std::is_same_v<T, ConfigurationIs>) {
                return for_scope(test.on, [&](NodeId node) {
                    const bool same = configuration_part(node, test.part) == test.nodes;
                    return test.comparison == Comparison::Equal ? same : !same;
                });
            } else {
                static_assert(std::is_same_v<T, ChosenIs>);
                return chosen() == test.value;
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
                return compare(static_cast<std::int64_t>(committed(node)), quantity.comparison,
                               *value);
            });
        case Quantity::Applied:
            return for_scope(quantity.on, [&](NodeId node) {
                return compare(static_cast<std::int64_t>(applied(node)), quantity.comparison,
                               *value);
            });
        case Quantity::EntryTerm:
            return for_scope(quantity.on, [&](NodeId id) {
                const raft::Node& node = cluster_.nodes<raft::Protocol>().node(id);
                const bool present = quantity.index <= node.last_index();
                const auto term = present
                                      ? node.term_at(static_cast<raft::LogIndex>(quantity.index))
                                      : raft::Term{0};
                return compare(static_cast<std::int64_t>(term), quantity.comparison, *value);
            });
    }
    return std::nullopt;
}

// Per-node quantities, whichever the protocol. Multi-Paxos: a replica's
// decided slots are the slots it has applied (slot_out - 1: decisions beyond
// a hole wait, unapplied, until the hole is decided), so `committed` and
// `applied` measure the same thing there.
bool Interpreter::is_leader(NodeId node) const {
    return cluster_.is_leader(node);
}

std::uint64_t Interpreter::committed(NodeId node) const {
    return cluster_.committed(node);
}

std::uint64_t Interpreter::applied(NodeId node) const {
    return cluster_.applied(node);
}

std::optional<paxos::Value> Interpreter::chosen() const {
    if (const auto& chosen = cluster_.nodes<paxos::Protocol>().checker().chosen()) {
        return chosen->value;
    }
    return std::nullopt;
}

// The leaders or acceptors of the configuration in effect at a replica: the
// one governing the next slot it applies. None at a node that is no replica.
std::vector<NodeId> Interpreter::configuration_part(NodeId node, ConfigurationPart part) const {
    const auto& replica = cluster_.nodes<multipaxos::Protocol>().node(node).replica();
    if (!replica) {
        return {};
    }
    const multipaxos::Configuration& in_effect = replica->configuration_for(replica->slot_out());
    return part == ConfigurationPart::Leaders ? in_effect.leaders : in_effect.acceptors;
}

const StateMachine& Interpreter::state_machine(NodeId node) const {
    return *cluster_.state_machine(node);
}

// Multi-Paxos: every live replica has applied the same decrees, slot by slot.
bool Interpreter::replicas_agree() const {
    const multipaxos::Replica* first = nullptr;
    for (NodeId id : scope_members()) {
        const auto* node = cluster_.nodes<multipaxos::Protocol>().find(id);
        if (node == nullptr || !node->replica()) {
            continue;
        }
        const multipaxos::Replica& replica = *node->replica();
        if (first == nullptr) {
            first = &replica;
            continue;
        }
        if (replica.slot_out() != first->slot_out()) {
            return false;
        }
        for (multipaxos::Slot slot = 1; slot < replica.slot_out(); ++slot) {
            if (replica.decisions().at(slot) != first->decisions().at(slot)) {
                return false;
            }
        }
    }
    return true;
}

// Every live node has applied the same commands: same count, same log prefix.
bool Interpreter::agree() const {
    if (cluster_.protocol_name() == multipaxos::Protocol::kName) {
        return replicas_agree();
    }
    const raft::Node* first = nullptr;
    for (NodeId id = 1; id <= cluster_.size(); ++id) {
        if (!cluster_.is_up(id)) {
            continue;
        }
        const raft::Node& node = cluster_.nodes<raft::Protocol>().node(id);
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
    if (cluster_.protocol_name() == paxos::Protocol::kName) {
        return explain_paxos();
    }
    if (cluster_.protocol_name() == multipaxos::Protocol::kName) {
        return explain_multipaxos(condition);
    }
    const auto& nodes = cluster_.nodes<raft::Protocol>();
    std::string text = "leader ";
    const auto leader = cluster_.leader();
    text += leader ? std::to_string(*leader) : "none";
    text += ", term " + std::to_string(cluster_.highest_term()) + ", commit";
    for (NodeId id = 1; id <= cluster_.size(); ++id) {
        text += " " + (cluster_.is_up(id) ? std::to_string(nodes.node(id).commit_index()) : "x");
    }
    if (const auto* quantity = std::get_if<QuantityIs>(&condition.test);
        quantity != nullptr && quantity->quantity == Quantity::EntryTerm) {
        text += ", term of entry " + std::to_string(quantity->index);
        for (NodeId id = 1; id <= cluster_.size(); ++id) {
            const bool known =
                cluster_.is_up(id) && quantity->index <= nodes.node(id).last_index();
            text += " " + (!cluster_.is_up(id) ? std::string("x")
                           : known             ? std::to_string(nodes.node(id).term_at(
                                                     static_cast<raft::LogIndex>(quantity->index)))
                                               : std::string("-"));
        }
    }
    if (std::holds_alternative<Linearizable>(condition.test)) {
        text += "; " + check_linearizability(cluster_.history()).explanation;
    }
    return text;
}

// "leader 2 (ballot 3.2), decided slots 4 4 x (replicas 1 2 3); node 1
// passive 2.1, node 2 active 3.2": for a failure message. The decided slots
// are the replicas', in replica order, x for a crashed one.
std::string Interpreter::explain_multipaxos(const Condition& condition) const {
    const auto leader = cluster_.leader();
    std::string text = "leader " + (leader ? std::to_string(*leader) : std::string("none"));
    const auto& nodes = cluster_.nodes<multipaxos::Protocol>();
    text += ", highest ballot " +
            multipaxos::ballot_text(multipaxos::Protocol::highest_ballot(nodes.slots())) +
            ", decided slots";
    std::string replicas;
    for (NodeId id : scope_members()) {
        text += " " + (cluster_.is_up(id) ? std::to_string(committed(id)) : std::string("x"));
        replicas += (replicas.empty() ? "" : " ") + std::to_string(id);
    }
    text += " (replicas " + replicas + ")";
    std::string leaders;
    for (NodeId id = 1; id <= cluster_.size(); ++id) {
        if (!cluster_.is_up(id) || !nodes.node(id).leader()) {
            continue;
        }
        const multipaxos::Leader& node = *nodes.node(id).leader();
        leaders += (leaders.empty() ? "; leader " : ", leader ") + std::to_string(id) + " " +
                   (node.active() ? "active " : "passive ") +
                   multipaxos::ballot_text(node.ballot_num());
    }
    text += leaders;
    if (const auto* configuration = std::get_if<ConfigurationIs>(&condition.test)) {
        text += configuration->part == ConfigurationPart::Leaders ? "; leaders" : "; acceptors";
        for (NodeId id : scope_members()) {
            std::string list;
            for (NodeId member : cluster_.is_up(id) ? configuration_part(id, configuration->part)
                                                    : std::vector<NodeId>{}) {
                list += (list.empty() ? "" : ",") + std::to_string(member);
            }
            text += " " + (cluster_.is_up(id) ? list : std::string("x"));
        }
    }
    if (const auto* value = std::get_if<ValueIs>(&condition.test)) {
        text += "; " + value->key + " =";
        for (NodeId id : scope_members()) {
            const auto found = cluster_.is_up(id) ? state_machine(id).value(value->key)
                                                  : std::optional<std::string>();
            text += " " + (!cluster_.is_up(id) ? std::string("x")
                           : found             ? "'" + *found + "'"
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
    const auto chosen = this->chosen();
    std::string text = "chosen: " + (chosen ? "'" + *chosen + "'" : std::string("nothing"));
    for (NodeId id = 1; id <= cluster_.size(); ++id) {
        text += id == 1 ? "; node " : ", node ";
        text += std::to_string(id) + " ";
        if (!cluster_.is_up(id)) {
            text += "crashed";
            continue;
        }
        const paxos::Node& node = cluster_.nodes<paxos::Protocol>().node(id);
        text += std::string(paxos::phase_name(node.phase()));
        if (!node.ballot().is_none()) {
            text += " " + node.ballot().to_string();
        }
    }
    return text;
}

}  // namespace quorum::scenario
