// A protocol, as the code that serves every protocol sees it (docs/design.md,
// "The protocol seam"; Stateright's Actor and Model).
//
// Each protocol's folder has one descriptor (<name>::Protocol, in its
// protocol.hpp): a struct of types and static
// functions that says what its node is (a ProtocolNode), what its checker is
// (a CheckerOf its node), and what a host needs besides: the node's config in
// a cluster of N nodes, its messages' names and trace fields, the lines it
// adds to the trace, and who leads. The simulator, the stores and the other
// hosts are written once against this concept; the registry
// (quorum/protocols.hpp) lists the descriptors.
#pragma once

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "quorum/bug.hpp"
#include "quorum/check/checker.hpp"
#include "quorum/node_contract.hpp"
#include "quorum/options.hpp"
#include "quorum/random.hpp"
#include "quorum/state_machine.hpp"
#include "quorum/store/records.hpp"
#include "quorum/trace_writer.hpp"

namespace quorum {

namespace sim {
class FuzzLiveness;
}  // namespace sim
namespace scenario {
class ProtocolLanguage;
}  // namespace scenario
namespace check {
enum class TraceFact;
}  // namespace check

template <typename P>
concept Protocol = ProtocolNode<typename P::Node> &&
    CheckerOf<typename P::Checker, typename P::Node, typename P::Summary> &&
    requires(const typename P::Node::Config& config, std::size_t nodes,
             const typename P::Node::Message::Payload& payload, TraceWriter& writer, NodeId id,
             const typename P::Node& node, const typename P::Summary& before,
             const typename P::Node::Ready& ready, const typename P::Checker& checker,
             const NodeSlots<typename P::Node>& slots, Random& random, std::string& roles,
             sim::FuzzLiveness& liveness, store::Batch& batch,
             const typename P::Node::DurableState& durable,
             const std::vector<store::Record>& records, check::TraceFact fact,
             StateHasher& hasher) {
    // The name of the trace's "algo", the scenario's `cluster <name>`,
    // every CLI's --algo.
    { P::kName } -> std::convertible_to<std::string_view>;
    // Whether a client goes first to the node the last answer named as
    // leader (a client library keeps its leader), or picks one.
    { P::kClientsFollowLeader } -> std::convertible_to<bool>;
    // The node's config in a cluster of `nodes` nodes (members, role lists).
    { P::node_config(config, nodes) } -> std::same_as<typename P::Node::Config>;
    { P::type_name(payload) } -> std::same_as<std::string_view>;
    { P::payload_json(payload) } -> std::same_as<std::string>;
    // The protocol's own trace lines for one input (`before`: the
    // checker's summary of the node before it).
    P::trace_input(writer, id, node, before, ready, checker);
    // The one live leader, if the protocol has one, and the highest term
    // (or ballot round) among live nodes: the scenario's `leader`, `term`.
    { P::leader(slots) } -> std::same_as<std::optional<NodeId>>;
    { P::highest_term(slots) } -> std::same_as<std::uint64_t>;
    // Of one node: whether it leads, how far it has committed and
    // applied (a log index, a slot), its state machine if it has one.
    { P::is_leader(node) } -> std::same_as<bool>;
    { P::committed(node) } -> std::same_as<std::uint64_t>;
    { P::applied(node) } -> std::same_as<std::uint64_t>;
    { P::state_machine(node) } -> std::same_as<const StateMachine*>;
    // The fuzzer (sim/fuzz.hpp): its clients' workload, the seed's role
    // layout, the liveness phase's bound and goal.
    { P::kClientsPropose } -> std::convertible_to<bool>;
    { P::fuzz_layout(config, nodes, random, roles) } -> std::same_as<typename P::Node::Config>;
    { P::fuzz_liveness_bound(config) } -> std::same_as<TimeUs>;
    { P::fuzz_liveness(liveness) } -> std::same_as<bool>;
    // Its options (quorum/options.hpp) and its default cluster size.
    { P::kDefaultNodes } -> std::convertible_to<std::size_t>;
    { P::options() } -> std::same_as<std::span<const Option<typename P::Node::Config>>>;
    { P::check_options(config) } -> std::same_as<std::optional<OptionProblem>>;
    // Its bug zoo: broken variants by name (quorum/bug.hpp).
    { P::bugs() } -> std::same_as<std::span<const Bug<typename P::Node::Config>>>;
    // The rule of its checker a fact seen in a trace breaks (check/trace_checks.hpp).
    { P::trace_rule(fact) } -> std::same_as<const Rule*>;
    // Its part of the scenario language (scenario/language.hpp).
    { P::language() } -> std::same_as<const scenario::ProtocolLanguage&>;
    // Its node's whole state and its durable state, hashed for the
    // explorer's visited set (quorum/state_hash.hpp).
    P::hash_node(hasher, node);
    P::hash_durable(hasher, durable);
    // Its durable state as keyed records (store/records.hpp).
    P::append_records(batch, ready, durable);
    { P::records_of(durable) } -> std::same_as<store::Batch>;
    {
        P::load_records(records)
        } -> std::same_as<std::variant<typename P::Node::DurableState, store::LoadError>>;
};

}  // namespace quorum
