// Multi-Paxos node: the roles' rules one input at a time (acceptor, bad
// input, redirects), then whole clusters driven by a deterministic in-test
// host (driver.hpp): ordering, failover, dueling leaders, reconfiguration,
// retries, restarts. The checker runs after every event in every test here.
#include "quorum/multipaxos/node.hpp"

#include <gtest/gtest.h>

#include "../sent_messages.hpp"
#include "driver.hpp"

namespace quorum::multipaxos {
namespace {

using quorum::testing::sent;

using testing::add;
using testing::Driver;
using testing::kMs;
using testing::put;
using testing::scenario_config;

Node make_node(NodeId id, Config config = scenario_config(), DurableState durable = {}) {
    return Node(id, std::move(config), std::move(durable), Random(42).fork(id), 0);
}

Decree decree_of(const Command& command) {
    return Decree{command, std::nullopt};
}

// -----------------------------------------------------------------------------
// Acceptor (PMMC Figure 4), through the node
// -----------------------------------------------------------------------------

TEST(MultiPaxosAcceptor, p1a_higherBallot_isAdoptedAndPersistedBeforeP1b) {
    Node acceptor = make_node(3);
    const Ready ready = acceptor.step(Message{1, 3, P1a{{1, 1}}}, 10 * kMs);
    ASSERT_TRUE(ready.acceptor_ballot.has_value());
    EXPECT_EQ(*ready.acceptor_ballot, (Ballot{1, 1}));
    const auto replies = sent<P1b>(ready);
    ASSERT_EQ(replies.size(), 1u);
    EXPECT_EQ(replies[0].first, 1u);
    EXPECT_EQ(replies[0].second.ballot, (Ballot{1, 1}));
    EXPECT_EQ(replies[0].second.request_ballot, (Ballot{1, 1}));
}

TEST(MultiPaxosAcceptor, p1a_lowerBallot_keepsPromiseAndAnswersWithIt) {
    Node acceptor = make_node(3);
    acceptor.step(Message{2, 3, P1a{{2, 2}}}, 10 * kMs);
    const Ready ready = acceptor.step(Message{1, 3, P1a{{1, 1}}}, 11 * kMs);
    EXPECT_FALSE(ready.acceptor_ballot.has_value());
    EXPECT_EQ(sent<P1b>(ready).at(0).second.ballot, (Ballot{2, 2}));
}

TEST(MultiPaxosAcceptor, p2a_acceptsAtItsBallotAndRefusesBelow) {
    Node acceptor = make_node(3);
    const PValue pvalue{{1, 1}, 1, decree_of(put(1, 1, "x", "1"))};
    Ready ready = acceptor.step(Message{1, 3, P2a{pvalue}}, 10 * kMs);
    ASSERT_EQ(ready.accepted.size(), 1u);
    EXPECT_EQ(ready.accepted[0], pvalue);
    EXPECT_EQ(sent<P2b>(ready).at(0).second.ballot, (Ballot{1, 1}));

    acceptor.step(Message{2, 3, P1a{{2, 2}}}, 11 * kMs);
    const PValue stale{{1, 1}, 2, decree_of(put(1, 2, "y", "2"))};
    ready = acceptor.step(Message{1, 3, P2a{stale}}, 12 * kMs);
    EXPECT_TRUE(ready.accepted.empty());
    EXPECT_EQ(sent<P2b>(ready).at(0).second.ballot, (Ballot{2, 2}));  // a preemption
    EXPECT_FALSE(acceptor.acceptor().accepted().contains(2));
}

TEST(MultiPaxosAcceptor, restart_keepsBallotAndAcceptedPValues) {
    Node acceptor = make_node(4);
    DurableState durable;
    const PValue pvalue{{3, 2}, 7, decree_of(put(1, 1, "x", "1"))};
    acceptor.step(Message{2, 4, P1a{{3, 2}}}, 10 * kMs).persist_to(durable);
    acceptor.step(Message{2, 4, P2a{pvalue}}, 11 * kMs).persist_to(durable);
    acceptor.step(Message{1, 4, P1a{{4, 1}}}, 12 * kMs).persist_to(durable);

    const Node restarted = make_node(4, scenario_config(), durable);
    EXPECT_EQ(restarted.acceptor().ballot_num(), (Ballot{4, 1}));
    ASSERT_TRUE(restarted.acceptor().accepted().contains(7));
    EXPECT_EQ(restarted.acceptor().accepted().at(7), pvalue);
    EXPECT_EQ(restarted.durable_state(), acceptor.durable_state());
}

// -----------------------------------------------------------------------------
// Bad input and redirects
// -----------------------------------------------------------------------------

TEST(MultiPaxosNode, badInput_isIgnoredWithoutACrash) {
    Node node = make_node(3);
    const DurableState before = node.durable_state();
    const Decree command = decree_of(put(1, 1, "x", "1"));
    const std::vector<Message> bad = {
        Message{42, 3, P1a{{1, 1}}},                                     // unknown sender
        Message{3, 3, P1a{{1, 1}}},                                      // "from itself"
        Message{1, 5, P1a{{1, 1}}},                                      // not addressed to it
        Message{1, 3, P1a{{~std::uint64_t{0}, 1}}},                      // absurd round
        Message{1, 3, P1a{{1, 77}}},                                     // ballot of no node
        Message{1, 3, P2a{PValue{{1, 1}, 0, command}}},                  // slot 0
        Message{1, 3, P2a{PValue{{1, 1}, ~std::uint64_t{0}, command}}},  // absurd slot
        Message{1, 3, Decision{~std::uint64_t{0}, command}},
        Message{1, 3, Propose{1, command, Configuration{{}, {3}}, 1}},  // no leaders
        Message{1, 3, P1b{{1, 1}, {~std::uint64_t{0}, 1}, {}}},
        Message{1, 3, P2b{{1, 1}, 0, {1, 1}}},
        // Another protocol's message cannot reach it: its Payload has no
        // alternative for one, and over the wire it does not decode.
    };
    for (const Message& message : bad) {
        const Ready ready = node.step(message, 10 * kMs);
        EXPECT_TRUE(ready.messages.empty()) << type_name(message.payload);
        EXPECT_FALSE(ready.has_durable_writes()) << type_name(message.payload);
    }
    EXPECT_EQ(node.durable_state(), before);
}

TEST(MultiPaxosNode, clientRequestToANonReplica_isRedirectedToAReplica) {
    Node acceptor = make_node(4);
    const Command command = put(2, 1, "x", "1");
    const Ready ready =
        acceptor.step(Message{kClientAddressBase + 2, 4, ClientRequest{command}}, 0);
    const auto responses = sent<ClientResponse>(ready);
    ASSERT_EQ(responses.size(), 1u);
    EXPECT_EQ(responses[0].first, kClientAddressBase + 2);
    EXPECT_EQ(responses[0].second.status, ClientResponse::Status::NotLeader);
    EXPECT_EQ(responses[0].second.leader_hint, 1u);
}

TEST(MultiPaxosNode, roles_followTheConfiguration) {
    EXPECT_EQ(make_node(1).roles(), (Roles{true, true, false}));
    EXPECT_EQ(make_node(3).roles(), (Roles{true, false, true}));
    EXPECT_EQ(make_node(5).roles(), (Roles{false, false, true}));
    EXPECT_EQ(make_node(5).next_deadline(), kNoDeadline);  // a pure acceptor wants no tick
}

TEST(MultiPaxosNode, restartedLeader_neverReusesABallot) {
    Node leader = make_node(1);
    DurableState durable;
    leader.fire_timer(200 * kMs).persist_to(durable);  // starts a scout
    const Ballot used = leader.leader()->ballot_num();
    EXPECT_EQ(durable.leader_ballot, used);
    Node restarted = make_node(1, scenario_config(), durable);
    restarted.fire_timer(400 * kMs);
    EXPECT_GT(restarted.leader()->ballot_num(), used);
}

// -----------------------------------------------------------------------------
// Clusters
// -----------------------------------------------------------------------------

void expect_replicas_agree(Driver& driver, Slot slots) {
    ASSERT_TRUE(driver.alive(1));
    const StateMachine& reference = driver.node(1).state_machine();
    for (NodeId replica : {1u, 2u, 3u}) {
        if (!driver.alive(replica)) {
            continue;
        }
        EXPECT_GE(driver.node(replica).decided_slots(), slots) << "replica " << replica;
        EXPECT_EQ(driver.node(replica).state_machine(), reference) << "replica " << replica;
    }
    EXPECT_TRUE(driver.checker().ok()) << driver.checker().violation()->to_string();
}

TEST(MultiPaxosCluster, clientCommands_areDecidedInOrderAndAppliedOnAllReplicas) {
    Driver driver(scenario_config(), 5);
    // Twelve clients, one command each, through the three replicas.
    for (ClientId client = 1; client <= 12; ++client) {
        driver.client_request(1 + client % 3, put(client, 1, "k", std::to_string(client)));
    }
    ASSERT_TRUE(driver.run_until([&] { return driver.all_replicas_applied(12); }, 5000 * kMs));
    driver.run_for(10 * kMs);  // the last answers are on their way
    expect_replicas_agree(driver, 12);
    for (ClientId client = 1; client <= 12; ++client) {
        EXPECT_TRUE(driver.answered(client, 1)) << client;
    }
    // Every replica applied slots 1..12 in order (the checker says so too).
    std::map<NodeId, Slot> last;
    for (const auto& [node, entry] : driver.applied()) {
        EXPECT_EQ(entry.slot, last[node] + 1);
        last[node] = entry.slot;
    }
}

TEST(MultiPaxosCluster, crashedActiveLeader_isReplacedAndCommandsStillGetDecided) {
    Driver driver(scenario_config(), 5);
    driver.client_request(1, put(1, 1, "a", "1"));
    ASSERT_TRUE(driver.run_until([&] { return driver.all_replicas_applied(1); }, 2000 * kMs));
    const NodeId first = driver.active_leader();
    ASSERT_NE(first, kNoNode);
    driver.crash(first);
    const NodeId survivor = first == 1 ? 2 : 1;
    driver.client_request(3, put(3, 1, "b", "2"));
    driver.client_request(survivor, put(survivor, 1, "c", "3"));
    ASSERT_TRUE(driver.run_until(
        [&] {
            return driver.node(3).decided_slots() >= 3 &&
                   driver.node(survivor).decided_slots() >= 3;
        },
        3000 * kMs));
    EXPECT_EQ(driver.active_leader(), survivor);
    EXPECT_EQ(driver.node(3).state_machine().value("c"), "3");
    EXPECT_TRUE(driver.checker().ok()) << driver.checker().violation()->to_string();
}

TEST(MultiPaxosCluster, twoLeadersCompeting_backOffAndMakeProgress) {
    Driver driver(scenario_config(), 5);
    // Both leaders start scouts at the same moment, again and again: without
    // randomized backoff they could preempt each other forever.
    for (int round = 0; round < 3; ++round) {
        driver.fire_timer(1);
        driver.fire_timer(2);
        driver.run_for(2 * kMs);
    }
    for (std::uint64_t i = 1; i <= 6; ++i) {
        driver.client_request(static_cast<NodeId>(1 + i % 3),
                              add(static_cast<ClientId>(1 + i % 3), i, 1));
    }
    ASSERT_TRUE(driver.run_until([&] { return driver.all_replicas_applied(6); }, 5000 * kMs));
    EXPECT_EQ(driver.node(1).state_machine().counter(), 6);
    EXPECT_NE(driver.active_leader(), kNoNode);
    expect_replicas_agree(driver, 6);
}

TEST(MultiPaxosCluster, reconfiguration_decidedInSlotS_takesEffectAtSPlusWindow) {
    Config config = scenario_config();
    config.window = 3;
    Driver driver(config, 5);
    driver.client_request(1, put(1, 1, "x", "1"));
    ASSERT_TRUE(driver.run_until([&] { return driver.all_replicas_applied(1); }, 2000 * kMs));
    // Leaders {1, 2} -> {2}; acceptors {3, 4, 5} -> {1, 2, 3}.
    const Configuration next{{2}, {1, 2, 3}};
    driver.reconfigure(1, next);
    ASSERT_TRUE(driver.run_until([&] { return driver.all_replicas_applied(2); }, 2000 * kMs));
    Slot reconfigured_at = 0;
    for (const auto& [slot, decree] : driver.node(1).replica()->decisions()) {
        if (decree.reconfiguration) {
            reconfigured_at = slot;
        }
    }
    ASSERT_EQ(reconfigured_at, 2u);
    const Slot effective = reconfigured_at + config.window;
    EXPECT_EQ(driver.node(2).replica()->configuration_for(effective - 1),
              config.initial_configuration());
    EXPECT_EQ(driver.node(2).replica()->configuration_for(effective), next);

    for (std::uint64_t i = 2; i <= 10; ++i) {
        driver.client_request(static_cast<NodeId>(1 + i % 3),
                              put(static_cast<ClientId>(1 + i % 3), i, "x", std::to_string(i)));
    }
    ASSERT_TRUE(driver.run_until([&] { return driver.all_replicas_applied(11); }, 5000 * kMs));
    expect_replicas_agree(driver, 11);
    // Slots before s + WINDOW were accepted by the old acceptors only, the
    // later ones by the new ones only.
    for (Slot slot = 1; slot <= 11; ++slot) {
        const bool new_configuration = slot >= effective;
        EXPECT_EQ(driver.node(5).acceptor().accepted().contains(slot), !new_configuration) << slot;
        EXPECT_EQ(driver.node(1).acceptor().accepted().contains(slot), new_configuration) << slot;
    }
    // Leader 1 left the configuration: it retired, and leader 2 leads.
    EXPECT_TRUE(driver.node(1).leader()->retired());
    EXPECT_EQ(driver.active_leader(), 2u);
}

TEST(MultiPaxosCluster, retriedClientCommand_isAppliedOnce) {
    Driver driver(scenario_config(), 5);
    // The first answer is lost: the client retries through another replica.
    driver.drop_if = [](const Message& message) {
        return std::holds_alternative<ClientResponse>(message.payload) && message.from == 1;
    };
    driver.client_request(1, add(9, 1, 5));
    ASSERT_TRUE(driver.run_until([&] { return driver.all_replicas_applied(1); }, 2000 * kMs));
    EXPECT_FALSE(driver.answered(9, 1));
    driver.client_request(2, add(9, 1, 5));
    ASSERT_TRUE(driver.run_until([&] { return driver.answered(9, 1); }, 2000 * kMs));
    ASSERT_TRUE(driver.run_until([&] { return driver.all_replicas_applied(2); }, 2000 * kMs));
    // Decided in two slots, applied once.
    EXPECT_EQ(driver.node(1).replica()->decisions().at(1),
              driver.node(1).replica()->decisions().at(2));
    for (NodeId replica : {1u, 2u, 3u}) {
        EXPECT_EQ(driver.node(replica).state_machine().counter(), 5) << replica;
    }
    EXPECT_TRUE(driver.checker().ok());
}

// Beyond PMMC (reliable channels): a replica that lost the last Decision,
// with no later one to show it the hole, learns of it from the active
// leader's heartbeat (`decided`) and asks for it again.
TEST(MultiPaxosCluster, replicaThatLostTheLastDecision_learnsItFromHeartbeats) {
    Driver driver(scenario_config(), 5);
    bool dropped = false;
    driver.drop_if = [&](const Message& message) {
        const auto* decision = std::get_if<Decision>(&message.payload);
        if (decision != nullptr && message.to == 3 && !dropped) {
            dropped = true;
            return true;
        }
        return false;
    };
    driver.client_request(1, put(1, 1, "x", "1"));
    ASSERT_TRUE(driver.run_until([&] { return dropped; }, 2000 * kMs));
    EXPECT_EQ(driver.node(3).decided_slots(), 0u);
    ASSERT_TRUE(driver.run_until([&] { return driver.all_replicas_applied(1); }, 2000 * kMs));
    EXPECT_EQ(driver.node(3).state_machine().value("x"), "1");
    EXPECT_TRUE(driver.checker().ok());
}

TEST(MultiPaxosCluster, acceptorRestart_keepsBallotAndAcceptedPValues) {
    Driver driver(scenario_config(), 5);
    for (std::uint64_t i = 1; i <= 4; ++i) {
        driver.client_request(1, put(1, i, "k", std::to_string(i)));
    }
    ASSERT_TRUE(driver.run_until([&] { return driver.all_replicas_applied(4); }, 3000 * kMs));
    const Ballot ballot = driver.node(4).acceptor().ballot_num();
    const auto accepted = driver.node(4).acceptor().accepted();
    EXPECT_FALSE(ballot.is_bottom());
    EXPECT_EQ(accepted.size(), 4u);
    driver.crash(4);
    driver.restart(4);
    EXPECT_EQ(driver.node(4).acceptor().ballot_num(), ballot);
    EXPECT_EQ(driver.node(4).acceptor().accepted(), accepted);
    driver.client_request(2, put(2, 1, "k", "after"));
    ASSERT_TRUE(driver.run_until([&] { return driver.all_replicas_applied(5); }, 3000 * kMs));
    EXPECT_TRUE(driver.checker().ok());
}

TEST(MultiPaxosCluster, restartedReplica_rebuildsItsStateMachineFromItsDecisions) {
    Driver driver(scenario_config(), 5);
    for (std::uint64_t i = 1; i <= 3; ++i) {
        driver.client_request(3, put(3, i, "k" + std::to_string(i), "v"));
    }
    ASSERT_TRUE(driver.run_until([&] { return driver.all_replicas_applied(3); }, 3000 * kMs));
    const StateMachine before = driver.node(3).state_machine();
    driver.crash(3);
    driver.restart(3);
    EXPECT_EQ(driver.node(3).decided_slots(), 3u);
    EXPECT_EQ(driver.node(3).state_machine(), before);
}

// Seeded chaos: lossy network, crashes and restarts of any node, a
// reconfiguration of the acceptors midway; then, healed, every replica catches up and the checker
// never fired.
TEST(MultiPaxosCluster, chaos_staysSafeAndRecovers) {
    for (std::uint64_t seed = 1; seed <= 20; ++seed) {
        Driver driver(scenario_config(), 5, seed);
        Random chaos(seed * 7919);
        driver.loss = 0.1;
        std::uint64_t sequence = 0;
        for (int round = 0; round < 12; ++round) {
            const auto victim = static_cast<NodeId>(chaos.between(1, 5));
            if (chaos.chance(0.3) && driver.alive(victim)) {
                driver.crash(victim);
            } else if (!driver.alive(victim)) {
                driver.restart(victim);
            }
            if (round == 4 && driver.alive(1)) {
                driver.reconfigure(1, Configuration{{1, 2}, {2, 3, 4}});  // acceptors change
            }
            const auto via = static_cast<NodeId>(chaos.between(1, 3));
            if (driver.alive(via)) {
                ++sequence;
                driver.client_request(via, put(1, sequence, "k", std::to_string(sequence)));
            }
            driver.run_for(chaos.between(20, 300) * kMs);
            ASSERT_TRUE(driver.checker().ok())
                << "seed " << seed << ": " << driver.checker().violation()->to_string();
        }
        driver.loss = 0;
        for (NodeId id = 1; id <= 5; ++id) {
            if (!driver.alive(id)) {
                driver.restart(id);
            }
        }
        ++sequence;
        driver.client_request(1, put(1, sequence, "k", "last"));
        ASSERT_TRUE(driver.run_until([&] { return driver.answered(1, sequence); }, 10000 * kMs))
            << "seed " << seed;
        const Slot slots = driver.node(1).decided_slots();
        ASSERT_TRUE(
            driver.run_until([&] { return driver.all_replicas_applied(slots); }, 5000 * kMs))
            << "seed " << seed;
        expect_replicas_agree(driver, slots);
        EXPECT_EQ(driver.node(2).state_machine().value("k"), "last") << "seed " << seed;
    }
}

}  // namespace
}  // namespace quorum::multipaxos

namespace quorum::multipaxos {
namespace {

// The same seed gives the same run, message for message.
TEST(MultiPaxosCluster, sameSeed_sameRun) {
    const auto run = [] {
        Driver driver(scenario_config(), 5, 99);
        driver.loss = 0.1;
        for (ClientId client = 1; client <= 6; ++client) {
            driver.client_request(1 + client % 3, put(client, 1, "k", std::to_string(client)));
            driver.run_for(40 * kMs);
        }
        driver.crash(driver.active_leader() == 2 ? 2 : 1);
        driver.run_for(2000 * kMs);
        return std::make_pair(driver.applied(), driver.messages_sent());
    };
    const auto first = run();
    EXPECT_EQ(first, run());
    EXPECT_FALSE(first.first.empty());
}

}  // namespace
}  // namespace quorum::multipaxos
