// The scenario parser's lexical layer: cutting the source into lines of words,
// walking a line's words, failing with a position, and suggesting the word the
// author probably meant ("unknown command 'crahs'; did you mean 'crash'?").
#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "quorum/scenario/parser_internals.hpp"

namespace quorum::scenario::internal {

namespace {

bool is_blank(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

int to_column(std::size_t offset) {
    return static_cast<int>(offset) + 1;
}

// Just past the quoted string that opens at text[open] (a lesson line's
// `"text"`): a backslash keeps the next byte (`\"`, `\\`), and `#` inside
// is text, not a comment. A string left open fails where it opens.
std::size_t end_of_string(std::string_view text, std::size_t open, int line_number) {
    std::size_t position = open + 1;
    while (position < text.size() && text[position] != '"') {
        position += text[position] == '\\' ? std::size_t{2} : std::size_t{1};
    }
    if (position >= text.size()) {
        fail(Token{text.substr(open, 1), line_number, to_column(open)},
             "unterminated string: the '\"' here is not closed on its line");
    }
    return position + 1;
}

// The words of one line. A `#` outside a quoted string ends the line.
SourceLine words_of(std::string_view text, int line_number) {
    SourceLine line;
    line.number = line_number;
    std::size_t position = 0;
    while (position < text.size() && text[position] != '#') {
        while (position < text.size() && is_blank(text[position])) {
            ++position;
        }
        const std::size_t start = position;
        while (position < text.size() && !is_blank(text[position]) && text[position] != '#') {
            position =
                text[position] == '"' ? end_of_string(text, position, line_number) : position + 1;
        }
        if (position > start) {
            line.words.push_back(
                Token{text.substr(start, position - start), line_number, to_column(start)});
            line.end_column = to_column(position);
        }
    }
    return line;
}

// Optimal string alignment distance: Levenshtein plus adjacent transpositions,
// so "crahs" is one edit away from "crash".
std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
    for (std::size_t i = 0; i <= a.size(); ++i) {
        d[i][0] = i;
    }
    for (std::size_t j = 0; j <= b.size(); ++j) {
        d[0][j] = j;
    }
    for (std::size_t i = 1; i <= a.size(); ++i) {
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t substitution = a[i - 1] == b[j - 1] ? 0 : 1;
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + substitution});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
            }
        }
    }
    return d[a.size()][b.size()];
}

}  // namespace

std::vector<SourceLine> split_into_lines(std::string_view source) {
    std::vector<SourceLine> lines;
    int line_number = 0;
    std::size_t start = 0;
    while (start <= source.size()) {
        ++line_number;
        std::size_t end = source.find('\n', start);
        if (end == std::string_view::npos) {
            end = source.size();
        }
        const std::string_view text = source.substr(start, end - start);
        SourceLine line = words_of(text, line_number);
        if (!line.words.empty()) {
            lines.push_back(std::move(line));
        }
        start = end + 1;
    }
    return lines;
}

Token sub_token(const Token& word, std::size_t offset, std::size_t length) {
    const std::size_t clamped = std::min(offset, word.text.size());
    return Token{word.text.substr(clamped, length), word.line,
                 word.column + to_column(clamped) - 1};
}

void fail(const Token& at, std::string message) {
    throw ParseFailure{ParseError{at.line, at.column, std::move(message)}};
}

std::string quoted(std::string_view word) {
    return "'" + std::string(word) + "'";
}

std::string did_you_mean(std::string_view word, std::span<const std::string_view> candidates) {
    // Short words tolerate one typo, longer ones two; more would suggest nonsense.
    const std::size_t tolerance = word.size() <= 4 ? 1 : 2;
    std::string_view best;
    std::size_t best_distance = tolerance + 1;
    for (std::string_view candidate : candidates) {
        // The distance is at least the difference in length: skip hopeless
        // candidates before paying for the table (a pasted paragraph is one word).
        const std::size_t length_gap = word.size() > candidate.size()
                                           ? word.size() - candidate.size()
                                           : candidate.size() - word.size();
        if (length_gap > tolerance) {
            continue;
        }
        const std::size_t distance = edit_distance(word, candidate);
        if (distance < best_distance) {
            best = candidate;
            best_distance = distance;
        }
    }
    return best.empty() ? std::string() : "; did you mean " + quoted(best) + "?";
}

std::string join_choices(std::span<const std::string_view> choices) {
    std::string joined;
    for (std::size_t i = 0; i < choices.size(); ++i) {
        if (i > 0) {
            joined += i + 1 == choices.size() ? " or " : ", ";
        }
        joined += choices[i];
    }
    return joined;
}

Token TokenCursor::peek() const {
    if (at_end()) {
        return Token{std::string_view(), line_->number, line_->end_column};
    }
    return line_->words[index_];
}

Token TokenCursor::take(std::string_view expected) {
    if (at_end()) {
        fail(peek(), "expected " + std::string(expected) + ", got the end of the line");
    }
    return line_->words[index_++];
}

Token TokenCursor::take_keyword(std::string_view keyword, std::string_view context) {
    const Token word = peek();
    if (word.text != keyword) {
        const std::string found = at_end() ? "the end of the line" : quoted(word.text);
        fail(word, "expected " + quoted(keyword) + " " + std::string(context) + ", got " + found);
    }
    ++index_;
    return word;
}

void TokenCursor::expect_end(std::string_view after) {
    if (!at_end()) {
        fail(peek(), "unexpected " + quoted(peek().text) + " after " + std::string(after));
    }
}

}  // namespace quorum::scenario::internal
