// A node's durable state as keyed records: what the browser keeps in
// IndexedDB (web/store.js), one database per node, one record per key.
//
// Why keyed records and not one blob: a Raft log of 10,000 entries must not
// be rewritten on every append. The layout follows the native node's SQLite
// schema (shell/node/storage.hpp), one record where it has one row:
//
//   raft/state                    raft::HardState (currentTerm, votedFor)
//   raft/log/<index>              raft::Entry, indexes from 1, contiguous
//   paxos/state                   the whole paxos::DurableState (a few dozen bytes)
//   mp/acceptor_ballot            multipaxos::Ballot
//   mp/leader_ballot              multipaxos::Ballot
//   mp/accepted/<slot>            multipaxos::PValue
//   mp/decision/<slot>            multipaxos::Decree
//
// <index> and <slot> are 20 decimal digits, zero-padded, so that the store's
// key order is numeric order and "the log from index i on" is one key range.
//
// Every record is sealed: [u8 version][u32 CRC-32 of key and payload][payload],
// little-endian, the payload in the wire codec's record encoding. The CRC
// covers the key, so a record copied under another key fails too. A record
// that does not unseal or decode stops the load: a node never starts from a
// state it cannot read, and nothing is dropped or overwritten to make it start.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "quorum/multipaxos/ready.hpp"
#include "quorum/paxos/node.hpp"
#include "quorum/raft/node.hpp"
#include "quorum/sim/cluster.hpp"

namespace quorum::store {

constexpr std::uint8_t kRecordVersion = 1;
constexpr std::size_t kSealSize = 5;  // version + CRC

std::uint32_t crc32(std::string_view bytes, std::uint32_t crc = 0);

std::string seal(std::string_view key, std::string_view payload);
// The payload, or why the record is bad ("version 7, expected 1", ...).
std::variant<std::string_view, std::string> unseal(std::string_view key, std::string_view sealed);

// One write of a batch. Put: `value` is the sealed record. DeleteRange:
// every key in [key, value), `value` being the exclusive end.
struct Op {
    enum class Kind : std::uint8_t { Put = 1, DeleteRange = 2 };
    Kind kind = Kind::Put;
    std::string key;
    std::string value;

    friend bool operator==(const Op&, const Op&) = default;
};
using Batch = std::vector<Op>;

// The writes of one Ready, in the order they must happen.
void append_ops(Batch& batch, const raft::Ready& ready);
// Paxos's state is rewritten whole: `state_after` is the node's durable
// state with `ready` applied.
void append_ops(Batch& batch, const paxos::Ready& ready, const paxos::DurableState& state_after);
void append_ops(Batch& batch, const multipaxos::Ready& ready);
// Every record of a whole state (a node restored from a snapshot, a test).
Batch records_of(const sim::AnyDurableState& state);

// Appends `value` as 4 bytes, least significant first: the lengths and counts
// of every byte layout here (batches, framed messages).
void put_u32(std::string& out, std::uint32_t value);

// The form in which a batch crosses from C++ to JS and back: for each op,
// u8 kind, u32 key length, key, u32 value length, value.
std::string encode_batch(const Batch& batch);
// Nothing when the bytes are not exactly a sequence of well-formed ops.
std::optional<Batch> decode_batch(std::string_view bytes);

// The node's state from every record it had (any order), or what is wrong.
struct LoadError {
    std::string key;     // the record at fault ("" when it is the set as a whole)
    std::string reason;  // in words: "checksum mismatch", "log entry 17 missing", ...
    std::string what() const;
};
using Record = std::pair<std::string, std::string>;  // key, sealed value
std::variant<sim::AnyDurableState, LoadError> load(sim::Algorithm algorithm,
                                                   std::vector<Record> records);

}  // namespace quorum::store
