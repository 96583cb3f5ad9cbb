#include "quorum/cluster_config.hpp"

namespace quorum {

namespace {

// Random streams: the network and clients draw from the cluster's own
// generator; node i in its k-th life draws from fork(i * 1000 + k), so a
// restart gets fresh timeouts and other nodes' numbers do not shift.
constexpr std::uint64_t kIncarnationsPerNode = 1000;

}  // namespace

Random node_random(std::uint64_t seed, NodeId node, std::uint32_t incarnation) {
    return Random(seed).fork(node * kIncarnationsPerNode + incarnation);
}

}  // namespace quorum
