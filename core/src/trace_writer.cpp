#include "quorum/trace_writer.hpp"

namespace quorum {

void TraceWriter::write(std::string_view event, std::string_view fields) {
    std::string line = "{\"t\":" + std::to_string(now_us_) + ",\"ev\":\"";
    line += event;
    line += '"';
    line += fields;
    line += '}';
    lines_.push_back(std::move(line));
}

std::string json_number(std::uint64_t value) {
    return std::to_string(value);
}

std::string json_bool(bool value) {
    return value ? "true" : "false";
}

std::string json_nodes(const std::vector<NodeId>& nodes) {
    std::string out = "[";
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        out += (i == 0 ? "" : ",") + std::to_string(nodes[i]);
    }
    return out + "]";
}

}  // namespace quorum
