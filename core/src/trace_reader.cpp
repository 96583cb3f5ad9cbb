// Reading a trace: see quorum/trace_reader.hpp for what is checked.
//
// Each line is parsed as JSON, then its `t` and `ev`, then the fields of its
// event against the table below, and only then turned into a typed Event, so
// the conversions at the end never meet a value they cannot take.
#include "quorum/trace_reader.hpp"

#include <limits>
#include <span>
#include <utility>

namespace quorum::trace {

namespace {

enum class FieldKind {
    Whole,         // a whole number >= 0
    Boolean,       // true or false
    String,        // a string
    StringOrNull,  // a string or null
    Number,        // any number
    Object,        // {...}
    Array,         // [...]
    Node,          // a node id, 1..N
    Address,       // a node id or a client's address (above kClientAddressBase)
};

struct Field {
    std::string_view name;
    FieldKind kind;
    bool required;
};

constexpr Field kClusterFields[] = {
    {"algo", FieldKind::String, true},
    {"nodes", FieldKind::Whole, true},
    {"seed", FieldKind::Whole, true},
};
constexpr Field kSendFields[] = {
    {"id", FieldKind::Whole, true},     {"from", FieldKind::Address, true},
    {"to", FieldKind::Address, true},   {"type", FieldKind::String, true},
    {"dup", FieldKind::Boolean, false}, {"due", FieldKind::Whole, false},
    {"msg", FieldKind::Object, false},
};
constexpr Field kDeliverFields[] = {{"id", FieldKind::Whole, true}};
constexpr Field kDropFields[] = {{"id", FieldKind::Whole, true}, {"why", FieldKind::String, false}};
constexpr Field kNodeFields[] = {{"node", FieldKind::Node, true}};
constexpr Field kRoleFields[] = {
    {"node", FieldKind::Node, true},
    {"role", FieldKind::String, true},
    {"term", FieldKind::Whole, false},     // required unless `ballot`
    {"ballot", FieldKind::String, false},  // "r.n": round r of leader n
};
constexpr Field kApplyFields[] = {
    {"node", FieldKind::Node, true},   {"index", FieldKind::Whole, false},
    {"slot", FieldKind::Whole, false}, {"term", FieldKind::Whole, false},
    {"cmd", FieldKind::String, true},
};
constexpr Field kChosenFields[] = {
    {"instance", FieldKind::Whole, true},
    {"value", FieldKind::String, true},
};
constexpr Field kBlockFields[] = {{"from", FieldKind::Node, true}, {"to", FieldKind::Node, true}};
constexpr Field kPartitionFields[] = {{"groups", FieldKind::Array, true}};
constexpr Field kNetFields[] = {
    {"loss", FieldKind::Number, false},       {"dup", FieldKind::Number, false},
    {"latency_min", FieldKind::Whole, false}, {"latency_max", FieldKind::Whole, false},
    {"reorder", FieldKind::Boolean, false},
};
constexpr Field kClientFields[] = {
    {"client", FieldKind::Whole, true},
    {"cmd", FieldKind::String, true},
    {"to", FieldKind::Node, false},
};
constexpr Field kRetryFields[] = {{"client", FieldKind::Whole, true},
                                  {"to", FieldKind::Node, true}};
constexpr Field kAnswerFields[] = {
    {"client", FieldKind::Whole, true},
    {"ok", FieldKind::Boolean, true},
    {"result", FieldKind::StringOrNull, false},
};

struct Schema {
    std::string_view ev;
    std::span<const Field> fields;
};

constexpr Schema kSchemas[] = {
    {"cluster", kClusterFields},
    {"send", kSendFields},
    {"deliver", kDeliverFields},
    {"drop", kDropFields},
    {"timer", kNodeFields},
    {"role", kRoleFields},
    {"apply", kApplyFields},
    {"crash", kNodeFields},
    {"restart", kNodeFields},
    {"chosen", kChosenFields},
    {"isolate", kNodeFields},
    {"block", kBlockFields},
    {"partition", kPartitionFields},
    {"heal", {}},
    {"net", kNetFields},
    {"client", kClientFields},
    {"retry", kRetryFields},
    {"answer", kAnswerFields},
};

constexpr std::string_view kRoles[] = {"follower", "pre-candidate", "candidate", "leader",
                                       "passive"};

struct Failure {
    json::LineError error;
};

class Reader {
  public:
    Trace read(std::string_view text) {
        const auto lines = json::split_lines(text);
        if (lines.empty()) {
            throw Failure{{1, 1, "the trace is empty: expected one JSON object per line"}};
        }
        Trace trace;
        for (std::size_t i = 0; i < lines.size(); ++i) {
            line_ = static_cast<int>(i) + 1;
            json::LineError error;
            auto object = json::parse_object_line(lines[i], line_, error);
            if (!object) {
                throw Failure{std::move(error)};
            }
            trace.events.push_back(read_event(*object));
            if (const auto* start = std::get_if<ClusterStart>(&trace.events.back().data)) {
                trace.cluster = *start;
            }
        }
        return trace;
    }

  private:
    [[noreturn]] void fail(int column, std::string message) const {
        throw Failure{{line_, column, std::move(message)}};
    }
    [[noreturn]] void fail(const json::Value& at, std::string message) const {
        fail(json::column_of(at), std::move(message));
    }

    static std::string field_name(std::string_view name) {
        return "field '" + std::string(name) + "'";
    }

    const json::Value& required(const json::Value& object, std::string_view name,
                                std::string_view event) const {
        const json::Value* value = object.find(name);
        if (value == nullptr) {
            fail(1,
                 "missing " + field_name(name) +
                     (event.empty() ? std::string() : " in a '" + std::string(event) + "' line"));
        }
        return *value;
    }

    std::uint64_t whole(const json::Value& value, std::string_view name) const {
        const auto number = value.as_unsigned();
        if (!number) {
            fail(value,
                 field_name(name) + " must be a whole number >= 0, got " + json::quote(value));
        }
        return *number;
    }

    std::string node_range() const {
        return "1.." + std::to_string(nodes_) +
               (cluster_seen_ ? " (the cluster line says " + std::to_string(nodes_) + " nodes)"
                              : "");
    }

    void check_field(const json::Value& value, const Field& field) const {
        const auto wrong_kind = [&](std::string_view wanted) {
            fail(value, field_name(field.name) + " must be " + std::string(wanted) + ", got " +
                            json::quote(value));
        };
        switch (field.kind) {
            case FieldKind::Whole:
                whole(value, field.name);
                return;
            case FieldKind::Boolean:
                if (value.kind != json::Kind::Boolean) {
                    wrong_kind("true or false");
                }
                return;
            case FieldKind::String:
                if (value.kind != json::Kind::String) {
                    wrong_kind("a string");
                }
                return;
            case FieldKind::StringOrNull:
                if (value.kind != json::Kind::String && value.kind != json::Kind::Null) {
                    wrong_kind("a string or null");
                }
                return;
            case FieldKind::Number:
                if (value.kind != json::Kind::Number) {
                    wrong_kind("a number");
                }
                return;
            case FieldKind::Object:
                if (value.kind != json::Kind::Object) {
                    wrong_kind("an object");
                }
                return;
            case FieldKind::Array:
                if (value.kind != json::Kind::Array) {
                    wrong_kind("an array");
                }
                return;
            case FieldKind::Node:
            case FieldKind::Address: {
                const auto id = value.as_unsigned();
                if (!id) {
                    fail(value,
                         field_name(field.name) + " must be a node id, got " + json::quote(value));
                }
                const bool node = *id >= 1 && *id <= nodes_;
                const bool client = field.kind == FieldKind::Address && *id > kClientAddressBase &&
                                    *id <= std::numeric_limits<NodeId>::max();
                if (!node && !client) {
                    fail(value, field_name(field.name) + ": node " + value.text +
                                    " does not exist: node ids are " + node_range() +
                                    (field.kind == FieldKind::Address
                                         ? ", client addresses " +
                                               std::to_string(kClientAddressBase + 1) + " and up"
                                         : ""));
                }
                return;
            }
        }
    }

    const Schema* find_schema(std::string_view ev) const {
        for (const Schema& schema : kSchemas) {
            if (schema.ev == ev) {
                return &schema;
            }
        }
        return nullptr;
    }

    TimeUs read_time(const json::Value& object) {
        const json::Value& t = required(object, "t", "");
        const std::uint64_t value = whole(t, "t");
        if (value > static_cast<std::uint64_t>(std::numeric_limits<TimeUs>::max())) {
            fail(t, "field 't' is too large: " + t.text);
        }
        const auto time = static_cast<TimeUs>(value);
        if (time < last_t_) {
            fail(t, "time goes back: t=" + t.text + " is before t=" + std::to_string(last_t_) +
                        " on line " + std::to_string(last_t_line_));
        }
        last_t_ = time;
        last_t_line_ = line_;
        return time;
    }

    Event read_event(const json::Value& object) {
        Event event;
        event.line = line_;
        event.t = read_time(object);
        const json::Value& ev = required(object, "ev", "");
        if (ev.kind != json::Kind::String || ev.text.empty()) {
            fail(ev,
                 "field 'ev' must be the event's name, a non-empty string, got " + json::quote(ev));
        }
        event.ev = ev.text;
        if (event.ev == "cluster") {
            read_cluster_line(object);
        }
        const Schema* schema = find_schema(event.ev);
        if (schema == nullptr) {
            return event;  // not one we know: accepted as it is (Other)
        }
        for (const Field& field : schema->fields) {
            const json::Value* value = object.find(field.name);
            if (value == nullptr && field.required) {
                required(object, field.name, event.ev);
            }
            if (value != nullptr) {
                check_field(*value, field);
            }
        }
        event.data = typed(event.ev, object);
        return event;
    }

    // Before the generic checks, so that node ids of this very line (none)
    // and of every later line are checked against its `nodes`.
    void read_cluster_line(const json::Value& object) {
        if (line_ != 1) {
            fail(1, "a 'cluster' line must be the first line of a trace (this is line " +
                        std::to_string(line_) + ")");
        }
        const json::Value& nodes = required(object, "nodes", "cluster");
        const std::uint64_t count = whole(nodes, "nodes");
        if (count < 1 || count > kMaxNodes) {
            fail(nodes,
                 "field 'nodes' must be 1.." + std::to_string(kMaxNodes) + ", got " + nodes.text);
        }
        nodes_ = static_cast<NodeId>(count);
        cluster_seen_ = true;
    }

    // The fields were checked against the schema: the conversions hold.
    static std::uint64_t number(const json::Value& object, std::string_view name) {
        return *object.find(name)->as_unsigned();
    }
    static NodeId node(const json::Value& object, std::string_view name) {
        return static_cast<NodeId>(number(object, name));
    }
    static std::string text(const json::Value& object, std::string_view name) {
        const json::Value* value = object.find(name);
        return value == nullptr ? std::string() : value->text;
    }

    EventData typed(std::string_view ev, const json::Value& object) const {
        if (ev == "cluster") {
            return ClusterStart{text(object, "algo"), node(object, "nodes"),
                                number(object, "seed")};
        }
        if (ev == "send") {
            Send send{number(object, "id"),
                      node(object, "from"),
                      node(object, "to"),
                      text(object, "type"),
                      false,
                      std::nullopt};
            const json::Value* dup = object.find("dup");
            send.duplicate = dup != nullptr && dup->boolean;
            if (object.find("due") != nullptr) {
                const std::uint64_t due = number(object, "due");
                if (due > static_cast<std::uint64_t>(std::numeric_limits<TimeUs>::max())) {
                    fail(*object.find("due"), "field 'due' is too large");
                }
                send.due_us = static_cast<TimeUs>(due);
            }
            return send;
        }
        if (ev == "deliver") {
            return Deliver{number(object, "id")};
        }
        if (ev == "drop") {
            return Drop{number(object, "id"), text(object, "why")};
        }
        if (ev == "timer") {
            return Timer{node(object, "node")};
        }
        if (ev == "role") {
            return role(object);
        }
        if (ev == "apply") {
            return apply(object);
        }
        if (ev == "crash") {
            return Crash{node(object, "node")};
        }
        if (ev == "restart") {
            return Restart{node(object, "node")};
        }
        if (ev == "chosen") {
            return Chosen{number(object, "instance"), text(object, "value")};
        }
        return Other{};
    }

    RoleChange role(const json::Value& object) const {
        const json::Value& role = *object.find("role");
        bool known = false;
        for (std::string_view name : kRoles) {
            known = known || role.text == name;
        }
        if (!known) {
            fail(role,
                 "field 'role' must be follower, pre-candidate, candidate, leader or passive, "
                 "got " +
                     json::quote(role));
        }
        const json::Value* ballot = object.find("ballot");
        if (ballot == nullptr) {
            required(object, "term", "role");
            return RoleChange{node(object, "node"), role.text, number(object, "term"), ""};
        }
        if (object.find("term") != nullptr) {
            fail(*ballot,
                 "a 'role' line has either 'term' (a protocol with terms) or 'ballot' (one with "
                 "ballots), not both");
        }
        const std::string& text = ballot->text;
        const std::size_t dot = text.find('.');
        const auto digits = [](std::string_view part) {
            return !part.empty() && part.size() <= 19 &&
                   part.find_first_not_of("0123456789") == std::string_view::npos;
        };
        if (dot == std::string::npos || !digits(std::string_view(text).substr(0, dot)) ||
            !digits(std::string_view(text).substr(dot + 1))) {
            fail(*ballot,
                 "field 'ballot' must be \"<round>.<leader>\", got " + json::quote(*ballot));
        }
        return RoleChange{node(object, "node"), role.text, 0, text};
    }

    Apply apply(const json::Value& object) const {
        const json::Value* index = object.find("index");
        const json::Value* slot = object.find("slot");
        if ((index == nullptr) == (slot == nullptr)) {
            fail(index != nullptr ? json::column_of(*slot) : 1,
                 "an 'apply' line has either 'index' (of a log) or 'slot' (of a sequence of "
                 "decrees), " +
                     std::string(index != nullptr ? "not both" : "and this one has neither"));
        }
        const json::Value& position = index != nullptr ? *index : *slot;
        Apply apply;
        apply.node = node(object, "node");
        apply.slot = slot != nullptr;
        apply.position = *position.as_unsigned();
        if (apply.position == 0) {
            fail(position,
                 std::string(apply.slot ? "slots" : "log indexes") + " start at 1, got 0");
        }
        if (object.find("term") != nullptr) {
            apply.term = number(object, "term");
        }
        apply.cmd = text(object, "cmd");
        return apply;
    }

    int line_ = 0;
    TimeUs last_t_ = 0;
    int last_t_line_ = 0;
    NodeId nodes_ = kMaxNodes;
    bool cluster_seen_ = false;
};

}  // namespace

TraceReadResult read_trace(std::string_view text) {
    try {
        return TraceReadResult(Reader().read(text));
    } catch (const Failure& failure) {
        return TraceReadResult(failure.error);
    }
}

}  // namespace quorum::trace
