// Single-decree Paxos's vocabulary and messages, with the names of Lamport's
// "Paxos Made Simple" (2001): a proposal is a (ballot, value) pair, where the
// ballot is the paper's "proposal number"; Prepare and Promise are phase 1
// (the paper's "prepare request" and its "promise"), Accept and Accepted are
// phase 2 (the "accept request" and the acceptor's notice to the learners).
// Nack is the optimization the paper suggests in section 2.3 ("an acceptor
// ... should probably inform the proposer, who should then abandon its
// attempt"): it names the higher ballot the acceptor has promised, so the
// proposer retries above it at once instead of waiting for a timeout.
//
// Plain values: copyable, comparable. In traces a ballot is written "r.n"
// (round r, proposer n), e.g. "3.2"; "0.0" is no ballot.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "quorum/client_messages.hpp"
#include "quorum/message.hpp"
#include "quorum/types.hpp"

namespace quorum::paxos {

using Round = std::uint64_t;
using Value = std::string;  // a client's proposed value (Command::value)

// A proposal number: totally ordered by round, then by proposer id. Unique
// per proposer because the proposer's own id breaks ties, so two proposers
// never issue the same ballot (the paper's "disjoint sets of numbers").
struct Ballot {
    Round round = 0;  // 0: no ballot (nothing promised, nothing accepted)
    NodeId node = kNoNode;

    bool is_none() const { return round == 0; }
    std::string to_string() const { return std::to_string(round) + "." + std::to_string(node); }

    friend auto operator<=>(const Ballot&, const Ballot&) = default;
};

// The paper's "proposal": a value under a ballot.
struct Proposal {
    Ballot ballot;
    Value value;

    friend bool operator==(const Proposal&, const Proposal&) = default;
};

// Phase 1a: the proposer asks the acceptors to promise not to accept any
// proposal numbered below `ballot`.
struct Prepare {
    Ballot ballot;

    friend bool operator==(const Prepare&, const Prepare&) = default;
};

// Phase 1b: the promise, with the highest-numbered proposal the acceptor has
// accepted, if any: the proposer must propose that value (section 2.2).
struct Promise {
    Ballot ballot;
    std::optional<Proposal> accepted;

    friend bool operator==(const Promise&, const Promise&) = default;
};

// Phase 2a: the proposer asks the acceptors to accept this proposal.
struct Accept {
    Ballot ballot;
    Value value;

    friend bool operator==(const Accept&, const Accept&) = default;
};

// Phase 2b: an acceptor accepted the proposal; sent to every learner and to
// the proposer that owns the ballot.
struct Accepted {
    Ballot ballot;
    Value value;

    friend bool operator==(const Accepted&, const Accepted&) = default;
};

// An acceptor refused the Prepare or Accept of `ballot` because it has
// promised the higher ballot `promised`.
struct Nack {
    Ballot ballot;
    Ballot promised;

    friend bool operator==(const Nack&, const Nack&) = default;
};

// Everything a Paxos node sends or takes: its own messages and the clients'.
using Payload =
    std::variant<Prepare, Promise, Accept, Accepted, Nack, ClientRequest, ClientResponse>;
using Message = Envelope<Payload>;

// "Prepare", "Promise", ...: the trace's `type` and the scenario's <type> word.
std::string_view type_name(const Payload& payload);

}  // namespace quorum::paxos
