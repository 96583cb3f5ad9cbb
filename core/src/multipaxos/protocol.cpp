// Multi-Paxos's descriptor: its config in a cluster, its trace lines and
// message fields, its leader (docs/scenarios.md, "The trace").
#include "quorum/multipaxos/protocol.hpp"

#include <algorithm>

#include "quorum/check/trace_checks.hpp"
#include "quorum/json_escape.hpp"

namespace quorum::multipaxos {

namespace {

// A ballot is "r.n" (round r of leader n); a decree is its `cmd` text ("put x
// 1", "noop", "reconfigure leaders=1,2 acceptors=3,4,5").
std::string ballot_json(const Ballot& ballot) {
    return "\"" + ballot_text(ballot) + "\"";
}

std::string pvalue_json(const PValue& pvalue) {
    return "{\"ballot\":" + ballot_json(pvalue.ballot) + ",\"slot\":" + json_number(pvalue.slot) +
           ",\"cmd\":" + json_string(describe(pvalue.decree)) + "}";
}

struct PayloadJson {
    std::string operator()(const Propose& m) const {
        return "{\"slot\":" + json_number(m.slot) + ",\"cmd\":" + json_string(describe(m.decree)) +
               ",\"leaders\":" + json_nodes(m.configuration.leaders) +
               ",\"acceptors\":" + json_nodes(m.configuration.acceptors) +
               ",\"slot_out\":" + json_number(m.slot_out) + "}";
    }
    std::string operator()(const P1a& m) const {
        return "{\"ballot\":" + ballot_json(m.ballot) + "}";
    }
    std::string operator()(const P1b& m) const {
        std::string accepted = "[";
        for (std::size_t i = 0; i < m.accepted.size(); ++i) {
            accepted += (i == 0 ? "" : ",") + pvalue_json(m.accepted[i]);
        }
        return "{\"request_ballot\":" + ballot_json(m.request_ballot) +
               ",\"ballot\":" + ballot_json(m.ballot) + ",\"accepted\":" + accepted + "]}";
    }
    std::string operator()(const P2a& m) const { return pvalue_json(m.pvalue); }
    std::string operator()(const P2b& m) const {
        return "{\"request_ballot\":" + ballot_json(m.request_ballot) +
               ",\"slot\":" + json_number(m.slot) + ",\"ballot\":" + ballot_json(m.ballot) + "}";
    }
    std::string operator()(const Decision& m) const {
        return "{\"slot\":" + json_number(m.slot) + ",\"cmd\":" + json_string(describe(m.decree)) +
               "}";
    }
    std::string operator()(const LeaderHeartbeat& m) const {
        return "{\"ballot\":" + ballot_json(m.ballot) + ",\"decided\":" + json_number(m.decided) +
               "}";
    }
    std::string operator()(const ClientRequest& m) const { return quorum::payload_json(m); }
    std::string operator()(const ClientResponse& m) const { return quorum::payload_json(m); }
};

}  // namespace

Config Protocol::node_config(Config config, std::size_t nodes) {
    every_node_if_empty(config.replicas, nodes);
    every_node_if_empty(config.leaders, nodes);
    every_node_if_empty(config.acceptors, nodes);
    return config;
}

std::string Protocol::payload_json(const Payload& payload) {
    return std::visit(PayloadJson{}, payload);
}

void Protocol::trace_input(TraceWriter& trace, NodeId id, const Node& node, const Summary& before,
                           const Ready& ready, const Checker& checker) {
    const Summary after = checker.summarize(node);
    if (after != before) {
        trace.write("role", ",\"node\":" + json_number(id) + ",\"role\":\"" +
                                (after.active ? "leader" : "passive") + "\",\"ballot\":\"" +
                                ballot_text(after.ballot) + "\"");
    }
    for (const AppliedEntry& entry : ready.applied) {
        trace.write("apply", ",\"node\":" + json_number(id) +
                                 ",\"slot\":" + json_number(entry.slot) +
                                 ",\"cmd\":" + json_string(describe(entry.decree)));
    }
}

void Protocol::trace_operation(TraceWriter& trace, NodeId id, const Operation& configuration) {
    trace.write("reconfigure", ",\"node\":" + json_number(id) +
                                   ",\"leaders\":" + json_nodes(configuration.leaders) +
                                   ",\"acceptors\":" + json_nodes(configuration.acceptors));
}

void Protocol::on_operation(Checker& checker, const Operation& configuration) {
    checker.on_proposed(Decree{
        Command::make_noop(),
        Configuration{normalized(configuration.leaders), normalized(configuration.acceptors)}});
}

Ballot Protocol::highest_ballot(const NodeSlots<Node>& nodes) {
    Ballot highest;
    for (const auto& node : nodes) {
        if (node) {
            const Ballot leader = node->leader() ? node->leader()->ballot_num() : Ballot{};
            highest = std::max({highest, node->acceptor().ballot_num(), leader});
        }
    }
    return highest;
}

std::optional<NodeId> Protocol::leader(const NodeSlots<Node>& nodes) {
    Ballot promised;  // the highest ballot a live acceptor holds
    for (const auto& node : nodes) {
        if (node) {
            promised = std::max(promised, node->acceptor().ballot_num());
        }
    }
    std::optional<NodeId> found;
    Ballot found_ballot;
    for (const auto& node : nodes) {
        if (!node || !node->leader()) {
            continue;
        }
        const Leader& leader = *node->leader();
        if (leader.active() && leader.ballot_num() >= promised &&
            (!found || leader.ballot_num() > found_ballot)) {
            found = node->id();
            found_ballot = leader.ballot_num();
        }
    }
    return found;
}

// A ballot names its one leader, so two leaders never share one: only
// what replicas apply is judged from a trace.
const Rule* Protocol::trace_rule(check::TraceFact fact) {
    return fact == check::TraceFact::OneCommandPerPosition
               ? &Invariants::rule(Invariants::kAgreement)
               : nullptr;
}

}  // namespace quorum::multipaxos
