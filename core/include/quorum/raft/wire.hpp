// Raft's messages and durable records on the wire (quorum/wire/codec.hpp):
// each type's fields once, in wire order, and each message's tag (1-4, and
// 19-20 for InstallSnapshot, added after the other protocols took 7-18).
#pragma once

#include <cstdint>
#include <tuple>
#include <type_traits>

#include "quorum/raft/messages.hpp"
#include "quorum/raft/node.hpp"

namespace quorum::raft {

constexpr auto wire_fields(std::type_identity<Entry>) {
    return std::tuple(&Entry::term, &Entry::command);
}
constexpr auto wire_fields(std::type_identity<Snapshot>) {
    return std::tuple(&Snapshot::last_included_index, &Snapshot::last_included_term,
                      &Snapshot::state);
}
constexpr auto wire_fields(std::type_identity<InstallSnapshot>) {
    return std::tuple(&InstallSnapshot::term, &InstallSnapshot::leader_id,
                      &InstallSnapshot::snapshot);
}
constexpr auto wire_fields(std::type_identity<InstallSnapshotResponse>) {
    return std::tuple(&InstallSnapshotResponse::term, &InstallSnapshotResponse::match_index);
}
constexpr auto wire_fields(std::type_identity<HardState>) {
    return std::tuple(&HardState::current_term, &HardState::voted_for);
}
constexpr auto wire_fields(std::type_identity<RequestVote>) {
    return std::tuple(&RequestVote::term, &RequestVote::candidate_id, &RequestVote::last_log_index,
                      &RequestVote::last_log_term, &RequestVote::pre_vote);
}
constexpr auto wire_fields(std::type_identity<RequestVoteResponse>) {
    return std::tuple(&RequestVoteResponse::term, &RequestVoteResponse::vote_granted,
                      &RequestVoteResponse::pre_vote);
}
constexpr auto wire_fields(std::type_identity<AppendEntries>) {
    return std::tuple(&AppendEntries::term, &AppendEntries::leader_id,
                      &AppendEntries::prev_log_index, &AppendEntries::prev_log_term,
                      &AppendEntries::entries, &AppendEntries::leader_commit);
}
constexpr auto wire_fields(std::type_identity<AppendEntriesResponse>) {
    return std::tuple(&AppendEntriesResponse::term, &AppendEntriesResponse::success,
                      &AppendEntriesResponse::match_index, &AppendEntriesResponse::conflict_term,
                      &AppendEntriesResponse::conflict_index, &AppendEntriesResponse::log_length);
}

constexpr std::uint8_t wire_tag(std::type_identity<RequestVote>) {
    return 1;
}
constexpr std::uint8_t wire_tag(std::type_identity<RequestVoteResponse>) {
    return 2;
}
constexpr std::uint8_t wire_tag(std::type_identity<AppendEntries>) {
    return 3;
}
constexpr std::uint8_t wire_tag(std::type_identity<AppendEntriesResponse>) {
    return 4;
}
constexpr std::uint8_t wire_tag(std::type_identity<InstallSnapshot>) {
    return 19;
}
constexpr std::uint8_t wire_tag(std::type_identity<InstallSnapshotResponse>) {
    return 20;
}

}  // namespace quorum::raft

namespace quorum {

// The state machine's image lives in quorum::, where argument-dependent
// lookup looks for its fields; only Raft's snapshots carry it so far.
constexpr auto wire_fields(std::type_identity<StateMachineImage::Session>) {
    using Session = StateMachineImage::Session;
    return std::tuple(&Session::client, &Session::last_sequence, &Session::last_ok,
                      &Session::last_text);
}
constexpr auto wire_fields(std::type_identity<StateMachineImage>) {
    return std::tuple(&StateMachineImage::values, &StateMachineImage::counter,
                      &StateMachineImage::sessions);
}

}  // namespace quorum
