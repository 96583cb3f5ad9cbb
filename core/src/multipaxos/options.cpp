// Multi-Paxos's options for a cluster (quorum/options.hpp): the scenario's
// `cluster multipaxos replicas=1,2,3 leaders=1,2 acceptors=3,4,5 window=5`.
// Defaults are multipaxos::Config's (an empty role list: every node).
#include "quorum/multipaxos/protocol.hpp"

namespace quorum::multipaxos {

namespace {

const Option<Config> kOptions[] = {
    {"replicas", OptionKind::NodeList, "the nodes that keep the state machine (fixed)", 0, 0, false,
     [](const Config& c) -> OptionValue { return c.replicas; },
     [](Config& c, const OptionValue& v) { c.replicas = std::get<std::vector<NodeId>>(v); }},
    {"leaders", OptionKind::NodeList, "the nodes that may lead (until a reconfiguration)", 0, 0,
     false, [](const Config& c) -> OptionValue { return c.leaders; },
     [](Config& c, const OptionValue& v) { c.leaders = std::get<std::vector<NodeId>>(v); }},
    {"acceptors", OptionKind::NodeList, "the nodes that accept (until a reconfiguration)", 0, 0,
     false, [](const Config& c) -> OptionValue { return c.acceptors; },
     [](Config& c, const OptionValue& v) { c.acceptors = std::get<std::vector<NodeId>>(v); }},
    {"window", OptionKind::Number,
     "a replica proposes for at most this many slots beyond the last one decided", 1, 1000, false,
     [](const Config& c) -> OptionValue { return std::uint64_t{c.window}; },
     [](Config& c, const OptionValue& v) { c.window = std::get<std::uint64_t>(v); }},
    {"backoff", OptionKind::OnOff,
     "a passive or preempted leader waits a random time in [3T/4, 3T/2] (off: exactly T)", 0, 0,
     false, [](const Config& c) -> OptionValue { return c.backoff; },
     [](Config& c, const OptionValue& v) { c.backoff = std::get<bool>(v); }},
    {"timeout", OptionKind::Duration,
     "the leader failure timeout T: a passive leader that hears no heartbeat for about this long "
     "takes over",
     0, 0, true, [](const Config& c) -> OptionValue { return Duration{c.leader_timeout_us}; },
     [](Config& c, const OptionValue& v) { c.leader_timeout_us = std::get<Duration>(v).us; }},
};

}  // namespace

std::span<const Option<Config>> Protocol::options() {
    return kOptions;
}

std::optional<OptionProblem> Protocol::check_options(const Config&) {
    return std::nullopt;
}

}  // namespace quorum::multipaxos
