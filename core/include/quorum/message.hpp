// A message between two addresses: nodes 1..kMaxNodes, clients at
// kClientAddressBase + client id. Each protocol has its own payload type (a
// variant of its messages and the client ones, in its own folder) and so its
// own Message (its folder's messages.hpp: Message = Envelope<Payload>). Code that
// carries messages of any protocol (the simulator, a node's host) handles them
// through the protocol seam (docs/design.md, "The protocol seam") and, across
// processes, as bytes of the wire codec.
#pragma once

#include "quorum/types.hpp"

namespace quorum {

template <typename PayloadType>
struct Envelope {
    using Payload = PayloadType;

    NodeId from = kNoNode;
    NodeId to = kNoNode;
    Payload payload;

    friend bool operator==(const Envelope&, const Envelope&) = default;
};

inline bool is_client_address(NodeId address) {
    return address > kClientAddressBase;
}

}  // namespace quorum
