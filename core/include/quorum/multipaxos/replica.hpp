// PMMC's replica (section 3, "Replicas", Figure 1): slot_in, slot_out,
// requests, proposals, decisions, and the application state (the shared
// quorum::StateMachine, with its client sessions).
//
// A replica proposes a request for slot_in only while slot_in < slot_out +
// WINDOW, so it always knows slot_in's configuration: a reconfiguration
// decided in slot s governs slots s + WINDOW on. Proposals go to every leader
// of every configuration the replica knows (leaders of an older configuration
// may still be the active ones) and name the slot's configuration.
//
// Beyond the paper (which assumes reliable channels): a replica with
// undecided proposals, or with a hole below a decided slot, proposes again
// after replica_retry_us without progress, filling holes with its pending
// requests or no-ops. That is how it recovers lost Propose and Decision
// messages, and a slot whose only proposer crashed. A slot the active
// leader's heartbeat says is decided counts as decided here: a replica that
// lost the last Decision (no later one shows it the hole) asks for it too.
//
// Decisions are durable (DurableState::decisions): a restarted replica
// re-applies them in slot order to rebuild its state machine, silently (the
// host saw those applies before the crash).
#pragma once

#include <deque>
#include <map>
#include <set>
#include <utility>

#include "quorum/multipaxos/ready.hpp"
#include "quorum/state_machine.hpp"

namespace quorum::multipaxos {

class Replica {
  public:
    Replica(NodeId self, const Config& config, std::map<Slot, Decree> durable_decisions);

    // A client's request (ClientRequest or propose()), or an operator's
    // reconfiguration. `client_address` is answered once it is applied
    // (kNoNode: nobody to answer).
    void on_request(NodeId client_address, const Decree& decree, Ready& out, TimeUs now);
    void on_decision(const Decision& decision, Ready& out, TimeUs now);
    // An active leader's heartbeat: a slot it knows decided that this
    // replica has no decision for is a hole to ask about.
    void on_heartbeat(const LeaderHeartbeat& heartbeat, TimeUs now);
    void on_timer(Ready& out, TimeUs now);

    TimeUs deadline() const { return outstanding() ? retry_deadline_ : kNoDeadline; }

    // --- Observation.
    Slot slot_in() const { return slot_in_; }
    Slot slot_out() const { return slot_out_; }
    const std::deque<Decree>& requests() const { return requests_; }
    const std::map<Slot, Decree>& proposals() const { return proposals_; }
    const std::map<Slot, Decree>& decisions() const { return decisions_; }
    const StateMachine& state_machine() const { return state_machine_; }
    // The configuration governing `slot`, as far as this replica has applied.
    const Configuration& configuration_for(Slot slot) const;
    // Its whole state, for the explorer's visited set (quorum/state_hash.hpp).
    void hash_state(StateHasher& hasher) const;

  private:
    void propose(bool fill_holes, Ready& out, TimeUs now);
    void send_proposal(Slot slot, Ready& out);
    void perform_decided(Ready& out, TimeUs now);
    void perform(Slot slot, const Decree& decree, Ready* out);
    void answer_client(const Command& command, const CommandResult& result, Ready& out);
    bool outstanding() const;
    Slot highest_known_decided() const;
    bool is_pending(const Decree& decree) const;
    std::vector<NodeId> known_leaders() const;

    NodeId self_;
    Slot window_;
    TimeUs retry_us_;
    bool apply_out_of_order_;  // Faults::replica_applies_out_of_order

    Slot slot_in_ = 1;
    Slot slot_out_ = 1;
    std::deque<Decree> requests_;
    std::map<Slot, Decree> proposals_;
    std::map<Slot, Decree> decisions_;  // durable
    StateMachine state_machine_;
    // The first slot each configuration governs (the initial one: slot 1).
    std::map<Slot, Configuration> configurations_;
    std::set<std::pair<ClientId, std::uint64_t>> awaiting_answer_;
    std::set<Slot> performed_early_;  // Faults::replica_applies_out_of_order only
    TimeUs retry_deadline_ = 0;
    Slot heard_decided_ = 0;  // the highest slot a leader's heartbeat said was decided
};

}  // namespace quorum::multipaxos
