// Raft's durable state as keyed records (store/records.hpp), the layout of
// the native node's SQLite rows:
//   raft/log/<index>      one Entry each, contiguous from the snapshot's index + 1
//   raft/snapshot         the Snapshot (absent while there is none)
//   raft/state            HardState (currentTerm, votedFor)
// A log write from index i deletes raft/log/<i> on, then puts the new
// entries: a truncation and an append in one batch. A snapshot at index s
// deletes raft/log/<1..s> in the same batch that puts it.
#include "quorum/raft/protocol.hpp"

namespace quorum::raft {

namespace {

constexpr std::string_view kState = "raft/state";
constexpr std::string_view kSnapshot = "raft/snapshot";
constexpr std::string_view kLog = "raft/log/";

void put_log(store::Batch& batch, LogIndex from, const std::vector<Entry>& entries) {
    store::delete_numbered_from(batch, kLog, from);
    LogIndex index = from;
    for (const Entry& entry : entries) {
        store::put(batch, store::numbered_key(kLog, index++), entry);
    }
}

void put_snapshot(store::Batch& batch, const Snapshot& snapshot) {
    store::put(batch, std::string(kSnapshot), snapshot);
    batch.push_back(store::Op{store::Op::Kind::DeleteRange, store::numbered_key(kLog, 0),
                              store::numbered_key(kLog, snapshot.last_included_index + 1)});
}

}  // namespace

void Protocol::append_records(store::Batch& batch, const Ready& ready, const DurableState&) {
    if (ready.hard_state) {
        store::put(batch, std::string(kState), *ready.hard_state);
    }
    if (ready.snapshot) {
        put_snapshot(batch, *ready.snapshot);
    }
    if (ready.log_write_from != 0) {
        put_log(batch, ready.log_write_from, ready.log_write);
    }
}

store::Batch Protocol::records_of(const DurableState& state) {
    store::Batch batch;
    store::put(batch, std::string(kState), state.hard_state);
    const LogIndex offset = state.snapshot.last_included_index;
    if (offset != 0) {
        put_snapshot(batch, state.snapshot);
    }
    if (!state.log.empty()) {
        put_log(batch, offset + 1, state.log);
    }
    return batch;
}

// The log's keys sort before the snapshot's, so the log is checked against
// the snapshot's index once every record is read.
std::variant<DurableState, store::LoadError> Protocol::load_records(
    const std::vector<store::Record>& sorted) {
    DurableState state;
    std::optional<LogIndex> first;  // the log's first index
    std::string first_key;
    for (const store::Record& record : sorted) {  // the log in index order
        if (record.first == kState || record.first == kSnapshot) {
            auto error = record.first == kState ? store::decode_into(record, state.hard_state)
                                                : store::decode_into(record, state.snapshot);
            if (error) {
                return *error;
            }
            continue;
        }
        const auto index = store::key_number(record.first, kLog);
        if (!index) {
            return store::LoadError{record.first, "not a Raft record"};
        }
        if (!first) {
            first = *index;
            first_key = record.first;
        } else if (*index != *first + state.log.size()) {
            return store::LoadError{
                record.first,
                "log entry " + std::to_string(*first + state.log.size()) + " is missing"};
        }
        Entry& entry = state.log.emplace_back();
        if (auto error = store::decode_into(record, entry)) {
            return *error;
        }
    }
    const LogIndex expected = state.snapshot.last_included_index + 1;
    if (first && *first != expected) {
        std::string reason = "log entry " + std::to_string(expected) + " is missing";
        if (expected > 1) {
            reason += " (the log starts right after the snapshot's index " +
                      std::to_string(expected - 1) + ")";
        }
        return store::LoadError{first_key, reason};
    }
    return state;
}

}  // namespace quorum::raft
