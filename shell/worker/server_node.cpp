// The page's node binary as a node of a real cluster: see server_node.hpp.
// The checks on each datagram are quorum-node's (shell/node/event_loop.cpp),
// kind for kind, so a native and a wasm node count the same drops.
#include "server_node.hpp"

#include <functional>
#include <optional>
#include <stdexcept>

#include "protocol_registry.hpp"  // shell/node: each protocol's status view (header only)
#include "quorum/message.hpp"
#include "quorum/store/recorded_node.hpp"
#include "quorum/store/stored_node.hpp"
#include "quorum/wire/codec.hpp"

namespace quorum::worker {

namespace {

// Client return addresses remembered; past this the map starts over (a
// forgotten client is answered again when it retries), as quorum-node does.
constexpr std::size_t kMaxClients = 4096;

// quorum-node's driver.cpp: the options that time failure detection, and by
// how much a process slows them down.
constexpr std::string_view kFailureTimeouts[] = {"election", "timeout"};
constexpr TimeUs kProcessSlowdown = 2;

OptionValue slowed_down(const OptionValue& value) {
    if (const auto* duration = std::get_if<Duration>(&value)) {
        return Duration{duration->us * kProcessSlowdown};
    }
    if (const auto* range = std::get_if<DurationRange>(&value)) {
        return DurationRange{range->min_us * kProcessSlowdown, range->max_us * kProcessSlowdown};
    }
    return value;
}

// A datagram that decoded, as the loop judges it whatever the protocol.
struct Arrival {
    enum class Kind { PeerMessage, ClientRequest, ClientResponse, StatusRequest, StatusResponse };
    NodeId from = kNoNode;
    NodeId to = kNoNode;
    Kind kind = Kind::PeerMessage;
    std::uint64_t nonce = 0;
    std::size_t command_bytes = 0;
};

using Outgoing = ServerNode::Outgoing;

}  // namespace

class ServerNode::Protocol {
  public:
    virtual ~Protocol() = default;
    // Decodes; if it decodes, asks `admit` and steps the node if admitted.
    virtual std::optional<wire::DecodeError> receive(
        std::string_view bytes, TimeUs now, const std::function<bool(const Arrival&)>& admit,
        store::Batch& writes, std::vector<Outgoing>& outgoing) = 0;
    virtual void tick(TimeUs now, store::Batch& writes, std::vector<Outgoing>& outgoing) = 0;
    virtual TimeUs next_deadline() const = 0;
    virtual wire::NodeStatus status() const = 0;
};

namespace {

template <quorum::Protocol P>
class ProtocolOf final : public ServerNode::Protocol {
  public:
    using Node = typename P::Node;
    using Message = typename Node::Message;
    using Payload = typename Message::Payload;

    ProtocolOf(const ClusterConfig& config, NodeId id, const typename Node::DurableState& durable,
               TimeUs now)
        // Incarnation 0 and a seed of its own, as quorum-node (driver.cpp).
        : recorded_(config, id, 0, durable, now) {}

    std::optional<wire::DecodeError> receive(std::string_view bytes, TimeUs now,
                                             const std::function<bool(const Arrival&)>& admit,
                                             store::Batch& writes,
                                             std::vector<Outgoing>& outgoing) override {
        auto decoded = wire::decode<Payload>(bytes);
        if (const auto* error = std::get_if<wire::DecodeError>(&decoded)) {
            return *error;
        }
        auto& datagram = std::get<wire::Datagram<Payload>>(decoded);
        auto* payload = std::get_if<Payload>(&datagram.body);
        if (admit(arrival_of(datagram)) && payload != nullptr) {
            take(recorded_.node().step(Message{datagram.from, datagram.to, std::move(*payload)},
                                       now),
                 writes, outgoing);
        }
        return std::nullopt;
    }

    void tick(TimeUs now, store::Batch& writes, std::vector<Outgoing>& outgoing) override {
        if (now >= recorded_.node().next_deadline()) {
            take(recorded_.node().tick(now), writes, outgoing);
        }
    }

    TimeUs next_deadline() const override { return recorded_.node().next_deadline(); }

    wire::NodeStatus status() const override {
        wire::NodeStatus status;
        status.algorithm = P::kName;
        status.commit_index = P::committed(recorded_.node());
        node::NodeView<P>::describe(recorded_.node(), status);
        return status;
    }

  private:
    static Arrival arrival_of(const wire::Datagram<Payload>& datagram) {
        Arrival arrival{datagram.from, datagram.to};
        if (const auto* request = std::get_if<wire::StatusRequest>(&datagram.body)) {
            arrival.kind = Arrival::Kind::StatusRequest;
            arrival.nonce = request->nonce;
        } else if (std::holds_alternative<wire::StatusResponse>(datagram.body)) {
            arrival.kind = Arrival::Kind::StatusResponse;
        } else if (const auto* client =
                       std::get_if<ClientRequest>(&std::get<Payload>(datagram.body))) {
            arrival.kind = Arrival::Kind::ClientRequest;
            arrival.command_bytes = client->command->key.size() + client->command->value.size();
        } else if (std::holds_alternative<ClientResponse>(std::get<Payload>(datagram.body))) {
            arrival.kind = Arrival::Kind::ClientResponse;
        }
        return arrival;
    }

    void take(typename Node::Ready ready, store::Batch& writes, std::vector<Outgoing>& outgoing) {
        recorded_.take(std::move(ready), writes, [&](const Message& message) {
            outgoing.push_back({message.to, wire::encode(message), P::type_name(message.payload)});
        });
    }

    store::RecordedNode<P> recorded_;
};

}  // namespace

EndpointKey endpoint_key(std::uint32_t address, std::uint16_t port) {
    return EndpointKey{address} << 16 | port;
}

std::string endpoint_text(EndpointKey key) {
    const auto address = static_cast<std::uint32_t>(key >> 16);
    return std::to_string(address >> 24) + "." + std::to_string((address >> 16) & 0xFF) + "." +
           std::to_string((address >> 8) & 0xFF) + "." + std::to_string(address & 0xFF) + ":" +
           std::to_string(key & 0xFFFF);
}

ClusterConfig process_cluster_config(Algorithm algorithm, std::size_t nodes, std::uint64_t seed) {
    ClusterConfig config = default_cluster_config(algorithm);
    config.nodes = nodes;
    config.seed = seed;
    for (const std::string_view name : kFailureTimeouts) {
        if (const auto value = get_option(config.protocol, name)) {
            set_option(config.protocol, name, slowed_down(*value));
        }
    }
    if (const auto problem = check_options(config.protocol)) {
        throw std::logic_error("the node's timeouts do not fit together: " + problem->message);
    }
    return config;
}

ServerNode::ServerNode(Algorithm algorithm, std::map<NodeId, EndpointKey> peers, NodeId id,
                       std::uint64_t seed, std::vector<store::Record> records, TimeUs now)
    : id_(id), peers_(std::move(peers)) {
    auto durable = store::load(algorithm, std::move(records));
    if (const auto* failed = std::get_if<store::LoadError>(&durable)) {
        throw std::invalid_argument(failed->what());
    }
    const ClusterConfig config = process_cluster_config(algorithm, peers_.size(), seed);
    const auto& state = std::get<AnyDurableState>(durable);
    node_ = with_protocol(algorithm, [&]<quorum::Protocol P>() -> std::unique_ptr<Protocol> {
        return std::make_unique<ProtocolOf<P>>(config, id,
                                               *state.get<typename P::Node::DurableState>(), now);
    });
}

ServerNode::ServerNode(ServerNode&&) noexcept = default;
ServerNode& ServerNode::operator=(ServerNode&&) noexcept = default;
ServerNode::~ServerNode() = default;

void ServerNode::receive(std::string_view bytes, EndpointKey from, TimeUs now) {
    ++datagrams_received_;
    if (!wire::is_fragment(bytes)) {
        handle_datagram(bytes, from, now);
        return;
    }
    auto result = reassembler_.add(from, bytes, now);
    if (const auto* error = std::get_if<wire::DecodeError>(&result)) {
        drop(wire::decode_error_name(*error), from, "a fragment that does not decode");
    } else if (const auto* whole = std::get_if<std::string>(&result)) {
        handle_datagram(*whole, from, now);
    }
}

void ServerNode::handle_datagram(std::string_view bytes, EndpointKey from, TimeUs now) {
    // quorum-node's EventLoop::admit, check for check.
    const auto admit = [&](const Arrival& arrival) {
        const bool from_client = is_client_address(arrival.from);
        const auto peer = peers_.find(arrival.from);
        if (arrival.to != id_) {
            drop("unknown-node", from,
                 "addressed to node " + std::to_string(arrival.to) + ", and this is node " +
                     std::to_string(id_));
            return false;
        }
        if (!from_client && (peer == peers_.end() || arrival.from == id_)) {
            drop("unknown-node", from,
                 "sent as node " + std::to_string(arrival.from) +
                     ", which is not a peer in --peers");
            return false;
        }
        if (!from_client && peer->second != from) {
            drop("unknown-node", from,
                 "claims to be node " + std::to_string(arrival.from) + " at " +
                     endpoint_text(peer->second));
            return false;
        }
        if (arrival.kind == Arrival::Kind::StatusRequest) {
            const wire::Datagram<wire::ClientPayload> answer{
                id_, arrival.from, wire::StatusResponse{arrival.nonce, status()}};
            status_answers_.push_back({from, wire::encode(answer)});
            return false;
        }
        const bool client_request = arrival.kind == Arrival::Kind::ClientRequest;
        const bool node_input = client_request || arrival.kind == Arrival::Kind::PeerMessage;
        if (!node_input || from_client != client_request) {
            drop("unexpected", from, "a message of a kind this sender may not send");
            return false;
        }
        if (client_request && arrival.command_bytes > wire::kMaxCommandBytes) {
            drop("oversize", from, "a client command larger than the wire allows");
            return false;
        }
        if (from_client) {
            if (clients_.size() >= kMaxClients && !clients_.contains(arrival.from)) {
                clients_.clear();
            }
            clients_[arrival.from] = from;
        }
        return true;
    };
    const auto error = node_->receive(bytes, now, admit, turn_.writes, outgoing_);
    if (error) {
        drop(wire::decode_error_name(*error), from,
             std::to_string(bytes.size()) + " bytes that do not decode");
    }
}

void ServerNode::tick(TimeUs now) {
    node_->tick(now, turn_.writes, outgoing_);
}

TimeUs ServerNode::next_deadline() const {
    return node_->next_deadline();
}

ServerNode::Turn ServerNode::flush() {
    for (Outgoing& message : outgoing_) {
        send(message.to, std::move(message.bytes), message.type);
    }
    outgoing_.clear();
    for (Datagram& answer : status_answers_) {
        turn_.datagrams.push_back(std::move(answer));
    }
    status_answers_.clear();
    log_role_change();
    return std::exchange(turn_, {});
}

// To a peer, or back to the address a client last wrote from; a message
// too large for one datagram goes as fragments, as quorum-node sends it.
void ServerNode::send(NodeId to, std::string bytes, std::string_view type) {
    const auto& addresses = is_client_address(to) ? clients_ : peers_;
    const auto found = addresses.find(to);
    if (found == addresses.end()) {
        return;
    }
    if (bytes.size() <= wire::kMaxDatagramSize) {
        turn_.datagrams.push_back({found->second, std::move(bytes)});
        return;
    }
    const auto fragments = wire::split_into_fragments(bytes, next_message_id_++);
    if (fragments.empty()) {
        drop("oversize", peers_.at(id_),
             "an outgoing " + std::string(type) + " of " + std::to_string(bytes.size()) +
                 " bytes is too large even in fragments");
    }
    for (const auto& fragment : fragments) {
        turn_.datagrams.push_back({found->second, fragment});
    }
}

void ServerNode::drop(const std::string& kind, EndpointKey from, const std::string& why) {
    if (dropped_[kind]++ == 0) {
        log_ += "quorum node-wasm " + std::to_string(id_) + ": dropped a datagram (" + kind +
                ") from " + endpoint_text(from) + ": " + why +
                "; further drops of this kind are only counted (quorum-ctl status --json)\n";
    }
}

void ServerNode::log_role_change() {
    const auto s = node_->status();
    std::string role = s.role + " term " + std::to_string(s.term);
    if (role != last_role_) {
        log_ += "quorum node-wasm " + std::to_string(id_) + ": " + role + "\n";
        last_role_ = std::move(role);
    }
}

std::string ServerNode::take_log() {
    return std::exchange(log_, {});
}

wire::NodeStatus ServerNode::status() const {
    wire::NodeStatus status = node_->status();
    status.id = id_;
    status.datagrams_received = datagrams_received_;
    for (const auto& [kind, count] : dropped_) {
        status.dropped.emplace_back(kind, count);
    }
    return status;
}

std::variant<std::string, std::string> dump_records(Algorithm algorithm,
                                                    std::vector<store::Record> records) {
    auto durable = store::load(algorithm, std::move(records));
    if (const auto* failed = std::get_if<store::LoadError>(&durable)) {
        return std::variant<std::string, std::string>(std::in_place_index<1>, failed->what());
    }
    std::string out;
    with_protocol(algorithm, [&]<quorum::Protocol P>() {
        node::NodeView<P>::dump(
            *std::get<AnyDurableState>(durable).get<typename P::Node::DurableState>(), out);
    });
    return std::variant<std::string, std::string>(std::in_place_index<0>, std::move(out));
}

}  // namespace quorum::worker
