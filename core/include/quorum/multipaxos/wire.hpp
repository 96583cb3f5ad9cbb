// Multi-Paxos's messages and durable records on the wire
// (quorum/wire/codec.hpp): each type's fields once, in wire order, and each
// message's tag (12-18).
#pragma once

#include <cstdint>
#include <tuple>
#include <type_traits>

#include "quorum/multipaxos/messages.hpp"

namespace quorum::multipaxos {

constexpr auto wire_fields(std::type_identity<Ballot>) {
    return std::tuple(&Ballot::round, &Ballot::leader);
}
constexpr auto wire_fields(std::type_identity<Configuration>) {
    return std::tuple(&Configuration::leaders, &Configuration::acceptors);
}
constexpr auto wire_fields(std::type_identity<Decree>) {
    return std::tuple(&Decree::command, &Decree::reconfiguration);
}
constexpr auto wire_fields(std::type_identity<PValue>) {
    return std::tuple(&PValue::ballot, &PValue::slot, &PValue::decree);
}
constexpr auto wire_fields(std::type_identity<Propose>) {
    return std::tuple(&Propose::slot, &Propose::decree, &Propose::configuration,
                      &Propose::slot_out);
}
constexpr auto wire_fields(std::type_identity<P1a>) {
    return std::tuple(&P1a::ballot);
}
constexpr auto wire_fields(std::type_identity<P1b>) {
    return std::tuple(&P1b::request_ballot, &P1b::ballot, &P1b::accepted);
}
constexpr auto wire_fields(std::type_identity<P2a>) {
    return std::tuple(&P2a::pvalue);
}
constexpr auto wire_fields(std::type_identity<P2b>) {
    return std::tuple(&P2b::request_ballot, &P2b::slot, &P2b::ballot);
}
constexpr auto wire_fields(std::type_identity<Decision>) {
    return std::tuple(&Decision::slot, &Decision::decree);
}
constexpr auto wire_fields(std::type_identity<LeaderHeartbeat>) {
    return std::tuple(&LeaderHeartbeat::ballot, &LeaderHeartbeat::decided);
}

constexpr std::uint8_t wire_tag(std::type_identity<Propose>) {
    return 12;
}
constexpr std::uint8_t wire_tag(std::type_identity<P1a>) {
    return 13;
}
constexpr std::uint8_t wire_tag(std::type_identity<P1b>) {
    return 14;
}
constexpr std::uint8_t wire_tag(std::type_identity<P2a>) {
    return 15;
}
constexpr std::uint8_t wire_tag(std::type_identity<P2b>) {
    return 16;
}
constexpr std::uint8_t wire_tag(std::type_identity<Decision>) {
    return 17;
}
constexpr std::uint8_t wire_tag(std::type_identity<LeaderHeartbeat>) {
    return 18;
}

}  // namespace quorum::multipaxos
