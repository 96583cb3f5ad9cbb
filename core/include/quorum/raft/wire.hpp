// Raft's messages and durable records on the wire (quorum/wire/codec.hpp):
// each type's fields once, in wire order, and each message's tag (1-4).
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

}  // namespace quorum::raft
