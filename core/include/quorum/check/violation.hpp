// A broken safety rule, as every protocol's checker reports it, and the rules
// themselves, as each checker declares them (docs/design.md, "Checkers").
//
// Each checker lists its rules once (Checker::rules(), in the protocol's own
// folder) and names them only through that list; everything that shows or
// accepts a rule name reads it: the dashboard's Invariants panel, the
// scenario language's `expect violation <rule>`, quorum-sim check.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "quorum/types.hpp"

namespace quorum {

struct Rule {
    std::string_view name;     // "election safety": what Violation::rule says
    std::string_view meaning;  // one sentence: "at most one leader per term"
};

struct Violation {
    std::string rule;     // a Rule's name
    std::string details;  // a sentence naming nodes, terms or ballots, and indexes or slots
    TimeUs time_us = 0;
    std::vector<NodeId> nodes;
    std::uint64_t index = 0;  // the log index or slot, if the rule has one; 0: none

    // "election safety violated at t=1.234567s: nodes 1 and 3 ..."
    std::string to_string() const;
};

// A violation of one of a checker's declared rules (the checker passes the
// Rule from its list, so it never spells a rule's name twice).
Violation make_violation(const Rule& rule, std::string details, TimeUs time_us,
                         std::vector<NodeId> nodes, std::uint64_t index = 0);

// "3", "1 and 3", "1, 2 and 3": nodes in a violation's sentence.
std::string node_list(const std::vector<NodeId>& nodes);

// The rule of `rules` called `name`, if any.
const Rule* find_rule(std::span<const Rule> rules, std::string_view name);

}  // namespace quorum
