// Single-decree Paxos's bug zoo (quorum/bug.hpp; docs/scenarios.md, "The bug
// zoo"): each a switch of Faults that breaks one rule of "Paxos Made Simple"
// on purpose, with the lesson that shows it in
// assets/scenarios/paxos/bug-<name>.qs.
#include "quorum/paxos/protocol.hpp"

namespace quorum::paxos {

namespace {

const Bug<Config> kBugs[] = {
    {"acceptor-forgets",
     "An acceptor keeps its promise and accepted proposal in memory only, so a restart "
     "breaks its promises (section 2.2: an acceptor must remember them even if it fails).",
     &Faults::acceptor_skips_persistence, Invariants::kPromiseKept},
    {"ignore-accepted",
     "A proposer proposes its own value although a promise reports an accepted proposal, "
     "where it must take the value of the highest-numbered one (section 2.2, P2c).",
     &Faults::proposer_ignores_accepted_values, Invariants::kAtMostOneValueChosen},
    {"accept-below-promise",
     "An acceptor accepts a proposal numbered below a Prepare it promised to answer, "
     "which it promised never to do (section 2.2, P1a).",
     &Faults::acceptor_accepts_below_promise, Invariants::kPromiseKept},
    {"learner-mixes-ballots",
     "A learner counts acceptances of different ballots toward one majority, but a value is "
     "chosen only when a majority accepts the same proposal (section 2.3).",
     &Faults::learner_mixes_ballots, Invariants::kLearnedValueChosen},
};

}  // namespace

std::span<const Bug<Config>> Protocol::bugs() {
    return kBugs;
}

}  // namespace quorum::paxos
