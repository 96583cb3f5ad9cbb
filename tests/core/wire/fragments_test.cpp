// Messages larger than a datagram (quorum/wire/fragments.hpp): split and put
// back together in any order, duplicates ignored, bad fragments refused,
// memory bounded.
#include "quorum/wire/fragments.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "quorum/multipaxos/wire.hpp"

namespace quorum::wire {
namespace {

// A Multi-Paxos P1b with `slots` pvalues: what outgrows one datagram.
std::string large_p1b(std::size_t slots) {
    multipaxos::P1b p1b{{2, 1}, {2, 1}, {}};
    for (std::size_t slot = 1; slot <= slots; ++slot) {
        Command command;
        command.client = 12345;
        command.sequence = slot;
        command.key = "k";
        command.value = "value-" + std::to_string(slot);
        p1b.accepted.push_back({{2, 1}, slot, {command, std::nullopt}});
    }
    return encode(multipaxos::Message{1, 2, p1b});
}

TEST(WireFragments, aLargeMessageComesBackWholeInAnyOrder) {
    const std::string datagram = large_p1b(3000);
    ASSERT_GT(datagram.size(), kMaxDatagramSize);
    auto fragments = split_into_fragments(datagram, 7);
    ASSERT_GE(fragments.size(), 3U);
    for (const auto& fragment : fragments) {
        EXPECT_LE(fragment.size(), kMaxDatagramSize);
        EXPECT_TRUE(is_fragment(fragment));
    }
    std::reverse(fragments.begin(), fragments.end());
    fragments.push_back(fragments.front());  // a duplicate changes nothing
    Reassembler reassembler;
    std::optional<std::string> whole;
    for (const auto& fragment : fragments) {
        auto result = reassembler.add(1, fragment, 0);
        if (auto* bytes = std::get_if<std::string>(&result)) {
            ASSERT_FALSE(whole.has_value());
            whole = *bytes;
        }
    }
    ASSERT_TRUE(whole.has_value());
    EXPECT_EQ(*whole, datagram);
    EXPECT_TRUE(
        std::holds_alternative<Datagram<multipaxos::Payload>>(decode<multipaxos::Payload>(*whole)));
}

TEST(WireFragments, sendersAndMessageIdsDoNotMix) {
    const auto a = split_into_fragments(large_p1b(1300), 1);
    const auto b = split_into_fragments(large_p1b(1800), 1);
    ASSERT_EQ(a.size(), 2U);
    ASSERT_EQ(b.size(), 2U);
    Reassembler reassembler;
    EXPECT_TRUE(std::holds_alternative<Reassembler::Pending>(reassembler.add(1, a[0], 0)));
    EXPECT_TRUE(std::holds_alternative<Reassembler::Pending>(reassembler.add(2, b[0], 0)));
    EXPECT_EQ(std::get<std::string>(reassembler.add(1, a[1], 0)), large_p1b(1300));
    EXPECT_EQ(std::get<std::string>(reassembler.add(2, b[1], 0)), large_p1b(1800));
}

TEST(WireFragments, badFragmentsAreRefused) {
    Reassembler reassembler;
    auto fragment = split_into_fragments(large_p1b(2000), 3).at(0);
    EXPECT_EQ(std::get<DecodeError>(reassembler.add(1, fragment.substr(0, 5), 0)),
              DecodeError::Truncated);
    std::string future = fragment;
    future[2] = static_cast<char>(kWireVersion + 1);
    EXPECT_EQ(std::get<DecodeError>(reassembler.add(1, future, 0)), DecodeError::WrongVersion);
    std::string beyond = fragment;
    beyond[7] = beyond[8];  // index == count
    EXPECT_EQ(std::get<DecodeError>(reassembler.add(1, beyond, 0)), DecodeError::Malformed);
    std::string alone = fragment;
    alone[8] = 1;  // a message of one fragment is not a fragment
    EXPECT_EQ(std::get<DecodeError>(reassembler.add(1, alone, 0)), DecodeError::Malformed);
    EXPECT_EQ(std::get<DecodeError>(reassembler.add(1, fragment.substr(0, kFragmentHeaderSize), 0)),
              DecodeError::Malformed);
}

TEST(WireFragments, partialMessagesAreBounded) {
    Reassembler reassembler;
    const auto fragments = split_into_fragments(large_p1b(2000), 0);
    for (std::uint64_t sender = 0; sender < 3 * kMaxPartialMessages; ++sender) {
        reassembler.add(sender, fragments[0], static_cast<TimeUs>(sender));
        EXPECT_LE(reassembler.partial_messages(), kMaxPartialMessages);
    }
}

// A fragment by hand: the header, then `size` bytes of payload.
std::string fragment(std::uint32_t message_id, std::uint8_t index, std::uint8_t count,
                     std::size_t size) {
    std::string bytes = {'Q', 'F', static_cast<char>(kWireVersion)};
    for (int shift = 0; shift < 32; shift += 8) {
        bytes.push_back(static_cast<char>(message_id >> shift));
    }
    bytes.push_back(static_cast<char>(index));
    bytes.push_back(static_cast<char>(count));
    return bytes + std::string(size, 'x');
}

// The attack: senders that start messages of kMaxFragments fragments, each
// fragment as large as allowed, and never finish one. The bytes held never
// pass kMaxPartialBytes, and a real message still gets through afterwards.
TEST(WireFragments, aFloodOfPartialFragmentsStaysWithinTheMemoryBound) {
    Reassembler reassembler;
    std::size_t most_bytes = 0;
    TimeUs now = 0;
    for (std::uint64_t sender = 0; sender < 8; ++sender) {
        for (std::uint32_t message = 0; message < 4; ++message) {
            for (std::size_t index = 0; index + 1 < kMaxFragments; ++index) {
                const auto result =
                    reassembler.add(sender,
                                    fragment(message, static_cast<std::uint8_t>(index),
                                             kMaxFragments, kFragmentPayloadSize),
                                    ++now);
                ASSERT_TRUE(std::holds_alternative<Reassembler::Pending>(result));
                ASSERT_LE(reassembler.partial_bytes(), kMaxPartialBytes);
                ASSERT_LE(reassembler.partial_messages(), kMaxPartialMessages);
                most_bytes = std::max(most_bytes, reassembler.partial_bytes());
            }
        }
    }
    EXPECT_GT(most_bytes, kMaxPartialBytes - kFragmentPayloadSize);  // the bound was reached
    const auto fragments = split_into_fragments(large_p1b(3000), 9);
    Reassembler::Result result;
    for (const auto& piece : fragments) {
        result = reassembler.add(99, piece, ++now);
    }
    ASSERT_TRUE(std::holds_alternative<std::string>(result));
    EXPECT_EQ(std::get<std::string>(result), large_p1b(3000));
    EXPECT_LE(reassembler.partial_bytes(), kMaxPartialBytes);
}

TEST(WireFragments, anOversizeFragmentIsRefused) {
    Reassembler reassembler;
    const auto result = reassembler.add(1, fragment(1, 0, 2, kFragmentPayloadSize + 1), 0);
    ASSERT_TRUE(std::holds_alternative<DecodeError>(result));
    EXPECT_EQ(std::get<DecodeError>(result), DecodeError::Malformed);
    EXPECT_EQ(reassembler.partial_bytes(), 0u);
}

TEST(WireFragments, heldBytesGoBackToZeroWhenMessagesComplete) {
    Reassembler reassembler;
    for (const auto& piece : split_into_fragments(large_p1b(2000), 4)) {
        reassembler.add(1, piece, 0);
    }
    EXPECT_EQ(reassembler.partial_messages(), 0u);
    EXPECT_EQ(reassembler.partial_bytes(), 0u);
}

TEST(WireFragments, aMessageTooLargeForTheLimitIsNotSplit) {
    const std::string huge(kFragmentPayloadSize * kMaxFragments + 1, 'x');
    EXPECT_TRUE(split_into_fragments(huge, 0).empty());
}

}  // namespace
}  // namespace quorum::wire
