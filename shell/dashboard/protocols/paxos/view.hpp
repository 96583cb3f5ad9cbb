// Single-decree Paxos in the dashboard (protocol_view.hpp): nodes by their
// proposer's phase (Paxos Made Simple), each agent's state in the Inspector
// and the Logs panel, clients that propose values.
#pragma once

#include "protocol_view.hpp"
#include "quorum/paxos/protocol.hpp"

namespace quorum::dashboard {

namespace paxos_view {

class View final : public ProtocolView {
  public:
    const char* setup_label() const override { return "Paxos (single decree)"; }
    const char* name_in_text() const override { return "single-decree Paxos"; }
    std::span<const SetupOption> setup_options() const override;
    const char* first_scenario() const override { return "paxos/basic.qs"; }

    std::string header(const sim::Cluster& cluster) const override;
    NodeLook node_look(const sim::Cluster& cluster, NodeId id) const override;
    const char* legend() const override;
    const char* message_legend() const override;
    const char* node_help() const override;
    bool has_leader() const override { return false; }  // proposers, no leader

    // messages.cpp
    std::string message_label(const sim::Cluster& cluster,
                              const sim::InFlight& flight) const override;
    ImU32 message_colour(const sim::Cluster& cluster, const sim::InFlight& flight) const override;
    Fields message_fields(const sim::Cluster& cluster, const sim::InFlight& flight) const override;
    const char* message_field_help(std::string_view field) const override;

    // inspector.cpp, logs.cpp
    void draw_node(const sim::Cluster& cluster, NodeId id) const override;
    void draw_crashed_node(const sim::Cluster& cluster, NodeId id) const override;
    void draw_logs(const sim::Cluster& cluster) const override;

    std::span<const OperationKind> operations() const override;
    nlohmann::json node_json(const sim::Cluster& cluster, NodeId id) const override;
    // "chosen": the value a majority of acceptors accepted, or null.
    void add_state_json(const sim::Cluster& cluster, nlohmann::json& state) const override;
};

}  // namespace paxos_view

template <>
const ProtocolView& view_of<paxos::Protocol>();

}  // namespace quorum::dashboard
