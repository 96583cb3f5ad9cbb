// Multi-Paxos's vocabulary and messages, with the names of van Renesse and
// Altinbuken, "Paxos Made Moderately Complex" (ACM Computing Surveys, 2015;
// PMMC below): slots, ballots, pvalues, and the messages P1a, P1b, P2a, P2b,
// Propose (the paper's "propose" from a replica to the leaders) and Decision.
// The paper's "adopted" and "preempted" are events inside a leader node (its
// scouts and commanders are sub-objects of it), not messages. LeaderHeartbeat
// is ours: the active leader's "I am alive", which PMMC leaves to the
// implementer (its section on failure detection).
//
// Plain values: copyable, comparable.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "quorum/client_messages.hpp"
#include "quorum/command.hpp"
#include "quorum/message.hpp"
#include "quorum/types.hpp"

namespace quorum::multipaxos {

// Slots are numbered from 1, as the paper's slot_in and slot_out start at 1.
using Slot = std::uint64_t;

// A ballot is (round, leader), ordered lexicographically: two leaders never
// use the same ballot, and a leader can always pick a higher one. The zero
// ballot {0, 0} is the paper's bottom: below every real ballot. Traces write
// it as {"round":r,"leader":n}.
struct Ballot {
    std::uint64_t round = 0;
    NodeId leader = kNoNode;

    bool is_bottom() const { return round == 0 && leader == kNoNode; }

    friend auto operator<=>(const Ballot&, const Ballot&) = default;
    friend bool operator==(const Ballot&, const Ballot&) = default;
};

// Who leads and who accepts: what a reconfiguration changes. Replicas are
// fixed (PMMC's reconfiguration of replicas needs state transfer, out of
// scope here). Both lists sorted and without duplicates.
struct Configuration {
    std::vector<NodeId> leaders;
    std::vector<NodeId> acceptors;

    friend bool operator==(const Configuration&, const Configuration&) = default;
};

// What one slot decides, the paper's "command": a client's command, a no-op
// (client 0, filling a slot nobody else claims), or a reconfiguration that
// takes effect WINDOW slots later.
struct Decree {
    Command command;
    std::optional<Configuration> reconfiguration;

    static Decree noop() { return Decree{Command::make_noop(), std::nullopt}; }
    bool is_noop() const { return command.is_noop() && !reconfiguration; }
    bool is_reconfiguration() const { return reconfiguration.has_value(); }

    friend bool operator==(const Decree&, const Decree&) = default;
};

// The paper's pvalue <b, s, c>: decree c proposed for slot s in ballot b.
struct PValue {
    Ballot ballot;
    Slot slot = 0;
    Decree decree;

    friend bool operator==(const PValue&, const PValue&) = default;
};

// Replica -> every leader: "please get `decree` decided in `slot`". The
// replica also names that slot's configuration, which it knows because it has
// applied every slot up to slot - WINDOW: the leader sends the slot's P2a to
// exactly those acceptors, so every leader uses the same acceptors for a slot.
// `slot_out` is the replica's: every slot below it is decided, so leaders may
// forget their proposals for those.
struct Propose {
    Slot slot = 0;
    Decree decree;
    Configuration configuration;
    Slot slot_out = 0;

    friend bool operator==(const Propose&, const Propose&) = default;
};

// A leader's scout -> acceptors: phase 1a, "promise not to accept below `ballot`".
struct P1a {
    Ballot ballot;

    friend bool operator==(const P1a&, const P1a&) = default;
};

// Acceptor -> the leader node that sent a P1a. `request_ballot` is the P1a's
// ballot (the tag that routes the reply to the scouts of that ballot);
// `ballot` the acceptor's ballot_num after it; `accepted` its accepted
// pvalues, the highest-ballot one per slot.
struct P1b {
    Ballot request_ballot;
    Ballot ballot;
    std::vector<PValue> accepted;

    friend bool operator==(const P1b&, const P1b&) = default;
};

// A leader's commander -> acceptors: phase 2a, "accept `pvalue`".
struct P2a {
    PValue pvalue;

    friend bool operator==(const P2a&, const P2a&) = default;
};

// Acceptor -> the leader node: routed to the commander of (`slot`,
// `request_ballot`); accepted iff `ballot` == `request_ballot`.
struct P2b {
    Ballot request_ballot;
    Slot slot = 0;
    Ballot ballot;

    friend bool operator==(const P2b&, const P2b&) = default;
};

// A commander -> every replica (and back to a replica that asks again for a
// slot already decided): `slot` decided `decree`.
struct Decision {
    Slot slot = 0;
    Decree decree;

    friend bool operator==(const Decision&, const Decision&) = default;
};

// The active leader -> the other leaders and the replicas, every heartbeat
// interval: a passive leader that stops hearing it starts a scout with a
// higher ballot. `decided` is the highest slot the leader knows decided (its
// commanders saw it chosen, or a replica's slot_out passed it); a replica
// that has no decision for it missed a Decision and asks again (beyond PMMC,
// which assumes reliable channels: without this, a replica that lost the
// last Decision would never learn it).
struct LeaderHeartbeat {
    Ballot ballot;
    Slot decided = 0;

    friend bool operator==(const LeaderHeartbeat&, const LeaderHeartbeat&) = default;
};

// Everything a Multi-Paxos node sends or takes: PMMC's messages and the clients'.
using Payload = std::variant<Propose, P1a, P1b, P2a, P2b, Decision, LeaderHeartbeat, ClientRequest,
                             ClientResponse>;
using Message = Envelope<Payload>;

// "3.1": ballot round 3 of leader 1, as traces and messages write it.
std::string ballot_text(const Ballot& ballot);

// "Propose", "P1a", ...: the trace's `type` and the scenario's <type> word.
std::string_view type_name(const Payload& payload);

}  // namespace quorum::multipaxos
