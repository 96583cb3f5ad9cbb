#include "udp.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace quorum::net {

namespace {

std::uint16_t parse_port(std::string_view text, std::string_view whole) {
    unsigned long port = 0;
    if (text.empty() || text.size() > 5) {
        throw std::invalid_argument("bad port in '" + std::string(whole) + "'");
    }
    for (char c : text) {
        if (c < '0' || c > '9') {
            throw std::invalid_argument("bad port in '" + std::string(whole) + "'");
        }
        port = port * 10 + static_cast<unsigned long>(c - '0');
    }
    if (port == 0 || port > 65535) {
        throw std::invalid_argument("port out of range (1..65535) in '" + std::string(whole) + "'");
    }
    return static_cast<std::uint16_t>(port);
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && text.front() == ' ') {
        text.remove_prefix(1);
    }
    while (!text.empty() && text.back() == ' ') {
        text.remove_suffix(1);
    }
    return text;
}

}  // namespace

std::string Endpoint::to_string() const {
    char text[INET_ADDRSTRLEN] = {};
    inet_ntop(AF_INET, &address.sin_addr, text, sizeof text);
    return std::string(text) + ":" + std::to_string(ntohs(address.sin_port));
}

Endpoint parse_endpoint(std::string_view text) {
    const auto colon = text.rfind(':');
    if (colon == std::string_view::npos) {
        throw std::invalid_argument("address '" + std::string(text) +
                                    "' needs a port: HOST:PORT, e.g. 127.0.0.1:7001");
    }
    Endpoint endpoint;
    endpoint.address.sin_family = AF_INET;
    const std::string host(text.substr(0, colon));
    if (inet_pton(AF_INET, host.c_str(), &endpoint.address.sin_addr) != 1) {
        throw std::invalid_argument("bad IPv4 address '" + host + "' in '" + std::string(text) +
                                    "'");
    }
    endpoint.address.sin_port = htons(parse_port(text.substr(colon + 1), text));
    return endpoint;
}

std::map<NodeId, Endpoint> parse_peers(std::string_view text) {
    std::map<NodeId, Endpoint> peers;
    while (!text.empty()) {
        const auto comma = text.find(',');
        const std::string_view item = trim(text.substr(0, comma));
        text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 1);
        const auto equals = item.find('=');
        if (equals == std::string_view::npos || equals == 0) {
            throw std::invalid_argument("peer '" + std::string(item) +
                                        "' is not ID=HOST:PORT, e.g. 1=127.0.0.1:7001");
        }
        const std::string id_text(item.substr(0, equals));
        if (id_text.size() != 1 || id_text[0] < '1' ||
            id_text[0] > static_cast<char>('0' + kMaxNodes)) {
            throw std::invalid_argument("peer id '" + id_text + "' is not a node id 1.." +
                                        std::to_string(kMaxNodes));
        }
        const auto id = static_cast<NodeId>(id_text[0] - '0');
        const Endpoint endpoint = parse_endpoint(item.substr(equals + 1));
        for (const auto& [other_id, other] : peers) {
            if (other == endpoint) {
                throw std::invalid_argument("nodes " + std::to_string(other_id) + " and " +
                                            id_text + " share the address " + endpoint.to_string());
            }
        }
        if (!peers.emplace(id, endpoint).second) {
            throw std::invalid_argument("node " + id_text + " is listed twice in --peers");
        }
    }
    if (peers.empty()) {
        throw std::invalid_argument("--peers lists no node");
    }
    return peers;
}

UdpSocket::UdpSocket(const std::optional<Endpoint>& local) {
    fd_ = ::socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd_ < 0) {
        throw std::runtime_error(std::string("socket: ") + std::strerror(errno));
    }
    // Room for bursts (a leader's AppendEntries to every peer, bench clients).
    const int buffer_size = 4 << 20;
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVBUF, &buffer_size, sizeof buffer_size);
    ::setsockopt(fd_, SOL_SOCKET, SO_SNDBUF, &buffer_size, sizeof buffer_size);
    Endpoint bind_to = local.value_or(parse_endpoint("127.0.0.1:1"));
    if (!local) {
        bind_to.address.sin_port = 0;  // ephemeral
    }
    if (::bind(fd_, reinterpret_cast<const sockaddr*>(&bind_to.address), sizeof bind_to.address) !=
        0) {
        const std::string why = std::strerror(errno);
        ::close(fd_);
        throw std::runtime_error("cannot bind UDP " + bind_to.to_string() + ": " + why);
    }
}

UdpSocket::~UdpSocket() {
    ::close(fd_);
}

bool UdpSocket::send_to(const Endpoint& to, std::string_view bytes) {
    const auto sent = ::sendto(fd_, bytes.data(), bytes.size(), 0,
                               reinterpret_cast<const sockaddr*>(&to.address), sizeof to.address);
    return sent == static_cast<ssize_t>(bytes.size());
}

std::optional<UdpSocket::Received> UdpSocket::receive() {
    static thread_local char buffer[65536];
    Received received;
    socklen_t length = sizeof received.from.address;
    const auto size = ::recvfrom(fd_, buffer, sizeof buffer, 0,
                                 reinterpret_cast<sockaddr*>(&received.from.address), &length);
    if (size < 0) {
        return std::nullopt;  // EAGAIN, or an ICMP error from an earlier send: nothing to read
    }
    received.bytes.assign(buffer, static_cast<std::size_t>(size));
    return received;
}

}  // namespace quorum::net
