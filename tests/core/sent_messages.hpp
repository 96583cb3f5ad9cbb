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
    for (const auto& message : ready.messages) {
        if (const auto* payload = std::get_if<T>(&message.payload)) {
            result.emplace_back(message.to, *payload);
        }
    }
    return result;
}

// A message from `sender` to `receiver`: it becomes the Message of whichever
// protocol's node takes it (its payload type holds the body).
template <typename Body>
struct Incoming {
    NodeId sender;
    NodeId receiver;
    Body body;

    template <typename Payload>
    operator Envelope<Payload>() const {  // NOLINT(google-explicit-constructor): a test's shorthand
        return Envelope<Payload>{sender, receiver, Payload(body)};
    }
};

template <typename Body>
Incoming<Body> from(NodeId sender, NodeId receiver, Body body) {
    return Incoming<Body>{sender, receiver, std::move(body)};
}

}  // namespace quorum::testing
