// Test helpers shared by every protocol's node tests: what a Ready sent, and
// a message built by hand as if it arrived from a peer.
#pragma once

#include <utility>
#include <variant>
#include <vector>

#include "quorum/message.hpp"

namespace quorum::testing {

// The messages of type T in a Ready (any protocol's), with their receivers.
template <typename T, typename AnyReady>
std::vector<std::pair<NodeId, T>> sent(const AnyReady& ready) {
    std::vector<std::pair<NodeId, T>> result;
    for (const Message& message : ready.messages) {
        if (const auto* payload = std::get_if<T>(&message.payload)) {
            result.emplace_back(message.to, *payload);
        }
    }
    return result;
}

inline Message from(NodeId sender, NodeId receiver, Payload payload) {
    return Message{sender, receiver, std::move(payload)};
}

}  // namespace quorum::testing
