// Conditions: the words after `expect` and between `run until` and `within`.
//
// Every condition has a fixed shape (`committed >= 3 on majority`), so the
// parser reads exactly its words and leaves the rest of the line to the
// caller: `run until leader within 2s` stops at `within` without lookahead
// tricks. `not` recurses; its depth is capped so that a pathological line
// cannot exhaust the stack (an inline `not not ...` beyond a few is a typo).
#include <string>
#include <string_view>
#include <utility>

#include "quorum/scenario/parser_internals.hpp"

namespace quorum::scenario::internal {

namespace {

constexpr int kDeepestNot = 16;

constexpr std::string_view kConditionWords[] = {
    "leader", "no",           "term",     "committed", "applied", "agree", "value",     "chosen",
    "safe",   "linearizable", "messages", "pending",   "not",     "entry", "acceptors", "leaders"};

bool looks_like_comparison(const Token& word) {
    return !word.text.empty() &&
           std::string_view("=!<>").find(word.text[0]) != std::string_view::npos;
}

void require_log(const Token& word, const ParseContext& context) {
    if (context.cluster.algorithm == Algorithm::Paxos) {
        fail(word, quoted(word.text) +
                       " needs a replicated log, which single-decree paxos does not have; use "
                       "'chosen' or 'chosen == <value>'");
    }
}

}  // namespace

void require_leader(const Token& word, const ParseContext& context) {
    if (context.cluster.algorithm == Algorithm::Paxos) {
        fail(word, quoted(word.text) +
                       " has no meaning in single-decree paxos, which has proposers but no leader "
                       "or term; use 'chosen', 'chosen == <value>' or 'safe'");
    }
}

namespace {

void require_paxos(const Token& word, const ParseContext& context) {
    if (context.cluster.algorithm != Algorithm::Paxos) {
        fail(word, quoted(word.text) + " is a single-decree paxos condition; this cluster runs " +
                       std::string(to_string(context.cluster.algorithm)));
    }
}

// `on all|live|majority|<id>`.
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
    if (quantity == Quantity::Committed || quantity == Quantity::Applied ||
        quantity == Quantity::EntryTerm) {
        result.on = parse_scope(cursor, context, true);
    }
    return result;
}

// `entry <index> term <op> <n> on <scope>`: the term of the entry at a log
// index, 0 where a node's log is shorter (Raft's logs, as the paper's figures
// draw them).
QuantityIs parse_entry(const Token& word, TokenCursor& cursor, const ParseContext& context) {
    if (context.cluster.algorithm != Algorithm::Raft) {
        fail(word, "'entry' looks at a Raft log; this cluster runs " +
                       std::string(to_string(context.cluster.algorithm)));
    }
    const std::string usage = " (entry 2 term == 3 on all)";
    const Token index_word = cursor.take("a log index after 'entry'" + usage);
    const std::uint64_t index = parse_whole_number(index_word, "a log index");
    if (index == 0) {
        fail(index_word, "log indexes start at 1, got '0'");
    }
    cursor.take_keyword("term", "after the index" + usage);
    QuantityIs result = parse_quantity(cursor, context, Quantity::EntryTerm);
    result.index = index;
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

decltype(Condition::test) parse_chosen(TokenCursor& cursor) {
    if (!looks_like_comparison(cursor.peek())) {
        return Chosen{};
    }
    const Token operator_word = cursor.take("a comparison");
    if (operator_word.text != "==") {
        fail(operator_word, "'chosen' can only be compared with ==, got " +
                                quoted(operator_word.text) + " (use 'not chosen == <value>')");
    }
    return ChosenIs{take_literal_text(cursor, "a value after 'chosen =='")};
}

// `acceptors == 2,3,4 on all`, `leaders != 1 on 2`: the configuration in
// effect at replicas (Multi-Paxos).
ConfigurationIs parse_configuration(const Token& word, TokenCursor& cursor,
                                    const ParseContext& context) {
    if (context.cluster.algorithm != Algorithm::MultiPaxos) {
        fail(word, quoted(word.text) +
                       " looks at a Multi-Paxos configuration (reconfigure); this cluster runs " +
                       std::string(to_string(context.cluster.algorithm)));
    }
    ConfigurationIs result;
    result.part =
        word.text == "leaders" ? ConfigurationPart::Leaders : ConfigurationPart::Acceptors;
    const Token operator_word = cursor.take("== or !=");
    result.comparison = parse_comparison(operator_word);
    if (result.comparison != Comparison::Equal && result.comparison != Comparison::NotEqual) {
        fail(operator_word, quoted(word.text) + " can only be compared with == or !=, got " +
                                quoted(operator_word.text));
    }
    const Token list = cursor.take("a node list like 2,3,4 after " + quoted(operator_word.text));
    result.nodes = parse_node_list(list, context.cluster.nodes, word.text);
    result.on = parse_scope(cursor, context, true);
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
                require_log(word, context);
            }
            if (named.quantity == Quantity::Term) {
                require_leader(word, context);
            }
            return parse_quantity(cursor, context, named.quantity);
        }
    }
    fail(word, "unknown condition " + quoted(word.text) + did_you_mean(word.text, kConditionWords));
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
        require_leader(cursor.peek(), context);
        cursor.take_keyword("leader", "after 'no'");
        return NoLeader{};
    }
    if (text == "leader") {
        require_leader(word, context);
        if (looks_like_comparison(cursor.peek())) {
            return parse_leader_comparison(cursor, context);
        }
        return HasLeader{};
    }
    if (text == "agree" || text == "value") {
        require_log(word, context);
        if (text == "agree") {
            return Agree{};
        }
        return parse_value(cursor, context);
    }
    if (text == "chosen") {
        require_paxos(word, context);
        return parse_chosen(cursor);
    }
    if (text == "safe") {
        return Safe{};
    }
    if (text == "linearizable") {
        return Linearizable{};
    }
    if (text == "entry") {
        return parse_entry(word, cursor, context);
    }
    if (text == "acceptors" || text == "leaders") {
        return parse_configuration(word, cursor, context);
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
