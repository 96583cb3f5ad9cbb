#include "driver.hpp"

#include "quorum/multipaxos/node.hpp"
#include "quorum/paxos/node.hpp"
#include "quorum/raft/node.hpp"

namespace quorum::node {

namespace {

// Timeouts for real processes on loopback: the simulator's defaults (150-300
// ms elections) leave too little room for an fsync on a busy disk plus a
// sanitized build sharing two cores, so elections here wait 2x longer.
constexpr TimeUs kHeartbeatUs = 50 * kMicrosecondsPerMillisecond;
constexpr TimeUs kElectionMinUs = 300 * kMicrosecondsPerMillisecond;
constexpr TimeUs kElectionMaxUs = 600 * kMicrosecondsPerMillisecond;

// The shared half of every driver: the batch of Readies and its flush.
template <typename NodeType, typename ReadyType>
class BatchingDriver : public Driver {
  public:
    BatchingDriver(Storage& storage, NodeType node) : storage_(storage), node_(std::move(node)) {}

    void step(const Message& message, TimeUs now) override {
        batch_.push_back(node_.step(message, now));
    }
    void tick(TimeUs now) override {
        if (now >= node_.next_deadline()) {
            batch_.push_back(node_.tick(now));
        }
    }
    TimeUs next_deadline() const override { return node_.next_deadline(); }

    std::vector<Message> flush() override {
        bool durable_writes = false;
        for (const auto& ready : batch_) {
            durable_writes |= ready.has_durable_writes();
        }
        if (durable_writes) {
            storage_.begin();
            for (const auto& ready : batch_) {
                storage_.write(ready);
            }
            storage_.commit();  // durable (synchronous=FULL) before anything below is sent
        }
        std::vector<Message> messages;
        for (auto& ready : batch_) {
            for (auto& message : ready.messages) {
                messages.push_back(std::move(message));
            }
        }
        batch_.clear();
        return messages;
    }

  protected:
    Storage& storage_;
    NodeType node_;
    std::vector<ReadyType> batch_;
};

class RaftDriver final : public BatchingDriver<raft::Node, raft::Ready> {
  public:
    using BatchingDriver::BatchingDriver;

    wire::NodeStatus status() const override {
        wire::NodeStatus s;
        s.algorithm = "raft";
        s.role = raft::role_name(node_.role());
        s.term = node_.current_term();
        s.commit_index = node_.commit_index();
        s.log_length = node_.last_index();
        s.leader = node_.role() == raft::Role::Leader ? node_.id() : node_.leader_id();
        return s;
    }
};

class PaxosDriver final : public BatchingDriver<paxos::Node, paxos::Ready> {
  public:
    using BatchingDriver::BatchingDriver;

    wire::NodeStatus status() const override {
        wire::NodeStatus s;
        s.algorithm = "paxos";
        s.role = std::string("proposer(") + paxos::phase_name(node_.phase()) + ")";
        s.term = node_.promised().round;
        s.commit_index = node_.chosen_value() ? 1 : 0;
        s.log_length = node_.accepted() ? 1 : 0;
        s.leader = node_.id();  // every node proposes
        return s;
    }
};

class MultiPaxosDriver final : public BatchingDriver<multipaxos::Node, multipaxos::Ready> {
  public:
    using BatchingDriver::BatchingDriver;

    wire::NodeStatus status() const override {
        wire::NodeStatus s;
        s.algorithm = "multipaxos";
        const auto& leader = node_.leader();
        s.role = leader && leader->active() ? "leader(active)" : "leader(passive)";
        s.term = node_.acceptor().ballot_num().round;
        s.commit_index = node_.decided_slots();
        s.log_length = node_.acceptor().accepted().size();
        s.leader = node_.acceptor().ballot_num().leader;
        return s;
    }
};

}  // namespace

std::unique_ptr<Driver> make_driver(const DriverOptions& options, Storage& storage, Random random,
                                    TimeUs now) {
    switch (options.algorithm) {
        case Algorithm::Raft: {
            raft::Config config;
            config.members = options.members;
            config.heartbeat_interval_us = kHeartbeatUs;
            config.election_timeout_min_us = kElectionMinUs;
            config.election_timeout_max_us = kElectionMaxUs;
            raft::Node node(options.id, config, std::get<raft::DurableState>(storage.loaded()),
                            random, now);
            return std::make_unique<RaftDriver>(storage, std::move(node));
        }
        case Algorithm::Paxos: {
            paxos::Config config;
            config.proposers = config.acceptors = config.learners = options.members;
            paxos::Node node(options.id, config, std::get<paxos::DurableState>(storage.loaded()),
                             random, now);
            return std::make_unique<PaxosDriver>(storage, std::move(node));
        }
        case Algorithm::MultiPaxos: {
            multipaxos::Config config;
            config.replicas = config.leaders = config.acceptors = options.members;
            config.heartbeat_interval_us = kHeartbeatUs;
            config.leader_timeout_min_us = kElectionMinUs;
            config.leader_timeout_max_us = kElectionMaxUs;
            multipaxos::Node node(options.id, config,
                                  std::get<multipaxos::DurableState>(storage.loaded()), random,
                                  now);
            return std::make_unique<MultiPaxosDriver>(storage, std::move(node));
        }
    }
    return nullptr;
}

}  // namespace quorum::node
