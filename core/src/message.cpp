#include "quorum/message.hpp"

namespace quorum {

namespace {

struct TypeName {
    std::string operator()(const raft::RequestVote& m) const {
        return m.pre_vote ? "PreVote" : "RequestVote";
    }
    std::string operator()(const raft::RequestVoteResponse& m) const {
        return m.pre_vote ? "PreVoteResponse" : "RequestVoteResponse";
    }
    std::string operator()(const raft::AppendEntries&) const { return "AppendEntries"; }
    std::string operator()(const raft::AppendEntriesResponse&) const {
        return "AppendEntriesResponse";
    }
    std::string operator()(const ClientRequest&) const { return "ClientRequest"; }
    std::string operator()(const ClientResponse&) const { return "ClientResponse"; }
    std::string operator()(const paxos::Prepare&) const { return "Prepare"; }
    std::string operator()(const paxos::Promise&) const { return "Promise"; }
    std::string operator()(const paxos::Accept&) const { return "Accept"; }
    std::string operator()(const paxos::Accepted&) const { return "Accepted"; }
    std::string operator()(const paxos::Nack&) const { return "Nack"; }
    std::string operator()(const multipaxos::Propose&) const { return "Propose"; }
    std::string operator()(const multipaxos::P1a&) const { return "P1a"; }
    std::string operator()(const multipaxos::P1b&) const { return "P1b"; }
    std::string operator()(const multipaxos::P2a&) const { return "P2a"; }
    std::string operator()(const multipaxos::P2b&) const { return "P2b"; }
    std::string operator()(const multipaxos::Decision&) const { return "Decision"; }
    std::string operator()(const multipaxos::LeaderHeartbeat&) const { return "LeaderHeartbeat"; }
};

}  // namespace

std::string message_type_name(const Payload& payload) {
    return std::visit(TypeName{}, payload);
}

}  // namespace quorum
