#include "client_pool.hpp"

#include <fcntl.h>
#include <poll.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <stdexcept>

#include "quorum/wire/codec.hpp"

namespace quorum::ctl {

namespace {

// After two redirects in a row (a stale hint during an election), wait this
// long before following the next, so two confused nodes cannot make a client
// spin.
constexpr TimeUs kRedirectPauseUs = 50 * kMicrosecondsPerMillisecond;

}  // namespace

TimeUs monotonic_now_us() {
    timespec now{};
    clock_gettime(CLOCK_MONOTONIC, &now);
    return static_cast<TimeUs>(now.tv_sec) * kMicrosecondsPerSecond + now.tv_nsec / 1000;
}

ClientId random_client_id() {
    std::uint32_t bits = 0;
    const int fd = ::open("/dev/urandom", O_RDONLY | O_CLOEXEC);
    if (fd < 0 || ::read(fd, &bits, sizeof bits) != static_cast<ssize_t>(sizeof bits)) {
        throw std::runtime_error("cannot read /dev/urandom for a client id (pass --client-id)");
    }
    ::close(fd);
    const ClientId id = bits & 0x7fffffffU;
    return id == 0 ? 1 : id;
}

ClientPool::ClientPool(PoolOptions options, std::vector<ClientId> client_ids)
    : options_(std::move(options)), socket_(std::nullopt) {
    for (std::size_t i = 0; i < client_ids.size(); ++i) {
        Client client;
        client.id = client_ids[i];
        // Spread first guesses: with no leader known, each client starts elsewhere.
        auto node = options_.nodes.begin();
        std::advance(node, static_cast<std::ptrdiff_t>(i % options_.nodes.size()));
        client.target = node->first;
        by_id_[client.id] = i;
        clients_.push_back(client);
    }
}

void ClientPool::start(std::size_t index, OperationKind kind, std::string key, std::string value) {
    Client& client = clients_[index];
    Pending pending;
    pending.command.client = client.id;
    pending.command.sequence = client.next_sequence++;
    pending.command.kind = kind;
    pending.command.key = std::move(key);
    pending.command.value = std::move(value);
    pending.call_us = monotonic_now_us();
    client.pending = std::move(pending);
    send(client);
}

void ClientPool::send(Client& client) {
    Pending& pending = *client.pending;
    const Envelope<wire::ClientPayload> message{kClientAddressBase + client.id, client.target,
                                                ClientRequest{pending.command}};
    socket_.send_to(options_.nodes.at(client.target), wire::encode(message));
    pending.resend_at_us = monotonic_now_us() + options_.retry_us;
}

NodeId ClientPool::next_node(NodeId after) const {
    auto next = options_.nodes.upper_bound(after);
    return next == options_.nodes.end() ? options_.nodes.begin()->first : next->first;
}

void ClientPool::poll_once(
    TimeUs until_us, const std::function<void(std::size_t, const ClientOperation&)>& on_done) {
    TimeUs now = monotonic_now_us();
    TimeUs wake = until_us;
    for (const auto& client : clients_) {
        if (client.pending) {
            wake = std::min(wake, client.pending->resend_at_us);
        }
    }
    pollfd fd{socket_.fd(), POLLIN, 0};
    const TimeUs wait_us = std::max<TimeUs>(0, wake - now);
    if (::poll(&fd, 1, static_cast<int>((wait_us + 999) / 1000)) > 0) {
        while (auto received = socket_.receive()) {
            handle(*received, on_done);
        }
    }
    now = monotonic_now_us();
    for (auto& client : clients_) {
        if (client.pending && now >= client.pending->resend_at_us) {
            if (!client.pending->paused_redirect) {
                client.target = next_node(client.target);  // no answer: try elsewhere
            }
            client.pending->paused_redirect = false;
            client.pending->redirects_in_row = 0;
            send(client);
        }
    }
}

void ClientPool::handle(const net::UdpSocket::Received& received,
                        const std::function<void(std::size_t, const ClientOperation&)>& on_done) {
    auto decoded = wire::decode<wire::ClientPayload>(received.bytes);
    auto* datagram = std::get_if<wire::Datagram<wire::ClientPayload>>(&decoded);
    auto* payload = datagram ? std::get_if<wire::ClientPayload>(&datagram->body) : nullptr;
    auto* response = payload ? std::get_if<ClientResponse>(payload) : nullptr;
    if (!response) {
        return;
    }
    const auto found = by_id_.find(response->client);
    if (found == by_id_.end()) {
        return;
    }
    Client& client = clients_[found->second];
    if (!client.pending || client.pending->command.sequence != response->sequence) {
        return;  // an answer to an earlier try of an operation already answered
    }
    if (response->status == ClientResponse::Status::NotLeader) {
        Pending& pending = *client.pending;
        const bool hint_usable = response->leader_hint != kNoNode &&
                                 response->leader_hint != client.target &&
                                 options_.nodes.contains(response->leader_hint);
        client.target = hint_usable ? response->leader_hint : next_node(client.target);
        if (++pending.redirects_in_row <= 2) {
            send(client);
        } else {
            pending.paused_redirect = true;
            pending.resend_at_us = monotonic_now_us() + kRedirectPauseUs;
        }
        return;
    }
    ClientOperation operation = record(client, *client.pending);
    operation.return_us = monotonic_now_us();
    operation.ok = response->result.ok;
    operation.result = response->result.result;
    client.target =
        datagram->from;  // it answered: it leads (or, where any replica answers, serves)
    client.pending.reset();
    on_done(found->second, operation);
}

ClientOperation ClientPool::record(const Client& client, const Pending& pending) {
    ClientOperation operation;
    operation.client = client.id;
    operation.kind = pending.command.kind;
    operation.key = pending.command.key;
    operation.value = pending.command.value;
    operation.call_us = pending.call_us;
    return operation;
}

std::vector<ClientOperation> ClientPool::unanswered() const {
    std::vector<ClientOperation> operations;
    for (const auto& client : clients_) {
        if (client.pending) {
            operations.push_back(record(client, *client.pending));
        }
    }
    return operations;
}

}  // namespace quorum::ctl
