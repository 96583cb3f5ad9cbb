// The core's JSON reader: strict RFC 8259, every value with its offset, every
// error with the byte where it was found (the column of `file:line:col`).
#include "quorum/json_reader.hpp"

#include <gtest/gtest.h>

#include <string>

namespace quorum::json {
namespace {

Value parse_ok(std::string_view text) {
    auto result = parse(text);
    if (const auto* error = std::get_if<ParseError>(&result)) {
        ADD_FAILURE() << "unexpected error at " << error->offset << ": " << error->message
                      << "\nin: " << text;
        return Value{};
    }
    return std::get<Value>(result);
}

ParseError parse_bad(std::string_view text) {
    auto result = parse(text);
    if (std::holds_alternative<Value>(result)) {
        ADD_FAILURE() << "expected an error, but this parsed: " << text;
        return ParseError{};
    }
    return std::get<ParseError>(result);
}

TEST(JsonReader, readsEveryKindWithItsOffset) {
    const Value value =
        parse_ok(R"({"t":12,"ev":"role","ok":true,"no":false,"x":null,"a":[1,-2.5e3],"o":{}})");
    ASSERT_EQ(value.kind, Kind::Object);
    ASSERT_EQ(value.members.size(), 7u);
    EXPECT_EQ(value.find("t")->as_unsigned(), 12u);
    EXPECT_EQ(value.find("t")->offset, 5u);
    EXPECT_EQ(value.find("ev")->text, "role");
    EXPECT_TRUE(value.find("ok")->boolean);
    EXPECT_EQ(value.find("no")->kind, Kind::Boolean);
    EXPECT_FALSE(value.find("no")->boolean);
    EXPECT_EQ(value.find("x")->kind, Kind::Null);
    ASSERT_EQ(value.find("a")->items.size(), 2u);
    EXPECT_EQ(value.find("a")->items[1].text, "-2.5e3");
    EXPECT_FALSE(value.find("a")->items[1].as_signed().has_value());
    EXPECT_EQ(value.find("o")->kind, Kind::Object);
    EXPECT_EQ(value.find("missing"), nullptr);
}

TEST(JsonReader, wholeNumbersAreExactAcrossTheirWholeRange) {
    EXPECT_EQ(parse_ok("18446744073709551615").as_unsigned(), 18446744073709551615u);
    EXPECT_FALSE(parse_ok("18446744073709551616").as_unsigned().has_value());
    EXPECT_EQ(parse_ok("-9223372036854775808").as_signed(), INT64_MIN);
    EXPECT_FALSE(parse_ok("-1").as_unsigned().has_value());
    EXPECT_EQ(parse_ok("-1").as_signed(), -1);
    EXPECT_FALSE(parse_ok("1.0").as_unsigned().has_value());
    EXPECT_FALSE(parse_ok("1e2").as_unsigned().has_value());
    EXPECT_FALSE(parse_ok("\"1\"").as_unsigned().has_value());
}

TEST(JsonReader, decodesEscapesIntoUtf8) {
    EXPECT_EQ(parse_ok(R"("a\"b\\c\/d\n\t\u0041\u00e9\u20ac")").text,
              "a\"b\\c/d\n\tA\xc3\xa9\xe2\x82\xac");
    EXPECT_EQ(parse_ok(R"("\ud83d\ude00")").text, "\xf0\x9f\x98\x80");
    EXPECT_EQ(parse_ok("\"caf\xc3\xa9\"").text, "caf\xc3\xa9");  // raw UTF-8 passes through
}

TEST(JsonReader, errorsPointAtTheOffendingByte) {
    EXPECT_EQ(parse_bad("").offset, 0u);
    EXPECT_EQ(parse_bad("{\"t\":1,}").offset, 7u);              // trailing comma
    EXPECT_EQ(parse_bad("{\"t\":1 \"ev\":2}").offset, 7u);      // missing comma
    EXPECT_EQ(parse_bad("{\"t\":01}").offset, 6u);              // leading zero
    EXPECT_EQ(parse_bad("{'t':1}").offset, 1u);                 // single quotes
    EXPECT_EQ(parse_bad("{\"t\":1}x").offset, 7u);              // garbage after the value
    EXPECT_EQ(parse_bad("{\"t\":tru}").offset, 5u);             // not a literal
    EXPECT_EQ(parse_bad("{\"t\":1,\"ev\":\"dep").offset, 16u);  // truncated: just past the end
    EXPECT_EQ(parse_bad("{\"t\":1,\"ev\":\"dep").message.find("end of line") != std::string::npos,
              true);
    EXPECT_EQ(parse_bad("{\"t\":1,\"t\":2}").offset, 7u);  // duplicate key, at the key
    EXPECT_EQ(parse_bad("\"a\x01\"").offset, 2u);          // raw control character
    EXPECT_EQ(parse_bad(R"("\q")").offset, 1u);            // unknown escape
    EXPECT_EQ(parse_bad(R"("\ude00")").offset, 1u);        // lone low surrogate
    EXPECT_EQ(parse_bad(R"("\ud83dx")").offset, 1u);       // high surrogate without its half
    EXPECT_EQ(parse_bad("-").offset, 1u);
    EXPECT_EQ(parse_bad("1.").offset, 2u);
    EXPECT_EQ(parse_bad("NaN").offset, 0u);
}

TEST(JsonReader, nestingHasALimit) {
    const std::string deep_ok = std::string(kMaxDepth, '[') + std::string(kMaxDepth, ']');
    EXPECT_EQ(parse_ok(deep_ok).kind, Kind::Array);
    const std::string too_deep = std::string(kMaxDepth + 1, '[') + std::string(kMaxDepth + 1, ']');
    EXPECT_EQ(parse_bad(too_deep).offset, static_cast<std::size_t>(kMaxDepth));
}

TEST(JsonLines, splitsAtNewlinesAndDropsTheLastEmptyPiece) {
    EXPECT_TRUE(split_lines("").empty());
    EXPECT_EQ(split_lines("a\nb\n"), (std::vector<std::string_view>{"a", "b"}));
    EXPECT_EQ(split_lines("a\r\nb"), (std::vector<std::string_view>{"a", "b"}));
    EXPECT_EQ(split_lines("a\n\nb\n"), (std::vector<std::string_view>{"a", "", "b"}));
}

TEST(JsonLines, aLineMustBeOneObject) {
    LineError error;
    EXPECT_TRUE(parse_object_line("{\"t\":1}", 3, error).has_value());
    EXPECT_FALSE(parse_object_line("[1]", 3, error).has_value());
    EXPECT_EQ(error, (LineError{3, 1, "expected a JSON object {...}, got an array"}));
    EXPECT_FALSE(parse_object_line("   ", 4, error).has_value());
    EXPECT_EQ(error.line, 4);
    EXPECT_FALSE(parse_object_line("{\"t\":1", 5, error).has_value());
    EXPECT_EQ(error.column, 7);
    EXPECT_EQ(format_error("x.jsonl", error).substr(0, 12), "x.jsonl:5:7:");
}

}  // namespace
}  // namespace quorum::json
