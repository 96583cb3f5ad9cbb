// quorum-node's one event loop: one UDP socket, one poll() whose timeout is
// the node's next deadline, no thread per peer. Each turn:
//   1. wait for a datagram or the deadline (poll);
//   2. read every datagram waiting, decode and check each (wrong ones are
//      dropped, counted per kind and logged once per kind), step the node
//      (the driver decodes with its protocol's payload; the checks here are
//      every protocol's: sender, addressee, kind of message);
//   3. tick the node if its deadline has come;
//   4. flush: the turn's durable writes in one committed transaction, THEN
//      the turn's messages and status answers go out.
// Time is CLOCK_MONOTONIC in microseconds, read here and nowhere in the core.
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "../net/udp.hpp"
#include "driver.hpp"
#include "quorum/wire/codec.hpp"
#include "quorum/wire/fragments.hpp"

namespace quorum::node {

TimeUs monotonic_now_us();

class EventLoop {
  public:
    EventLoop(NodeId id, std::map<NodeId, net::Endpoint> peers, std::unique_ptr<Driver> driver);

    // Runs until `stop` becomes true (SIGTERM, SIGINT).
    void run(const std::atomic<bool>& stop);

  private:
    void receive_all(TimeUs now);
    void handle(const net::UdpSocket::Received& received, TimeUs now);
    void handle_datagram(std::string_view bytes, const net::Endpoint& from, TimeUs now);
    bool admit(const Arrival& arrival, const net::Endpoint& from);
    void send_bytes(const net::Endpoint& to, const Outgoing& message);
    void send_all(const std::vector<Outgoing>& messages);
    void log_role_change();
    void drop(const std::string& kind, const net::Endpoint& from, const std::string& why);
    wire::NodeStatus status() const;

    NodeId id_;
    std::map<NodeId, net::Endpoint> peers_;
    std::unique_ptr<Driver> driver_;
    net::UdpSocket socket_;
    // Where each client address last wrote from: the way back for its answers.
    std::map<NodeId, net::Endpoint> clients_;
    // Status answers wait for the turn's flush like every other message.
    std::vector<std::pair<net::Endpoint, std::string>> status_answers_;
    std::uint64_t datagrams_received_ = 0;
    wire::Reassembler reassembler_;                 // messages that came in several datagrams
    std::uint32_t next_message_id_ = 0;             // for the fragments of the messages we split
    bool logged_fragments_ = false;                 // the first split message is logged
    std::map<std::string, std::uint64_t> dropped_;  // per kind; logged on the first of each
    std::string last_role_;                         // "<role> <term>", logged when it changes
};

}  // namespace quorum::node
