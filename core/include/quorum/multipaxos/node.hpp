// A Multi-Paxos node as a pure state machine (sans-IO), after van Renesse and
// Altinbuken, "Paxos Made Moderately Complex" (2015; PMMC): replicas, leaders
// (with their scouts and commanders) and acceptors, any set of which one node
// may hold, slots, ballots, the WINDOW, and reconfiguration.
//
// It satisfies the node contract (quorum/node_contract.hpp), with one input
// more: reconfigure(...), an operator's request to this replica. Each input
// returns one Ready (durable writes, messages, applied slots), and THE HOST
// MAKES A READY'S DURABLE WRITES DURABLE BEFORE IT SENDS ITS MESSAGES: a P1b
// or P2b sent before the acceptor's ballot or pvalue is on disk could be
// forgotten by a crash and broken. next_deadline() is the earliest of the
// leader's (heartbeat and retransmission when campaigning, failover when
// passive) and the replica's (retry); kNoDeadline when it wants no tick (a
// pure acceptor). Randomness (failover timeouts, backoff) comes only from the
// Random the host hands in.
//
// Roles: a node is a replica if the config lists it (replicas are fixed), a
// leader if the initial configuration lists it or a Propose names it in a
// later one, and answers P1a/P2a as an acceptor whenever asked (the leaders'
// configurations decide whose answers count). Role code is one file per role
// (replica.cpp, leader.cpp, scout.cpp, commander.cpp, acceptor.cpp); this
// node (node.cpp) routes inputs to them and gathers their effects.
//
// Messages from one role of a node to another role of the same node never
// leave it: they are delivered within the same input (see
// deliver_local_messages in node.cpp), so a Ready holds only messages to
// other addresses.
//
// Bad input is ignored: messages from addresses that are neither nodes
// (1..kMaxNodes) nor clients, slots of 0 or beyond kMaxSlot, ballots with a
// round beyond kMaxRound or a leader that is not a node.
#pragma once

#include <optional>
#include <vector>

#include "quorum/multipaxos/acceptor.hpp"
#include "quorum/multipaxos/leader.hpp"
#include "quorum/multipaxos/messages.hpp"
#include "quorum/multipaxos/ready.hpp"
#include "quorum/multipaxos/replica.hpp"
#include "quorum/node_contract.hpp"
#include "quorum/random.hpp"
#include "quorum/state_machine.hpp"
#include "quorum/types.hpp"

namespace quorum::multipaxos {

// Far beyond any real run, far below overflow: larger is bad input.
constexpr Slot kMaxSlot = Slot{1} << 48;
constexpr std::uint64_t kMaxRound = std::uint64_t{1} << 48;

struct Roles {
    bool replica = false;
    bool leader = false;
    bool acceptor = false;
    friend bool operator==(const Roles&, const Roles&) = default;
};

class Node {
  public:
    using Config = multipaxos::Config;
    using DurableState = multipaxos::DurableState;
    using Ready = multipaxos::Ready;
    using Message = multipaxos::Message;

    Node(NodeId id, Config config, DurableState durable, Random random, TimeUs now);

    Ready step(const Message& message, TimeUs now);
    Ready tick(TimeUs now);        // fires the next timer if it is due at `now`
    Ready fire_timer(TimeUs now);  // fires the next timer now, due or not (manual mode)
    Ready propose(const SharedCommand& command, TimeUs now);
    Ready reconfigure(const Configuration& configuration, TimeUs now);

    TimeUs next_deadline() const;

    // --- Observation, for the host, the checkers and the dashboard.
    NodeId id() const { return id_; }
    const Config& config() const { return config_; }
    Roles roles() const;
    const std::optional<Replica>& replica() const { return replica_; }
    const std::optional<Leader>& leader() const { return leader_; }
    const Acceptor& acceptor() const { return acceptor_; }
    // The replica's state machine; an empty one on a node that is no replica.
    const StateMachine& state_machine() const;
    // Slots decided and applied here (the scenario language's `committed`).
    Slot decided_slots() const { return replica_ ? replica_->slot_out() - 1 : 0; }
    DurableState durable_state() const;
    // Its whole state, for the explorer's visited set (quorum/state_hash.hpp).
    void hash_state(StateHasher& hasher) const;

  private:
    void begin(TimeUs now);
    Ready finish();
    void dispatch(const Message& message);
    void deliver_local_messages();
    void handle_client_request(NodeId client_address, const Decree& decree);
    Leader* leader_for(const Propose& propose);
    void fire_next_timer();
    bool valid(const Message& message) const;

    NodeId id_;
    Config config_;
    Random random_;
    TimeUs now_;
    Acceptor acceptor_;
    std::optional<Leader> leader_;
    std::optional<Replica> replica_;
    Ballot leader_ballot_;           // durable, kept here too for a leader created later
    StateMachine no_state_machine_;  // what state_machine() shows on a node that is no replica

    Ready ready_;
    Ballot acceptor_ballot_at_begin_;
    Ballot leader_ballot_at_begin_;
};

static_assert(ProtocolNode<Node>, "multipaxos::Node keeps the node contract");

}  // namespace quorum::multipaxos
