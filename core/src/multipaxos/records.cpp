// Multi-Paxos's durable state as keyed records (store/records.hpp):
//   mp/acceptor_ballot    the acceptor's ballot_num
//   mp/leader_ballot      the highest ballot its leader used
//   mp/accepted/<slot>    the acceptor's pvalue for the slot
//   mp/decision/<slot>    the replica's decided decree for the slot
#include "quorum/multipaxos/protocol.hpp"

namespace quorum::multipaxos {

namespace {

constexpr std::string_view kAcceptorBallot = "mp/acceptor_ballot";
constexpr std::string_view kLeaderBallot = "mp/leader_ballot";
constexpr std::string_view kAccepted = "mp/accepted/";
constexpr std::string_view kDecision = "mp/decision/";

}  // namespace

void Protocol::append_records(store::Batch& batch, const Ready& ready, const DurableState&) {
    if (ready.acceptor_ballot) {
        store::put(batch, std::string(kAcceptorBallot), *ready.acceptor_ballot);
    }
    if (ready.leader_ballot) {
        store::put(batch, std::string(kLeaderBallot), *ready.leader_ballot);
    }
    for (const PValue& pvalue : ready.accepted) {
        store::put(batch, store::numbered_key(kAccepted, pvalue.slot), pvalue);
    }
    for (const Decision& decision : ready.decisions) {
        store::put(batch, store::numbered_key(kDecision, decision.slot), decision.decree);
    }
}

store::Batch Protocol::records_of(const DurableState& state) {
    store::Batch batch;
    store::put(batch, std::string(kAcceptorBallot), state.acceptor_ballot);
    store::put(batch, std::string(kLeaderBallot), state.leader_ballot);
    for (const auto& [slot, pvalue] : state.accepted) {
        store::put(batch, store::numbered_key(kAccepted, slot), pvalue);
    }
    for (const auto& [slot, decree] : state.decisions) {
        store::put(batch, store::numbered_key(kDecision, slot), decree);
    }
    return batch;
}

std::variant<DurableState, store::LoadError> Protocol::load_records(
    const std::vector<store::Record>& sorted) {
    DurableState state;
    for (const store::Record& record : sorted) {
        std::optional<store::LoadError> error;
        if (record.first == kAcceptorBallot) {
            error = store::decode_into(record, state.acceptor_ballot);
        } else if (record.first == kLeaderBallot) {
            error = store::decode_into(record, state.leader_ballot);
        } else if (const auto slot = store::key_number(record.first, kAccepted)) {
            PValue& pvalue = state.accepted[*slot];
            error = store::decode_into(record, pvalue);
            if (!error && pvalue.slot != *slot) {
                error = store::LoadError{record.first, "holds slot " + std::to_string(pvalue.slot)};
            }
        } else if (const auto decided = store::key_number(record.first, kDecision)) {
            error = store::decode_into(record, state.decisions[*decided]);
        } else {
            error = store::LoadError{record.first, "not a Multi-Paxos record"};
        }
        if (error) {
            return *error;
        }
    }
    return state;
}

}  // namespace quorum::multipaxos
