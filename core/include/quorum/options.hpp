// A cluster's options as data: each one a name, a kind of value, and the
// field of the config it reads and writes (docs/design.md, "One cluster
// configuration"). The options every cluster has (nodes, seed, the network)
// are listed here; each protocol lists its own beside its Config (its
// descriptor's options()). The scenario language's `cluster` line, the
// dashboard's setup and the command-line tools read these tables, so an
// option is declared once, and its default is the config's own.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "quorum/types.hpp"

namespace quorum {

struct ClusterConfig;

// A closed interval of durations, min_us <= max_us.
struct DurationRange {
    TimeUs min_us = 0;
    TimeUs max_us = 0;
    friend bool operator==(const DurationRange&, const DurationRange&) = default;
};

enum class OptionKind {
    OnOff,          // on / off
    Number,         // a whole number in [low, high]
    Duration,       // 250ms, longer than 0
    DurationRange,  // 150-300ms, 0 < A <= B
    Probability,    // 0.1: parts per million, 0..1
    NodeList,       // 1,2,3 or all: node ids, sorted; empty means every node
};

struct Duration {
    TimeUs us = 0;
    friend bool operator==(const Duration&, const Duration&) = default;
};

using OptionValue = std::variant<bool, std::uint64_t, Duration, DurationRange, PartsPerMillion,
                                 std::vector<NodeId>>;

// One option of the config type `Config` (a protocol's, or ClusterConfig).
template <typename Config>
struct Option {
    std::string_view name;     // "election": the scenario's `election=150-300ms`
    OptionKind kind;           //
    std::string_view meaning;  // one sentence, for the documentation and the dashboard
    std::uint64_t low = 0;     // Number: the bounds, inclusive
    std::uint64_t high = 0;
    bool positive = false;  // Duration, DurationRange: longer than 0
    OptionValue (*get)(const Config& config);
    // Sets a value of the option's kind (already within its bounds).
    void (*set)(Config& config, const OptionValue& value);
    // What messages call it, if not its name ("the election timeout").
    std::string_view noun = {};
};

// A combination of options that cannot be (a heartbeat not shorter than the
// timeout it must beat): the message, and the options to blame, first the
// one an author most likely meant.
struct OptionProblem {
    std::string message;
    std::vector<std::string_view> blame;
};

// What an option's value is written as in a scenario: "on", "5", "250ms",
// "150-300ms", "0.1", "1,2,3", "all" (an empty node list).
std::string format_option_value(const OptionValue& value);
// The largest unit that keeps the value >= 1: 300us, 1.5ms, 250ms, 2s, 1.25s.
std::string format_duration(TimeUs duration_us);
// Both ends in the unit of the larger: 1-10ms, 0.5-2ms, 150-300ms.
std::string format_duration_range(const DurationRange& range);
// 0, 1, 0.1, 0.000001.
std::string format_probability(PartsPerMillion probability);

// The options every cluster has, whatever its protocol: nodes, seed,
// latency, loss, dup, reorder.
std::span<const Option<ClusterConfig>> cluster_options();

}  // namespace quorum
