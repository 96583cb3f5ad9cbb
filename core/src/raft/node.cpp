// What every role shares: the batch an input builds, the term rules of Figure
// 2 ("If RPC request or response contains term T > currentTerm: set
// currentTerm = T, convert to follower"), timers, and applying committed
// entries to the state machine.
#include <algorithm>
#include <cassert>
#include <iterator>
#include <optional>

#include "quorum/raft/node.hpp"

namespace quorum::raft {

const char* role_name(Role role) {
    switch (role) {
        case Role::Follower:
            return "follower";
        case Role::PreCandidate:
            return "pre-candidate";
        case Role::Candidate:
            return "candidate";
        case Role::Leader:
            return "leader";
    }
    return "?";
}

namespace {

// The durable log without its entries up to the new snapshot's index: all
// of them if it does not reach that far.
void compact_durably(DurableState& durable, const Snapshot& snapshot) {
    const LogIndex offset = durable.snapshot.last_included_index;
    const LogIndex last = offset + static_cast<LogIndex>(durable.log.size());
    if (snapshot.last_included_index >= offset && snapshot.last_included_index <= last) {
        durable.log.erase(durable.log.begin(),
                          durable.log.begin() +
                              static_cast<std::ptrdiff_t>(snapshot.last_included_index - offset));
    } else {
        durable.log.clear();
    }
    durable.snapshot = snapshot;
}

// Durable writes in the order the contract gives them: hard state, then the
// snapshot, then the log replaced from log_write_from on by [first, last).
template <typename EntryIterator>
void write_durably(DurableState& durable, const Ready& ready, EntryIterator first,
                   EntryIterator last) {
    if (ready.hard_state) {
        durable.hard_state = *ready.hard_state;
    }
    if (ready.snapshot) {
        compact_durably(durable, *ready.snapshot);
    }
    if (ready.log_write_from != 0) {
        assert(ready.log_write_from > durable.snapshot.last_included_index);
        durable.log.resize(static_cast<std::size_t>(ready.log_write_from - 1 -
                                                    durable.snapshot.last_included_index));
        durable.log.insert(durable.log.end(), first, last);
    }
}

}  // namespace

void Ready::persist_to(DurableState& durable) const& {
    write_durably(durable, *this, log_write.begin(), log_write.end());
}

void Ready::persist_to(DurableState& durable) && {
    write_durably(durable, *this, std::make_move_iterator(log_write.begin()),
                  std::make_move_iterator(log_write.end()));
    log_write.clear();
}

Node::Node(NodeId id, Config config, DurableState durable, Random random, TimeUs now)
    : id_(id),
      config_(std::move(config)),
      random_(random),
      now_(now),
      current_term_(durable.hard_state.current_term),
      voted_for_(durable.hard_state.voted_for),
      snapshot_(std::move(durable.snapshot)),
      log_(std::move(durable.log)),
      // A snapshot holds committed entries only, already applied.
      commit_index_(snapshot_.last_included_index),
      last_applied_(snapshot_.last_included_index) {
    if (snapshot_.last_included_index != 0) {
        state_machine_ = StateMachine::from_image(snapshot_.state);
    }
    assert(std::find(config_.members.begin(), config_.members.end(), id_) != config_.members.end());
    for (NodeId member : config_.members) {
        assert(member >= 1 && member <= kMaxNodes);
        if (member != id_) {
            peers_.push_back(member);
            peer_mask_ |= 1U << member;
        }
    }
    assert(config_.election_timeout_min_us <= config_.election_timeout_max_us);
    reset_election_timer();
}

// -----------------------------------------------------------------------------
// Inputs
// -----------------------------------------------------------------------------

Ready Node::step(const Message& message, TimeUs now) {
    begin(now);
    dispatch(message);
    return finish();
}

Ready Node::tick(TimeUs now) {
    begin(now);
    if (now_ >= next_deadline()) {
        fire_next_timer();
    }
    return finish();
}

Ready Node::fire_timer(TimeUs now) {
    begin(now);
    fire_next_timer();
    return finish();
}

Ready Node::propose(const SharedCommand& command, TimeUs now) {
    begin(now);
    handle_client_request(kClientAddressBase + command->client, command);
    return finish();
}

// -----------------------------------------------------------------------------
// Batches
// -----------------------------------------------------------------------------

void Node::begin(TimeUs now) {
    now_ = std::max(now_, now);  // time never runs backwards for a node
    // Empty, but keeping the capacity a host handed back with recycle().
    ready_.hard_state.reset();
    ready_.snapshot.reset();
    ready_.log_write_from = 0;
    ready_.log_write.clear();
    ready_.messages.clear();
    ready_.applied.clear();
    hard_state_at_begin_ = {current_term_, voted_for_};
    log_changed_from_ = 0;
}

void Node::recycle(Ready&& spent) {
    ready_ = std::move(spent);  // begin() clears it and keeps the buffers
}

Ready Node::finish() {
    apply_committed();
    maybe_compact();
    const HardState hard_state{current_term_, voted_for_};
    if (hard_state != hard_state_at_begin_ && !config_.faults.forget_hard_state) {
        ready_.hard_state = hard_state;
        if (config_.faults.forget_vote) {
            ready_.hard_state->voted_for = kNoNode;
        }
    }
    if (log_changed_from_ != 0) {
        ready_.log_write_from = log_changed_from_;
        ready_.log_write.assign(
            log_.begin() + static_cast<std::ptrdiff_t>(log_changed_from_ - 1 - snapshot_index()),
            log_.end());
    }
    return std::move(ready_);
}

// -----------------------------------------------------------------------------
// Messages and terms
// -----------------------------------------------------------------------------

namespace {

struct MessageTerm {
    std::optional<Term> operator()(const RequestVote& m) const { return m.term; }
    std::optional<Term> operator()(const RequestVoteResponse& m) const { return m.term; }
    std::optional<Term> operator()(const AppendEntries& m) const { return m.term; }
    std::optional<Term> operator()(const AppendEntriesResponse& m) const { return m.term; }
    std::optional<Term> operator()(const InstallSnapshot& m) const { return m.term; }
    std::optional<Term> operator()(const InstallSnapshotResponse& m) const { return m.term; }
    std::optional<Term> operator()(const ClientRequest&) const { return std::nullopt; }
    std::optional<Term> operator()(const ClientResponse&) const { return std::nullopt; }
    // Other protocols' messages carry no Raft term: a Raft node ignores them.
    template <typename OtherProtocol>
    std::optional<Term> operator()(const OtherProtocol&) const {
        return std::nullopt;
    }
};

}  // namespace

void Node::dispatch(const Message& message) {
    if (const auto* request = std::get_if<ClientRequest>(&message.payload)) {
        handle_client_request(message.from, request->command);
        return;
    }
    if (!is_peer(message.from)) {
        return;  // not from a member of this cluster: no protocol state may change
    }
    const std::optional<Term> term = std::visit(MessageTerm{}, message.payload);
    if (!term || !handle_term(message, *term)) {
        return;
    }
    switch (role_) {
        case Role::Follower:
            step_follower(message);
            break;
        case Role::PreCandidate:
        case Role::Candidate:
            step_candidate(message);
            break;
        case Role::Leader:
            step_leader(message);
            break;
    }
}

// Applies Figure 2's term rule, with PreVote's and CheckQuorum's exceptions.
// Returns false if the message needs no more handling.
bool Node::handle_term(const Message& message, Term message_term) {
    const auto* vote_request = std::get_if<RequestVote>(&message.payload);
    if (message_term > current_term_) {
        // CheckQuorum's stickiness (thesis 9.6): a node that hears from a live
        // leader ignores anyone trying to start an election, so a node that was
        // partitioned away cannot depose a healthy leader when it returns.
        if (vote_request != nullptr && config_.check_quorum && heard_from_leader_recently()) {
            return false;
        }
        // Pre-votes change no one's term: not the request, and not a granted
        // response (which carries the term it was asked about).
        const auto* vote_response = std::get_if<RequestVoteResponse>(&message.payload);
        const bool pre_vote_request = vote_request != nullptr && vote_request->pre_vote;
        const bool granted_pre_vote =
            vote_response != nullptr && vote_response->pre_vote && vote_response->vote_granted;
        if (!pre_vote_request && !granted_pre_vote) {
            const bool from_leader = std::holds_alternative<AppendEntries>(message.payload) ||
                                     std::holds_alternative<InstallSnapshot>(message.payload);
            become_follower(message_term, from_leader ? message.from : kNoNode);
        }
        return true;
    }
    if (message_term < current_term_) {
        if (config_.faults.accept_stale_append &&
            std::holds_alternative<AppendEntries>(message.payload)) {
            return true;  // the bug: handled as if from this term's leader
        }
        reply_to_stale(message);
        return false;
    }
    return true;
}

// A message from an older term is answered only where the answer helps: a
// stale leader or candidate learns the current term and steps down.
void Node::reply_to_stale(const Message& message) {
    if (std::holds_alternative<AppendEntries>(message.payload)) {
        AppendEntriesResponse response;
        response.term = current_term_;
        response.success = false;
        response.log_length = last_index();
        send(message.from, response);
    } else if (const auto* request = std::get_if<RequestVote>(&message.payload)) {
        send(message.from, RequestVoteResponse{current_term_, false, request->pre_vote});
    } else if (std::holds_alternative<InstallSnapshot>(message.payload)) {
        send(message.from, InstallSnapshotResponse{current_term_, 0});
    }
}

void Node::set_term(Term term) {
    assert(term >= current_term_);
    if (term > current_term_) {
        current_term_ = term;
        voted_for_ = kNoNode;
    }
}

void Node::set_vote(NodeId candidate) {
    assert(voted_for_ == kNoNode || voted_for_ == candidate || config_.faults.vote_twice_in_a_term);
    voted_for_ = candidate;
}

// -----------------------------------------------------------------------------
// Timers
// -----------------------------------------------------------------------------

void Node::fire_next_timer() {
    if (role_ == Role::Leader) {
        on_leader_timer();
    } else {
        start_election();
    }
}

void Node::reset_election_timer() {
    election_deadline_ =
        now_ + random_.between(config_.election_timeout_min_us, config_.election_timeout_max_us);
}

// A leader counts as hearing from itself: it is in its lease until
// CheckQuorum finds it has lost its majority.
bool Node::heard_from_leader_recently() const {
    if (role_ == Role::Leader) {
        return true;
    }
    return leader_id_ != kNoNode && last_heard_from_leader_ >= 0 &&
           now_ - last_heard_from_leader_ < config_.election_timeout_min_us;
}

// -----------------------------------------------------------------------------
// The log and the state machine
// -----------------------------------------------------------------------------

void Node::truncate_log_after(LogIndex index) {
    // Committed entries are never truncated (Leader Completeness, 5.4), but
    // by a follower that takes a stale leader's word.
    assert(index >= commit_index_ || config_.faults.accept_stale_append);
    if (index >= last_index()) {
        return;
    }
    index = std::max(index, snapshot_index());  // a snapshot is committed: it stays
    log_.resize(static_cast<std::size_t>(index - snapshot_index()));
    log_changed_from_ = log_changed_from_ == 0 ? index + 1 : std::min(log_changed_from_, index + 1);
}

void Node::append_to_log(Entry entry) {
    log_.push_back(std::move(entry));
    if (log_changed_from_ == 0) {
        log_changed_from_ = last_index();
    }
}

// Applies entries up to commitIndex (Figure 2, "All Servers"). The leader
// answers the client of each applied entry; a client's retried command is
// applied once, thanks to the state machine's sessions.
void Node::apply_committed() {
    while (last_applied_ < commit_index_) {
        ++last_applied_;
        const Entry& entry = this->entry(last_applied_);
        const CommandResult result = state_machine_.apply(*entry.command);
        ready_.applied.push_back(AppliedEntry{last_applied_, entry.term, entry.command, result});
        if (role_ == Role::Leader && entry.command->client != 0) {
            ClientResponse response;
            response.client = entry.command->client;
            response.sequence = entry.command->sequence;
            response.status = ClientResponse::Status::Ok;
            response.result = result;
            response.leader_hint = id_;
            send(kClientAddressBase + entry.command->client, response);
        }
    }
}

LogIndex Node::next_index(NodeId peer) const {
    return is_peer(peer) ? next_index_[peer] : 0;
}

LogIndex Node::match_index(NodeId peer) const {
    return is_peer(peer) ? match_index_[peer] : 0;
}

}  // namespace quorum::raft
