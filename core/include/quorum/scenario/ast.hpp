// The scenario language's syntax tree: what a `.qs` file says, typed and
// already validated (docs/scenarios.md is the language's contract).
//
// parse_scenario (quorum/scenario/parser.hpp) turns a whole file into one
// Scenario, or into the file's first error: nothing here can hold an unknown
// option, a node id outside 1..N, a duration without a unit or a `$name` that
// was never remembered. An interpreter only has to execute it. What the parser
// cannot know (which node `$l` will name at run time, whether a message type
// exists in the running protocol) is left to the interpreter.
//
// The `cluster` line's options are tables (quorum/options.hpp): the ones
// every cluster has, and each protocol's beside its Config; their defaults are
// the config's own. docs/scenarios.md lists them all. A protocol's own
// statements and conditions (the durable state a paper's figure starts from,
// a chosen value, a reconfiguration) are parsed and run by the protocol (its
// scenario.cpp, through scenario/language.hpp) and held here as
// ProtocolStatement and ProtocolCondition.
//
// Representation choices:
// - Durations are TimeUs (whole microseconds), written `300us`, `250ms`, `2s`,
//   `1.5s`; a range `A-Bms` takes its unit from its end (`1-10ms`).
// - Probabilities are parts per million (PartsPerMillion, 0..1'000'000), not
//   doubles: `0.1` parses to exactly 100000 by integer arithmetic, with no
//   locale and no rounding, so every platform agrees. Six decimals at most.
// - Node lists are resolved: `all` becomes 1..N and lists are sorted, so an
//   interpreter never sees `all` (a list left out keeps its default, empty:
//   every node).
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

#include "quorum/cluster_config.hpp"
#include "quorum/erased.hpp"
#include "quorum/options.hpp"
#include "quorum/types.hpp"

namespace quorum::scenario {

// 1-based line and column of the first character of a word. Columns count
// bytes, so a tab counts as one column.
struct SourcePos {
    int line = 0;
    int column = 0;
    friend bool operator==(const SourcePos&, const SourcePos&) = default;
};

// A probability in millionths: 0 never, kCertain always.
using quorum::PartsPerMillion;
constexpr PartsPerMillion kCertain = kAlways;

using quorum::DurationRange;

// The `cluster` line: the config every runner builds the cluster from
// (quorum/cluster_config.hpp), as the line's options set it.
struct ClusterLine {
    SourcePos pos;
    quorum::ClusterConfig config;
    std::string_view protocol() const { return config.protocol_name(); }
    NodeId nodes() const { return static_cast<NodeId>(config.nodes); }
    friend bool operator==(const ClusterLine&, const ClusterLine&) = default;
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

// What a QuantityIs condition measures (docs/scenarios.md's table).
enum class Quantity {
    Term,       // the highest term (or ballot round) among live nodes
    Committed,  // how far a node committed (a log index, decided slots); needs `on`
    Applied,    // entries applied to the state machine; needs `on`
    Messages,   // messages sent since the start
    Pending,    // messages in flight
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
// `term >= 2`, `committed >= 3 on majority`, `pending == 0`
struct QuantityIs {
    Quantity quantity = Quantity::Term;
    Comparison comparison = Comparison::Equal;
    NumberRef value;
    NodeScope on;  // only for Committed and Applied
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
// A condition of one protocol's own (`chosen == v1`, `entry 2 term == 3 on
// all`, `acceptors == 2,3,4 on all`): parsed and evaluated by its protocol.
struct ProtocolCondition {
    std::string text;  // canonical: parsing it again gives the same condition
    Erased<struct ProtocolConditionKind> test;
    friend bool operator==(const ProtocolCondition&, const ProtocolCondition&) = default;
};

struct Condition {
    SourcePos pos;  // of the condition's first word
    std::variant<HasLeader, NoLeader, LeaderIs, QuantityIs, Agree, ValueIs, Safe, Linearizable, Not,
                 ProtocolCondition>
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

// Propose is for protocols whose clients propose values (one decree); the
// others replicate a key-value state machine.
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
// caught one. The rule is one the protocol's checker declares (its rules()),
// checked by the parser.
struct ExpectViolation {
    std::string rule;
    friend bool operator==(const ExpectViolation&, const ExpectViolation&) = default;
};
// A statement of one protocol's own (a set-up line, a reconfiguration):
// parsed and run by its protocol.
struct ProtocolStatement {
    std::string verb;
    Erased<struct ProtocolStatementKind> statement;
    friend bool operator==(const ProtocolStatement&, const ProtocolStatement&) = default;
};

// ---------------------------------------------------------------------------
// Lesson lines (docs/scenarios.md, "Lessons"): what a teacher's script says
// and asks between the commands. quorum-sim runs `say`, `pause` and
// `highlight` as no-ops and an `ask` with choices as its recorded answer; an
// `ask ... until` must be made true by the lines that follow it (its scripted
// continuation, up to the next `say`, `ask` or `pause`). The page shows them.

struct Say {  // `say "text"`
    std::string text;
    friend bool operator==(const Say&, const Say&) = default;
};
// `ask "q" choices="a|b|c" answer=2 [because "why"]`, or
// `ask "q" until <cond> within <duration> [because "why"]`.
struct Ask {
    std::string question;
    std::vector<std::string> choices;  // empty for `ask ... until`
    int answer = 0;                    // 1-based into choices; 0 for `ask ... until`
    std::optional<Condition> until;    // answered by doing: the condition to reach
    TimeUs within_us = 0;
    std::string because;  // may be empty
    friend bool operator==(const Ask&, const Ask&) = default;
};
struct Pause {  // `pause`: wait for Next
    friend bool operator==(const Pause&, const Pause&) = default;
};
// `highlight 3`, `highlight leader`, `highlight $l`, `highlight RequestVote`,
// `highlight logs`: one node, one message type of the protocol, or one panel.
enum class HighlightKind { Node, Leader, MessageType, Panel };
struct Highlight {
    HighlightKind kind = HighlightKind::Node;
    NodeRef node;      // only for HighlightKind::Node
    std::string name;  // the message type or the panel
    friend bool operator==(const Highlight&, const Highlight&) = default;
};
struct LessonLine {
    std::variant<Say, Ask, Pause, Highlight> line;
    // The lines a lesson stops at in the page (say, ask, pause), which also
    // end an `ask ... until`'s scripted continuation.
    bool stops() const { return !std::holds_alternative<Highlight>(line); }
    friend bool operator==(const LessonLine&, const LessonLine&) = default;
};

using Command = std::variant<RunFor, RunUntil, Crash, Restart, Isolate, Partition, Heal, NetChange,
                             ClientCommand, Remember, Hold, Step, ActOnMessage, Fire, Expect, Block,
                             ExpectViolation, ProtocolStatement, LessonLine>;

struct Statement {
    SourcePos pos;  // of the command's first word
    Command command;
    friend bool operator==(const Statement&, const Statement&) = default;
};

// A whole file. A protocol's set-up statements, if any, come first.
struct Scenario {
    ClusterLine cluster;
    std::vector<Statement> statements;
    friend bool operator==(const Scenario&, const Scenario&) = default;
};

// ---------------------------------------------------------------------------
// Printing, in the language's own syntax (for messages that quote the script).

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
