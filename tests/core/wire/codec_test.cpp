// The wire format (quorum/wire/codec.hpp): every message type survives a round
// trip; every cut-off, foreign, future or mangled datagram is refused with the
// right reason and never read past its end (ASan watches natively); and the
// encoding is canonical, so whatever decodes re-encodes to the same bytes.
#include "quorum/wire/codec.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "quorum/random.hpp"

namespace quorum::wire {
namespace {

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

// One of every Payload alternative, with no field left at its default.
std::vector<Payload> every_payload() {
    raft::AppendEntries append{9, 2, 10, 8, {{8, sample_command()}, {9, Command::make_noop()}}, 7};
    ClientResponse response{77, 5, ClientResponse::Status::NotLeader, {false, "x"}, 3};
    std::vector<Payload> payloads = {
        raft::RequestVote{5, 3, 17, 4, true},
        raft::RequestVoteResponse{5, true, true},
        append,
        raft::AppendEntriesResponse{9, true, 12, 3, 4, 20},
        ClientRequest{sample_command()},
        response,
        ClientResponse{77, 6, ClientResponse::Status::Ok, {true, std::nullopt}, 0},
        paxos::Prepare{{3, 1}},
        paxos::Promise{{3, 1}, paxos::Proposal{{2, 2}, "v2"}},
        paxos::Promise{{3, 1}, std::nullopt},
        paxos::Accept{{3, 1}, "v"},
        paxos::Accepted{{3, 1}, "v"},
        paxos::Nack{{3, 1}, {4, 2}},
        multipaxos::Propose{4, sample_decree(true), {{1}, {1, 2, 3}}, 3},
        multipaxos::P1a{{2, 1}},
        multipaxos::P1b{{2, 1}, {3, 2}, {sample_pvalue(1), sample_pvalue(2)}},
        multipaxos::P2a{sample_pvalue(5)},
        multipaxos::P2b{{2, 1}, 5, {2, 1}},
        multipaxos::Decision{5, sample_decree(false)},
        multipaxos::LeaderHeartbeat{{2, 1}},
    };
    return payloads;
}

std::vector<Datagram> every_datagram() {
    std::vector<Datagram> datagrams;
    for (auto& payload : every_payload()) {
        datagrams.push_back({2, 3, std::move(payload)});
    }
    datagrams.push_back({1000 + 55, 1, StatusRequest{0xfeedfacecafebeefULL}});
    NodeStatus status{2, "raft", "leader", 4, 10, 11, 2, 99, {{"garbage", 3}, {"version", 1}}};
    datagrams.push_back({1, 1055, StatusResponse{0xfeedfacecafebeefULL, status}});
    return datagrams;
}

TEST(WireCodec, everyPayloadAlternativeIsCovered) {
    std::vector<bool> seen(std::variant_size_v<Payload>, false);
    for (const auto& payload : every_payload()) {
        seen[payload.index()] = true;
    }
    for (std::size_t i = 0; i < seen.size(); ++i) {
        EXPECT_TRUE(seen[i]) << "no sample for Payload alternative " << i;
    }
}

TEST(WireCodec, everyMessageTypeRoundTrips) {
    for (const auto& datagram : every_datagram()) {
        const std::string bytes = encode(datagram);
        ASSERT_LE(bytes.size(), kMaxDatagramSize);
        const auto decoded = decode(bytes);
        ASSERT_TRUE(std::holds_alternative<Datagram>(decoded)) << bytes.size();
        EXPECT_EQ(std::get<Datagram>(decoded), datagram);
    }
}

TEST(WireCodec, messageEncodingIsTheDatagramEncoding) {
    const Message message{1, 2, raft::RequestVote{5, 1, 3, 2, false}};
    EXPECT_EQ(encode(message), encode(Datagram{1, 2, message.payload}));
}

TEST(WireCodec, everyCutOffDatagramIsTruncated) {
    for (const auto& datagram : every_datagram()) {
        const std::string bytes = encode(datagram);
        for (std::size_t length = 2; length < bytes.size(); ++length) {
            const auto decoded = decode(std::string_view(bytes).substr(0, length));
            ASSERT_TRUE(std::holds_alternative<DecodeError>(decoded)) << length;
            EXPECT_EQ(std::get<DecodeError>(decoded), DecodeError::Truncated) << length;
        }
    }
}

TEST(WireCodec, foreignBytesAreGarbage) {
    EXPECT_EQ(std::get<DecodeError>(decode("")), DecodeError::Garbage);
    EXPECT_EQ(std::get<DecodeError>(decode("Q")), DecodeError::Garbage);
    EXPECT_EQ(std::get<DecodeError>(decode("GET / HTTP/1.1\r\n\r\n")), DecodeError::Garbage);
}

TEST(WireCodec, anotherVersionIsRefused) {
    std::string bytes = encode(Message{1, 2, paxos::Prepare{{1, 1}}});
    bytes[2] = static_cast<char>(kWireVersion + 1);
    EXPECT_EQ(std::get<DecodeError>(decode(bytes)), DecodeError::WrongVersion);
}

TEST(WireCodec, unknownTagIsGarbage) {
    std::string bytes = encode(Message{1, 2, paxos::Prepare{{1, 1}}});
    bytes[3] = static_cast<char>(99);
    EXPECT_EQ(std::get<DecodeError>(decode(bytes)), DecodeError::Garbage);
}

TEST(WireCodec, trailingBytesAndOutOfRangeValuesAreMalformed) {
    const std::string bytes = encode(Message{1, 2, raft::RequestVoteResponse{5, true, false}});
    EXPECT_EQ(std::get<DecodeError>(decode(bytes + "x")), DecodeError::Malformed);
    std::string bad_bool = bytes;
    bad_bool[kHeaderSize + 8] = 2;  // vote_granted, after the u64 term
    EXPECT_EQ(std::get<DecodeError>(decode(bad_bool)), DecodeError::Malformed);
}

TEST(WireCodec, aLyingCountIsTruncatedWithoutAllocating) {
    std::string bytes = encode(Message{1, 2, paxos::Accept{{1, 1}, "v"}});
    // The value's length field, after the ballot (u64 + u32): claim 4 GB.
    for (std::size_t i = 0; i < 4; ++i) {
        bytes[kHeaderSize + 12 + i] = static_cast<char>(0xff);
    }
    EXPECT_EQ(std::get<DecodeError>(decode(bytes)), DecodeError::Truncated);
}

// Random bytes, and valid datagrams with random bytes changed: never a crash,
// never a read past the end, and anything that decodes re-encodes exactly.
TEST(WireCodec, garbageNeverCrashesAndDecodingIsCanonical) {
    Random random(2024);
    // An index below `size`, as size_t (32 bits in wasm).
    const auto below = [&](std::size_t size) {
        return static_cast<std::size_t>(random.below(size));
    };
    const auto datagrams = every_datagram();
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
        const auto result = decode(bytes);
        if (const auto* datagram = std::get_if<Datagram>(&result)) {
            ++decoded_count;
            EXPECT_EQ(encode(*datagram), bytes);
        }
    }
    EXPECT_GT(decoded_count, 0);  // some mutations land in values: still valid messages
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
