// PMMC section 3, "Leaders" (Figure 7), and its liveness section: a leader
// scouts for a ballot, and once adopted commands its proposals, each with the
// decree of the highest-ballot pvalue its scout found for the slot (pmax).
// Preempted, it backs off for a random time before trying a higher ballot;
// passive, it watches the active leader's heartbeats and takes over when they
// stop. See leader.hpp for how reconfiguration shapes phase 1.
#include "quorum/multipaxos/leader.hpp"

#include <algorithm>

namespace quorum::multipaxos {

Leader::Leader(NodeId self, const Config& config, Ballot durable_ballot, Random& random, TimeUs now)
    : self_(self),
      replicas_(config.replicas),
      heartbeat_interval_us_(config.heartbeat_us()),
      timeout_min_us_(config.leader_timeout_min_us()),
      timeout_max_us_(config.leader_timeout_max_us()),
      ignore_adopted_pvalues_(config.faults.leader_ignores_adopted_pvalues),
      commander_minority_(config.faults.commander_decides_on_minority),
      alter_commands_(config.faults.leader_alters_commands),
      ballot_num_(durable_ballot),
      highest_seen_(durable_ballot),
      latest_configuration_(config.initial_configuration()) {
    wait_for_failover(random, now);
}

bool Leader::active() const {
    return campaigning_ && !retired() && adopted_scout_for(latest_configuration_.acceptors);
}

const Scout* Leader::adopted_scout_for(const std::vector<NodeId>& acceptors) const {
    const auto found = scouts_.find(acceptors);
    return found != scouts_.end() && found->second.adopted() ? &found->second : nullptr;
}

// -----------------------------------------------------------------------------
// Proposals from replicas
// -----------------------------------------------------------------------------

void Leader::on_propose(NodeId from, const Propose& propose, Ready& out, Random& random,
                        TimeUs now) {
    if (propose.slot >= latest_configuration_slot_) {
        const bool was_retired = retired();
        latest_configuration_ = propose.configuration;
        latest_configuration_slot_ = propose.slot;
        if (was_retired && !retired() && !campaigning_) {
            wait_for_failover(random, now);  // a configuration made this node a leader
        }
    }
    forget_decided_below(propose.slot_out);
    if (propose.slot_out > 1) {
        highest_decided_ = std::max(highest_decided_, propose.slot_out - 1);  // below it: decided
    }
    if (const auto decided = decided_.find(propose.slot); decided != decided_.end()) {
        out.send(self_, from, Decision{propose.slot, decided->second});  // it missed it
        return;
    }
    if (propose.slot < propose.slot_out || !contains(propose.configuration.leaders, self_)) {
        return;  // decided already, or a slot this leader is not a leader of
    }
    // PMMC: "if s not in proposals": the first proposal for a slot stays
    // (and a repeated one is not even copied).
    if (!proposals_.contains(propose.slot)) {
        Decree decree = propose.decree;
        if (alter_commands_ && !decree.is_noop()) {
            decree.command.value += "?";  // a command no client proposed
        }
        proposals_.emplace(propose.slot, Proposal{std::move(decree), propose.configuration});
    }
    if (!campaigning_) {
        return;  // a passive leader keeps it for when it takes over
    }
    const std::vector<NodeId>& acceptors = proposals_.at(propose.slot).configuration.acceptors;
    if (adopted_scout_for(acceptors) != nullptr) {
        if (!commanders_.contains(propose.slot)) {
            command(propose.slot, out);
        }
    } else if (!scouts_.contains(acceptors)) {
        start_scout(acceptors, out);
    }
}

// Slots below a replica's slot_out are decided: nothing left to do for them.
void Leader::forget_decided_below(Slot slot) {
    proposals_.erase(proposals_.begin(), proposals_.lower_bound(slot));
    commanders_.erase(commanders_.begin(), commanders_.lower_bound(slot));
}

// -----------------------------------------------------------------------------
// Phase 1: scouts
// -----------------------------------------------------------------------------

// A new ballot, above every ballot seen, and a scout on every acceptor set
// the leader has proposals for (and the newest configuration's).
void Leader::start_campaign(Ready& out) {
    const std::uint64_t round = std::max(ballot_num_.round, highest_seen_.round) + 1;
    ballot_num_ = Ballot{round, self_};
    highest_seen_ = ballot_num_;
    campaigning_ = true;
    scouts_.clear();
    commanders_.clear();
    start_scout(latest_configuration_.acceptors, out);
    for (const auto& [slot, proposal] : proposals_) {
        if (!scouts_.contains(proposal.configuration.acceptors)) {
            start_scout(proposal.configuration.acceptors, out);
        }
    }
}

void Leader::start_scout(const std::vector<NodeId>& acceptors, Ready& out) {
    scouts_.emplace(acceptors, Scout(ballot_num_, acceptors));
    for (NodeId acceptor : acceptors) {
        out.send(self_, acceptor, P1a{ballot_num_});
    }
}

void Leader::on_p1b(NodeId from, const P1b& response, Ready& out, Random& random, TimeUs now) {
    note_ballot(response.ballot);
    if (!campaigning_ || response.request_ballot != ballot_num_) {
        return;  // a stale answer, to a ballot this leader has given up
    }
    if (response.ballot > ballot_num_) {
        preempted(response.ballot, random, now);
        return;
    }
    // One acceptor may belong to several sets: each of their scouts counts it.
    for (auto& [acceptors, scout] : scouts_) {
        if (!scout.adopted() && scout.on_p1b(from, response) == Scout::Outcome::Adopted) {
            on_adopted(scout, out);
        }
    }
}

// PMMC: "proposals := proposals ◁ pmax(pvals); for all <s, c> in proposals:
// spawn Commander(<ballot_num, s, c>)", for the slots of this acceptor set.
void Leader::on_adopted(const Scout& scout, Ready& out) {
    Adoption adoption{ballot_num_, scout.acceptors(), {}};
    for (const auto& [slot, proposal] : proposals_) {
        if (proposal.configuration.acceptors == scout.acceptors()) {
            command(slot, out);
            adoption.proposals.emplace(slot, proposals_.at(slot).decree);
        }
    }
    out.adoptions.push_back(std::move(adoption));
    if (active()) {
        send_heartbeats(out);
    }
}

// -----------------------------------------------------------------------------
// Phase 2: commanders
// -----------------------------------------------------------------------------

void Leader::command(Slot slot, Ready& out) {
    Proposal& proposal = proposals_.at(slot);
    const Scout* scout = adopted_scout_for(proposal.configuration.acceptors);
    const auto pmax = scout->pvalues().find(slot);
    if (pmax != scout->pvalues().end() && !ignore_adopted_pvalues_) {
        proposal.decree = pmax->second.decree;  // possibly chosen already: keep it
    }
    const PValue pvalue{ballot_num_, slot, proposal.decree};
    commanders_.insert_or_assign(
        slot, Commander(pvalue, proposal.configuration.acceptors, commander_minority_));
    out.commanded.push_back(pvalue);
    for (NodeId acceptor : proposal.configuration.acceptors) {
        out.send(self_, acceptor, P2a{pvalue});
    }
}

void Leader::on_p2b(NodeId from, const P2b& response, Ready& out, Random& random, TimeUs now) {
    note_ballot(response.ballot);
    if (!campaigning_ || response.request_ballot != ballot_num_) {
        return;
    }
    const auto found = commanders_.find(response.slot);
    if (found == commanders_.end()) {
        return;  // decided already, or never commanded here
    }
    switch (found->second.on_p2b(from, response)) {
        case Commander::Outcome::Preempted:
            preempted(response.ballot, random, now);
            break;
        case Commander::Outcome::Chosen:
            on_chosen(found->second.pvalue(), out);
            break;
        case Commander::Outcome::Waiting:
            break;
    }
}

void Leader::on_chosen(PValue pvalue, Ready& out) {  // a copy: its commander goes
    decided_.insert_or_assign(pvalue.slot, pvalue.decree);
    highest_decided_ = std::max(highest_decided_, pvalue.slot);
    out.chosen.push_back(pvalue);
    for (NodeId replica : replicas_) {
        out.send(self_, replica, Decision{pvalue.slot, pvalue.decree});
    }
    commanders_.erase(pvalue.slot);
    proposals_.erase(pvalue.slot);
}

// -----------------------------------------------------------------------------
// Preemption, heartbeats and failover
// -----------------------------------------------------------------------------

void Leader::note_ballot(const Ballot& ballot) {
    highest_seen_ = std::max(highest_seen_, ballot);
}

// PMMC: "active := false; ballot_num := (r' + 1, λ)"; the new ballot is
// picked when the backoff ends, so that it is above anything heard meanwhile.
void Leader::preempted(Ballot by, Random& random, TimeUs now) {
    note_ballot(by);
    campaigning_ = false;
    scouts_.clear();
    commanders_.clear();
    wait_for_failover(random, now);
}

void Leader::wait_for_failover(Random& random, TimeUs now) {
    deadline_ = retired() ? kNoDeadline : now + random.between(timeout_min_us_, timeout_max_us_);
}

void Leader::on_heartbeat(const LeaderHeartbeat& heartbeat, Random& random, TimeUs now) {
    if (heartbeat.ballot < highest_seen_) {
        return;  // a leader that has not yet learned it was preempted
    }
    note_ballot(heartbeat.ballot);
    if (campaigning_ && heartbeat.ballot > ballot_num_) {
        preempted(heartbeat.ballot, random, now);
    } else if (!campaigning_) {
        wait_for_failover(random, now);
    }
}

void Leader::send_heartbeats(Ready& out) {
    if (retired()) {
        return;  // let the new configuration's leaders take over
    }
    std::vector<NodeId> recipients = latest_configuration_.leaders;
    recipients.insert(recipients.end(), replicas_.begin(), replicas_.end());
    for (NodeId node : normalized(std::move(recipients))) {
        if (node != self_) {
            out.send(self_, node, LeaderHeartbeat{ballot_num_, highest_decided_});
        }
    }
}

// Lost P1a and P2a are sent again to the acceptors that have not answered.
void Leader::retransmit(Ready& out) {
    for (const auto& [acceptors, scout] : scouts_) {
        for (NodeId acceptor : scout.adopted() ? std::vector<NodeId>{} : scout.waiting_for()) {
            out.send(self_, acceptor, P1a{ballot_num_});
        }
    }
    for (const auto& [slot, commander] : commanders_) {
        for (NodeId acceptor : commander.waiting_for()) {
            out.send(self_, acceptor, P2a{commander.pvalue()});
        }
    }
}

void Leader::on_timer(Ready& out, TimeUs now) {
    if (campaigning_) {
        retransmit(out);
        if (active()) {
            send_heartbeats(out);
        }
        deadline_ = now + heartbeat_interval_us_;
        return;
    }
    if (retired()) {
        deadline_ = kNoDeadline;
        return;
    }
    start_campaign(out);
    deadline_ = now + heartbeat_interval_us_;
}

}  // namespace quorum::multipaxos
