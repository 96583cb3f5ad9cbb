// Vocabulary types shared by every protocol, the simulator and the checkers.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace quorum {

class StateHasher;    // quorum/state_hash.hpp
struct NodeRenaming;  // quorum/state_hash.hpp

// Virtual (or, in native nodes, real) time in microseconds. Units at the end
// of names: timeout_us, latency_us.
using TimeUs = std::int64_t;

constexpr TimeUs kMicrosecondsPerMillisecond = 1000;

// A node's next_deadline() when it has no timer (every protocol, and the
// simulator's cached deadlines).
constexpr TimeUs kNoDeadline = std::numeric_limits<TimeUs>::max();
constexpr TimeUs kMicrosecondsPerSecond = 1000 * 1000;

// Nodes are numbered 1..N (N <= 9). 0 means "none" (no vote, no known leader).
using NodeId = std::uint32_t;
constexpr NodeId kNoNode = 0;
constexpr NodeId kMaxNodes = 9;

// 1..nodes, in order: every node of a cluster of `nodes`.
std::vector<NodeId> every_node(std::size_t nodes);
// A role list left empty means every node: fills `ids` with 1..nodes then
// (protocols with roles, for their node_config).
void every_node_if_empty(std::vector<NodeId>& ids, std::size_t nodes);

// Clients are numbered 1, 2, ... in the order a scenario starts them. On the
// wire (and in traces) a client's address is kClientAddressBase + its number,
// so node ids and client addresses never collide.
using ClientId = std::uint32_t;
constexpr NodeId kClientAddressBase = 1000;

// Probabilities are parts per million (as the scenario language parses them),
// drawn with integer arithmetic, so every platform decides the same.
using PartsPerMillion = std::uint32_t;
constexpr PartsPerMillion kAlways = 1'000'000;

// "1.234567s": virtual time, exactly, for messages people read.
std::string format_time(TimeUs time_us);

}  // namespace quorum
