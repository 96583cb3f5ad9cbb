// One node of any protocol, alone, turning each input into the records its
// durable writes become and the messages it sends: the node a Web Worker
// hosts in the page's workers runner (shell/worker), and what the tests use
// to check that such a node stays the twin of the simulator's.
//
// It is built exactly as the simulator builds its node (the protocol's
// node_config(), node_random(seed, node, incarnation), the same durable state
// and time), so the same inputs give the same outputs, byte for byte.
// Messages come and go as bytes of the wire codec: the node's host (a worker)
// needs to know no protocol.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "quorum/cluster_config.hpp"
#include "quorum/protocols.hpp"
#include "quorum/store/records.hpp"

namespace quorum::store {

class StoredNode {
  public:
    // The writes of one input, to be made durable before its messages leave.
    struct Output {
        Batch writes;
        std::vector<std::string> messages;  // each in the wire codec
    };
    enum class StepError {
        Undecodable,     // not one message of the node's protocol
        NotForThisNode,  // addressed to another node
    };

    // `durable` must be the cluster's protocol's (std::invalid_argument if not).
    StoredNode(const ClusterConfig& config, NodeId node, std::uint32_t incarnation,
               AnyDurableState durable, TimeUs now);
    StoredNode(StoredNode&&) noexcept;
    StoredNode& operator=(StoredNode&&) noexcept;
    ~StoredNode();

    // A message delivered, in the wire codec.
    std::variant<Output, StepError> step(std::string_view message, TimeUs now);
    Output fire_timer(TimeUs now);
    TimeUs next_deadline() const;
    NodeId id() const { return id_; }
    // What the node has applied (a log index, a slot) and its state machine,
    // if its protocol has one: a worker's own answer to "what do you hold?",
    // which the hundred-kills test compares with the page's mirror.
    std::uint64_t applied() const;
    const StateMachine* state_machine() const;

    class Host;  // the protocol's node and its durable state (stored_node.cpp)

  private:
    NodeId id_;
    std::unique_ptr<Host> host_;
};

// A node's messages for one input as they cross from a worker to the
// scheduler: u32 count, then per message u32 size and its wire encoding
// (little-endian). The scheduler frames its own copy the same way and
// compares bytes.
std::string frame_messages(const std::vector<std::string>& encoded);

// A node's state from every record it had (any order), or what is wrong.
std::variant<AnyDurableState, LoadError> load(Algorithm algorithm, std::vector<Record> records);
// Every record of a whole state (a node restored from a snapshot, a test).
Batch records_of(const AnyDurableState& state);

}  // namespace quorum::store
