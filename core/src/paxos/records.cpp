// Single-decree Paxos's durable state as keyed records (store/records.hpp):
// one record, paxos/state, the whole DurableState (a few dozen bytes),
// rewritten on every change.
#include "quorum/paxos/protocol.hpp"

namespace quorum::paxos {

namespace {

constexpr std::string_view kState = "paxos/state";

}  // namespace

void Protocol::append_records(store::Batch& batch, const Ready& ready, const DurableState& after) {
    if (ready.has_durable_writes()) {
        store::put(batch, std::string(kState), after);
    }
}

store::Batch Protocol::records_of(const DurableState& state) {
    store::Batch batch;
    store::put(batch, std::string(kState), state);
    return batch;
}

std::variant<DurableState, store::LoadError> Protocol::load_records(
    const std::vector<store::Record>& sorted) {
    DurableState state;
    for (const store::Record& record : sorted) {
        if (record.first != kState) {
            return store::LoadError{record.first, "not a Paxos record"};
        }
        if (auto error = store::decode_into(record, state)) {
            return *error;
        }
    }
    return state;
}

}  // namespace quorum::paxos
