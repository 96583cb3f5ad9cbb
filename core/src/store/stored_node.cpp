// A node alone, with its writes as records: see stored_node.hpp.
#include "quorum/store/stored_node.hpp"

#include <stdexcept>
#include <utility>

#include "quorum/store/recorded_node.hpp"
#include "quorum/wire/codec.hpp"

namespace quorum::store {

class StoredNode::Host {
  public:
    virtual ~Host() = default;
    virtual std::variant<Output, StepError> step(std::string_view message, TimeUs now) = 0;
    virtual Output fire_timer(TimeUs now) = 0;
    virtual TimeUs next_deadline() const = 0;
    virtual std::uint64_t applied() const = 0;
    virtual const StateMachine* state_machine() const = 0;
};

namespace {

template <Protocol P>
class HostOf final : public StoredNode::Host {
  public:
    using Message = typename RecordedNode<P>::Message;

    HostOf(const ClusterConfig& config, NodeId id, std::uint32_t incarnation,
           typename RecordedNode<P>::DurableState durable, TimeUs now)
        : recorded_(config, id, incarnation, std::move(durable), now) {}

    std::variant<StoredNode::Output, StoredNode::StepError> step(std::string_view bytes,
                                                                 TimeUs now) override {
        auto decoded = wire::decode_message<typename Message::Payload>(bytes);
        const Message* message = std::get_if<Message>(&decoded);
        if (message == nullptr) {
            return StoredNode::StepError::Undecodable;
        }
        if (message->to != recorded_.node().id()) {
            return StoredNode::StepError::NotForThisNode;
        }
        return take(recorded_.node().step(*message, now));
    }
    StoredNode::Output fire_timer(TimeUs now) override {
        return take(recorded_.node().fire_timer(now));
    }
    TimeUs next_deadline() const override { return recorded_.node().next_deadline(); }
    std::uint64_t applied() const override { return P::applied(recorded_.node()); }
    const StateMachine* state_machine() const override {
        return P::state_machine(recorded_.node());
    }

  private:
    // The writes come out first; the worker makes them durable before it
    // posts the messages.
    StoredNode::Output take(typename RecordedNode<P>::Node::Ready ready) {
        StoredNode::Output output;
        recorded_.take(std::move(ready), output.writes, [&](const Message& message) {
            output.messages.push_back(wire::encode(message));
        });
        return output;
    }

    RecordedNode<P> recorded_;
};

}  // namespace

StoredNode::StoredNode(const ClusterConfig& config, NodeId node, std::uint32_t incarnation,
                       AnyDurableState durable, TimeUs now)
    : id_(node) {
    const auto algorithm = algorithm_of(config.protocol);
    if (!algorithm || durable.protocol() != config.protocol_name()) {
        throw std::invalid_argument("a stored node needs its cluster's protocol and state");
    }
    host_ = with_protocol(*algorithm, [&]<Protocol P>() -> std::unique_ptr<Host> {
        const auto* state = durable.get<typename P::Node::DurableState>();
        return std::make_unique<HostOf<P>>(config, node, incarnation, *state, now);
    });
}

StoredNode::StoredNode(StoredNode&&) noexcept = default;
StoredNode& StoredNode::operator=(StoredNode&&) noexcept = default;
StoredNode::~StoredNode() = default;

std::variant<StoredNode::Output, StoredNode::StepError> StoredNode::step(std::string_view message,
                                                                         TimeUs now) {
    return host_->step(message, now);
}

StoredNode::Output StoredNode::fire_timer(TimeUs now) {
    return host_->fire_timer(now);
}

TimeUs StoredNode::next_deadline() const {
    return host_->next_deadline();
}

std::uint64_t StoredNode::applied() const {
    return host_->applied();
}

const StateMachine* StoredNode::state_machine() const {
    return host_->state_machine();
}

std::string frame_messages(const std::vector<std::string>& encoded) {
    std::string framed;
    put_u32(framed, static_cast<std::uint32_t>(encoded.size()));
    for (const std::string& bytes : encoded) {
        put_u32(framed, static_cast<std::uint32_t>(bytes.size()));
        framed += bytes;
    }
    return framed;
}

std::variant<AnyDurableState, LoadError> load(Algorithm algorithm, std::vector<Record> records) {
    if (auto error = sort_records(records)) {
        return *error;
    }
    return with_protocol(algorithm, [&]<Protocol P>() -> std::variant<AnyDurableState, LoadError> {
        auto loaded = P::load_records(records);
        if (auto* error = std::get_if<LoadError>(&loaded)) {
            return *error;
        }
        return any_durable_state<P>(std::get<typename P::Node::DurableState>(std::move(loaded)));
    });
}

Batch records_of(const AnyDurableState& state) {
    const auto algorithm = parse_algorithm(state.protocol());
    if (!algorithm || state.empty()) {
        return {};
    }
    return with_protocol(*algorithm, [&]<Protocol P>() {
        return P::records_of(*state.get<typename P::Node::DurableState>());
    });
}

}  // namespace quorum::store
