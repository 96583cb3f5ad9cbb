// Small helpers shared by the scenario parser's test files: parse a script
// that must be valid (and say why not if it is not), or pull out its one
// statement or condition.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "quorum/scenario/parser.hpp"

namespace quorum::scenario::testing {

// The scenario of a script that must parse; on an error, the test fails with
// the error in the `file:line:col: message` form.
inline Scenario parse_valid(std::string_view source) {
    const ParseResult result = parse_scenario(source);
    if (!result.ok()) {
        ADD_FAILURE() << "unexpected error: " << format_error("test.qs", result.error())
                      << "\nin:\n"
                      << source;
        return Scenario{};
    }
    return result.scenario();
}

// The error of a script that must not parse.
inline ParseError parse_invalid(std::string_view source) {
    const ParseResult result = parse_scenario(source);
    if (result.ok()) {
        ADD_FAILURE() << "expected an error, but this parsed:\n" << source;
        return ParseError{};
    }
    return result.error();
}

// The last statement of `prelude` followed by `line` (prelude starts with the
// cluster line and may remember variables).
inline Statement last_statement(std::string_view prelude, std::string_view line) {
    const Scenario scenario = parse_valid(std::string(prelude) + "\n" + std::string(line) + "\n");
    if (scenario.statements.empty()) {
        ADD_FAILURE() << "no statement in: " << line;
        return Statement{};
    }
    return scenario.statements.back();
}

// The condition of `expect <text>` after `prelude`.
inline Condition expected_condition(std::string_view prelude, std::string_view text) {
    const Statement statement = last_statement(prelude, "expect " + std::string(text));
    const auto* expect = std::get_if<Expect>(&statement.command);
    if (expect == nullptr) {
        ADD_FAILURE() << "not an expect statement: " << text;
        return Condition{};
    }
    return expect->condition;
}

}  // namespace quorum::scenario::testing
