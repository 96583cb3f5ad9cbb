// Messages between clients and nodes, shared by every protocol.
#pragma once

#include <optional>
#include <string>

#include "quorum/command.hpp"
#include "quorum/types.hpp"

namespace quorum {

struct ClientRequest {
    SharedCommand command;  // a leader's log entry made of it shares it
    friend bool operator==(const ClientRequest&, const ClientRequest&) = default;
};

struct ClientResponse {
    enum class Status { Ok, NotLeader };
    ClientId client = 0;
    std::uint64_t sequence = 0;
    Status status = Status::Ok;
    CommandResult result;
    NodeId leader_hint = kNoNode;  // NotLeader: the leader this node knows of, if any

    friend bool operator==(const ClientResponse&, const ClientResponse&) = default;
};

// The `msg` of a trace's send line (docs/scenarios.md): every protocol writes
// its clients' messages the same way.
std::string payload_json(const ClientRequest& request);
std::string payload_json(const ClientResponse& response);

}  // namespace quorum
