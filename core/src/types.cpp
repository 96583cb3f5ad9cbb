#include "quorum/types.hpp"

namespace quorum {

std::string format_time(TimeUs time_us) {
    const TimeUs seconds = time_us / kMicrosecondsPerSecond;
    std::string micros = std::to_string(time_us % kMicrosecondsPerSecond);
    micros.insert(0, 6 - micros.size(), '0');
    return std::to_string(seconds) + "." + micros + "s";
}

void every_node_if_empty(std::vector<NodeId>& ids, std::size_t nodes) {
    if (ids.empty()) {
        for (NodeId id = 1; id <= nodes; ++id) {
            ids.push_back(id);
        }
    }
}

}  // namespace quorum
