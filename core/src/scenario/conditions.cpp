// Conditions: the words after `expect` and between `run until` and `within`.
//
// Every condition has a fixed shape (`committed >= 3 on majority`), so the
// parser reads exactly its words and leaves the rest of the line to the
// caller: `run until leader within 2s` stops at `within` without lookahead
// tricks. `not` recurses; its depth is capped so that a pathological line
// cannot exhaust the stack (an inline `not not ...` beyond a few is a typo).
#include <algorithm>
#include <iterator>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "quorum/scenario/language.hpp"
#include "quorum/scenario/parser_internals.hpp"

namespace quorum::scenario::internal {

namespace {

constexpr int kDeepestNot = 16;

// The common language's condition words; a protocol adds its own
// (ProtocolLanguage::condition_words()).
constexpr std::string_view kConditionWords[] = {"leader",       "no",       "term",    "committed",
                                                "applied",      "agree",    "value",   "safe",
                                                "linearizable", "messages", "pending", "not"};

// The protocol whose condition word `text` is, if any.
const ProtocolLanguage* owner_of(std::string_view text) {
    for (const ProtocolLanguage* language : every_language()) {
        for (std::string_view word : language->condition_words()) {
            if (word == text) {
                return language;
            }
        }
    }
    return nullptr;
}

// Every condition word, the common ones first, for "did you mean".
std::vector<std::string_view> every_word() {
    std::vector<std::string_view> words(std::begin(kConditionWords), std::end(kConditionWords));
    for (const ProtocolLanguage* language : every_language()) {
        for (std::string_view word : language->condition_words()) {
            if (std::find(words.begin(), words.end(), word) == words.end()) {
                words.push_back(word);
            }
        }
    }
    return words;
}

}  // namespace

bool looks_like_comparison(const Token& word) {
    return !word.text.empty() &&
           std::string_view("=!<>").find(word.text[0]) != std::string_view::npos;
}

void require(CommonWord what, const Token& word, const ParseContext& context) {
    if (!context.language->has(what)) {
        fail(word, context.language->why_not(what, word.text));
    }
}

NodeScope parse_scope(TokenCursor& cursor, const ParseContext& context, bool allow_majority) {
    cursor.take_keyword("on", "and the nodes it applies to (on all, live, majority or <id>)");
    const std::string_view choices =
        allow_majority ? "all, live, majority or a node id" : "all, live or a node id";
    const Token word = cursor.take(choices);
    if (word.text == "all") {
        return NodeScope{Scope::AllNodes, {}};
    }
    if (word.text == "live") {
        return NodeScope{Scope::LiveNodes, {}};
    }
    if (word.text == "majority" && allow_majority) {
        return NodeScope{Scope::Majority, {}};
    }
    if (word.text == "majority" || word.text.empty() ||
        !(word.text[0] == '$' || (word.text[0] >= '0' && word.text[0] <= '9'))) {
        fail(word, "expected " + std::string(choices) + " after 'on', got " + quoted(word.text));
    }
    return NodeScope{Scope::Node, parse_node_ref(word, context)};
}

namespace {

// `leader`, `leader == <id>`, `leader != <id>`.
LeaderIs parse_leader_comparison(TokenCursor& cursor, const ParseContext& context) {
    const Token operator_word = cursor.take("a comparison");
    const Comparison comparison = parse_comparison(operator_word);
    if (comparison != Comparison::Equal && comparison != Comparison::NotEqual) {
        fail(operator_word,
             "a leader can only be compared with == or !=, got " + quoted(operator_word.text));
    }
    return LeaderIs{comparison, parse_node_ref(cursor.take("a node id or $name"), context)};
}

QuantityIs parse_quantity(TokenCursor& cursor, const ParseContext& context, Quantity quantity) {
    QuantityIs result;
    result.quantity = quantity;
    result.comparison = parse_comparison(cursor.take("a comparison (==, !=, <, <=, >, >=)"));
    result.value = parse_number_ref(cursor.take("a number or $name"), context, false);
    if (quantity == Quantity::Committed || quantity == Quantity::Applied) {
        result.on = parse_scope(cursor, context, true);
    }
    return result;
}

ValueIs parse_value(TokenCursor& cursor, const ParseContext& context) {
    ValueIs result;
    result.key = take_literal_text(cursor, "a key after 'value'");
    cursor.take_keyword("==", "after the key (value <key> == <value> on ...)");
    result.value = take_literal_text(cursor, "a value after '=='");
    result.on = parse_scope(cursor, context, false);
    return result;
}

decltype(Condition::test) parse_quantity_word(const Token& word, TokenCursor& cursor,
                                              const ParseContext& context) {
    struct Named {
        std::string_view word;
        Quantity quantity;
    };
    constexpr Named kQuantities[] = {{"term", Quantity::Term},
                                     {"committed", Quantity::Committed},
                                     {"applied", Quantity::Applied},
                                     {"messages", Quantity::Messages},
                                     {"pending", Quantity::Pending}};
    for (const Named& named : kQuantities) {
        if (named.word == word.text) {
            if (named.quantity == Quantity::Committed || named.quantity == Quantity::Applied) {
                require(CommonWord::Log, word, context);
            }
            if (named.quantity == Quantity::Term) {
                require(CommonWord::Leader, word, context);
            }
            return parse_quantity(cursor, context, named.quantity);
        }
    }
    fail(word, "unknown condition " + quoted(word.text) + did_you_mean(word.text, every_word()));
}

Condition parse_nested(TokenCursor& cursor, const ParseContext& context, int depth);

decltype(Condition::test) parse_test(const Token& word, TokenCursor& cursor,
                                     const ParseContext& context, int depth) {
    const std::string_view text = word.text;
    if (text == "not") {
        if (depth >= kDeepestNot) {
            fail(word, "too many nested 'not's (at most " + std::to_string(kDeepestNot) + ")");
        }
        return Not{Box<Condition>(parse_nested(cursor, context, depth + 1))};
    }
    if (text == "no") {
        require(CommonWord::Leader, cursor.peek(), context);
        cursor.take_keyword("leader", "after 'no'");
        return NoLeader{};
    }
    if (text == "leader") {
        require(CommonWord::Leader, word, context);
        if (looks_like_comparison(cursor.peek())) {
            return parse_leader_comparison(cursor, context);
        }
        return HasLeader{};
    }
    if (text == "agree" || text == "value") {
        require(CommonWord::Log, word, context);
        if (text == "agree") {
            return Agree{};
        }
        return parse_value(cursor, context);
    }
    if (text == "safe") {
        return Safe{};
    }
    if (text == "linearizable") {
        return Linearizable{};
    }
    if (const ProtocolLanguage* owner = owner_of(text)) {
        if (owner != context.language) {
            fail(word, owner->foreign(text, context.cluster.protocol()));
        }
        return owner->parse_condition(word, cursor, context);
    }
    return parse_quantity_word(word, cursor, context);
}

Condition parse_nested(TokenCursor& cursor, const ParseContext& context, int depth) {
    const Token word = cursor.take("a condition (leader, term >= 2, safe, ...)");
    Condition condition;
    condition.pos = SourcePos{word.line, word.column};
    condition.test = parse_test(word, cursor, context, depth);
    return condition;
}

}  // namespace

Condition parse_condition(TokenCursor& cursor, const ParseContext& context) {
    return parse_nested(cursor, context, 0);
}

}  // namespace quorum::scenario::internal
