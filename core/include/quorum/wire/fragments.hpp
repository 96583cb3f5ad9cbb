// Messages larger than one UDP datagram, split and put back together.
//
// Most messages fit one datagram, but not all: a phase-1 answer (P1b) carries
// every pvalue its acceptor accepted (PMMC's acceptors keep them all), which
// passes 64 KB after about a thousand slots, and without it no leader can be
// adopted. Such a datagram is sent as fragments:
//
//   'Q' 'F'  u8 version (kWireVersion)  u32 message id  u8 index  u8 count  bytes...
//
// (little-endian, as the rest of the format). The receiver keeps partial
// messages per sender and message id and hands back the whole datagram, which
// then decodes as any other, once every fragment has arrived. One lost
// fragment loses the message, as one lost datagram would: the protocols
// retransmit. Memory is bounded, whatever a sender floods us with: a
// fragment carries at most kFragmentPayloadSize bytes, a message at most
// kMaxFragments fragments, and the partial messages together at most
// kMaxPartialMessages messages and kMaxPartialBytes bytes (the oldest is
// forgotten first). kMaxPartialBytes holds two of the largest messages, so
// one sender's flood cannot starve a real message of room.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "quorum/types.hpp"
#include "quorum/wire/codec.hpp"

namespace quorum::wire {

constexpr std::size_t kFragmentHeaderSize = 9;
constexpr std::size_t kFragmentPayloadSize = 60000;
constexpr std::size_t kMaxFragments = 128;  // messages up to ~7.5 MB
constexpr std::size_t kMaxPartialMessages = 32;
constexpr std::size_t kMaxPartialBytes = 2 * kMaxFragments * kFragmentPayloadSize;  // 15.4 MB

bool is_fragment(std::string_view bytes);

// The fragments of `datagram`, or nothing if it needs more than kMaxFragments.
std::vector<std::string> split_into_fragments(std::string_view datagram, std::uint32_t message_id);

class Reassembler {
  public:
    // Whole: the datagram is complete. Pending: more fragments are needed.
    struct Pending {};
    using Result = std::variant<Pending, std::string, DecodeError>;

    // `sender` identifies where the fragment came from (an address), so two
    // senders' message ids never mix.
    Result add(std::uint64_t sender, std::string_view fragment, TimeUs now);

    std::size_t partial_messages() const { return partial_.size(); }
    // Fragment bytes held for partial messages; at most kMaxPartialBytes.
    std::size_t partial_bytes() const { return bytes_; }

  private:
    struct Partial {
        std::vector<std::optional<std::string>> fragments;
        std::size_t received = 0;
        TimeUs first_us = 0;
    };
    using Key = std::pair<std::uint64_t, std::uint32_t>;
    void forget(std::map<Key, Partial>::iterator partial);
    void forget_oldest_except(const Key& keep);

    std::map<Key, Partial> partial_;
    std::size_t bytes_ = 0;  // the fragments' bytes in partial_
};

}  // namespace quorum::wire
