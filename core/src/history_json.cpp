// Client histories as JSON lines: see quorum/history_json.hpp for the format.
#include "quorum/history_json.hpp"

#include <limits>
#include <optional>

#include "quorum/json_escape.hpp"

namespace quorum {

namespace {

bool has_key(OperationKind kind) {
    return kind != OperationKind::Add && kind != OperationKind::Propose;
}

bool has_value(OperationKind kind) {
    return kind != OperationKind::Get;
}

// A get or an add answered ok reports what it saw, even "nothing" (null); for
// the others a result is unusual, but written when present so nothing is lost.
bool writes_result(const ClientOperation& operation) {
    if (!operation.return_us) {
        return false;
    }
    const bool reads = operation.kind == OperationKind::Get ||
                       operation.kind == OperationKind::Add ||
                       operation.kind == OperationKind::Propose;
    return (reads && operation.ok) || operation.result.has_value();
}

void append_field_name(std::string& line, std::string_view name) {
    line += ',';
    append_json_string(line, name);
    line += ':';
}

}  // namespace

std::string_view operation_name(OperationKind kind) {
    switch (kind) {
        case OperationKind::Put:
            return "put";
        case OperationKind::Get:
            return "get";
        case OperationKind::Append:
            return "append";
        case OperationKind::Add:
            return "add";
        case OperationKind::Propose:
            return "propose";
    }
    return "unknown";
}

std::string to_json_line(const ClientOperation& operation) {
    std::string line = "{\"client\":" + std::to_string(operation.client);
    append_field_name(line, "op");
    append_json_string(line, operation_name(operation.kind));
    if (has_key(operation.kind)) {
        append_field_name(line, "key");
        append_json_string(line, operation.key);
    }
    if (has_value(operation.kind)) {
        append_field_name(line, "value");
        append_json_string(line, operation.value);
    }
    append_field_name(line, "call");
    line += std::to_string(operation.call_us);
    append_field_name(line, "return");
    if (!operation.return_us) {
        line += "null}";
        return line;
    }
    line += std::to_string(*operation.return_us);
    append_field_name(line, "ok");
    line += operation.ok ? "true" : "false";
    if (writes_result(operation)) {
        append_field_name(line, "result");
        if (operation.result) {
            append_json_string(line, *operation.result);
        } else {
            line += "null";
        }
    }
    line += '}';
    return line;
}

namespace {

struct HistoryFailure {
    json::LineError error;
};

// "-12", "0", "7": what the counter's amounts and totals look like.
bool is_decimal(std::string_view text) {
    if (text.starts_with('-')) {
        text.remove_prefix(1);
    }
    return !text.empty() && text.size() <= 18 &&
           text.find_first_not_of("0123456789") == std::string_view::npos;
}

class HistoryLine {
  public:
    HistoryLine(const json::Value& object, int line) : object_(object), line_(line) {}

    ClientOperation read() const {
        ClientOperation operation;
        const json::Value& client = required("client");
        const std::uint64_t client_id = whole(client, "client");
        if (client_id < 1 || client_id > std::numeric_limits<ClientId>::max()) {
            fail(client, "field 'client' must be a client number, 1 or more, got " + client.text);
        }
        operation.client = static_cast<ClientId>(client_id);
        operation.kind = kind(required("op"));
        if (has_key(operation.kind)) {
            operation.key = string(required("key"), "key");
        } else {
            forbidden("key", "an add has no key (the counter is the only one)");
        }
        if (has_value(operation.kind)) {
            const json::Value& value = required("value");
            operation.value = string(value, "value");
            if (operation.kind == OperationKind::Add && !is_decimal(operation.value)) {
                fail(value, "an add's 'value' is its amount, a decimal integer, got " +
                                json::quote(value));
            }
        } else {
            forbidden("value", "a get has no value");
        }
        operation.call_us = time(required("call"), "call");
        const json::Value& answer = required("return");
        const json::Value* ok = object_.find("ok");
        const json::Value* result = object_.find("result");
        if (answer.kind == json::Kind::Null) {
            forbidden("ok", "an operation never answered (return null) has no 'ok'");
            forbidden("result", "an operation never answered (return null) has no 'result'");
            return operation;
        }
        operation.return_us = time(answer, "return");
        if (*operation.return_us < operation.call_us) {
            fail(answer, "the answer (return " + answer.text + ") comes before the call (call " +
                             std::to_string(operation.call_us) + ")");
        }
        const json::Value& answered_ok = ok != nullptr ? *ok : required("ok");
        if (answered_ok.kind != json::Kind::Boolean) {
            fail(answered_ok, "field 'ok' must be true or false, got " + json::quote(answered_ok));
        }
        operation.ok = answered_ok.boolean;
        if (result != nullptr && result->kind == json::Kind::String) {
            if (operation.kind == OperationKind::Add && !is_decimal(result->text)) {
                fail(*result, "an add's 'result' is the counter's total, a decimal integer, got " +
                                  json::quote(*result));
            }
            operation.result = result->text;
        } else if (result != nullptr && result->kind != json::Kind::Null) {
            fail(*result, "field 'result' must be a string or null, got " + json::quote(*result));
        }
        return operation;
    }

  private:
    [[noreturn]] void fail(int column, std::string message) const {
        throw HistoryFailure{{line_, column, std::move(message)}};
    }
    [[noreturn]] void fail(const json::Value& at, std::string message) const {
        fail(json::column_of(at), std::move(message));
    }

    const json::Value& required(std::string_view name) const {
        const json::Value* value = object_.find(name);
        if (value == nullptr) {
            fail(1, "missing field '" + std::string(name) + "'");
        }
        return *value;
    }

    void forbidden(std::string_view name, std::string_view why) const {
        if (const json::Value* value = object_.find(name)) {
            fail(*value, "unexpected field '" + std::string(name) + "': " + std::string(why));
        }
    }

    std::uint64_t whole(const json::Value& value, std::string_view name) const {
        const auto number = value.as_unsigned();
        if (!number) {
            fail(value, "field '" + std::string(name) + "' must be a whole number >= 0, got " +
                            json::quote(value));
        }
        return *number;
    }

    TimeUs time(const json::Value& value, std::string_view name) const {
        const std::uint64_t number = whole(value, name);
        if (number > static_cast<std::uint64_t>(std::numeric_limits<TimeUs>::max())) {
            fail(value, "field '" + std::string(name) + "' is too large: " + value.text);
        }
        return static_cast<TimeUs>(number);
    }

    std::string string(const json::Value& value, std::string_view name) const {
        if (value.kind != json::Kind::String) {
            fail(value,
                 "field '" + std::string(name) + "' must be a string, got " + json::quote(value));
        }
        return value.text;
    }

    OperationKind kind(const json::Value& op) const {
        constexpr OperationKind kKinds[] = {OperationKind::Put, OperationKind::Get,
                                            OperationKind::Append, OperationKind::Add,
                                            OperationKind::Propose};
        if (op.kind == json::Kind::String) {
            for (OperationKind candidate : kKinds) {
                if (operation_name(candidate) == op.text) {
                    return candidate;
                }
            }
        }
        fail(op, "field 'op' must be \"put\", \"get\", \"append\", \"add\" or \"propose\", got " +
                     json::quote(op));
    }

    const json::Value& object_;
    int line_;
};

}  // namespace

HistoryReadResult read_history(std::string_view text) {
    History history;
    const auto lines = json::split_lines(text);
    try {
        for (std::size_t i = 0; i < lines.size(); ++i) {
            const int number = static_cast<int>(i) + 1;
            json::LineError error;
            const auto object = json::parse_object_line(lines[i], number, error);
            if (!object) {
                return HistoryReadResult(std::move(error));
            }
            history.push_back(HistoryLine(*object, number).read());
        }
    } catch (const HistoryFailure& failure) {
        return HistoryReadResult(failure.error);
    }
    return HistoryReadResult(std::move(history));
}

}  // namespace quorum
