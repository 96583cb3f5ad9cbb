// Raft as the hosts see it: the protocol descriptor (quorum/protocol.hpp).
// The trace lines Raft adds (docs/scenarios.md): `role` when a node's role or
// term changes, `apply` for each entry it applies.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "quorum/bug.hpp"
#include "quorum/options.hpp"
#include "quorum/protocol.hpp"
#include "quorum/raft/invariants.hpp"
#include "quorum/raft/node.hpp"
#include "quorum/raft/wire.hpp"
#include "quorum/store/records.hpp"

namespace quorum::sim {
class FuzzLiveness;
}  // namespace quorum::sim
namespace quorum::scenario {
class ProtocolLanguage;
}  // namespace quorum::scenario
namespace quorum::check {
enum class TraceFact;
}  // namespace quorum::check

namespace quorum::raft {

struct Protocol {
    static constexpr std::string_view kName = "raft";
    static constexpr bool kClientsFollowLeader = true;
    // Whether its clients propose values (else they read and write keys of
    // the replicated state machine): the fuzzer's workload, quorum-ctl's verbs.
    static constexpr bool kClientsPropose = false;

    using Node = raft::Node;
    using Checker = Invariants;
    using Summary = raft::Summary;

    // Every node of the cluster is a member.
    static Config node_config(Config config, std::size_t nodes);
    static std::string_view type_name(const Payload& payload) { return raft::type_name(payload); }
    static std::string payload_json(const Payload& payload);
    static void trace_input(TraceWriter& trace, NodeId id, const Node& node, const Summary& before,
                            const Ready& ready, const Checker& checker);
    // The one live leader of the highest term held by any live node.
    static std::optional<NodeId> leader(const NodeSlots<Node>& nodes);
    static std::uint64_t highest_term(const NodeSlots<Node>& nodes);
    static bool is_leader(const Node& node) { return node.role() == Role::Leader; }
    static std::uint64_t committed(const Node& node) { return node.commit_index(); }
    static std::uint64_t applied(const Node& node) { return node.last_applied(); }
    static const StateMachine* state_machine(const Node& node) { return &node.state_machine(); }

    // --- The fuzzer (sim/fuzz.hpp; this protocol's part: fuzz.cpp).
    // The seed's role layout: role lists the template leaves empty are drawn
    // from `random`; `roles` says what was drawn ("" for a protocol without).
    static Config fuzz_layout(Config config, std::size_t nodes, Random& random, std::string& roles);
    static TimeUs fuzz_liveness_bound(const Config& config);
    // Once every fault is repaired: a leader is elected, then a fresh put is acknowledged.
    static bool fuzz_liveness(sim::FuzzLiveness& run);

    // --- Durable state as keyed records (store/records.hpp; this protocol's
    // layout of keys: records.cpp), for the workers' IndexedDB.
    // The writes of one Ready, in the order they must happen (`after`: the
    // durable state with the Ready applied).
    static void append_records(store::Batch& batch, const Ready& ready, const DurableState& after);
    // Every record of a whole state.
    static store::Batch records_of(const DurableState& state);
    // The state from every record it had, sorted by key, or what is wrong.
    static std::variant<DurableState, store::LoadError> load_records(
        const std::vector<store::Record>& sorted);

    // --- Options (quorum/options.hpp; this protocol's table: options.cpp):
    // the `cluster` line's words beyond the common ones, and how many nodes a
    // cluster has when nobody says.
    static constexpr std::size_t kDefaultNodes = 5;
    static std::span<const Option<Config>> options();
    // A combination of options that cannot be; none: the config is sound.
    static std::optional<OptionProblem> check_options(const Config& config);

    // --- Its bug zoo (quorum/bug.hpp; this protocol's table: bugs.cpp): the
    // broken variants a scenario's `bug=<name>` switches on.
    static std::span<const Bug<Config>> bugs();

    // --- What a trace of it alone shows broken (check/trace_checks.hpp): the
    // rule of its checker each fact breaks, if it has one.
    static const Rule* trace_rule(check::TraceFact fact);

    // The explorer's state hash (quorum/state_hash.hpp, src/raft/state_hash.cpp): a
    // node's whole state, and what a node made durable.
    static void hash_node(StateHasher& hasher, const Node& node);
    static void hash_durable(StateHasher& hasher, const DurableState& durable);
    // The same with the nodes renamed (explore --symmetry): Raft's node ids
    // are interchangeable (nothing in the protocol orders nodes by id).
    static void hash_node_renamed(StateHasher& hasher, const Node& node,
                                  const NodeRenaming& rename);
    static void hash_durable_renamed(StateHasher& hasher, const DurableState& durable,
                                     const NodeRenaming& rename);
    static void hash_message_renamed(StateHasher& hasher, const Payload& payload,
                                     const NodeRenaming& rename);

    // --- Its part of the scenario language (scenario/language.hpp; this
    // protocol's part: scenario.cpp).
    static const scenario::ProtocolLanguage& language();
};

static_assert(quorum::Protocol<Protocol>);

}  // namespace quorum::raft
