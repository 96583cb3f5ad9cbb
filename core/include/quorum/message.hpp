// A message in flight between two addresses (nodes 1..9, clients at
// kClientAddressBase + client id). The payload is one of every protocol's
// message types, so one scheduler carries them all.
#pragma once

#include <string>
#include <variant>

#include "quorum/client_messages.hpp"
#include "quorum/multipaxos/messages.hpp"
#include "quorum/paxos/messages.hpp"
#include "quorum/raft/messages.hpp"
#include "quorum/types.hpp"

namespace quorum {

using Payload =
    std::variant<raft::RequestVote, raft::RequestVoteResponse, raft::AppendEntries,
                 raft::AppendEntriesResponse, ClientRequest, ClientResponse, paxos::Prepare,
                 paxos::Promise, paxos::Accept, paxos::Accepted, paxos::Nack, multipaxos::Propose,
                 multipaxos::P1a, multipaxos::P1b, multipaxos::P2a, multipaxos::P2b,
                 multipaxos::Decision, multipaxos::LeaderHeartbeat>;

struct Message {
    NodeId from = kNoNode;
    NodeId to = kNoNode;
    Payload payload;

    friend bool operator==(const Message&, const Message&) = default;
};

// The name a person sees ("RequestVote", "PreVote", "AppendEntries", ...),
// also the <type> word of the scenario language's deliver/drop/duplicate.
std::string message_type_name(const Payload& payload);

inline bool is_client_address(NodeId address) {
    return address > kClientAddressBase;
}

}  // namespace quorum
