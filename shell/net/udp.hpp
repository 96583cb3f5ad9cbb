// UDP on IPv4 for quorum-node and quorum-ctl: addresses, the --peers list,
// and a non-blocking socket. One socket per process; callers poll() its fd.
#pragma once

#include <netinet/in.h>

#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "quorum/types.hpp"

namespace quorum::net {

struct Endpoint {
    sockaddr_in address{};

    std::string to_string() const;  // "127.0.0.1:7001"
    friend bool operator==(const Endpoint& a, const Endpoint& b) {
        return a.address.sin_addr.s_addr == b.address.sin_addr.s_addr &&
               a.address.sin_port == b.address.sin_port;
    }
};

// "127.0.0.1:7001" (IPv4 dotted quad, port 1..65535); throws
// std::invalid_argument naming what is wrong.
Endpoint parse_endpoint(std::string_view text);

// "1=127.0.0.1:7001,2=127.0.0.1:7002": node ids 1..kMaxNodes, each once, each
// at its own address. Throws std::invalid_argument naming the bad item.
std::map<NodeId, Endpoint> parse_peers(std::string_view text);

class UdpSocket {
  public:
    // Bound to `local`, or to an ephemeral port on 127.0.0.1 (clients).
    // Throws std::runtime_error with errno's words.
    explicit UdpSocket(const std::optional<Endpoint>& local);
    ~UdpSocket();
    UdpSocket(const UdpSocket&) = delete;
    UdpSocket& operator=(const UdpSocket&) = delete;

    int fd() const { return fd_; }
    // Best effort, as UDP: false when the kernel refused (buffer full, ...).
    bool send_to(const Endpoint& to, std::string_view bytes);

    struct Received {
        std::string bytes;
        Endpoint from;
    };
    // The next datagram waiting, or nullopt when none is (never blocks).
    std::optional<Received> receive();

  private:
    int fd_ = -1;
};

}  // namespace quorum::net
