// The registry: the one place that lists the protocols (docs/design.md,
// "Adding a protocol"). Everything else reaches a protocol through its
// descriptor (quorum/protocol.hpp) or through the functions here, which
// dispatch on the Algorithm a user chose.
//
// To add a protocol: its descriptor's header below, one enumerator, one entry
// in Protocols (same order). Names, parsing and every dispatch follow.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "quorum/cluster_config.hpp"
#include "quorum/multipaxos/protocol.hpp"
#include "quorum/paxos/protocol.hpp"
#include "quorum/raft/protocol.hpp"

namespace quorum {

enum class Algorithm : std::uint8_t { Raft, Paxos, MultiPaxos };

// The descriptors, in the order of Algorithm's enumerators.
using Protocols = std::tuple<raft::Protocol, paxos::Protocol, multipaxos::Protocol>;

inline constexpr std::size_t kProtocolCount = std::tuple_size_v<Protocols>;
static_assert(static_cast<std::size_t>(Algorithm::MultiPaxos) + 1 == kProtocolCount,
              "one Algorithm enumerator per protocol, in the order of Protocols");

// The descriptor of `algorithm`, as a type.
template <Algorithm A>
using ProtocolOf = std::tuple_element_t<static_cast<std::size_t>(A), Protocols>;

// "raft", "paxos", "multipaxos": each descriptor's kName.
std::string_view algorithm_name(Algorithm algorithm);
std::span<const Algorithm> all_algorithms();
// The name's algorithm, exactly as algorithm_name() spells it.
std::optional<Algorithm> parse_algorithm(std::string_view name);
// "raft, paxos or multipaxos": for messages that list the choices.
std::string algorithm_choices();

// The protocol with its nodes' default config: what a cluster of
// `algorithm` runs when nothing else is said.
ProtocolConfig default_protocol_config(Algorithm algorithm);
// The algorithm a config's protocol is, if the registry knows it.
std::optional<Algorithm> algorithm_of(const ProtocolConfig& protocol);
// A cluster of `algorithm` as it is when nothing else is said: its default
// size (the descriptor's kDefaultNodes), the protocol's default config.
ClusterConfig default_cluster_config(Algorithm algorithm);

// The options of a protocol (its descriptor's options()) for code that
// serves every protocol: what each is, and reading or writing one by name on
// an erased config of that protocol.
struct OptionInfo {
    std::string_view name;
    OptionKind kind = OptionKind::OnOff;
    std::string_view meaning;
    std::uint64_t low = 0;
    std::uint64_t high = 0;
    bool positive = false;
};
std::vector<OptionInfo> protocol_options(Algorithm algorithm);
// Nothing if the config's protocol has no option `name`.
std::optional<OptionValue> get_option(const ProtocolConfig& protocol, std::string_view name);
// False (nothing changed) if it has no option `name` or `value` is of
// another kind; the value is not checked against the option's bounds.
bool set_option(ProtocolConfig& protocol, std::string_view name, const OptionValue& value);
std::optional<OptionProblem> check_options(const ProtocolConfig& protocol);

// The bug zoo of a protocol (its descriptor's bugs(), quorum/bug.hpp) for
// code that serves every protocol: the scenario's `bug=`, quorum-sim's
// --bug, the dashboard's setup.
struct BugInfo {
    std::string_view name;
    std::string_view breaks;  // one sentence: the paper's rule it breaks
    std::string_view rule;    // the checker's rule its lesson breaks
};
std::vector<BugInfo> protocol_bugs(Algorithm algorithm);
// "none", which no bug is called: no bug at all.
inline constexpr std::string_view kNoBug = "none";
// Switches bug `name` of the config's protocol on and every other bug of its
// zoo off; kNoBug switches them all off. False (nothing changed) if the
// protocol has no bug `name`.
bool set_bug(ProtocolConfig& protocol, std::string_view name);
// The bug of the zoo switched on, if any (the first in the table's order).
std::optional<std::string_view> bug_of(const ProtocolConfig& protocol);
// Why `name` is no bug of `algorithm`: "unknown bug 'x' for raft<hint>
// (bugs of raft: a, b or c; or none)", or, when another protocol has it,
// "bug 'x' is for paxos, not raft (...)".
std::string unknown_bug_message(Algorithm algorithm, std::string_view name,
                                std::string_view hint = {});

namespace detail {

template <std::size_t I, typename Visit>
decltype(auto) dispatch_protocol(Algorithm algorithm, Visit& visit) {
    using P = std::tuple_element_t<I, Protocols>;
    if constexpr (I + 1 == kProtocolCount) {
        return visit.template operator()<P>();
    } else {
        if (static_cast<std::size_t>(algorithm) == I) {
            return visit.template operator()<P>();
        }
        return dispatch_protocol<I + 1>(algorithm, visit);
    }
}

}  // namespace detail

// Calls visit.template operator()<P>() with P the descriptor of `algorithm`
// (every branch must return the same type): the one switch over protocols.
template <typename Visit>
decltype(auto) with_protocol(Algorithm algorithm, Visit&& visit) {
    return detail::dispatch_protocol<0>(algorithm, visit);
}

}  // namespace quorum
