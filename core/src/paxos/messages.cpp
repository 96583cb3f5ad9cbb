#include "quorum/paxos/messages.hpp"

namespace quorum::paxos {

namespace {

struct TypeName {
    std::string_view operator()(const Prepare&) const { return "Prepare"; }
    std::string_view operator()(const Promise&) const { return "Promise"; }
    std::string_view operator()(const Accept&) const { return "Accept"; }
    std::string_view operator()(const Accepted&) const { return "Accepted"; }
    std::string_view operator()(const Nack&) const { return "Nack"; }
    std::string_view operator()(const ClientRequest&) const { return "ClientRequest"; }
    std::string_view operator()(const ClientResponse&) const { return "ClientResponse"; }
};

}  // namespace

std::string_view type_name(const Payload& payload) {
    return std::visit(TypeName{}, payload);
}

}  // namespace quorum::paxos
