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
};

}  // namespace

std::string message_type_name(const Payload& payload) {
    return std::visit(TypeName{}, payload);
}

}  // namespace quorum
