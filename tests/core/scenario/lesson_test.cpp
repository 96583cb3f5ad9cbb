// Lesson lines (`say`, `ask`, `pause`, `highlight`): how they parse, where
// their mistakes point, and how a run treats them (docs/scenarios.md,
// "Lessons"): no-ops but for `ask ... until`, whose scripted continuation
// must make its condition true.
#include <gtest/gtest.h>

#include <string>
#include <variant>

#include "quorum/scenario/parser.hpp"
#include "quorum/scenario/runner.hpp"
#include "scenario_test_helpers.hpp"

namespace quorum::scenario {
namespace {

constexpr const char* kRaft = "cluster raft nodes=3 seed=1";

LessonLine lesson_line(std::string_view line, std::string_view prelude = kRaft) {
    const Statement statement = testing::last_statement(prelude, line);
    const auto* lesson = std::get_if<LessonLine>(&statement.command);
    EXPECT_NE(lesson, nullptr) << line;
    return lesson != nullptr ? *lesson : LessonLine{};
}

RunReport run_text(const std::string& text, RunOptions options = {}) {
    const ParseResult parsed = parse_scenario(text);
    EXPECT_TRUE(parsed.ok()) << format_error("test.qs", parsed.error());
    return parsed.ok() ? run_scenario(parsed.scenario(), options) : RunReport{};
}

TEST(LessonParser, sayKeepsTheTextWithSpacesHashesAndEscapes) {
    const LessonLine line = lesson_line(R"(say "S1 is *leader* of term #2: \"yes\"" # a comment)");
    EXPECT_EQ(std::get<Say>(line.line).text, R"(S1 is *leader* of term #2: "yes")");
    EXPECT_TRUE(line.stops());
}

TEST(LessonParser, askWithChoicesAnswerAndBecause) {
    const LessonLine line =
        lesson_line(R"(ask "How many votes?" choices="2|3|5" answer=2 because "A majority.")");
    const Ask& ask = std::get<Ask>(line.line);
    EXPECT_EQ(ask.question, "How many votes?");
    EXPECT_EQ(ask.choices, (std::vector<std::string>{"2", "3", "5"}));
    EXPECT_EQ(ask.answer, 2);
    EXPECT_EQ(ask.because, "A majority.");
    EXPECT_FALSE(ask.until.has_value());
}

TEST(LessonParser, askUntilKeepsTheConditionAndTheDuration) {
    const LessonLine line = lesson_line(
        R"(ask "Make node 3 leader without killing anyone" until leader == 3 within 10s)");
    const Ask& ask = std::get<Ask>(line.line);
    ASSERT_TRUE(ask.until.has_value());
    EXPECT_EQ(to_string(*ask.until), "leader == 3");
    EXPECT_EQ(ask.within_us, 10 * kMicrosecondsPerSecond);
    EXPECT_TRUE(ask.choices.empty());
}

TEST(LessonParser, pauseAndHighlightOfEachKind) {
    EXPECT_TRUE(std::holds_alternative<Pause>(lesson_line("pause").line));
    const Highlight node = std::get<Highlight>(lesson_line("highlight 2").line);
    EXPECT_EQ(node.kind, HighlightKind::Node);
    EXPECT_EQ(node.node.id, 2u);
    EXPECT_EQ(std::get<Highlight>(lesson_line("highlight leader").line).kind,
              HighlightKind::Leader);
    const Highlight type = std::get<Highlight>(lesson_line("highlight RequestVote").line);
    EXPECT_EQ(type.kind, HighlightKind::MessageType);
    EXPECT_EQ(type.name, "RequestVote");
    const Highlight panel = std::get<Highlight>(lesson_line("highlight logs").line);
    EXPECT_EQ(panel.kind, HighlightKind::Panel);
    EXPECT_FALSE(lesson_line("highlight logs").stops());
    const Highlight paxos_type =
        std::get<Highlight>(lesson_line("highlight Promise", "cluster paxos nodes=3").line);
    EXPECT_EQ(paxos_type.kind, HighlightKind::MessageType);
}

TEST(LessonParser, lessonWordsMayComeBeforeTheSetUpLines) {
    const Scenario scenario = testing::parse_valid(
        "cluster raft nodes=3\nsay \"Figure 7\"\nhighlight logs\nlog 1 1 1\nstate 1 term=1\n");
    EXPECT_EQ(scenario.statements.size(), 4u);
}

struct LessonError {
    std::string line;
    int column;
    std::string contains;
};

class LessonErrors : public ::testing::TestWithParam<LessonError> {};

TEST_P(LessonErrors, pointAtTheWordAndSayWhatIsWrong) {
    const LessonError& row = GetParam();
    const ParseError error = testing::parse_invalid(std::string(kRaft) + "\n" + row.line + "\n");
    EXPECT_EQ(format_error("l.qs", error).substr(0, 5), "l.qs:");
    EXPECT_EQ(error.line, 2) << error.message;
    EXPECT_EQ(error.column, row.column) << error.message;
    EXPECT_NE(error.message.find(row.contains), std::string::npos) << error.message;
}

INSTANTIATE_TEST_SUITE_P(
    Lessons, LessonErrors,
    ::testing::Values(LessonError{R"(say "never closed)", 5, "unterminated string"},
                      LessonError{R"(ask "q" choices="a|b answer=1)", 17, "unterminated string"},
                      LessonError{R"(ask "q")", 8, "the choices are missing"},
                      LessonError{R"(ask "q" answer=1)", 17, "the choices are missing"},
                      LessonError{R"(ask "q" choices="a|b")", 22, "the answer is missing"},
                      LessonError{R"(ask "q" choices="a|b|c" answer=4)", 32, "out of range"},
                      LessonError{R"(ask "q" choices="a|b" answer=0)", 30, "out of range"},
                      LessonError{R"(ask "q" choices="a||b" answer=1)", 17, "choice 2 is empty"},
                      LessonError{R"(ask "q" choices="a" answer=1)", 17, "2 to 9 choices"},
                      LessonError{R"(ask "q" until leader == 3)", 26, "'within'"},
                      LessonError{R"(ask "q" until leader == 7 within 1s)", 25,
                                  "node 7 does not exist"},
                      LessonError{"say hello", 5, "between double quotes"},
                      LessonError{R"(say "")", 5, "empty string"},
                      LessonError{R"(say "a" "b")", 9, "unexpected"},
                      LessonError{"pause now", 7, "unexpected"},
                      LessonError{"highlight RequestVotes", 11, "did you mean 'RequestVote'"},
                      LessonError{"highlight Prepare", 11, "raft message type"},
                      LessonError{"highlight 4", 11, "node 4 does not exist"}));

TEST(LessonRunner, lessonLinesChangeNothingInTheRun) {
    const std::string plain = std::string(kRaft) +
                              "\nrun until leader within 2s\nclient put x 1\n"
                              "run until value x == 1 on all within 2s\nexpect safe\n";
    const std::string lesson =
        std::string(kRaft) +
        "\nsay \"Watch\"\nhighlight cluster\nrun until leader within 2s\npause\n"
        "ask \"Who?\" choices=\"a|b\" answer=1 because \"b\"\nclient put x 1\n"
        "highlight AppendEntries\nrun until value x == 1 on all within 2s\nexpect safe\n";
    const RunReport a = run_text(plain, {.seed = 5, .trace = true});
    const RunReport b = run_text(lesson, {.seed = 5, .trace = true});
    ASSERT_TRUE(a.passed()) << describe_failure("a.qs", a);
    ASSERT_TRUE(b.passed()) << describe_failure("b.qs", b);
    EXPECT_EQ(a.trace, b.trace);
    EXPECT_EQ(a.time_us, b.time_us);
}

TEST(LessonRunner, askUntilIsMetByItsScriptedContinuation) {
    const RunReport report = run_text(std::string(kRaft) +
                                      "\nrun until leader within 2s\n"
                                      "ask \"Write x\" until value x == 1 on all within 2s\n"
                                      "client put x 1\n"
                                      "say \"done\"\nexpect value x == 1 on all\n");
    EXPECT_TRUE(report.passed()) << describe_failure("t.qs", report);
}

TEST(LessonRunner, askUntilThatItsContinuationDoesNotMeetFailsAtTheAsk) {
    const RunReport report = run_text(std::string(kRaft) +
                                      "\nrun until leader within 2s\n"
                                      "ask \"Write x\" until value x == 1 on all within 1s\n"
                                      "client put x 2\n"
                                      "say \"done\"\nrun 1s\n");
    EXPECT_FALSE(report.passed());
    EXPECT_EQ(report.pos.line, 3);
    EXPECT_NE(report.message.find("scripted continuation did not make it true within 1s"),
              std::string::npos)
        << report.message;
}

TEST(LessonRunner, askUntilAtTheEndOfTheFileIsCheckedAtTheEnd) {
    const RunReport report = run_text(std::string(kRaft) +
                                      "\nrun until leader within 2s\n"
                                      "ask \"Crash nobody\" until no leader within 500ms\n");
    EXPECT_FALSE(report.passed());
    EXPECT_EQ(report.pos.line, 3);
}

// Skips `client put x 1`, then runs `say`, which settles the ask: nobody
// wrote x, so it fails at the ask's line.
void skipped_client(ScenarioRun& run, sim::Cluster& cluster) {
    run.skip(cluster);
    run.step(cluster);
    ASSERT_FALSE(run.passed());
    EXPECT_EQ(run.failure()->pos.line, 3);
}

TEST(LessonRunner, rewindIntoAContinuationOpensTheAskAgain) {
    const ParseResult parsed =
        parse_scenario(std::string(kRaft) +
                       "\nrun until leader within 2s\n"
                       "ask \"Write x\" until value x == 1 on all within 2s\n"
                       "client put x 1\n"
                       "say \"done\"\n");
    ASSERT_TRUE(parsed.ok());
    ScenarioRun run(parsed.scenario());
    sim::Cluster cluster = run.initial_cluster();
    run.step(cluster);
    run.step(cluster);
    const sim::Cluster before_client = cluster;
    while (!run.finished()) {
        run.step(cluster);
    }
    EXPECT_TRUE(run.passed());
    // Back to before `client put x 1`, as the dashboard's step back does, and
    // on without it: the ask is open again and nothing makes it true.
    cluster = before_client;
    run.rewind(2);
    EXPECT_EQ(run.next_statement(), 2u);
    skipped_client(run, cluster);
}

}  // namespace
}  // namespace quorum::scenario
