// Raft's part of the scenario language (scenario/language.hpp;
// docs/scenarios.md):
//
//   log 1 1 1 2 3            node 1's durable log: entries of terms 1, 1, 2, 3
//   state 1 term=3 vote=2    node 1's currentTerm and votedFor
//   expect entry 2 term == 3 on all
//   expect snapshot >= 10 on 3   node 3's latest snapshot covers index 10
//
// `log` and `state` give a node the durable state a figure of the paper
// starts from (Figure 7, Figure 8) instead of an empty log and term 0. The
// cluster is built from them, so they come right after `cluster` and name
// nodes literally (no `$name` exists yet). Checked: one `log` and one `state`
// per node, terms of entries >= 1 and non-decreasing (a Raft log never has a
// later entry of an earlier term), and a node's current term at least its
// last entry's term. Entries are `put i<index> t<term>`, so entries with the
// same index and term are the same entry on every node, as the figures
// assume; a node with a log but no `state` starts at its last entry's term.
#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "quorum/check/linearizability.hpp"
#include "quorum/raft/protocol.hpp"
#include "quorum/raft/scenario.hpp"
#include "quorum/scenario/language.hpp"
#include "quorum/sim/nodes.hpp"

namespace quorum::raft {

namespace {

using scenario::Comparison;
using scenario::Condition;
using scenario::Interpreter;
using scenario::NodeScope;
using scenario::NumberRef;
using scenario::ProtocolCondition;
using scenario::ProtocolStatement;
using scenario::internal::fail;
using scenario::internal::ParseContext;
using scenario::internal::ParserState;
using scenario::internal::quoted;
using scenario::internal::Token;
using scenario::internal::TokenCursor;

// What the `log` and `state` lines have said about each node so far.
struct DurableSetup {
    int log_line = 0;  // 0: no `log` line for this node yet
    Term last_log_term = 0;
    int state_line = 0;  // 0: no `state` line for this node yet
    Term term = 0;
    friend bool operator==(const DurableSetup&, const DurableSetup&) = default;
};
struct Setups {
    std::map<NodeId, DurableSetup> nodes;
    friend bool operator==(const Setups&, const Setups&) = default;
};

Setups& setups(ParserState& state) {
    if (state.language_state.get<Setups>() == nullptr) {
        state.language_state =
            Erased<scenario::internal::LanguageStateKind>::of(Protocol::kName, Setups{});
    }
    return *state.language_state.get<Setups>();
}

std::string node_name(NodeId node) {
    return "node " + std::to_string(node);
}

// "node 2's current term (1, set on line 3) is below its last entry's term (2)".
std::string term_below_log(NodeId node, Term term, int term_line, Term log_term, int log_line) {
    return node_name(node) + "'s current term (" + std::to_string(term) + ", line " +
           std::to_string(term_line) + ") is below the term of its last log entry (" +
           std::to_string(log_term) + ", line " + std::to_string(log_line) + ")";
}

SetLog parse_log(const Token& verb, TokenCursor& cursor, ParserState& state) {
    using scenario::internal::parse_node_literal;
    using scenario::internal::parse_whole_number;
    const Token node_word = cursor.take("a node id after 'log', like log 1 1 1 2");
    SetLog log{parse_node_literal(node_word, state.context.cluster.nodes()), {}};
    DurableSetup& setup = setups(state).nodes[log.node];
    if (setup.log_line != 0) {
        fail(node_word, node_name(log.node) + "'s log is already set on line " +
                            std::to_string(setup.log_line));
    }
    Token last_word = node_word;
    while (!cursor.at_end()) {
        last_word = cursor.take("a term");
        const Term term = parse_whole_number(last_word, "the term of an entry");
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

// The `term=` and `vote=` words of a `state` line.
struct StateWords {
    std::optional<Token> term;
    std::optional<Token> vote;
};

StateWords read_state_words(TokenCursor& cursor) {
    using scenario::internal::sub_token;
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

SetState parse_state(const Token& verb, TokenCursor& cursor, ParserState& state) {
    using scenario::internal::parse_node_literal;
    using scenario::internal::parse_whole_number;
    const Token node_word = cursor.take("a node id after 'state', like state 1 term=2 vote=1");
    SetState result;
    result.node = parse_node_literal(node_word, state.context.cluster.nodes());
    DurableSetup& setup = setups(state).nodes[result.node];
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
        result.voted_for = parse_node_literal(*words.vote, state.context.cluster.nodes());
    }
    if (setup.log_line != 0 && result.term < setup.last_log_term) {
        fail(*words.term, term_below_log(result.node, result.term, verb.line, setup.last_log_term,
                                         setup.log_line));
    }
    setup.state_line = verb.line;
    setup.term = result.term;
    return result;
}

EntryTermIs parse_entry(TokenCursor& cursor, const ParseContext& context) {
    using scenario::internal::parse_comparison;
    using scenario::internal::parse_number_ref;
    using scenario::internal::parse_scope;
    using scenario::internal::parse_whole_number;
    const std::string usage = " (entry 2 term == 3 on all)";
    const Token index_word = cursor.take("a log index after 'entry'" + usage);
    EntryTermIs result;
    result.index = parse_whole_number(index_word, "a log index");
    if (result.index == 0) {
        fail(index_word, "log indexes start at 1, got '0'");
    }
    cursor.take_keyword("term", "after the index" + usage);
    result.comparison = parse_comparison(cursor.take("a comparison (==, !=, <, <=, >, >=)"));
    result.value = parse_number_ref(cursor.take("a number or $name"), context, false);
    result.on = parse_scope(cursor, context, true);
    return result;
}

SnapshotIs parse_snapshot(TokenCursor& cursor, const ParseContext& context) {
    using scenario::internal::parse_comparison;
    using scenario::internal::parse_number_ref;
    using scenario::internal::parse_scope;
    SnapshotIs result;
    result.comparison =
        parse_comparison(cursor.take("a comparison after 'snapshot' (snapshot >= 10 on all)"));
    result.value = parse_number_ref(cursor.take("a number or $name"), context, false);
    result.on = parse_scope(cursor, context, true);
    return result;
}

std::string text_of(const SnapshotIs& snapshot) {
    return "snapshot " + std::string(scenario::to_string(snapshot.comparison)) + " " +
           scenario::to_string(snapshot.value) + " on " + scenario::to_string(snapshot.on);
}

std::string text_of(const EntryTermIs& entry) {
    return "entry " + std::to_string(entry.index) + " term " +
           std::string(scenario::to_string(entry.comparison)) + " " +
           scenario::to_string(entry.value) + " on " + scenario::to_string(entry.on);
}

// The term of the entry at `index` of a node's log, 0 if it has none there.
Term term_of_entry(const Node& node, LogIndex index) {
    return index <= node.last_index() ? node.term_at(index) : Term{0};
}

class Language final : public scenario::ProtocolLanguage {
  public:
    std::string_view title() const override { return "Raft"; }
    bool has(scenario::CommonWord word) const override {
        return word != scenario::CommonWord::Propose;
    }
    std::string why_not(scenario::CommonWord, std::string_view text) const override {
        return quoted(text) + " has no meaning in Raft";
    }

    std::span<const std::string_view> statement_words() const override { return kStatements; }
    bool is_setup(std::string_view) const override { return true; }
    std::span<const std::string_view> condition_words() const override { return kConditions; }
    std::string foreign(std::string_view word, std::string_view running) const override {
        if (word == "entry" || word == "snapshot") {
            return quoted(word) + " looks at a Raft log; this cluster runs " + std::string(running);
        }
        return quoted(word) + " sets up a Raft node; this cluster runs " + std::string(running);
    }

    ProtocolStatement parse_statement(const Token& verb, TokenCursor& cursor,
                                      ParserState& state) const override {
        ProtocolStatement statement{std::string(verb.text), {}};
        using Kind = Erased<scenario::ProtocolStatementKind>;
        if (verb.text == "log") {
            statement.statement = Kind::of(Protocol::kName, parse_log(verb, cursor, state));
        } else {
            statement.statement = Kind::of(Protocol::kName, parse_state(verb, cursor, state));
        }
        return statement;
    }
    ProtocolCondition parse_condition(const Token& word, TokenCursor& cursor,
                                      const ParseContext& context) const override {
        if (word.text == "snapshot") {
            const SnapshotIs snapshot = parse_snapshot(cursor, context);
            return ProtocolCondition{text_of(snapshot), Erased<scenario::ProtocolConditionKind>::of(
                                                            Protocol::kName, snapshot)};
        }
        const EntryTermIs entry = parse_entry(cursor, context);
        return ProtocolCondition{
            text_of(entry), Erased<scenario::ProtocolConditionKind>::of(Protocol::kName, entry)};
    }

    void set_up(const scenario::Scenario& scenario, sim::Cluster& cluster) const override;
    std::optional<bool> evaluate(const ProtocolCondition& condition,
                                 Interpreter& interpreter) const override;
    bool agree(const sim::Cluster& cluster, const std::vector<NodeId>& members) const override;
    std::string explain(const Condition& condition, Interpreter& interpreter) const override;

  private:
    static constexpr std::string_view kStatements[] = {"log", "state"};
    static constexpr std::string_view kConditions[] = {"entry", "snapshot"};
};

// The durable state the `log` and `state` lines describe, each node started
// from it.
void Language::set_up(const scenario::Scenario& scenario, sim::Cluster& cluster) const {
    std::map<NodeId, DurableState> durable;
    std::map<NodeId, bool> has_state;
    for (const scenario::Statement& statement : scenario.statements) {
        const auto* own = std::get_if<ProtocolStatement>(&statement.command);
        if (own == nullptr) {
            continue;
        }
        if (const auto* log = own->statement.get<SetLog>()) {
            auto& entries = durable[log->node].log;
            for (Term term : log->terms) {
                Command command;
                command.kind = OperationKind::Put;
                command.key = "i" + std::to_string(entries.size() + 1);
                command.value = "t" + std::to_string(term);
                entries.push_back(Entry{term, command});
            }
        } else if (const auto* state = own->statement.get<SetState>()) {
            durable[state->node].hard_state = {state->term, state->voted_for};
            has_state[state->node] = true;
        }
    }
    for (auto& [node, state] : durable) {
        if (!has_state[node] && !state.log.empty()) {
            state.hard_state.current_term = state.log.back().term;
        }
        sim::host_of<Protocol>(cluster).set_up(cluster, node, state);
    }
}

std::optional<bool> Language::evaluate(const ProtocolCondition& condition,
                                       Interpreter& interpreter) const {
    if (const SnapshotIs* snapshot = condition.test.get<SnapshotIs>()) {
        const auto value = interpreter.resolve(snapshot->value);
        if (!value) {
            return std::nullopt;
        }
        const auto& nodes = interpreter.cluster().nodes<Protocol>();
        return interpreter.for_scope(snapshot->on, [&](NodeId id) {
            const LogIndex index = nodes.node(id).snapshot_index();
            return Interpreter::compare(static_cast<std::int64_t>(index), snapshot->comparison,
                                        *value);
        });
    }
    const EntryTermIs& entry = *condition.test.get<EntryTermIs>();
    const auto value = interpreter.resolve(entry.value);
    if (!value) {
        return std::nullopt;
    }
    const auto& nodes = interpreter.cluster().nodes<Protocol>();
    return interpreter.for_scope(entry.on, [&](NodeId id) {
        const Term term = term_of_entry(nodes.node(id), entry.index);
        return Interpreter::compare(static_cast<std::int64_t>(term), entry.comparison, *value);
    });
}

// Every live node has applied the same commands: same count, the same state
// machine, and the same entries wherever both still hold them (a snapshot
// compacts a prefix away; applying the same entries gives the same state).
bool Language::agree(const sim::Cluster& cluster, const std::vector<NodeId>& members) const {
    const auto& nodes = cluster.nodes<Protocol>();
    const Node* first = nullptr;
    for (NodeId id : members) {
        const Node* node = nodes.find(id);
        if (node == nullptr) {
            continue;
        }
        if (first == nullptr) {
            first = node;
            continue;
        }
        if (node->last_applied() != first->last_applied() ||
            !(node->state_machine() == first->state_machine())) {
            return false;
        }
        const LogIndex from = std::max(node->snapshot_index(), first->snapshot_index()) + 1;
        for (LogIndex index = from; index <= node->last_applied(); ++index) {
            if (!(*node->entry_at(index) == *first->entry_at(index))) {
                return false;
            }
        }
    }
    return true;
}

// "leader 2, term 3, commit 4 4 x 4 3" (x: crashed), and what the condition
// looked at besides.
std::string Language::explain(const Condition& condition, Interpreter& interpreter) const {
    const sim::Cluster& cluster = interpreter.cluster();
    const auto& nodes = cluster.nodes<Protocol>();
    std::string text = "leader ";
    const auto leader = cluster.leader();
    text += leader ? std::to_string(*leader) : "none";
    text += ", term " + std::to_string(cluster.highest_term()) + ", commit";
    for (NodeId id = 1; id <= cluster.size(); ++id) {
        text += " " + (cluster.is_up(id) ? std::to_string(nodes.node(id).commit_index()) : "x");
    }
    const auto* own = std::get_if<ProtocolCondition>(&condition.test);
    if (own != nullptr && own->test.get<SnapshotIs>() != nullptr) {
        text += ", snapshot";
        for (NodeId id = 1; id <= cluster.size(); ++id) {
            text += " " + (cluster.is_up(id) ? std::to_string(nodes.node(id).snapshot_index())
                                             : std::string("x"));
        }
    }
    if (const EntryTermIs* entry = own ? own->test.get<EntryTermIs>() : nullptr) {
        text += ", term of entry " + std::to_string(entry->index);
        for (NodeId id = 1; id <= cluster.size(); ++id) {
            const bool known = cluster.is_up(id) && entry->index <= nodes.node(id).last_index();
            text += " " + (!cluster.is_up(id) ? std::string("x")
                           : known            ? std::to_string(nodes.node(id).term_at(entry->index))
                                              : std::string("-"));
        }
    }
    if (std::holds_alternative<scenario::Linearizable>(condition.test)) {
        text += "; " + check_linearizability(cluster.history()).explanation;
    }
    return text;
}

}  // namespace

const scenario::ProtocolLanguage& Protocol::language() {
    static const Language language;
    return language;
}

}  // namespace quorum::raft
