// One protocol node behind one interface, so the event loop (main.cpp) does
// not care which algorithm it runs. A driver feeds inputs to its core node
// and keeps every Ready of the current batch; flush() makes the batch's
// durable writes durable in ONE SQLite transaction and only then hands back
// the batch's messages to send: the node contract (DESIGN.md), with group
// commit. Merging several Readies into one transaction keeps their order and
// sends nothing early, so it is the same rule applied to a larger batch; it
// is what lets one fsync cover every request that arrived together.
#pragma once

#include <memory>
#include <vector>

#include "quorum/message.hpp"
#include "quorum/random.hpp"
#include "quorum/wire/status.hpp"
#include "storage.hpp"

namespace quorum::node {

class Driver {
  public:
    virtual ~Driver() = default;

    virtual void step(const Message& message, TimeUs now) = 0;
    // Fires the node's timer if it is due at `now`.
    virtual void tick(TimeUs now) = 0;
    virtual TimeUs next_deadline() const = 0;
    virtual wire::NodeStatus status() const = 0;
    // Persists the batch (one transaction, committed), then returns its messages.
    virtual std::vector<Message> flush() = 0;
};

struct DriverOptions {
    NodeId id = kNoNode;
    std::vector<NodeId> members;  // every node, this one included, sorted
    Algorithm algorithm = Algorithm::Raft;
};

// Builds the node from what `storage` loaded (a restart loads exactly that).
std::unique_ptr<Driver> make_driver(const DriverOptions& options, Storage& storage, Random random,
                                    TimeUs now);

}  // namespace quorum::node
