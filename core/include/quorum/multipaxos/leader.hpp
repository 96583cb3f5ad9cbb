// PMMC's leader (section 3, "Leaders", Figure 7), with the failure handling
// of its section on liveness: ballot_num, active, proposals; scouts and
// commanders are its sub-objects, not nodes of their own.
//
// Reconfiguration: every Propose names its slot's configuration (the replica
// knows it), so the leader runs each slot's phase 2 on that slot's acceptors.
// Phase 1 is run per set of acceptors: one scout per set the leader needs,
// all with ballot_num. A slot is commanded only once the scout of its set has
// adopted the ballot, with pmax of that scout's pvalues. Every leader
// therefore uses one fixed acceptor set per slot: single-decree Paxos per
// slot, whatever the reconfigurations.
//
// Failure handling: an active leader sends LeaderHeartbeat to the other
// leaders (and to the replicas, with the highest slot it knows decided) every
// heartbeat interval. A passive leader that hears none for a
// random leader timeout starts scouts with a ballot above any it has seen. A
// preempted leader turns passive and waits a random backoff before trying
// again, so two competing leaders stop dueling. A leader that learns (from a
// Propose) that the newest configuration no longer lists it retires: no more
// heartbeats or scouts; it still serves the slots of older configurations
// that name it, and ignores proposals for slots whose configuration does not.
#pragma once

#include <map>
#include <vector>

#include "quorum/multipaxos/commander.hpp"
#include "quorum/multipaxos/ready.hpp"
#include "quorum/multipaxos/scout.hpp"
#include "quorum/random.hpp"

namespace quorum::multipaxos {

class Leader {
  public:
    // A proposal as the leader holds it: the decree and its slot's configuration.
    struct Proposal {
        Decree decree;
        Configuration configuration;
        friend bool operator==(const Proposal&, const Proposal&) = default;
    };

    Leader(NodeId self, const Config& config, Ballot durable_ballot, Random& random, TimeUs now);

    void on_propose(NodeId from, const Propose& propose, Ready& out, Random& random, TimeUs now);
    void on_p1b(NodeId from, const P1b& response, Ready& out, Random& random, TimeUs now);
    void on_p2b(NodeId from, const P2b& response, Ready& out, Random& random, TimeUs now);
    void on_heartbeat(const LeaderHeartbeat& heartbeat, Random& random, TimeUs now);
    void on_timer(Ready& out, TimeUs now);

    TimeUs deadline() const { return deadline_; }

    // --- Observation.
    const Ballot& ballot_num() const { return ballot_num_; }
    // PMMC's `active`: the ballot is adopted by the newest configuration's
    // acceptors (and that configuration still names this leader).
    bool active() const;
    // Scouting or active with ballot_num (not preempted).
    bool campaigning() const { return campaigning_; }
    bool retired() const { return !contains(latest_configuration_.leaders, self_); }
    const std::map<Slot, Proposal>& proposals() const { return proposals_; }
    const std::map<std::vector<NodeId>, Scout>& scouts() const { return scouts_; }
    const std::map<Slot, Commander>& commanders() const { return commanders_; }
    const Configuration& latest_configuration() const { return latest_configuration_; }
    // Its whole state, for the explorer's visited set (quorum/state_hash.hpp).
    void hash_state(StateHasher& hasher) const;

  private:
    void start_campaign(Ready& out);
    void start_scout(const std::vector<NodeId>& acceptors, Ready& out);
    void on_adopted(const Scout& scout, Ready& out);
    void command(Slot slot, Ready& out);
    void on_chosen(PValue pvalue, Ready& out);
    void preempted(Ballot by, Random& random, TimeUs now);
    void note_ballot(const Ballot& ballot);
    void forget_decided_below(Slot slot);
    void send_heartbeats(Ready& out);
    void retransmit(Ready& out);
    void wait_for_failover(Random& random, TimeUs now);
    const Scout* adopted_scout_for(const std::vector<NodeId>& acceptors) const;

    NodeId self_;
    std::vector<NodeId> replicas_;
    TimeUs heartbeat_interval_us_;
    TimeUs timeout_min_us_;
    TimeUs timeout_max_us_;
    bool ignore_adopted_pvalues_;  // Faults::leader_ignores_adopted_pvalues
    bool commander_minority_;      // Faults::commander_decides_on_minority
    bool alter_commands_;          // Faults::leader_alters_commands

    Ballot ballot_num_;    // persisted before any P1a with it goes out
    Ballot highest_seen_;  // the highest ballot heard of, to pick a higher one
    bool campaigning_ = false;
    std::map<Slot, Proposal> proposals_;
    std::map<std::vector<NodeId>, Scout> scouts_;  // of ballot_num_, per acceptor set
    std::map<Slot, Commander> commanders_;         // of ballot_num_
    std::map<Slot, Decree> decided_;               // chosen by this leader's commanders
    Configuration latest_configuration_;           // of the highest slot proposed to it
    Slot latest_configuration_slot_ = 0;
    TimeUs deadline_ = kNoDeadline;
    // The highest slot known decided: by decided_, or below a replica's slot_out.
    Slot highest_decided_ = 0;
};

}  // namespace quorum::multipaxos
