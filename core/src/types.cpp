#include "quorum/types.hpp"

namespace quorum {

std::string format_time(TimeUs time_us) {
    const TimeUs seconds = time_us / kMicrosecondsPerSecond;
    std::string micros = std::to_string(time_us % kMicrosecondsPerSecond);
    micros.insert(0, 6 - micros.size(), '0');
    return std::to_string(seconds) + "." + micros + "s";
}

std::vector<NodeId> every_node(std::size_t nodes) {
    std::vector<NodeId> ids;
    ids.reserve(nodes);
    for (NodeId id = 1; id <= nodes; ++id) {
        ids.push_back(id);
    }
    return ids;
}

void every_node_if_empty(std::vector<NodeId>& ids, std::size_t nodes) {
    if (ids.empty()) {
        ids = every_node(nodes);
    }
}

}  // namespace quorum
