// The discrete-event simulator (docs/design.md, "One scheduler, several
// runners"): a cluster of nodes of one protocol, the messages in flight
// between them, their timers, the clients, the network model, crashes and
// restarts, in virtual time.
//
// It serves every protocol the same way and names none: the nodes, their
// durable states, their checker and the messages' payloads live in a NodeHost
// (sim/nodes.hpp: Nodes<P> for a protocol descriptor P, quorum/protocol.hpp),
// which the scheduler calls through one interface. Code that knows the
// protocol reads its typed state with nodes<P>().
//
// In automatic mode step() takes the earliest pending event. In manual mode
// (hold) nothing happens by itself: the caller takes any pending event with
// deliver(), drop(), duplicate() or fire(). Everything the dashboard shows and
// every test asserts goes through this one scheduler.
//
// A Cluster is a plain value: copying it copies the whole run, its random
// generator included, so a copy continues exactly as the original would. That
// is how the dashboard rewinds and how tests fork a run.
//
// Ties are broken deterministically: at equal times, deliveries (by message
// id) come before client timers (by client) and node timers (by node id).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "quorum/check/violation.hpp"
#include "quorum/client_messages.hpp"
#include "quorum/clone_ptr.hpp"
#include "quorum/cluster_config.hpp"
#include "quorum/history.hpp"
#include "quorum/message.hpp"
#include "quorum/protocol.hpp"
#include "quorum/random.hpp"
#include "quorum/sim/in_flight.hpp"
#include "quorum/sim/network.hpp"
#include "quorum/state_machine.hpp"

namespace quorum::sim {

using quorum::ClusterConfig;
using quorum::node_random;

// One input a node took: a message delivered to it (its wire encoding), or
// its timer (no message). The messages it sent in return have the ids
// [first_sent_id, end_sent_id), duplicates made by the network model included.
struct NodeInput {
    NodeId node = kNoNode;
    TimeUs now_us = 0;
    std::optional<std::string> message;
    std::uint64_t first_sent_id = 0;
    std::uint64_t end_sent_id = 0;
};

enum class EventKind { Deliver, ClientTimer, NodeTimer };

struct PendingEvent {
    EventKind kind = EventKind::Deliver;
    TimeUs due_us = 0;
    std::uint64_t message_id = 0;  // Deliver
    ClientId client = 0;           // ClientTimer
    NodeId node = kNoNode;         // NodeTimer
};

// One client: one operation, retried across nodes until answered.
struct Client {
    ClientId id = 0;
    SharedCommand command;  // shared with its requests and the log entries made of them
    NodeId target = kNoNode;
    TimeUs deadline_us = 0;  // when it gives up on `target` and tries another
    bool answered = false;
    std::size_t history_index = 0;
};

class Cluster;
template <Protocol P>
class Nodes;

// The protocol's half of the simulator: the nodes, what they made durable,
// their checker, and the payloads of the messages in flight (by in-flight
// slot). The one implementation is Nodes<P> (sim/nodes.hpp); the scheduler
// calls it here and nowhere else.
class NodeHost {
  public:
    virtual ~NodeHost() = default;
    virtual std::unique_ptr<NodeHost> clone() const = 0;
    // type_tag<P>() of the protocol it hosts (Cluster::nodes<P>()).
    virtual const void* protocol_tag() const = 0;

    // --- Nodes.
    virtual bool is_up(NodeId node) const = 0;
    // Builds the node from its durable state (at the start, and on restart).
    virtual void start(Cluster& cluster, NodeId node) = 0;
    // The same, and the checker hears of it: a restart's state is what the
    // node had made durable, which may be less than it had.
    virtual void restart(Cluster& cluster, NodeId node) = 0;
    virtual void stop(NodeId node) = 0;  // a crash: its volatile state is gone
    virtual TimeUs deadline(NodeId node) const = 0;
    // Steps the receiver of `flight` (a live node) with its message.
    virtual void deliver(Cluster& cluster, const InFlight& flight) = 0;
    virtual void fire(Cluster& cluster, NodeId node) = 0;
    virtual AnyDurableState durable(NodeId node) const = 0;
    // False if `durable` is not this protocol's.
    virtual bool set_durable(NodeId node, AnyDurableState durable) = 0;

    // --- Messages in flight (their payloads, by slot).
    virtual void duplicate(Cluster& cluster, const InFlight& original) = 0;
    virtual void forget(const InFlight& flight) = 0;  // dropped or delivered
    virtual void send_client_request(Cluster& cluster, NodeId from, NodeId to,
                                     const SharedCommand& command) = 0;
    virtual const ClientResponse* client_response(const InFlight& flight) const = 0;
    virtual std::string_view type_name(const InFlight& flight) const = 0;

    // --- What every protocol can say of its nodes (protocol descriptor).
    virtual bool clients_follow_leader() const = 0;
    virtual std::optional<NodeId> leader() const = 0;
    virtual std::uint64_t highest_term() const = 0;
    // Of one live node.
    virtual bool is_leader(NodeId node) const = 0;
    virtual std::uint64_t committed(NodeId node) const = 0;
    virtual std::uint64_t applied(NodeId node) const = 0;
    virtual const StateMachine* state_machine(NodeId node) const = 0;

    // --- The checker (quorum/check/checker.hpp).
    virtual std::span<const Rule> rules() const = 0;
    virtual void check(NodeId touched, TimeUs now_us) = 0;
    virtual void on_proposed(const Command& command) = 0;
    virtual void on_acknowledged(ClientId client, std::uint64_t sequence, TimeUs now_us) = 0;
    virtual const std::vector<Violation>& violations() const = 0;

    // --- The explorer's state hash (quorum/state_hash.hpp, explore/).
    // A node: whether it is up, its whole state if so, what it made durable.
    virtual void hash_node(NodeId node, StateHasher& hasher) const = 0;
    // A message in flight: its payload (not its id, its times or its slot).
    virtual void hash_message(const InFlight& flight, StateHasher& hasher) const = 0;
    // Symmetry (explore --symmetry): whether the protocol's node ids are
    // interchangeable, and then the two hashes above with the nodes renamed
    // (every id inside a state or a payload too). No by default: Paxos's
    // ballots order proposers by id, so its ids are not interchangeable.
    virtual bool symmetric() const { return false; }
    virtual void hash_node_renamed(NodeId node, const NodeRenaming& /*rename*/,
                                   StateHasher& hasher) const {
        hash_node(node, hasher);
    }
    virtual void hash_message_renamed(const InFlight& flight, const NodeRenaming& /*rename*/,
                                      StateHasher& hasher) const {
        hash_message(flight, hasher);
    }
};

class Cluster {
  public:
    explicit Cluster(ClusterConfig config);
    // A copy continues exactly as the original would (its host is cloned).
    Cluster(const Cluster& other) = default;
    // All or nothing: a copy that throws leaves this cluster as it was.
    Cluster& operator=(const Cluster& other);
    Cluster(Cluster&&) noexcept = default;
    Cluster& operator=(Cluster&&) noexcept = default;
    ~Cluster() = default;

    // --- Time and events.
    TimeUs now() const { return now_; }
    std::vector<PendingEvent> pending_events() const;  // earliest first
    std::optional<PendingEvent> next_event() const;
    // Takes the earliest pending event. Returns false if there is none.
    bool step();
    // Automatic mode: processes every event due within `duration`, then sets
    // the clock to now + duration. In manual mode only the clock moves.
    void run_for(TimeUs duration_us);
    bool hold() const { return hold_; }
    void set_hold(bool hold) { hold_ = hold; }
    // run_for stops at the checkers' first violation (the run is broken from
    // there on), unless told not to: a lesson that breaks a rule on purpose
    // goes on to show what follows.
    void set_stop_at_violation(bool stop) { stop_at_violation_ = stop; }

    // --- Manual mode: act on one pending event (any mode, in fact).
    bool deliver(std::uint64_t message_id);
    bool drop(std::uint64_t message_id, const char* why = "user");
    bool duplicate(std::uint64_t message_id);
    bool fire_timer(NodeId node);

    // --- Chaos.
    void crash(NodeId node);
    void restart(NodeId node);
    // Restarts a crashed node from `durable` instead of what it made durable
    // here: what a worker loaded from its disk, which a kill may have cut
    // short. False (nothing done) if the node is up or `durable` is another
    // protocol's.
    bool restart(NodeId node, AnyDurableState durable);
    // Moves the clock forward to `now` (never back) with no event: a cluster
    // brought back after a page reload resumes at its saved time.
    void set_clock(TimeUs now_us);
    void partition(const std::vector<std::vector<NodeId>>& groups);
    void isolate(NodeId node);
    void block(NodeId from, NodeId to);
    void heal();
    void set_network(const NetworkModel& network);

    // --- Clients: starts one operation (client and sequence are filled in)
    // and returns its client id. Without `via`, the client picks a node.
    ClientId start_client(Command command, std::optional<NodeId> via = std::nullopt);
    // Makes the next `count` client ids unusable: the clients of a run this
    // cluster continues (a page reload). The nodes' state machines remember
    // every client they served, and would take a new client that reused an
    // old id for a retry of the old one's request.
    void skip_client_ids(ClientId count);

    // --- Observation.
    std::size_t size() const { return config_.nodes; }
    const ClusterConfig& config() const { return config_; }
    std::string_view protocol_name() const { return config_.protocol_name(); }
    bool is_up(NodeId node) const;
    // The protocol's typed state (sim/nodes.hpp); the cluster must run P.
    template <Protocol P>
    const Nodes<P>& nodes() const;
    const NodeHost& host() const { return *host_; }
    const InFlightSet& in_flight() const { return in_flight_; }
    // The name of a message in flight ("RequestVote", "P1a", ...).
    std::string_view message_type(const InFlight& flight) const { return host_->type_name(flight); }
    const std::vector<Client>& clients() const { return clients_; }
    std::size_t clients_waiting() const { return waiting_clients_.size(); }
    const History& history() const { return history_; }
    const Reachability& reachability() const { return reachability_; }
    std::uint64_t messages_sent() const { return messages_sent_; }
    std::uint64_t messages_delivered() const { return messages_delivered_; }
    std::uint64_t events_processed() const { return events_processed_; }
    // The protocol's leader and highest term (or ballot round), if it has
    // them (quorum/protocol.hpp).
    std::optional<NodeId> leader() const { return host_->leader(); }
    std::uint64_t highest_term() const { return host_->highest_term(); }
    // Of a live node (quorum/protocol.hpp): whether it leads, how far its log
    // (or its decided slots) is committed and applied, its state machine
    // (none where the protocol has none).
    bool is_leader(NodeId node) const { return host_->is_leader(node); }
    std::uint64_t committed(NodeId node) const { return host_->committed(node); }
    std::uint64_t applied(NodeId node) const { return host_->applied(node); }
    const StateMachine* state_machine(NodeId node) const { return host_->state_machine(node); }
    // The rules the protocol's checker enforces, and what it caught, first
    // first: a checker that keeps going after a violation reports them all
    // (up to a bound of its own), the others their first only.
    std::span<const Rule> rules() const { return host_->rules(); }
    const std::vector<Violation>& violations() const { return host_->violations(); }
    const Violation* violation() const {
        const auto& all = violations();
        return all.empty() ? nullptr : &all.front();
    }

    // Trace lines (JSON, docs/scenarios.md) produced since the last call.
    std::vector<std::string> take_trace();

    // --- For a runner that hosts the nodes elsewhere (record_node_inputs).
    // Every input nodes took since the last call, in order.
    std::vector<NodeInput> take_node_inputs();
    std::uint64_t next_message_id() const { return next_message_id_; }
    std::uint32_t incarnation(NodeId node) const { return incarnation_[node]; }
    AnyDurableState durable(NodeId node) const { return host_->durable(node); }

  private:
    template <Protocol P>
    friend class Nodes;
    template <Protocol P>
    friend Nodes<P>& host_of(Cluster& cluster);

    template <typename Visit>
    void for_each_pending_event(Visit&& visit) const;
    void process(const PendingEvent& event);
    void record_drop(std::uint64_t message_id, const char* why);
    void deliver_in_flight(const InFlight& flight);
    void deliver_to_client(NodeId from, const ClientResponse& response);
    void on_node_timer(NodeId node);
    void refresh_deadline(NodeId node);
    void on_client_timer(ClientId client);
    // Counts an event and checks the invariants; `touched`: the node it was an
    // input to, if any.
    void after_event(NodeId touched = kNoNode);

    // --- For the host (Nodes<P>), which keeps the payloads.
    // A message leaves (counted); true if the network makes two copies of it.
    bool send_counts_duplicate();
    // One copy enters the network: its id, due time and fate are drawn here,
    // in that order (traces depend on it); the host puts its payload in the
    // returned slot, then traces it.
    InFlight& enqueue(NodeId from, NodeId to, bool duplicate);
    void trace_send(const InFlight& flight, std::string_view type, const std::string& payload);
    void record_input(NodeId node, std::optional<std::string> message, std::uint64_t sent_from);
    Random node_random(NodeId node) const;
    TimeUs draw_due_time(NodeId from, NodeId to);
    bool draw(PartsPerMillion probability);

    // cluster_clients.cpp
    void send_client_request(Client& client);
    NodeId pick_node();

    // cluster_trace.cpp: the JSON lines of docs/scenarios.md.
    TraceWriter trace_writer() { return TraceWriter(trace_, now_); }
    void trace(std::string_view event, std::string_view fields);
    void trace_partition(const std::vector<std::vector<NodeId>>& groups);
    void trace_network();

    ClusterConfig config_;
    Random random_;
    TimeUs now_ = 0;
    bool hold_ = false;
    bool stop_at_violation_ = true;
    ClonePtr<NodeHost> host_;  // copied deep: a Cluster copies as a value
    std::vector<TimeUs> node_due_ = std::vector<TimeUs>(kMaxNodes + 1, kNoDeadline);
    std::vector<std::uint32_t> incarnation_;  // restarts so far, per node
    InFlightSet in_flight_;
    std::vector<TimeUs> last_due_on_link_;  // FIFO links: (from, to) -> latest due
    std::vector<Client> clients_;
    std::vector<ClientId> waiting_clients_;  // not answered yet, in start order
    // The leader the last answer named, for protocols whose clients follow it
    // (Protocol::kClientsFollowLeader): new clients start there, as a client
    // library that keeps its connection would (etcd's, LogCabin's); without
    // it four requests in five would take a redirect first.
    NodeId known_leader_ = kNoNode;
    History history_;
    Reachability reachability_;
    std::uint64_t next_message_id_ = 1;
    std::uint64_t messages_sent_ = 0;
    std::uint64_t messages_delivered_ = 0;
    std::uint64_t events_processed_ = 0;
    std::vector<std::string> trace_;
    std::vector<NodeInput> node_inputs_;
};

// The host of the cluster's protocol, built by the registry
// (quorum/protocols.hpp) from config.protocol; null if it names no protocol.
std::unique_ptr<NodeHost> make_node_host(const ClusterConfig& config);

}  // namespace quorum::sim
