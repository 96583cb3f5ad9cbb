// The explorer: a model checker over the simulator (docs/design.md, "The
// explorer"; docs/scenarios.md, "quorum-sim explore"). From any sim::Cluster
// state it searches the runs the scheduler's choices can reach, as a person in
// manual mode could make them one line at a time:
//
//   deliver <from> -> <to> <type>    drop ...    duplicate ...
//   fire <id>    crash <id>    restart <id>
//
// Each step is exactly one scenario command (scenario/ast.hpp), acting on the
// oldest matching message in flight as the command does, with the clock held
// (manual mode never moves it), so a path is a scenario that replays it. With
// FIFO links (`reorder=off`, the default) only the oldest message of each link
// may be taken, as the network model would; with `reorder=on`, the oldest of
// each (link, type). Messages to and from clients are ends like any other
// (`deliver c1 -> 2`); clients' retry timers are not explored (they are no
// manual command), so the client operations are those the start state has
// started: their requests are in flight, and the search delivers, drops or
// duplicates them like any message.
//
// States are hashed (quorum/state_hash.hpp): every node's whole state and
// durable state (through the protocol's descriptor), the messages in flight
// with their ids left out (per link, or per link and type, in send order: the
// only order a command can tell apart), the clients' progress, and the
// crashes and duplicates spent. The checker's own memory is not hashed
// (history variables, as in TLC): a state reached again by another path is
// not explored again. The checkers run on every new state, as the cluster
// runs them after every event; the first new violation ends the search.
//
// The core has no clock: the caller times the search (states per second) and
// may stop it from the progress callback.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "quorum/check/violation.hpp"
#include "quorum/sim/cluster.hpp"

namespace quorum::explore {

enum class Search { BreadthFirst, DepthFirst, RandomWalk };

// "bfs", "dfs", "random".
std::string_view search_name(Search search);

struct Bounds {
    Search search = Search::BreadthFirst;
    std::size_t max_depth = 12;            // steps from the start state
    std::uint64_t max_states = 1'000'000;  // states generated before giving up
    std::uint32_t max_crashes = 0;         // crashes along one path (restarts are free)
    std::uint32_t max_duplicates = 0;      // duplicate steps along one path
    std::uint64_t walks = 100;             // RandomWalk: how many walks
    std::uint64_t seed = 1;                // RandomWalk: their random choices
    // Symmetry reduction: states that differ only by the names of the nodes
    // are one (the smallest hash over the renamings). Only for a protocol
    // whose ids are interchangeable (sim::NodeHost::symmetric()).
    bool symmetry = false;
};

enum class StepKind : std::uint8_t { Deliver, Drop, Duplicate, Fire, Crash, Restart };

// One scheduler choice: one scenario command.
struct Step {
    StepKind kind = StepKind::Deliver;
    NodeId from = kNoNode;  // the message's sender (a node or a client's address); the node of
                            // fire, crash, restart
    NodeId to = kNoNode;    // the message's receiver
    std::string type;       // the message's type ("RequestVote")

    friend bool operator==(const Step&, const Step&) = default;
};

// The scenario line that takes the step: "deliver 1 -> 2 RequestVote",
// "deliver c1 -> 3 ClientRequest", "fire 2", "crash 3".
std::string to_line(const Step& step);

// What a path has spent of the bounds.
struct Spent {
    std::uint32_t crashes = 0;
    std::uint32_t duplicates = 0;
    friend bool operator==(const Spent&, const Spent&) = default;
};

// The steps the bounds allow from `cluster`, in a fixed order (deliveries,
// drops, duplicates, fires, crashes, restarts; by sender, receiver, type).
std::vector<Step> enabled_steps(const sim::Cluster& cluster, const Bounds& bounds,
                                const Spent& spent);
// Takes the step as its scenario line would; false if it cannot act (no such
// message, a crashed node fired). Updates `spent`.
bool take_step(sim::Cluster& cluster, const Step& step, Spent& spent);
// The state's hash, as the visited set keys it; with `symmetry`, the smallest
// over the renamings of the nodes (the same for any two states that differ
// only by the nodes' names).
std::uint64_t state_hash(const sim::Cluster& cluster, const Spent& spent, bool symmetry = false);

struct Progress {
    std::uint64_t states = 0;  // generated: steps taken from a state
    std::uint64_t unique = 0;  // distinct states seen, the start included
    std::size_t depth = 0;     // the deepest state generated so far
};

struct Counterexample {
    Violation violation;     // the first new one
    std::vector<Step> path;  // from the start state to the violating state
};

struct Result {
    Progress progress;
    std::optional<Counterexample> found;
    // Every state within the bounds was explored (BreadthFirst, DepthFirst);
    // false when max_states or the callback stopped the search first.
    bool complete = false;
    std::size_t visited_bytes = 0;  // memory of the visited set and the search's own records
};

// Called every few thousand states; returning false stops the search.
using KeepGoing = std::function<bool(const Progress&)>;

// A search that runs in slices (the dashboard's, a slice per frame): each
// run() generates at most `budget` more states and returns whether the
// search is over. explore() below is one run to the end.
class Exploration {
  public:
    // `start` is copied. Preconditions as explore()'s.
    Exploration(const sim::Cluster& start, const Bounds& bounds);
    ~Exploration();
    Exploration(const Exploration&) = delete;
    Exploration& operator=(const Exploration&) = delete;

    bool run(std::uint64_t budget);
    // Ends the search now (as max_states would: not complete).
    void stop();
    bool done() const;
    Progress progress() const;
    // So far; final once done().
    Result result() const;

  private:
    class Searcher;
    std::unique_ptr<Searcher> searcher_;
};

// Explores from `start` (which is copied, never changed). Its cluster should
// have its trace off (the copies would build trace lines for nothing).
// Precondition: the start state breaks no rule yet (start.violations() empty);
// with bounds.symmetry, start.host().symmetric().
Result explore(const sim::Cluster& start, const Bounds& bounds, const KeepGoing& keep_going = {});

// The counterexample as a scenario: `prefix` (the scenario that reached the
// start state, as written), then `hold on`, `expect violation <rule>` (before
// the steps: the language requires the line before the violation), and one
// line per step.
std::string counterexample_scenario(std::string_view prefix, const Counterexample& found);

}  // namespace quorum::explore
