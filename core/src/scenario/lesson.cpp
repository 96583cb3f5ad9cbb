// Lesson lines: `say`, `ask`, `pause` and `highlight` (docs/scenarios.md,
// "Lessons"). They carry a teacher's words and questions between the
// commands; the page shows them, quorum-sim checks them (lesson_runner.cpp).
// Their quoted strings are cut by the lexer (lexer.cpp), which fails on one
// left open; here they are unquoted and checked.
#include <algorithm>
#include <array>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "quorum/protocols.hpp"
#include "quorum/scenario/language.hpp"
#include "quorum/scenario/parser_internals.hpp"

namespace quorum::scenario::internal {

namespace {

// The dashboard's panels a lesson may point at, by the ids the page gives them.
constexpr std::string_view kPanels[] = {"cluster", "inspector",  "time",     "network",
                                        "logs",    "events",     "scenario", "chaos",
                                        "clients", "invariants", "setup",    "about"};

constexpr std::size_t kMaxChoices = 9;

bool is_string(const Token& word) {
    return word.text.size() >= 2 && word.text.front() == '"' && word.text.back() == '"';
}

// The text between the quotes of `word`, with `\"` and `\\` undone.
std::string unquote(const Token& word) {
    std::string text;
    const std::string_view inside = word.text.substr(1, word.text.size() - 2);
    for (std::size_t i = 0; i < inside.size(); ++i) {
        if (inside[i] == '\\' && i + 1 < inside.size()) {
            ++i;
        }
        text += inside[i];
    }
    return text;
}

// The next word, which must be a non-empty quoted string.
std::string take_string(TokenCursor& cursor, std::string_view expected) {
    const Token word = cursor.take(expected);
    if (!is_string(word)) {
        fail(word, "expected " + std::string(expected) + ", got " + quoted(word.text) +
                       " (text goes between double quotes)");
    }
    std::string text = unquote(word);
    if (text.empty()) {
        fail(word, "expected " + std::string(expected) + ", got an empty string");
    }
    return text;
}

// A protocol's message variant, as its type_name() takes it.
template <typename F>
struct PayloadOf;
template <typename A>
struct PayloadOf<std::string_view (*)(const A&)> {
    using type = A;
};

// Every message type name of the protocol (each alternative of its payload).
std::vector<std::string_view> message_types(std::string_view protocol) {
    const auto algorithm = parse_algorithm(protocol);
    if (!algorithm) {
        return {};
    }
    return with_protocol(*algorithm, []<Protocol P>() {
        using Payload = typename PayloadOf<decltype(&P::type_name)>::type;
        return [&]<std::size_t... I>(std::index_sequence<I...>) {
            return std::vector<std::string_view>{P::type_name(Payload(std::in_place_index<I>))...};
        }
        (std::make_index_sequence<std::variant_size_v<Payload>>());
    });
}

// `choices="a|b|c"`: two to nine non-empty choices.
std::vector<std::string> parse_choices(const Token& word) {
    const Token value = sub_token(word, std::string_view("choices=").size());
    if (!is_string(value)) {
        fail(value,
             "expected the choices in quotes, like choices=\"yes|no\", got " + quoted(value.text));
    }
    const std::string text = unquote(value);
    std::vector<std::string> choices;
    std::size_t start = 0;
    for (;;) {
        const std::size_t bar = text.find('|', start);
        std::string choice = text.substr(start, bar == std::string::npos ? bar : bar - start);
        if (choice.find_first_not_of(' ') == std::string::npos) {
            fail(value, "choice " + std::to_string(choices.size() + 1) +
                            " is empty: choices are separated by '|', like \"yes|no\"");
        }
        choices.push_back(std::move(choice));
        if (bar == std::string::npos) {
            break;
        }
        start = bar + 1;
    }
    if (choices.size() < 2 || choices.size() > kMaxChoices) {
        fail(value, "a question has 2 to " + std::to_string(kMaxChoices) + " choices, got " +
                        std::to_string(choices.size()));
    }
    return choices;
}

void parse_because(TokenCursor& cursor, Ask& ask) {
    if (cursor.next_is("because")) {
        cursor.take("because");
        ask.because = take_string(cursor, "the reason in quotes after 'because'");
    }
}

// `until <cond> within <duration>`: the class answers by doing.
void parse_until(TokenCursor& cursor, const ParseContext& context, Ask& ask) {
    cursor.take("until");
    ask.until = parse_condition(cursor, context);
    cursor.take_keyword("within", "after the condition " + quoted(to_string(*ask.until)));
    ask.within_us = parse_duration(cursor.take("a duration like 10s after 'within'"));
}

// `choices="a|b" answer=<n>`, in either order, both required.
void parse_multiple_choice(const Token& verb, TokenCursor& cursor, Ask& ask) {
    std::optional<Token> answer;
    while (!cursor.at_end() && !cursor.next_is("because")) {
        const Token word = cursor.take("choices=... or answer=...");
        if (word.text.starts_with("choices=") && ask.choices.empty()) {
            ask.choices = parse_choices(word);
        } else if (word.text.starts_with("answer=") && !answer) {
            answer = word;
        } else {
            fail(word, "expected choices=\"a|b|c\", answer=<n> or because \"...\" in 'ask', got " +
                           quoted(word.text));
        }
    }
    const std::string needs =
        "'ask' needs choices=\"a|b|c\" and answer=<n>, or until "
        "<condition> within <duration>";
    if (ask.choices.empty()) {
        fail(cursor.at_end() ? cursor.peek() : verb, needs + ": the choices are missing");
    }
    if (!answer) {
        fail(cursor.at_end() ? cursor.peek() : verb, needs + ": the answer is missing");
    }
    const Token number = sub_token(*answer, std::string_view("answer=").size());
    const auto value = parse_digits(number.text);
    if (!value || *value < 1 || *value > ask.choices.size()) {
        fail(number, "answer=" + std::string(number.text) + " is out of range: the question has " +
                         std::to_string(ask.choices.size()) + " choices (answer=1.." +
                         std::to_string(ask.choices.size()) + ")");
    }
    ask.answer = static_cast<int>(*value);
}

Highlight parse_highlight_target(const Token& word, const ParseContext& context) {
    if (word.text == "leader") {
        require(CommonWord::Leader, word, context);
        return Highlight{HighlightKind::Leader, {}, {}};
    }
    if (word.text[0] == '$' || (word.text[0] >= '0' && word.text[0] <= '9')) {
        return Highlight{HighlightKind::Node, parse_node_ref(word, context), {}};
    }
    if (std::find(std::begin(kPanels), std::end(kPanels), word.text) != std::end(kPanels)) {
        return Highlight{HighlightKind::Panel, {}, std::string(word.text)};
    }
    const std::vector<std::string_view> types = message_types(context.cluster.protocol());
    if (std::find(types.begin(), types.end(), word.text) != types.end()) {
        return Highlight{HighlightKind::MessageType, {}, std::string(word.text)};
    }
    std::vector<std::string_view> names(types);
    names.insert(names.end(), std::begin(kPanels), std::end(kPanels));
    fail(word, "'highlight' takes a node id, 'leader', a " +
                   std::string(context.cluster.protocol()) + " message type (" +
                   join_choices(types) + ") or a panel (" + join_choices(kPanels) + "), got " +
                   quoted(word.text) + did_you_mean(word.text, names));
}

}  // namespace

Command parse_say(const Token&, TokenCursor& cursor, ParserState&) {
    Say say{take_string(cursor, "the text in quotes after 'say', like say \"Hello\"")};
    cursor.expect_end("the text of 'say'");
    return LessonLine{std::move(say)};
}

Command parse_ask(const Token& verb, TokenCursor& cursor, ParserState& state) {
    Ask ask;
    ask.question = take_string(cursor, "the question in quotes after 'ask'");
    if (cursor.next_is("until")) {
        parse_until(cursor, state.context, ask);
    } else {
        parse_multiple_choice(verb, cursor, ask);
    }
    parse_because(cursor, ask);
    cursor.expect_end("the question of 'ask'");
    return LessonLine{std::move(ask)};
}

Command parse_pause(const Token& verb, TokenCursor& cursor, ParserState&) {
    cursor.expect_end(quoted(verb.text));
    return LessonLine{Pause{}};
}

Command parse_highlight(const Token&, TokenCursor& cursor, ParserState& state) {
    const Token word = cursor.take(
        "a node id, 'leader', a message type or a panel after "
        "'highlight'");
    Highlight highlight = parse_highlight_target(word, state.context);
    cursor.expect_end("what 'highlight' points at");
    return LessonLine{std::move(highlight)};
}

}  // namespace quorum::scenario::internal
