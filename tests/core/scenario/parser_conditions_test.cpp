// The scenario parser, conditions: every condition of docs/scenarios.md's
// table parses to the expected tree, prints back to the same text, and
// parsing the printed text gives the same tree (the round trip error messages
// rely on). A protocol's own conditions are its own types: for those the
// tree is a ProtocolCondition, and the round trip is what is checked.
#include <gtest/gtest.h>

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "quorum/scenario/parser.hpp"
#include "scenario_test_helpers.hpp"

namespace quorum::scenario {
namespace {

using testing::expected_condition;
using Test = decltype(Condition::test);

constexpr const char* kRaft = "cluster raft\nremember l = leader\nremember t = term";
constexpr const char* kPaxos = "cluster paxos";
constexpr int kLine = 4;         // the expect line after kRaft's three lines
constexpr int kFirstColumn = 8;  // after "expect "

NodeRef node(NodeId id) {
    return NodeRef{id, ""};
}
NumberRef number(std::int64_t value) {
    return NumberRef{value, ""};
}

Test negation(int column, Test inner) {
    return Not{Box<Condition>(Condition{SourcePos{kLine, column}, std::move(inner)})};
}

// A condition of the protocol's own, as its canonical text.
Test own(const char* text) {
    return ProtocolCondition{text, {}};
}

// Equal trees, where a protocol's own condition counts as equal when its
// canonical text is (its value is of a type the protocol keeps to itself).
bool same_shape(const Test& parsed, const Test& expected) {
    if (parsed.index() != expected.index()) {
        return false;
    }
    if (const auto* mine = std::get_if<ProtocolCondition>(&parsed)) {
        return mine->text == std::get<ProtocolCondition>(expected).text && !mine->test.empty();
    }
    if (const auto* negated = std::get_if<Not>(&parsed)) {
        return same_shape(negated->operand->test, std::get<Not>(expected).operand->test);
    }
    return parsed == expected;
}

struct ConditionCase {
    const char* prelude;
    const char* text;  // canonical: to_string gives it back
    Test expected;
};

void PrintTo(const ConditionCase& row, std::ostream* out) {
    *out << row.text;
}

class ScenarioConditions : public ::testing::TestWithParam<ConditionCase> {};

TEST_P(ScenarioConditions, parseToTheExpectedTreeAndPrintBack) {
    const ConditionCase& row = GetParam();
    const Condition condition = expected_condition(row.prelude, row.text);
    EXPECT_TRUE(same_shape(condition.test, row.expected)) << row.text;
    EXPECT_EQ(condition.test.index(), row.expected.index()) << row.text;
    if (std::string(row.prelude) == kRaft) {
        EXPECT_EQ(condition.pos, (SourcePos{kLine, kFirstColumn})) << row.text;
    }
    const std::string printed = to_string(condition);
    EXPECT_EQ(printed, row.text);
    const Condition reparsed = expected_condition(row.prelude, printed);
    EXPECT_TRUE(reparsed == condition) << printed;
}

const std::vector<ConditionCase> kConditionCases = {
    {kRaft, "leader", HasLeader{}},
    {kRaft, "no leader", NoLeader{}},
    {kRaft, "leader == 3", LeaderIs{Comparison::Equal, node(3)}},
    {kRaft, "leader != $l", LeaderIs{Comparison::NotEqual, NodeRef{kNoNode, "l"}}},
    {kRaft, "term >= 2", QuantityIs{Quantity::Term, Comparison::GreaterOrEqual, number(2), {}}},
    {kRaft, "term == $t", QuantityIs{Quantity::Term, Comparison::Equal, NumberRef{0, "t"}, {}}},
    {kRaft, "term > 1", QuantityIs{Quantity::Term, Comparison::Greater, number(1), {}}},
    {kRaft, "term < 9", QuantityIs{Quantity::Term, Comparison::Less, number(9), {}}},
    {kRaft, "term <= 0", QuantityIs{Quantity::Term, Comparison::LessOrEqual, number(0), {}}},
    {kRaft, "term != 4", QuantityIs{Quantity::Term, Comparison::NotEqual, number(4), {}}},
    {kRaft, "committed >= 3 on majority",
     QuantityIs{Quantity::Committed, Comparison::GreaterOrEqual, number(3),
                NodeScope{Scope::Majority, {}}}},
    {kRaft, "committed == 2 on all",
     QuantityIs{Quantity::Committed, Comparison::Equal, number(2), NodeScope{Scope::AllNodes, {}}}},
    {kRaft, "committed < $t on live",
     QuantityIs{Quantity::Committed, Comparison::Less, NumberRef{0, "t"},
                NodeScope{Scope::LiveNodes, {}}}},
    {kRaft, "applied >= 1 on 2",
     QuantityIs{Quantity::Applied, Comparison::GreaterOrEqual, number(1),
                NodeScope{Scope::Node, node(2)}}},
    {kRaft, "applied != 0 on $l",
     QuantityIs{Quantity::Applied, Comparison::NotEqual, number(0),
                NodeScope{Scope::Node, NodeRef{kNoNode, "l"}}}},
    {kRaft, "entry 2 term == 3 on all", own("entry 2 term == 3 on all")},
    {kRaft, "entry 12 term != $t on majority", own("entry 12 term != $t on majority")},
    {kRaft, "entry 3 term == 0 on $l", own("entry 3 term == 0 on $l")},
    {kRaft, "agree", Agree{}},
    {kRaft, "value x == 1 on all", ValueIs{"x", "1", NodeScope{Scope::AllNodes, {}}}},
    {kRaft, "value key == hello on live", ValueIs{"key", "hello", NodeScope{Scope::LiveNodes, {}}}},
    {kRaft, "value x == 2 on 5", ValueIs{"x", "2", NodeScope{Scope::Node, node(5)}}},
    {kRaft, "safe", Safe{}},
    {kRaft, "linearizable", Linearizable{}},
    {kRaft, "messages <= 100",
     QuantityIs{Quantity::Messages, Comparison::LessOrEqual, number(100), {}}},
    {kRaft, "messages > $t",
     QuantityIs{Quantity::Messages, Comparison::Greater, NumberRef{0, "t"}, {}}},
    {kRaft, "pending == 0", QuantityIs{Quantity::Pending, Comparison::Equal, number(0), {}}},
    {kRaft, "pending >= 2",
     QuantityIs{Quantity::Pending, Comparison::GreaterOrEqual, number(2), {}}},
    {kRaft, "not leader", negation(12, HasLeader{})},
    {kRaft, "not safe", negation(12, Safe{})},
    {kRaft, "not not leader == 2",
     negation(12, negation(16, LeaderIs{Comparison::Equal, node(2)}))},
    {kRaft, "not committed >= 2 on 1",
     negation(12, QuantityIs{Quantity::Committed, Comparison::GreaterOrEqual, number(2),
                             NodeScope{Scope::Node, node(1)}})},
    {kPaxos, "chosen", own("chosen")},
    {kPaxos, "chosen == v1", own("chosen == v1")},
    {kPaxos, "not chosen", Not{Box<Condition>(Condition{SourcePos{2, 12}, own("chosen")})}},
    {"cluster multipaxos", "leader", HasLeader{}},
    {"cluster multipaxos", "committed >= 4 on majority",
     QuantityIs{Quantity::Committed, Comparison::GreaterOrEqual, number(4),
                NodeScope{Scope::Majority, {}}}},
    {"cluster multipaxos", "acceptors == 2,3,4 on all", own("acceptors == 2,3,4 on all")},
    {"cluster multipaxos", "leaders != 1 on 2", own("leaders != 1 on 2")},
};

INSTANTIATE_TEST_SUITE_P(AllConditions, ScenarioConditions, ::testing::ValuesIn(kConditionCases));

TEST(ScenarioConditionText, extraSpacesDoNotReachThePrintedForm) {
    const Condition condition = expected_condition(kRaft, "not\t  committed   >=  2  on \tall");
    EXPECT_EQ(to_string(condition), "not committed >= 2 on all");
}

TEST(ScenarioConditionText, runUntilStopsTheConditionAtWithin) {
    const Scenario scenario = testing::parse_valid(
        "cluster raft\nrun until not leader == 2 within 1s\nrun until value within == x on 1 "
        "within 3ms\n");
    ASSERT_EQ(scenario.statements.size(), 2u);
    const auto& first = std::get<RunUntil>(scenario.statements[0].command);
    EXPECT_EQ(to_string(first.condition), "not leader == 2");
    EXPECT_EQ(first.within_us, kMicrosecondsPerSecond);
    // A key may even be called `within`: conditions have a fixed shape.
    const auto& second = std::get<RunUntil>(scenario.statements[1].command);
    EXPECT_EQ(to_string(second.condition), "value within == x on 1");
    EXPECT_EQ(second.within_us, 3'000);
}

TEST(ScenarioConditionText, copiesOfNestedConditionsAreDeepAndEqual) {
    const Condition original = expected_condition(kRaft, "not not safe");
    Condition copy = original;
    EXPECT_TRUE(copy == original);
    copy = expected_condition(kRaft, "not not linearizable");
    EXPECT_FALSE(copy == original);
    EXPECT_EQ(to_string(original), "not not safe");
    EXPECT_EQ(to_string(copy), "not not linearizable");
}

}  // namespace
}  // namespace quorum::scenario
