#include "quorum/client_messages.hpp"

#include "quorum/json_escape.hpp"

namespace quorum {

std::string payload_json(const ClientRequest& request) {
    return "{\"client\":" + std::to_string(request.command->client) +
           ",\"seq\":" + std::to_string(request.command->sequence) +
           ",\"cmd\":" + json_string(request.command->to_string()) + "}";
}

std::string payload_json(const ClientResponse& response) {
    const bool ok_status = response.status == ClientResponse::Status::Ok;
    return "{\"client\":" + std::to_string(response.client) +
           ",\"seq\":" + std::to_string(response.sequence) + ",\"status\":\"" +
           (ok_status ? "ok" : "not_leader") + "\",\"result\":" +
           (response.result.result ? json_string(*response.result.result) : std::string("null")) +
           ",\"leader_hint\":" + std::to_string(response.leader_hint) + "}";
}

}  // namespace quorum
