// The swarm fuzzer: one seed, one world, two phases (docs/design.md, "The
// fuzzer"; docs/scenarios.md, "fuzz").
//
// TigerBeetle's VOPR runs a cluster in a deterministic simulator under faults
// drawn from a seed and prints the seed when something breaks, so the seed
// replays the exact run. We do the same over sim::Cluster. Following swarm
// testing (Groce, Zhang, Eide, Chen and Regehr, "Swarm Testing", ISSTA 2012),
// each seed does not only pick the moments of faults but first draws *which*
// faults exist in its world and how hard they hit (a FaultMix): a thousand
// seeds then explore a thousand different worlds, including the quiet ones
// where a rare interleaving has the time to happen, instead of a thousand
// copies of one average world where everything happens a little.
//
// One run, for any protocol (its descriptor, quorum/protocol.hpp, says what
// differs: its clients' workload, its role layout, its liveness goal):
//   1. Safety phase: `steps` scheduler events under the seed's faults, with
//      clients starting operations: put/append/get/add on a few keys, or,
//      where the protocol's clients propose values (kClientsPropose),
//      proposals "p<n>". The protocol's checker runs after every event; the
//      first violation ends the run.
//   2. Liveness phase: every fault is repaired (heal, restart every node, no
//      loss, no duplication); within the liveness bound the protocol's goal
//      must be reached (fuzz_liveness: a leader, a fresh operation
//      acknowledged, ...), and every client still waiting must get its answer.
//   3. The client history must be linearizable (quorum/check/linearizability).
//
// A protocol with roles also draws its role layout per seed (unless the
// options fix it: fuzz_layout). The layout is part of the seed's world,
// printed in the summary.
//
// Everything is deterministic: the mix and the chaos come from forks of
// Random(seed), never from the cluster's own generator, and nothing here
// reads a clock. The same seed and options give the same result and trace,
// natively and in wasm. No I/O: the quorum-sim CLI prints and writes files.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "quorum/check/linearizability.hpp"
#include "quorum/sim/cluster.hpp"
#include "quorum/sim/network.hpp"
#include "quorum/types.hpp"

namespace quorum::sim {

// The faults a swarm may draw from (bits of a FaultSet).
enum class Fault : unsigned { Crash = 1, Partition = 2, Loss = 4, Duplicate = 8, Reorder = 16 };

struct FaultSet {
    static constexpr unsigned kAll = 31;
    unsigned bits = kAll;

    bool has(Fault fault) const { return (bits & static_cast<unsigned>(fault)) != 0; }

    // "crash,partition,loss,dup,reorder" (any subset, any order; also "all"
    // and "none"), the CLI's --faults. On a bad list: nullopt, and `error`
    // names the offending word.
    static std::optional<FaultSet> parse(std::string_view text, std::string& error);
    // The canonical list, in the order above: "crash,loss", or "none".
    std::string to_string() const;

    friend bool operator==(const FaultSet&, const FaultSet&) = default;
};

struct FuzzOptions {
    // Which protocol, and the template of its nodes' config: timeouts,
    // options, faults (tests). Role lists left empty are drawn per seed;
    // given, they are used as they are (and so is the window).
    ProtocolConfig protocol;
    std::size_t nodes = 5;       // 1..9
    std::uint64_t steps = 2000;  // scheduler events in the safety phase
    FaultSet faults;             // which faults the swarm may draw from
    bool trace = false;          // keep the JSON trace lines in the result
    // How long the liveness phase may take, from the moment every fault is
    // repaired. 0 means the protocol's default (fuzz_liveness_bound): 20 x
    // the longest wait for a new attempt (an election timeout's maximum, a
    // proposer's retry and backoff), 4-6 s by default. Why 20: a first election needs at most one
    // maximal timeout plus a few message latencies; each later round, a split
    // vote, has well under even odds with randomized timeouts, so ten rounds
    // fail together with odds under 1/1000; the rest pays for the fresh
    // operation (a client timeout of 400 ms when it first asks a node that is
    // not the leader) and for the waiting clients' retries. Generous, so that
    // a liveness failure means a stuck cluster, not an unlucky one.
    TimeUs liveness_bound_us = 0;
    // The history check's budget per object (LinearizabilityOptions); 0: its
    // default. The fuzzer's histories stay small enough for it (see
    // FaultMix::max_waiting_clients), so running out of it fails the seed.
    std::uint64_t linearizability_budget = 0;
};

// The bound the fuzzer uses: options.liveness_bound_us, or its default for
// options.protocol.
TimeUs liveness_bound(const FuzzOptions& options);

// What one seed drew: its world. Probabilities are parts per million (per
// chaos decision for crashes and partitions, per message for the network), so
// nothing here is a float and every platform draws the same.
struct FaultMix {
    TimeUs chaos_interval_us = 0;       // the chaos monkey decides this often
    PartsPerMillion crash_ppm = 0;      // per decision: crash a live node
    PartsPerMillion restart_ppm = 0;    // per decision: restart a crashed node
    PartsPerMillion partition_ppm = 0;  // per decision: random groups or isolate a node
    PartsPerMillion heal_ppm = 0;       // per decision, while cut: heal
    PartsPerMillion loss_ppm = 0;       // per message
    PartsPerMillion duplicate_ppm = 0;  // per message
    bool reorder = false;
    TimeUs client_interval_us = 0;  // a new client operation this often...
    // ...unless this many are still waiting for an answer. The bound keeps
    // the history checkable: the linearizability search is exponential in
    // how many operations overlap, and under heavy faults an operation can
    // wait for a second or more.
    std::size_t max_waiting_clients = 1;
    std::size_t keys = 1;  // keys the clients use ("k0".."k<n-1>")

    // "chaos every 40ms: crash 5.0% restart 30.0% partition off loss 12.3% ..."
    std::string to_string() const;

    friend bool operator==(const FaultMix&, const FaultMix&) = default;
};

// The mix seed `seed` draws under `options` (fuzz() draws the same one).
FaultMix draw_fault_mix(std::uint64_t seed, const FuzzOptions& options);

struct FuzzResult {
    bool ok = true;
    std::string phase;    // "safety", "liveness" or "history" when !ok
    std::string failure;  // the violation, what liveness did not reach, or why not linearizable
    // The rule that failed, exactly as its checker names it ("election
    // safety", ...), or "linearizability" for the history check; empty for a
    // liveness failure. Tests compare it, not the failure's text.
    std::string rule;
    std::uint64_t seed = 0;
    TimeUs time_us = 0;        // virtual time at the end of the run
    std::uint64_t events = 0;  // scheduler events over both phases
    FaultMix mix;
    // The history check. Inconclusive (the checker ran out of budget) fails
    // the seed in phase "history": a history the fuzzer cannot check proves
    // nothing, so it counts as a failure, never as a pass.
    // `linearizability_note` says why.
    Verdict linearizability = Verdict::Linearizable;
    std::string linearizability_note;
    std::size_t operations = 0;      // client operations in the history
    std::vector<std::string> trace;  // JSON lines, when options.trace
    // The seed's role layout, for a protocol with roles ("replicas 1,2,3
    // leaders 1,2 acceptors 3,4,5 window 5"); empty otherwise.
    std::string roles;

    // "seed 7: ok" or "seed 7: liveness failure: ...", then the mix.
    std::string summary() const;
};

// One seed, both phases, then the history check.
FuzzResult fuzz(std::uint64_t seed, const FuzzOptions& options);

// The protocol config seed `seed` runs with: the template's, with the role
// layout drawn where the template leaves it open; `roles` is how the summary
// describes it.
ProtocolConfig draw_layout(std::uint64_t seed, const FuzzOptions& options, std::string& roles);

// Helpers for a protocol's fuzz_layout: a role list drawn from `random`
// (every node with even odds, else each node with even odds, at least one),
// and its text ("1,3,4").
std::vector<NodeId> draw_role(Random& random, std::size_t nodes);
// Draws a role list and keeps it where `ids` (the template's) is empty: the
// draw is made either way, so fixing one list leaves a seed's others alone.
void draw_role_unless_given(std::vector<NodeId>& ids, Random& random, std::size_t nodes);
std::string id_list(const std::vector<NodeId>& ids);

// What a protocol's liveness goal (its descriptor's fuzz_liveness) may do
// with the run, once every fault is repaired.
class FuzzLiveness {
  public:
    virtual ~FuzzLiveness() = default;
    virtual const Cluster& cluster() const = 0;
    // Steps until `reached` holds; false once the next event lies beyond the
    // bound, or an invariant broke on the way.
    virtual bool run_until(const std::function<bool()>& reached) = 0;
    // A fresh client operation (a put of "k0", or a proposal of "liveness"
    // where clients propose); true once it is answered within the bound.
    virtual bool fresh_operation_answered() = 0;
    // Fails the liveness phase; " within <bound> of healing every fault",
    // for the failure's sentence.
    virtual void fail(std::string failure) = 0;
    virtual const std::string& within() const = 0;
};

}  // namespace quorum::sim
