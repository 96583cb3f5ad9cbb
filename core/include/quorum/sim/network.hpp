// The simulated network: latency, loss, duplication, reordering, partitions
// and one-way blocks. Plain data, owned by the cluster and copied with it.
#pragma once

#include <cstdint>
#include <set>
#include <utility>
#include <vector>

#include "quorum/cluster_config.hpp"
#include "quorum/types.hpp"

namespace quorum::sim {

using quorum::kAlways;
using quorum::NetworkModel;
using quorum::PartsPerMillion;

// Who can reach whom. Partitions are group numbers per node (0 = the default
// group: everyone together); one-way blocks cut a single direction.
class Reachability {
  public:
    explicit Reachability(std::size_t nodes = 0) : group_(nodes + 1, 0) {}

    // Nodes in the same list can talk; nodes in no list are isolated alone.
    void partition(const std::vector<std::vector<NodeId>>& groups);
    void isolate(NodeId node);
    void block(NodeId from, NodeId to) { blocked_.insert({from, to}); }
    void heal();

    // Clients are not nodes: they reach every node whatever the partitions.
    bool can_deliver(NodeId from, NodeId to) const;
    bool is_partitioned() const;
    int group_of(NodeId node) const { return group_[node]; }

    friend bool operator==(const Reachability&, const Reachability&) = default;

  private:
    std::vector<int> group_;  // indexed by node id
    std::set<std::pair<NodeId, NodeId>> blocked_;
};

}  // namespace quorum::sim
