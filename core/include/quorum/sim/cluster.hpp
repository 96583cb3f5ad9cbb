// The discrete-event simulator (DESIGN.md, "One scheduler, several runners"):
// a cluster of Raft, single-decree Paxos or Multi-Paxos nodes, the messages
// in flight between them, their timers, the clients, the network model,
// crashes and restarts, in virtual time.
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
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "quorum/history.hpp"
#include "quorum/message.hpp"
#include "quorum/multipaxos/node.hpp"
#include "quorum/paxos/node.hpp"
#include "quorum/raft/node.hpp"
#include "quorum/random.hpp"
#include "quorum/sim/in_flight.hpp"
#include "quorum/sim/multipaxos_invariants.hpp"
#include "quorum/sim/network.hpp"
#include "quorum/sim/paxos_invariants.hpp"
#include "quorum/sim/raft_invariants.hpp"

namespace quorum::sim {

// Which protocol every node of the cluster runs.
enum class Algorithm { Raft, Paxos, MultiPaxos };
const char* algorithm_name(Algorithm algorithm);  // "raft", "paxos", "multipaxos": the trace's

struct ClusterConfig {
    Algorithm algorithm = Algorithm::Raft;
    std::size_t nodes = 5;
    std::uint64_t seed = 1;
    raft::Config raft;  // members are filled in by the cluster
    // Single-decree Paxos. Empty role lists are filled in with every node.
    paxos::Config paxos;
    // Multi-Paxos. Empty role lists are filled in with every node. Its
    // `faults` are for checker tests only.
    multipaxos::Config multipaxos;
    NetworkModel network;
    // A client that hears nothing for this long tries another node.
    TimeUs client_timeout_us = 400 * kMicrosecondsPerMillisecond;
    bool trace = true;             // build JSON trace lines (off for benchmarks)
    bool check_invariants = true;  // run the checkers after every event
    // Fault injection (checker tests only): the host "forgets" to persist
    // currentTerm and votedFor, so a restarted node can vote twice in a term.
    bool fault_forget_hard_state = false;
    // Keep every input given to a node for take_node_inputs() (the page's
    // workers runner, which has the real nodes take the same inputs).
    bool record_node_inputs = false;
};

// `config` with what the cluster fills in itself: Raft's members, and every
// node for an empty Paxos or Multi-Paxos role list.
ClusterConfig with_defaults(ClusterConfig config);

// The generator node `node` gets in its `incarnation` (0, then one more per
// restart). A runner that builds the node elsewhere builds it with this.
Random node_random(std::uint64_t seed, NodeId node, std::uint32_t incarnation);

// Whatever a node of the cluster's protocol made durable.
using AnyDurableState =
    std::variant<raft::DurableState, paxos::DurableState, multipaxos::DurableState>;

// One input a node took: a message delivered to it, or its timer (no
// message). The messages it sent in return have the ids [first_sent_id,
// end_sent_id), duplicates made by the network model included.
struct NodeInput {
    NodeId node = kNoNode;
    TimeUs now_us = 0;
    std::optional<Message> message;
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

class Cluster {
  public:
    explicit Cluster(ClusterConfig config);

    // --- Set-up before a run (figures of the paper): replaces a node's
    // durable state and restarts it from that state.
    void set_durable_state(NodeId node, raft::DurableState durable);

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
    // here: what a worker loaded from its disk, which a kill may have cut short.
    void restart(NodeId node, AnyDurableState durable);
    // Moves the clock forward to `now` (never back) with no event: a cluster
    // brought back after a page reload resumes at its saved time.
    void set_clock(TimeUs now_us);
    void partition(const std::vector<std::vector<NodeId>>& groups);
    void isolate(NodeId node);
    void block(NodeId from, NodeId to);
    void heal();
    void set_network(const NetworkModel& network);

    // --- Multi-Paxos: an operator asks replica `via` to change the
    // configuration (PMMC's reconfiguration command, decided like any
    // command and in effect WINDOW slots later). False if `via` is not a live
    // replica. Not with record_node_inputs: no NodeInput kind carries it.
    bool reconfigure(NodeId via, const multipaxos::Configuration& configuration);

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
    Algorithm algorithm() const { return config_.algorithm; }
    bool is_up(NodeId node) const;
    // Raft clusters.
    const raft::Node& node(NodeId node) const { return *nodes_[node]; }
    const raft::DurableState& durable_state(NodeId node) const { return durable_[node]; }
    // Single-decree Paxos clusters.
    const paxos::Node& paxos_node(NodeId node) const { return *paxos_nodes_[node]; }
    const paxos::DurableState& paxos_durable_state(NodeId node) const {
        return paxos_durable_[node];
    }
    const PaxosInvariants& paxos_invariants() const { return paxos_invariants_; }
    // The value chosen (a majority of acceptors accepted one ballot), if any.
    std::optional<paxos::Value> chosen() const;
    // Multi-Paxos clusters.
    const multipaxos::Node& multipaxos_node(NodeId node) const { return *multipaxos_nodes_[node]; }
    const multipaxos::DurableState& multipaxos_durable_state(NodeId node) const {
        return multipaxos_durable_[node];
    }
    const MultiPaxosInvariants& multipaxos_invariants() const { return multipaxos_invariants_; }
    // The highest ballot among live nodes: acceptors' ballot_num and leaders'
    // ballot_num alike (bottom when there is none).
    multipaxos::Ballot highest_ballot() const;
    const InFlightSet& in_flight() const { return in_flight_; }
    const std::vector<Client>& clients() const { return clients_; }
    std::size_t clients_waiting() const { return waiting_clients_.size(); }
    const History& history() const { return history_; }
    const Reachability& reachability() const { return reachability_; }
    std::uint64_t messages_sent() const { return messages_sent_; }
    std::uint64_t messages_delivered() const { return messages_delivered_; }
    std::uint64_t events_processed() const { return events_processed_; }
    // The one live leader of the highest term held by any live node, if any.
    // Multi-Paxos: the live active leader whose ballot no live acceptor has
    // gone beyond (see cluster_multipaxos.cpp); Paxos: none.
    std::optional<NodeId> leader() const;
    // Raft: the highest term of a live node. Multi-Paxos: the round of
    // highest_ballot(). Paxos: 0.
    raft::Term highest_term() const;
    const std::optional<Violation>& violation() const;
    // Every violation caught so far, first first: the Paxos checker keeps
    // going after one (up to PaxosInvariants::kMaxViolations), the others
    // report their first only.
    std::vector<Violation> violations() const;
    const RaftInvariants& invariants() const { return invariants_; }

    // Trace lines (JSON, SCENARIOS.md) produced since the last call.
    std::vector<std::string> take_trace();

    // --- For a runner that hosts the nodes elsewhere (record_node_inputs).
    // Every input nodes took since the last call, in order.
    std::vector<NodeInput> take_node_inputs();
    std::uint64_t next_message_id() const { return next_message_id_; }
    std::uint32_t incarnation(NodeId node) const { return incarnation_[node]; }
    AnyDurableState durable(NodeId node) const;

  private:
    template <typename Visit>
    void for_each_pending_event(Visit&& visit) const;
    void process(const PendingEvent& event);
    void record_drop(std::uint64_t message_id, const char* why);
    void deliver_in_flight(const InFlight& flight);
    void deliver_to_client(const Message& message);
    void on_node_timer(NodeId node);
    // The node's protocol, whichever it is.
    TimeUs node_deadline(NodeId node) const;  // kNoDeadline: no timer
    void step_node(NodeId node, const Message& message);
    void fire_node(NodeId node);
    // Records the input when config_.record_node_inputs; `sent_from`: the
    // message id counter before the input.
    void record_input(NodeId node, const Message* message, std::uint64_t sent_from);
    void step_node_input(NodeId node, const Message& message);
    void fire_node_input(NodeId node);
    void create_node(NodeId node);
    void remove_node(NodeId node);
    void refresh_deadline(NodeId node);
    void on_client_timer(ClientId client);
    void handle_ready(NodeId node, raft::Ready& ready, raft::Role role_before,
                      raft::Term term_before);
    void send(Message&& message);
    void enqueue(Message&& message, bool duplicate);
    TimeUs draw_due_time(const Message& message);
    bool draw(PartsPerMillion probability);
    // cluster_clients.cpp
    void send_client_request(Client& client);
    NodeId pick_node();
    Random node_random(NodeId node) const;
    raft::Node make_node(NodeId node);
    // cluster_paxos.cpp
    void init_paxos();
    paxos::Node make_paxos_node(NodeId node);
    void handle_paxos_ready(NodeId node, paxos::Ready ready, paxos::ProposerPhase phase_before,
                            paxos::Ballot ballot_before);
    void trace_paxos_phase(NodeId node);
    // cluster_multipaxos.cpp
    void init_multipaxos();
    multipaxos::Node make_multipaxos_node(NodeId node);
    // Steps the node with `message`, or fires its timer when null.
    void step_multipaxos_node(NodeId node, const Message* message);
    void handle_multipaxos_ready(NodeId node, multipaxos::Ready ready, bool active_before,
                                 multipaxos::Ballot ballot_before);
    void trace_multipaxos_role(NodeId node);
    std::optional<NodeId> multipaxos_leader() const;
    // Counts an event and checks the invariants; `touched`: the node it was an
    // input to, if any.
    void after_event(NodeId touched = kNoNode);
    // cluster_trace.cpp: the JSON lines of SCENARIOS.md.
    void trace(std::string line);
    std::string trace_prefix(const char* event) const;
    void trace_role(NodeId node);
    void trace_send(const InFlight& flight);
    void trace_apply(NodeId node, const raft::AppliedEntry& entry);
    void trace_partition(const std::vector<std::vector<NodeId>>& groups);
    void trace_network();

    ClusterConfig config_;
    Random random_;
    TimeUs now_ = 0;
    bool hold_ = false;
    bool stop_at_violation_ = true;
    // The nodes, indexed by node id (empty: crashed), and what each made
    // durable: one pair of vectors per protocol, only the cluster's in use.
    std::vector<std::optional<raft::Node>> nodes_;
    std::vector<raft::DurableState> durable_;
    std::vector<std::optional<paxos::Node>> paxos_nodes_;
    std::vector<paxos::DurableState> paxos_durable_;
    std::vector<TimeUs> node_due_ = std::vector<TimeUs>(kMaxNodes + 1, kNoDeadline);
    std::vector<std::uint32_t> incarnation_;  // restarts so far, per node
    InFlightSet in_flight_;
    std::vector<TimeUs> last_due_on_link_;  // FIFO links: (from, to) -> latest due
    std::vector<Client> clients_;
    std::vector<ClientId> waiting_clients_;  // not answered yet, in start order
    // Raft: the leader the last answer named. New clients start there, as a
    // client library that keeps its connection would (etcd's, LogCabin's);
    // without it four requests in five would take a redirect first.
    NodeId known_leader_ = kNoNode;
    History history_;
    Reachability reachability_;
    RaftInvariants invariants_;
    PaxosInvariants paxos_invariants_{{}};
    std::vector<std::optional<multipaxos::Node>> multipaxos_nodes_;
    std::vector<multipaxos::DurableState> multipaxos_durable_;
    MultiPaxosInvariants multipaxos_invariants_;
    std::uint64_t next_message_id_ = 1;
    std::uint64_t messages_sent_ = 0;
    std::uint64_t messages_delivered_ = 0;
    std::uint64_t events_processed_ = 0;
    std::vector<std::string> trace_;
    std::vector<NodeInput> node_inputs_;
};

}  // namespace quorum::sim
