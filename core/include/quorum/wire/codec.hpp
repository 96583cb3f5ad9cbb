// The wire format of native nodes: one quorum::Message (or a status request
// or answer) per UDP datagram, and the same encoding for the records the node
// keeps in SQLite. Pure and dependency-free, so it lives in the core and its
// round-trip tests run natively and in wasm.
//
// Why binary and not JSON: a Raft AppendEntries of 64 entries stays well under
// one datagram, decoding is a bounds-checked walk with no allocation beyond
// the message itself, and "is this datagram exactly one valid message" has a
// crisp answer (every byte consumed, every enum and bool in range).
//
// Datagram layout (version 1), integers little-endian, fixed width:
//
//   offset 0  'Q' 'W'          magic: not ours -> Garbage
//          2  u8 version       kWireVersion; any other -> WrongVersion
//          3  u8 tag           which message (MessageTag); unknown -> Garbage
//          4  u32 from         sender address (node id, or kClientAddressBase + client id)
//          8  u32 to           receiver address
//         12  body             the message's fields, in declaration order
//
// Field encodings:
//   u8/u32/u64   fixed width; bool: u8 0 or 1 (anything else -> Malformed)
//   string       u32 byte length, then the bytes (no terminator)
//   optional<T>  u8 0 (absent) or 1 followed by T
//   vector<T>    u32 count, then the elements; a count that the remaining
//                bytes cannot hold is Truncated (no huge allocation on a lie)
//   enum         u8, checked against the enum's range
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
#include <variant>

#include "quorum/message.hpp"
#include "quorum/multipaxos/messages.hpp"
#include "quorum/paxos/node.hpp"
#include "quorum/raft/messages.hpp"
#include "quorum/raft/node.hpp"
#include "quorum/wire/status.hpp"

namespace quorum::wire {

constexpr std::uint8_t kWireVersion = 1;
constexpr std::size_t kHeaderSize = 12;
// The most a UDP datagram over IPv4 can carry; an encoding longer than this
// cannot be sent and the host drops it (counted as "oversize").
constexpr std::size_t kMaxDatagramSize = 65507;
// The most key + value bytes a client command may carry over UDP. A Raft
// AppendEntries carries up to 64 entries (raft::Config's default), each this
// much plus ~40 bytes of framing: 64 x 680 stays below kMaxDatagramSize. Nodes
// drop larger requests (counted as "oversize"); quorum-ctl refuses them.
constexpr std::size_t kMaxCommandBytes = 640;

// Tags are spelled out (not the variant's index) so that reordering Payload
// never changes the wire.
enum class MessageTag : std::uint8_t {
    RaftRequestVote = 1,
    RaftRequestVoteResponse = 2,
    RaftAppendEntries = 3,
    RaftAppendEntriesResponse = 4,
    ClientRequest = 5,
    ClientResponse = 6,
    PaxosPrepare = 7,
    PaxosPromise = 8,
    PaxosAccept = 9,
    PaxosAccepted = 10,
    PaxosNack = 11,
    MultiPaxosPropose = 12,
    MultiPaxosP1a = 13,
    MultiPaxosP1b = 14,
    MultiPaxosP2a = 15,
    MultiPaxosP2b = 16,
    MultiPaxosDecision = 17,
    MultiPaxosLeaderHeartbeat = 18,
    StatusRequest = 100,
    StatusResponse = 101,
};

// What one datagram carries: a protocol message (or a client's), or a status
// exchange between quorum-ctl and a node.
struct Datagram {
    NodeId from = kNoNode;
    NodeId to = kNoNode;
    std::variant<Payload, StatusRequest, StatusResponse> body;

    friend bool operator==(const Datagram&, const Datagram&) = default;
};

enum class DecodeError {
    Truncated,     // the bytes ran out before the message did
    WrongVersion,  // our magic, another version of the format
    Garbage,       // not our magic, or an unknown tag
    Malformed,     // a bool or enum out of range, or bytes left over
};

// "truncated", "version", "garbage", "malformed": the node's drop counters.
const char* decode_error_name(DecodeError error);

std::string encode(const Datagram& datagram);
std::string encode(const Message& message);

std::variant<Datagram, DecodeError> decode(std::string_view bytes);

// --- Records for storage: the same field encodings without the header.
// decode_record succeeds only if `bytes` is exactly one valid record.
std::string encode_record(const Command& command);
std::string encode_record(const raft::HardState& state);
std::string encode_record(const raft::Entry& entry);
std::string encode_record(const paxos::DurableState& state);
std::string encode_record(const multipaxos::Ballot& ballot);
std::string encode_record(const multipaxos::PValue& pvalue);
std::string encode_record(const multipaxos::Decree& decree);

bool decode_record(std::string_view bytes, Command& command);
bool decode_record(std::string_view bytes, raft::HardState& state);
bool decode_record(std::string_view bytes, raft::Entry& entry);
bool decode_record(std::string_view bytes, paxos::DurableState& state);
bool decode_record(std::string_view bytes, multipaxos::Ballot& ballot);
bool decode_record(std::string_view bytes, multipaxos::PValue& pvalue);
bool decode_record(std::string_view bytes, multipaxos::Decree& decree);

}  // namespace quorum::wire
