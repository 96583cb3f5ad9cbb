// Paxos's descriptor: its config in a cluster, its trace lines and message
// fields (docs/scenarios.md, "The trace").
#include "quorum/paxos/protocol.hpp"

#include "quorum/check/trace_checks.hpp"
#include "quorum/json_escape.hpp"

namespace quorum::paxos {

namespace {

// A ballot as "r.n" (round r of proposer n); a proposal as {"ballot","value"}.
std::string ballot_json(const Ballot& ballot) {
    return "\"" + ballot.to_string() + "\"";
}

std::string proposal_json(const std::optional<Proposal>& proposal) {
    if (!proposal) {
        return "null";
    }
    return "{\"ballot\":" + ballot_json(proposal->ballot) +
           ",\"value\":" + json_string(proposal->value) + "}";
}

struct PayloadJson {
    std::string operator()(const Prepare& m) const {
        return "{\"ballot\":" + ballot_json(m.ballot) + "}";
    }
    std::string operator()(const Promise& m) const {
        return "{\"ballot\":" + ballot_json(m.ballot) +
               ",\"accepted\":" + proposal_json(m.accepted) + "}";
    }
    std::string operator()(const Accept& m) const {
        return "{\"ballot\":" + ballot_json(m.ballot) + ",\"value\":" + json_string(m.value) + "}";
    }
    std::string operator()(const Accepted& m) const {
        return "{\"ballot\":" + ballot_json(m.ballot) + ",\"value\":" + json_string(m.value) + "}";
    }
    std::string operator()(const Nack& m) const {
        return "{\"ballot\":" + ballot_json(m.ballot) + ",\"promised\":" + ballot_json(m.promised) +
               "}";
    }
    std::string operator()(const ClientRequest& m) const { return quorum::payload_json(m); }
    std::string operator()(const ClientResponse& m) const { return quorum::payload_json(m); }
};

}  // namespace

Config Protocol::node_config(Config config, std::size_t nodes) {
    every_node_if_empty(config.proposers, nodes);
    every_node_if_empty(config.acceptors, nodes);
    every_node_if_empty(config.learners, nodes);
    return config;
}

std::string Protocol::payload_json(const Payload& payload) {
    return std::visit(PayloadJson{}, payload);
}

void Protocol::trace_input(TraceWriter& trace, NodeId id, const Node& node, const Summary& before,
                           const Ready& ready, const Checker& checker) {
    if (node.phase() != before.phase || node.ballot() != before.ballot) {
        trace.write("phase", ",\"node\":" + json_number(id) + ",\"phase\":\"" +
                                 phase_name(node.phase()) + "\",\"ballot\":\"" +
                                 node.ballot().to_string() + "\"");
    }
    if (ready.learned) {
        trace.write("learn",
                    ",\"node\":" + json_number(id) + ",\"value\":" + json_string(*ready.learned));
    }
    // A second value only where Paxos is broken (persist=off): the trace
    // shows it, so `quorum-sim check` catches it from the trace alone.
    const auto& chosen_values = checker.chosen_values();
    for (std::size_t i = before.chosen_values; i < chosen_values.size(); ++i) {
        trace.write("chosen", ",\"instance\":0,\"value\":" + json_string(chosen_values[i]));
    }
}

const Rule* Protocol::trace_rule(check::TraceFact fact) {
    return fact == check::TraceFact::OneValueChosen
               ? &Invariants::rule(Invariants::kAtMostOneValueChosen)
               : nullptr;
}

}  // namespace quorum::paxos
