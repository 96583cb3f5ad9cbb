// What a Multi-Paxos node is built from (Config, DurableState) and what each
// of its inputs gives back (Ready). See node.hpp for the contract.
#pragma once

#include <limits>
#include <map>
#include <optional>
#include <vector>

#include "quorum/command.hpp"
#include "quorum/multipaxos/messages.hpp"
#include "quorum/types.hpp"

namespace quorum::multipaxos {

// Named fault injection points, as raft::Faults: each breaks one rule on
// purpose so the checkers' tests can show the checkers catch it. All off
// everywhere but in those tests.
struct Faults {
    bool acceptor_forgets_on_restart = false;     // breaks ballot monotonicity (and agreement)
    bool leader_ignores_adopted_pvalues = false;  // breaks adopted-pvalue safety (and agreement)
    bool replica_applies_out_of_order = false;    // breaks slot-order application
    // The bug zoo's (bugs.cpp): a commander decides on the first P2b, fewer
    // than a majority of its acceptors (breaks agreement).
    bool commander_decides_on_minority = false;
    bool leader_alters_commands = false;  // breaks validity

    friend bool operator==(const Faults&, const Faults&) = default;
};

struct Config {
    // The initial configuration: every node's roles. A node may hold any set
    // of them. Replicas are fixed; leaders and acceptors change by
    // reconfiguration.
    std::vector<NodeId> replicas;
    std::vector<NodeId> leaders;
    std::vector<NodeId> acceptors;
    // PMMC's WINDOW: a replica proposes for slots below slot_out + window
    // only, so a reconfiguration decided in slot s governs slot s + window on.
    Slot window = 5;
    // The active leader's heartbeat, which also paces its retransmissions of
    // P1a and P2a to acceptors that have not answered; never more than a
    // third of the shortest leader timeout (heartbeat_us()).
    TimeUs heartbeat_interval_us = 50 * kMicrosecondsPerMillisecond;
    // The leader failure timeout T. A passive leader that hears no heartbeat
    // for a random time in [3T/4, 3T/2] starts a scout; a preempted leader
    // backs off a random time in it too. Without backoff both wait exactly T,
    // so two leaders preempted together come back together (a livelock a
    // class can watch).
    TimeUs leader_timeout_us = 200 * kMicrosecondsPerMillisecond;
    bool backoff = true;
    TimeUs leader_timeout_min_us() const;
    TimeUs leader_timeout_max_us() const;
    TimeUs heartbeat_us() const;
    // A replica with an undecided proposal (or a hole below a decided slot)
    // sends its proposals again after this long without progress.
    TimeUs replica_retry_us = 200 * kMicrosecondsPerMillisecond;
    Faults faults;

    Configuration initial_configuration() const;

    friend bool operator==(const Config&, const Config&) = default;
};

// Everything a node has made durable: all it has after a crash.
//   - acceptor: ballot_num and accepted (PMMC's acceptor state: safety rests
//     on it);
//   - leader: the highest ballot it has used, so a restarted leader never
//     reuses one (two commanders with one ballot and different decrees could
//     both be chosen);
//   - replica: its decisions, so a restarted replica rebuilds its state
//     machine by re-applying them in slot order, without asking anyone.
struct DurableState {
    Ballot acceptor_ballot;
    std::map<Slot, PValue> accepted;  // per slot, the pvalue of the highest ballot
    Ballot leader_ballot;
    std::map<Slot, Decree> decisions;

    friend bool operator==(const DurableState&, const DurableState&) = default;
};

// A slot a replica applied: what the host traces as
// {"ev":"apply","node":n,"slot":s,"cmd":...}.
struct AppliedEntry {
    Slot slot = 0;
    Decree decree;
    CommandResult result;

    friend bool operator==(const AppliedEntry&, const AppliedEntry&) = default;
};

// A scout's adoption, reported for the checkers: ballot `ballot` was adopted
// by a majority of `acceptors`, and the leader now proposes `proposals` (slot
// -> decree) on them.
struct Adoption {
    Ballot ballot;
    std::vector<NodeId> acceptors;
    std::map<Slot, Decree> proposals;

    friend bool operator==(const Adoption&, const Adoption&) = default;
};

// One batch of effects. THE HOST MAKES THE DURABLE WRITES (acceptor_ballot,
// accepted, leader_ballot, decisions) DURABLE BEFORE IT SENDS `messages`.
// `applied`, `chosen`, `commanded` and `adoptions` are observations for traces and checkers.
struct Ready {
    std::optional<Ballot> acceptor_ballot;
    std::vector<PValue> accepted;  // each replaces the acceptor's pvalue for its slot
    std::optional<Ballot> leader_ballot;
    std::vector<Decision> decisions;  // decisions this node's replica learned
    std::vector<Message> messages;
    std::vector<AppliedEntry> applied;
    std::vector<PValue> chosen;     // slots this node's commanders saw chosen
    std::vector<PValue> commanded;  // every pvalue this node's leader started a commander for
    std::vector<Adoption> adoptions;

    bool has_durable_writes() const {
        return acceptor_ballot || !accepted.empty() || leader_ballot || !decisions.empty();
    }

    // Applies the durable writes to `durable`, as a host's storage would.
    void persist_to(DurableState& durable) const;

    void send(NodeId from, NodeId to, Payload payload) {
        messages.push_back(Message{from, to, std::move(payload)});
    }
};

// "put x 1", "noop", "reconfigure leaders=1,2 acceptors=3,4,5": the trace's `cmd`.
std::string describe(const Decree& decree);

// Sorted, without duplicates: configurations compare as sets.
std::vector<NodeId> normalized(std::vector<NodeId> nodes);

bool contains(const std::vector<NodeId>& nodes, NodeId node);

}  // namespace quorum::multipaxos
