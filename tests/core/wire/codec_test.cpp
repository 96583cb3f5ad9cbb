// The wire format (quorum/wire/codec.hpp): every message type of every
// protocol survives a round trip; every cut-off, foreign, future or mangled
// datagram is refused with the right reason and never read past its end (ASan
// watches natively); the encoding is canonical, so whatever decodes
// re-encodes to the same bytes; and a protocol's decoder knows its own
// messages, the client messages and the status exchange, and nothing else.
#include "quorum/wire/codec.hpp"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "quorum/protocols.hpp"
#include "quorum/random.hpp"

namespace quorum::wire {
namespace {

template <typename P>
using PayloadOf = typename P::Node::Message::Payload;
template <typename P>
using MessageOf = typename P::Node::Message;

Command sample_command() {
    Command command;
    command.client = 123456789;
    command.sequence = 42;
    command.kind = OperationKind::Append;
    command.key = "key";
    command.value = std::string("v\0al\xff", 5);
    return command;
}

multipaxos::Decree sample_decree(bool reconfiguration) {
    multipaxos::Decree decree{sample_command(), std::nullopt};
    if (reconfiguration) {
        decree.reconfiguration = multipaxos::Configuration{{1, 2}, {1, 2, 3}};
    }
    return decree;
}

multipaxos::PValue sample_pvalue(multipaxos::Slot slot) {
    return {{7, 2}, slot, sample_decree(slot % 2 == 0)};
}

// The client messages every protocol's payload has, no field at its default.
template <typename Payload>
void add_client_messages(std::vector<Payload>& payloads) {
    payloads.push_back(ClientRequest{sample_command()});
    payloads.push_back(ClientResponse{77, 5, ClientResponse::Status::NotLeader, {false, "x"}, 3});
    payloads.push_back(ClientResponse{77, 6, ClientResponse::Status::Ok, {true, std::nullopt}, 0});
}

// One of every alternative of a protocol's Payload, no field at its default.
template <typename P>
std::vector<PayloadOf<P>> every_payload();

template <>
std::vector<raft::Payload> every_payload<raft::Protocol>() {
    std::vector<raft::Payload> payloads = {
        raft::RequestVote{5, 3, 17, 4, true},
        raft::RequestVoteResponse{5, true, true},
        raft::AppendEntries{9, 2, 10, 8, {{8, sample_command()}, {9, Command::make_noop()}}, 7},
        raft::AppendEntriesResponse{9, true, 12, 3, 4, 20},
        raft::InstallSnapshot{
            9, 2, raft::Snapshot{12, 8, StateMachineImage{{{"a", "1"}}, 5, {{77, 4, false, "x"}}}}},
        raft::InstallSnapshotResponse{9, 12},
    };
    add_client_messages(payloads);
    return payloads;
}

template <>
std::vector<paxos::Payload> every_payload<paxos::Protocol>() {
    std::vector<paxos::Payload> payloads = {
        paxos::Prepare{{3, 1}},
        paxos::Promise{{3, 1}, paxos::Proposal{{2, 2}, "v2"}},
        paxos::Promise{{3, 1}, std::nullopt},
        paxos::Accept{{3, 1}, "v"},
        paxos::Accepted{{3, 1}, "v"},
        paxos::Nack{{3, 1}, {4, 2}},
    };
    add_client_messages(payloads);
    return payloads;
}

template <>
std::vector<multipaxos::Payload> every_payload<multipaxos::Protocol>() {
    std::vector<multipaxos::Payload> payloads = {
        multipaxos::Propose{4, sample_decree(true), {{1}, {1, 2, 3}}, 3},
        multipaxos::P1a{{2, 1}},
        multipaxos::P1b{{2, 1}, {3, 2}, {sample_pvalue(1), sample_pvalue(2)}},
        multipaxos::P2a{sample_pvalue(5)},
        multipaxos::P2b{{2, 1}, 5, {2, 1}},
        multipaxos::Decision{5, sample_decree(false)},
        multipaxos::LeaderHeartbeat{{2, 1}, 9},
    };
    add_client_messages(payloads);
    return payloads;
}

// Every message of P between two nodes, and the status exchange.
template <typename P>
std::vector<Datagram<PayloadOf<P>>> every_datagram() {
    std::vector<Datagram<PayloadOf<P>>> datagrams;
    for (auto& payload : every_payload<P>()) {
        datagrams.push_back({2, 3, std::move(payload)});
    }
    datagrams.push_back({1000 + 55, 1, StatusRequest{0xfeedfacecafebeefULL}});
    NodeStatus status{2,  std::string(P::kName),           "leader", 4, 10, 11, 2,
                      99, {{"garbage", 3}, {"version", 1}}};
    datagrams.push_back({1, 1055, StatusResponse{0xfeedfacecafebeefULL, status}});
    return datagrams;
}

// --- What holds for every protocol's messages.

template <typename P>
class WireCodecOf : public ::testing::Test {};
using EveryProtocol = ::testing::Types<raft::Protocol, paxos::Protocol, multipaxos::Protocol>;
TYPED_TEST_SUITE(WireCodecOf, EveryProtocol);

TYPED_TEST(WireCodecOf, everyPayloadAlternativeIsCovered) {
    std::vector<bool> seen(std::variant_size_v<PayloadOf<TypeParam>>, false);
    for (const auto& payload : every_payload<TypeParam>()) {
        seen[payload.index()] = true;
    }
    for (std::size_t i = 0; i < seen.size(); ++i) {
        EXPECT_TRUE(seen[i]) << "no sample for Payload alternative " << i;
    }
}

TYPED_TEST(WireCodecOf, everyMessageTypeRoundTrips) {
    using Payload = PayloadOf<TypeParam>;
    for (const auto& datagram : every_datagram<TypeParam>()) {
        const std::string bytes = encode(datagram);
        ASSERT_LE(bytes.size(), kMaxDatagramSize);
        const auto decoded = decode<Payload>(bytes);
        ASSERT_TRUE(std::holds_alternative<Datagram<Payload>>(decoded)) << bytes.size();
        EXPECT_EQ(std::get<Datagram<Payload>>(decoded), datagram);
    }
}

TYPED_TEST(WireCodecOf, everyCutOffDatagramIsTruncated) {
    using Payload = PayloadOf<TypeParam>;
    for (const auto& datagram : every_datagram<TypeParam>()) {
        const std::string bytes = encode(datagram);
        for (std::size_t length = 2; length < bytes.size(); ++length) {
            const auto decoded = decode<Payload>(std::string_view(bytes).substr(0, length));
            ASSERT_TRUE(std::holds_alternative<DecodeError>(decoded)) << length;
            EXPECT_EQ(std::get<DecodeError>(decoded), DecodeError::Truncated) << length;
        }
    }
}

// Random bytes, and valid datagrams with random bytes changed: never a crash,
// never a read past the end, and anything that decodes re-encodes exactly.
TYPED_TEST(WireCodecOf, garbageNeverCrashesAndDecodingIsCanonical) {
    using Payload = PayloadOf<TypeParam>;
    Random random(2024);
    // An index below `size`, as size_t (32 bits in wasm).
    const auto below = [&](std::size_t size) {
        return static_cast<std::size_t>(random.below(size));
    };
    const auto datagrams = every_datagram<TypeParam>();
    int decoded_count = 0;
    for (int round = 0; round < 20000; ++round) {
        std::string bytes;
        if (round % 2 == 0) {
            bytes.resize(below(64));
            for (auto& byte : bytes) {
                byte = static_cast<char>(random.below(256));
            }
            if (round % 4 == 0 && bytes.size() >= 4) {
                bytes[0] = 'Q', bytes[1] = 'W', bytes[2] = static_cast<char>(kWireVersion);
            }
        } else {
            bytes = encode(datagrams[below(datagrams.size())]);
            const auto flips = 1 + random.below(3);
            for (std::uint64_t i = 0; i < flips; ++i) {
                bytes[below(bytes.size())] = static_cast<char>(random.below(256));
            }
        }
        const auto result = decode<Payload>(bytes);
        if (const auto* datagram = std::get_if<Datagram<Payload>>(&result)) {
            ++decoded_count;
            EXPECT_EQ(encode(*datagram), bytes);
        }
    }
    EXPECT_GT(decoded_count, 0);  // some mutations land in values: still valid messages
}

// A client that does not know the protocol (quorum-ctl) reads the client
// messages and status answers of any, byte for byte as the protocol wrote them.
TYPED_TEST(WireCodecOf, clientMessagesDecodeWithoutTheProtocol) {
    for (const auto& datagram : every_datagram<TypeParam>()) {
        const std::string bytes = encode(datagram);
        const auto decoded = decode<ClientPayload>(bytes);
        const auto* payload = std::get_if<PayloadOf<TypeParam>>(&datagram.body);
        const bool protocol_only = payload != nullptr &&
                                   !std::holds_alternative<ClientRequest>(*payload) &&
                                   !std::holds_alternative<ClientResponse>(*payload);
        if (protocol_only) {
            EXPECT_EQ(std::get<DecodeError>(decoded), DecodeError::Garbage);
            continue;
        }
        ASSERT_TRUE(std::holds_alternative<Datagram<ClientPayload>>(decoded));
        EXPECT_EQ(encode(std::get<Datagram<ClientPayload>>(decoded)), bytes);
    }
}

// --- One format.

TEST(WireCodec, messageEncodingIsTheDatagramEncoding) {
    const raft::Message message{1, 2, raft::RequestVote{5, 1, 3, 2, false}};
    EXPECT_EQ(encode(message), encode(Datagram<raft::Payload>{1, 2, message.payload}));
}

TEST(WireCodec, foreignBytesAreGarbage) {
    for (const std::string_view bytes : {"", "Q", "GET / HTTP/1.1\r\n\r\n"}) {
        EXPECT_EQ(std::get<DecodeError>(decode<raft::Payload>(bytes)), DecodeError::Garbage);
        EXPECT_EQ(std::get<DecodeError>(decode<ClientPayload>(bytes)), DecodeError::Garbage);
    }
}

TEST(WireCodec, anotherVersionIsRefused) {
    std::string bytes = encode(paxos::Message{1, 2, paxos::Prepare{{1, 1}}});
    for (const int version : {0, kWireVersion - 1, kWireVersion + 1, 255}) {
        bytes[2] = static_cast<char>(version);
        EXPECT_EQ(std::get<DecodeError>(decode<paxos::Payload>(bytes)), DecodeError::WrongVersion)
            << version;
    }
}

TEST(WireCodec, unknownTagIsGarbage) {
    std::string bytes = encode(paxos::Message{1, 2, paxos::Prepare{{1, 1}}});
    bytes[3] = static_cast<char>(99);
    EXPECT_EQ(std::get<DecodeError>(decode<paxos::Payload>(bytes)), DecodeError::Garbage);
}

// A node decodes its own protocol's messages only: another protocol's is an
// unknown tag to it, dropped as garbage (quorum-node counts it so).
TEST(WireCodec, anotherProtocolsMessageIsGarbage) {
    const std::string prepare = encode(paxos::Message{1, 2, paxos::Prepare{{1, 1}}});
    EXPECT_EQ(std::get<DecodeError>(decode<raft::Payload>(prepare)), DecodeError::Garbage);
    EXPECT_EQ(std::get<DecodeError>(decode<multipaxos::Payload>(prepare)), DecodeError::Garbage);
    const std::string vote = encode(raft::Message{1, 2, raft::RequestVote{5, 1, 3, 2, false}});
    EXPECT_EQ(std::get<DecodeError>(decode<paxos::Payload>(vote)), DecodeError::Garbage);
}

// Version 1 lost LeaderHeartbeat.decided on the wire; version 2 carries it.
TEST(WireCodec, aLeaderHeartbeatCarriesItsDecidedSlot) {
    const multipaxos::Message heartbeat{1, 2, multipaxos::LeaderHeartbeat{{4, 1}, 17}};
    const auto decoded = decode_message<multipaxos::Payload>(encode(heartbeat));
    ASSERT_TRUE(std::holds_alternative<multipaxos::Message>(decoded));
    EXPECT_EQ(std::get<multipaxos::LeaderHeartbeat>(std::get<multipaxos::Message>(decoded).payload)
                  .decided,
              17U);
}

template <typename Payload>
void collect_tags(std::string_view protocol, std::map<std::uint8_t, std::string>& owners,
                  std::vector<std::string>& clashes) {
    [&]<typename... Types>(std::variant<Types...>*) {
        const auto note = [&](std::uint8_t tag, std::string owner) {
            const auto [found, fresh] = owners.emplace(tag, owner);
            if (!fresh && found->second != owner) {
                clashes.push_back("tag " + std::to_string(tag) + ": " + found->second + " and " +
                                  owner);
            }
        };
        // The client messages are every protocol's: one owner, "client".
        ((note(tag_of<Types>(),
               std::is_same_v<Types, ClientRequest> || std::is_same_v<Types, ClientResponse>
                   ? std::string("client")
                   : std::string(protocol))),
         ...);
    }(static_cast<Payload*>(nullptr));
}

// Tags are unique across protocols and apart from the status exchange: a
// datagram means one thing whichever node reads it.
TEST(WireCodec, tagsAreUniqueAcrossProtocols) {
    std::map<std::uint8_t, std::string> owners = {{tag_of<StatusRequest>(), "status"},
                                                  {tag_of<StatusResponse>(), "status"}};
    std::vector<std::string> clashes;
    [&]<typename... Ps>(std::tuple<Ps...>*) {
        (collect_tags<PayloadOf<Ps>>(Ps::kName, owners, clashes), ...);
    }(static_cast<Protocols*>(nullptr));
    EXPECT_TRUE(clashes.empty()) << (clashes.empty() ? "" : clashes.front());
}

TEST(WireCodec, trailingBytesAndOutOfRangeValuesAreMalformed) {
    const std::string bytes =
        encode(raft::Message{1, 2, raft::RequestVoteResponse{5, true, false}});
    EXPECT_EQ(std::get<DecodeError>(decode<raft::Payload>(bytes + "x")), DecodeError::Malformed);
    std::string bad_bool = bytes;
    bad_bool[kHeaderSize + 8] = 2;  // vote_granted, after the u64 term
    EXPECT_EQ(std::get<DecodeError>(decode<raft::Payload>(bad_bool)), DecodeError::Malformed);
}

TEST(WireCodec, aLyingCountIsTruncatedWithoutAllocating) {
    std::string bytes = encode(paxos::Message{1, 2, paxos::Accept{{1, 1}, "v"}});
    // The value's length field, after the ballot (u64 + u32): claim 4 GB.
    for (std::size_t i = 0; i < 4; ++i) {
        bytes[kHeaderSize + 12 + i] = static_cast<char>(0xff);
    }
    EXPECT_EQ(std::get<DecodeError>(decode<paxos::Payload>(bytes)), DecodeError::Truncated);
}

TEST(WireRecords, storageRecordsRoundTrip) {
    Command command;
    ASSERT_TRUE(decode_record(encode_record(sample_command()), command));
    EXPECT_EQ(command, sample_command());

    const paxos::DurableState paxos_state{{{4, 2}, paxos::Proposal{{3, 1}, "v"}}, 9};
    paxos::DurableState paxos_decoded;
    ASSERT_TRUE(decode_record(encode_record(paxos_state), paxos_decoded));
    EXPECT_EQ(paxos_decoded, paxos_state);

    multipaxos::Ballot ballot;
    ASSERT_TRUE(decode_record(encode_record(multipaxos::Ballot{3, 2}), ballot));
    EXPECT_EQ(ballot, (multipaxos::Ballot{3, 2}));

    multipaxos::PValue pvalue;
    ASSERT_TRUE(decode_record(encode_record(sample_pvalue(4)), pvalue));
    EXPECT_EQ(pvalue, sample_pvalue(4));

    multipaxos::Decree decree;
    ASSERT_TRUE(decode_record(encode_record(sample_decree(true)), decree));
    EXPECT_EQ(decree, sample_decree(true));
}

TEST(WireRecords, aDamagedRecordIsRefusedAndLeavesTheTargetAlone) {
    const std::string bytes = encode_record(sample_command());
    Command command = Command::make_noop();
    EXPECT_FALSE(decode_record(std::string_view(bytes).substr(0, bytes.size() - 1), command));
    EXPECT_FALSE(decode_record(bytes + "!", command));
    EXPECT_EQ(command, Command::make_noop());
}

}  // namespace
}  // namespace quorum::wire
