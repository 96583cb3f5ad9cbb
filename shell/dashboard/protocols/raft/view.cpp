// Raft's ring look, names, clients and state JSON.
#include "protocols/raft/view.hpp"

#include <nlohmann/json.hpp>

#include "quorum/sim/nodes.hpp"

namespace quorum::dashboard {

namespace raft_view {

namespace {

using nlohmann::json;

constexpr OperationKind kOperations[] = {OperationKind::Put, OperationKind::Get,
                                         OperationKind::Append, OperationKind::Add};

constexpr ProtocolView::SetupOption kSetupOptions[] = {{"prevote", "PreVote"},
                                                       {"checkquorum", "CheckQuorum"}};

char role_letter(raft::Role role) {
    switch (role) {
        case raft::Role::Follower:
            return 'F';
        case raft::Role::PreCandidate:
            return 'P';
        case raft::Role::Candidate:
            return 'C';
        case raft::Role::Leader:
            return 'L';
    }
    return '?';
}

// Polygon sides per role: circle-ish follower, octagon pre-candidate,
// diamond candidate, hexagon leader (ImGui's n-gons start at angle 0).
int role_sides(raft::Role role) {
    switch (role) {
        case raft::Role::Follower:
            return 32;
        case raft::Role::PreCandidate:
            return 8;
        case raft::Role::Candidate:
            return 4;
        case raft::Role::Leader:
            return 6;
    }
    return 32;
}

std::string vote_text(NodeId vote) {
    return vote == kNoNode ? "-" : "S" + std::to_string(vote);
}

json node_or_null(NodeId node) {
    return node == kNoNode ? json(nullptr) : json(node);
}

std::size_t log_bytes(const std::vector<raft::Entry>& log) {
    std::size_t bytes = log.capacity() * sizeof(raft::Entry);
    for (const raft::Entry& entry : log) {
        bytes += entry.command->key.capacity() + entry.command->value.capacity();
    }
    return bytes;
}

}  // namespace

ImU32 role_colour(raft::Role role) {
    switch (role) {
        case raft::Role::Follower:
            return Theme::kSkyBlue;
        case raft::Role::PreCandidate:
            return Theme::kYellow;
        case raft::Role::Candidate:
            return Theme::kOrange;
        case raft::Role::Leader:
            return Theme::kBluishGreen;
    }
    return IM_COL32(128, 128, 128, 255);
}

std::span<const ProtocolView::SetupOption> View::setup_options() const {
    return kSetupOptions;
}

std::string View::header(const sim::Cluster& cluster) const {
    const std::optional<NodeId> leader = cluster.leader();
    return "Raft, " + std::to_string(cluster.size()) +
           " nodes   leader: " + (leader ? "S" + std::to_string(*leader) : "none") +
           "   highest term: " + std::to_string(cluster.highest_term());
}

NodeLook View::node_look(const sim::Cluster& cluster, NodeId id) const {
    const raft::Node& node = cluster.nodes<raft::Protocol>().node(id);
    NodeLook look;
    look.colour = role_colour(node.role());
    look.sides = role_sides(node.role());
    look.letter = std::string(1, role_letter(node.role()));
    look.line1 =
        "T" + std::to_string(node.current_term()) + "  vote " + vote_text(node.voted_for());
    look.line2 =
        "commit " + std::to_string(node.commit_index()) + "/" + std::to_string(node.last_index());
    const raft::Config& config = node.config();
    const TimeUs range = node.role() == raft::Role::Leader ? config.heartbeat_interval_us
                                                           : config.election_timeout_max_us;
    look.timer_left = share_left(node.next_deadline(), cluster.now(), range);
    return look;
}

const char* View::legend() const {
    return "F follower  P pre-candidate  C candidate  L leader  X crashed";
}

const char* View::message_legend() const {
    return "RV RequestVote  PV PreVote  +/- granted or not  AE[n] AppendEntries, n entries  "
           "AE+/AE- success or not";
}

const char* View::node_help() const {
    return "Shape and letter: the role (Raft section 5.1; P is PreVote's pre-candidate).\n"
           "T: currentTerm, the latest term the server has seen.\n"
           "vote: votedFor, the candidate it voted for in that term.\n"
           "commit a/b: commitIndex, the last entry known committed, of b log entries.\n"
           "Arc: time left on its election timeout (a leader's: until its heartbeat).\n"
           "Drag it onto another node or empty space to partition.";
}

std::span<const OperationKind> View::operations() const {
    return kOperations;
}

json View::node_json(const sim::Cluster& cluster, NodeId id) const {
    const raft::Node& node = cluster.nodes<raft::Protocol>().node(id);
    return {{"id", id},
            {"up", true},
            {"role", raft::role_name(node.role())},
            {"term", node.current_term()},
            {"votedFor", node_or_null(node.voted_for())},
            {"leader", node_or_null(node.leader_id())},
            {"commitIndex", node.commit_index()},
            {"lastApplied", node.last_applied()},
            {"logLength", node.last_index()},
            {"votes", node.votes_granted().size()},
            {"deadline", node.next_deadline()}};
}

std::size_t View::snapshot_bytes(const sim::Cluster& cluster) const {
    const auto& nodes = cluster.nodes<raft::Protocol>();
    std::size_t bytes = 0;
    for (NodeId id = 1; id <= cluster.size(); ++id) {
        // The node's log and its durable copy.
        bytes += 2 * log_bytes(nodes.durable_state(id).log);
    }
    return bytes;
}

}  // namespace raft_view

template <>
const ProtocolView& view_of<raft::Protocol>() {
    static const raft_view::View view;
    return view;
}

}  // namespace quorum::dashboard
