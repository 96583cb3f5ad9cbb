// Client histories as JSON lines (docs/scenarios.md, "Client history") and the
// core's JSON string escaper. The expected lines are literal: the format is a
// public contract, so any change to it must show up here.
#include "quorum/history_json.hpp"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "quorum/json_escape.hpp"

namespace quorum {
namespace {

ClientOperation answered(ClientId client, OperationKind kind, std::string key, std::string value,
                         TimeUs call_us, TimeUs return_us) {
    ClientOperation operation;
    operation.client = client;
    operation.kind = kind;
    operation.key = std::move(key);
    operation.value = std::move(value);
    operation.call_us = call_us;
    operation.return_us = return_us;
    operation.ok = true;
    return operation;
}

ClientOperation never_answered(ClientId client, OperationKind kind, std::string key,
                               std::string value, TimeUs call_us) {
    ClientOperation operation =
        answered(client, kind, std::move(key), std::move(value), call_us, 0);
    operation.return_us.reset();
    operation.ok = false;
    return operation;
}

TEST(JsonString, plainTextIsOnlyQuoted) {
    EXPECT_EQ(json_string("hello world"), "\"hello world\"");
    EXPECT_EQ(json_string(""), "\"\"");
}

TEST(JsonString, quotesAndBackslashesAreEscaped) {
    EXPECT_EQ(json_string("say \"hi\""), R"("say \"hi\"")");
    EXPECT_EQ(json_string("C:\\path"), R"("C:\\path")");
}

TEST(JsonString, controlCharactersAreUnicodeEscapes) {
    EXPECT_EQ(json_string("a\nb\tc\rd"), R"("a\u000ab\u0009c\u000dd")");
    EXPECT_EQ(json_string(std::string_view("\0\x1f", 2)), R"("\u0000\u001f")");
    EXPECT_EQ(json_string("\b\f"), R"("\u0008\u000c")");
}

TEST(JsonString, spaceDeleteAndUtf8PassThrough) {
    EXPECT_EQ(json_string(" \x7f"), "\" \x7f\"");
    EXPECT_EQ(json_string("caf\xc3\xa9 \xe2\x86\x92"), "\"caf\xc3\xa9 \xe2\x86\x92\"");
}

TEST(JsonString, appendsToWhatIsThere) {
    std::string out = "key=";
    append_json_string(out, "x\"");
    EXPECT_EQ(out, R"(key="x\"")");
}

TEST(HistoryJson, answeredPutMatchesScenariosFormat) {
    const ClientOperation put = answered(1, OperationKind::Put, "x", "1", 1200, 5600);
    EXPECT_EQ(
        to_json_line(put),
        R"({"client":1,"op":"put","key":"x","value":"1","call":1200,"return":5600,"ok":true})");
}

TEST(HistoryJson, answeredGetHasResultAndNoValue) {
    ClientOperation get = answered(2, OperationKind::Get, "x", "", 1300, 7000);
    get.result = "1";
    EXPECT_EQ(
        to_json_line(get),
        R"({"client":2,"op":"get","key":"x","call":1300,"return":7000,"ok":true,"result":"1"})");
}

TEST(HistoryJson, getOfMissingKeyHasNullResult) {
    const ClientOperation get = answered(2, OperationKind::Get, "nokey", "", 10, 20);
    EXPECT_EQ(
        to_json_line(get),
        R"({"client":2,"op":"get","key":"nokey","call":10,"return":20,"ok":true,"result":null})");
}

TEST(HistoryJson, unansweredPutHasNullReturnAndNoOk) {
    const ClientOperation put = never_answered(3, OperationKind::Put, "y", "2", 9000);
    EXPECT_EQ(to_json_line(put),
              R"({"client":3,"op":"put","key":"y","value":"2","call":9000,"return":null})");
}

TEST(HistoryJson, unansweredGetHasNoResult) {
    const ClientOperation get = never_answered(5, OperationKind::Get, "y", "", 50);
    EXPECT_EQ(to_json_line(get), R"({"client":5,"op":"get","key":"y","call":50,"return":null})");
}

TEST(HistoryJson, addHasNoKeyAndReportsTheTotal) {
    ClientOperation add = answered(4, OperationKind::Add, "", "5", 9100, 9900);
    add.result = "12";
    EXPECT_EQ(
        to_json_line(add),
        R"({"client":4,"op":"add","value":"5","call":9100,"return":9900,"ok":true,"result":"12"})");
    const ClientOperation pending_add = never_answered(6, OperationKind::Add, "", "-3", 10000);
    EXPECT_EQ(to_json_line(pending_add),
              R"({"client":6,"op":"add","value":"-3","call":10000,"return":null})");
}

TEST(HistoryJson, proposeHasNoKeyAndReportsTheValueChosen) {
    ClientOperation propose = answered(3, OperationKind::Propose, "", "v1", 100, 900);
    propose.result = "v2";  // another client's value was chosen
    EXPECT_EQ(
        to_json_line(propose),
        R"({"client":3,"op":"propose","value":"v1","call":100,"return":900,"ok":true,"result":"v2"})");
    const ClientOperation pending = never_answered(4, OperationKind::Propose, "", "v3", 200);
    EXPECT_EQ(to_json_line(pending),
              R"({"client":4,"op":"propose","value":"v3","call":200,"return":null})");
}

TEST(HistoryJson, appendAndFailedOperations) {
    const ClientOperation append = answered(7, OperationKind::Append, "log", "ab", 1, 2);
    EXPECT_EQ(
        to_json_line(append),
        R"({"client":7,"op":"append","key":"log","value":"ab","call":1,"return":2,"ok":true})");
    ClientOperation failed_put = answered(8, OperationKind::Put, "x", "9", 3, 4);
    failed_put.ok = false;
    EXPECT_EQ(to_json_line(failed_put),
              R"({"client":8,"op":"put","key":"x","value":"9","call":3,"return":4,"ok":false})");
    ClientOperation failed_get = answered(8, OperationKind::Get, "x", "", 5, 6);
    failed_get.ok = false;
    EXPECT_EQ(to_json_line(failed_get),
              R"({"client":8,"op":"get","key":"x","call":5,"return":6,"ok":false})");
}

TEST(HistoryJson, keysAndValuesAreEscaped) {
    ClientOperation get = answered(9, OperationKind::Get, "we\"ird\\key", "", 1, 2);
    get.result = "line1\nline2";
    EXPECT_EQ(
        to_json_line(get),
        R"({"client":9,"op":"get","key":"we\"ird\\key","call":1,"return":2,"ok":true,"result":"line1\u000aline2"})");
}

// Reading histories back (quorum-sim check --history): what to_json_line
// writes reads back as the same operations, and a malformed line is an error
// naming its line and column.
TEST(HistoryJson, readBackGivesTheSameOperations) {
    ClientOperation get = answered(2, OperationKind::Get, "x", "", 1300, 7000);
    get.result = "we\"ird\nvalue";
    ClientOperation missing = answered(3, OperationKind::Get, "z", "", 1400, 7100);
    ClientOperation add = answered(4, OperationKind::Add, "", "-5", 9100, 9900);
    add.result = "12";
    ClientOperation refused = answered(5, OperationKind::Append, "y", "a", 9200, 9300);
    refused.ok = false;
    ClientOperation propose = answered(7, OperationKind::Propose, "", "v1", 9400, 9500);
    propose.result = "v2";
    const History history = {answered(1, OperationKind::Put, "x", "1", 1200, 5600),
                             get,
                             missing,
                             never_answered(6, OperationKind::Put, "y", "2", 9000),
                             add,
                             refused,
                             propose};
    std::string text;
    for (const ClientOperation& operation : history) {
        text += to_json_line(operation) + "\n";
    }
    const HistoryReadResult read = read_history(text);
    ASSERT_TRUE(read.ok()) << json::format_error("h.jsonl", read.error());
    EXPECT_EQ(read.history(), history);
    EXPECT_TRUE(read_history("").ok());
}

json::LineError history_error(std::string_view text) {
    const HistoryReadResult read = read_history(text);
    if (read.ok()) {
        ADD_FAILURE() << "expected an error, but this read: " << text;
        return {};
    }
    return read.error();
}

TEST(HistoryJson, readRejectsMalformedLinesNamingLineAndColumn) {
    const std::string good =
        R"({"client":1,"op":"put","key":"x","value":"1","call":1,"return":2,"ok":true})";
    EXPECT_EQ(history_error(good + "\n{\"client\":2,").line, 2);
    EXPECT_EQ(history_error(good + "\nnot json\n"),
              (json::LineError{2, 1, "not JSON: expected a value, got 'n' (did you mean null?)"}));
    auto error = history_error(R"({"client":1,"op":"delete","key":"x","call":1,"return":null})");
    EXPECT_EQ(error.column, 18);
    EXPECT_NE(error.message.find("field 'op' must be"), std::string::npos);
    error = history_error(
        R"({"client":1,"op":"put","key":"x","value":"1","call":5,"return":2,"ok":true})");
    EXPECT_EQ(error.column, 64);
    EXPECT_NE(error.message.find("comes before the call"), std::string::npos) << error.message;
    error = history_error(R"({"client":1,"op":"put","key":"x","value":"1","call":1,"return":2})");
    EXPECT_EQ(error, (json::LineError{1, 1, "missing field 'ok'"}));
    error =
        history_error(R"({"client":1,"op":"get","key":"x","value":"1","call":1,"return":null})");
    EXPECT_NE(error.message.find("a get has no value"), std::string::npos);
    error = history_error(R"({"client":1,"op":"add","value":"five","call":1,"return":null})");
    EXPECT_NE(error.message.find("decimal integer"), std::string::npos);
    error = history_error(R"({"client":0,"op":"add","value":"5","call":1,"return":null})");
    EXPECT_EQ(error.column, 11);
    error = history_error(
        R"({"client":1,"op":"put","key":"x","value":"1","call":1,"return":null,"ok":false})");
    EXPECT_NE(error.message.find("never answered"), std::string::npos);
}

TEST(HistoryJson, operationNames) {
    EXPECT_EQ(operation_name(OperationKind::Put), "put");
    EXPECT_EQ(operation_name(OperationKind::Get), "get");
    EXPECT_EQ(operation_name(OperationKind::Append), "append");
    EXPECT_EQ(operation_name(OperationKind::Add), "add");
    EXPECT_EQ(operation_name(OperationKind::Propose), "propose");
}

}  // namespace
}  // namespace quorum
