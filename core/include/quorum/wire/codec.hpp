// The wire format of native nodes and workers: one message (or a status
// request or answer) per UDP datagram or worker post, and the same encoding
// for the records nodes keep on disk. Pure and dependency-free, so it lives in
// the core and its round-trip tests run natively and in wasm.
//
// Each type's fields are stated once, as a list of member pointers in wire
// order (wire_fields(), found by argument-dependent lookup beside the type: a
// protocol's wire.hpp, and below for the types every protocol shares), and
// the one list serves both encode and decode. A
// message type also has a tag (wire_tag()), spelled out rather than taken
// from a variant's index, so that reordering a Payload never changes the
// wire; tags are unique across protocols (the registry checks it).
//
// Why binary and not JSON: a replication message of 64 entries stays well under
// one datagram, decoding is a bounds-checked walk with no allocation beyond
// the message itself, and "is this datagram exactly one valid message" has a
// crisp answer (every byte consumed, every enum and bool in range).
//
// Datagram layout (version kWireVersion), integers little-endian, fixed width:
//
//   offset 0  'Q' 'W'          magic: not ours -> Garbage
//          2  u8 version       kWireVersion; any other -> WrongVersion
//          3  u8 tag           which message (wire_tag); unknown -> Garbage
//          4  u32 from         sender address (node id, or kClientAddressBase + client id)
//          8  u32 to           receiver address
//         12  body             the message's fields, in wire_fields order
//
// Field encodings:
//   u8/u32/u64   fixed width, by the field's C++ type; bool: u8 0 or 1
//                (anything else -> Malformed)
//   string       u32 byte length, then the bytes (no terminator)
//   optional<T>  u8 0 (absent) or 1 followed by T
//   vector<T>    u32 count, then the elements; a count that the remaining
//                bytes cannot hold is Truncated (no huge allocation on a lie)
//   pair<A,B>    A then B
//   enum         u8, checked against the enum's last value (wire_last)
//   struct       its wire_fields, in order
//
// A datagram decodes only if the body ends exactly at the datagram's end:
// trailing bytes are Malformed. Running out of bytes anywhere is Truncated.
// The decoder never throws and never reads past its input; whether `from`
// names a known node is the host's question (it knows the peers).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "quorum/client_messages.hpp"
#include "quorum/command.hpp"
#include "quorum/message.hpp"
#include "quorum/wire/status.hpp"

namespace quorum::wire {

// 2: each type's fields are listed once (version 1 wrote a leader's
// heartbeat without its `decided` slot, so real replicas never heard of
// decided slots from heartbeats as simulated ones do).
constexpr std::uint8_t kWireVersion = 2;
constexpr std::size_t kHeaderSize = 12;
// The most a UDP datagram over IPv4 can carry; an encoding longer than this
// cannot be sent and the host drops it (counted as "oversize").
constexpr std::size_t kMaxDatagramSize = 65507;
// The most key + value bytes a client command may carry over UDP. A
// replication message carries up to 64 entries (a log's default batch), each
// this much plus ~40 bytes of framing: 64 x 680 stays below kMaxDatagramSize. Nodes
// drop larger requests (counted as "oversize"); quorum-ctl refuses them.
constexpr std::size_t kMaxCommandBytes = 640;

enum class DecodeError {
    Truncated,     // the bytes ran out before the message did
    WrongVersion,  // our magic, another version of the format
    Garbage,       // not our magic, or an unknown tag
    Malformed,     // a bool or enum out of range, or bytes left over
};

// "truncated", "version", "garbage", "malformed": the node's drop counters.
const char* decode_error_name(DecodeError error);

// ---------------------------------------------------------------------------
// The types every protocol shares: fields and tags. Tags 1-99 are messages
// (each protocol's wire.hpp takes a range), 100 and up the status exchange.

constexpr auto wire_fields(std::type_identity<Command>) {
    return std::tuple(&Command::client, &Command::sequence, &Command::kind, &Command::key,
                      &Command::value, &Command::noop);
}
constexpr auto wire_fields(std::type_identity<CommandResult>) {
    return std::tuple(&CommandResult::ok, &CommandResult::result);
}
constexpr auto wire_fields(std::type_identity<ClientRequest>) {
    return std::tuple(&ClientRequest::command);
}
constexpr auto wire_fields(std::type_identity<ClientResponse>) {
    return std::tuple(&ClientResponse::client, &ClientResponse::sequence, &ClientResponse::status,
                      &ClientResponse::result, &ClientResponse::leader_hint);
}
constexpr OperationKind wire_last(std::type_identity<OperationKind>) {
    return OperationKind::Propose;
}
constexpr ClientResponse::Status wire_last(std::type_identity<ClientResponse::Status>) {
    return ClientResponse::Status::NotLeader;
}
constexpr std::uint8_t wire_tag(std::type_identity<ClientRequest>) {
    return 5;
}
constexpr std::uint8_t wire_tag(std::type_identity<ClientResponse>) {
    return 6;
}

constexpr auto wire_fields(std::type_identity<StatusRequest>) {
    return std::tuple(&StatusRequest::nonce);
}
constexpr auto wire_fields(std::type_identity<NodeStatus>) {
    return std::tuple(&NodeStatus::id, &NodeStatus::algorithm, &NodeStatus::role, &NodeStatus::term,
                      &NodeStatus::commit_index, &NodeStatus::log_length, &NodeStatus::leader,
                      &NodeStatus::datagrams_received, &NodeStatus::dropped);
}
constexpr auto wire_fields(std::type_identity<StatusResponse>) {
    return std::tuple(&StatusResponse::nonce, &StatusResponse::status);
}
constexpr std::uint8_t wire_tag(std::type_identity<StatusRequest>) {
    return 100;
}
constexpr std::uint8_t wire_tag(std::type_identity<StatusResponse>) {
    return 101;
}

// ---------------------------------------------------------------------------
// Bytes.

class Writer {
  public:
    void u8(std::uint8_t value) { out_.push_back(static_cast<char>(value)); }
    void u32(std::uint32_t value) {
        for (int shift = 0; shift < 32; shift += 8) {
            u8(static_cast<std::uint8_t>(value >> shift));
        }
    }
    void u64(std::uint64_t value) {
        for (int shift = 0; shift < 64; shift += 8) {
            u8(static_cast<std::uint8_t>(value >> shift));
        }
    }
    void string(std::string_view value) {
        u32(static_cast<std::uint32_t>(value.size()));
        out_.append(value);
    }
    std::string take() { return std::move(out_); }

  private:
    std::string out_;
};

// Its failure is sticky: after the first error every read is a no-op, so
// decoding is a straight line and the caller checks once at the end.
class Reader {
  public:
    explicit Reader(std::string_view bytes) : bytes_(bytes) {}

    std::uint8_t u8() { return need(1) ? static_cast<std::uint8_t>(bytes_[position_++]) : 0; }
    std::uint32_t u32() {
        std::uint32_t value = 0;
        if (need(4)) {
            for (int shift = 0; shift < 32; shift += 8) {
                value |= static_cast<std::uint32_t>(u8()) << shift;
            }
        }
        return value;
    }
    std::uint64_t u64() {
        std::uint64_t value = 0;
        if (need(8)) {
            for (int shift = 0; shift < 64; shift += 8) {
                value |= static_cast<std::uint64_t>(u8()) << shift;
            }
        }
        return value;
    }
    // A count of elements each at least one byte long: one the rest of the
    // input cannot hold is a truncation, caught before any allocation.
    std::size_t count() {
        const std::size_t value = u32();
        if (ok() && value > remaining()) {
            fail(DecodeError::Truncated);
            return 0;
        }
        return value;
    }
    std::string string() {
        const std::size_t size = count();
        if (!ok()) {
            return {};
        }
        std::string value(bytes_.substr(position_, size));
        position_ += size;
        return value;
    }

    void fail(DecodeError error) {
        if (!error_) {
            error_ = error;
        }
    }
    bool ok() const { return !error_.has_value(); }
    std::optional<DecodeError> error() const { return error_; }
    std::size_t remaining() const { return bytes_.size() - position_; }
    // The input must end exactly here.
    void finish() {
        if (ok() && remaining() != 0) {
            fail(DecodeError::Malformed);
        }
    }

  private:
    bool need(std::size_t size) {
        if (!ok()) {
            return false;
        }
        if (remaining() < size) {
            fail(DecodeError::Truncated);
            return false;
        }
        return true;
    }

    std::string_view bytes_;
    std::size_t position_ = 0;
    std::optional<DecodeError> error_;
};

// ---------------------------------------------------------------------------
// One field: by its type. Structs go through their wire_fields.

template <typename T>
concept HasWireFields = requires {
    wire_fields(std::type_identity<T>{});
};

template <typename T>
struct IsOptional : std::false_type {};
template <typename T>
struct IsOptional<std::optional<T>> : std::true_type {};
template <typename T>
struct IsVector : std::false_type {};
template <typename T>
struct IsVector<std::vector<T>> : std::true_type {};
template <typename T>
struct IsPair : std::false_type {};
template <typename A, typename B>
struct IsPair<std::pair<A, B>> : std::true_type {};

template <typename T>
void write(Writer& w, const T& value);
template <typename T>
void read(Reader& r, T& value);

template <typename T>
void write(Writer& w, const T& value) {
    if constexpr (std::is_same_v<T, bool>) {
        w.u8(value ? 1 : 0);
    } else if constexpr (std::is_enum_v<T>) {
        w.u8(static_cast<std::uint8_t>(value));
    } else if constexpr (std::is_same_v<T, std::uint8_t>) {
        w.u8(value);
    } else if constexpr (std::is_same_v<T, std::uint32_t>) {
        w.u32(value);
    } else if constexpr (std::is_same_v<T, std::uint64_t>) {
        w.u64(value);
    } else if constexpr (std::is_same_v<T, std::string>) {
        w.string(value);
    } else if constexpr (std::is_same_v<T, SharedCommand>) {
        write(w, *value);  // shared commands travel as plain ones
    } else if constexpr (IsOptional<T>::value) {
        w.u8(value.has_value() ? 1 : 0);
        if (value) {
            write(w, *value);
        }
    } else if constexpr (IsVector<T>::value) {
        w.u32(static_cast<std::uint32_t>(value.size()));
        for (const auto& item : value) {
            write(w, item);
        }
    } else if constexpr (IsPair<T>::value) {
        write(w, value.first);
        write(w, value.second);
    } else {
        static_assert(HasWireFields<T>, "a type without wire_fields");
        std::apply([&](auto... member) { (write(w, value.*member), ...); },
                   wire_fields(std::type_identity<T>{}));
    }
}

template <typename T>
void read(Reader& r, T& value) {
    if constexpr (std::is_same_v<T, bool>) {
        const std::uint8_t byte = r.u8();
        if (byte > 1) {
            r.fail(DecodeError::Malformed);
        }
        value = byte == 1;
    } else if constexpr (std::is_enum_v<T>) {
        const std::uint8_t byte = r.u8();
        if (byte > static_cast<std::uint8_t>(wire_last(std::type_identity<T>{}))) {
            r.fail(DecodeError::Malformed);
        }
        value = static_cast<T>(byte);
    } else if constexpr (std::is_same_v<T, std::uint8_t>) {
        value = r.u8();
    } else if constexpr (std::is_same_v<T, std::uint32_t>) {
        value = r.u32();
    } else if constexpr (std::is_same_v<T, std::uint64_t>) {
        value = r.u64();
    } else if constexpr (std::is_same_v<T, std::string>) {
        value = r.string();
    } else if constexpr (std::is_same_v<T, SharedCommand>) {
        Command command;
        read(r, command);
        value = std::move(command);  // shared from here on
    } else if constexpr (IsOptional<T>::value) {
        value.reset();
        const bool present = [&] {
            bool flag = false;
            read(r, flag);
            return flag;
        }();
        if (present && r.ok()) {
            read(r, value.emplace());
        }
    } else if constexpr (IsVector<T>::value) {
        value.clear();
        const std::size_t size = r.count();
        for (std::size_t i = 0; i < size && r.ok(); ++i) {
            read(r, value.emplace_back());
        }
    } else if constexpr (IsPair<T>::value) {
        read(r, value.first);
        read(r, value.second);
    } else {
        static_assert(HasWireFields<T>, "a type without wire_fields");
        std::apply([&](auto... member) { (read(r, value.*member), ...); },
                   wire_fields(std::type_identity<T>{}));
    }
}

// ---------------------------------------------------------------------------
// Datagrams.

template <typename T>
constexpr std::uint8_t tag_of() {
    return wire_tag(std::type_identity<T>{});
}

// What one datagram carries: a message of one protocol (Payload: its
// variant), or a status exchange between quorum-ctl and a node.
template <typename Payload>
struct Datagram {
    NodeId from = kNoNode;
    NodeId to = kNoNode;
    std::variant<Payload, StatusRequest, StatusResponse> body;

    friend bool operator==(const Datagram&, const Datagram&) = default;
};

// What a client sends and hears, whatever the protocol (quorum-ctl).
using ClientPayload = std::variant<ClientRequest, ClientResponse>;

namespace detail {

void write_header(Writer& w, NodeId from, NodeId to, std::uint8_t tag);
// The header's fields; the error if the bytes are not one of our datagrams.
struct Header {
    std::uint8_t tag = 0;
    NodeId from = kNoNode;
    NodeId to = kNoNode;
};
std::optional<DecodeError> read_header(Reader& r, Header& header);

template <typename Body>
void write_body(Writer& w, NodeId from, NodeId to, const Body& body) {
    write_header(w, from, to, tag_of<Body>());
    write(w, body);
}

// Reads the body whose tag is `tag` into `out` (one of Types); false if no
// type has that tag.
template <typename Out, typename... Types>
bool read_by_tag(std::uint8_t tag, Reader& r, Out& out) {
    return ((tag == tag_of<Types>() ? (read(r, out.template emplace<Types>()), true) : false) ||
            ...);
}

template <typename Out, typename... Types>
bool read_any_of(std::uint8_t tag, Reader& r, Out& out, const std::variant<Types...>*) {
    return read_by_tag<Out, Types...>(tag, r, out);
}

}  // namespace detail

template <typename Payload>
std::string encode(const Envelope<Payload>& message) {
    Writer w;
    std::visit([&](const auto& body) { detail::write_body(w, message.from, message.to, body); },
               message.payload);
    return w.take();
}

template <typename Payload>
std::string encode(const Datagram<Payload>& datagram) {
    Writer w;
    std::visit(
        [&](const auto& body) {
            using T = std::decay_t<decltype(body)>;
            if constexpr (std::is_same_v<T, Payload>) {
                std::visit(
                    [&](const auto& inner) {
                        detail::write_body(w, datagram.from, datagram.to, inner);
                    },
                    body);
            } else {
                detail::write_body(w, datagram.from, datagram.to, body);
            }
        },
        datagram.body);
    return w.take();
}

// One datagram of a protocol whose messages are Payload's alternatives.
template <typename Payload>
std::variant<Datagram<Payload>, DecodeError> decode(std::string_view bytes) {
    Reader r(bytes);
    detail::Header header;
    if (const auto error = detail::read_header(r, header)) {
        return *error;
    }
    Datagram<Payload> datagram{header.from, header.to, {}};
    Payload payload;
    if (detail::read_any_of(header.tag, r, payload, static_cast<const Payload*>(nullptr))) {
        datagram.body = std::move(payload);
    } else if (!detail::read_by_tag<decltype(datagram.body), StatusRequest, StatusResponse>(
                   header.tag, r, datagram.body)) {
        return DecodeError::Garbage;
    }
    r.finish();
    if (!r.ok()) {
        return *r.error();
    }
    return datagram;
}

// A message of the protocol whose payload is Payload, or why not (a status
// exchange is Garbage here).
template <typename Payload>
std::variant<Envelope<Payload>, DecodeError> decode_message(std::string_view bytes) {
    auto decoded = decode<Payload>(bytes);
    if (auto* error = std::get_if<DecodeError>(&decoded)) {
        return *error;
    }
    auto& datagram = std::get<Datagram<Payload>>(decoded);
    auto* payload = std::get_if<Payload>(&datagram.body);
    if (payload == nullptr) {
        return DecodeError::Garbage;
    }
    return Envelope<Payload>{datagram.from, datagram.to, std::move(*payload)};
}

// ---------------------------------------------------------------------------
// Records for storage: the same field encodings without the header.
// decode_record succeeds only if `bytes` is exactly one valid record.

template <typename T>
std::string encode_record(const T& value) {
    Writer w;
    write(w, value);
    return w.take();
}

template <typename T>
bool decode_record(std::string_view bytes, T& value) {
    Reader r(bytes);
    T decoded;
    read(r, decoded);
    r.finish();
    if (!r.ok()) {
        return false;
    }
    value = std::move(decoded);
    return true;
}

}  // namespace quorum::wire
