// The bug zoo (docs/scenarios.md, "The bug zoo"): named broken variants of a
// protocol, each one switch of its Faults (FoundationDB's BUGGIFY, chosen by
// a person instead of the seed) that breaks one rule of the paper on purpose.
//
// Each protocol lists its bugs once, in its own folder (its descriptor's
// bugs()); the scenario language's `bug=<name>`, quorum-sim's `--bug` and the
// dashboard read that list through the registry (quorum/protocols.hpp), so a
// bug's name is written once.
#pragma once

#include <cstddef>
#include <string_view>

namespace quorum {

// One bug of a protocol whose Config is `Config` (with a `faults` member).
template <typename Config>
struct Bug {
    using Faults = decltype(Config::faults);

    std::string_view name;    // "forget-vote": the scenario's `bug=forget-vote`
    std::string_view breaks;  // one sentence naming the paper's rule it breaks
    bool Faults::*fault;      // the switch it turns on
    // The checker's rule its lesson (assets/scenarios/<p>/bug-<name>.qs)
    // breaks: an index into the protocol's Checker::rules().
    std::size_t rule;
};

}  // namespace quorum
