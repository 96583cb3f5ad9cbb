// Single-decree Paxos's options for a cluster (quorum/options.hpp): the
// scenario's `cluster paxos proposers=1,2 acceptors=all persist=off ...`.
// Defaults are paxos::Config's (an empty role list: every node).
#include "quorum/paxos/protocol.hpp"

namespace quorum::paxos {

namespace {

const Option<Config> kOptions[] = {
    {"proposers", OptionKind::NodeList, "the nodes that propose values", 0, 0, false,
     [](const Config& c) -> OptionValue { return c.proposers; },
     [](Config& c, const OptionValue& v) { c.proposers = std::get<std::vector<NodeId>>(v); }},
    {"acceptors", OptionKind::NodeList, "the nodes that promise and accept", 0, 0, false,
     [](const Config& c) -> OptionValue { return c.acceptors; },
     [](Config& c, const OptionValue& v) { c.acceptors = std::get<std::vector<NodeId>>(v); }},
    {"learners", OptionKind::NodeList, "the nodes that learn the chosen value", 0, 0, false,
     [](const Config& c) -> OptionValue { return c.learners; },
     [](Config& c, const OptionValue& v) { c.learners = std::get<std::vector<NodeId>>(v); }},
    {"backoff", OptionKind::OnOff,
     "a proposer waits a random delay before it retries (off: at once, and two proposers can "
     "duel forever)",
     0, 0, false, [](const Config& c) -> OptionValue { return c.backoff; },
     [](Config& c, const OptionValue& v) { c.backoff = std::get<bool>(v); }},
    {"retry", OptionKind::Duration,
     "a proposer whose phase gathers no majority within this long retries", 0, 0, true,
     [](const Config& c) -> OptionValue { return Duration{c.retry_timeout_us}; },
     [](Config& c, const OptionValue& v) { c.retry_timeout_us = std::get<Duration>(v).us; }},
    {"persist", OptionKind::OnOff,
     "acceptors keep their promise and accepted proposal on disk (off: the amnesia lesson, a "
     "restart forgets them)",
     0, 0, false,
     [](const Config& c) -> OptionValue { return !c.faults.acceptor_skips_persistence; },
     [](Config& c, const OptionValue& v) {
         c.faults.acceptor_skips_persistence = !std::get<bool>(v);
     }},
};

}  // namespace

std::span<const Option<Config>> Protocol::options() {
    return kOptions;
}

std::optional<OptionProblem> Protocol::check_options(const Config&) {
    return std::nullopt;
}

}  // namespace quorum::paxos
