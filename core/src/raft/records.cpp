// Raft's durable state as keyed records (store/records.hpp), the layout of
// the native node's SQLite rows:
//   raft/state            HardState (currentTerm, votedFor)
//   raft/log/<index>      one Entry each, indexes from 1, contiguous
// A log write from index i deletes raft/log/<i> on, then puts the new
// entries: a truncation and an append in one batch.
#include "quorum/raft/protocol.hpp"

namespace quorum::raft {

namespace {

constexpr std::string_view kState = "raft/state";
constexpr std::string_view kLog = "raft/log/";

void put_log(store::Batch& batch, LogIndex from, const std::vector<Entry>& entries) {
    store::delete_numbered_from(batch, kLog, from);
    LogIndex index = from;
    for (const Entry& entry : entries) {
        store::put(batch, store::numbered_key(kLog, index++), entry);
    }
}

}  // namespace

void Protocol::append_records(store::Batch& batch, const Ready& ready, const DurableState&) {
    if (ready.hard_state) {
        store::put(batch, std::string(kState), *ready.hard_state);
    }
    if (ready.log_write_from != 0) {
        put_log(batch, ready.log_write_from, ready.log_write);
    }
}

store::Batch Protocol::records_of(const DurableState& state) {
    store::Batch batch;
    store::put(batch, std::string(kState), state.hard_state);
    if (!state.log.empty()) {
        put_log(batch, 1, state.log);
    }
    return batch;
}

std::variant<DurableState, store::LoadError> Protocol::load_records(
    const std::vector<store::Record>& sorted) {
    DurableState state;
    for (const store::Record& record : sorted) {  // the log in index order
        if (record.first == kState) {
            if (auto error = store::decode_into(record, state.hard_state)) {
                return *error;
            }
            continue;
        }
        const auto index = store::key_number(record.first, kLog);
        if (!index) {
            return store::LoadError{record.first, "not a Raft record"};
        }
        if (*index != state.log.size() + 1) {
            return store::LoadError{
                record.first, "log entry " + std::to_string(state.log.size() + 1) + " is missing"};
        }
        Entry& entry = state.log.emplace_back();
        if (auto error = store::decode_into(record, entry)) {
            return *error;
        }
    }
    return state;
}

}  // namespace quorum::raft
