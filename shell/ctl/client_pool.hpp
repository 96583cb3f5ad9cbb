// quorum-ctl's clients: any number of them over one UDP socket and one poll
// loop (no thread per client). Each client has one operation outstanding at a
// time and finds the leader itself:
//   - it sends to the node it believes leads (at first: the first node);
//   - a NotLeader answer names a leader (go there at once) or does not (try
//     the next node);
//   - no answer within retry_us: try the next node;
// and every retry carries the same client id and sequence number, so the
// replicated state machine applies the operation once however many nodes
// received it (Ongaro's dissertation, 6.3; quorum/state_machine.hpp).
//
// Client ids are random 31-bit numbers from /dev/urandom (31, not 32: a
// client's wire address is kClientAddressBase + id, which must fit a NodeId),
// so two quorum-ctl processes collide with probability ~n^2 / 2^32.
//
// Times are CLOCK_MONOTONIC microseconds: one clock for every process on the
// machine, so histories written by several quorum-ctl processes can be merged
// and checked together.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <vector>

#include "quorum/command.hpp"
#include "quorum/history.hpp"
#include "udp.hpp"

namespace quorum::ctl {

TimeUs monotonic_now_us();
ClientId random_client_id();

struct PoolOptions {
    std::map<NodeId, net::Endpoint> nodes;
    TimeUs retry_us = 300 * kMicrosecondsPerMillisecond;
};

class ClientPool {
  public:
    ClientPool(PoolOptions options, std::vector<ClientId> client_ids);

    std::size_t size() const { return clients_.size(); }
    bool busy(std::size_t client) const { return clients_[client].pending.has_value(); }

    // Starts an operation on an idle client: sends it now.
    void start(std::size_t client, OperationKind kind, std::string key, std::string value);

    // Waits (at most until `until_us`) and handles what arrives; each
    // operation answered is handed to `on_done` with its history record.
    void poll_once(TimeUs until_us,
                   const std::function<void(std::size_t, const ClientOperation&)>& on_done);

    // Every operation still unanswered, as history records with no return.
    std::vector<ClientOperation> unanswered() const;

  private:
    struct Pending {
        Command command;
        TimeUs call_us = 0;
        TimeUs resend_at_us = 0;
        int redirects_in_row = 0;      // NotLeader answers since the last timeout
        bool paused_redirect = false;  // resend_at_us is a pause, not a timeout
    };
    struct Client {
        ClientId id = 0;
        std::uint64_t next_sequence = 1;
        NodeId target = kNoNode;
        std::optional<Pending> pending;
    };

    void send(Client& client);
    NodeId next_node(NodeId after) const;
    void handle(const net::UdpSocket::Received& received,
                const std::function<void(std::size_t, const ClientOperation&)>& on_done);
    static ClientOperation record(const Client& client, const Pending& pending);

    PoolOptions options_;
    net::UdpSocket socket_;
    std::vector<Client> clients_;
    std::map<ClientId, std::size_t> by_id_;
};

}  // namespace quorum::ctl
