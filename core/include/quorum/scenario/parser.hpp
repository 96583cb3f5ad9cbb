// Parsing a scenario file (`.qs`, docs/scenarios.md) into a Scenario.
//
// The parser reads a whole file held in a string (it does no I/O) and returns
// either every statement, validated, or the first error with its line, column
// and a message that says what was expected and what was found. Because the
// whole file is checked before anything is returned, an interpreter never
// starts a script that would fail half-way on a typo: parse, then run.
//
//     ParseResult result = parse_scenario(text);
//     if (!result.ok()) {
//         std::cerr << format_error("election.qs", result.error()) << '\n';  // exit code 2
//         return 2;
//     }
//     run(result.scenario());
//
// The language, as parsed here (docs/scenarios.md is its reference):
//   - one command per line; `#` starts a comment that runs to the end of the
//     line; words are separated by spaces or tabs; blank lines are ignored;
//   - the first command is `cluster <protocol> option=value...`, a protocol
//     of the registry with the options of its table (quorum/options.hpp);
//   - node ids are 1..N for the cluster's N nodes; `$name` stands for an id
//     or a number once `remember name = leader|term` has appeared on an
//     earlier line (a leader variable only where an id is expected, a term
//     variable only where a number is expected);
//   - a protocol refuses the common words it has no meaning for (a leader,
//     a log, key-value clients, proposing clients) and adds words of its own
//     (statements and conditions): its part of the language
//     (quorum/scenario/language.hpp) says which, and parses and runs them;
//   - `expect violation <rule>`: the rest of the line is one of the
//     rules the protocol's checker declares (its rules()), like
//     `expect violation promise kept`.
// Deterministic, locale-independent, no globals. It never throws: errors are
// values.
#pragma once

#include <string>
#include <string_view>
#include <variant>

#include "quorum/scenario/ast.hpp"

namespace quorum::scenario {

struct ParseError {
    int line = 0;    // 1-based
    int column = 0;  // 1-based, in bytes; points at the offending word
    std::string message;
    friend bool operator==(const ParseError&, const ParseError&) = default;
};

// `file:line:col: message`, the form compilers use, so editors can jump to it.
std::string format_error(std::string_view file_name, const ParseError& error);

// Either a Scenario or the first ParseError.
class ParseResult {
  public:
    explicit ParseResult(Scenario scenario) : outcome_(std::move(scenario)) {}
    explicit ParseResult(ParseError error) : outcome_(std::move(error)) {}

    bool ok() const { return std::holds_alternative<Scenario>(outcome_); }
    // Preconditions: ok() for scenario(), !ok() for error().
    const Scenario& scenario() const { return *std::get_if<Scenario>(&outcome_); }
    Scenario& scenario() { return *std::get_if<Scenario>(&outcome_); }
    const ParseError& error() const { return *std::get_if<ParseError>(&outcome_); }

  private:
    std::variant<Scenario, ParseError> outcome_;
};

ParseResult parse_scenario(std::string_view source);

}  // namespace quorum::scenario
