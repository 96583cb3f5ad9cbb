// Keyed, sealed records of a node's durable state: see records.hpp. Each
// protocol's layout of keys is in its own folder (records.cpp).
#include "quorum/store/records.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <optional>

#include "quorum/wire/codec.hpp"

namespace quorum::store {

namespace {

constexpr std::size_t kNumberDigits = 20;
// Sorts after every digit: the exclusive end of a numbered range.
constexpr char kAfterDigits = '~';

std::array<std::uint32_t, 256> make_crc_table() {
    std::array<std::uint32_t, 256> table{};
    for (std::uint32_t n = 0; n < 256; ++n) {
        std::uint32_t c = n;
        for (int bit = 0; bit < 8; ++bit) {
            c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        }
        table[n] = c;
    }
    return table;
}

std::uint32_t get_u32(std::string_view bytes) {
    std::uint32_t value = 0;
    for (std::size_t i = 4; i-- > 0;) {
        value = (value << 8) | static_cast<unsigned char>(bytes[i]);
    }
    return value;
}

}  // namespace

void put_u32(std::string& out, std::uint32_t value) {
    for (int shift = 0; shift < 32; shift += 8) {
        out.push_back(static_cast<char>((value >> shift) & 0xFF));
    }
}

std::uint32_t crc32(std::string_view bytes, std::uint32_t crc) {
    static const std::array<std::uint32_t, 256> table = make_crc_table();
    crc = ~crc;
    for (const char byte : bytes) {
        crc = table[(crc ^ static_cast<unsigned char>(byte)) & 0xFF] ^ (crc >> 8);
    }
    return ~crc;
}

std::string seal(std::string_view key, std::string_view payload) {
    std::string sealed;
    sealed.reserve(kSealSize + payload.size());
    sealed.push_back(static_cast<char>(kRecordVersion));
    put_u32(sealed, crc32(payload, crc32(key)));
    sealed.append(payload);
    return sealed;
}

std::variant<std::string_view, std::string> unseal(std::string_view key, std::string_view sealed) {
    if (sealed.size() < kSealSize) {
        return std::string("record of " + std::to_string(sealed.size()) +
                           " bytes is shorter than its header");
    }
    const auto version = static_cast<std::uint8_t>(sealed[0]);
    if (version != kRecordVersion) {
        return "record version " + std::to_string(version) + ", expected " +
               std::to_string(kRecordVersion);
    }
    const std::string_view payload = sealed.substr(kSealSize);
    if (get_u32(sealed.substr(1)) != crc32(payload, crc32(key))) {
        return std::string("checksum mismatch");
    }
    return payload;
}

std::string encode_batch(const Batch& batch) {
    std::string out;
    for (const Op& op : batch) {
        out.push_back(static_cast<char>(op.kind));
        put_u32(out, static_cast<std::uint32_t>(op.key.size()));
        out += op.key;
        put_u32(out, static_cast<std::uint32_t>(op.value.size()));
        out += op.value;
    }
    return out;
}

std::optional<Batch> decode_batch(std::string_view bytes) {
    Batch batch;
    const auto take = [&bytes](std::string& into) {
        if (bytes.size() < 4) {
            return false;
        }
        const std::uint32_t size = get_u32(bytes);
        bytes.remove_prefix(4);
        if (bytes.size() < size) {
            return false;
        }
        into.assign(bytes.substr(0, size));
        bytes.remove_prefix(size);
        return true;
    };
    while (!bytes.empty()) {
        Op op;
        const auto kind = static_cast<std::uint8_t>(bytes[0]);
        if (kind != static_cast<std::uint8_t>(Op::Kind::Put) &&
            kind != static_cast<std::uint8_t>(Op::Kind::DeleteRange)) {
            return std::nullopt;
        }
        op.kind = static_cast<Op::Kind>(kind);
        bytes.remove_prefix(1);
        if (!take(op.key) || !take(op.value)) {
            return std::nullopt;
        }
        batch.push_back(std::move(op));
    }
    return batch;
}

std::string LoadError::what() const {
    return key.empty() ? reason : "record " + key + ": " + reason;
}

std::string numbered_key(std::string_view prefix, std::uint64_t number) {
    std::string digits = std::to_string(number);
    std::string key(prefix);
    key.append(kNumberDigits - digits.size(), '0');
    key += digits;
    return key;
}

// The number after `prefix`, if `key` is exactly prefix + 20 digits.
std::optional<std::uint64_t> key_number(std::string_view key, std::string_view prefix) {
    if (!key.starts_with(prefix) || key.size() != prefix.size() + kNumberDigits) {
        return std::nullopt;
    }
    const std::string_view digits = key.substr(prefix.size());
    std::uint64_t number = 0;
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), number);
    if (error != std::errc() || end != digits.data() + digits.size()) {
        return std::nullopt;
    }
    return number;
}

void put_payload(Batch& batch, std::string key, std::string_view payload) {
    std::string sealed = seal(key, payload);
    batch.push_back(Op{Op::Kind::Put, std::move(key), std::move(sealed)});
}

void delete_numbered_from(Batch& batch, std::string_view prefix, std::uint64_t from) {
    std::string end(prefix);
    end.push_back(kAfterDigits);
    batch.push_back(Op{Op::Kind::DeleteRange, numbered_key(prefix, from), std::move(end)});
}

std::optional<LoadError> unseal_payload(const Record& record, std::string_view& payload) {
    auto unsealed = unseal(record.first, record.second);
    if (const auto* why = std::get_if<std::string>(&unsealed)) {
        return LoadError{record.first, *why};
    }
    payload = std::get<std::string_view>(unsealed);
    return std::nullopt;
}

std::optional<LoadError> sort_records(std::vector<Record>& records) {
    std::sort(records.begin(), records.end());
    for (std::size_t i = 1; i < records.size(); ++i) {
        if (records[i].first == records[i - 1].first) {
            return LoadError{records[i].first, "appears twice"};
        }
    }
    return std::nullopt;
}

}  // namespace quorum::store
