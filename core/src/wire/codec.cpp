// The wire format's header (quorum/wire/codec.hpp); the fields of each type
// are stated beside the type and read and written by the templates there.
#include "quorum/wire/codec.hpp"

namespace quorum::wire {

const char* decode_error_name(DecodeError error) {
    switch (error) {
        case DecodeError::Truncated:
            return "truncated";
        case DecodeError::WrongVersion:
            return "version";
        case DecodeError::Garbage:
            return "garbage";
        case DecodeError::Malformed:
            return "malformed";
    }
    return "garbage";
}

namespace detail {

void write_header(Writer& w, NodeId from, NodeId to, std::uint8_t tag) {
    w.u8('Q');
    w.u8('W');
    w.u8(kWireVersion);
    w.u8(tag);
    w.u32(from);
    w.u32(to);
}

std::optional<DecodeError> read_header(Reader& r, Header& header) {
    if (r.remaining() < 2 || r.u8() != 'Q' || r.u8() != 'W') {
        // A lone 'Q' is still more likely garbage than a cut-off datagram.
        return DecodeError::Garbage;
    }
    const std::uint8_t version = r.u8();
    header.tag = r.u8();
    header.from = r.u32();
    header.to = r.u32();
    if (!r.ok()) {
        return r.error();
    }
    if (version != kWireVersion) {
        return DecodeError::WrongVersion;
    }
    return std::nullopt;
}

}  // namespace detail

}  // namespace quorum::wire
