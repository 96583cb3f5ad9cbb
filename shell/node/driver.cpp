#include "driver.hpp"

#include <stdexcept>
#include <utility>
#include <variant>

#include "protocol_registry.hpp"
#include "quorum/store/recorded_node.hpp"

namespace quorum::node {

namespace {

// Real processes on loopback: the simulator's failure timeouts leave too
// little room for an fsync on a busy disk plus a sanitized build sharing two
// cores, so the options that time failure detection (a follower's election
// timeout, a passive leader's) are twice the simulator's here. Heartbeats
// keep their pace, so a healthy leader is heard as often as in simulation.
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

template <Protocol P>
class DriverOf final : public Driver {
  public:
    using Node = typename P::Node;
    using Message = typename Node::Message;
    using Payload = typename Message::Payload;

    DriverOf(const ClusterConfig& config, NodeId id, const typename Node::DurableState& durable,
             Storage& storage, TimeUs now)
        : storage_(storage),
          // A process does not count its restarts: each start differs by its
          // seed (--seed, or /dev/urandom), so every one is incarnation 0.
          recorded_(config, id, 0, durable, now) {}

    std::optional<wire::DecodeError> receive(std::string_view bytes, TimeUs now,
                                             const Admit& admit) override {
        auto decoded = wire::decode<Payload>(bytes);
        if (const auto* error = std::get_if<wire::DecodeError>(&decoded)) {
            return *error;
        }
        auto& datagram = std::get<wire::Datagram<Payload>>(decoded);
        auto* payload = std::get_if<Payload>(&datagram.body);
        if (admit(arrival_of(datagram)) && payload != nullptr) {
            take(node().step(Message{datagram.from, datagram.to, std::move(*payload)}, now));
        }
        return std::nullopt;
    }

    void tick(TimeUs now) override {
        if (now >= node().next_deadline()) {
            take(node().tick(now));
        }
    }

    TimeUs next_deadline() const override { return recorded_.node().next_deadline(); }

    wire::NodeStatus status() const override {
        wire::NodeStatus status;
        status.algorithm = P::kName;
        status.commit_index = P::committed(recorded_.node());
        NodeView<P>::describe(recorded_.node(), status);
        return status;
    }

    std::vector<Outgoing> flush() override {
        storage_.persist(writes_);  // durable (synchronous=FULL) before anything is sent
        writes_.clear();
        return std::exchange(outgoing_, {});
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

    Node& node() { return recorded_.node(); }

    // The Ready's writes join the turn's batch as records, as a worker's
    // would (store/recorded_node.hpp); its messages wait for flush().
    void take(typename Node::Ready ready) {
        recorded_.take(std::move(ready), writes_, [&](const Message& message) {
            outgoing_.push_back({message.to, wire::encode(message), P::type_name(message.payload)});
        });
    }

    Storage& storage_;
    store::RecordedNode<P> recorded_;
    store::Batch writes_;             // the turn's, in order
    std::vector<Outgoing> outgoing_;  // the turn's, sent after writes_ is durable
};

}  // namespace

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

std::unique_ptr<Driver> make_driver(const ClusterConfig& config, NodeId id, Storage& storage,
                                    TimeUs now) {
    const auto algorithm = algorithm_of(config.protocol);
    if (!algorithm || storage.loaded().protocol() != config.protocol_name()) {
        throw std::logic_error("a node needs its cluster's protocol and its state");
    }
    return with_protocol(*algorithm, [&]<Protocol P>() -> std::unique_ptr<Driver> {
        const auto* durable = storage.loaded().get<typename P::Node::DurableState>();
        return std::make_unique<DriverOf<P>>(config, id, *durable, storage, now);
    });
}

std::string dump(const AnyDurableState& state) {
    const auto algorithm = parse_algorithm(state.protocol());
    if (!algorithm || state.empty()) {
        throw std::logic_error("no protocol's durable state to dump");
    }
    std::string out;
    with_protocol(*algorithm, [&]<Protocol P>() {
        NodeView<P>::dump(*state.get<typename P::Node::DurableState>(), out);
    });
    return out;
}

}  // namespace quorum::node
