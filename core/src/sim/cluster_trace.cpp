// The trace: one JSON line per event, in the format of SCENARIOS.md. Other
// tools read it, so it is exact and stable: integers only (probabilities are
// written with six decimals from an integer), keys in a fixed order, no
// whitespace. The same seed gives the same bytes natively and in wasm.
#include "quorum/json_escape.hpp"
#include "quorum/multipaxos/ready.hpp"
#include "quorum/sim/cluster.hpp"

namespace quorum::sim {

namespace {

std::string number(std::uint64_t value) {
    return std::to_string(value);
}
std::string boolean(bool value) {
    return value ? "true" : "false";
}

// 100000 ppm -> "0.100000": exact, whatever the platform's float printing.
std::string probability(PartsPerMillion millionths) {
    std::string fraction = std::to_string(millionths % 1000000);
    fraction.insert(0, 6 - fraction.size(), '0');
    return std::to_string(millionths / 1000000) + "." + fraction;
}

std::string entries_json(const std::vector<raft::Entry>& entries) {
    std::string out = "[";
    for (std::size_t i = 0; i < entries.size(); ++i) {
        out += (i == 0 ? "{\"term\":" : ",{\"term\":") + number(entries[i].term) +
               ",\"cmd\":" + json_string(entries[i].command->to_string()) + "}";
    }
    return out + "]";
}

// A ballot as "r.n" (round r of proposer n); a proposal as {"ballot","value"}.
std::string ballot_json(const paxos::Ballot& ballot) {
    return "\"" + ballot.to_string() + "\"";
}

std::string proposal_json(const std::optional<paxos::Proposal>& proposal) {
    if (!proposal) {
        return "null";
    }
    return "{\"ballot\":" + ballot_json(proposal->ballot) +
           ",\"value\":" + json_string(proposal->value) + "}";
}

// Multi-Paxos: a ballot is "r.n" too (round r of leader n); a decree is its
// `cmd` text ("put x 1", "noop", "reconfigure leaders=1,2 acceptors=3,4,5").
std::string ballot_json(const multipaxos::Ballot& ballot) {
    return "\"" + number(ballot.round) + "." + number(ballot.leader) + "\"";
}

std::string nodes_json(const std::vector<NodeId>& nodes) {
    std::string out = "[";
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        out += (i == 0 ? "" : ",") + number(nodes[i]);
    }
    return out + "]";
}

std::string pvalue_json(const multipaxos::PValue& pvalue) {
    return "{\"ballot\":" + ballot_json(pvalue.ballot) + ",\"slot\":" + number(pvalue.slot) +
           ",\"cmd\":" + json_string(multipaxos::describe(pvalue.decree)) + "}";
}

struct MessageJson {
    std::string operator()(const raft::RequestVote& m) const {
        return "{\"term\":" + number(m.term) + ",\"candidate\":" + number(m.candidate_id) +
               ",\"last_log_index\":" + number(m.last_log_index) +
               ",\"last_log_term\":" + number(m.last_log_term) +
               ",\"pre_vote\":" + boolean(m.pre_vote) + "}";
    }
    std::string operator()(const raft::RequestVoteResponse& m) const {
        return "{\"term\":" + number(m.term) + ",\"granted\":" + boolean(m.vote_granted) +
               ",\"pre_vote\":" + boolean(m.pre_vote) + "}";
    }
    std::string operator()(const raft::AppendEntries& m) const {
        return "{\"term\":" + number(m.term) + ",\"leader\":" + number(m.leader_id) +
               ",\"prev_log_index\":" + number(m.prev_log_index) +
               ",\"prev_log_term\":" + number(m.prev_log_term) +
               ",\"entries\":" + entries_json(m.entries) +
               ",\"leader_commit\":" + number(m.leader_commit) + "}";
    }
    std::string operator()(const raft::AppendEntriesResponse& m) const {
        return "{\"term\":" + number(m.term) + ",\"success\":" + boolean(m.success) +
               ",\"match_index\":" + number(m.match_index) +
               ",\"conflict_term\":" + number(m.conflict_term) +
               ",\"conflict_index\":" + number(m.conflict_index) +
               ",\"log_length\":" + number(m.log_length) + "}";
    }
    std::string operator()(const ClientRequest& m) const {
        return "{\"client\":" + number(m.command->client) +
               ",\"seq\":" + number(m.command->sequence) +
               ",\"cmd\":" + json_string(m.command->to_string()) + "}";
    }
    std::string operator()(const ClientResponse& m) const {
        const bool ok_status = m.status == ClientResponse::Status::Ok;
        return "{\"client\":" + number(m.client) + ",\"seq\":" + number(m.sequence) +
               ",\"status\":\"" + (ok_status ? "ok" : "not_leader") + "\",\"result\":" +
               (m.result.result ? json_string(*m.result.result) : std::string("null")) +
               ",\"leader_hint\":" + number(m.leader_hint) + "}";
    }
    std::string operator()(const paxos::Prepare& m) const {
        return "{\"ballot\":" + ballot_json(m.ballot) + "}";
    }
    std::string operator()(const paxos::Promise& m) const {
        return "{\"ballot\":" + ballot_json(m.ballot) +
               ",\"accepted\":" + proposal_json(m.accepted) + "}";
    }
    std::string operator()(const paxos::Accept& m) const {
        return "{\"ballot\":" + ballot_json(m.ballot) + ",\"value\":" + json_string(m.value) + "}";
    }
    std::string operator()(const paxos::Accepted& m) const {
        return "{\"ballot\":" + ballot_json(m.ballot) + ",\"value\":" + json_string(m.value) + "}";
    }
    std::string operator()(const paxos::Nack& m) const {
        return "{\"ballot\":" + ballot_json(m.ballot) + ",\"promised\":" + ballot_json(m.promised) +
               "}";
    }
    std::string operator()(const multipaxos::Propose& m) const {
        return "{\"slot\":" + number(m.slot) +
               ",\"cmd\":" + json_string(multipaxos::describe(m.decree)) +
               ",\"leaders\":" + nodes_json(m.configuration.leaders) +
               ",\"acceptors\":" + nodes_json(m.configuration.acceptors) +
               ",\"slot_out\":" + number(m.slot_out) + "}";
    }
    std::string operator()(const multipaxos::P1a& m) const {
        return "{\"ballot\":" + ballot_json(m.ballot) + "}";
    }
    std::string operator()(const multipaxos::P1b& m) const {
        std::string accepted = "[";
        for (std::size_t i = 0; i < m.accepted.size(); ++i) {
            accepted += (i == 0 ? "" : ",") + pvalue_json(m.accepted[i]);
        }
        return "{\"request_ballot\":" + ballot_json(m.request_ballot) +
               ",\"ballot\":" + ballot_json(m.ballot) + ",\"accepted\":" + accepted + "]}";
    }
    std::string operator()(const multipaxos::P2a& m) const { return pvalue_json(m.pvalue); }
    std::string operator()(const multipaxos::P2b& m) const {
        return "{\"request_ballot\":" + ballot_json(m.request_ballot) +
               ",\"slot\":" + number(m.slot) + ",\"ballot\":" + ballot_json(m.ballot) + "}";
    }
    std::string operator()(const multipaxos::Decision& m) const {
        return "{\"slot\":" + number(m.slot) +
               ",\"cmd\":" + json_string(multipaxos::describe(m.decree)) + "}";
    }
    std::string operator()(const multipaxos::LeaderHeartbeat& m) const {
        return "{\"ballot\":" + ballot_json(m.ballot) + ",\"decided\":" + number(m.decided) + "}";
    }
};

}  // namespace

void Cluster::trace(std::string line) {
    trace_.push_back(std::move(line));
}

std::string Cluster::trace_prefix(const char* event) const {
    return "{\"t\":" + std::to_string(now_) + ",\"ev\":\"" + event + "\"";
}

void Cluster::trace_send(const InFlight& flight) {
    const Message& message = flight.message;
    std::string line = trace_prefix("send") + ",\"id\":" + number(flight.id) +
                       ",\"from\":" + number(message.from) + ",\"to\":" + number(message.to) +
                       ",\"type\":\"" + message_type_name(message.payload) + "\"";
    if (flight.duplicate) {
        line += ",\"dup\":true";
    }
    line += ",\"due\":" + std::to_string(flight.due_us);
    line += ",\"msg\":" + std::visit(MessageJson{}, message.payload) + "}";
    trace(std::move(line));
}

void Cluster::trace_role(NodeId id) {
    const raft::Node& node = *nodes_[id];
    trace(trace_prefix("role") + ",\"node\":" + number(id) + ",\"role\":\"" +
          raft::role_name(node.role()) + "\",\"term\":" + number(node.current_term()) + "}");
}

void Cluster::trace_apply(NodeId id, const raft::AppliedEntry& entry) {
    trace(trace_prefix("apply") + ",\"node\":" + number(id) + ",\"index\":" + number(entry.index) +
          ",\"term\":" + number(entry.term) +
          ",\"cmd\":" + json_string(entry.command->to_string()) + "}");
}

void Cluster::trace_partition(const std::vector<std::vector<NodeId>>& groups) {
    std::string line = trace_prefix("partition") + ",\"groups\":[";
    for (std::size_t g = 0; g < groups.size(); ++g) {
        line += g == 0 ? "[" : ",[";
        for (std::size_t i = 0; i < groups[g].size(); ++i) {
            line += (i == 0 ? "" : ",") + number(groups[g][i]);
        }
        line += "]";
    }
    trace(line + "]}");
}

void Cluster::trace_network() {
    const NetworkModel& network = config_.network;
    trace(trace_prefix("net") + ",\"loss\":" + probability(network.loss_ppm) +
          ",\"dup\":" + probability(network.duplicate_ppm) +
          ",\"latency_min\":" + std::to_string(network.latency_min_us) +
          ",\"latency_max\":" + std::to_string(network.latency_max_us) +
          ",\"reorder\":" + boolean(network.reorder) + "}");
}

}  // namespace quorum::sim
