// Single-decree Paxos's ring look, names, clients and state JSON.
#include "protocols/paxos/view.hpp"

#include <nlohmann/json.hpp>

#include "quorum/sim/nodes.hpp"

namespace quorum::dashboard {

namespace paxos_view {

namespace {

using nlohmann::json;

constexpr OperationKind kOperations[] = {OperationKind::Propose};

constexpr ProtocolView::SetupOption kSetupOptions[] = {{"backoff", "Randomized backoff"}};

// Phases take the palette and shapes in order of progress (theme.hpp).
NodeLook phase_look(paxos::ProposerPhase phase) {
    switch (phase) {
        case paxos::ProposerPhase::Idle:
            return {Theme::kSkyBlue, 32, "I", {}, {}, -1};
        case paxos::ProposerPhase::Preparing:
            return {Theme::kYellow, 8, "1", {}, {}, -1};
        case paxos::ProposerPhase::Accepting:
            return {Theme::kOrange, 4, "2", {}, {}, -1};
        case paxos::ProposerPhase::BackingOff:
            return {Theme::kReddishPurple, 3, "B", {}, {}, -1};
        case paxos::ProposerPhase::Chosen:
            return {Theme::kBluishGreen, 6, "V", {}, {}, -1};
    }
    return {};
}

std::optional<paxos::Value> chosen(const sim::Cluster& cluster) {
    const auto& chosen = cluster.nodes<paxos::Protocol>().checker().chosen();
    return chosen ? std::optional(chosen->value) : std::nullopt;
}

}  // namespace

std::span<const ProtocolView::SetupOption> View::setup_options() const {
    return kSetupOptions;
}

std::string View::header(const sim::Cluster& cluster) const {
    const std::optional<paxos::Value> value = chosen(cluster);
    return "Single-decree Paxos, " + std::to_string(cluster.size()) +
           " nodes   chosen: " + (value ? "\"" + *value + "\"" : "nothing yet");
}

NodeLook View::node_look(const sim::Cluster& cluster, NodeId id) const {
    const paxos::Node& node = cluster.nodes<paxos::Protocol>().node(id);
    NodeLook look = phase_look(node.phase());
    look.line1 = node.is_proposer() ? "ballot " + node.ballot().to_string() : "";
    const auto& accepted = node.accepted();
    look.line2 = "prom " + node.promised().to_string() + " acc " +
                 (accepted ? accepted->ballot.to_string() + "=" + accepted->value : "-");
    const paxos::Config& config = node.config();
    if (node.next_deadline() != kNoDeadline) {
        look.timer_left = share_left(node.next_deadline(), cluster.now(),
                                     config.retry_timeout_us + config.backoff_max_us);
    }
    return look;
}

const char* View::legend() const {
    return "I idle  1 preparing  2 accepting  B backing off  V chosen";
}

const char* View::message_legend() const {
    return "Prep/Prom phase 1, ballot round.node  Acc/Acc'd phase 2  Nack a higher promise  "
           "Req/Resp client";
}

const char* View::node_help() const {
    return "Shape and letter: the proposer's phase (1 prepare, 2 accept; Paxos Made "
           "Simple).\n"
           "ballot: the proposal number of the proposer's current attempt.\n"
           "prom: the acceptor's promise, no proposal numbered below it is accepted.\n"
           "acc: the highest-numbered proposal the acceptor accepted, and its value.\n"
           "Arc: time left before the proposer retries.\n"
           "Drag it onto another node or empty space to partition.";
}

std::span<const OperationKind> View::operations() const {
    return kOperations;
}

json View::node_json(const sim::Cluster& cluster, NodeId id) const {
    const paxos::Node& node = cluster.nodes<paxos::Protocol>().node(id);
    const auto& accepted = node.accepted();
    return {{"id", id},
            {"up", true},
            {"phase", paxos::phase_name(node.phase())},
            {"ballot", node.ballot().to_string()},
            {"promised", node.promised().to_string()},
            {"accepted",
             accepted ? json{{"ballot", accepted->ballot.to_string()}, {"value", accepted->value}}
                      : json(nullptr)},
            {"learned", node.learned() ? json(*node.learned()) : json(nullptr)}};
}

void View::add_state_json(const sim::Cluster& cluster, json& state) const {
    const std::optional<paxos::Value> value = chosen(cluster);
    state["chosen"] = value ? json(*value) : json(nullptr);
}

}  // namespace paxos_view

template <>
const ProtocolView& view_of<paxos::Protocol>() {
    static const paxos_view::View view;
    return view;
}

}  // namespace quorum::dashboard
