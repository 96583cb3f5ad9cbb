#include "quorum/multipaxos/messages.hpp"

namespace quorum::multipaxos {

namespace {

struct TypeName {
    std::string_view operator()(const Propose&) const { return "Propose"; }
    std::string_view operator()(const P1a&) const { return "P1a"; }
    std::string_view operator()(const P1b&) const { return "P1b"; }
    std::string_view operator()(const P2a&) const { return "P2a"; }
    std::string_view operator()(const P2b&) const { return "P2b"; }
    std::string_view operator()(const Decision&) const { return "Decision"; }
    std::string_view operator()(const LeaderHeartbeat&) const { return "LeaderHeartbeat"; }
    std::string_view operator()(const ClientRequest&) const { return "ClientRequest"; }
    std::string_view operator()(const ClientResponse&) const { return "ClientResponse"; }
};

}  // namespace

std::string ballot_text(const Ballot& ballot) {
    return std::to_string(ballot.round) + "." + std::to_string(ballot.leader);
}

std::string_view type_name(const Payload& payload) {
    return std::visit(TypeName{}, payload);
}

}  // namespace quorum::multipaxos
