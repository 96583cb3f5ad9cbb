// window.quorum.command() and the Session behind it, without a page: every
// command out of range or malformed is answered {ok:false, error} naming why;
// nothing a script sends stops the dashboard; a file too big is refused unread
// and a run too long is refused up front; under Hold virtual time stands still
// and taking an event moves the clock to that event's time.
#include <gtest/gtest.h>
#include <imgui.h>

#include <nlohmann/json.hpp>
#include <random>
#include <string>

#include "dashboard.hpp"
#include "file_transfer.hpp"
#include "scenario_catalog.hpp"
#include "state_json.hpp"

namespace quorum::dashboard {
namespace {

using nlohmann::json;

// Projector mode restyles ImGui: a context to restyle, no window needed.
class ImGuiEnvironment : public ::testing::Environment {
  public:
    void SetUp() override { ImGui::CreateContext(); }
    void TearDown() override { ImGui::DestroyContext(); }
};
[[maybe_unused]] ::testing::Environment* const kImGui =
    ::testing::AddGlobalTestEnvironment(new ImGuiEnvironment);

json ask(Dashboard& dashboard, const json& command) {
    return json::parse(command_json(dashboard, command.dump()));
}

// Asserts the command is refused with an error that contains `reason`.
void expect_refused(Dashboard& dashboard, const json& command, const std::string& reason) {
    const json answer = ask(dashboard, command);
    EXPECT_EQ(answer["ok"], false) << command.dump();
    ASSERT_TRUE(answer.contains("error")) << command.dump();
    EXPECT_NE(answer["error"].get<std::string>().find(reason), std::string::npos)
        << command.dump() << " -> " << answer.dump();
}

TEST(CommandJson, networkRefusesLossOutsideZeroToOneAndMinimumAboveMaximum) {
    Dashboard dashboard;
    const json before = ask(dashboard, {{"cmd", "network"}, {"loss", 0.25}});
    EXPECT_EQ(before["ok"], true);
    expect_refused(dashboard, {{"cmd", "network"}, {"loss", -1}},
                   "\"loss\" must be a number from 0 to 1");
    expect_refused(dashboard, {{"cmd", "network"}, {"loss", 5}}, "from 0 to 1");
    expect_refused(dashboard, {{"cmd", "network"}, {"duplicate", "lots"}}, "\"duplicate\"");
    expect_refused(dashboard, {{"cmd", "network"}, {"latencyMinMs", 50}, {"latencyMaxMs", 10}},
                   "minimum (50 ms) is above its maximum (10 ms)");
    expect_refused(dashboard, {{"cmd", "network"}, {"latencyMaxMs", -3}}, "\"latencyMaxMs\"");
    expect_refused(dashboard, {{"cmd", "network"}, {"reorder", "yes"}}, "true or false");
    // Refused commands changed nothing.
    EXPECT_EQ(dashboard.session().cluster().config().network.loss_ppm, 250'000u);
}

TEST(CommandJson, clientRefusesAnUnknownOperation) {
    Dashboard dashboard;
    expect_refused(dashboard, {{"cmd", "client"}, {"op", "frobnicate"}, {"key", "x"}},
                   "unknown client operation \"frobnicate\"");
    EXPECT_EQ(dashboard.session().cluster().history().size(), 0u);
}

TEST(CommandJson, refusesUnknownCommandsWrongTypesAndOutOfRangeValues) {
    Dashboard dashboard;
    expect_refused(dashboard, {{"cmd", "frobnicate"}}, "unknown command");
    expect_refused(dashboard, {{"cmd", 7}}, "\"cmd\" must be");
    expect_refused(dashboard, {{"nocmd", 1}}, "expected an object with \"cmd\"");
    expect_refused(dashboard, {{"cmd", "speed"}, {"value", 500}},
                   "\"value\" must be a number from 0.01 to 100");
    expect_refused(dashboard, {{"cmd", "speed"}}, "\"value\" is missing");
    expect_refused(dashboard, {{"cmd", "kill"}, {"node", -1}},
                   "\"node\" must be a whole number from 1 to 9");
    expect_refused(dashboard, {{"cmd", "kill"}, {"node", 2.5}}, "whole number");
    expect_refused(dashboard, {{"cmd", "kill"}}, "\"node\" is missing");
    expect_refused(dashboard, {{"cmd", "deliver"}, {"id", "seven"}}, "\"id\"");
    expect_refused(dashboard, {{"cmd", "hold"}, {"on", 1}}, "true or false");
    expect_refused(dashboard, {{"cmd", "client"}, {"key", std::string(5000, 'k')}}, "at most 1024");
    EXPECT_EQ(ask(dashboard, {{"cmd", "speed"}, {"value", 2}})["ok"], true);
    EXPECT_EQ(dashboard.session().speed(), 2.0);
}

TEST(CommandJson, runLongerThanTheLimitIsRefusedUpFront) {
    Dashboard dashboard;
    const TimeUs before = dashboard.session().cluster().now();
    expect_refused(dashboard, {{"cmd", "run"}, {"ms", 40'000'000}},
                   "\"ms\" must be a whole number from 1 to 120000");
    EXPECT_EQ(dashboard.session().cluster().now(), before);
    EXPECT_FALSE(dashboard.session().run_for(Session::kMaxRunUs + 1));
    EXPECT_NE(dashboard.session().notice().find("120.000 s"), std::string::npos);
}

TEST(CommandJson, aScenarioWithARunTooLongIsRefusedWhenItLoads) {
    Dashboard dashboard;
    const std::string text = "cluster raft nodes=3\nrun 1s\nrun 40000s\n";
    expect_refused(
        dashboard, {{"cmd", "import"}, {"name", "long.qs"}, {"text", text}},
        "long.qs:3:1: a run of 40000s is longer than the dashboard runs in one line (120s");
    expect_refused(dashboard,
                   {{"cmd", "import"},
                    {"name", "long.qs"},
                    {"text", "cluster raft nodes=3\nrun until leader == 1 within 1000s\n"}},
                   "long.qs:2:1: a run of 1000s");
}

// A long run goes in slices, the log trimmed after each: the event log never
// holds more than its cap, even within one command.
TEST(CommandJson, aLongRunKeepsTheEventLogWithinItsCap) {
    Dashboard dashboard;
    ASSERT_EQ(ask(dashboard, {{"cmd", "reset"}, {"nodes", 9}, {"play", false}})["ok"], true);
    ASSERT_EQ(ask(dashboard, {{"cmd", "run"}, {"ms", 120'000}})["ok"], true);
    EXPECT_LE(dashboard.session().events().size(), Session::kMaxEvents);
    EXPECT_EQ(dashboard.session().cluster().now(), Session::kMaxRunUs);
}

TEST(CommandJson, aFileBiggerThanTheLimitIsRefusedNamingTheLimit) {
    Dashboard dashboard;
    expect_refused(dashboard, {{"cmd", "import"}, {"name", "huge.jsonl"}, {"size", 100u << 20}},
                   "huge.jsonl is 100.0 MB: the page reads files of up to 32.0 MB");
    std::string big(kMaxImportBytes + 1, ' ');
    expect_refused(dashboard, {{"cmd", "import"}, {"name", "big.qs"}, {"text", big}},
                   "the page reads files of up to 32.0 MB");
}

// The dashboard's own export, a full event log, imports back as a trace.
TEST(CommandJson, anExportedTraceOfAFullEventLogImportsBack) {
    Dashboard dashboard;
    ASSERT_EQ(ask(dashboard, {{"cmd", "reset"}, {"nodes", 9}, {"play", false}})["ok"], true);
    while (dashboard.session().events_dropped() == 0) {
        ASSERT_EQ(ask(dashboard, {{"cmd", "run"}, {"ms", 60'000}})["ok"], true);
    }
    std::string trace;
    for (const EventLine& event : dashboard.session().events()) {
        trace += event.raw + '\n';
    }
    EXPECT_GT(trace.size(), std::size_t{5} << 20);
    const json answer = ask(dashboard, {{"cmd", "import"}, {"name", "t.jsonl"}, {"text", trace}});
    EXPECT_EQ(answer["ok"], true) << answer.dump() << " " << dashboard.scenario().file_notice();
    EXPECT_NE(dashboard.scenario().file_notice().find("no rule broken"), std::string::npos)
        << dashboard.scenario().file_notice();
}

// --- Hold: virtual time stands still; taking an event moves the clock to it.

TEST(Hold, virtualTimeStandsStillWhilePlaying) {
    Dashboard dashboard;
    Session& session = dashboard.session();
    ASSERT_TRUE(session.run_for(2 * kMicrosecondsPerSecond));
    session.set_hold(true);
    session.set_playing(true);
    const TimeUs held_at = session.cluster().now();
    for (int frame = 0; frame < 100; ++frame) {
        session.advance(0.1);
    }
    EXPECT_EQ(session.cluster().now(), held_at);
    EXPECT_FALSE(session.run_for(kMicrosecondsPerSecond));
    EXPECT_EQ(session.cluster().now(), held_at);
    for (const sim::PendingEvent& event : session.cluster().pending_events()) {
        EXPECT_GE(event.due_us, session.cluster().now());
    }
}

TEST(Hold, takingTheEarliestEventMovesTheClockToItsDueTimeAndDueTimesStayAhead) {
    Dashboard dashboard;
    Session& session = dashboard.session();
    session.set_hold(true);
    // An election, node 1's timer taken ahead of the others: the clock stops
    // at the earliest timer still pending, not past it.
    const TimeUs earliest_us = session.cluster().next_event()->due_us;
    ASSERT_TRUE(session.fire_timer(1));
    EXPECT_LE(session.cluster().now(), earliest_us);
    for (int taken = 0; taken < 20; ++taken) {
        const auto next = session.cluster().next_event();
        ASSERT_TRUE(next.has_value());
        if (next->kind == sim::EventKind::Deliver) {
            ASSERT_TRUE(session.deliver(next->message_id));
        } else if (next->kind == sim::EventKind::NodeTimer) {
            ASSERT_TRUE(session.fire_timer(next->node));
        } else {
            ASSERT_TRUE(session.step());
        }
        EXPECT_EQ(session.cluster().now(), next->due_us);
        for (const sim::PendingEvent& event : session.cluster().pending_events()) {
            EXPECT_GE(event.due_us, session.cluster().now()) << "event " << taken;
        }
    }
}

// --- Nothing a script sends stops the dashboard: 1,000 seeded random and
// malformed commands, each answered.
// Slow motion (issue 20): at 0.1x an election is over in half a second of
// wall time; while one is in progress the run plays at 0.01x, and at 0.1x
// again once it is over.
// Virtual time one second of wall time moves the run by, from the first
// election's first messages, with slow motion on or off.
TimeUs election_progress_in_one_second(bool slow_motion) {
    Dashboard dashboard;
    Session& session = dashboard.session();
    EXPECT_TRUE(session.slow_motion().on);  // on by default
    EXPECT_EQ(session.slow_reason(), "");
    EXPECT_EQ(session.effective_speed(), 0.1);
    EXPECT_TRUE(session.set_slow_motion({slow_motion, 0.01, ""}));
    for (int taken = 0; taken < 50 && session.cluster().in_flight().empty(); ++taken) {
        EXPECT_TRUE(session.step());
    }
    session.set_playing(true);  // after the steps, which pause
    EXPECT_EQ(session.slow_reason(), slow_motion ? "election or ballot" : "");
    EXPECT_EQ(session.effective_speed(), slow_motion ? 0.01 : 0.1);
    const TimeUs before = session.cluster().now();
    for (int frame = 0; frame < 10; ++frame) {
        session.advance(0.1);
    }
    return session.cluster().now() - before;
}

TEST(SlowMotion, anElectionPlaysAtTheSlowSpeedAndAtTheChosenOneWhenOff) {
    EXPECT_LE(election_progress_in_one_second(true), 10 * kMicrosecondsPerMillisecond);
    EXPECT_GT(election_progress_in_one_second(false), 10 * kMicrosecondsPerMillisecond);
}

TEST(SlowMotion, aChosenTypeSlowsFastForwardIsNeverSlowedAndALeaderEndsTheElection) {
    Dashboard dashboard;
    Session& session = dashboard.session();
    ASSERT_TRUE(session.run_for(3 * kMicrosecondsPerSecond));
    ASSERT_TRUE(session.cluster().leader().has_value());
    for (int taken = 0; taken < 50 && session.cluster().in_flight().empty(); ++taken) {
        ASSERT_TRUE(session.step());
    }
    ASSERT_FALSE(session.cluster().in_flight().empty());
    EXPECT_EQ(session.slow_reason(), "");  // a leader's heartbeats: no election
    const std::string type(session.cluster().message_type(session.cluster().in_flight()[0]));
    EXPECT_EQ(ask(dashboard, {{"cmd", "slowMotion"}, {"type", type}})["ok"], true);
    EXPECT_EQ(session.slow_reason(), type + " in flight");
    EXPECT_EQ(session.effective_speed(), 0.01);
    EXPECT_EQ(ask(dashboard, {{"cmd", "speed"}, {"value", 1}})["ok"], true);
    EXPECT_EQ(session.effective_speed(), 1.0);
    EXPECT_EQ(ask(dashboard, {{"cmd", "speed"}, {"value", 0.1}})["ok"], true);
    EXPECT_EQ(ask(dashboard, {{"cmd", "slowMotion"}, {"on", false}})["ok"], true);
    EXPECT_EQ(session.effective_speed(), 0.1);
    expect_refused(dashboard, {{"cmd", "slowMotion"}, {"speed", 500}},
                   "\"speed\" must be a number from 0.01 to 100");
}

TEST(CommandJson, thousandSeededRandomCommandsAreEachAnswered) {
    Dashboard dashboard;
    std::mt19937 random(20);
    const std::vector<std::string> names = {
        "play",          "pause",   "step",   "back",    "deliver",    "drop",
        "duplicate",     "fire",    "kill",   "restart", "killLeader", "isolate",
        "isolateLeader", "split",   "heal",   "speed",   "run",        "hold",
        "group",         "network", "client", "select",  "projector",  "scenarioStep",
        "frobnicate",    "",        "import"};
    const std::vector<json> values = {json(nullptr),
                                      json(-1),
                                      json(0),
                                      json(1),
                                      json(3),
                                      json(2.5),
                                      json(1e300),
                                      json("x"),
                                      json(true),
                                      json::array({1, 2}),
                                      json::object({{"a", 1}}),
                                      json(40'000'000)};
    const std::vector<std::string> keys = {
        "node",         "id", "value", "ms",   "on",      "loss", "duplicate", "latencyMinMs",
        "latencyMaxMs", "op", "key",   "with", "message", "text", "name",      "size"};
    for (int i = 0; i < 1000; ++i) {
        json command = json::object();
        if (random() % 10 != 0) {
            command["cmd"] = names[random() % names.size()];
        }
        for (unsigned k = random() % 4; k > 0; --k) {
            command[keys[random() % keys.size()]] = values[random() % values.size()];
        }
        const std::string text = random() % 20 == 0 ? command.dump().substr(0, 5) : command.dump();
        const json answer = json::parse(command_json(dashboard, text));
        ASSERT_TRUE(answer.contains("ok")) << text;
        if (answer["ok"] == false) {
            EXPECT_TRUE(answer["error"].is_string()) << text;
        }
        dashboard.session().advance(0.016);
    }
    EXPECT_EQ(ask(dashboard, {{"cmd", "step"}}).contains("ok"), true);
}

// --- Clients: `via` picks the node a client sends to first.
TEST(CommandJson, clientViaSendsToThatNodeAndRefusesACrashedOne) {
    Dashboard dashboard;
    ASSERT_EQ(ask(dashboard, {{"cmd", "run"}, {"ms", 3000}})["ok"], true);
    ASSERT_EQ(
        ask(dashboard,
            {{"cmd", "client"}, {"op", "put"}, {"key", "x"}, {"value", "1"}, {"via", 2}})["ok"],
        true);
    const sim::InFlightSet& in_flight = dashboard.session().cluster().in_flight();
    ASSERT_GT(in_flight.size(), 0u);
    bool sent_to_2 = false;
    for (std::size_t i = 0; i < in_flight.size(); ++i) {
        sent_to_2 |= is_client_address(in_flight[i].from) && in_flight[i].to == 2;
    }
    EXPECT_TRUE(sent_to_2);
    ASSERT_EQ(ask(dashboard, {{"cmd", "kill"}, {"node", 3}})["ok"], true);
    expect_refused(dashboard, {{"cmd", "client"}, {"op", "put"}, {"via", 3}}, "node 3 is not up");
    expect_refused(dashboard, {{"cmd", "client"}, {"op", "put"}, {"via", 12}}, "\"via\" must be");
}

// --- The scenario list: each bundled lesson says what it is about.
TEST(ScenarioCatalog, everyBundledScenarioHasItsFirstCommentLineAsDescription) {
    EXPECT_EQ(scenario_description("# Figure 8 of the paper: x\n# more\ncluster raft\n"),
              "Figure 8 of the paper: x");
    EXPECT_EQ(scenario_description("cluster raft nodes=3\n"), "");
    for (const BundledScenario& bundled : bundled_scenarios()) {
        EXPECT_GT(scenario_description(bundled.text).size(), 10u) << bundled.name;
    }
}

}  // namespace
}  // namespace quorum::dashboard
