// The paper-figure set-up commands (Raft only), which give a node durable
// state to start from instead of an empty log and term 0:
//
//   log 1 1 1 2 3      node 1's log: four entries, of terms 1, 1, 2 and 3
//   state 1 term=3 vote=2
//
// parser.cpp only accepts them before every other command (the cluster is
// built from them), so the node ids must be literals: no `$name` can exist
// yet. Checked here: one `log` and one `state` per node, terms of entries >= 1
// and non-decreasing (a Raft log never has a later entry of an earlier term),
// and a node's current term at least its last entry's term.
#include <optional>
#include <string>
#include <string_view>

#include "quorum/scenario/parser_internals.hpp"

namespace quorum::scenario::internal {

namespace {

void require_raft(const Token& verb, const ParseContext& context) {
    if (context.cluster.algorithm != Algorithm::Raft) {
        fail(verb, quoted(verb.text) + " sets up a Raft node; this cluster runs " +
                       std::string(to_string(context.cluster.algorithm)));
    }
}

std::string node_name(NodeId node) {
    return "node " + std::to_string(node);
}

// "node 2's current term (1, set on line 3) is below its last entry's term (2)".
std::string term_below_log(NodeId node, RaftTerm term, int term_line, RaftTerm log_term,
                           int log_line) {
    return node_name(node) + "'s current term (" + std::to_string(term) + ", line " +
           std::to_string(term_line) + ") is below the term of its last log entry (" +
           std::to_string(log_term) + ", line " + std::to_string(log_line) + ")";
}

}  // namespace

Command parse_set_log(const Token& verb, TokenCursor& cursor, ParserState& state) {
    require_raft(verb, state.context);
    const Token node_word = cursor.take("a node id after 'log', like log 1 1 1 2");
    SetLog log{parse_node_literal(node_word, state.context.cluster.nodes), {}};
    DurableSetup& setup = state.setups[log.node];
    if (setup.log_line != 0) {
        fail(node_word, node_name(log.node) + "'s log is already set on line " +
                            std::to_string(setup.log_line));
    }
    Token last_word = node_word;
    while (!cursor.at_end()) {
        last_word = cursor.take("a term");
        const RaftTerm term = parse_whole_number(last_word, "the term of an entry");
        if (term == 0) {
            fail(last_word, "log entries have terms of 1 or more, got '0'");
        }
        if (!log.terms.empty() && term < log.terms.back()) {
            fail(last_word, "the terms in a log never decrease: " + std::to_string(term) +
                                " comes after " + std::to_string(log.terms.back()));
        }
        log.terms.push_back(term);
    }
    if (log.terms.empty()) {
        fail(cursor.peek(), "expected the terms of " + node_name(log.node) +
                                "'s entries, in index order, like log 1 1 1 2");
    }
    if (setup.state_line != 0 && setup.term < log.terms.back()) {
        fail(last_word,
             term_below_log(log.node, setup.term, setup.state_line, log.terms.back(), verb.line));
    }
    setup.log_line = verb.line;
    setup.last_log_term = log.terms.back();
    return log;
}

namespace {

// The `term=` and `vote=` words of a `state` line.
struct StateWords {
    std::optional<Token> term;
    std::optional<Token> vote;
};

StateWords read_state_words(TokenCursor& cursor) {
    StateWords words;
    while (!cursor.at_end()) {
        const Token word = cursor.take("term=<n> or vote=<id>");
        const std::size_t equals = word.text.find('=');
        const Token name = sub_token(word, 0, equals);
        std::optional<Token>* slot = name.text == "term"   ? &words.term
                                     : name.text == "vote" ? &words.vote
                                                           : nullptr;
        if (equals == std::string_view::npos || slot == nullptr) {
            fail(word, "expected term=<n> or vote=<id>|none, got " + quoted(word.text));
        }
        if (slot->has_value()) {
            fail(word, quoted(name.text) + " is given twice (first at column " +
                           std::to_string((*slot)->column) + ")");
        }
        *slot = sub_token(word, equals + 1);
    }
    return words;
}

}  // namespace

Command parse_set_state(const Token& verb, TokenCursor& cursor, ParserState& state) {
    require_raft(verb, state.context);
    const Token node_word = cursor.take("a node id after 'state', like state 1 term=2 vote=1");
    SetState result;
    result.node = parse_node_literal(node_word, state.context.cluster.nodes);
    DurableSetup& setup = state.setups[result.node];
    if (setup.state_line != 0) {
        fail(node_word, node_name(result.node) + "'s state is already set on line " +
                            std::to_string(setup.state_line));
    }
    const StateWords words = read_state_words(cursor);
    if (!words.term) {
        fail(cursor.peek(), "expected term=<n> after " +
                                quoted("state " + std::string(node_word.text)) +
                                " (like state 1 term=2 vote=1)");
    }
    result.term = parse_whole_number(*words.term, "a term");
    if (words.vote && words.vote->text != "none") {
        result.voted_for = parse_node_literal(*words.vote, state.context.cluster.nodes);
    }
    if (setup.log_line != 0 && result.term < setup.last_log_term) {
        fail(*words.term, term_below_log(result.node, result.term, verb.line, setup.last_log_term,
                                         setup.log_line));
    }
    setup.state_line = verb.line;
    setup.term = result.term;
    return result;
}

}  // namespace quorum::scenario::internal
