// The wire format pinned byte for byte (docs/design.md, "The wire format"):
// one fixed datagram per message type of every protocol, the client
// messages, the status exchange and a fragment header. Native nodes, workers
// and stored records of different builds must understand each other, so a
// change of layout has to be a decision: if one of these vectors changes,
// bump kWireVersion (quorum/wire/codec.hpp), update kPinnedVersion below and
// the vectors, and say why in the commit. The round-trip tests
// (codec_test.cpp) cannot see a layout change; these can.
#include "quorum/wire/codec.hpp"
#include "quorum/wire/fragments.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "quorum/protocols.hpp"

namespace quorum::wire {
namespace {

// The version these vectors belong to.
constexpr std::uint8_t kPinnedVersion = 2;

std::string hex(std::string_view bytes) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string text;
    for (const char c : bytes) {
        const auto byte = static_cast<std::uint8_t>(c);
        text += kDigits[byte >> 4];
        text += kDigits[byte & 15];
    }
    return text;
}

std::string unhex(std::string_view text) {
    std::string bytes;
    for (std::size_t i = 0; i + 1 < text.size(); i += 2) {
        bytes += static_cast<char>(std::stoi(std::string(text.substr(i, 2)), nullptr, 16));
    }
    return bytes;
}

Command command() {
    Command command;
    command.client = 7;
    command.sequence = 3;
    command.kind = OperationKind::Put;
    command.key = "k";
    command.value = "v";
    return command;
}

template <typename Payload>
struct Golden {
    const char* name;
    Datagram<Payload> datagram;
    const char* bytes;  // hex
};

// Each vector encodes to its bytes, and the bytes decode to the datagram.
template <typename Payload>
void expect_pinned(const std::vector<Golden<Payload>>& goldens) {
    for (const auto& golden : goldens) {
        EXPECT_EQ(hex(encode(golden.datagram)), golden.bytes)
            << golden.name << ": the layout changed; bump kWireVersion (see the file's header)";
        const auto decoded = decode<Payload>(unhex(golden.bytes));
        ASSERT_TRUE(std::holds_alternative<Datagram<Payload>>(decoded)) << golden.name;
        EXPECT_EQ(std::get<Datagram<Payload>>(decoded), golden.datagram) << golden.name;
    }
}

TEST(WireGolden, theVersionIsThePinnedOne) {
    EXPECT_EQ(kWireVersion, kPinnedVersion)
        << "a new version needs new golden vectors: update them and kPinnedVersion together";
}

TEST(WireGolden, raftMessages) {
    using raft::Payload;
    expect_pinned<Payload>({
        {"RequestVote",
         {1, 2, raft::RequestVote{5, 1, 9, 4, true}},
         "5157020101000000020000000500000000000000010000000900000000000000040000000000000001"},
        {"RequestVoteResponse",
         {2, 1, raft::RequestVoteResponse{5, true, false}},
         "51570202020000000100000005000000000000000100"},
        {"AppendEntries",
         {1, 3, raft::AppendEntries{6, 1, 2, 5, {{6, command()}, {6, Command::make_noop()}}, 2}},
         "51570203010000000300000006000000000000000100000002000000000000000500000000000000020000000"
         "60000000000000007000000030000000000000000010000006b01000000760006000000000000000000000000"
         "00000000000000000000000000000000010200000000000000"},
        {"AppendEntriesResponse",
         {3, 1, raft::AppendEntriesResponse{6, false, 0, 5, 2, 3}},
         "51570204030000000100000006000000000000000000000000000000000500000000000000020000000000000"
         "00300000000000000"},
        {"InstallSnapshot",
         {1, 3,
          raft::InstallSnapshot{
              6, 1,
              raft::Snapshot{4, 6, StateMachineImage{{{"k", "v"}}, 2, {{7, 3, false, "x"}}}}}},
         "51570213010000000300000006000000000000000100000004000000000000000600000000000000010000000"
         "10000006b010000007602000000000000000100000007000000030000000000000000010100000078"},
        {"InstallSnapshotResponse",
         {3, 1, raft::InstallSnapshotResponse{6, 4}},
         "51570214030000000100000006000000000000000400000000000000"},
    });
}

TEST(WireGolden, paxosMessages) {
    using paxos::Payload;
    expect_pinned<Payload>({
        {"Prepare",
         {1, 2, paxos::Prepare{{3, 1}}},
         "515702070100000002000000030000000000000001000000"},
        {"Promise",
         {2, 1, paxos::Promise{{3, 1}, paxos::Proposal{{2, 2}, "a"}}},
         "515702080200000001000000030000000000000001000000010200000000000000020000000100000061"},
        {"Promise (nothing accepted)",
         {2, 1, paxos::Promise{{3, 1}, std::nullopt}},
         "51570208020000000100000003000000000000000100000000"},
        {"Accept",
         {1, 2, paxos::Accept{{3, 1}, "a"}},
         "5157020901000000020000000300000000000000010000000100000061"},
        {"Accepted",
         {2, 1, paxos::Accepted{{3, 1}, "a"}},
         "5157020a02000000010000000300000000000000010000000100000061"},
        {"Nack",
         {2, 1, paxos::Nack{{3, 1}, {4, 2}}},
         "5157020b0200000001000000030000000000000001000000040000000000000002000000"},
    });
}

TEST(WireGolden, multiPaxosMessages) {
    using multipaxos::Payload;
    const multipaxos::Decree decree{command(), std::nullopt};
    const multipaxos::Decree reconfiguration{Command::make_noop(),
                                             multipaxos::Configuration{{1}, {1, 2, 3}}};
    expect_pinned<Payload>({
        {"Propose",
         {1, 2, multipaxos::Propose{4, reconfiguration, {{1}, {1, 2, 3}}, 3}},
         "5157020c010000000200000004000000000000000000000000000000000000000000000000000000000101010"
         "00000010000000300000001000000020000000300000001000000010000000300000001000000020000000300"
         "00000300000000000000"},
        {"P1a",
         {1, 2, multipaxos::P1a{{2, 1}}},
         "5157020d0100000002000000020000000000000001000000"},
        {"P1b",
         {2, 1, multipaxos::P1b{{2, 1}, {2, 1}, {{{1, 3}, 4, decree}}}},
         "5157020e020000000100000002000000000000000100000002000000000000000100000001000000010000000"
         "000000003000000040000000000000007000000030000000000000000010000006b01000000760000"},
        {"P2a",
         {1, 2, multipaxos::P2a{{{2, 1}, 4, decree}}},
         "5157020f010000000200000002000000000000000100000004000000000000000700000003000000000000000"
         "0010000006b01000000760000"},
        {"P2b",
         {2, 1, multipaxos::P2b{{2, 1}, 4, {2, 1}}},
         "515702100200000001000000020000000000000001000000040000000000000002000000000000000100000"
         "0"},
        {"Decision",
         {1, 3, multipaxos::Decision{4, decree}},
         "515702110100000003000000040000000000000007000000030000000000000000010000006b0100000076000"
         "0"},
        {"LeaderHeartbeat",
         {1, 3, multipaxos::LeaderHeartbeat{{2, 1}, 4}},
         "5157021201000000030000000200000000000000010000000400000000000000"},
    });
}

// The client messages and the status exchange are the same bytes whatever
// the protocol: pinned through Raft's decoder and checked through the others.
TEST(WireGolden, clientMessagesAndStatus) {
    std::vector<Golden<raft::Payload>> goldens = {
        {"ClientRequest",
         {1007, 1, ClientRequest{command()}},
         "51570205ef0300000100000007000000030000000000000000010000006b010000007600"},
        {"ClientResponse",
         {1, 1007, ClientResponse{7, 3, ClientResponse::Status::Ok, {true, "old"}, 1}},
         "5157020601000000ef030000070000000300000000000000000101030000006f6c6401000000"},
        {"ClientResponse (not leader)",
         {2, 1007,
          ClientResponse{7, 3, ClientResponse::Status::NotLeader, {false, std::nullopt}, 1}},
         "5157020602000000ef03000007000000030000000000000001000001000000"},
        {"StatusRequest",
         {1007, 1, StatusRequest{0x0102030405060708ULL}},
         "51570264ef030000010000000807060504030201"},
        {"StatusResponse",
         {1, 1007,
          StatusResponse{0x0102030405060708ULL,
                         NodeStatus{1, "raft", "leader", 2, 3, 4, 1, 5, {{"garbage", 1}}}}},
         "5157026501000000ef0300000807060504030201010000000400000072616674060000006c656164657202000"
         "00000000000030000000000000004000000000000000100000005000000000000000100000007000000676172"
         "626167650100000000000000"},
    };
    expect_pinned(goldens);
    for (const auto& golden : goldens) {
        const auto as_paxos = decode<paxos::Payload>(unhex(golden.bytes));
        const auto as_multipaxos = decode<multipaxos::Payload>(unhex(golden.bytes));
        EXPECT_TRUE(std::holds_alternative<Datagram<paxos::Payload>>(as_paxos)) << golden.name;
        EXPECT_TRUE(std::holds_alternative<Datagram<multipaxos::Payload>>(as_multipaxos))
            << golden.name;
    }
}

TEST(WireGolden, fragmentHeader) {
    const std::string datagram(kFragmentPayloadSize + 3, 'x');
    const auto fragments = split_into_fragments(datagram, 0x01020304);
    ASSERT_EQ(fragments.size(), 2u);
    EXPECT_EQ(hex(fragments[1]), "514602040302010102787878");
}

}  // namespace
}  // namespace quorum::wire
