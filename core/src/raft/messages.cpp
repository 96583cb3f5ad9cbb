#include "quorum/raft/messages.hpp"

namespace quorum::raft {

namespace {

struct TypeName {
    std::string_view operator()(const RequestVote& m) const {
        return m.pre_vote ? "PreVote" : "RequestVote";
    }
    std::string_view operator()(const RequestVoteResponse& m) const {
        return m.pre_vote ? "PreVoteResponse" : "RequestVoteResponse";
    }
    std::string_view operator()(const AppendEntries&) const { return "AppendEntries"; }
    std::string_view operator()(const AppendEntriesResponse&) const {
        return "AppendEntriesResponse";
    }
    std::string_view operator()(const ClientRequest&) const { return "ClientRequest"; }
    std::string_view operator()(const ClientResponse&) const { return "ClientResponse"; }
    std::string_view operator()(const InstallSnapshot&) const { return "InstallSnapshot"; }
    std::string_view operator()(const InstallSnapshotResponse&) const {
        return "InstallSnapshotResponse";
    }
};

}  // namespace

std::string_view type_name(const Payload& payload) {
    return std::visit(TypeName{}, payload);
}

}  // namespace quorum::raft
