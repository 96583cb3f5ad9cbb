// Lesson mode through window.quorum.command(), without a page: every bundled
// lesson taken from start to finish (any choice, "Show me" for every try-it
// moment) passes as quorum-sim's run does; Back through three stops and Next
// again gives the same state; a question waits for its answer; bad answers
// and unknown lessons are refused with a reason.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "dashboard.hpp"
#include "lesson_panel.hpp"
#include "state_json.hpp"

namespace quorum::dashboard {
namespace {

using nlohmann::json;

json ask(Dashboard& dashboard, const json& command) {
    return json::parse(command_json(dashboard, command.dump()));
}

json lesson_state(Dashboard& dashboard) {
    return json::parse(state_json(dashboard))["lesson"];
}

TEST(LessonMode, everyBundledLessonRunsToTheEndAndPasses) {
    ASSERT_GE(bundled_lessons().size(), 10u);
    for (const BundledScenario& lesson : bundled_lessons()) {
        Dashboard dashboard;
        ASSERT_EQ(ask(dashboard, {{"cmd", "lessonStart"}, {"name", lesson.name}})["ok"], true)
            << lesson.name;
        for (int guard = 0; guard < 200 && !lesson_state(dashboard)["finished"]; ++guard) {
            const json state = lesson_state(dashboard);
            if (state["waiting"] == true && state["tryIt"] == false) {
                ASSERT_EQ(ask(dashboard, {{"cmd", "lessonAnswer"}, {"choice", 1}})["ok"], true);
            }
            ask(dashboard, {{"cmd", "lessonNext"}});
        }
        const json state = lesson_state(dashboard);
        EXPECT_TRUE(state["finished"]) << lesson.name;
        EXPECT_TRUE(state["passed"]) << lesson.name << ": " << state.dump();
        EXPECT_EQ(state["line"], state["lines"]) << lesson.name;
    }
}

TEST(LessonMode, backThreeStopsAndNextAgainGivesTheSameState) {
    Dashboard dashboard;
    ASSERT_EQ(ask(dashboard, {{"cmd", "lessonStart"}, {"name", "raft-log-replication.qs"}})["ok"],
              true);
    for (int i = 0; i < 3; ++i) {
        ask(dashboard, {{"cmd", "lessonNext"}});
    }
    EXPECT_EQ(lesson_state(dashboard)["waiting"], true);
    EXPECT_EQ(ask(dashboard, {{"cmd", "lessonNext"}})["error"], "answer the question first");
    EXPECT_EQ(ask(dashboard, {{"cmd", "lessonAnswer"}, {"choice", 4}})["error"],
              "choice 4 is not one of 1..3");
    ASSERT_EQ(ask(dashboard, {{"cmd", "lessonAnswer"}, {"choice", 2}})["ok"], true);
    ask(dashboard, {{"cmd", "lessonNext"}});
    const json ahead = json::parse(state_json(dashboard));
    EXPECT_EQ(ahead["lesson"]["line"], 5);
    int line = 5;
    for (int i = 0; i < 3; ++i) {
        ASSERT_EQ(ask(dashboard, {{"cmd", "lessonBack"}})["ok"], true);
        EXPECT_EQ(lesson_state(dashboard)["line"], --line);
    }
    EXPECT_LT(json::parse(state_json(dashboard))["t"], ahead["t"]);
    for (int i = 0; i < 3; ++i) {
        ASSERT_EQ(ask(dashboard, {{"cmd", "lessonNext"}})["ok"], true);
    }
    const json again = json::parse(state_json(dashboard));
    EXPECT_EQ(again["t"], ahead["t"]);
    EXPECT_EQ(again["eventsProcessed"], ahead["eventsProcessed"]);
    EXPECT_EQ(again["nodes"], ahead["nodes"]);
    EXPECT_EQ(again["history"], ahead["history"]);
    EXPECT_EQ(again["lesson"], ahead["lesson"]);
}

TEST(LessonMode, unknownLessonAndCommandsWithoutALessonAreRefused) {
    Dashboard dashboard;
    EXPECT_EQ(ask(dashboard, {{"cmd", "lessonStart"}, {"name", "nope.qs"}})["error"],
              "no lesson named \"nope.qs\"");
    EXPECT_EQ(ask(dashboard, {{"cmd", "lessonNext"}})["error"], "no lesson is playing");
    EXPECT_EQ(ask(dashboard, {{"cmd", "lessonAnswer"}, {"choice", 1}})["ok"], false);
    EXPECT_EQ(ask(dashboard, {{"cmd", "lessons"}})["ok"], true);
    EXPECT_EQ(lesson_state(dashboard)["picker"], true);
}

}  // namespace
}  // namespace quorum::dashboard
