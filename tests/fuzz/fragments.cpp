// Fragment reassembly (quorum/wire/fragments.hpp) on any sequence of
// datagrams from any senders: the input is cut into datagrams, each
// "u8 sender, u16 length, bytes" (little-endian; a short tail is the last
// datagram), fed to one Reassembler, with its memory bound checked after
// each; every whole message is then decoded as a Multi-Paxos datagram (the
// protocol whose P1b messages get fragmented).
#include "quorum/wire/fragments.hpp"
#include "harness.hpp"
#include "quorum/multipaxos/wire.hpp"

#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace quorum::wire;
    const std::string_view input = quorum::fuzz::as_text(data, size);
    Reassembler reassembler;
    std::size_t at = 0;
    quorum::TimeUs now = 0;
    while (at + 3 <= input.size()) {
        const auto sender = static_cast<std::uint8_t>(input[at]);
        const std::size_t length =
            static_cast<std::uint8_t>(input[at + 1]) |
            (static_cast<std::size_t>(static_cast<std::uint8_t>(input[at + 2])) << 8);
        at += 3;
        const std::string_view datagram = input.substr(at, length);
        at += datagram.size();
        const Reassembler::Result result = reassembler.add(sender, datagram, ++now);
        quorum::fuzz::require(reassembler.partial_bytes() <= kMaxPartialBytes,
                              "partial fragments stay within kMaxPartialBytes");
        quorum::fuzz::require(reassembler.partial_messages() <= kMaxPartialMessages,
                              "partial messages stay within kMaxPartialMessages");
        if (const auto* whole = std::get_if<std::string>(&result)) {
            (void)decode<quorum::multipaxos::Payload>(*whole);
        }
    }
    return 0;
}
