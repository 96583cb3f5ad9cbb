// The wire codec (quorum/wire/codec.hpp) on any datagram, as each protocol's
// node and quorum-ctl (the client payload) decode it: a message or a
// DecodeError, never a crash or a read past the end (ASan). What decodes is
// canonical: it re-encodes to exactly the bytes it came from.
#include "harness.hpp"
#include "quorum/protocols.hpp"
#include "quorum/wire/codec.hpp"

#include <string>
#include <variant>

namespace {

template <typename Payload>
void decode_as(std::string_view bytes) {
    using quorum::wire::Datagram;
    const auto decoded = quorum::wire::decode<Payload>(bytes);
    if (const auto* datagram = std::get_if<Datagram<Payload>>(&decoded)) {
        quorum::fuzz::require(quorum::wire::encode(*datagram) == bytes,
                              "a decoded datagram re-encodes to its bytes");
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes = quorum::fuzz::as_text(data, size);
    decode_as<quorum::raft::Payload>(bytes);
    decode_as<quorum::paxos::Payload>(bytes);
    decode_as<quorum::multipaxos::Payload>(bytes);
    decode_as<quorum::wire::ClientPayload>(bytes);
    return 0;
}
