// The workers runner (docs/design.md, "One scheduler, several runners"): each node
// is its own WebAssembly instance in its own Web Worker, talking over
// BroadcastChannel and keeping its durable state in IndexedDB
// (web/workers.js, web/node_worker.js, web/store.js).
//
// The scheduler stays here, in the page, and stays the only source of truth
// about time and delivery order. The sim::Cluster keeps a mirror of every
// node: the checkers and the panels read every node's whole state after every
// event, and shipping that back from a worker would cost more than stepping
// the node twice. Each input the cluster gives a mirror node is posted to the
// node's worker; the worker steps its own node, commits the writes to
// IndexedDB, and only then posts what it sent. A message the mirror sent is
// "unsent" until its worker's post arrives and matches it byte for byte: the
// scheduler does not deliver it before. So what is delivered is exactly what
// a worker sent after making its writes durable.
//
// What differs from the in-process runner:
//   - Kill terminates the worker wherever it is. The messages of inputs it had
//     not posted yet are dropped (trace: "drop", why "unsent"): they were
//     never sent. Its disk keeps whatever transactions completed.
//   - Restart starts a new worker; the mirror restarts from the records that
//     worker loaded (not from its own copy), once it says "booted". The run
//     waits for it, so a restart happens at the same point in the event order
//     as in-process.
//   - Step back is refused: a worker's disk cannot go back in time.
// With the same seed and the same actions, taken while no input is unsent,
// the trace is the in-process runner's, byte for byte (tests/e2e/workers.spec.mjs).
//
// Anything a worker or another page posts that is not the expected report
// (another run's token, an unknown node, a crashed node's late post, a replay,
// output that differs from the mirror's) is dropped and counted by reason.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "quorum/sim/cluster.hpp"
#include "setup.hpp"

namespace quorum::dashboard {

// The setup library's names (shell/setup), as the dashboard uses them.
using setup::Runner;
using setup::runner_name;
using setup::SetupOptions;

// What the runner needs from the page: web/workers.js behind EM_JS in the
// page (workers_bridge.cpp), a fake in the tests. Every call returns at once;
// the answers come back as WorkersRunner::on_*() calls.
class WorkerHost {
  public:
    virtual ~WorkerHost() = default;
    // Opens the cluster's channels under a new token. With `wipe_first`, deletes
    // what is stored under the name first; answers on_opened().
    virtual void open(const std::string& cluster, std::size_t nodes, bool wipe_first) = 0;
    virtual void spawn(NodeId node, std::uint32_t incarnation, TimeUs now_us,
                       const std::string& setup_json) = 0;
    virtual void terminate(NodeId node) = 0;
    // `message`: wire bytes, or null for the node's timer.
    virtual void input(NodeId node, std::uint32_t incarnation, std::uint64_t seq, TimeUs now_us,
                       const std::string* message) = 0;
    virtual void save_meta(const std::string& cluster, const std::string& meta_json) = 0;
    // Terminates every worker and closes the channels.
    virtual void close() = 0;
};

// web/workers.js in the page; null on the desktop (workers_bridge.cpp).
std::unique_ptr<WorkerHost> make_page_worker_host();

class WorkersRunner {
  public:
    enum class NodeStatus { Booting, Up, Down, DiskFailed };
    struct NodeView {
        NodeStatus status = NodeStatus::Down;
        std::uint32_t incarnation = 0;
        std::size_t unsent_inputs = 0;  // posted to the worker, its report not in yet
        std::string reason;             // DiskFailed: why
        std::string host;               // where its worker runs: "" this tab, else a ?join tab's id
    };

    WorkersRunner(WorkerHost& host, SetupOptions setup);
    ~WorkersRunner();
    WorkersRunner(const WorkersRunner&) = delete;
    WorkersRunner& operator=(const WorkersRunner&) = delete;

    // A new cluster: what was stored under its name is wiped, then every node
    // starts on an empty disk.
    void start_fresh(const sim::Cluster& cluster);
    // A cluster brought back after a reload: its nodes are all down in
    // `cluster`; those in `up` start from what their workers load.
    void start_restored(const sim::Cluster& cluster, const std::vector<NodeId>& up);

    // No wipe or boot under way: the scheduler may take events.
    bool ready() const;
    bool may_deliver(const sim::Cluster& cluster, std::uint64_t message_id) const;
    bool may_take(const sim::Cluster& cluster, const sim::PendingEvent& event) const;
    // After every action on the cluster: posts each node input to its worker.
    void dispatch(sim::Cluster& cluster);
    void kill(sim::Cluster& cluster, NodeId node);
    void restart(const sim::Cluster& cluster, NodeId node);
    // Saves what a reload needs (setup, clock, which nodes are down, the
    // client ids used). Client ids are reserved a block ahead, so a reload
    // never hands out an id the state machines have seen: call
    // after_client_started() after each client.
    void save_meta(const sim::Cluster& cluster);
    void after_client_started(const sim::Cluster& cluster);
    static constexpr ClientId kClientIdBlock = 1024;
    std::string meta_json(const sim::Cluster& cluster) const;

    // --- Reports, from the host.
    // `memory_only`: IndexedDB is refused; the page keeps the disks in memory.
    void on_opened(const sim::Cluster& cluster, bool memory_only = false);
    bool memory_only() const { return memory_only_; }
    void on_booted(sim::Cluster& cluster, NodeId node, std::uint32_t incarnation,
                   std::string_view loaded_batch);
    void on_sent(NodeId node, std::uint32_t incarnation, std::uint64_t seq,
                 std::string_view output);
    void on_disk_failed(sim::Cluster& cluster, NodeId node, std::uint32_t incarnation,
                        const std::string& reason);
    void on_rejected(NodeId node, std::uint32_t incarnation, const std::string& reason);
    void on_dropped(const std::string& reason);
    // The tab hosting the node's worker closed (?join): a crash.
    void host_lost(sim::Cluster& cluster, NodeId node);
    // A ?join tab offered to host the node. If its worker runs (or boots) in
    // this tab, it moves there: a worker cannot carry a node's memory across
    // tabs, so the node restarts from its disk, as a process moved to another
    // machine would. Returns whether it moved.
    bool host_offered(sim::Cluster& cluster, NodeId node);
    // Where the page started the node's worker ("" for this tab).
    void on_placed(NodeId node, std::string host);

    // --- For panels and window.quorum.
    const std::vector<NodeView>& nodes() const { return views_; }  // by node id; [0] unused
    const std::map<std::string, std::uint64_t>& dropped() const { return dropped_; }
    std::uint64_t reports() const { return reports_; }
    std::size_t unsent_inputs() const;
    const SetupOptions& setup() const { return setup_; }

  private:
    struct Unsent {
        std::uint64_t seq = 0;
        std::string expected_output;  // store::frame_messages of the mirror's messages
        std::uint64_t first_id = 0;
        std::uint64_t end_id = 0;
    };
    struct Worker {
        std::uint64_t next_seq = 0;
        std::deque<Unsent> unsent;
    };

    void spawn(NodeId node, std::uint32_t incarnation, TimeUs now_us);
    void count_drop(const std::string& reason);
    // The report is from the node's current incarnation, which is up.
    bool current(NodeId node, std::uint32_t incarnation, NodeStatus status);

    WorkerHost& host_;
    SetupOptions setup_;
    std::string setup_json_;
    bool opening_ = false;
    bool memory_only_ = false;
    ClientId client_ids_reserved_ = 0;
    std::vector<NodeId> to_start_;  // spawned once the channels are open
    std::vector<NodeView> views_;
    std::vector<Worker> workers_;
    std::map<std::string, std::uint64_t> dropped_;
    std::uint64_t reports_ = 0;
};

const char* node_status_name(WorkersRunner::NodeStatus status);  // "booting", "up", ...

}  // namespace quorum::dashboard
