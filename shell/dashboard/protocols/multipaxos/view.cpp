// Multi-Paxos's ring look, names, clients and state JSON.
#include "protocols/multipaxos/view.hpp"

#include <nlohmann/json.hpp>

#include "quorum/sim/nodes.hpp"

namespace quorum::dashboard {

namespace multipaxos_view {

namespace {

using nlohmann::json;

constexpr OperationKind kOperations[] = {OperationKind::Put, OperationKind::Get,
                                         OperationKind::Append, OperationKind::Add};

// The shape and letter say what the node's leader is doing (the role that
// moves the protocol), in the palette's order of progress (theme.hpp).
NodeLook role_look(const multipaxos::Node& node) {
    const std::optional<multipaxos::Leader>& leader = node.leader();
    if (leader && leader->active()) {
        return {Theme::kBluishGreen, 6, "L", {}, {}, -1};
    }
    if (leader && leader->campaigning()) {
        return {Theme::kOrange, 4, "S", {}, {}, -1};
    }
    if (leader) {
        return {Theme::kYellow, 8, "W", {}, {}, -1};
    }
    if (node.roles().replica) {
        return {Theme::kSkyBlue, 32, "R", {}, {}, -1};
    }
    return {Theme::kReddishPurple, 3, "A", {}, {}, -1};
}

}  // namespace

std::string View::header(const sim::Cluster& cluster) const {
    const std::optional<NodeId> leader = cluster.leader();
    const multipaxos::Ballot highest =
        multipaxos::Protocol::highest_ballot(cluster.nodes<multipaxos::Protocol>().slots());
    return "Multi-Paxos, " + std::to_string(cluster.size()) +
           " nodes   active leader: " + (leader ? "S" + std::to_string(*leader) : "none") +
           "   highest ballot: " + multipaxos::ballot_text(highest);
}

// PMMC's roles, one node possibly holding all three: the line under it says
// which roles it holds, its leader's ballot and its replica's decided slots.
NodeLook View::node_look(const sim::Cluster& cluster, NodeId id) const {
    const multipaxos::Node& node = cluster.nodes<multipaxos::Protocol>().node(id);
    const multipaxos::Roles roles = node.roles();
    const std::optional<multipaxos::Leader>& leader = node.leader();
    NodeLook look = role_look(node);
    const std::string held = std::string(roles.replica ? "R" : "") + (roles.leader ? "L" : "") +
                             (roles.acceptor ? "A" : "");
    look.line1 = held + (leader ? "  b " + multipaxos::ballot_text(leader->ballot_num()) : "");
    look.line2 =
        (roles.replica ? "slots " + std::to_string(node.decided_slots()) + "  " : "") +
        (roles.acceptor ? "acc " + multipaxos::ballot_text(node.acceptor().ballot_num()) : "");
    if (node.next_deadline() != kNoDeadline) {
        look.timer_left =
            share_left(node.next_deadline(), cluster.now(), node.config().leader_timeout_max_us());
    }
    return look;
}

const char* View::legend() const {
    return "L active leader  S scouting  W waiting leader  R replica  A acceptor";
}

const char* View::message_legend() const {
    return "P1a/P1b phase 1  P2a/P2b phase 2, slot s  +/- adopted or preempted  Prop  Dec decision "
           " HB heartbeat";
}

const char* View::node_help() const {
    return "Shape and letter: what its leader does (PMMC): L active, S scouting "
           "(phase 1), W waiting; R a replica only, A an acceptor only.\n"
           "RLA: the roles it holds, replica, leader, acceptor.\n"
           "b: its leader's ballot_num (round.leader).\n"
           "slots: its replica's decided slots, slot_out - 1.\n"
           "acc: its acceptor's ballot_num, the highest ballot it adopted.\n"
           "Arc: time left on its heartbeat, failover or retry timer.\n"
           "Drag it onto another node or empty space to partition.";
}

std::span<const OperationKind> View::operations() const {
    return kOperations;
}

json View::node_json(const sim::Cluster& cluster, NodeId id) const {
    const multipaxos::Node& node = cluster.nodes<multipaxos::Protocol>().node(id);
    const multipaxos::Roles roles = node.roles();
    const std::optional<multipaxos::Leader>& leader = node.leader();
    json roles_json = json::array();
    for (const auto& [held, name] :
         {std::pair{roles.replica, "replica"}, std::pair{roles.leader, "leader"},
          std::pair{roles.acceptor, "acceptor"}}) {
        if (held) {
            roles_json.push_back(name);
        }
    }
    return {
        {"id", id},
        {"up", true},
        {"roles", roles_json},
        {"active", leader && leader->active()},
        {"ballot", leader ? json(multipaxos::ballot_text(leader->ballot_num())) : json(nullptr)},
        {"acceptorBallot", multipaxos::ballot_text(node.acceptor().ballot_num())},
        {"accepted", node.acceptor().accepted().size()},
        {"decided", node.decided_slots()}};
}

}  // namespace multipaxos_view

template <>
const ProtocolView& view_of<multipaxos::Protocol>() {
    static const multipaxos_view::View view;
    return view;
}

}  // namespace quorum::dashboard
