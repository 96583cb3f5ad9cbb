// The wasm node's host-independent half (shell/worker/server_node.hpp),
// checked natively against quorum-node's: the same cluster config, so a
// mixed cluster times failures alike, and the same answers on the wire.
#include "server_node.hpp"

#include <gtest/gtest.h>

#include <string>

#include "driver.hpp"  // shell/node: quorum-node's process_cluster_config
#include "quorum/wire/codec.hpp"

namespace quorum::worker {
namespace {

TEST(ServerNode, BuildsTheClusterConfigOfQuorumNode) {
    for (const Algorithm algorithm : all_algorithms()) {
        for (std::size_t nodes = 1; nodes <= 5; ++nodes) {
            EXPECT_EQ(process_cluster_config(algorithm, nodes, 42),
                      node::process_cluster_config(algorithm, nodes, 42))
                << algorithm_name(algorithm) << " with " << nodes << " nodes";
        }
    }
}

TEST(ServerNode, AnswersStatusAndCountsGarbagePerKind) {
    const EndpointKey me = endpoint_key(0x7F000001, 7001);
    const EndpointKey client = endpoint_key(0x7F000001, 40000);
    ServerNode node(Algorithm::Raft, {{1, me}, {2, endpoint_key(0x7F000001, 7002)}}, 1, 7, {}, 0);
    node.receive("not a datagram", client, 10);
    node.receive("QW", client, 10);
    const wire::Datagram<wire::ClientPayload> ask{kClientAddressBase + 5, 1,
                                                  wire::StatusRequest{99}};
    node.receive(wire::encode(ask), client, 10);
    const auto turn = node.flush();
    ASSERT_EQ(turn.datagrams.size(), 1u);
    EXPECT_EQ(turn.datagrams[0].to, client);
    auto answer = wire::decode<wire::ClientPayload>(turn.datagrams[0].bytes);
    ASSERT_TRUE((std::holds_alternative<wire::Datagram<wire::ClientPayload>>(answer)));
    const auto& body = std::get<wire::Datagram<wire::ClientPayload>>(answer).body;
    const auto& status = std::get<wire::StatusResponse>(body);
    EXPECT_EQ(status.nonce, 99u);
    EXPECT_EQ(status.status.datagrams_received, 3u);
    EXPECT_EQ(status.status.algorithm, "raft");
    using Count = std::pair<std::string, std::uint64_t>;
    EXPECT_EQ(status.status.dropped, (std::vector<Count>{{"garbage", 1}, {"truncated", 1}}));
    EXPECT_NE(node.take_log().find("dropped a datagram (garbage) from 127.0.0.1:40000"),
              std::string::npos);
}

}  // namespace
}  // namespace quorum::worker
