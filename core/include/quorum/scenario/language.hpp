// A protocol's part of the scenario language (docs/scenarios.md;
// docs/design.md, "The protocol seam"): the statements and conditions only it
// has, the words of the common language it has no meaning for, and how a run
// looks at its nodes. Each protocol implements this interface once, in its own
// folder (scenario.cpp); the parser and the runner reach it through the
// protocol's descriptor (language()), and know no protocol themselves.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "quorum/scenario/ast.hpp"
#include "quorum/scenario/parser_internals.hpp"
#include "quorum/scenario/runner_internals.hpp"

namespace quorum::scenario {

// Words of the common language a protocol may have no meaning for.
enum class CommonWord {
    Leader,    // `leader`, `no leader`, `term`, `crash|isolate|block leader`, `remember`
    Log,       // `committed`, `applied`, `agree`, `value`: a replicated log
    KeyValue,  // `client put|get|append|add`: a replicated key-value state machine
    Propose,   // `client propose`: clients proposing values
};

class ProtocolLanguage {
  public:
    virtual ~ProtocolLanguage() = default;

    // How messages name the protocol to a reader (its title, not its kName).
    virtual std::string_view title() const = 0;

    // --- Parsing.
    // Whether the common word means something here; if not, why_not() says
    // why, with what to use instead (`text`: the word as written). For
    // Propose the parser says it itself: it names the protocols that have it.
    virtual bool has(CommonWord word) const = 0;
    virtual std::string why_not(CommonWord word, std::string_view text) const = 0;
    // The words it adds: statements (the first word of a line), set-up
    // statements among them (only before every other command), and
    // conditions (the first word of a condition).
    virtual std::span<const std::string_view> statement_words() const { return {}; }
    virtual bool is_setup(std::string_view) const { return false; }
    virtual std::span<const std::string_view> condition_words() const { return {}; }
    // One of its words used in a cluster of another protocol (`running`).
    virtual std::string foreign(std::string_view word, std::string_view running) const = 0;
    // The rest of a line after one of its statement words, or of a condition
    // after one of its condition words (internal::fail on a mistake).
    virtual ProtocolStatement parse_statement(const internal::Token& verb,
                                              internal::TokenCursor& cursor,
                                              internal::ParserState& state) const;
    virtual ProtocolCondition parse_condition(const internal::Token& word,
                                              internal::TokenCursor& cursor,
                                              const internal::ParseContext& context) const;

    // --- Running.
    // Before the run: the set-up statements make the nodes' durable state.
    virtual void set_up(const Scenario&, sim::Cluster&) const {}
    virtual void run(const ProtocolStatement& statement, Interpreter& interpreter) const;
    // nullopt: it could not be evaluated (a failure has been reported).
    virtual std::optional<bool> evaluate(const ProtocolCondition& condition,
                                         Interpreter& interpreter) const;
    // The nodes per-node conditions range over: every node, unless only some
    // hold a log and a state machine.
    virtual std::vector<NodeId> scope_members(const sim::Cluster& cluster) const;
    // `agree`: every live member has applied the same commands.
    virtual bool agree(const sim::Cluster& cluster, const std::vector<NodeId>& members) const = 0;
    // The values a condition looked at, for a failure message.
    virtual std::string explain(const Condition& condition, Interpreter& interpreter) const = 0;
};

// The part of the protocol called `protocol` (a registry name), and every
// protocol's, in the registry's order (the registry dispatches: language.cpp).
const ProtocolLanguage& language_of(std::string_view protocol);
std::vector<const ProtocolLanguage*> every_language();

}  // namespace quorum::scenario
