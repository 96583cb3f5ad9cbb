// A small, strict JSON reader for the core, and the JSON-lines plumbing the
// trace and history readers share.
//
// The core may not use a JSON library (docs/design.md: the standard library only),
// yet it reads JSON lines written by other tools (traces, client histories,
// docs/scenarios.md). This is RFC 8259 and nothing more: no comments, no trailing
// commas, no NaN, no single quotes; a duplicate key in an object is an error
// (the readers would otherwise have to pick one silently); nesting deeper than
// kMaxDepth is an error (so a hostile line cannot overflow the stack, which is
// small in WebAssembly). Strings are decoded (\uXXXX, surrogate pairs included)
// into UTF-8; other bytes pass through unchanged.
//
// Every value remembers the byte offset at which it starts, so a reader can
// point an error at the value it rejects: `trace.jsonl:12:23: field 'term' must
// be a whole number, got "2"`. Numbers keep their literal text; whole numbers
// are also available as integers, exactly (no double in between), so a seed of
// 2^64 - 1 survives a round trip.
//
// Deterministic, locale-independent, never throws.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace quorum::json {

enum class Kind { Null, Boolean, Number, String, Array, Object };

// "null", "a boolean", "a number", "a string", "an array", "an object".
std::string_view describe(Kind kind);

struct Member;

struct Value {
    Kind kind = Kind::Null;
    std::size_t offset = 0;       // where the value starts in the parsed text, 0-based
    bool boolean = false;         // Boolean
    std::string text;             // String: decoded; Number: the literal as written
    std::vector<Value> items;     // Array
    std::vector<Member> members;  // Object, in the order written

    // The member named `key` of an object, or nullptr (also for non-objects).
    const Value* find(std::string_view key) const;
    // A Number written as a whole number (no fraction, no exponent) that fits.
    std::optional<std::uint64_t> as_unsigned() const;
    std::optional<std::int64_t> as_signed() const;
};

struct Member {
    std::string key;
    std::size_t key_offset = 0;
    Value value;
};

constexpr int kMaxDepth = 64;

struct ParseError {
    std::size_t offset = 0;  // 0-based byte offset of the offending character
    std::string message;
};

// The one JSON value `text` holds (whitespace around it allowed), or the first
// error.
std::variant<Value, ParseError> parse(std::string_view text);

// ---------------------------------------------------------------------------
// JSON lines.

// A reader's error: 1-based line, 1-based column in bytes.
struct LineError {
    int line = 0;
    int column = 0;
    std::string message;
    friend bool operator==(const LineError&, const LineError&) = default;
};

// `file:line:col: message`, as compilers (and the scenario parser) write it.
std::string format_error(std::string_view file_name, const LineError& error);

// The lines of a JSON-lines text: split at '\n', a trailing '\r' removed, the
// empty piece after a final newline dropped. Empty lines in the middle are
// kept (the readers reject them, naming the line).
std::vector<std::string_view> split_lines(std::string_view text);

// Parses line `number` (1-based) of a JSON-lines file, which must be an object.
// On an error, fills `error` (column from the JSON error's offset) and returns
// nullopt.
std::optional<Value> parse_object_line(std::string_view line, int number, LineError& error);

// The column (1-based) of a value of line `number`, for errors about it.
inline int column_of(const Value& value) {
    return static_cast<int>(value.offset) + 1;
}

// "3", "\"x\"", "true", "an array", for messages quoting a rejected value.
std::string quote(const Value& value);

}  // namespace quorum::json
