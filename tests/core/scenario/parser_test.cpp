// The scenario parser, commands: every command parses to the expected syntax
// tree (checked field by field through ==, with literal expectations), the
// lexical rules (comments, blank lines, tabs, CRLF, columns) hold, and a full
// realistic scenario parses. Cluster options, conditions and errors have their
// own files (parser_cluster_test, parser_conditions_test, parser_errors_test).
#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <vector>

#include "quorum/multipaxos/scenario.hpp"
#include "quorum/protocols.hpp"
#include "quorum/raft/scenario.hpp"
#include "quorum/scenario/parser.hpp"
#include "scenario_test_helpers.hpp"

namespace quorum::scenario {
namespace {

using testing::last_statement;
using testing::parse_valid;

constexpr const char* kRaft = "cluster raft\nremember l = leader\nremember t = term";
constexpr const char* kPaxos = "cluster paxos";

Condition condition_at(int line, int column, decltype(Condition::test) test) {
    return Condition{SourcePos{line, column}, std::move(test)};
}

NodeRef node(NodeId id) {
    return NodeRef{id, ""};
}
NodeRef node_variable(const char* name) {
    return NodeRef{kNoNode, name};
}

// A statement of a protocol's own, as the parser holds it.
template <typename Statement>
Command own(std::string_view protocol, const char* verb, Statement statement) {
    return ProtocolStatement{verb,
                             Erased<ProtocolStatementKind>::of(protocol, std::move(statement))};
}
Command raft_statement(const char* verb, raft::SetLog log) {
    return own(raft::Protocol::kName, verb, std::move(log));
}
Command raft_statement(const char* verb, raft::SetState state) {
    return own(raft::Protocol::kName, verb, state);
}
Command reconfigure(multipaxos::Reconfigure statement) {
    return own(multipaxos::Protocol::kName, "reconfigure", std::move(statement));
}

struct CommandCase {
    const char* prelude;
    const char* line;
    Command expected;
};

void PrintTo(const CommandCase& row, std::ostream* out) {
    *out << row.line;
}

class ScenarioCommands : public ::testing::TestWithParam<CommandCase> {};

TEST_P(ScenarioCommands, parseToTheExpectedTree) {
    const CommandCase& row = GetParam();
    const Statement statement = last_statement(row.prelude, row.line);
    EXPECT_TRUE(statement.command == row.expected) << row.line;
    EXPECT_EQ(statement.command.index(), row.expected.index()) << row.line;
    EXPECT_EQ(statement.pos.column, 1) << row.line;
}

const std::vector<CommandCase> kCommandCases = {
    {kRaft, "run 250ms", RunFor{250'000}},
    {kRaft, "run 1.5s", RunFor{1'500'000}},
    {kRaft, "run 300us", RunFor{300}},
    {kRaft, "run 2s", RunFor{2'000'000}},
    {kRaft, "run 0.25ms", RunFor{250}},
    {kRaft, "run 1.000001s", RunFor{1'000'001}},
    {kRaft, "run until leader within 2s", RunUntil{condition_at(4, 11, HasLeader{}), 2'000'000}},
    {kRaft, "run until term >= $t within 500ms",
     RunUntil{
         condition_at(
             4, 11, QuantityIs{Quantity::Term, Comparison::GreaterOrEqual, NumberRef{0, "t"}, {}}),
         500'000}},
    {kRaft, "crash 3", Crash{NodeTarget{TargetKind::Node, node(3)}}},
    {kRaft, "crash leader", Crash{NodeTarget{TargetKind::Leader, {}}}},
    {kRaft, "crash $l", Crash{NodeTarget{TargetKind::Node, node_variable("l")}}},
    {kRaft, "restart all", Restart{NodeTarget{TargetKind::AllNodes, {}}}},
    {kRaft, "restart 5", Restart{NodeTarget{TargetKind::Node, node(5)}}},
    {kRaft, "isolate leader", Isolate{NodeTarget{TargetKind::Leader, {}}}},
    {kRaft, "isolate 1", Isolate{NodeTarget{TargetKind::Node, node(1)}}},
    {kRaft, "partition 1 2 | 3 4 5", Partition{{{node(1), node(2)}, {node(3), node(4), node(5)}}}},
    {kRaft, "partition 1 2|3", Partition{{{node(1), node(2)}, {node(3)}}}},
    {kRaft, "partition 2 |3| $l", Partition{{{node(2)}, {node(3)}, {node_variable("l")}}}},
    {kRaft, "partition 4 5", Partition{{{node(4), node(5)}}}},
    {kRaft, "heal", Heal{}},
    {kRaft, "net loss=0.1 dup=0.05 latency=5-20ms reorder=on",
     NetChange{DurationRange{5'000, 20'000}, 100'000, 50'000, true}},
    {kRaft, "net reorder=off", NetChange{std::nullopt, std::nullopt, std::nullopt, false}},
    {kRaft, "net loss=1", NetChange{std::nullopt, kCertain, std::nullopt, std::nullopt}},
    {kRaft, "client put x 1", ClientCommand{ClientVerb::Put, "x", "1", {}, std::nullopt}},
    {kRaft, "client put x 1 via 2", ClientCommand{ClientVerb::Put, "x", "1", {}, node(2)}},
    {kRaft, "client get x via $l", ClientCommand{ClientVerb::Get, "x", "", {}, node_variable("l")}},
    {kRaft, "client append log abc", ClientCommand{ClientVerb::Append, "log", "abc", {}, {}}},
    {kRaft, "client add -3", ClientCommand{ClientVerb::Add, "", "", NumberRef{-3, ""}, {}}},
    {kRaft, "client add $t via 4",
     ClientCommand{ClientVerb::Add, "", "", NumberRef{0, "t"}, node(4)}},
    {"cluster multipaxos", "client put k v", ClientCommand{ClientVerb::Put, "k", "v", {}, {}}},
    {kPaxos, "client propose v1", ClientCommand{ClientVerb::Propose, "", "v1", {}, {}}},
    {kPaxos, "client propose v2 via 3", ClientCommand{ClientVerb::Propose, "", "v2", {}, node(3)}},
    {kRaft, "remember lead = leader", Remember{"lead", Remembered::Leader}},
    {kRaft, "remember term_1 = term", Remember{"term_1", Remembered::Term}},
    {kRaft, "hold on", Hold{true}},
    {kRaft, "hold off", Hold{false}},
    {kRaft, "step", Step{}},
    {kRaft, "deliver 1 -> 2 RequestVote",
     ActOnMessage{MessageAction::Deliver, node(1), node(2), "RequestVote"}},
    {kRaft, "drop 2 -> 1", ActOnMessage{MessageAction::Drop, node(2), node(1), ""}},
    {kRaft, "duplicate $l -> 3 AppendEntries",
     ActOnMessage{MessageAction::Duplicate, node_variable("l"), node(3), "AppendEntries"}},
    {kRaft, "block 1 -> 2",
     Block{NodeTarget{TargetKind::Node, node(1)}, NodeTarget{TargetKind::Node, node(2)}}},
    {kRaft, "block leader -> 3",
     Block{NodeTarget{TargetKind::Leader, {}}, NodeTarget{TargetKind::Node, node(3)}}},
    {kRaft, "block 2 -> leader",
     Block{NodeTarget{TargetKind::Node, node(2)}, NodeTarget{TargetKind::Leader, {}}}},
    {kRaft, "block $l -> 3",
     Block{NodeTarget{TargetKind::Node, node_variable("l")},
           NodeTarget{TargetKind::Node, node(3)}}},
    {kRaft, "fire 2", Fire{node(2)}},
    {kRaft, "fire $l", Fire{node_variable("l")}},
    {kRaft, "expect safe", Expect{condition_at(4, 8, Safe{})}},
    {"cluster raft", "log 1 1 1 2", raft_statement("log", raft::SetLog{1, {1, 1, 2}})},
    {"cluster raft", "state 1 term=2 vote=1", raft_statement("state", raft::SetState{1, 2, 1})},
    {"cluster raft", "state 2 term=3", raft_statement("state", raft::SetState{2, 3, kNoNode})},
    {"cluster raft", "state 2 vote=none term=3",
     raft_statement("state", raft::SetState{2, 3, kNoNode})},
    {kPaxos, "expect violation promise kept", ExpectViolation{"promise kept"}},
    {kPaxos, "expect violation  at most one value chosen",
     ExpectViolation{"at most one value chosen"}},
    {kRaft, "expect violation election safety", ExpectViolation{"election safety"}},
    {"cluster multipaxos", "expect violation agreement", ExpectViolation{"agreement"}},
    {"cluster multipaxos nodes=5 leaders=1,2 acceptors=3,4,5",
     "reconfigure leaders=2,1 acceptors=all",
     reconfigure(multipaxos::Reconfigure{{1, 2}, {1, 2, 3, 4, 5}, std::nullopt})},
    // A list left out is the cluster line's, or the latest reconfigure's.
    {"cluster multipaxos nodes=5 leaders=1,2 acceptors=3,4,5", "reconfigure acceptors=2,3,4 via 3",
     reconfigure(multipaxos::Reconfigure{{1, 2}, {2, 3, 4}, node(3)})},
    {"cluster multipaxos nodes=5 leaders=1,2 acceptors=3,4,5\nreconfigure acceptors=1,2,3",
     "reconfigure leaders=1", reconfigure(multipaxos::Reconfigure{{1}, {1, 2, 3}, std::nullopt})},
};

INSTANTIATE_TEST_SUITE_P(AllCommands, ScenarioCommands, ::testing::ValuesIn(kCommandCases));

TEST(ScenarioLexing, commentsBlankLinesTabsAndCrlfAreIgnored) {
    const Scenario scenario = parse_valid(
        "# A lesson.\r\n\r\ncluster\traft  nodes=3 # three\r\n\n\t crash\t2 # boom\r\n"
        "   # only a comment\nheal#glued comment\n");
    EXPECT_EQ(scenario.cluster.config.nodes, 3u);
    EXPECT_EQ(scenario.cluster.pos, (SourcePos{3, 1}));
    ASSERT_EQ(scenario.statements.size(), 2u);
    EXPECT_EQ(scenario.statements[0].pos, (SourcePos{5, 3}));
    EXPECT_TRUE(scenario.statements[0].command ==
                Command(Crash{NodeTarget{TargetKind::Node, node(2)}}));
    EXPECT_EQ(scenario.statements[1].pos, (SourcePos{7, 1}));
    EXPECT_TRUE(std::holds_alternative<Heal>(scenario.statements[1].command));
}

TEST(ScenarioLexing, conditionPositionsPointAtTheirFirstWord) {
    const Statement statement = last_statement("cluster raft", "  expect   not  leader");
    const auto& expect = std::get<Expect>(statement.command);
    EXPECT_EQ(statement.pos, (SourcePos{2, 3}));
    EXPECT_EQ(expect.condition.pos, (SourcePos{2, 12}));
    const auto& negation = std::get<Not>(expect.condition.test);
    EXPECT_EQ(negation.operand->pos, (SourcePos{2, 17}));
}

TEST(ScenarioLexing, aLaterRememberReplacesTheVariable) {
    const Scenario scenario = parse_valid(
        "cluster raft\nremember x = leader\ncrash $x\nremember x = term\nexpect term > $x\n");
    ASSERT_EQ(scenario.statements.size(), 4u);
    const auto& expect = std::get<Expect>(scenario.statements[3].command);
    EXPECT_EQ(std::get<QuantityIs>(expect.condition.test).value, (NumberRef{0, "x"}));
}

TEST(ScenarioParser, setUpLinesComeFirstAndKeepTheirOrder) {
    const Scenario scenario = parse_valid(
        "cluster raft nodes=3\nlog 1 1 2 2\nstate 1 term=3 vote=1\nlog 2 1\nstate 2 term=1\n"
        "run 10ms\n");
    ASSERT_EQ(scenario.statements.size(), 5u);
    EXPECT_TRUE(scenario.statements[0].command ==
                raft_statement("log", raft::SetLog{1, {1, 2, 2}}));
    EXPECT_TRUE(scenario.statements[1].command == raft_statement("state", raft::SetState{1, 3, 1}));
    EXPECT_TRUE(scenario.statements[2].command == raft_statement("log", raft::SetLog{2, {1}}));
    EXPECT_TRUE(scenario.statements[3].command ==
                raft_statement("state", raft::SetState{2, 1, kNoNode}));
    EXPECT_TRUE(scenario.statements[4].command == Command(RunFor{10'000}));
}

TEST(ScenarioParser, aFullLeaderElectionLessonParses) {
    const char* source = R"(# Lesson 2: the leader crashes, a new one is elected.
cluster raft nodes=5 seed=42 election=150-300ms heartbeat=50ms

run until leader within 2s
remember old = leader
remember first_term = term
client put x 1
run until committed >= 1 on majority within 1s

crash leader
run until leader within 2s
expect leader != $old
expect term > $first_term
expect safe
restart $old
run 500ms
expect agree
expect value x == 1 on all
expect linearizable
)";
    const Scenario scenario = parse_valid(source);
    EXPECT_EQ(scenario.cluster.protocol(), "raft");
    EXPECT_EQ(scenario.cluster.config.seed, 42u);
    ASSERT_EQ(scenario.statements.size(), 15u);

    const auto& first_wait = std::get<RunUntil>(scenario.statements[0].command);
    EXPECT_EQ(scenario.statements[0].pos, (SourcePos{4, 1}));
    EXPECT_EQ(to_string(first_wait.condition), "leader");
    EXPECT_EQ(first_wait.within_us, 2 * kMicrosecondsPerSecond);

    EXPECT_TRUE(scenario.statements[1].command == Command(Remember{"old", Remembered::Leader}));
    const auto& commit_wait = std::get<RunUntil>(scenario.statements[4].command);
    EXPECT_EQ(to_string(commit_wait.condition), "committed >= 1 on majority");
    EXPECT_EQ(commit_wait.within_us, kMicrosecondsPerSecond);

    EXPECT_TRUE(scenario.statements[5].command == Command(Crash{{TargetKind::Leader, {}}}));
    EXPECT_EQ(scenario.statements[5].pos, (SourcePos{10, 1}));

    const auto& new_leader = std::get<Expect>(scenario.statements[7].command).condition;
    EXPECT_TRUE(new_leader.test ==
                decltype(Condition::test)(LeaderIs{Comparison::NotEqual, node_variable("old")}));
    const auto& newer_term = std::get<Expect>(scenario.statements[8].command).condition;
    EXPECT_EQ(to_string(newer_term), "term > $first_term");
    EXPECT_TRUE(scenario.statements[10].command ==
                Command(Restart{{TargetKind::Node, node_variable("old")}}));
    EXPECT_TRUE(scenario.statements[11].command == Command(RunFor{500'000}));
    EXPECT_EQ(to_string(std::get<Expect>(scenario.statements[13].command).condition),
              "value x == 1 on all");
}

TEST(ScenarioParser, aManualPaxosLessonParses) {
    const Scenario scenario = parse_valid(
        "cluster paxos proposers=1,2 acceptors=1,2,3 learners=all backoff=off\n"
        "hold on\nclient propose a via 1\nclient propose b via 2\nstep\n"
        "deliver 1 -> 2 Prepare\ndrop 2 -> 3\nduplicate 1 -> 3\nfire 1\n"
        "expect not chosen\nhold off\nrun until chosen within 5s\nexpect chosen == a\n"
        "expect pending == 0\nexpect messages <= 40\n");
    EXPECT_EQ(config_of<paxos::Protocol>(scenario.cluster.config.protocol).proposers,
              (std::vector<NodeId>{1, 2}));
    ASSERT_EQ(scenario.statements.size(), 14u);
    EXPECT_EQ(to_string(std::get<Expect>(scenario.statements[8].command).condition), "not chosen");
    EXPECT_EQ(to_string(std::get<Expect>(scenario.statements[13].command).condition),
              "messages <= 40");
}

TEST(ScenarioParser, formatErrorUsesTheCompilerForm) {
    EXPECT_EQ(format_error("lessons/election.qs", ParseError{12, 7, "node 7 does not exist"}),
              "lessons/election.qs:12:7: node 7 does not exist");
    const ParseResult result = parse_scenario("cluster raft\ncrahs 1\n");
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(format_error("a.qs", result.error()),
              "a.qs:2:1: unknown command 'crahs'; did you mean 'crash'?");
}

TEST(ScenarioFormatting, durationsAndProbabilitiesPrintInTheLanguage) {
    EXPECT_EQ(format_duration(1'500'000), "1.5s");
    EXPECT_EQ(format_duration(2'000'000), "2s");
    EXPECT_EQ(format_duration(250'000), "250ms");
    EXPECT_EQ(format_duration(1'500), "1.5ms");
    EXPECT_EQ(format_duration(300), "300us");
    EXPECT_EQ(format_duration(0), "0us");
    EXPECT_EQ(format_duration(1'000'001), "1.000001s");
    EXPECT_EQ(format_duration_range({1'000, 10'000}), "1-10ms");
    EXPECT_EQ(format_duration_range({500, 2'000}), "0.5-2ms");
    EXPECT_EQ(format_duration_range({150'000, 300'000}), "150-300ms");
    EXPECT_EQ(format_probability(0), "0");
    EXPECT_EQ(format_probability(100'000), "0.1");
    EXPECT_EQ(format_probability(kCertain), "1");
    EXPECT_EQ(format_probability(1), "0.000001");
    EXPECT_EQ(format_probability(250'000), "0.25");
}

}  // namespace
}  // namespace quorum::scenario
