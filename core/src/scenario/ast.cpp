// Printing the scenario syntax tree back in the language's own words, for
// messages that quote the script ("expect failed: leader == $l") and for
// round-trip tests: parsing to_string(condition) gives the same condition.
#include "quorum/scenario/ast.hpp"

#include <string>
#include <string_view>
#include <type_traits>
#include <variant>

namespace quorum::scenario {

namespace {

// `value` in units of `unit_us`, with as many decimals as needed and no more.
std::string_view quantity_word(Quantity quantity) {
    switch (quantity) {
        case Quantity::Term:
            return "term";
        case Quantity::Committed:
            return "committed";
        case Quantity::Applied:
            return "applied";
        case Quantity::Messages:
            return "messages";
        case Quantity::Pending:
            return "pending";
    }
    return "?";
}

std::string test_text(const HasLeader&) {
    return "leader";
}
std::string test_text(const NoLeader&) {
    return "no leader";
}
std::string test_text(const LeaderIs& test) {
    return "leader " + std::string(to_string(test.comparison)) + " " + to_string(test.node);
}
std::string test_text(const QuantityIs& test) {
    std::string text = std::string(quantity_word(test.quantity)) + " " +
                       std::string(to_string(test.comparison)) + " " + to_string(test.value);
    if (test.quantity == Quantity::Committed || test.quantity == Quantity::Applied) {
        text += " on " + to_string(test.on);
    }
    return text;
}
std::string test_text(const Agree&) {
    return "agree";
}
std::string test_text(const ValueIs& test) {
    return "value " + test.key + " == " + test.value + " on " + to_string(test.on);
}
std::string test_text(const Safe&) {
    return "safe";
}
std::string test_text(const Linearizable&) {
    return "linearizable";
}
std::string test_text(const Not& test) {
    return "not " + to_string(*test.operand);
}
std::string test_text(const ProtocolCondition& test) {
    return test.text;
}

}  // namespace

std::string_view to_string(Comparison comparison) {
    switch (comparison) {
        case Comparison::Equal:
            return "==";
        case Comparison::NotEqual:
            return "!=";
        case Comparison::Less:
            return "<";
        case Comparison::LessOrEqual:
            return "<=";
        case Comparison::Greater:
            return ">";
        case Comparison::GreaterOrEqual:
            return ">=";
    }
    return "?";
}

std::string to_string(const NodeRef& node) {
    return node.is_variable() ? "$" + node.variable : std::to_string(node.id);
}

std::string to_string(const NumberRef& number) {
    return number.is_variable() ? "$" + number.variable : std::to_string(number.value);
}

std::string to_string(const NodeScope& scope) {
    switch (scope.scope) {
        case Scope::AllNodes:
            return "all";
        case Scope::LiveNodes:
            return "live";
        case Scope::Majority:
            return "majority";
        case Scope::Node:
            return to_string(scope.node);
    }
    return "?";
}

std::string to_string(const Condition& condition) {
    return std::visit([](const auto& test) { return test_text(test); }, condition.test);
}

}  // namespace quorum::scenario
