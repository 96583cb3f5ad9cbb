// Raft in the dashboard (protocol_view.hpp): nodes by role (Raft section
// 5.1, PreVote's pre-candidate), Figure 2's state in the Inspector, the logs
// side by side, put/get/append/add clients.
#pragma once

#include "protocol_view.hpp"
#include "quorum/raft/protocol.hpp"

namespace quorum::dashboard {

namespace raft_view {

class View final : public ProtocolView {
  public:
    const char* setup_label() const override { return "Raft"; }
    const char* name_in_text() const override { return "Raft"; }
    std::span<const SetupOption> setup_options() const override;
    const char* first_scenario() const override { return "raft/election.qs"; }

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
    std::size_t snapshot_bytes(const sim::Cluster& cluster) const override;
};

// Okabe-Ito by role, in order of progress (theme.hpp).
ImU32 role_colour(raft::Role role);

}  // namespace raft_view

template <>
const ProtocolView& view_of<raft::Protocol>();

}  // namespace quorum::dashboard
