// Keyed, sealed records of a node's durable state: see records.hpp.
#include "quorum/store/records.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <optional>

#include "quorum/wire/codec.hpp"

namespace quorum::store {

namespace {

constexpr std::string_view kRaftState = "raft/state";
constexpr std::string_view kRaftLog = "raft/log/";
constexpr std::string_view kPaxosState = "paxos/state";
constexpr std::string_view kAcceptorBallot = "mp/acceptor_ballot";
constexpr std::string_view kLeaderBallot = "mp/leader_ballot";
constexpr std::string_view kAccepted = "mp/accepted/";
constexpr std::string_view kDecision = "mp/decision/";
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

void put(Batch& batch, std::string key, std::string_view payload) {
    std::string sealed = seal(key, payload);
    batch.push_back(Op{Op::Kind::Put, std::move(key), std::move(sealed)});
}

std::uint32_t get_u32(std::string_view bytes) {
    std::uint32_t value = 0;
    for (std::size_t i = 4; i-- > 0;) {
        value = (value << 8) | static_cast<unsigned char>(bytes[i]);
    }
    return value;
}

void add_raft_log(Batch& batch, raft::LogIndex from, const std::vector<raft::Entry>& entries) {
    std::string end(kRaftLog);
    end.push_back(kAfterDigits);
    batch.push_back(Op{Op::Kind::DeleteRange, numbered_key(kRaftLog, from), std::move(end)});
    raft::LogIndex index = from;
    for (const raft::Entry& entry : entries) {
        put(batch, numbered_key(kRaftLog, index++), wire::encode_record(entry));
    }
}

// Decodes one record's payload into `value`, or says why not.
template <typename T>
std::optional<LoadError> decode_into(const Record& record, T& value) {
    const auto payload = unseal(record.first, record.second);
    if (const auto* why = std::get_if<std::string>(&payload)) {
        return LoadError{record.first, *why};
    }
    if (!wire::decode_record(std::get<std::string_view>(payload), value)) {
        return LoadError{record.first, "the payload does not decode"};
    }
    return std::nullopt;
}

std::variant<sim::AnyDurableState, LoadError> load_raft(const std::vector<Record>& records) {
    raft::DurableState state;
    for (const Record& record : records) {  // sorted by key: the log in index order
        if (record.first == kRaftState) {
            if (auto error = decode_into(record, state.hard_state)) {
                return *error;
            }
            continue;
        }
        const auto index = key_number(record.first, kRaftLog);
        if (!index) {
            return LoadError{record.first, "not a Raft record"};
        }
        if (*index != state.log.size() + 1) {
            return LoadError{record.first,
                             "log entry " + std::to_string(state.log.size() + 1) + " is missing"};
        }
        raft::Entry& entry = state.log.emplace_back();
        if (auto error = decode_into(record, entry)) {
            return *error;
        }
    }
    return sim::AnyDurableState(std::move(state));
}

std::variant<sim::AnyDurableState, LoadError> load_paxos(const std::vector<Record>& records) {
    paxos::DurableState state;
    for (const Record& record : records) {
        if (record.first != kPaxosState) {
            return LoadError{record.first, "not a Paxos record"};
        }
        if (auto error = decode_into(record, state)) {
            return *error;
        }
    }
    return sim::AnyDurableState(std::move(state));
}

std::variant<sim::AnyDurableState, LoadError> load_multipaxos(const std::vector<Record>& records) {
    multipaxos::DurableState state;
    for (const Record& record : records) {
        std::optional<LoadError> error;
        if (record.first == kAcceptorBallot) {
            error = decode_into(record, state.acceptor_ballot);
        } else if (record.first == kLeaderBallot) {
            error = decode_into(record, state.leader_ballot);
        } else if (const auto slot = key_number(record.first, kAccepted)) {
            multipaxos::PValue& pvalue = state.accepted[*slot];
            error = decode_into(record, pvalue);
            if (!error && pvalue.slot != *slot) {
                error = LoadError{record.first, "holds slot " + std::to_string(pvalue.slot)};
            }
        } else if (const auto decided = key_number(record.first, kDecision)) {
            error = decode_into(record, state.decisions[*decided]);
        } else {
            error = LoadError{record.first, "not a Multi-Paxos record"};
        }
        if (error) {
            return *error;
        }
    }
    return sim::AnyDurableState(std::move(state));
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

void append_ops(Batch& batch, const raft::Ready& ready) {
    if (ready.hard_state) {
        put(batch, std::string(kRaftState), wire::encode_record(*ready.hard_state));
    }
    if (ready.log_write_from != 0) {
        add_raft_log(batch, ready.log_write_from, ready.log_write);
    }
}

void append_ops(Batch& batch, const paxos::Ready& ready, const paxos::DurableState& state_after) {
    if (ready.has_durable_writes()) {
        put(batch, std::string(kPaxosState), wire::encode_record(state_after));
    }
}

void append_ops(Batch& batch, const multipaxos::Ready& ready) {
    if (ready.acceptor_ballot) {
        put(batch, std::string(kAcceptorBallot), wire::encode_record(*ready.acceptor_ballot));
    }
    if (ready.leader_ballot) {
        put(batch, std::string(kLeaderBallot), wire::encode_record(*ready.leader_ballot));
    }
    for (const multipaxos::PValue& pvalue : ready.accepted) {
        put(batch, numbered_key(kAccepted, pvalue.slot), wire::encode_record(pvalue));
    }
    for (const multipaxos::Decision& decision : ready.decisions) {
        put(batch, numbered_key(kDecision, decision.slot), wire::encode_record(decision.decree));
    }
}

Batch records_of(const sim::AnyDurableState& any) {
    Batch batch;
    if (const auto* raft_state = std::get_if<raft::DurableState>(&any)) {
        put(batch, std::string(kRaftState), wire::encode_record(raft_state->hard_state));
        if (!raft_state->log.empty()) {
            add_raft_log(batch, 1, raft_state->log);
        }
    } else if (const auto* paxos_state = std::get_if<paxos::DurableState>(&any)) {
        put(batch, std::string(kPaxosState), wire::encode_record(*paxos_state));
    } else {
        const auto& mp = std::get<multipaxos::DurableState>(any);
        put(batch, std::string(kAcceptorBallot), wire::encode_record(mp.acceptor_ballot));
        put(batch, std::string(kLeaderBallot), wire::encode_record(mp.leader_ballot));
        for (const auto& [slot, pvalue] : mp.accepted) {
            put(batch, numbered_key(kAccepted, slot), wire::encode_record(pvalue));
        }
        for (const auto& [slot, decree] : mp.decisions) {
            put(batch, numbered_key(kDecision, slot), wire::encode_record(decree));
        }
    }
    return batch;
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

std::variant<sim::AnyDurableState, LoadError> load(sim::Algorithm algorithm,
                                                   std::vector<Record> records) {
    std::sort(records.begin(), records.end());
    for (std::size_t i = 1; i < records.size(); ++i) {
        if (records[i].first == records[i - 1].first) {
            return LoadError{records[i].first, "appears twice"};
        }
    }
    switch (algorithm) {
        case sim::Algorithm::Raft:
            return load_raft(records);
        case sim::Algorithm::Paxos:
            return load_paxos(records);
        case sim::Algorithm::MultiPaxos:
            return load_multipaxos(records);
    }
    return LoadError{"", "unknown algorithm"};
}

}  // namespace quorum::store
