#include "quorum/sim/network.hpp"

#include <algorithm>

#include "quorum/message.hpp"

namespace quorum::sim {

void Reachability::partition(const std::vector<std::vector<NodeId>>& groups) {
    // Everyone starts alone (unique negative groups); listed nodes share one.
    for (std::size_t node = 1; node < group_.size(); ++node) {
        group_[node] = -static_cast<int>(node);
    }
    int group = 1;
    for (const auto& members : groups) {
        for (NodeId node : members) {
            group_[node] = group;
        }
        ++group;
    }
}

void Reachability::isolate(NodeId node) {
    // A group number no one else can have.
    group_[node] = -static_cast<int>(node) - 1000;
}

void Reachability::heal() {
    std::fill(group_.begin(), group_.end(), 0);
    blocked_.clear();
}

bool Reachability::can_deliver(NodeId from, NodeId to) const {
    if (is_client_address(from) || is_client_address(to)) {
        return true;
    }
    return group_[from] == group_[to] && !blocked_.contains({from, to});
}

bool Reachability::is_partitioned() const {
    return !blocked_.empty() || std::any_of(group_.begin() + 1, group_.end(),
                                            [&](int group) { return group != group_[1]; });
}

}  // namespace quorum::sim
