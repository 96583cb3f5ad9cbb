// Raft's descriptor: its config in a cluster, its trace lines and message
// fields, its leader (docs/scenarios.md, "The trace").
#include "quorum/raft/protocol.hpp"

#include <algorithm>

#include "quorum/check/trace_checks.hpp"
#include "quorum/json_escape.hpp"

namespace quorum::raft {

namespace {

std::string entries_json(const std::vector<Entry>& entries) {
    std::string out = "[";
    for (std::size_t i = 0; i < entries.size(); ++i) {
        out += (i == 0 ? "{\"term\":" : ",{\"term\":") + json_number(entries[i].term) +
               ",\"cmd\":" + json_string(entries[i].command->to_string()) + "}";
    }
    return out + "]";
}

struct PayloadJson {
    std::string operator()(const RequestVote& m) const {
        return "{\"term\":" + json_number(m.term) +
               ",\"candidate\":" + json_number(m.candidate_id) +
               ",\"last_log_index\":" + json_number(m.last_log_index) +
               ",\"last_log_term\":" + json_number(m.last_log_term) +
               ",\"pre_vote\":" + json_bool(m.pre_vote) + "}";
    }
    std::string operator()(const RequestVoteResponse& m) const {
        return "{\"term\":" + json_number(m.term) + ",\"granted\":" + json_bool(m.vote_granted) +
               ",\"pre_vote\":" + json_bool(m.pre_vote) + "}";
    }
    std::string operator()(const AppendEntries& m) const {
        return "{\"term\":" + json_number(m.term) + ",\"leader\":" + json_number(m.leader_id) +
               ",\"prev_log_index\":" + json_number(m.prev_log_index) +
               ",\"prev_log_term\":" + json_number(m.prev_log_term) +
               ",\"entries\":" + entries_json(m.entries) +
               ",\"leader_commit\":" + json_number(m.leader_commit) + "}";
    }
    std::string operator()(const AppendEntriesResponse& m) const {
        return "{\"term\":" + json_number(m.term) + ",\"success\":" + json_bool(m.success) +
               ",\"match_index\":" + json_number(m.match_index) +
               ",\"conflict_term\":" + json_number(m.conflict_term) +
               ",\"conflict_index\":" + json_number(m.conflict_index) +
               ",\"log_length\":" + json_number(m.log_length) + "}";
    }
    // The state machine itself is left out: its size is what a reader needs.
    std::string operator()(const InstallSnapshot& m) const {
        return "{\"term\":" + json_number(m.term) + ",\"leader\":" + json_number(m.leader_id) +
               ",\"last_included_index\":" + json_number(m.snapshot.last_included_index) +
               ",\"last_included_term\":" + json_number(m.snapshot.last_included_term) +
               ",\"keys\":" + json_number(m.snapshot.state.values.size()) +
               ",\"sessions\":" + json_number(m.snapshot.state.sessions.size()) + "}";
    }
    std::string operator()(const InstallSnapshotResponse& m) const {
        return "{\"term\":" + json_number(m.term) +
               ",\"match_index\":" + json_number(m.match_index) + "}";
    }
    std::string operator()(const ClientRequest& m) const { return quorum::payload_json(m); }
    std::string operator()(const ClientResponse& m) const { return quorum::payload_json(m); }
};

}  // namespace

Config Protocol::node_config(Config config, std::size_t nodes) {
    config.members = every_node(nodes);
    return config;
}

std::string Protocol::payload_json(const Payload& payload) {
    return std::visit(PayloadJson{}, payload);
}

void Protocol::trace_input(TraceWriter& trace, NodeId id, const Node& node, const Summary& before,
                           const Ready& ready, const Checker&) {
    if (node.role() != before.role || node.current_term() != before.term) {
        trace.write("role", ",\"node\":" + json_number(id) + ",\"role\":\"" +
                                role_name(node.role()) +
                                "\",\"term\":" + json_number(node.current_term()));
    }
    for (const AppliedEntry& entry : ready.applied) {
        trace.write("apply", ",\"node\":" + json_number(id) + ",\"index\":" +
                                 json_number(entry.index) + ",\"term\":" + json_number(entry.term) +
                                 ",\"cmd\":" + json_string(entry.command->to_string()));
    }
}

std::uint64_t Protocol::highest_term(const NodeSlots<Node>& nodes) {
    Term highest = 0;
    for (const auto& node : nodes) {
        if (node) {
            highest = std::max(highest, node->current_term());
        }
    }
    return highest;
}

std::optional<NodeId> Protocol::leader(const NodeSlots<Node>& nodes) {
    const Term term = highest_term(nodes);
    std::optional<NodeId> found;
    for (const auto& node : nodes) {
        if (node && node->role() == Role::Leader && node->current_term() == term) {
            if (found) {
                return std::nullopt;  // cannot happen while election safety holds
            }
            found = node->id();
        }
    }
    return found;
}

const Rule* Protocol::trace_rule(check::TraceFact fact) {
    switch (fact) {
        case check::TraceFact::OneLeaderPerTerm:
            return &Invariants::rule(Invariants::kElectionSafety);
        case check::TraceFact::OneCommandPerPosition:
            return &Invariants::rule(Invariants::kStateMachineSafety);
        case check::TraceFact::OneValueChosen:
            break;
    }
    return nullptr;
}

}  // namespace quorum::raft
