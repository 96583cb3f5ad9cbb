// A strict RFC 8259 reader: see quorum/json_reader.hpp.
#include "quorum/json_reader.hpp"

#include <charconv>
#include <utility>

#include "quorum/json_escape.hpp"

namespace quorum::json {

namespace {

struct Failure {
    ParseError error;
};

class Parser {
  public:
    explicit Parser(std::string_view text) : text_(text) {}

    Value parse_document() {
        skip_space();
        Value value = parse_value(0);
        skip_space();
        if (pos_ < text_.size()) {
            fail("unexpected " + show_here() + " after the JSON value");
        }
        return value;
    }

  private:
    [[noreturn]] void fail(std::string message) const { throw Failure{{pos_, std::move(message)}}; }
    [[noreturn]] void fail_at(std::size_t offset, std::string message) const {
        throw Failure{{offset, std::move(message)}};
    }

    bool at_end() const { return pos_ >= text_.size(); }
    char peek() const { return text_[pos_]; }

    // "'x'", "end of line", or "byte 0x01" for what is at the cursor.
    std::string show_here() const {
        if (at_end()) {
            return "end of line";
        }
        const auto byte = static_cast<unsigned char>(peek());
        if (byte < 0x20 || byte >= 0x7f) {
            constexpr char kHex[] = "0123456789abcdef";
            return std::string("byte 0x") + kHex[byte >> 4] + kHex[byte & 15];
        }
        return "'" + std::string(1, peek()) + "'";
    }

    void skip_space() {
        while (!at_end() && (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r')) {
            ++pos_;
        }
    }

    void expect_char(char wanted, std::string_view context) {
        if (at_end() || peek() != wanted) {
            fail("expected '" + std::string(1, wanted) + "' " + std::string(context) + ", got " +
                 show_here());
        }
        ++pos_;
    }

    Value parse_value(int depth) {
        if (at_end()) {
            fail("unexpected end of line: expected a value");
        }
        Value value;
        value.offset = pos_;
        switch (peek()) {
            case '{':
                parse_object(value, depth + 1);
                break;
            case '[':
                parse_array(value, depth + 1);
                break;
            case '"':
                value.kind = Kind::String;
                value.text = parse_string();
                break;
            case 't':
                parse_word("true", value);
                value.kind = Kind::Boolean;
                value.boolean = true;
                break;
            case 'f':
                parse_word("false", value);
                value.kind = Kind::Boolean;
                break;
            case 'n':
                parse_word("null", value);
                break;
            default:
                if (peek() == '-' || (peek() >= '0' && peek() <= '9')) {
                    value.kind = Kind::Number;
                    value.text = parse_number();
                    break;
                }
                fail("expected a value, got " + show_here());
        }
        return value;
    }

    void parse_word(std::string_view word, Value& value) {
        if (text_.substr(pos_, word.size()) != word) {
            fail("expected a value, got " + show_here() + " (did you mean " + std::string(word) +
                 "?)");
        }
        pos_ += word.size();
        value.kind = Kind::Null;
    }

    void check_depth(int depth) const {
        if (depth > kMaxDepth) {
            fail("nested deeper than " + std::to_string(kMaxDepth) + " levels");
        }
    }

    void parse_array(Value& value, int depth) {
        check_depth(depth);
        value.kind = Kind::Array;
        ++pos_;  // '['
        skip_space();
        if (!at_end() && peek() == ']') {
            ++pos_;
            return;
        }
        for (;;) {
            skip_space();
            value.items.push_back(parse_value(depth));
            skip_space();
            if (!at_end() && peek() == ',') {
                ++pos_;
                continue;
            }
            expect_char(']', "or ',' in an array");
            return;
        }
    }

    void parse_object(Value& value, int depth) {
        check_depth(depth);
        value.kind = Kind::Object;
        ++pos_;  // '{'
        skip_space();
        if (!at_end() && peek() == '}') {
            ++pos_;
            return;
        }
        for (;;) {
            skip_space();
            if (at_end() || peek() != '"') {
                fail("expected a key in double quotes, got " + show_here());
            }
            Member member;
            member.key_offset = pos_;
            member.key = parse_string();
            for (const Member& earlier : value.members) {
                if (earlier.key == member.key) {
                    fail_at(member.key_offset, "duplicate key " + json_string(member.key));
                }
            }
            skip_space();
            expect_char(':', "after the key");
            skip_space();
            member.value = parse_value(depth);
            value.members.push_back(std::move(member));
            skip_space();
            if (!at_end() && peek() == ',') {
                ++pos_;
                continue;
            }
            expect_char('}', "or ',' in an object");
            return;
        }
    }

    unsigned hex_digit() {
        if (at_end()) {
            fail("unexpected end of line in a \\u escape");
        }
        const char c = peek();
        ++pos_;
        if (c >= '0' && c <= '9') {
            return static_cast<unsigned>(c - '0');
        }
        if (c >= 'a' && c <= 'f') {
            return static_cast<unsigned>(c - 'a' + 10);
        }
        if (c >= 'A' && c <= 'F') {
            return static_cast<unsigned>(c - 'A' + 10);
        }
        --pos_;
        fail("expected a hexadecimal digit in a \\u escape, got " + show_here());
    }

    unsigned parse_hex4() {
        unsigned code = 0;
        for (int i = 0; i < 4; ++i) {
            code = code * 16 + hex_digit();
        }
        return code;
    }

    static void append_utf8(std::string& out, unsigned code) {
        if (code < 0x80) {
            out += static_cast<char>(code);
        } else if (code < 0x800) {
            out += static_cast<char>(0xc0 | (code >> 6));
            out += static_cast<char>(0x80 | (code & 0x3f));
        } else if (code < 0x10000) {
            out += static_cast<char>(0xe0 | (code >> 12));
            out += static_cast<char>(0x80 | ((code >> 6) & 0x3f));
            out += static_cast<char>(0x80 | (code & 0x3f));
        } else {
            out += static_cast<char>(0xf0 | (code >> 18));
            out += static_cast<char>(0x80 | ((code >> 12) & 0x3f));
            out += static_cast<char>(0x80 | ((code >> 6) & 0x3f));
            out += static_cast<char>(0x80 | (code & 0x3f));
        }
    }

    // \uXXXX, the cursor just after the 'u'; a high surrogate needs its low half.
    void parse_unicode_escape(std::string& out, std::size_t escape_start) {
        unsigned code = parse_hex4();
        if (code >= 0xdc00 && code <= 0xdfff) {
            fail_at(escape_start, "a low surrogate (\\u" +
                                      std::string(text_.substr(escape_start + 2, 4)) +
                                      ") without a high one before it");
        }
        if (code >= 0xd800 && code <= 0xdbff) {
            if (text_.substr(pos_, 2) != "\\u") {
                fail_at(escape_start, "a high surrogate must be followed by a \\u low surrogate");
            }
            pos_ += 2;
            const unsigned low = parse_hex4();
            if (low < 0xdc00 || low > 0xdfff) {
                fail_at(escape_start, "a high surrogate must be followed by a \\u low surrogate");
            }
            code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
        }
        append_utf8(out, code);
    }

    std::string parse_string() {
        const std::size_t start = pos_;
        ++pos_;  // '"'
        std::string out;
        for (;;) {
            if (at_end()) {
                fail_at(pos_, "unexpected end of line inside the string that starts at column " +
                                  std::to_string(start + 1));
            }
            const char c = peek();
            if (c == '"') {
                ++pos_;
                return out;
            }
            if (static_cast<unsigned char>(c) < 0x20) {
                fail("control character (" + show_here() +
                     ") inside a string: write it as \\u00XX");
            }
            if (c != '\\') {
                out += c;
                ++pos_;
                continue;
            }
            const std::size_t escape_start = pos_;
            ++pos_;
            if (at_end()) {
                fail("unexpected end of line in an escape sequence");
            }
            const char e = peek();
            ++pos_;
            switch (e) {
                case '"':
                case '\\':
                case '/':
                    out += e;
                    break;
                case 'b':
                    out += '\b';
                    break;
                case 'f':
                    out += '\f';
                    break;
                case 'n':
                    out += '\n';
                    break;
                case 'r':
                    out += '\r';
                    break;
                case 't':
                    out += '\t';
                    break;
                case 'u':
                    parse_unicode_escape(out, escape_start);
                    break;
                default:
                    fail_at(escape_start, "unknown escape sequence '\\" + std::string(1, e) + "'");
            }
        }
    }

    bool digit_here() const { return !at_end() && peek() >= '0' && peek() <= '9'; }

    void digits(std::string_view what) {
        if (!digit_here()) {
            fail("expected a digit in " + std::string(what) + ", got " + show_here());
        }
        while (digit_here()) {
            ++pos_;
        }
    }

    std::string parse_number() {
        const std::size_t start = pos_;
        if (peek() == '-') {
            ++pos_;
        }
        if (!at_end() && peek() == '0') {
            ++pos_;
            if (digit_here()) {
                fail("a number does not start with 0 (no leading zeros in JSON)");
            }
        } else {
            digits("a number");
        }
        if (!at_end() && peek() == '.') {
            ++pos_;
            digits("the fraction of a number");
        }
        if (!at_end() && (peek() == 'e' || peek() == 'E')) {
            ++pos_;
            if (!at_end() && (peek() == '+' || peek() == '-')) {
                ++pos_;
            }
            digits("the exponent of a number");
        }
        return std::string(text_.substr(start, pos_ - start));
    }

    std::string_view text_;
    std::size_t pos_ = 0;
};

bool is_whole(std::string_view literal) {
    return literal.find_first_of(".eE") == std::string_view::npos;
}

}  // namespace

std::string_view describe(Kind kind) {
    switch (kind) {
        case Kind::Null:
            return "null";
        case Kind::Boolean:
            return "a boolean";
        case Kind::Number:
            return "a number";
        case Kind::String:
            return "a string";
        case Kind::Array:
            return "an array";
        case Kind::Object:
            return "an object";
    }
    return "a value";
}

const Value* Value::find(std::string_view key) const {
    for (const Member& member : members) {
        if (member.key == key) {
            return &member.value;
        }
    }
    return nullptr;
}

std::optional<std::uint64_t> Value::as_unsigned() const {
    if (kind != Kind::Number || !is_whole(text) || text.starts_with('-')) {
        return std::nullopt;
    }
    std::uint64_t result = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), result);
    if (error != std::errc() || end != text.data() + text.size()) {
        return std::nullopt;
    }
    return result;
}

std::optional<std::int64_t> Value::as_signed() const {
    if (kind != Kind::Number || !is_whole(text)) {
        return std::nullopt;
    }
    std::int64_t result = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), result);
    if (error != std::errc() || end != text.data() + text.size()) {
        return std::nullopt;
    }
    return result;
}

std::variant<Value, ParseError> parse(std::string_view text) {
    try {
        return Parser(text).parse_document();
    } catch (const Failure& failure) {
        return failure.error;
    }
}

std::string format_error(std::string_view file_name, const LineError& error) {
    return std::string(file_name) + ":" + std::to_string(error.line) + ":" +
           std::to_string(error.column) + ": " + error.message;
}

std::vector<std::string_view> split_lines(std::string_view text) {
    std::vector<std::string_view> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        const std::size_t next = end == std::string_view::npos ? text.size() : end + 1;
        if (end == std::string_view::npos) {
            end = text.size();
        }
        std::string_view line = text.substr(start, end - start);
        if (line.ends_with('\r')) {
            line.remove_suffix(1);
        }
        lines.push_back(line);
        start = next;
    }
    return lines;
}

std::optional<Value> parse_object_line(std::string_view line, int number, LineError& error) {
    if (line.find_first_not_of(" \t") == std::string_view::npos) {
        error = {number, 1, "empty line: every line must be one JSON object"};
        return std::nullopt;
    }
    auto parsed = parse(line);
    if (const auto* failure = std::get_if<ParseError>(&parsed)) {
        error = {number, static_cast<int>(failure->offset) + 1, "not JSON: " + failure->message};
        return std::nullopt;
    }
    Value& value = std::get<Value>(parsed);
    if (value.kind != Kind::Object) {
        error = {number, column_of(value),
                 "expected a JSON object {...}, got " + std::string(describe(value.kind))};
        return std::nullopt;
    }
    return std::move(value);
}

std::string quote(const Value& value) {
    switch (value.kind) {
        case Kind::Null:
            return "null";
        case Kind::Boolean:
            return value.boolean ? "true" : "false";
        case Kind::Number:
            return value.text;
        case Kind::String:
            return json_string(value.text);
        case Kind::Array:
        case Kind::Object:
            return std::string(describe(value.kind));
    }
    return "a value";
}

}  // namespace quorum::json
