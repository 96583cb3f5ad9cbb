// A single-decree Paxos node as a pure state machine (sans-IO), after
// Lamport's "Paxos Made Simple" (2001): the proposer (section 2.2,
// proposer.cpp), the acceptor (2.2, acceptor.cpp) and the learner (2.3,
// learner.cpp). A node holds any set of the three roles, as the Config says;
// there may be several proposers and several learners.
//
// It satisfies the node contract (quorum/node_contract.hpp): each input
// returns one Ready (durable writes, messages, and the value this node's
// learner learned, if it learned one), and THE HOST MAKES A READY'S DURABLE
// WRITES DURABLE BEFORE IT SENDS ITS MESSAGES: a Promise or an Accepted sent
// before the promise or the accepted proposal is on disk could be forgotten
// by a crash, and a forgetful acceptor lets two different values be chosen
// (the "amnesia" lesson: Faults::acceptor_skips_persistence). next_deadline()
// is kNoDeadline when the node has no timer (an idle or finished proposer, or
// a node that is not a proposer). Randomness (the proposer's backoff) comes
// only from the Random the host hands in.
//
// Choices, each for a reason:
//   - Ballots are (round, proposer id), so each proposer's are its own. A
//     proposer keeps its highest round durable (the paper: "a proposer ...
//     must remember the highest-numbered proposal it has tried to issue"), so
//     a restarted proposer never reuses a ballot with another value.
//   - Acceptors send Accepted to every learner and to the ballot's proposer
//     (the paper's first option in 2.3, all acceptors to all learners), so
//     learners learn in one message delay and the proposer knows its value is
//     chosen without a learner telling it. Learners learn when a majority of
//     acceptors accepted the same ballot.
//   - Acceptors answer a Prepare or Accept below their promise with a Nack
//     naming the promise (the paper's suggested optimization, 2.3), and answer
//     a repeated Prepare of the ballot they promised with the same Promise
//     again, so a duplicated message never makes a proposer give up.
//   - A proposer retries with a higher ballot after a Nack or when a phase
//     has no majority within retry_timeout_us. With backoff on (the default)
//     it first waits a random delay in [0, backoff_max_us], so two dueling
//     proposers soon stop preempting each other; with backoff off it retries
//     at once, and a class can watch two proposers livelock.
//   - Messages a node sends to itself (a proposer to its own acceptor, an
//     acceptor to its own learner) are handled inside the same input, never
//     handed to the host: a node cannot lose a message to itself. That is
//     safe under the persistence rule: everything those local messages cause
//     leaves the node in the same Ready, after its durable writes.
//   - The learned value is volatile: a restarted learner learns it again when
//     a proposer next runs a ballot (the paper's way, 2.3).
//   - Clients: a ClientRequest (or propose()) at a proposer starts a proposal
//     of command.value unless one is under way; when the node knows the chosen
//     value it answers every waiting client with it, which may be another
//     client's value. A node that knows the chosen value answers at once; any
//     other non-proposer answers NotLeader with a proposer as leader_hint.
//   - Messages that cannot be right are ignored: from a node with no role that
//     could send them, or with an impossible ballot (round 0 or the largest
//     round, a Prepare or Accept whose ballot is not its sender's, a ballot of
//     a node that is not a proposer, a Nack whose promise is not higher).
#pragma once

#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <vector>

#include "quorum/command.hpp"
#include "quorum/node_contract.hpp"
#include "quorum/paxos/messages.hpp"
#include "quorum/random.hpp"
#include "quorum/types.hpp"

namespace quorum::paxos {

// Named fault injection points, as raft::Faults: each breaks one rule on
// purpose so the checker's tests can show it catches the break. All off but
// in those tests.
struct Faults {
    bool acceptor_skips_persistence = false;        // amnesia: a restart forgets; two values chosen
    bool acceptor_accepts_below_promise = false;    // breaks "promise kept"
    bool proposer_ignores_accepted_values = false;  // breaks "at most one value chosen"
    bool learner_learns_on_first_accepted = false;  // breaks "learned value chosen"
    // The bug zoo's (bugs.cpp): a learner counts the acceptors of every
    // ballot toward one majority (breaks "learned value chosen").
    bool learner_mixes_ballots = false;
    bool proposer_invents_value = false;  // breaks "only a proposed value"
    bool proposer_forgets_round = false;  // reuses ballots: "one value per ballot"

    friend bool operator==(const Faults&, const Faults&) = default;
};

struct Config {
    std::vector<NodeId> proposers;
    std::vector<NodeId> acceptors;
    std::vector<NodeId> learners;
    // A proposer whose phase gathers no majority within this long retries.
    TimeUs retry_timeout_us = 100 * kMicrosecondsPerMillisecond;
    // Randomized backoff before each retry; off, retries are immediate.
    bool backoff = true;
    TimeUs backoff_max_us = 100 * kMicrosecondsPerMillisecond;
    Faults faults;

    friend bool operator==(const Config&, const Config&) = default;
};

// What an acceptor must remember across crashes (the paper, 2.2: "an
// acceptor must remember this information even if it fails and then
// restarts").
struct AcceptorState {
    Ballot promised;                   // the highest ballot it promised; none: 0.0
    std::optional<Proposal> accepted;  // the highest-numbered proposal it accepted

    friend bool operator==(const AcceptorState&, const AcceptorState&) = default;
};

// Everything a node has made durable: all it has after a crash.
struct DurableState {
    AcceptorState acceptor;
    Round proposer_round = 0;  // the highest round this node's proposer tried

    friend bool operator==(const DurableState&, const DurableState&) = default;
};

// One batch of effects: durable writes first (acceptor_state, proposer_round),
// then messages. `learned` is an event for the host's trace ({"ev":"chosen"})
// and the checker: this node's learner learned the chosen value in this input.
struct Ready {
    std::optional<AcceptorState> acceptor_state;
    std::optional<Round> proposer_round;
    std::vector<Message> messages;
    std::optional<Value> learned;

    bool has_durable_writes() const {
        return acceptor_state.has_value() || proposer_round.has_value();
    }

    // Applies the durable writes to `durable`, as a host's storage would.
    void persist_to(DurableState& durable) const;
};

// Where a proposer is (the dashboard shows it; tests assert it).
enum class ProposerPhase {
    Idle,        // nothing to propose
    Preparing,   // phase 1: Prepare sent, gathering Promises
    Accepting,   // phase 2: Accept sent, gathering Accepted
    BackingOff,  // waiting a random delay before retrying with a higher ballot
    Chosen,      // knows the chosen value; done
};

// "idle", "preparing", "accepting", "backing-off", "chosen".
const char* phase_name(ProposerPhase phase);

class Node {
  public:
    using Config = paxos::Config;
    using DurableState = paxos::DurableState;
    using Ready = paxos::Ready;
    using Message = paxos::Message;

    Node(NodeId id, Config config, DurableState durable, Random random, TimeUs now);

    Ready step(const Message& message, TimeUs now);
    Ready tick(TimeUs now);        // fires the next timer if it is due at `now`
    Ready fire_timer(TimeUs now);  // fires the next timer now, due or not (manual mode)
    Ready propose(const SharedCommand& command, TimeUs now);

    // When the node wants its next tick: its proposer's phase timeout or
    // backoff; kNoDeadline when it has no timer.
    TimeUs next_deadline() const;

    // --- Observation, for the host, the checkers and the dashboard.
    NodeId id() const { return id_; }
    const Config& config() const { return config_; }
    bool is_proposer() const { return is_proposer(id_); }
    bool is_acceptor() const { return is_acceptor(id_); }
    bool is_learner() const { return is_learner(id_); }
    // Acceptor.
    Ballot promised() const { return acceptor_.promised; }
    const std::optional<Proposal>& accepted() const { return acceptor_.accepted; }
    const AcceptorState& acceptor_state() const { return acceptor_; }
    // Proposer.
    ProposerPhase phase() const { return phase_; }
    Ballot ballot() const { return ballot_; }  // the ballot of the current or last attempt
    Round round() const { return round_; }     // the highest round tried (durable)
    const std::optional<Value>& client_value() const { return client_value_; }
    const std::optional<Value>& proposal_value() const { return proposal_value_; }  // phase 2
    const std::map<NodeId, std::optional<Proposal>>& promises() const { return promises_; }
    const std::set<NodeId>& accepted_by() const { return accepted_by_; }
    // Learner.
    const std::optional<Value>& learned() const { return learned_; }
    // What this node knows is chosen, as learner or as proposer.
    const std::optional<Value>& chosen_value() const { return chosen_; }
    DurableState durable_state() const { return {acceptor_, round_}; }
    // Its whole state, for the explorer's visited set (quorum/state_hash.hpp).
    void hash_state(StateHasher& hasher) const;

  private:
    // node.cpp: batches, local delivery, validation, clients.
    void begin(TimeUs now);
    Ready finish();
    void send(NodeId to, Payload payload);
    void broadcast(const std::vector<NodeId>& to, const Payload& payload);
    void deliver_local_messages();
    void dispatch(const Message& message);
    bool is_proposer(NodeId node) const;
    bool is_acceptor(NodeId node) const;
    bool is_learner(NodeId node) const;
    bool is_possible(const Ballot& ballot) const;
    std::size_t majority() const { return config_.acceptors.size() / 2 + 1; }
    void handle_client_request(NodeId client_address, const Command& command);
    void answer_client(NodeId client_address, const Command& command, const Value& chosen);
    void redirect_client(NodeId client_address, const Command& command);
    void on_chosen(const Value& value);
    NodeId proposer_hint() const;

    // proposer.cpp
    void propose_value(const Value& value);
    void start_prepare();
    void handle_promise(NodeId from, const Promise& promise);
    void start_accept();
    void handle_nack(const Nack& nack);
    void handle_accepted_as_proposer(NodeId from, const Accepted& accepted);
    void retry();
    void fire_proposer_timer();

    // acceptor.cpp
    void handle_prepare(NodeId from, const Prepare& prepare);
    void handle_accept(NodeId from, const Accept& accept);

    // learner.cpp
    void handle_accepted_as_learner(NodeId from, const Accepted& accepted);
    void learn(const Value& value);

    NodeId id_;
    Config config_;
    Random random_;
    TimeUs now_;

    // Acceptor: durable, made durable through Ready before messages go out.
    AcceptorState acceptor_;

    // Proposer. round_ is durable; the rest is volatile.
    Round round_ = 0;
    Round highest_round_seen_ = 0;  // from Nacks and Promises: the next ballot goes above
    ProposerPhase phase_ = ProposerPhase::Idle;
    Ballot ballot_;
    std::optional<Value> client_value_;                   // what the first waiting client proposed
    std::optional<Value> proposal_value_;                 // what phase 2 proposes (maybe another's)
    std::map<NodeId, std::optional<Proposal>> promises_;  // per acceptor, for ballot_
    std::set<NodeId> accepted_by_;                        // acceptors, for ballot_
    TimeUs deadline_ = kNoDeadline;

    // Learner: per ballot, the acceptors that accepted it and its value.
    struct BallotVotes {
        Value value;
        std::set<NodeId> acceptors;
    };
    std::map<Ballot, BallotVotes> votes_;
    std::optional<Value> learned_;
    std::size_t counted(const BallotVotes& votes) const;  // learner.cpp

    // What the node knows is chosen, from its learner or its proposer.
    std::optional<Value> chosen_;

    // Clients waiting for the chosen value: (address, command), in arrival order.
    std::vector<std::pair<NodeId, Command>> waiting_clients_;

    // The batch being built by the current input.
    Ready ready_;
    AcceptorState acceptor_at_begin_;
    Round round_at_begin_ = 0;
    std::vector<Message> local_messages_;
};

static_assert(ProtocolNode<Node>, "paxos::Node keeps the node contract");

}  // namespace quorum::paxos
