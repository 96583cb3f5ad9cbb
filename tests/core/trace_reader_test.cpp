// Reading traces back (docs/scenarios.md, "Trace"): a real run's trace reads
// whole and typed; every malformed line is the error, with its line and column.
#include "quorum/trace_reader.hpp"

#include <gtest/gtest.h>

#include <string>

#include "quorum/protocols.hpp"
#include "quorum/scenario/parser.hpp"
#include "quorum/scenario/runner.hpp"
#include "quorum/sim/fuzz.hpp"

namespace quorum::trace {
namespace {

std::string join(const std::vector<std::string>& lines) {
    std::string text;
    for (const std::string& line : lines) {
        text += line + "\n";
    }
    return text;
}

json::LineError read_bad(std::string_view text) {
    const TraceReadResult result = read_trace(text);
    if (result.ok()) {
        ADD_FAILURE() << "expected an error, but this read:\n" << text;
        return {};
    }
    return result.error();
}

constexpr std::string_view kHeader =
    "{\"t\":0,\"ev\":\"cluster\",\"algo\":\"raft\",\"nodes\":3,\"seed\":1}\n";

TEST(TraceReader, readsARealRunWhole) {
    const auto parsed = scenario::parse_scenario(
        "cluster raft nodes=5 seed=3\n"
        "run until leader within 2s\n"
        "client put x 1\n"
        "run until value x == 1 on all within 2s\n"
        "crash leader\n"
        "partition 1 2 | 3 4 5\n"
        "net loss=0.1 dup=0.1\n"
        "run 1s\n"
        "heal\n"
        "restart all\n"
        "run 1s\n");
    ASSERT_TRUE(parsed.ok());
    const auto report = scenario::run_scenario(parsed.scenario(), {std::nullopt, true});
    ASSERT_TRUE(report.passed()) << report.message;
    const TraceReadResult result = read_trace(join(report.trace));
    ASSERT_TRUE(result.ok()) << json::format_error("run.jsonl", result.error());
    const Trace& trace = result.trace();
    ASSERT_EQ(trace.events.size(), report.trace.size());
    ASSERT_TRUE(trace.cluster.has_value());
    EXPECT_EQ(trace.cluster->nodes, 5u);
    EXPECT_EQ(trace.cluster->seed, 3u);
    std::size_t roles = 0, applies = 0, sends = 0, crashes = 0;
    for (const Event& event : trace.events) {
        roles += std::holds_alternative<RoleChange>(event.data);
        applies += std::holds_alternative<Apply>(event.data);
        sends += std::holds_alternative<Send>(event.data);
        crashes += std::holds_alternative<Crash>(event.data);
    }
    EXPECT_GT(roles, 0u);
    EXPECT_GT(applies, 0u);
    EXPECT_GT(sends, 0u);
    EXPECT_EQ(crashes, 1u);
    EXPECT_EQ(trace.events.back().line, static_cast<int>(trace.events.size()));
}

TEST(TraceReader, readsARealMultiPaxosRunWhole) {
    const auto parsed = scenario::parse_scenario(
        "cluster multipaxos nodes=5 replicas=1,2,3 leaders=1,2 acceptors=3,4,5 seed=3\n"
        "run until leader within 2s\n"
        "client put x 1\n"
        "run until value x == 1 on all within 2s\n"
        "crash leader\n"
        "net loss=0.1 dup=0.1\n"
        "client put x 2\n"
        "run 2s\n");
    ASSERT_TRUE(parsed.ok());
    const auto report = scenario::run_scenario(parsed.scenario(), {std::nullopt, true});
    ASSERT_TRUE(report.passed()) << report.message;
    const TraceReadResult result = read_trace(join(report.trace));
    ASSERT_TRUE(result.ok()) << json::format_error("run.jsonl", result.error());
    std::size_t leader_lines = 0, slot_applies = 0;
    for (const Event& event : result.trace().events) {
        if (const auto* role = std::get_if<RoleChange>(&event.data)) {
            leader_lines += role->role == "leader" && !role->ballot.empty();
        }
        if (const auto* apply = std::get_if<Apply>(&event.data)) {
            slot_applies += apply->slot;
        }
    }
    EXPECT_GE(leader_lines, 2u);  // the first leader, then the one after the crash
    EXPECT_GE(slot_applies, 3u);
}

// The fuzzer's failure traces carry lines of their own (fuzz, phases,
// failure) among the cluster's: they read too.
TEST(TraceReader, readsAFuzzRunWithItsOwnLines) {
    sim::FuzzOptions options;
    options.protocol = protocol_config<raft::Protocol>();
    options.nodes = 3;
    options.steps = 300;
    options.trace = true;
    const auto result = sim::fuzz(7, options);
    const TraceReadResult read = read_trace(join(result.trace));
    ASSERT_TRUE(read.ok()) << json::format_error("fuzz.jsonl", read.error());
    EXPECT_EQ(read.trace().events.size(), result.trace.size());
}

TEST(TraceReader, readsMultiPaxosRoleLinesWithBallots) {
    const TraceReadResult result = read_trace(
        "{\"t\":0,\"ev\":\"cluster\",\"algo\":\"multipaxos\",\"nodes\":3,\"seed\":1}\n"
        "{\"t\":5,\"ev\":\"role\",\"node\":2,\"role\":\"passive\",\"ballot\":\"1.2\"}\n"
        "{\"t\":6,\"ev\":\"role\",\"node\":2,\"role\":\"leader\",\"ballot\":\"1.2\"}\n");
    ASSERT_TRUE(result.ok()) << json::format_error("t.jsonl", result.error());
    const auto& role = std::get<RoleChange>(result.trace().events[2].data);
    EXPECT_EQ(role.role, "leader");
    EXPECT_EQ(role.ballot, "1.2");
    EXPECT_EQ(role.term, 0u);
    const auto both = read_trace(
        "{\"t\":0,\"ev\":\"role\",\"node\":2,\"role\":\"leader\",\"term\":1,\"ballot\":\"1.2\"}\n");
    ASSERT_FALSE(both.ok());
    EXPECT_NE(both.error().message.find("not both"), std::string::npos);
}

TEST(TraceReader, typesTheEventsTheCheckersRead) {
    const TraceReadResult result = read_trace(
        std::string(kHeader) +
        "{\"t\":5,\"ev\":\"role\",\"node\":2,\"role\":\"leader\",\"term\":3}\n"
        "{\"t\":6,\"ev\":\"apply\",\"node\":2,\"index\":1,\"term\":3,\"cmd\":\"put x 1\"}\n"
        "{\"t\":7,\"ev\":\"apply\",\"node\":1,\"slot\":4,\"cmd\":\"noop\"}\n"
        "{\"t\":7,\"ev\":\"chosen\",\"instance\":0,\"value\":\"v1\"}\n"
        "{\"t\":8,\"ev\":\"send\",\"id\":7,\"from\":1001,\"to\":2,\"type\":\"ClientRequest\","
        "\"due\":9,\"msg\":{}}\n"
        "{\"t\":9,\"ev\":\"fuzz\",\"anything\":[1,2]}\n");
    ASSERT_TRUE(result.ok()) << json::format_error("t.jsonl", result.error());
    const auto& events = result.trace().events;
    ASSERT_EQ(events.size(), 7u);
    const auto& role = std::get<RoleChange>(events[1].data);
    EXPECT_EQ(role.node, 2u);
    EXPECT_EQ(role.role, "leader");
    EXPECT_EQ(role.term, 3u);
    const auto& apply = std::get<Apply>(events[2].data);
    EXPECT_FALSE(apply.slot);
    EXPECT_EQ(apply.position, 1u);
    EXPECT_EQ(apply.term, 3u);
    EXPECT_EQ(apply.cmd, "put x 1");
    const auto& slot = std::get<Apply>(events[3].data);
    EXPECT_TRUE(slot.slot);
    EXPECT_EQ(slot.position, 4u);
    EXPECT_FALSE(slot.term.has_value());
    EXPECT_EQ(std::get<Chosen>(events[4].data).value, "v1");
    EXPECT_EQ(std::get<Send>(events[5].data).from, 1001u);
    EXPECT_EQ(std::get<Send>(events[5].data).due_us, 9);
    EXPECT_TRUE(std::holds_alternative<Other>(events[6].data));
    EXPECT_EQ(events[6].ev, "fuzz");
    EXPECT_EQ(events[6].line, 7);
}

TEST(TraceReader, aLineThatIsNotJsonNamesItsLineAndColumn) {
    const auto error = read_bad(std::string(kHeader) + "{\"t\":5,\"ev\":\"timer\",\"node\":1}\n" +
                                "{\"t\":6,\"ev\":timer}\n");
    EXPECT_EQ(error.line, 3);
    EXPECT_EQ(error.column, 13);
    EXPECT_NE(error.message.find("not JSON"), std::string::npos) << error.message;
}

TEST(TraceReader, aTruncatedLinePointsJustPastItsEnd) {
    const std::string cut = "{\"t\":6,\"ev\":\"ti";
    const auto error = read_bad(std::string(kHeader) + cut);
    EXPECT_EQ(error.line, 2);
    EXPECT_EQ(error.column, static_cast<int>(cut.size()) + 1);
    EXPECT_NE(error.message.find("end of line"), std::string::npos) << error.message;
}

TEST(TraceReader, everyLineNeedsAWholeTimeThatNeverGoesBack) {
    auto error = read_bad(std::string(kHeader) + "{\"ev\":\"heal\"}\n");
    EXPECT_EQ(error, (json::LineError{2, 1, "missing field 't'"}));
    error = read_bad(std::string(kHeader) + "{\"t\":\"5\",\"ev\":\"heal\"}\n");
    EXPECT_EQ(error.column, 6);
    EXPECT_NE(error.message.find("whole number"), std::string::npos) << error.message;
    error = read_bad(std::string(kHeader) + "{\"t\":1.5,\"ev\":\"heal\"}\n");
    EXPECT_EQ(error.column, 6);
    error = read_bad(std::string(kHeader) + "{\"t\":-1,\"ev\":\"heal\"}\n");
    EXPECT_EQ(error.column, 6);
    error = read_bad(std::string(kHeader) + "{\"t\":500,\"ev\":\"heal\"}\n" +
                     "{\"t\":400,\"ev\":\"heal\"}\n");
    EXPECT_EQ(error.line, 3);
    EXPECT_EQ(error.column, 6);
    EXPECT_EQ(error.message, "time goes back: t=400 is before t=500 on line 2");
}

TEST(TraceReader, everyLineNeedsAnEventName) {
    auto error = read_bad(std::string(kHeader) + "{\"t\":5}\n");
    EXPECT_EQ(error, (json::LineError{2, 1, "missing field 'ev'"}));
    error = read_bad(std::string(kHeader) + "{\"t\":5,\"ev\":3}\n");
    EXPECT_EQ(error.column, 13);
    error = read_bad(std::string(kHeader) + "{\"t\":5,\"ev\":\"\"}\n");
    EXPECT_EQ(error.column, 13);
}

TEST(TraceReader, knownEventsHaveTheirFieldsWithTheirTypes) {
    auto error =
        read_bad(std::string(kHeader) + "{\"t\":5,\"ev\":\"role\",\"node\":2,\"term\":1}\n");
    EXPECT_EQ(error, (json::LineError{2, 1, "missing field 'role' in a 'role' line"}));
    error = read_bad(std::string(kHeader) +
                     "{\"t\":5,\"ev\":\"role\",\"node\":2,\"role\":\"leader\",\"term\":\"1\"}\n");
    EXPECT_EQ(error.column, 52);
    EXPECT_EQ(error.message, "field 'term' must be a whole number >= 0, got \"1\"");
    error = read_bad(std::string(kHeader) +
                     "{\"t\":5,\"ev\":\"role\",\"node\":2,\"role\":\"Leader\",\"term\":1}\n");
    EXPECT_NE(error.message.find("follower, pre-candidate, candidate, leader or passive"),
              std::string::npos);
    error = read_bad(std::string(kHeader) +
                     "{\"t\":5,\"ev\":\"role\",\"node\":2,\"role\":\"leader\"}\n");
    EXPECT_EQ(error, (json::LineError{2, 1, "missing field 'term' in a 'role' line"}));
    error = read_bad(std::string(kHeader) +
                     "{\"t\":5,\"ev\":\"role\",\"node\":2,\"role\":\"leader\",\"ballot\":\"3\"}\n");
    EXPECT_NE(error.message.find("<round>.<leader>"), std::string::npos) << error.message;
    error =
        read_bad(std::string(kHeader) + "{\"t\":5,\"ev\":\"apply\",\"node\":2,\"cmd\":\"x\"}\n");
    EXPECT_NE(error.message.find("either 'index'"), std::string::npos) << error.message;
    error = read_bad(std::string(kHeader) +
                     "{\"t\":5,\"ev\":\"apply\",\"node\":2,\"index\":0,\"cmd\":\"x\"}\n");
    EXPECT_EQ(error.message, "log indexes start at 1, got 0");
    error = read_bad(std::string(kHeader) +
                     "{\"t\":5,\"ev\":\"send\",\"id\":1,\"from\":1,\"to\":2,"
                     "\"type\":\"AppendEntries\",\"dup\":1}\n");
    EXPECT_EQ(error.message, "field 'dup' must be true or false, got 1");
}

TEST(TraceReader, nodeIdsMustExistInTheCluster) {
    auto error = read_bad(std::string(kHeader) + "{\"t\":5,\"ev\":\"crash\",\"node\":4}\n");
    EXPECT_EQ(error.line, 2);
    EXPECT_EQ(error.column, 28);
    EXPECT_NE(error.message.find("node 4 does not exist: node ids are 1..3"), std::string::npos)
        << error.message;
    error = read_bad(std::string(kHeader) + "{\"t\":5,\"ev\":\"crash\",\"node\":0}\n");
    EXPECT_NE(error.message.find("node 0 does not exist"), std::string::npos);
    // Without a cluster line: 1..9.
    EXPECT_TRUE(read_trace("{\"t\":5,\"ev\":\"crash\",\"node\":9}\n").ok());
    EXPECT_FALSE(read_trace("{\"t\":5,\"ev\":\"crash\",\"node\":10}\n").ok());
    error = read_bad("{\"t\":0,\"ev\":\"cluster\",\"algo\":\"raft\",\"nodes\":12,\"seed\":1}\n");
    EXPECT_NE(error.message.find("field 'nodes' must be 1..9"), std::string::npos);
}

TEST(TraceReader, theClusterLineComesFirstAndTheFileIsNotEmpty) {
    auto error = read_bad(std::string("{\"t\":0,\"ev\":\"heal\"}\n") + std::string(kHeader));
    EXPECT_EQ(error.line, 2);
    EXPECT_NE(error.message.find("first line"), std::string::npos);
    error = read_bad("");
    EXPECT_EQ(error.line, 1);
    EXPECT_NE(error.message.find("empty"), std::string::npos);
    error = read_bad(std::string(kHeader) + "\n{\"t\":0,\"ev\":\"heal\"}\n");
    EXPECT_EQ(error.line, 2);
    EXPECT_NE(error.message.find("empty line"), std::string::npos);
    error = read_bad(std::string(kHeader) + "[1,2]\n");
    EXPECT_EQ(error.line, 2);
    EXPECT_NE(error.message.find("expected a JSON object"), std::string::npos);
}

}  // namespace
}  // namespace quorum::trace
