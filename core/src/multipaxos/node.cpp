// What glues a node's roles together: the batch an input builds, routing each
// message to the role it is for, the timers, and validating input. The
// protocol itself lives in the role files (replica.cpp, leader.cpp, scout.cpp,
// commander.cpp, acceptor.cpp).
#include "quorum/multipaxos/node.hpp"

#include <algorithm>
#include <cassert>
#include <functional>

namespace quorum::multipaxos {

// -----------------------------------------------------------------------------
// Vocabulary helpers (ready.hpp)
// -----------------------------------------------------------------------------

std::vector<NodeId> normalized(std::vector<NodeId> nodes) {
    std::sort(nodes.begin(), nodes.end());
    nodes.erase(std::unique(nodes.begin(), nodes.end()), nodes.end());
    return nodes;
}

bool contains(const std::vector<NodeId>& nodes, NodeId node) {
    return std::find(nodes.begin(), nodes.end(), node) != nodes.end();
}

Configuration Config::initial_configuration() const {
    return Configuration{normalized(leaders), normalized(acceptors)};
}

// With backoff [3T/4, 3T/2] (150-300ms for the default 200ms), without it
// exactly T; at least 2us, so the heartbeat below can be 1us and shorter.
TimeUs Config::leader_timeout_min_us() const {
    return std::max<TimeUs>(2, backoff ? leader_timeout_us * 3 / 4 : leader_timeout_us);
}

TimeUs Config::leader_timeout_max_us() const {
    return std::max(leader_timeout_min_us(),
                    backoff ? leader_timeout_us * 3 / 2 : leader_timeout_us);
}

TimeUs Config::heartbeat_us() const {
    return std::min(heartbeat_interval_us, std::max<TimeUs>(1, leader_timeout_min_us() / 3));
}

namespace {

std::string node_list(const std::vector<NodeId>& nodes) {
    std::string text;
    for (NodeId node : nodes) {
        text += (text.empty() ? "" : ",") + std::to_string(node);
    }
    return text;
}

}  // namespace

std::string describe(const Decree& decree) {
    if (decree.reconfiguration) {
        return "reconfigure leaders=" + node_list(decree.reconfiguration->leaders) +
               " acceptors=" + node_list(decree.reconfiguration->acceptors);
    }
    return decree.command.to_string();
}

void Ready::persist_to(DurableState& durable) const {
    if (acceptor_ballot) {
        durable.acceptor_ballot = *acceptor_ballot;
    }
    for (const PValue& pvalue : accepted) {
        durable.accepted.insert_or_assign(pvalue.slot, pvalue);
    }
    if (leader_ballot) {
        durable.leader_ballot = *leader_ballot;
    }
    for (const Decision& decision : decisions) {
        durable.decisions.insert_or_assign(decision.slot, decision.decree);
    }
}

// -----------------------------------------------------------------------------
// Construction (a start or a restart)
// -----------------------------------------------------------------------------

Node::Node(NodeId id, Config config, DurableState durable, Random random, TimeUs now)
    : id_(id), config_(std::move(config)), random_(random), now_(now) {
    assert(id_ != kNoNode && id_ <= kMaxNodes);
    assert(config_.leader_timeout_us > 0 && config_.heartbeat_interval_us > 0);
    if (!config_.faults.acceptor_forgets_on_restart) {
        acceptor_ = Acceptor(durable.acceptor_ballot, std::move(durable.accepted));
    }
    leader_ballot_ = durable.leader_ballot;
    if (contains(config_.leaders, id_)) {
        leader_.emplace(id_, config_, leader_ballot_, random_, now_);
    }
    if (contains(config_.replicas, id_)) {
        replica_.emplace(id_, config_, std::move(durable.decisions));
    }
}

Roles Node::roles() const {
    const bool acceptor = contains(config_.acceptors, id_) || !acceptor_.ballot_num().is_bottom();
    return Roles{replica_.has_value(), leader_.has_value() && !leader_->retired(), acceptor};
}

const StateMachine& Node::state_machine() const {
    return replica_ ? replica_->state_machine() : no_state_machine_;
}

DurableState Node::durable_state() const {
    DurableState durable;
    durable.acceptor_ballot = acceptor_.ballot_num();
    durable.accepted = acceptor_.accepted();
    durable.leader_ballot = leader_ballot_;
    if (replica_) {
        durable.decisions = replica_->decisions();
    }
    return durable;
}

// -----------------------------------------------------------------------------
// Inputs
// -----------------------------------------------------------------------------

Ready Node::step(const Message& message, TimeUs now) {
    begin(now);
    if (valid(message)) {
        dispatch(message);
    }
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
    handle_client_request(kClientAddressBase + command->client, Decree{*command, std::nullopt});
    return finish();
}

Ready Node::reconfigure(const Configuration& configuration, TimeUs now) {
    begin(now);
    const Configuration wanted{normalized(configuration.leaders),
                               normalized(configuration.acceptors)};
    if (replica_ && !wanted.leaders.empty() && !wanted.acceptors.empty()) {
        replica_->on_request(kNoNode, Decree{Command::make_noop(), wanted}, ready_, now_);
    }
    return finish();
}

TimeUs Node::next_deadline() const {
    return std::min(leader_ ? leader_->deadline() : kNoDeadline,
                    replica_ ? replica_->deadline() : kNoDeadline);
}

// -----------------------------------------------------------------------------
// Batches
// -----------------------------------------------------------------------------

void Node::begin(TimeUs now) {
    now_ = std::max(now_, now);  // time never runs backwards for a node
    ready_ = Ready{};
    acceptor_ballot_at_begin_ = acceptor_.ballot_num();
    leader_ballot_at_begin_ = leader_ballot_;
}

Ready Node::finish() {
    deliver_local_messages();
    if (acceptor_.ballot_num() != acceptor_ballot_at_begin_) {
        ready_.acceptor_ballot = acceptor_.ballot_num();
    }
    if (leader_) {
        leader_ballot_ = std::max(leader_ballot_, leader_->ballot_num());
    }
    if (leader_ballot_ != leader_ballot_at_begin_) {
        ready_.leader_ballot = leader_ballot_;
    }
    return std::move(ready_);
}

// Messages between the roles of this node (its replica's Propose to its own
// leader, its commanders' P2a to its own acceptor, ...) are delivered here, in
// the order they were sent, instead of going out: the host persists the whole
// batch before it sends anything, so nothing a local delivery causes is seen
// outside before the durable writes it depends on.
//
// One pass: the messages that go out are closed up behind the ones taken
// (erasing each local message from the middle moved all later ones each time).
// dispatch() appends what a local delivery sends, and the pass reaches it too.
void Node::deliver_local_messages() {
    std::size_t kept = 0;
    for (std::size_t index = 0; index < ready_.messages.size(); ++index) {
        if (ready_.messages[index].to == id_) {
            const Message local = std::move(ready_.messages[index]);
            dispatch(local);
        } else {
            if (kept != index) {
                ready_.messages[kept] = std::move(ready_.messages[index]);
            }
            ++kept;
        }
    }
    ready_.messages.erase(ready_.messages.begin() + static_cast<std::ptrdiff_t>(kept),
                          ready_.messages.end());
}

// -----------------------------------------------------------------------------
// Routing
// -----------------------------------------------------------------------------

void Node::dispatch(const Message& message) {
    const NodeId from = message.from;
    if (const auto* request = std::get_if<ClientRequest>(&message.payload)) {
        handle_client_request(from, Decree{*request->command, std::nullopt});
    } else if (const auto* propose = std::get_if<Propose>(&message.payload)) {
        if (Leader* leader = leader_for(*propose)) {
            leader->on_propose(from, *propose, ready_, random_, now_);
        }
    } else if (const auto* p1a = std::get_if<P1a>(&message.payload)) {
        ready_.send(id_, from, acceptor_.on_p1a(*p1a));
    } else if (const auto* p2a = std::get_if<P2a>(&message.payload)) {
        bool accepted_now = false;
        const P2b response = acceptor_.on_p2a(*p2a, accepted_now);
        if (accepted_now) {
            ready_.accepted.push_back(p2a->pvalue);
        }
        ready_.send(id_, from, response);
    } else if (const auto* p1b = std::get_if<P1b>(&message.payload); p1b && leader_) {
        leader_->on_p1b(from, *p1b, ready_, random_, now_);
    } else if (const auto* p2b = std::get_if<P2b>(&message.payload); p2b && leader_) {
        leader_->on_p2b(from, *p2b, ready_, random_, now_);
    } else if (const auto* heartbeat = std::get_if<LeaderHeartbeat>(&message.payload)) {
        if (leader_) {
            leader_->on_heartbeat(*heartbeat, random_, now_);
        }
        if (replica_) {
            replica_->on_heartbeat(*heartbeat, now_);
        }
    } else if (const auto* decision = std::get_if<Decision>(&message.payload);
               decision && replica_) {
        replica_->on_decision(*decision, ready_, now_);
    }
    // Anything else (responses to clients, other protocols' messages) is not for us.
}

// A request to a node that is no replica is redirected to a replica.
void Node::handle_client_request(NodeId client_address, const Decree& decree) {
    if (replica_) {
        replica_->on_request(client_address, decree, ready_, now_);
        return;
    }
    ClientResponse response;
    response.client = decree.command.client;
    response.sequence = decree.command.sequence;
    response.status = ClientResponse::Status::NotLeader;
    response.leader_hint = config_.replicas.empty() ? kNoNode : config_.replicas.front();
    ready_.send(id_, client_address, response);
}

// A Propose whose configuration names this node makes it a leader if it was
// not one yet: a reconfiguration has named it.
Leader* Node::leader_for(const Propose& propose) {
    if (!leader_ && contains(propose.configuration.leaders, id_)) {
        leader_.emplace(id_, config_, leader_ballot_, random_, now_);
    }
    return leader_ ? &*leader_ : nullptr;
}

void Node::fire_next_timer() {
    const TimeUs leader_deadline = leader_ ? leader_->deadline() : kNoDeadline;
    const TimeUs replica_deadline = replica_ ? replica_->deadline() : kNoDeadline;
    if (leader_deadline == kNoDeadline && replica_deadline == kNoDeadline) {
        return;
    }
    if (leader_deadline <= replica_deadline) {
        leader_->on_timer(ready_, now_);
    } else {
        replica_->on_timer(ready_, now_);
    }
}

// -----------------------------------------------------------------------------
// Validation: bad input is ignored, never trusted
// -----------------------------------------------------------------------------

namespace {

bool is_node(NodeId id) {
    return id != kNoNode && id <= kMaxNodes;
}
bool valid_ballot(const Ballot& ballot) {
    return ballot.is_bottom() || (ballot.round <= kMaxRound && is_node(ballot.leader));
}
bool valid_slot(Slot slot) {
    return slot >= 1 && slot <= kMaxSlot;
}
// Sorted without duplicates (normalized(nodes) == nodes), checked in place:
// every Propose carries two of these lists, so no copy per message.
bool valid_nodes(const std::vector<NodeId>& nodes) {
    return !nodes.empty() && std::all_of(nodes.begin(), nodes.end(), is_node) &&
           std::adjacent_find(nodes.begin(), nodes.end(), std::greater_equal<>{}) == nodes.end();
}
bool valid_decree(const Decree& decree) {
    return !decree.reconfiguration || (valid_nodes(decree.reconfiguration->leaders) &&
                                       valid_nodes(decree.reconfiguration->acceptors));
}
bool valid_pvalue(const PValue& pvalue) {
    return valid_ballot(pvalue.ballot) && valid_slot(pvalue.slot) && valid_decree(pvalue.decree);
}

struct ValidPayload {
    bool operator()(const Propose& m) const {
        return valid_slot(m.slot) && valid_decree(m.decree) &&
               valid_nodes(m.configuration.leaders) && valid_nodes(m.configuration.acceptors);
    }
    bool operator()(const P1a& m) const { return valid_ballot(m.ballot); }
    bool operator()(const P1b& m) const {
        return valid_ballot(m.request_ballot) && valid_ballot(m.ballot) &&
               std::all_of(m.accepted.begin(), m.accepted.end(), valid_pvalue);
    }
    bool operator()(const P2a& m) const { return valid_pvalue(m.pvalue); }
    bool operator()(const P2b& m) const {
        return valid_ballot(m.request_ballot) && valid_ballot(m.ballot) && valid_slot(m.slot);
    }
    bool operator()(const Decision& m) const {
        return valid_slot(m.slot) && valid_decree(m.decree);
    }
    bool operator()(const LeaderHeartbeat& m) const {
        return valid_ballot(m.ballot) && m.decided <= kMaxSlot;
    }
    bool operator()(const ClientRequest&) const { return true; }
    // Other protocols' messages, and client responses: dispatch ignores them.
    template <typename Other>
    bool operator()(const Other&) const {
        return true;
    }
};

}  // namespace

bool Node::valid(const Message& message) const {
    const bool from_known = is_node(message.from) || is_client_address(message.from);
    return message.to == id_ && from_known && message.from != id_ &&
           std::visit(ValidPayload{}, message.payload);
}

}  // namespace quorum::multipaxos
