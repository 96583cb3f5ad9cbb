// One node of any protocol behind one small interface, so that the event loop
// (event_loop.hpp) is written once, knowing no protocol. The one
// implementation, DriverOf<P> (driver.cpp), is written once against the
// protocol descriptor (quorum/protocol.hpp); make_driver() builds it for the
// cluster's protocol through the registry (quorum/protocols.hpp).
//
// A driver decodes each datagram with its protocol's payload, steps the core
// node with those the loop admits, and keeps the turn's durable writes (the
// protocol's keyed records, quorum/store/records.hpp) and messages. flush()
// makes the writes durable in ONE SQLite transaction and only then hands back
// the messages to send: the node contract (quorum/node_contract.hpp), with
// group commit. Merging several Readies into one transaction keeps their
// order and sends nothing early, so it is the same rule applied to a larger
// batch; it is what lets one fsync cover every request that arrived together.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "quorum/cluster_config.hpp"
#include "quorum/protocols.hpp"
#include "quorum/wire/codec.hpp"
#include "quorum/wire/status.hpp"
#include "storage.hpp"

namespace quorum::node {

// A datagram that decoded, as the loop judges it whatever the protocol.
struct Arrival {
    enum class Kind { PeerMessage, ClientRequest, ClientResponse, StatusRequest, StatusResponse };
    NodeId from = kNoNode;
    NodeId to = kNoNode;
    Kind kind = Kind::PeerMessage;
    std::uint64_t nonce = 0;        // StatusRequest's
    std::size_t command_bytes = 0;  // ClientRequest's key and value
};

// A message the node sends, in the wire codec.
struct Outgoing {
    NodeId to = kNoNode;
    std::string bytes;
    std::string_view type;  // its name ("AppendEntries", ...), for the log
};

class Driver {
  public:
    // The loop's verdict on an arrival: true steps the node with it.
    using Admit = std::function<bool(const Arrival&)>;

    virtual ~Driver() = default;

    // Decodes one datagram; if it decodes, shows it to `admit` and steps the
    // node with it if admitted. Returns why it does not decode, if it does not.
    virtual std::optional<wire::DecodeError> receive(std::string_view datagram, TimeUs now,
                                                     const Admit& admit) = 0;
    // Fires the node's timer if it is due at `now`.
    virtual void tick(TimeUs now) = 0;
    virtual TimeUs next_deadline() const = 0;
    // The node's status line: all but the host's fields (id, counters).
    virtual wire::NodeStatus status() const = 0;
    // Persists the batch (one transaction, committed), then returns its messages.
    virtual std::vector<Outgoing> flush() = 0;
};

// The cluster a node process belongs to, built as the simulator builds one
// (default_cluster_config) for `nodes` nodes numbered 1..nodes, with the
// failure timeouts of real processes (driver.cpp says why).
ClusterConfig process_cluster_config(Algorithm algorithm, std::size_t nodes, std::uint64_t seed);

// Builds node `id` of `config`'s cluster from what `storage` loaded (a
// restart loads exactly that).
std::unique_ptr<Driver> make_driver(const ClusterConfig& config, NodeId id, Storage& storage,
                                    TimeUs now);

// quorum-node --dump: a durable state as its protocol's JSON lines.
std::string dump(const AnyDurableState& state);

}  // namespace quorum::node
