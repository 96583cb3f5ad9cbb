// What the core's tests share to drive a simulated cluster of a known protocol.
#pragma once

#include <optional>

#include "quorum/protocols.hpp"
#include "quorum/sim/cluster.hpp"
#include "quorum/sim/nodes.hpp"

namespace quorum::sim::testing {

// A checker's or a cluster's first violation, as a value (a test may outlive
// the checker).
inline std::optional<Violation> first_violation(const Violation* violation) {
    return violation ? std::optional<Violation>(*violation) : std::nullopt;
}
inline std::optional<Violation> first_violation(const Cluster& cluster) {
    return first_violation(cluster.violation());
}

// Single-decree Paxos: the value a majority of acceptors accepted, if any.
inline std::optional<paxos::Value> chosen(const Cluster& cluster) {
    if (const auto& chosen = cluster.nodes<paxos::Protocol>().checker().chosen()) {
        return chosen->value;
    }
    return std::nullopt;
}

}  // namespace quorum::sim::testing
