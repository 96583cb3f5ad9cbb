// Multi-Paxos as the hosts see it: the protocol descriptor
// (quorum/protocol.hpp). The trace lines it adds (docs/scenarios.md):
//   {"t":..,"ev":"apply","node":2,"slot":3,"cmd":"put x 1"}
//       a replica applied a slot (Raft's apply line with `slot` for `index`
//       and no `term`); no-ops appear as "noop", reconfigurations as
//       "reconfigure leaders=1,2 acceptors=3,4,5"
//   {"t":..,"ev":"role","node":2,"role":"leader","ballot":"3.2"}
//   {"t":..,"ev":"role","node":2,"role":"passive","ballot":"4.2"}
//       a leader's state changed: "leader" when it becomes active (PMMC's
//       `active`: a majority of acceptors adopted its ballot), "passive"
//       when it stops being active (preempted, or retired by a
//       reconfiguration) or when, passive, it starts a scout with a new
//       ballot. Written whenever (active, ballot_num) changes, never for a
//       node that is no leader. Ballots are "r.n": round r of leader n.
//       Nothing is written at start or restart: every leader starts passive.
//   {"t":..,"ev":"reconfigure","node":1,"leaders":[1,2],"acceptors":[2,3,4]}
//       an operator asked replica 1 for a new configuration (an Operation)
//
// Who is "the leader" (leader(): the scenario language's `leader`, `crash
// leader`, `remember x = leader`): the live node whose leader is active and
// whose ballot no live acceptor has promised beyond. A leader whose ballot
// some acceptor has already given up for a higher one is about to be
// preempted (its next P2a to that acceptor comes back with the higher
// ballot), as a Raft leader of a stale term is no leader. A passive leader
// scouting with a higher ballot that has reached no acceptor (it is cut off)
// does not depose the active one. `term` is the round of the highest ballot
// of any live node (acceptor or leader).
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
#include "quorum/multipaxos/invariants.hpp"
#include "quorum/multipaxos/node.hpp"
#include "quorum/multipaxos/wire.hpp"
#include "quorum/options.hpp"
#include "quorum/protocol.hpp"
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

namespace quorum::multipaxos {

struct Protocol {
    static constexpr std::string_view kName = "multipaxos";
    static constexpr bool kClientsFollowLeader = false;
    // Whether its clients propose values (else they read and write keys of
    // the replicated state machine): the fuzzer's workload, quorum-ctl's verbs.
    static constexpr bool kClientsPropose = false;

    using Node = multipaxos::Node;
    using Checker = Invariants;
    using Summary = multipaxos::Summary;

    // An empty role list is every node.
    static Config node_config(Config config, std::size_t nodes);
    static std::string_view type_name(const Payload& payload) {
        return multipaxos::type_name(payload);
    }
    static std::string payload_json(const Payload& payload);
    static void trace_input(TraceWriter& trace, NodeId id, const Node& node, const Summary& before,
                            const Ready& ready, const Checker& checker);
    static std::optional<NodeId> leader(const NodeSlots<Node>& nodes);
    static std::uint64_t highest_term(const NodeSlots<Node>& nodes) {
        return highest_ballot(nodes).round;
    }
    // The highest ballot among live nodes: acceptors' ballot_num and leaders'
    // ballot_num alike (bottom when there is none).
    static Ballot highest_ballot(const NodeSlots<Node>& nodes);
    // A replica's decided slots are the slots it has applied (slot_out - 1:
    // decisions beyond a hole wait, unapplied, until the hole is decided), so
    // committed and applied are the same; a node that is no replica has none.
    static bool is_leader(const Node& node) { return node.leader() && node.leader()->active(); }
    static std::uint64_t committed(const Node& node) { return node.decided_slots(); }
    static std::uint64_t applied(const Node& node) { return node.decided_slots(); }
    static const StateMachine* state_machine(const Node& node) { return &node.state_machine(); }

    // An operator's input (PMMC's reconfiguration command): a replica proposes
    // the configuration, decided like any command and in effect WINDOW slots
    // later. Only a replica takes one.
    using Operation = Configuration;
    static bool takes(const Node& node, const Operation&) { return node.replica().has_value(); }
    static Ready operate(Node& node, const Operation& configuration, TimeUs now) {
        return node.reconfigure(configuration, now);
    }
    static void trace_operation(TraceWriter& trace, NodeId id, const Operation& configuration);
    // Only proposed configurations may be decided (the validity rule).
    static void on_operation(Checker& checker, const Operation& configuration);

    // --- The fuzzer (sim/fuzz.hpp; this protocol's part: fuzz.cpp).
    // The seed's role layout: role lists the template leaves empty are drawn
    // from `random`; `roles` says what was drawn ("" for a protocol without).
    static Config fuzz_layout(Config config, std::size_t nodes, Random& random, std::string& roles);
    static TimeUs fuzz_liveness_bound(const Config& config);
    // Once every fault is repaired: a leader becomes active, a fresh put is
    // acknowledged (so decided and applied), then every replica applies the
    // slots up to it.
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

    // The explorer's state hash (quorum/state_hash.hpp, src/multipaxos/state_hash.cpp): a
    // node's whole state, and what a node made durable.
    static void hash_node(StateHasher& hasher, const Node& node);
    static void hash_durable(StateHasher& hasher, const DurableState& durable);

    // --- Its part of the scenario language (scenario/language.hpp; this
    // protocol's part: scenario.cpp).
    static const scenario::ProtocolLanguage& language();
};

static_assert(quorum::Protocol<Protocol>);

}  // namespace quorum::multipaxos
