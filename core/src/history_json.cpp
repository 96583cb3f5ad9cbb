// Client histories as JSON lines: see quorum/history_json.hpp for the format.
#include "quorum/history_json.hpp"

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

}  // namespace quorum
