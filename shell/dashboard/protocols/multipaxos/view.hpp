// Multi-Paxos in the dashboard (protocol_view.hpp): nodes by what their
// leader does (PMMC), each role's state in the Inspector, replicas' decided
// slots and acceptors' pvalues side by side, put/get/append/add clients.
#pragma once

#include "protocol_view.hpp"
#include "quorum/multipaxos/protocol.hpp"

namespace quorum::dashboard {

namespace multipaxos_view {

class View final : public ProtocolView {
  public:
    const char* setup_label() const override { return "Multi-Paxos"; }
    const char* name_in_text() const override { return "Multi-Paxos"; }
    std::span<const SetupOption> setup_options() const override { return {}; }
    const char* setup_note() const override {
        return "every node a replica, a leader and an acceptor";
    }
    const char* first_scenario() const override { return "multipaxos/basic.qs"; }

    std::string header(const sim::Cluster& cluster) const override;
    NodeLook node_look(const sim::Cluster& cluster, NodeId id) const override;
    const char* legend() const override;
    const char* message_legend() const override;
    const char* node_help() const override;
    bool has_leader() const override { return true; }

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
};

// The Inspector's durable fields: a live node's and a crashed one's.
void durable_fields(const multipaxos::DurableState& durable);

}  // namespace multipaxos_view

template <>
const ProtocolView& view_of<multipaxos::Protocol>();

}  // namespace quorum::dashboard
