// The swarm fuzzer: one seed, one world, two phases (STYLE.md, TigerBeetle).
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
// One run (fuzz_raft; fuzz_paxos and fuzz_multipaxos differ where said):
//   1. Safety phase: `steps` scheduler events under the seed's faults, with
//      clients starting put/append/get/add on a few keys. The Raft invariant
//      checkers run after every event; the first violation ends the run.
//      Paxos: the clients propose values ("p<n>"), and the Paxos checker
//      runs; Multi-Paxos: the same key-value clients as Raft, and the
//      Multi-Paxos checker (agreement, slot order, ballots, validity, adopted
//      pvalues).
//   2. Liveness phase: every fault is repaired (heal, restart every node, no
//      loss, no duplication); within the liveness bound
//        Raft: a leader must be elected, a fresh put acknowledged;
//        Paxos: a fresh proposal must be answered and a value be chosen;
//        Multi-Paxos: an active leader must emerge, a fresh put be
//          acknowledged (so decided and applied), and then applied by every
//          replica up to its slot;
//      and every client still waiting must get its answer.
//   3. The client history must be linearizable (quorum/check/linearizability).
//
// Paxos and Multi-Paxos also draw their role layout per seed (unless the
// options fix it): each role list is every node or a random non-empty subset,
// and Multi-Paxos's window is 1..8. The layout is part of the seed's world,
// printed in the summary.
//
// Everything is deterministic: the mix and the chaos come from forks of
// Random(seed), never from the cluster's own generator, and nothing here
// reads a clock. The same seed and options give the same result and trace,
// natively and in wasm. No I/O: the quorum-sim CLI prints and writes files.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "quorum/check/linearizability.hpp"
#include "quorum/multipaxos/node.hpp"
#include "quorum/paxos/node.hpp"
#include "quorum/raft/node.hpp"
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
    Algorithm algorithm = Algorithm::Raft;  // which protocol (fuzz() dispatches on it)
    std::size_t nodes = 5;                  // 1..9
    std::uint64_t steps = 2000;             // scheduler events in the safety phase
    FaultSet faults;                        // which faults the swarm may draw from
    raft::Config raft;  // template: timeouts, prevote, checkquorum, faults (tests)
    // Templates: timeouts and faults (tests). Role lists left empty are drawn
    // per seed; given, they are used as they are (and so is the window).
    paxos::Config paxos;
    multipaxos::Config multipaxos;
    bool trace = false;  // keep the JSON trace lines in the result
    // How long the liveness phase may take, from the moment every fault is
    // repaired. 0 means the default: 20 x election_timeout_max_us (6 s with
    // the default 150-300 ms). Why 20: a first election needs at most one
    // maximal timeout plus a few message latencies; each later round, a split
    // vote, has well under even odds with randomized timeouts, so ten rounds
    // fail together with odds under 1/1000; the rest pays for the fresh put
    // (a client timeout of 400 ms when it first asks a node that is not the
    // leader) and for the waiting clients' retries. Generous, so that a
    // liveness failure means a stuck cluster, not an unlucky one.
    // Paxos: 20 x (retry_timeout_us + backoff_max_us), 4 s by default: a
    // proposer that gathers no majority retries after at most that long, and
    // with randomized backoff two dueling proposers stop colliding in a few
    // rounds, as split votes do. Multi-Paxos: 20 x leader_timeout_max_us, 6 s
    // by default: a passive leader takes over after one timeout, a preempted
    // one backs off a random timeout, and the rest pays for the replicas'
    // retries (200 ms) and the clients'.
    TimeUs liveness_bound_us = 0;
};

// The bound the fuzzers use: options.liveness_bound_us, or its default for
// options.algorithm.
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

// The mix seed `seed` draws under `options` (fuzz_raft draws the same one).
FaultMix draw_fault_mix(std::uint64_t seed, const FuzzOptions& options);

struct FuzzResult {
    bool ok = true;
    std::string phase;    // "safety" or "liveness" when !ok
    std::string failure;  // the violation, what liveness did not reach, or why not linearizable
    std::uint64_t seed = 0;
    TimeUs time_us = 0;        // virtual time at the end of the run
    std::uint64_t events = 0;  // scheduler events over both phases
    FaultMix mix;
    // The history check. Inconclusive (the checker ran out of budget) keeps
    // ok == true, but the CLI should say so: `linearizability_note` says why.
    Verdict linearizability = Verdict::Linearizable;
    std::string linearizability_note;
    std::size_t operations = 0;      // client operations in the history
    std::vector<std::string> trace;  // JSON lines, when options.trace
    // Paxos and Multi-Paxos: the seed's role layout ("replicas 1,2,3 leaders
    // 1,2 acceptors 3,4,5 window 5"); empty for Raft.
    std::string roles;

    // "seed 7: ok" or "seed 7: liveness failure: ...", then the mix.
    std::string summary() const;
};

// One seed, both phases, then the history check. fuzz_raft ignores
// options.algorithm; fuzz() dispatches on it.
FuzzResult fuzz_raft(std::uint64_t seed, const FuzzOptions& options);
FuzzResult fuzz_paxos(std::uint64_t seed, const FuzzOptions& options);
FuzzResult fuzz_multipaxos(std::uint64_t seed, const FuzzOptions& options);
FuzzResult fuzz(std::uint64_t seed, const FuzzOptions& options);

// The role lists and window a paxos / multipaxos seed runs with: the
// template's where given, else drawn from the seed.
paxos::Config draw_paxos_layout(std::uint64_t seed, const FuzzOptions& options);
multipaxos::Config draw_multipaxos_layout(std::uint64_t seed, const FuzzOptions& options);

}  // namespace quorum::sim
