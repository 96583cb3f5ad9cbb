// The scenario parser's values: whole numbers, durations (`1.5s`), ranges
// (`1-10ms`), probabilities (`0.1`), on/off, comparisons, node ids and `$name`
// references.
//
// Decimals are parsed by hand with integer arithmetic (digits before and after
// the point, scaled by the unit), never with strtod: the result must not
// depend on the locale or on the platform's floating point, and `0.1` must be
// exactly 100000 parts per million everywhere.
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include "quorum/scenario/parser_internals.hpp"

namespace quorum::scenario::internal {

namespace {

// Longer durations are surely typos, and keeping them far below 2^63 lets the
// simulator add them to the current time without overflow.
constexpr TimeUs kLongestDuration = 1'000'000 * kMicrosecondsPerSecond;

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

bool all_digits(std::string_view text) {
    if (text.empty()) {
        return false;
    }
    for (char c : text) {
        if (!is_digit(c)) {
            return false;
        }
    }
    return true;
}

// `12.50` split at the point; `point` false when there is none.
struct Decimal {
    std::string_view whole;
    std::string_view fraction;
    bool point = false;
};

// The longest prefix of `text` made of digits and at most one point.
std::size_t decimal_prefix_length(std::string_view text) {
    std::size_t length = 0;
    bool seen_point = false;
    while (length < text.size() &&
           (is_digit(text[length]) || (text[length] == '.' && !seen_point))) {
        seen_point = seen_point || text[length] == '.';
        ++length;
    }
    return length;
}

std::optional<Decimal> split_decimal(std::string_view text) {
    const std::size_t point = text.find('.');
    Decimal decimal{text.substr(0, point), std::string_view(), point != std::string_view::npos};
    if (decimal.point) {
        decimal.fraction = text.substr(point + 1);
    }
    if (!all_digits(decimal.whole) || (decimal.point && !all_digits(decimal.fraction))) {
        return std::nullopt;
    }
    return decimal;
}

// The fraction's first `places` digits as an integer (padded with zeros), or
// nullopt if a non-zero digit lies beyond them (finer than the resolution).
std::optional<std::uint64_t> scaled_fraction(std::string_view fraction, std::size_t places) {
    std::uint64_t value = 0;
    for (std::size_t i = 0; i < fraction.size(); ++i) {
        if (i >= places && fraction[i] != '0') {
            return std::nullopt;
        }
    }
    for (std::size_t i = 0; i < places; ++i) {
        value =
            value * 10 + (i < fraction.size() ? static_cast<std::uint64_t>(fraction[i] - '0') : 0);
    }
    return value;
}

struct DurationUnit {
    std::string_view suffix;
    TimeUs scale;
    std::size_t decimal_places;  // digits after the point that are still >= 1us
};
constexpr DurationUnit kDurationUnits[] = {
    {"us", 1, 0},
    {"ms", kMicrosecondsPerMillisecond, 3},
    {"s", kMicrosecondsPerSecond, 6},
};

// Parses `text` (which may differ from at.text when a range lends its unit).
TimeUs duration_from_text(std::string_view text, const Token& at) {
    const std::string example = "expected a duration like 250ms, got " + quoted(text);
    if (!text.empty() && text[0] == '-') {
        fail(at, "a duration cannot be negative, got " + quoted(text));
    }
    const std::size_t number_length = decimal_prefix_length(text);
    const std::string_view unit_text = text.substr(number_length);
    const std::optional<Decimal> number = split_decimal(text.substr(0, number_length));
    if (number_length == 0 || unit_text.empty() || !number) {
        fail(at, example);
    }
    for (const DurationUnit& unit : kDurationUnits) {
        if (unit.suffix != unit_text) {
            continue;
        }
        const auto fraction_us = scaled_fraction(number->fraction, unit.decimal_places);
        if (!fraction_us) {
            fail(at, quoted(text) + " is finer than 1us, the resolution of durations");
        }
        const auto whole = parse_digits(number->whole);
        const auto limit = static_cast<std::uint64_t>(kLongestDuration);
        if (!whole || *whole > limit / static_cast<std::uint64_t>(unit.scale) ||
            *whole * static_cast<std::uint64_t>(unit.scale) + *fraction_us > limit) {
            fail(at, "the duration " + quoted(text) + " is too long (at most 1000000s)");
        }
        return static_cast<TimeUs>(*whole) * unit.scale + static_cast<TimeUs>(*fraction_us);
    }
    fail(at, "unknown unit " + quoted(unit_text) + " in " + quoted(text) +
                 ": a duration ends in us, ms or s, like 250ms");
}

}  // namespace

std::optional<std::uint64_t> parse_digits(std::string_view text) {
    if (!all_digits(text)) {
        return std::nullopt;
    }
    std::uint64_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size()) {
        return std::nullopt;
    }
    return value;
}

TimeUs parse_duration(const Token& word) {
    return duration_from_text(word.text, word);
}

DurationRange parse_duration_range(const Token& word) {
    const std::string example = "expected a range like 1-10ms, got " + quoted(word.text);
    if (!word.text.empty() && word.text[0] == '-') {
        fail(word, "a duration cannot be negative, got " + quoted(word.text));
    }
    const std::size_t dash = word.text.find('-');
    if (dash == std::string_view::npos) {
        fail(word, example);
    }
    const Token low = sub_token(word, 0, dash);
    const Token high = sub_token(word, dash + 1);
    if (high.text.empty()) {
        fail(word, example);
    }
    DurationRange range;
    range.max_us = parse_duration(high);
    // `1-10ms`: the low end borrows the high end's unit.
    if (is_digit(low.text.back())) {
        const std::string_view unit = high.text.substr(decimal_prefix_length(high.text));
        range.min_us = duration_from_text(std::string(low.text) + std::string(unit), low);
    } else {
        range.min_us = parse_duration(low);
    }
    if (range.min_us > range.max_us) {
        fail(word, "the range " + quoted(word.text) + " has its minimum above its maximum");
    }
    return range;
}

PartsPerMillion parse_probability(const Token& word) {
    if (!word.text.empty() && word.text[0] == '-') {
        fail(word, "a probability cannot be negative, got " + quoted(word.text));
    }
    const std::optional<Decimal> number = split_decimal(word.text);
    if (!number) {
        fail(word, "expected a probability between 0 and 1 like 0.1, got " + quoted(word.text));
    }
    const auto fraction = scaled_fraction(number->fraction, 6);
    if (!fraction) {
        fail(word, quoted(word.text) + " is finer than one in a million (0.000001)");
    }
    const auto whole = parse_digits(number->whole);
    if (!whole || *whole > 1 || (*whole == 1 && *fraction > 0)) {
        fail(word, "a probability is between 0 and 1, got " + quoted(word.text));
    }
    return static_cast<PartsPerMillion>(*whole * kCertain + *fraction);
}

bool parse_on_off(const Token& word) {
    if (word.text != "on" && word.text != "off") {
        fail(word, "expected on or off, got " + quoted(word.text));
    }
    return word.text == "on";
}

std::uint64_t parse_whole_number(const Token& word, std::string_view what) {
    const std::optional<std::uint64_t> value = parse_digits(word.text);
    if (!value) {
        const bool too_large = all_digits(word.text);
        fail(word, too_large ? quoted(word.text) + " is too large"
                             : "expected " + std::string(what) + " (a whole number), got " +
                                   quoted(word.text));
    }
    return *value;
}

std::string node_does_not_exist(std::string_view id, NodeId node_count) {
    const std::string nodes = std::to_string(node_count) + (node_count == 1 ? " node" : " nodes");
    if (parse_digits(id) == std::optional<std::uint64_t>(0)) {
        return "node 0 does not exist: nodes are numbered from 1 (the cluster has " + nodes + ")";
    }
    return "node " + std::string(id) + " does not exist: the cluster has " + nodes;
}

NodeId parse_node_literal(const Token& word, NodeId node_count) {
    if (!all_digits(word.text)) {
        fail(word, "expected a node id (1.." + std::to_string(node_count) + "), got " +
                       quoted(word.text));
    }
    const std::optional<std::uint64_t> id = parse_digits(word.text);
    if (!id || *id == 0 || *id > node_count) {
        fail(word, node_does_not_exist(word.text, node_count));
    }
    return static_cast<NodeId>(*id);
}

Comparison parse_comparison(const Token& word) {
    struct Spelling {
        std::string_view text;
        Comparison comparison;
    };
    constexpr Spelling kSpellings[] = {
        {"==", Comparison::Equal},  {"!=", Comparison::NotEqual},
        {"<", Comparison::Less},    {"<=", Comparison::LessOrEqual},
        {">", Comparison::Greater}, {">=", Comparison::GreaterOrEqual},
    };
    for (const Spelling& spelling : kSpellings) {
        if (spelling.text == word.text) {
            return spelling.comparison;
        }
    }
    // The usual slips from other languages, which an edit distance would misread.
    constexpr Spelling kSlips[] = {{"=", Comparison::Equal},
                                   {"=>", Comparison::GreaterOrEqual},
                                   {"=<", Comparison::LessOrEqual},
                                   {"<>", Comparison::NotEqual}};
    std::string hint;
    for (const Spelling& slip : kSlips) {
        if (slip.text == word.text) {
            hint = "; did you mean " + quoted(to_string(slip.comparison)) + "?";
        }
    }
    fail(word, "expected a comparison (==, !=, <, <=, >, >=), got " + quoted(word.text) + hint);
}

bool is_identifier(std::string_view text) {
    const auto starter = [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    };
    if (text.empty() || !starter(text[0])) {
        return false;
    }
    for (char c : text) {
        if (!starter(c) && !is_digit(c)) {
            return false;
        }
    }
    return true;
}

std::string take_literal_text(TokenCursor& cursor, std::string_view expected) {
    const Token word = cursor.take(expected);
    // A literal `$x` would silently surprise whoever meant a variable.
    if (word.text.starts_with('$')) {
        fail(word, "expected " + std::string(expected) + ", got " + quoted(word.text) +
                       ": variables stand only for node ids and numbers");
    }
    return std::string(word.text);
}

namespace {

// The variable a `$name` word refers to, which an earlier line must have remembered.
std::pair<std::string, KnownVariable> find_variable(const Token& word,
                                                    const ParseContext& context) {
    const std::string_view name = word.text.substr(1);
    if (name.empty()) {
        fail(word, "expected a variable name after '$', like $leader");
    }
    const auto found = context.variables.find(name);
    if (found == context.variables.end()) {
        std::vector<std::string_view> known;
        for (const auto& entry : context.variables) {
            known.push_back(entry.first);
        }
        fail(word, "unknown variable " + quoted(word.text) +
                       ": a line before this one must say 'remember " + std::string(name) +
                       " = leader' or '... = term'" + did_you_mean(name, known));
    }
    return *found;
}

std::string remembered_where(const Token& word, const KnownVariable& variable) {
    return std::string(word.text) + " holds " +
           (variable.what == Remembered::Leader ? "a leader" : "a term") + " (remembered on line " +
           std::to_string(variable.line) + ")";
}

}  // namespace

NodeRef parse_node_ref(const Token& word, const ParseContext& context) {
    if (word.text.starts_with('$')) {
        auto [name, variable] = find_variable(word, context);
        if (variable.what != Remembered::Leader) {
            fail(word, remembered_where(word, variable) + ", but a node id is expected here");
        }
        return NodeRef{kNoNode, std::move(name)};
    }
    return NodeRef{parse_node_literal(word, context.cluster.nodes()), std::string()};
}

NumberRef parse_number_ref(const Token& word, const ParseContext& context, bool allow_negative) {
    if (word.text.starts_with('$')) {
        auto [name, variable] = find_variable(word, context);
        if (variable.what != Remembered::Term) {
            fail(word, remembered_where(word, variable) + ", but a number is expected here");
        }
        return NumberRef{0, std::move(name)};
    }
    const bool negative = allow_negative && word.text.starts_with('-');
    const std::uint64_t magnitude =
        parse_whole_number(sub_token(word, negative ? 1 : 0), "a number or $name");
    if (magnitude > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
        fail(word, quoted(word.text) + " is too large");
    }
    const auto value = static_cast<std::int64_t>(magnitude);
    return NumberRef{negative ? -value : value, std::string()};
}

}  // namespace quorum::scenario::internal
