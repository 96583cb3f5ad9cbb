// Sealed records, batches, loading, and the twin property the page's workers
// runner rests on: a StoredNode given the simulator node's inputs sends the
// same messages, and its records load back to the simulator's durable state.
#include "quorum/store/records.hpp"

#include <gtest/gtest.h>

#include <map>

#include "quorum/protocols.hpp"
#include "quorum/sim/cluster.hpp"
#include "quorum/sim/nodes.hpp"
#include "quorum/store/stored_node.hpp"
#include "quorum/wire/codec.hpp"

namespace quorum::store {
namespace {

using sim::Cluster;

std::string error_of(const std::variant<std::string_view, std::string>& result) {
    const auto* why = std::get_if<std::string>(&result);
    return why ? *why : "";
}

TEST(Records, sealedRecordUnsealsUnderItsKey) {
    const std::string sealed = seal("raft/state", "payload");
    const auto payload = unseal("raft/state", sealed);
    ASSERT_TRUE(std::holds_alternative<std::string_view>(payload)) << error_of(payload);
    EXPECT_EQ(std::get<std::string_view>(payload), "payload");
}

TEST(Records, anyDamageIsNamed) {
    std::string sealed = seal("raft/state", "payload");
    std::string flipped = sealed;
    flipped.back() = static_cast<char>(flipped.back() ^ 1);
    EXPECT_EQ(error_of(unseal("raft/state", flipped)), "checksum mismatch");
    EXPECT_EQ(error_of(unseal("raft/log/1", sealed)), "checksum mismatch");  // moved record
    std::string newer = sealed;
    newer[0] = 7;
    EXPECT_EQ(error_of(unseal("raft/state", newer)), "record version 7, expected 1");
    EXPECT_EQ(error_of(unseal("raft/state", "ab")), "record of 2 bytes is shorter than its header");
}

TEST(Records, batchesRoundTripAndTruncationIsRefused) {
    const Batch batch{{Op::Kind::Put, "raft/state", seal("raft/state", "x")},
                      {Op::Kind::DeleteRange, "raft/log/00000000000000000003", "raft/log/~"}};
    const std::string bytes = encode_batch(batch);
    EXPECT_EQ(decode_batch(bytes), batch);
    for (std::size_t cut = 1; cut < bytes.size(); ++cut) {
        const auto decoded = decode_batch(std::string_view(bytes).substr(0, cut));
        EXPECT_TRUE(!decoded || decoded->size() < batch.size()) << "cut at " << cut;
    }
    EXPECT_FALSE(decode_batch(std::string(1, '\x09')));
}

std::vector<Record> records_of_state(const AnyDurableState& state) {
    std::vector<Record> records;
    for (Op& op : records_of(state)) {
        if (op.kind == Op::Kind::Put) {
            records.emplace_back(std::move(op.key), std::move(op.value));
        }
    }
    return records;
}

TEST(Records, aGapInTheLogOrAStrangeKeyStopsTheLoad) {
    raft::DurableState state;
    state.hard_state = {3, 2};
    for (raft::Term term = 1; term <= 3; ++term) {
        state.log.push_back(raft::Entry{term, Command::make_noop()});
    }
    std::vector<Record> records = records_of_state(any_durable_state<raft::Protocol>(state));
    const auto loaded = load(Algorithm::Raft, records);
    ASSERT_TRUE(std::holds_alternative<AnyDurableState>(loaded));
    EXPECT_EQ(std::get<AnyDurableState>(loaded), any_durable_state<raft::Protocol>(state));

    std::vector<Record> gap = records;  // raft/state, then the log in order
    gap.erase(gap.begin() + 1);
    const auto with_gap = load(Algorithm::Raft, gap);
    ASSERT_TRUE(std::holds_alternative<LoadError>(with_gap));
    EXPECT_EQ(std::get<LoadError>(with_gap).what(),
              "record raft/log/00000000000000000002: log entry 1 is missing");

    std::vector<Record> strange = records;
    strange.emplace_back("paxos/state", seal("paxos/state", ""));
    EXPECT_EQ(std::get<LoadError>(load(Algorithm::Raft, strange)).what(),
              "record paxos/state: not a Raft record");

    std::vector<Record> damaged = records;
    damaged[2].second[6] ^= 0x10;
    EXPECT_EQ(std::get<LoadError>(load(Algorithm::Raft, damaged)).what(),
              "record raft/log/00000000000000000002: checksum mismatch");
}

// A store in memory that applies batches as IndexedDB would.
struct MemoryStore {
    std::map<std::string, std::string> records;

    void apply(const Batch& batch) {
        for (const Op& op : batch) {
            if (op.kind == Op::Kind::Put) {
                records[op.key] = op.value;
            } else {
                records.erase(records.lower_bound(op.key), records.lower_bound(op.value));
            }
        }
    }
    AnyDurableState load_state(Algorithm algorithm) const {
        auto loaded = load(algorithm, std::vector<Record>(records.begin(), records.end()));
        if (auto* error = std::get_if<LoadError>(&loaded)) {
            ADD_FAILURE() << error->what();
            return AnyDurableState();
        }
        return std::get<AnyDurableState>(std::move(loaded));
    }
};

// A client's command as the protocol's clients send them (its descriptor
// says whether they propose values or write keys).
template <Protocol P>
Command client_command(int n) {
    Command command;
    command.kind = P::kClientsPropose ? OperationKind::Propose : OperationKind::Put;
    command.key = "k" + std::to_string(n % 3);
    command.value = "v" + std::to_string(n);
    return command;
}

// What the simulator sent with ids [first, end), copies the network made
// aside, in the wire codec.
template <Protocol P>
std::vector<std::string> sent_by_simulator(const Cluster& cluster, std::uint64_t first,
                                           std::uint64_t end) {
    std::vector<std::string> sent;
    for (std::uint64_t id = first; id < end; ++id) {
        const sim::InFlight* flight = cluster.in_flight().find(id);
        EXPECT_NE(flight, nullptr) << "message " << id;
        if (flight != nullptr && !flight->duplicate) {
            sent.push_back(wire::encode(cluster.nodes<P>().message(*flight)));
        }
    }
    return sent;
}

StoredNode::Output take(StoredNode& twin, const sim::NodeInput& input) {
    if (!input.message) {
        return twin.fire_timer(input.now_us);
    }
    auto stepped = twin.step(*input.message, input.now_us);
    if (!std::holds_alternative<StoredNode::Output>(stepped)) {
        ADD_FAILURE() << "node " << input.node << " refused a message at " << input.now_us;
        return {};
    }
    return std::get<StoredNode::Output>(std::move(stepped));
}

// Runs a cluster with crashes and clients; twins take every input its nodes
// take. Checks every twin's messages against the simulator's and every
// twin's records against the simulator's durable state.
template <Protocol P>
void run_twins(std::uint64_t seed) {
    ClusterConfig config = ClusterConfig::of<P>();
    config.nodes = 5;
    config.seed = seed;
    config.record_node_inputs = true;
    const Algorithm algorithm = *algorithm_of(config.protocol);
    Cluster cluster(config);
    std::vector<std::optional<StoredNode>> twins(config.nodes + 1);
    std::vector<MemoryStore> stores(config.nodes + 1);
    for (NodeId id = 1; id <= config.nodes; ++id) {
        twins[id].emplace(config, id, 0, cluster.durable(id), 0);
    }
    int clients = 0;
    for (std::size_t round = 0; round < 4000 && !cluster.violation(); ++round) {
        if (round % 40 == 0) {
            cluster.start_client(client_command<P>(++clients));
        }
        if (round % 500 == 250) {
            const NodeId victim = static_cast<NodeId>(1 + (round / 500) % config.nodes);
            cluster.crash(victim);
            twins[victim].reset();
        }
        if (round % 500 == 400) {
            const NodeId victim = static_cast<NodeId>(1 + (round / 500) % config.nodes);
            cluster.restart(victim);
            ASSERT_EQ(stores[victim].load_state(algorithm), cluster.durable(victim));
            twins[victim].emplace(config, victim, cluster.incarnation(victim),
                                  stores[victim].load_state(algorithm), cluster.now());
        }
        cluster.step();  // Paxos runs out of events between clients
        for (const sim::NodeInput& input : cluster.take_node_inputs()) {
            StoredNode::Output output = take(*twins[input.node], input);
            stores[input.node].apply(output.writes);
            ASSERT_EQ(output.messages,
                      sent_by_simulator<P>(cluster, input.first_sent_id, input.end_sent_id))
                << "node " << input.node << " at " << input.now_us;
        }
    }
    ASSERT_FALSE(cluster.violation());
    EXPECT_GT(cluster.events_processed(), 100U);
    for (NodeId id = 1; id <= config.nodes; ++id) {
        EXPECT_EQ(stores[id].load_state(algorithm), cluster.durable(id)) << "node " << id;
        // What a twin says it applied (a worker's answer when asked) is the
        // simulator's node's.
        if (!twins[id] || !cluster.is_up(id)) {
            continue;
        }
        EXPECT_EQ(twins[id]->applied(), cluster.applied(id)) << "node " << id;
        const StateMachine* twin = twins[id]->state_machine();
        const StateMachine* simulated = cluster.state_machine(id);
        ASSERT_EQ(twin == nullptr, simulated == nullptr) << "node " << id;
        if (twin != nullptr) {
            EXPECT_EQ(*twin, *simulated) << "node " << id;
        }
    }
}

TEST(StoredNode, raftTwinSendsTheSameAndStoresTheSame) {
    for (std::uint64_t seed = 1; seed <= 3; ++seed) {
        run_twins<raft::Protocol>(seed);
    }
}

TEST(StoredNode, paxosTwinSendsTheSameAndStoresTheSame) {
    for (std::uint64_t seed = 1; seed <= 3; ++seed) {
        run_twins<paxos::Protocol>(seed);
    }
}

TEST(StoredNode, multiPaxosTwinSendsTheSameAndStoresTheSame) {
    for (std::uint64_t seed = 1; seed <= 3; ++seed) {
        run_twins<multipaxos::Protocol>(seed);
    }
}

// A worker hands its node bytes: those that are no message of the node's
// protocol, or are for another node, are refused, and change nothing.
TEST(StoredNode, bytesThatAreNoMessageForItAreRefused) {
    const ClusterConfig config = default_cluster_config(Algorithm::Raft);
    StoredNode node(config, 1, 0, any_durable_state<raft::Protocol>(), 0);
    const TimeUs deadline = node.next_deadline();
    const auto refusal = [&](std::string_view bytes) {
        auto stepped = node.step(bytes, 0);
        const auto* error = std::get_if<StoredNode::StepError>(&stepped);
        return error != nullptr ? std::optional(*error) : std::nullopt;
    };
    EXPECT_EQ(refusal("not a message"), StoredNode::StepError::Undecodable);
    EXPECT_EQ(refusal(wire::encode(paxos::Message{2, 1, paxos::Prepare{{1, 2}}})),
              StoredNode::StepError::Undecodable);
    EXPECT_EQ(refusal(wire::encode(raft::Message{2, 3, raft::RequestVote{5, 2, 0, 0, false}})),
              StoredNode::StepError::NotForThisNode);
    EXPECT_EQ(node.next_deadline(), deadline);
}

}  // namespace
}  // namespace quorum::store
