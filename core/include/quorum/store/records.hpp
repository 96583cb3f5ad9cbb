// A node's durable state as keyed records: what the browser keeps in
// IndexedDB (web/store.js), one database per node, one record per key.
//
// Why keyed records and not one blob: a log of 10,000 entries must not be
// rewritten on every append. Each protocol lays its state out in keys of its
// own (its records.cpp: a record per log entry, a prefix of its own); this file
// is the part every protocol shares: sealing, batches, numbered keys.
//
// <index> and <slot> in keys are 20 decimal digits, zero-padded, so that the
// store's key order is numeric order and "the log from index i on" is one key
// range.
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

#include "quorum/wire/codec.hpp"

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

// Appends `value` as 4 bytes, least significant first: the lengths and counts
// of every byte layout here (batches, framed messages).
void put_u32(std::string& out, std::uint32_t value);

// The form in which a batch crosses from C++ to JS and back: for each op,
// u8 kind, u32 key length, key, u32 value length, value.
std::string encode_batch(const Batch& batch);
// Nothing when the bytes are not exactly a sequence of well-formed ops.
std::optional<Batch> decode_batch(std::string_view bytes);

// Why a node's records do not load.
struct LoadError {
    std::string key;     // the record at fault ("" when it is the set as a whole)
    std::string reason;  // in words: "checksum mismatch", "log entry 17 missing", ...
    std::string what() const;
};
using Record = std::pair<std::string, std::string>;  // key, sealed value

// --- For a protocol's layout (its records.cpp).
// prefix + `number` in 20 digits; the number after `prefix`, if `key` is
// exactly prefix + 20 digits.
std::string numbered_key(std::string_view prefix, std::uint64_t number);
std::optional<std::uint64_t> key_number(std::string_view key, std::string_view prefix);
// Every key from prefix + `from` (20 digits) on, to the prefix's end.
void delete_numbered_from(Batch& batch, std::string_view prefix, std::uint64_t from);
// Puts `value` (a type with wire fields) under `key`, sealed.
void put_payload(Batch& batch, std::string key, std::string_view payload);
template <typename T>
void put(Batch& batch, std::string key, const T& value) {
    put_payload(batch, std::move(key), wire::encode_record(value));
}
// Unseals and decodes one record into `value`, or says why not.
std::optional<LoadError> unseal_payload(const Record& record, std::string_view& payload);
template <typename T>
std::optional<LoadError> decode_into(const Record& record, T& value) {
    std::string_view payload;
    if (auto error = unseal_payload(record, payload)) {
        return error;
    }
    if (!wire::decode_record(payload, value)) {
        return LoadError{record.first, "the payload does not decode"};
    }
    return std::nullopt;
}
// The records sorted by key, or the first key that appears twice.
std::optional<LoadError> sort_records(std::vector<Record>& records);

}  // namespace quorum::store
