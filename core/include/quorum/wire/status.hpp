// The operator's view of a node, asked for by `quorum-ctl status`: not part
// of any protocol, so not a Payload the cores see; the wire carries it beside
// them (quorum/wire/codec.hpp).
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "quorum/types.hpp"

namespace quorum::wire {

// "What are you?" A client sends it to a node; `nonce` comes back in the
// answer so a late answer to an earlier request is not taken for this one.
struct StatusRequest {
    std::uint64_t nonce = 0;
    friend bool operator==(const StatusRequest&, const StatusRequest&) = default;
};

// One node's summary, in its protocol's nearest words (each protocol's
// node view in shell/node/protocols/ says which): its role, its term or
// ballot round, how far it committed, how long its log is, the leader it
// knows.
// `dropped` counts datagrams the node threw away, per kind ("garbage",
// "truncated", "version", "unknown-node", "oversize"), so a test can see them.
struct NodeStatus {
    NodeId id = kNoNode;
    std::string algorithm;
    std::string role;
    std::uint64_t term = 0;
    std::uint64_t commit_index = 0;
    std::uint64_t log_length = 0;
    NodeId leader = kNoNode;
    std::uint64_t datagrams_received = 0;
    std::vector<std::pair<std::string, std::uint64_t>> dropped;

    friend bool operator==(const NodeStatus&, const NodeStatus&) = default;
};

struct StatusResponse {
    std::uint64_t nonce = 0;
    NodeStatus status;
    friend bool operator==(const StatusResponse&, const StatusResponse&) = default;
};

}  // namespace quorum::wire
