// Multi-Paxos's bug zoo (quorum/bug.hpp; docs/scenarios.md, "The bug zoo"):
// each a switch of Faults that breaks one rule of "Paxos Made Moderately
// Complex" on purpose, with the lesson that shows it in
// assets/scenarios/multipaxos/bug-<name>.qs.
#include "quorum/multipaxos/protocol.hpp"

namespace quorum::multipaxos {

namespace {

const Bug<Config> kBugs[] = {
    {"scout-ignores-pvalues",
     "A leader whose ballot is adopted proposes its own commands instead of the decree of the "
     "highest-ballot pvalue its scout gathered for each slot (section 3, pmax).",
     &Faults::leader_ignores_adopted_pvalues, Invariants::kAdoptedPValuesSafe},
    {"commander-minority",
     "A commander decides a slot on the P2b of fewer than a majority of acceptors, but a "
     "decree is chosen only once a majority has accepted it (section 3, Commanders).",
     &Faults::commander_decides_on_minority, Invariants::kAgreement},
};

}  // namespace

std::span<const Bug<Config>> Protocol::bugs() {
    return kBugs;
}

}  // namespace quorum::multipaxos
