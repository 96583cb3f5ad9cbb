// The dashboard's state: the simulated cluster, the run clock, the snapshots
// that step back restores, what is selected, and the event log.
//
// Panels read a Session and issue commands (commands.hpp), which call the
// functions here; none of them touches the Cluster's protocol state directly
// or decides anything a protocol decides (docs/design.md, "The dashboard").
// The commands are the same ones window.quorum exposes (state_json.cpp), so a
// test's command and a person's click take one path.
//
// Rewinding is checkpoints of a plain value: a sim::Cluster copies whole, so a
// snapshot is a copy. Copies are taken before every manual action and every
// 100 ms of virtual time while running, at most one per frame, bounded by
// count and by an estimate of their size: never a copy per frame for nothing.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "quorum/check/linearizability.hpp"
#include "quorum/sim/cluster.hpp"
#include "workers_runner.hpp"

namespace quorum::dashboard {

// One trace line. Only `raw` is filled when the event arrives; the rest is
// parsed the first time the line is shown or filtered (Session::event()):
// at full speed thousands of lines a second arrive and few are ever looked at.
struct EventLine {
    bool parsed = false;
    TimeUs time_us = 0;
    std::string kind;       // the trace's "ev": send, deliver, role, timer, ...
    NodeId node = kNoNode;  // the node it concerns (for send: the sender), if any
    NodeId peer = kNoNode;  // for send/deliver/drop: the receiver
    std::uint64_t message_id = 0;
    ClientId client = 0;  // for client/retry/answer: the client
    std::string text;     // a one-line summary for people
    std::string raw;      // the trace line itself (docs/scenarios.md), for export
};

enum class SelectionKind { None, Node, Message, Client };

struct Selection {
    SelectionKind kind = SelectionKind::None;
    NodeId node = kNoNode;
    std::uint64_t message_id = 0;
    ClientId client = 0;  // Client: its operation's invoke and answer events
};

class Session {
  public:
    static constexpr double kMinSpeed = 0.01;
    static constexpr double kMaxSpeed = 100.0;
    static constexpr TimeUs kSnapshotEveryUs = 100 * kMicrosecondsPerMillisecond;
    static constexpr std::size_t kMaxSnapshots = 400;
    static constexpr std::size_t kMaxSnapshotBytes = std::size_t{96} << 20;
    // The event log keeps the newest events only: each costs about 250 bytes
    // (its trace line and its summary), so this is about 25 MB at most.
    // Beyond it the oldest tenth goes at once (one shift, not one per event).
    static constexpr std::size_t kMaxEvents = 100'000;
    // The longest `run` one command (or one scenario line) asks for: a 9-node
    // Raft cluster logs about 700 events a second of virtual time, so this is
    // about 85,000 events and a few seconds of work in the page. Longer runs
    // are refused with this limit in the answer (quorum-sim has none).
    static constexpr TimeUs kMaxRunUs = 120 * kMicrosecondsPerSecond;
    // A run goes in slices of this much virtual time, its trace collected
    // after each: the event log's cap holds within a run too.
    static constexpr TimeUs kRunSliceUs = 1 * kMicrosecondsPerSecond;

    // `host`: the page's workers (null where there are none: the desktop,
    // tests); without it the workers runner is not offered.
    explicit Session(std::unique_ptr<WorkerHost> host = nullptr);
    ~Session();
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

    // --- Per frame: advances virtual time by real_dt_s x speed when playing.
    void advance(double real_dt_s);

    // --- Read-only view for panels.
    const sim::Cluster& cluster() const { return cluster_; }
    const SetupOptions& setup() const { return setup_; }
    // What the Setup panel shows, and reset() starts from.
    const SetupOptions& setup_choice() const { return setup_choice_; }
    bool playing() const { return playing_; }
    double speed() const { return speed_; }

    // Slow motion (issue 20): at the default 0.1x an election is over in half
    // a second of wall time, too fast for a class to follow. While one is in
    // progress (messages between nodes in flight and no leader, or any for a
    // protocol without one: a ballot), or while a message of the chosen type
    // is in flight, the run plays at `speed` if that is slower than speed()
    // and speed() is below 1x (above, the teacher is fast-forwarding).
    struct SlowMotion {
        bool on = true;
        double speed = 0.01;
        std::string type;  // a message type name ("AppendEntries"); empty: none
    };
    const SlowMotion& slow_motion() const { return slow_motion_; }
    // False (and a notice) for a speed outside kMinSpeed..kMaxSpeed.
    bool set_slow_motion(SlowMotion slow_motion);
    // Why the run plays slowly now ("election or ballot",
    // "AppendEntries in flight"), or empty when it plays at speed().
    std::string slow_reason() const;
    // The speed that applies now: speed(), or slow motion's if slower.
    double effective_speed() const;
    // The newest events, at most kMaxEvents; events_dropped() older ones are
    // gone. Their raw lines: event(i) is the same line, parsed.
    const std::deque<EventLine>& events() const { return events_; }
    const EventLine& event(std::size_t index) const;
    std::size_t events_dropped() const { return events_dropped_; }
    std::size_t snapshot_count() const { return snapshots_.size(); }
    const Selection& selection() const { return selection_; }
    // Set when an invariant broke: the run paused there.
    const Violation* violation() const { return cluster_.violation(); }
    // The last command's complaint, if it could not act ("node 3 is down").
    const std::string& notice() const { return notice_; }
    // type name, from, to of any message ever sent (for delivered ones, gone from in_flight()).
    const EventLine* sent_event(std::uint64_t message_id) const;

    // Changes whenever a new run starts (reset(), start()): what was tied to
    // the old run (a scenario's position) knows it is stale.
    std::uint64_t run_number() const { return run_number_; }

    // --- Commands (each one a snapshot first, so step back undoes it).
    void reset();  // a new cluster from setup_choice()
    // A new run from a cluster made elsewhere (a scenario's first state),
    // paused; otherwise as reset().
    void start(sim::Cluster cluster);
    // A command from elsewhere (a scenario's line) that acts on the cluster
    // itself: a snapshot first, the trace and the pause on a violation after.
    void apply(const std::function<void(sim::Cluster&)>& action);
    void set_setup_choice(SetupOptions choice) { setup_choice_ = std::move(choice); }
    void set_playing(bool playing);
    // Brings back a cluster the workers runner kept in IndexedDB, from the
    // meta record it saved ({"setup":{..},"nowUs":..,"down":[..],"inFlight":..}):
    // every node restarts from its disk; messages in flight are lost.
    bool restore(const std::string& meta_json, std::string& error);
    bool workers_available() const { return host_ != nullptr; }
    const WorkersRunner* runner() const { return runner_.get(); }

    // --- The workers runner's reports (workers_bridge.cpp): each is handed
    // to the runner, and the run goes on if it was waiting for it.
    void worker_opened(bool memory_only);
    void worker_booted(NodeId node, std::uint32_t incarnation, std::string_view loaded);
    void worker_sent(NodeId node, std::uint32_t incarnation, std::uint64_t seq,
                     std::string_view output);
    void worker_disk_failed(NodeId node, std::uint32_t incarnation, const std::string& reason);
    void worker_rejected(NodeId node, std::uint32_t incarnation, const std::string& reason);
    void worker_dropped(const std::string& reason);
    // The tab that hosted `nodes` (?join) closed, or a tab offered to host
    // them: one notice names them all.
    void worker_host_lost(const std::vector<NodeId>& nodes);
    void worker_host_offered(const std::vector<NodeId>& nodes);
    void worker_placed(NodeId node, std::string host);
    // False (and a notice) outside kMinSpeed..kMaxSpeed.
    bool set_speed(double speed);
    bool step();       // the earliest pending event
    bool step_back();  // restores the latest snapshot older than now
    // Fast-forward, whatever the play state; refused under Hold (time stands
    // still) and beyond kMaxRunUs.
    bool run_for(TimeUs duration_us);
    void set_hold(bool hold);
    bool deliver(std::uint64_t message_id);
    bool drop(std::uint64_t message_id);
    bool duplicate(std::uint64_t message_id);
    bool fire_timer(NodeId node);
    bool crash(NodeId node);
    bool restart(NodeId node);
    bool crash_leader();
    bool isolate(NodeId node);
    bool isolate_leader();
    // Two groups: a majority and a minority; the leader (if any) in the minority.
    void split_majority_minority();
    void heal();
    // Partition by hand (the Cluster panel's drag): `node` leaves its group
    // and joins `beside`'s, or with kNoNode forms a group of its own.
    bool move_to_group(NodeId node, NodeId beside);
    // False (and a notice) for a model network_error() refuses.
    bool set_network(const sim::NetworkModel& network);
    // One of the operations the protocol's clients take (its view's
    // operations(), protocols/registry.hpp). Returns the client id.
    // `via`: the node it sends to first, as a scenario's `via` (kNoNode: the
    // client picks); a crashed one is refused.
    std::optional<ClientId> client(OperationKind kind, const std::string& key,
                                   const std::string& value, NodeId via = kNoNode);

    void select_node(NodeId node);
    void select_message(std::uint64_t message_id);
    void select_client(ClientId client);
    void clear_selection() { selection_ = {}; }
    // The message under the pointer in the space-time diagram (0: none); the
    // Cluster and Events panels highlight it too. Not a selection: it follows
    // the pointer, and step back does not undo it.
    std::uint64_t hovered_message() const { return hovered_message_; }
    void hover_message(std::uint64_t message_id) { hovered_message_ = message_id; }

    // The history's linearizability verdict, computed on demand and cached
    // until the history changes (the search is exponential: never per frame).
    const LinearizabilityResult& linearizability() const;

  private:
    struct Snapshot {
        sim::Cluster cluster;
        std::size_t event_count = 0;  // events ever logged, dropped ones included
        std::size_t bytes = 0;
    };

    void take_snapshot();
    void new_cluster();
    void start_runner();
    // Workers runner: takes events up to target_us_, stopping at one that
    // waits for a worker (the next report calls it again).
    void pump();
    bool may_take(const sim::PendingEvent& event) const;
    // Under Hold the clock stands still until an event is taken: then it moves
    // to that event's due time, or to the earliest pending event's if that is
    // sooner, so what is still pending stays in the future.
    void move_clock_to(TimeUs due_us);
    void collect_trace();
    void drop_oldest_events();
    std::size_t events_logged() const { return events_dropped_ + events_.size(); }
    void after_run();
    bool act(bool ok, const std::string& complaint);
    static std::size_t estimate_bytes(const sim::Cluster& cluster);

    SetupOptions setup_;
    SetupOptions setup_choice_;
    sim::Cluster cluster_;
    std::unique_ptr<WorkerHost> host_;
    std::unique_ptr<WorkersRunner> runner_;  // null: the in-process runner
    TimeUs target_us_ = 0;                   // workers runner: run up to here
    double since_meta_saved_s_ = 0;
    bool playing_ = true;
    double speed_ = 0.1;
    SlowMotion slow_motion_;
    double pending_virtual_us_ = 0;  // fractions of a microsecond carried between frames
    std::deque<Snapshot> snapshots_;
    std::size_t snapshot_bytes_ = 0;
    TimeUs last_snapshot_us_ = -1;
    mutable std::deque<EventLine> events_;  // parsed lazily by event()
    std::size_t events_dropped_ = 0;
    // message id -> its send's number among all events (events_dropped_ + index)
    std::map<std::uint64_t, std::size_t> sends_;
    Selection selection_;
    std::uint64_t hovered_message_ = 0;
    std::string notice_;
    mutable std::optional<LinearizabilityResult> linearizability_;
    mutable History linearizability_history_;  // what the cached verdict judged
    std::uint64_t run_number_ = 0;
};

// "1.234 s", virtual time for people (the trace keeps microseconds).
std::string format_seconds(TimeUs time_us);

}  // namespace quorum::dashboard
