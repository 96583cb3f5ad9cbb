// Single-decree Paxos's messages and durable records on the wire
// (quorum/wire/codec.hpp): each type's fields once, in wire order, and each
// message's tag (7-11).
#pragma once

#include <cstdint>
#include <tuple>
#include <type_traits>

#include "quorum/paxos/messages.hpp"
#include "quorum/paxos/node.hpp"

namespace quorum::paxos {

constexpr auto wire_fields(std::type_identity<Ballot>) {
    return std::tuple(&Ballot::round, &Ballot::node);
}
constexpr auto wire_fields(std::type_identity<Proposal>) {
    return std::tuple(&Proposal::ballot, &Proposal::value);
}
constexpr auto wire_fields(std::type_identity<Prepare>) {
    return std::tuple(&Prepare::ballot);
}
constexpr auto wire_fields(std::type_identity<Promise>) {
    return std::tuple(&Promise::ballot, &Promise::accepted);
}
constexpr auto wire_fields(std::type_identity<Accept>) {
    return std::tuple(&Accept::ballot, &Accept::value);
}
constexpr auto wire_fields(std::type_identity<Accepted>) {
    return std::tuple(&Accepted::ballot, &Accepted::value);
}
constexpr auto wire_fields(std::type_identity<Nack>) {
    return std::tuple(&Nack::ballot, &Nack::promised);
}
constexpr auto wire_fields(std::type_identity<AcceptorState>) {
    return std::tuple(&AcceptorState::promised, &AcceptorState::accepted);
}
constexpr auto wire_fields(std::type_identity<DurableState>) {
    return std::tuple(&DurableState::acceptor, &DurableState::proposer_round);
}

constexpr std::uint8_t wire_tag(std::type_identity<Prepare>) {
    return 7;
}
constexpr std::uint8_t wire_tag(std::type_identity<Promise>) {
    return 8;
}
constexpr std::uint8_t wire_tag(std::type_identity<Accept>) {
    return 9;
}
constexpr std::uint8_t wire_tag(std::type_identity<Accepted>) {
    return 10;
}
constexpr std::uint8_t wire_tag(std::type_identity<Nack>) {
    return 11;
}

}  // namespace quorum::paxos
