// One cluster configuration (docs/design.md, "One cluster configuration"):
// what every runner builds a cluster from, whoever asked for it (a scenario's
// `cluster` line, the dashboard's setup, the fuzzer, a node process). It names
// no protocol: the protocol and its nodes' config are held erased
// (quorum/erased.hpp), as is a node's durable state, by code that serves
// every protocol.
#pragma once

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

#include "quorum/erased.hpp"
#include "quorum/protocol.hpp"
#include "quorum/random.hpp"
#include "quorum/types.hpp"

namespace quorum {

struct NetworkModel {
    TimeUs latency_min_us = 1 * kMicrosecondsPerMillisecond;
    TimeUs latency_max_us = 10 * kMicrosecondsPerMillisecond;
    PartsPerMillion loss_ppm = 0;
    PartsPerMillion duplicate_ppm = 0;
    // Off: messages between two nodes arrive in the order they were sent
    // (each link is FIFO, as over TCP). On: every message draws its own delay.
    bool reorder = false;

    friend bool operator==(const NetworkModel&, const NetworkModel&) = default;
};

// A protocol's node config (its Node::Config), or its durable state, held
// by code that serves every protocol (quorum/erased.hpp).
using ProtocolConfig = Erased<struct ProtocolConfigKind>;
using AnyDurableState = Erased<struct DurableStateKind>;

template <Protocol P>
ProtocolConfig protocol_config(typename P::Node::Config config = {}) {
    return ProtocolConfig::of(P::kName, std::move(config));
}
template <Protocol P>
AnyDurableState any_durable_state(typename P::Node::DurableState durable = {}) {
    return AnyDurableState::of(P::kName, std::move(durable));
}

// One cluster configuration, built the same way by the scenario language, the
// dashboard's setup, the fuzzer, the benchmarks and the node processes
// (docs/design.md, "One cluster configuration"). The defaults here, and in
// each protocol's Config, are the ones documented.
struct ClusterConfig {
    // The protocol, and its nodes' config: members and empty role lists are
    // filled in by the protocol's node_config() for `nodes` nodes.
    ProtocolConfig protocol;
    std::size_t nodes = 5;
    std::uint64_t seed = 1;
    NetworkModel network;
    // A client that hears nothing for this long tries another node.
    TimeUs client_timeout_us = 400 * kMicrosecondsPerMillisecond;
    bool trace = true;             // build JSON trace lines (off for benchmarks)
    bool check_invariants = true;  // run the checkers after every event
    // Keep every input given to a node for take_node_inputs() (the page's
    // workers runner, which has the real nodes take the same inputs).
    bool record_node_inputs = false;

    template <Protocol P>
    static ClusterConfig of(typename P::Node::Config config = {}) {
        ClusterConfig cluster;
        cluster.protocol = protocol_config<P>(std::move(config));
        return cluster;
    }
    std::string_view protocol_name() const { return protocol.protocol(); }
    // The node config of P (the cluster's protocol must be P).
    template <Protocol P>
    const typename P::Node::Config& config_of() const;
    template <Protocol P>
    typename P::Node::Config& config_of();

    friend bool operator==(const ClusterConfig&, const ClusterConfig&) = default;
};

// The node config of P in `protocol` (which must be P's: std::logic_error if
// not, a mistake in the code, never in input).
template <Protocol P>
const typename P::Node::Config& config_of(const ProtocolConfig& protocol) {
    const auto* config = protocol.get<typename P::Node::Config>();
    if (config == nullptr) {
        throw std::logic_error("this config is not " + std::string(P::kName) + "'s");
    }
    return *config;
}
template <Protocol P>
typename P::Node::Config& config_of(ProtocolConfig& protocol) {
    auto* config = protocol.get<typename P::Node::Config>();
    if (config == nullptr) {
        throw std::logic_error("this config is not " + std::string(P::kName) + "'s");
    }
    return *config;
}

template <Protocol P>
const typename P::Node::Config& ClusterConfig::config_of() const {
    return quorum::config_of<P>(protocol);
}
template <Protocol P>
typename P::Node::Config& ClusterConfig::config_of() {
    return quorum::config_of<P>(protocol);
}

// The generator node `node` gets in its `incarnation` (0, then one more per
// restart), from the cluster's seed: every runner builds a node with it, so a
// node behaves the same in the simulator, a worker and a process.
Random node_random(std::uint64_t seed, NodeId node, std::uint32_t incarnation);

}  // namespace quorum
