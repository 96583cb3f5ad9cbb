// The space-time diagram's data and drawing, without a page: the store reads
// every send, delivery and drop of the session's event log, starts over when
// the log is rewritten (a step back), and the diagram drawn over a whole long
// run is bounded by the pixels, not by the events; its SVG is well-formed.
// The hover and client selection commands reach the state.
#include <gtest/gtest.h>

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>

#include "dashboard.hpp"
#include "spacetime_panel.hpp"
#include "state_json.hpp"

namespace quorum::dashboard {
namespace {

using nlohmann::json;

json ask(Dashboard& dashboard, const json& command) {
    return json::parse(command_json(dashboard, command.dump()));
}

std::size_t count(const std::string& text, const std::string& part) {
    std::size_t found = 0;
    for (std::size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) {
        ++found;
    }
    return found;
}

// A paused Raft cluster of `nodes`, run for `ms` of virtual time.
void run(Dashboard& dashboard, int nodes, int ms) {
    ASSERT_EQ(ask(dashboard, {{"cmd", "reset"},
                              {"algorithm", "raft"},
                              {"nodes", nodes},
                              {"seed", 7},
                              {"play", false}})["ok"],
              true);
    ASSERT_EQ(ask(dashboard, {{"cmd", "run"}, {"ms", ms}})["ok"], true);
}

std::size_t trace_count(const Session& session, const std::string& kind) {
    std::size_t found = 0;
    for (const EventLine& event : session.events()) {
        found += event.raw.find("\"ev\":\"" + kind + "\"") != std::string::npos ? 1U : 0U;
    }
    return found;
}

void update_fully(SpaceTimeStore& store, const Session& session) {
    for (int round = 0; round < 100 && (round == 0 || !store.caught_up()); ++round) {
        store.update(session);
    }
}

TEST(SpaceTimeStore, readsEverySendDeliveryAndDropOfTheLog) {
    Dashboard dashboard;
    run(dashboard, 3, 2000);
    ASSERT_EQ(ask(dashboard, {{"cmd", "network"}, {"loss", 0.3}})["ok"], true);
    ASSERT_EQ(ask(dashboard, {{"cmd", "run"}, {"ms", 1000}})["ok"], true);
    SpaceTimeStore store;
    update_fully(store, dashboard.session());
    std::size_t delivered = 0;
    std::size_t dropped = 0;
    for (const DiagramMessage& message : store.messages()) {
        delivered += message.end == DiagramMessage::End::Delivered ? 1U : 0U;
        dropped += message.end == DiagramMessage::End::Dropped ? 1U : 0U;
        EXPECT_GE(message.due_us, message.send_us);
    }
    EXPECT_EQ(store.messages().size(), trace_count(dashboard.session(), "send"));
    EXPECT_EQ(delivered, trace_count(dashboard.session(), "deliver"));
    EXPECT_EQ(dropped, trace_count(dashboard.session(), "drop"));
    EXPECT_GT(dropped, 0U);
    EXPECT_EQ(store.node_count(), 3U);
}

TEST(SpaceTimeStore, aStepBackStartsItOver) {
    Dashboard dashboard;
    run(dashboard, 3, 1000);
    SpaceTimeStore store;
    update_fully(store, dashboard.session());
    const std::size_t before = store.messages().size();
    ASSERT_EQ(ask(dashboard, {{"cmd", "kill"}, {"node", 1}})["ok"], true);
    ASSERT_EQ(ask(dashboard, {{"cmd", "run"}, {"ms", 500}})["ok"], true);
    update_fully(store, dashboard.session());
    EXPECT_EQ(store.downs().size(), 1U);
    ASSERT_EQ(ask(dashboard, {{"cmd", "back"}})["ok"], true);
    update_fully(store, dashboard.session());
    EXPECT_EQ(store.messages().size(), trace_count(dashboard.session(), "send"));
    EXPECT_LE(store.messages().size(), before + 1000);
}

TEST(SpaceTimePanel, wholeLongRunDrawsWhatThePixelsHoldAsWellFormedSvg) {
    Dashboard dashboard;
    run(dashboard, 5, 120'000);
    SpaceTimePanel panel;
    panel.show_whole_run(dashboard.session());
    for (int round = 0; round < 100 && !panel.store().caught_up(); ++round) {
        panel.show_whole_run(dashboard.session());
    }
    const std::size_t messages = panel.store().messages().size();
    ASSERT_GT(messages, 15'000U);
    const std::string svg = panel.svg(dashboard.session());
    EXPECT_EQ(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\"", 0), 0U);
    EXPECT_NE(svg.find("</svg>\n"), std::string::npos);
    EXPECT_EQ(count(svg, "<line"),
              count(svg, "/>\n") - count(svg, "<rect") - count(svg, "<circle"));
    EXPECT_NE(svg.find(">S5</text>"), std::string::npos);
    EXPECT_NE(svg.find(">clients</text>"), std::string::npos);
    // 800 pixels wide, 6 lanes: at most one arrow per column and lane pair,
    // and most pairs are never used; far fewer than the run's messages.
    EXPECT_LT(count(svg, "<line"), messages / 2);
}

TEST(SpaceTimeCommands, hoverAndClientSelectionReachTheState) {
    Dashboard dashboard;
    run(dashboard, 3, 500);
    EXPECT_EQ(ask(dashboard, {{"cmd", "hover"}, {"message", 3}})["ok"], true);
    EXPECT_EQ(json::parse(state_json(dashboard))["hoveredMessage"], 3);
    EXPECT_EQ(ask(dashboard, {{"cmd", "hover"}})["ok"], true);
    EXPECT_TRUE(json::parse(state_json(dashboard))["hoveredMessage"].is_null());
    EXPECT_EQ(ask(dashboard, {{"cmd", "select"}, {"client", 2}})["ok"], true);
    EXPECT_EQ(json::parse(state_json(dashboard))["selection"], (json{{"client", 2}}));
    EXPECT_EQ(ask(dashboard, {{"cmd", "select"}, {"client", 0}})["ok"], false);
}

}  // namespace
}  // namespace quorum::dashboard
