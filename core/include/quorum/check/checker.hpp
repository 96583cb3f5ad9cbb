// The checker interface every protocol's invariant checker has, so one host
// feeds any of them the same way (docs/design.md, "Checkers"; as LogCabin
// checks its invariants after every step).
//
// A checker is a plain value, copied with the cluster. Its host:
//   - notes Checker::summarize(node, ...) before each input to a node (the
//     protocol's Summary: role and term, phase and ballot, ...), then, once
//     the node's Ready is persisted, calls on_ready(node id, node, summary,
//     ready, now): what the input did;
//   - calls check(nodes, touched, now) after every event (`touched`: the node
//     the event was an input to, or kNoNode), for what only the whole
//     cluster's state shows;
//   - reports restarts (on_restart), clients' requests (on_proposed: only a
//     proposed value may be chosen) and answers (on_acknowledged: an answered
//     write must not be lost).
// It declares its rules (rules(): name and meaning, the one place each name is
// written) and reports each broken one as a Violation naming a declared rule.
#pragma once

#include <concepts>
#include <cstdint>
#include <span>
#include <vector>

#include "quorum/check/violation.hpp"
#include "quorum/command.hpp"
#include "quorum/node_contract.hpp"

namespace quorum {

template <typename C, typename N, typename Summary>
concept CheckerOf = ProtocolNode<N> && std::copyable<C> &&
    std::constructible_from<C, const typename N::Config&> &&
    requires(C& checker, const C& observed, NodeId id, const N& node, const Summary& before,
             const typename N::Ready& ready, TimeUs now, const NodeSlots<N>& nodes,
             const Command& command, ClientId client, std::uint64_t sequence) {
    { C::rules() } -> std::same_as<std::span<const Rule>>;
    { observed.summarize(node) } -> std::same_as<Summary>;
    checker.on_ready(id, node, before, ready, now);
    checker.check(nodes, id, now);
    checker.on_restart(id, node);
    checker.on_proposed(command);
    checker.on_acknowledged(client, sequence, now);
    { observed.violations() } -> std::same_as<const std::vector<Violation>&>;
};

}  // namespace quorum
