// The node contract: what every protocol node is, stated once
// (docs/design.md, "The node contract"; etcd's Node and Ready,
// Stateright's Actor).
//
// A node is a plain value, a pure state machine (sans-IO). Its inputs:
//   - construction from its durable state: the start (an empty DurableState)
//     and every restart (what it had made durable before the crash);
//   - step(message, now): a message from a peer or a client arrived;
//   - tick(now): time passed; fires the node's timer if it is due at `now`;
//   - fire_timer(now): fires the next timer now, due or not (manual mode);
//   - propose(command, now): a client's request, handed to this node by its
//     host rather than by message (the same as a ClientRequest from
//     kClientAddressBase + command->client).
// Each input returns one Ready, the effects of that input:
//   - durable writes (has_durable_writes(); persist_to() applies them to a
//     DurableState, as the host's storage would);
//   - messages to send, to peers and to clients: a client's answer is a
//     ClientResponse among them;
//   - observations for the host's trace and checkers (entries applied, values
//     learned, ...), which change nothing.
// And next_deadline(): when the node wants its next tick (kNoDeadline: never).
//
// THE HOST MUST MAKE THE DURABLE WRITES OF A READY DURABLE BEFORE IT SENDS ANY
// OF ITS MESSAGES (persist before send). A vote, a promise or an
// acknowledgement sent before the state it rests on is on disk can be
// forgotten by a crash and given twice: two leaders in one term, two values
// chosen. Every host obeys it: the simulator (memory), the browser's workers
// (one IndexedDB transaction, then the post), the native node (one SQLite
// transaction, then the datagrams). A host may merge several Readies into one
// write (group commit) as long as nothing of them is sent before it.
//
// The node never reads a clock (time arrives with each input) and draws
// randomness only from the Random its host hands in, so the same inputs give
// the same outputs on every host and platform.
#pragma once

#include <concepts>
#include <optional>
#include <vector>

#include "quorum/command.hpp"
#include "quorum/random.hpp"
#include "quorum/types.hpp"

namespace quorum {

template <typename R, typename DurableState, typename Message>
concept ReadyOf = std::movable<R> && requires(const R& ready, DurableState& durable) {
    { ready.has_durable_writes() } -> std::same_as<bool>;
    ready.persist_to(durable);
    { ready.messages } -> std::convertible_to<const std::vector<Message>&>;
};

template <typename N>
concept ProtocolNode = std::copyable<N> && requires {
    typename N::Config;
    typename N::DurableState;
    typename N::Ready;
    typename N::Message;
} && std::constructible_from<N, NodeId, typename N::Config, typename N::DurableState, Random,
                             TimeUs> &&
    ReadyOf<typename N::Ready, typename N::DurableState, typename N::Message> &&
    requires(N& node, const N& observed, const typename N::Message& message,
             const SharedCommand& command, TimeUs now) {
    { node.step(message, now) } -> std::same_as<typename N::Ready>;
    { node.tick(now) } -> std::same_as<typename N::Ready>;
    { node.fire_timer(now) } -> std::same_as<typename N::Ready>;
    { node.propose(command, now) } -> std::same_as<typename N::Ready>;
    { observed.next_deadline() } -> std::same_as<TimeUs>;
    { observed.id() } -> std::same_as<NodeId>;
    { observed.durable_state() } -> std::same_as<typename N::DurableState>;
};

// A host's nodes, indexed by node id (index 0 unused): empty while crashed.
template <typename N>
using NodeSlots = std::vector<std::optional<N>>;

}  // namespace quorum
