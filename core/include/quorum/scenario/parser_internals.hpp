// The scenario parser's internals, shared by its translation units
// (core/src/scenario/*.cpp). Not part of the API: use parser.hpp.
//
// The parser works line by line. split_into_lines cuts the source into lines
// of words (comments and blank lines gone), each word remembering its line and
// column; a TokenCursor walks one line's words. Every function below that
// finds a mistake throws a ParseFailure naming the offending word: the
// recursive-descent code stays linear, and parse_scenario turns the first
// failure into the ParseError it returns (nothing throws across the API).
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "quorum/erased.hpp"
#include "quorum/scenario/ast.hpp"
#include "quorum/scenario/parser.hpp"

namespace quorum::scenario {
class ProtocolLanguage;
enum class CommonWord;
}  // namespace quorum::scenario

namespace quorum::scenario::internal {

// One word of the source. `text` views the caller's source string.
struct Token {
    std::string_view text;
    int line = 0;
    int column = 0;
};

struct SourceLine {
    int number = 0;
    std::vector<Token> words;  // never empty
    int end_column = 0;        // just past the last word: where "missing ..." errors point
};

std::vector<SourceLine> split_into_lines(std::string_view source);

// The part of `word` from `offset` on, `length` bytes (npos: to its end), with
// its own column, so that an error inside `acceptors=1,7` points at the 7.
Token sub_token(const Token& word, std::size_t offset, std::size_t length = std::string_view::npos);

struct ParseFailure {
    ParseError error;
};
[[noreturn]] void fail(const Token& at, std::string message);

// "'word'", quoted the way every message quotes the script.
std::string quoted(std::string_view word);

// "; did you mean 'crash'?" when one candidate is close to `word` (a small edit
// distance), else "".
std::string did_you_mean(std::string_view word, std::span<const std::string_view> candidates);
// "a, b or c".
std::string join_choices(std::span<const std::string_view> choices);

// Walks the words of one line.
class TokenCursor {
  public:
    explicit TokenCursor(const SourceLine& line) : line_(&line) {}

    bool at_end() const { return index_ == line_->words.size(); }
    // The next word, or an empty word at the end of the line (for errors).
    Token peek() const;
    bool next_is(std::string_view word) const { return !at_end() && peek().text == word; }
    // The next word; at the end of the line, fails with "expected <expected>".
    Token take(std::string_view expected);
    // The next word, which must be `keyword`.
    Token take_keyword(std::string_view keyword, std::string_view context);
    // Fails unless every word has been taken.
    void expect_end(std::string_view after);

  private:
    const SourceLine* line_;
    std::size_t index_ = 0;
};

// Value parsers. Each fails with a precise message naming the word.
std::optional<std::uint64_t> parse_digits(std::string_view text);  // digits only, no overflow
TimeUs parse_duration(const Token& word);
DurationRange parse_duration_range(const Token& word);
PartsPerMillion parse_probability(const Token& word);
bool parse_on_off(const Token& word);
std::uint64_t parse_whole_number(const Token& word, std::string_view what);
// A literal node id, 1..node_count.
NodeId parse_node_literal(const Token& word, NodeId node_count);
std::string node_does_not_exist(std::uint64_t id, NodeId node_count);
Comparison parse_comparison(const Token& word);
// Letters, digits and '_', starting with a letter or '_' (variable names, message types).
bool is_identifier(std::string_view text);
// A key or a value (`client put <k> <v>`, `value <k> == <v>`): any word except
// a `$name`, since variables stand for ids and numbers only.
std::string take_literal_text(TokenCursor& cursor, std::string_view expected);

// What earlier lines established, as the commands and conditions need it.
struct KnownVariable {
    Remembered what = Remembered::Leader;
    int line = 0;
};
struct ParseContext {
    ClusterLine cluster;
    const ProtocolLanguage* language = nullptr;  // the cluster's protocol's part of the language
    std::map<std::string, KnownVariable, std::less<>> variables;
};

// A literal id in 1..N or a `$name` remembered as a leader.
NodeRef parse_node_ref(const Token& word, const ParseContext& context);
// A literal whole number (negative only if allowed) or a `$name` remembered as a term.
NumberRef parse_number_ref(const Token& word, const ParseContext& context, bool allow_negative);

ClusterLine parse_cluster(TokenCursor& cursor, const Token& command_word);
// `1,2,3` or `all` (a role list, a configuration): every id in 1..node_count,
// none twice; sorted. `role` names the list in messages ("acceptors").
std::vector<NodeId> parse_node_list(const Token& value, NodeId node_count, std::string_view role);
Condition parse_condition(TokenCursor& cursor, const ParseContext& context);
// `on all|live|majority|<id>`: the nodes a per-node condition looks at.
NodeScope parse_scope(TokenCursor& cursor, const ParseContext& context, bool allow_majority);
// The next word starts with one of = ! < >.
bool looks_like_comparison(const Token& word);

// A word of the common language the cluster's protocol has no meaning for
// (`leader` where there is none, ...): fails at `word` there, saying why.
void require(CommonWord what, const Token& word, const ParseContext& context);

// Everything the lines read so far established.
struct ParserState {
    ParseContext context;
    std::optional<Token> first_action;  // the first command that is not set-up
    // What the protocol's own statements need to remember from line to line
    // (its scenario.cpp says what).
    Erased<struct LanguageStateKind> language_state;
};

// Command parsers: `verb` is the command word, the cursor is just after it.
Command parse_partition(const Token& verb, TokenCursor& cursor, ParserState& state);
Command parse_net(const Token& verb, TokenCursor& cursor, ParserState& state);
Command parse_client(const Token& verb, TokenCursor& cursor, ParserState& state);
Command parse_message_action(const Token& verb, TokenCursor& cursor, ParserState& state);
Command parse_block(const Token& verb, TokenCursor& cursor, ParserState& state);
// Lesson lines (lesson.cpp).
Command parse_say(const Token& verb, TokenCursor& cursor, ParserState& state);
Command parse_ask(const Token& verb, TokenCursor& cursor, ParserState& state);
Command parse_pause(const Token& verb, TokenCursor& cursor, ParserState& state);
Command parse_highlight(const Token& verb, TokenCursor& cursor, ParserState& state);

// The rules of the protocol's checker (its Checker::rules()), for
// `expect violation <rule>`.
std::span<const Rule> checker_rules(std::string_view protocol);

}  // namespace quorum::scenario::internal
