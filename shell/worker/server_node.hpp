// The page's node binary as a node of a real cluster: what quorum_node.wasm
// does when web/node_host.mjs runs it under Node.js on a server, beside
// native quorum-node processes (docs/nodes.md).
//
// It is quorum-node's event loop (shell/node/event_loop.hpp) without the
// socket, the clock or the disk, which stay in the host: the host hands in
// each datagram with the address it came from, and the node's timer when it
// is due; the node checks each datagram as a native node does (fragments put
// back together, the same decoder, sender and addressee checked against
// --peers, status requests answered, everything wrong dropped and counted per
// kind), steps the node, and at the end of the turn hands back the turn's
// writes as one frame of the record log (record_log.hpp) and the datagrams
// to send once that frame is durable. The datagrams are the very bytes a
// native node sends: the same wire codec, the same fragments.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "quorum/cluster_config.hpp"
#include "quorum/protocols.hpp"
#include "quorum/store/records.hpp"
#include "quorum/wire/fragments.hpp"
#include "quorum/wire/status.hpp"

namespace quorum::worker {

// An IPv4 address and port as one number: address << 16 | port (the host
// reads both from its socket); below 2^48, so exact in a JS number too.
using EndpointKey = std::uint64_t;
EndpointKey endpoint_key(std::uint32_t address, std::uint16_t port);
std::string endpoint_text(EndpointKey key);  // "127.0.0.1:7001"

// The cluster a node process belongs to: quorum-node's (its driver.cpp,
// process_cluster_config, which this must match so a mixed cluster times
// failures alike): the simulator's config with the failure timeouts doubled.
ClusterConfig process_cluster_config(Algorithm algorithm, std::size_t nodes, std::uint64_t seed);

class ServerNode {
  public:
    struct Datagram {
        EndpointKey to = 0;
        std::string bytes;
    };
    // A message of the node's, before it has an address.
    struct Outgoing {
        NodeId to = kNoNode;
        std::string bytes;
        std::string_view type;  // its name, for the log
    };
    struct Turn {
        store::Batch writes;              // durable first...
        std::vector<Datagram> datagrams;  // ...then these are sent
    };

    // The node's part, for its protocol (server_node.cpp).
    class Protocol;

    // Node `id` of `peers`, from its records (std::invalid_argument with the
    // load error's words if they do not load).
    ServerNode(Algorithm algorithm, std::map<NodeId, EndpointKey> peers, NodeId id,
               std::uint64_t seed, std::vector<store::Record> records, TimeUs now);
    ServerNode(ServerNode&&) noexcept;
    ServerNode& operator=(ServerNode&&) noexcept;
    ~ServerNode();

    void receive(std::string_view bytes, EndpointKey from, TimeUs now);
    void tick(TimeUs now);
    TimeUs next_deadline() const;
    Turn flush();
    // Lines for the host's stderr since the last call (drops of a new kind,
    // role changes), each ending in '\n'.
    std::string take_log();
    wire::NodeStatus status() const;

  private:
    void handle_datagram(std::string_view bytes, EndpointKey from, TimeUs now);
    void send(NodeId to, std::string bytes, std::string_view type);
    void drop(const std::string& kind, EndpointKey from, const std::string& why);
    void log_role_change();

    NodeId id_;
    std::map<NodeId, EndpointKey> peers_;
    std::unique_ptr<Protocol> node_;
    std::map<NodeId, EndpointKey> clients_;  // where each client last wrote from
    std::vector<Outgoing> outgoing_;         // the turn's, addressed at flush()
    std::vector<Datagram> status_answers_;
    Turn turn_;
    std::uint64_t datagrams_received_ = 0;
    wire::Reassembler reassembler_;
    std::uint32_t next_message_id_ = 0;
    std::map<std::string, std::uint64_t> dropped_;
    std::string last_role_;
    std::string log_;
};

// A node's durable state from its records as --dump prints it (the JSON
// lines of quorum-node --dump), or why the records do not load.
std::variant<std::string, std::string> dump_records(Algorithm algorithm,
                                                    std::vector<store::Record> records);

}  // namespace quorum::worker
