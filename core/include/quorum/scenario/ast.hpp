// The scenario language's syntax tree: what a `.qs` file says, typed and
// already validated (SCENARIOS.md is the language's contract).
//
// parse_scenario (quorum/scenario/parser.hpp) turns a whole file into one
// Scenario, or into the file's first error: nothing here can hold an unknown
// option, a node id outside 1..N, a duration without a unit or a `$name` that
// was never remembered. An interpreter only has to execute it. What the parser
// cannot know (which node `$l` will name at run time, whether a message type
// exists in the running protocol) is left to the interpreter.
//
// Cluster options and their defaults (the `cluster` line; every option is
// optional, and an option of another algorithm is an error):
//
// clang-format off
// | option      | algorithms        | value                              | default               |
// |-------------|-------------------|------------------------------------|-----------------------|
// | nodes       | all               | 1..9                               | 3 paxos, 5 raft/multi |
// | seed        | all               | 0..2^64-1                          | 1                     |
// | latency     | all               | A-B + unit, A <= B (`1-10ms`)      | 1-10ms                |
// | loss        | all               | probability 0..1 (`0.1`)           | 0                     |
// | dup         | all               | probability 0..1                   | 0                     |
// | reorder     | all               | on / off                           | off                   |
// | election    | raft              | A-B + unit, 0 < A <= B             | 150-300ms             |
// | heartbeat   | raft              | duration, 0 < D < election minimum | 50ms                  |
// | prevote     | raft              | on / off                           | on                    |
// | checkquorum | raft              | on / off                           | on                    |
// | batch       | raft              | 1..1000 (entries per AppendEntries)| 64                    |
// | inflight    | raft              | 0..1000 (unanswered appends; 0: any)| 1                    |
// | proposers   | paxos             | id list (`1,2`) or `all`           | all                   |
// | acceptors   | paxos, multipaxos | id list or `all`                   | all                   |
// | learners    | paxos             | id list or `all`                   | all                   |
// | replicas    | multipaxos        | id list or `all`                   | all                   |
// | leaders     | multipaxos        | id list or `all`                   | all                   |
// | window      | multipaxos        | 1..1000 (slots in flight)          | 5                     |
// | backoff     | paxos, multipaxos | on / off                           | on                    |
// | retry       | paxos             | duration > 0 (proposer retry)      | 100ms                 |
// | timeout     | multipaxos        | duration > 0 (leader failure)      | 200ms                 |
// | persist     | paxos             | on / off (acceptors' durable state)| on                    |
// clang-format on
//
// `persist=off` is the amnesia lesson: acceptors keep their promise and
// accepted proposal in memory only (paxos::Faults::acceptor_skips_persistence),
// so a restarted acceptor has forgotten both. The checkers catch what follows;
// a lesson says so with `expect violation <rule>`.
//
// Representation choices:
// - Durations are TimeUs (whole microseconds), written `300us`, `250ms`, `2s`,
//   `1.5s`; a range `A-Bms` takes its unit from its end (`1-10ms`).
// - Probabilities are parts per million (PartsPerMillion, 0..1'000'000), not
//   doubles: `0.1` parses to exactly 100000 by integer arithmetic, with no
//   locale and no rounding, so every platform agrees. Six decimals at most.
// - Role lists are resolved: `all` becomes 1..N, lists are sorted, and a
//   default is the full list, so an interpreter never sees `all`.
// - `$name` is kept as a reference (NodeRef / NumberRef): its value exists only
//   at run time.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "quorum/options.hpp"
#include "quorum/protocols.hpp"
#include "quorum/types.hpp"

namespace quorum::scenario {

// 1-based line and column of the first character of a word. Columns count
// bytes, so a tab counts as one column.
struct SourcePos {
    int line = 0;
    int column = 0;
    friend bool operator==(const SourcePos&, const SourcePos&) = default;
};

using quorum::Algorithm;

// Not `Term`: Quantity::Term and Remembered::Term are enumerators, and
// -Wshadow rightly objects to a type of the same name.
using RaftTerm = std::uint64_t;

// A probability in millionths: 0 never, kCertain always.
using quorum::PartsPerMillion;
constexpr PartsPerMillion kCertain = kAlways;

using quorum::DurationRange;

struct NetworkOptions {
    DurationRange latency{1 * kMicrosecondsPerMillisecond, 10 * kMicrosecondsPerMillisecond};
    PartsPerMillion loss_ppm = 0;
    PartsPerMillion dup_ppm = 0;
    bool reorder = false;
    friend bool operator==(const NetworkOptions&, const NetworkOptions&) = default;
};

struct RaftOptions {
    DurationRange election{150 * kMicrosecondsPerMillisecond, 300 * kMicrosecondsPerMillisecond};
    TimeUs heartbeat_us = 50 * kMicrosecondsPerMillisecond;
    bool prevote = true;
    bool checkquorum = true;
    std::uint32_t batch = 64;    // at most this many entries in one AppendEntries
    std::uint32_t inflight = 1;  // AppendEntries with entries unanswered per follower; 0: any
    friend bool operator==(const RaftOptions&, const RaftOptions&) = default;
};

struct PaxosOptions {
    std::vector<NodeId> proposers;  // sorted, never empty after parsing
    std::vector<NodeId> acceptors;
    std::vector<NodeId> learners;
    bool backoff = true;
    TimeUs retry_us = 100 * kMicrosecondsPerMillisecond;
    bool persist = true;  // off: acceptors forget on restart (the amnesia lesson)
    friend bool operator==(const PaxosOptions&, const PaxosOptions&) = default;
};

struct MultiPaxosOptions {
    std::vector<NodeId> replicas;  // sorted, never empty after parsing
    std::vector<NodeId> leaders;
    std::vector<NodeId> acceptors;
    std::uint32_t window = 5;
    bool backoff = true;
    TimeUs timeout_us = 200 * kMicrosecondsPerMillisecond;
    friend bool operator==(const MultiPaxosOptions&, const MultiPaxosOptions&) = default;
};

// The `cluster` line. Only the options struct of `algorithm` is meaningful;
// the other two keep their defaults (plain members rather than a variant, so
// reading `config.raft.heartbeat_us` needs no std::get).
struct ClusterConfig {
    SourcePos pos;
    Algorithm algorithm = Algorithm::Raft;
    NodeId nodes = 5;
    std::uint64_t seed = 1;
    NetworkOptions network;
    RaftOptions raft;
    PaxosOptions paxos;
    MultiPaxosOptions multipaxos;
    friend bool operator==(const ClusterConfig&, const ClusterConfig&) = default;
};

// A node id written literally (`3`, already checked to be in 1..N) or a
// remembered variable (`$l`, whose value is known only at run time).
struct NodeRef {
    NodeId id = kNoNode;
    std::string variable;  // without the '$'; empty for a literal
    bool is_variable() const { return !variable.empty(); }
    friend bool operator==(const NodeRef&, const NodeRef&) = default;
};

// A whole number written literally or a remembered variable.
struct NumberRef {
    std::int64_t value = 0;
    std::string variable;  // without the '$'; empty for a literal
    bool is_variable() const { return !variable.empty(); }
    friend bool operator==(const NumberRef&, const NumberRef&) = default;
};

// ---------------------------------------------------------------------------
// Conditions (`run until <cond>`, `expect <cond>`).

struct Condition;

// A heap cell with value semantics (deep copy, deep ==), so that a Condition
// can contain a Condition (`not <cond>`) and still copy like a value.
template <typename T>
class Box {
  public:
    explicit Box(T value) : cell_(std::make_unique<T>(std::move(value))) {}
    Box(const Box& other) : cell_(std::make_unique<T>(*other.cell_)) {}
    Box(Box&&) noexcept = default;
    Box& operator=(const Box& other) {
        cell_ = std::make_unique<T>(*other.cell_);
        return *this;
    }
    Box& operator=(Box&&) noexcept = default;
    ~Box() = default;

    const T& operator*() const { return *cell_; }
    const T* operator->() const { return cell_.get(); }
    friend bool operator==(const Box& a, const Box& b) { return *a.cell_ == *b.cell_; }

  private:
    std::unique_ptr<T> cell_;  // never null, except in a moved-from Box
};

enum class Comparison { Equal, NotEqual, Less, LessOrEqual, Greater, GreaterOrEqual };

// What a QuantityIs condition measures (SCENARIOS.md's table).
enum class Quantity {
    Term,       // the highest term among live nodes
    Committed,  // commit index (Raft), decided slots (Multi-Paxos); needs `on`
    Applied,    // entries applied to the state machine; needs `on`
    Messages,   // messages sent since the start
    Pending,    // messages in flight
    EntryTerm,  // the term of the entry at `index` (0: no entry there); needs `on`; raft only
};

// `on all|live|majority|<id>`: which nodes must satisfy a per-node condition.
enum class Scope { AllNodes, LiveNodes, Majority, Node };
struct NodeScope {
    Scope scope = Scope::AllNodes;
    NodeRef node;  // only for Scope::Node
    friend bool operator==(const NodeScope&, const NodeScope&) = default;
};

struct HasLeader {  // `leader`
    friend bool operator==(const HasLeader&, const HasLeader&) = default;
};
struct NoLeader {  // `no leader`
    friend bool operator==(const NoLeader&, const NoLeader&) = default;
};
struct LeaderIs {                               // `leader == <id>`, `leader != <id>`
    Comparison comparison = Comparison::Equal;  // Equal or NotEqual only
    NodeRef node;
    friend bool operator==(const LeaderIs&, const LeaderIs&) = default;
};
// `term >= 2`, `committed >= 3 on majority`, `pending == 0`, `entry 2 term == 3 on all`
struct QuantityIs {
    Quantity quantity = Quantity::Term;
    Comparison comparison = Comparison::Equal;
    NumberRef value;
    NodeScope on;             // only for Committed, Applied and EntryTerm
    std::uint64_t index = 0;  // only for EntryTerm: the log index, >= 1
    friend bool operator==(const QuantityIs&, const QuantityIs&) = default;
};
struct Agree {  // `agree`
    friend bool operator==(const Agree&, const Agree&) = default;
};
struct ValueIs {  // `value <k> == <v> on all|live|<id>` (never Majority)
    std::string key;
    std::string value;
    NodeScope on;
    friend bool operator==(const ValueIs&, const ValueIs&) = default;
};
struct Chosen {  // `chosen` (single-decree Paxos)
    friend bool operator==(const Chosen&, const Chosen&) = default;
};
struct ChosenIs {  // `chosen == <v>`
    std::string value;
    friend bool operator==(const ChosenIs&, const ChosenIs&) = default;
};
// `acceptors == 2,3,4 on all`, `leaders != 1,2 on 3` (Multi-Paxos): the
// configuration in effect at a replica, the one governing the next slot it
// will apply (a reconfiguration decided in slot s governs slot s + window
// on). A node that is no replica has none, so it never satisfies `==`.
enum class ConfigurationPart { Leaders, Acceptors };
struct ConfigurationIs {
    ConfigurationPart part = ConfigurationPart::Acceptors;
    Comparison comparison = Comparison::Equal;  // Equal or NotEqual only
    std::vector<NodeId> nodes;                  // sorted, never empty
    NodeScope on;
    friend bool operator==(const ConfigurationIs&, const ConfigurationIs&) = default;
};
struct Safe {  // `safe`
    friend bool operator==(const Safe&, const Safe&) = default;
};
struct Linearizable {  // `linearizable`
    friend bool operator==(const Linearizable&, const Linearizable&) = default;
};
struct Not {  // `not <cond>`
    Box<Condition> operand;
    friend bool operator==(const Not&, const Not&) = default;
};

struct Condition {
    SourcePos pos;  // of the condition's first word
    std::variant<HasLeader, NoLeader, LeaderIs, QuantityIs, Agree, ValueIs, Chosen, ChosenIs, Safe,
                 Linearizable, Not, ConfigurationIs>
        test;
    friend bool operator==(const Condition&, const Condition&) = default;
};

// ---------------------------------------------------------------------------
// Commands, one per line.

struct RunFor {  // `run 250ms`
    TimeUs duration_us = 0;
    friend bool operator==(const RunFor&, const RunFor&) = default;
};
struct RunUntil {  // `run until <cond> within 2s`
    Condition condition;
    TimeUs within_us = 0;
    friend bool operator==(const RunUntil&, const RunUntil&) = default;
};

// The node a crash, restart or isolate acts on.
enum class TargetKind { Node, Leader, AllNodes };
struct NodeTarget {
    TargetKind kind = TargetKind::Node;
    NodeRef node;  // only for TargetKind::Node
    friend bool operator==(const NodeTarget&, const NodeTarget&) = default;
};
struct Crash {  // `crash 3`, `crash leader`
    NodeTarget target;
    friend bool operator==(const Crash&, const Crash&) = default;
};
struct Restart {  // `restart 3`, `restart all`
    NodeTarget target;
    friend bool operator==(const Restart&, const Restart&) = default;
};
struct Isolate {  // `isolate 3`, `isolate leader`
    NodeTarget target;
    friend bool operator==(const Isolate&, const Isolate&) = default;
};
struct Partition {  // `partition 1 2 | 3 4 5`: literal ids appear in one group at most
    std::vector<std::vector<NodeRef>> groups;
    friend bool operator==(const Partition&, const Partition&) = default;
};
struct Heal {  // `heal`: ends partitions, isolation and one-way blocks
    friend bool operator==(const Heal&, const Heal&) = default;
};
// `block 1 -> 2`, `block leader -> 3`, `block $l -> 2`: from now on messages
// from `from` to `to` are lost (when they arrive); `to` -> `from` still
// flows. Only `heal` lifts it (a later `partition` does not). Targets are
// TargetKind::Node or TargetKind::Leader; two literal ids differ.
struct Block {
    NodeTarget from;
    NodeTarget to;
    friend bool operator==(const Block&, const Block&) = default;
};
struct NetChange {  // `net loss=0.1 latency=5-20ms`: only the given settings change
    std::optional<DurationRange> latency;
    std::optional<PartsPerMillion> loss_ppm;
    std::optional<PartsPerMillion> dup_ppm;
    std::optional<bool> reorder;
    friend bool operator==(const NetChange&, const NetChange&) = default;
};

enum class ClientVerb { Put, Get, Append, Add, Propose };
struct ClientCommand {  // `client put x 1 via 2`, `client add 5`, `client propose v1`
    ClientVerb verb = ClientVerb::Put;
    std::string key;             // put, get, append
    std::string value;           // put, append, propose
    NumberRef amount;            // add (may be negative)
    std::optional<NodeRef> via;  // without `via` the client finds the leader itself
    friend bool operator==(const ClientCommand&, const ClientCommand&) = default;
};

enum class Remembered { Leader, Term };
struct Remember {  // `remember t = term`; `$t` from the next line on
    std::string name;
    Remembered what = Remembered::Leader;
    friend bool operator==(const Remember&, const Remember&) = default;
};
struct Hold {  // `hold on`, `hold off`
    bool on = true;
    friend bool operator==(const Hold&, const Hold&) = default;
};
struct Step {  // `step`
    friend bool operator==(const Step&, const Step&) = default;
};

enum class MessageAction { Deliver, Drop, Duplicate };
struct ActOnMessage {  // `deliver 1 -> 2 RequestVote`: the oldest matching message in flight
    MessageAction action = MessageAction::Deliver;
    NodeRef from;
    NodeRef to;
    std::string type;  // empty: any type; checked against the protocol at run time
    friend bool operator==(const ActOnMessage&, const ActOnMessage&) = default;
};
struct Fire {  // `fire 3`
    NodeRef node;
    friend bool operator==(const Fire&, const Fire&) = default;
};
struct Expect {  // `expect <cond>`
    Condition condition;
    friend bool operator==(const Expect&, const Expect&) = default;
};
// `expect violation promise kept`: a lesson about a broken protocol. From this
// line on, the checkers catching a violation of `rule` does not fail the run
// (and the run goes on past it); the run fails if, by its end, they have not
// caught one. The rule is one of the algorithm's checker rules
// (sim/*_invariants.hpp), checked by the parser.
struct ExpectViolation {
    std::string rule;
    friend bool operator==(const ExpectViolation&, const ExpectViolation&) = default;
};
// `reconfigure leaders=1,2 acceptors=2,3,4 [via <id>]` (Multi-Paxos): a
// replica proposes PMMC's configuration command; decided in slot s, it
// governs slot s + window on. A list left out is the one the cluster line (or
// the latest `reconfigure` line) gave. Without `via`, the lowest-numbered
// live replica takes it.
struct Reconfigure {
    std::vector<NodeId> leaders;    // sorted, never empty
    std::vector<NodeId> acceptors;  // sorted, never empty
    std::optional<NodeRef> via;     // a replica (literal ids are checked to be one)
    friend bool operator==(const Reconfigure&, const Reconfigure&) = default;
};

// Paper-figure set-up (Raft only), e.g. Figure 8 of the Raft paper:
//   log 1 1 2 4      node 1's durable log holds entries of terms 1, 2, 4 (indexes 1..3)
//   state 1 term=4 vote=1
// Both describe durable state the node starts from, so the parser accepts
// them only directly after `cluster` (before any other command), at most once
// per node each, and checks that a node's term is at least its last entry's.
struct SetLog {
    NodeId node = kNoNode;
    std::vector<RaftTerm> terms;  // one entry per term, index order, non-decreasing, each >= 1
    friend bool operator==(const SetLog&, const SetLog&) = default;
};
struct SetState {
    NodeId node = kNoNode;
    RaftTerm term = 0;
    NodeId voted_for = kNoNode;  // `vote=none` or no `vote=`: kNoNode
    friend bool operator==(const SetState&, const SetState&) = default;
};

using Command = std::variant<RunFor, RunUntil, Crash, Restart, Isolate, Partition, Heal, NetChange,
                             ClientCommand, Remember, Hold, Step, ActOnMessage, Fire, Expect,
                             SetLog, SetState, Block, ExpectViolation, Reconfigure>;

struct Statement {
    SourcePos pos;  // of the command's first word
    Command command;
    friend bool operator==(const Statement&, const Statement&) = default;
};

// A whole file. SetLog and SetState statements, if any, come first.
struct Scenario {
    ClusterConfig cluster;
    std::vector<Statement> statements;
    friend bool operator==(const Scenario&, const Scenario&) = default;
};

// ---------------------------------------------------------------------------
// Printing, in the language's own syntax (for messages that quote the script).

std::string_view to_string(Algorithm algorithm);    // "raft", "paxos", "multipaxos"
std::string_view to_string(Comparison comparison);  // "==", "<=", ...
std::string to_string(const NodeRef& node);         // "3", "$l"
std::string to_string(const NumberRef& number);     // "-2", "$t"
std::string to_string(const NodeScope& scope);      // "all", "live", "majority", "3"
// Canonical text of a condition; parsing it again gives the same condition.
std::string to_string(const Condition& condition);
using quorum::format_duration;
using quorum::format_duration_range;
using quorum::format_probability;

}  // namespace quorum::scenario
