#include "event_loop.hpp"

#include <poll.h>
#include <time.h>

#include <algorithm>
#include <cerrno>
#include <iostream>
#include <limits>

namespace quorum::node {

namespace {

// The longest poll: the loop wakes at least this often even with no deadline.
constexpr TimeUs kMaxWaitUs = 1 * kMicrosecondsPerSecond;
// Datagrams read per turn before flushing, so a flood cannot starve timers.
constexpr int kMaxDatagramsPerTurn = 512;
// Client return addresses remembered; past this the map starts over (a
// client that is forgotten is answered again when it retries).
constexpr std::size_t kMaxClients = 4096;

}  // namespace

TimeUs monotonic_now_us() {
    timespec now{};
    clock_gettime(CLOCK_MONOTONIC, &now);
    return static_cast<TimeUs>(now.tv_sec) * kMicrosecondsPerSecond + now.tv_nsec / 1000;
}

EventLoop::EventLoop(NodeId id, std::map<NodeId, net::Endpoint> peers,
                     std::unique_ptr<Driver> driver)
    : id_(id), peers_(std::move(peers)), driver_(std::move(driver)), socket_(peers_.at(id)) {}

void EventLoop::run(const std::atomic<bool>& stop) {
    while (!stop) {
        const TimeUs now = monotonic_now_us();
        const TimeUs wait_us = std::clamp(driver_->next_deadline() - now, TimeUs{0}, kMaxWaitUs);
        pollfd fd{socket_.fd(), POLLIN, 0};
        // Round up: waking a millisecond early would only spin until the deadline.
        const int ready = ::poll(&fd, 1, static_cast<int>((wait_us + 999) / 1000));
        if (ready < 0 && errno != EINTR) {
            throw std::runtime_error("poll failed");
        }
        if (ready > 0) {
            receive_all(monotonic_now_us());
        }
        driver_->tick(monotonic_now_us());
        send_all(driver_->flush());
        log_role_change();
    }
}

void EventLoop::log_role_change() {
    const auto s = driver_->status();
    std::string role = s.role + " term " + std::to_string(s.term);
    if (role != last_role_) {
        std::cerr << "quorum-node " << id_ << ": " << role << '\n';
        last_role_ = std::move(role);
    }
}

void EventLoop::receive_all(TimeUs now) {
    for (int i = 0; i < kMaxDatagramsPerTurn; ++i) {
        auto received = socket_.receive();
        if (!received) {
            return;
        }
        ++datagrams_received_;
        handle(*received, now);
    }
}

void EventLoop::handle(const net::UdpSocket::Received& received, TimeUs now) {
    if (!wire::is_fragment(received.bytes)) {
        handle_datagram(received.bytes, received.from, now);
        return;
    }
    const std::uint64_t sender =
        std::uint64_t{received.from.address.sin_addr.s_addr} << 16 | received.from.address.sin_port;
    auto result = reassembler_.add(sender, received.bytes, now);
    if (const auto* error = std::get_if<wire::DecodeError>(&result)) {
        drop(wire::decode_error_name(*error), received.from, "a fragment that does not decode");
    } else if (const auto* whole = std::get_if<std::string>(&result)) {
        handle_datagram(*whole, received.from, now);
    }
}

void EventLoop::handle_datagram(std::string_view bytes, const net::Endpoint& from, TimeUs now) {
    const auto error =
        driver_->receive(bytes, now, [&](const Arrival& arrival) { return admit(arrival, from); });
    if (error) {
        drop(wire::decode_error_name(*error), from,
             std::to_string(bytes.size()) + " bytes that do not decode");
    }
}

// Whether a datagram that decoded may step the node; a status request is
// answered here (with the turn's other messages), never stepped.
bool EventLoop::admit(const Arrival& arrival, const net::Endpoint& from) {
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
             "sent as node " + std::to_string(arrival.from) + ", which is not a peer in --peers");
        return false;
    }
    if (!from_client && !(peer->second == from)) {
        drop("unknown-node", from,
             "claims to be node " + std::to_string(arrival.from) + " at " +
                 peer->second.to_string());
        return false;
    }
    if (arrival.kind == Arrival::Kind::StatusRequest) {
        const wire::Datagram<wire::ClientPayload> answer{
            id_, arrival.from, wire::StatusResponse{arrival.nonce, status()}};
        status_answers_.emplace_back(from, wire::encode(answer));
        return false;
    }
    // Clients send client requests only, and nodes never do; nobody sends a
    // node an answer meant for a client or for quorum-ctl.
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
}

void EventLoop::send_all(const std::vector<Outgoing>& messages) {
    for (const Outgoing& message : messages) {
        if (is_client_address(message.to)) {
            const auto client = clients_.find(message.to);
            if (client != clients_.end()) {
                send_bytes(client->second, message);
            }
        } else if (const auto peer = peers_.find(message.to); peer != peers_.end()) {
            send_bytes(peer->second, message);
        }
    }
    for (const auto& [endpoint, bytes] : status_answers_) {
        socket_.send_to(endpoint, bytes);
    }
    status_answers_.clear();
}

void EventLoop::send_bytes(const net::Endpoint& to, const Outgoing& message) {
    if (message.bytes.size() <= wire::kMaxDatagramSize) {
        socket_.send_to(to, message.bytes);
        return;
    }
    const auto fragments = wire::split_into_fragments(message.bytes, next_message_id_++);
    if (fragments.empty()) {
        drop("oversize", peers_.at(id_),
             "an outgoing " + std::string(message.type) + " of " +
                 std::to_string(message.bytes.size()) + " bytes is too large even in fragments");
    }
    if (!fragments.empty() && !logged_fragments_) {
        // Once, so tests and people can see that large messages do occur here
        // (Multi-Paxos P1b carries every pvalue its acceptor accepted).
        logged_fragments_ = true;
        std::cerr << "quorum-node " << id_ << ": sent a " << message.type << " of "
                  << message.bytes.size() << " bytes in fragments (" << fragments.size()
                  << " datagrams); further ones are not logged\n";
    }
    for (const auto& fragment : fragments) {
        socket_.send_to(to, fragment);
    }
}

void EventLoop::drop(const std::string& kind, const net::Endpoint& from, const std::string& why) {
    if (dropped_[kind]++ == 0) {
        std::cerr << "quorum-node " << id_ << ": dropped a datagram (" << kind << ") from "
                  << from.to_string() << ": " << why
                  << "; further drops of this kind are only counted (quorum-ctl status --json)\n";
    }
}

wire::NodeStatus EventLoop::status() const {
    wire::NodeStatus status = driver_->status();
    status.id = id_;
    status.datagrams_received = datagrams_received_;
    for (const auto& [kind, count] : dropped_) {
        status.dropped.emplace_back(kind, count);
    }
    return status;
}

}  // namespace quorum::node
