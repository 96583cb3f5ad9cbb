// PMMC section 3, "Replicas" (Figure 1): requests wait for a free slot in the
// WINDOW, proposals go to the leaders, decisions are performed in slot order.
// A proposal that lost its slot to another decree goes back to the requests.
// A command decided in two slots (a client retried through two replicas) is
// applied once: the state machine's client sessions return the first
// result the second time (PMMC's "if it was already performed, skip it").
#include "quorum/multipaxos/replica.hpp"

#include <algorithm>
#include <cassert>

namespace quorum::multipaxos {

Replica::Replica(NodeId self, const Config& config, std::map<Slot, Decree> durable_decisions)
    : self_(self),
      window_(std::max<Slot>(config.window, 1)),
      retry_us_(config.replica_retry_us),
      apply_out_of_order_(config.faults.replica_applies_out_of_order),
      decisions_(std::move(durable_decisions)) {
    configurations_.emplace(1, config.initial_configuration());
    // A restart: rebuild the state machine from the durable decisions.
    for (auto found = decisions_.find(slot_out_); found != decisions_.end();
         found = decisions_.find(slot_out_)) {
        perform(slot_out_, found->second, nullptr);
        ++slot_out_;
    }
    slot_in_ = slot_out_;
}

const Configuration& Replica::configuration_for(Slot slot) const {
    auto governing = configurations_.upper_bound(slot);
    assert(governing != configurations_.begin());
    return std::prev(governing)->second;
}

// Every leader of every configuration known: an older configuration's leader
// may still be the active one for a while.
std::vector<NodeId> Replica::known_leaders() const {
    if (configurations_.size() == 1) {
        // Only the initial configuration, normalized already: no merge.
        return configurations_.begin()->second.leaders;
    }
    std::vector<NodeId> leaders;
    for (const auto& [slot, configuration] : configurations_) {
        leaders.insert(leaders.end(), configuration.leaders.begin(), configuration.leaders.end());
    }
    return normalized(std::move(leaders));
}

// -----------------------------------------------------------------------------
// Requests and proposals
// -----------------------------------------------------------------------------

bool Replica::is_pending(const Decree& decree) const {
    const auto same = [&decree](const auto& other) { return other == decree; };
    return std::any_of(requests_.begin(), requests_.end(), same) ||
           std::any_of(proposals_.begin(), proposals_.end(),
                       [&decree](const auto& entry) { return entry.second == decree; });
}

void Replica::on_request(NodeId client_address, const Decree& decree, Ready& out, TimeUs now) {
    if (client_address != kNoNode && decree.command.client != 0) {
        awaiting_answer_.emplace(decree.command.client, decree.command.sequence);
    }
    // A client's retry of a request still in flight here is the same request.
    if (!is_pending(decree)) {
        requests_.push_back(decree);
    }
    propose(false, out, now);
}

// PMMC's propose(): while slot_in < slot_out + WINDOW, give the next request
// the next free slot. With fill_holes, also claim free slots below the highest
// decided one (with a no-op when no request waits), so a hole left by a lost
// or crashed proposer closes and slot_out can move on.
void Replica::propose(bool fill_holes, Ready& out, TimeUs now) {
    const Slot highest_decided = highest_known_decided();
    while (slot_in_ < slot_out_ + window_ &&
           (!requests_.empty() || (fill_holes && slot_in_ <= highest_decided))) {
        if (!decisions_.contains(slot_in_) && !proposals_.contains(slot_in_)) {
            Decree decree = Decree::noop();
            if (!requests_.empty()) {
                decree = std::move(requests_.front());
                requests_.pop_front();
            }
            proposals_.emplace(slot_in_, std::move(decree));
            send_proposal(slot_in_, out);
            retry_deadline_ = now + retry_us_;
        }
        ++slot_in_;
    }
}

void Replica::send_proposal(Slot slot, Ready& out) {
    const std::vector<NodeId> leaders = known_leaders();
    Propose propose{slot, proposals_.at(slot), configuration_for(slot), slot_out_};
    // Room for them all at once: growing one message at a time moved every
    // Propose already in the batch each time.
    if (out.messages.capacity() < out.messages.size() + leaders.size()) {
        out.messages.reserve(
            std::max(out.messages.size() + leaders.size(), 2 * out.messages.capacity()));
    }
    for (std::size_t i = 0; i < leaders.size(); ++i) {
        if (i + 1 < leaders.size()) {
            out.send(self_, leaders[i], propose);
        } else {
            out.send(self_, leaders[i], std::move(propose));  // the last one: no copy
        }
    }
}

// The highest slot known decided: by a decision here, or by a heartbeat.
Slot Replica::highest_known_decided() const {
    return std::max(decisions_.empty() ? 0 : decisions_.rbegin()->first, heard_decided_);
}

bool Replica::outstanding() const {
    const bool hole = highest_known_decided() >= slot_out_;
    return !proposals_.empty() || !requests_.empty() || hole;
}

void Replica::on_heartbeat(const LeaderHeartbeat& heartbeat, TimeUs now) {
    if (heartbeat.decided < slot_out_ || heartbeat.decided <= heard_decided_ ||
        decisions_.contains(heartbeat.decided)) {
        return;
    }
    if (!outstanding()) {
        retry_deadline_ = now + retry_us_;  // the Decision may still be on its way
    }
    heard_decided_ = heartbeat.decided;
}

void Replica::on_timer(Ready& out, TimeUs now) {
    retry_deadline_ = now + retry_us_;
    for (const auto& [slot, decree] : proposals_) {
        send_proposal(slot, out);
    }
    propose(true, out, now);
}

// -----------------------------------------------------------------------------
// Decisions
// -----------------------------------------------------------------------------

void Replica::on_decision(const Decision& decision, Ready& out, TimeUs now) {
    if (decision.slot < slot_out_ || decisions_.contains(decision.slot)) {
        return;  // known already (a decision is never different: the checker watches)
    }
    decisions_.emplace(decision.slot, decision.decree);
    out.decisions.push_back(decision);
    if (apply_out_of_order_ && decision.slot > slot_out_) {
        perform(decision.slot, decision.decree, &out);
        performed_early_.insert(decision.slot);
    }
    perform_decided(out, now);
    propose(false, out, now);
}

// PMMC: "while decisions has slot_out: if proposals has slot_out with another
// command, put that command back into requests; perform".
void Replica::perform_decided(Ready& out, TimeUs now) {
    const Slot slot_out_before = slot_out_;
    for (auto decided = decisions_.find(slot_out_); decided != decisions_.end();
         decided = decisions_.find(slot_out_)) {
        if (const auto proposal = proposals_.find(slot_out_); proposal != proposals_.end()) {
            if (proposal->second != decided->second && !proposal->second.is_noop()) {
                requests_.push_front(proposal->second);
            }
            proposals_.erase(proposal);
        }
        if (!performed_early_.erase(slot_out_)) {
            perform(slot_out_, decided->second, &out);
        }
        ++slot_out_;
    }
    slot_in_ = std::max(slot_in_, slot_out_);
    if (slot_out_ != slot_out_before) {
        retry_deadline_ = now + retry_us_;  // progress: no need to ask again yet
    }
}

// Applies one slot. A reconfiguration takes effect WINDOW slots later. `out`
// is null while a restart rebuilds the state machine.
void Replica::perform(Slot slot, const Decree& decree, Ready* out) {
    CommandResult result;
    if (decree.reconfiguration) {
        configurations_.insert_or_assign(slot + window_, *decree.reconfiguration);
    } else {
        result = state_machine_.apply(decree.command);
    }
    if (out != nullptr) {
        out->applied.push_back(AppliedEntry{slot, decree, result});
        answer_client(decree.command, result, *out);
    }
}

void Replica::answer_client(const Command& command, const CommandResult& result, Ready& out) {
    if (command.client == 0 || !awaiting_answer_.erase({command.client, command.sequence})) {
        return;
    }
    ClientResponse response;
    response.client = command.client;
    response.sequence = command.sequence;
    response.status = ClientResponse::Status::Ok;
    response.result = result;
    response.leader_hint = self_;
    out.send(self_, kClientAddressBase + command.client, response);
}

}  // namespace quorum::multipaxos
