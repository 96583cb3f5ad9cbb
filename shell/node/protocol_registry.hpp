// quorum-node's registry: each protocol's view (node_view.hpp), one include
// per protocol of the core's registry (quorum/protocols.hpp). A protocol
// missing here is a compile error where the node is built for it.
#pragma once

#include "node_view.hpp"
#include "protocols/multipaxos/node_view.hpp"
#include "protocols/paxos/node_view.hpp"
#include "protocols/raft/node_view.hpp"
#include "quorum/protocols.hpp"

namespace quorum::node {

namespace detail {

template <typename... Ps>
constexpr bool every_protocol_has_a_view(std::tuple<Ps...>*) {
    return (NodeViewOf<NodeView<Ps>, Ps> && ...);
}

}  // namespace detail

static_assert(detail::every_protocol_has_a_view(static_cast<Protocols*>(nullptr)),
              "every protocol of quorum/protocols.hpp needs a NodeView (node_view.hpp)");

}  // namespace quorum::node
