// Single-decree Paxos's messages on screen: labels with the ballot, phase 1
// yellow, phase 2 blue (the answer a lighter shade), Paxos Made Simple's fields.
#include <variant>

#include "protocols/paxos/view.hpp"
#include "quorum/sim/nodes.hpp"

namespace quorum::dashboard::paxos_view {

namespace {

std::string proposal_text(const std::optional<paxos::Proposal>& proposal) {
    return proposal ? proposal->ballot.to_string() + " = \"" + proposal->value + "\"" : "none";
}

struct Label {
    std::string operator()(const paxos::Prepare& m) const { return "Prep " + m.ballot.to_string(); }
    std::string operator()(const paxos::Promise& m) const { return "Prom " + m.ballot.to_string(); }
    std::string operator()(const paxos::Accept& m) const { return "Acc " + m.ballot.to_string(); }
    std::string operator()(const paxos::Accepted& m) const {
        return "Acc'd " + m.ballot.to_string();
    }
    std::string operator()(const paxos::Nack& m) const { return "Nack " + m.promised.to_string(); }
    std::string operator()(const ClientRequest& m) const { return client_label(m); }
    std::string operator()(const ClientResponse& m) const { return client_label(m); }
};

struct Colour {
    ImU32 operator()(const paxos::Prepare&) const { return Theme::kYellow; }
    ImU32 operator()(const paxos::Promise&) const { return IM_COL32(250, 245, 160, 255); }
    ImU32 operator()(const paxos::Accept&) const { return Theme::kBlue; }
    ImU32 operator()(const paxos::Accepted&) const { return Theme::kSkyBlue; }
    ImU32 operator()(const paxos::Nack&) const { return Theme::kReddishPurple; }
    ImU32 operator()(const ClientRequest& m) const { return client_colour(m); }
    ImU32 operator()(const ClientResponse& m) const { return client_colour(m); }
};

struct FieldList {
    Fields operator()(const paxos::Prepare& m) const { return {{"ballot", m.ballot.to_string()}}; }
    Fields operator()(const paxos::Promise& m) const {
        return {{"ballot", m.ballot.to_string()}, {"accepted", proposal_text(m.accepted)}};
    }
    Fields operator()(const paxos::Accept& m) const {
        return {{"ballot", m.ballot.to_string()}, {"value", m.value}};
    }
    Fields operator()(const paxos::Accepted& m) const {
        return {{"ballot", m.ballot.to_string()}, {"value", m.value}};
    }
    Fields operator()(const paxos::Nack& m) const {
        return {{"ballot", m.ballot.to_string()}, {"promised", m.promised.to_string()}};
    }
    Fields operator()(const ClientRequest& m) const { return client_fields(m); }
    Fields operator()(const ClientResponse& m) const { return client_fields(m); }
};

const paxos::Payload& payload(const sim::Cluster& cluster, const sim::InFlight& flight) {
    return cluster.nodes<paxos::Protocol>().payload(flight);
}

}  // namespace

std::string View::message_label(const sim::Cluster& cluster, const sim::InFlight& flight) const {
    return std::visit(Label{}, payload(cluster, flight));
}

ImU32 View::message_colour(const sim::Cluster& cluster, const sim::InFlight& flight) const {
    return std::visit(Colour{}, payload(cluster, flight));
}

Fields View::message_fields(const sim::Cluster& cluster, const sim::InFlight& flight) const {
    return std::visit(FieldList{}, payload(cluster, flight));
}

const char* View::message_field_help(std::string_view field) const {
    static constexpr std::pair<const char*, const char*> kHelp[] = {
        {"ballot", "The proposal number (Paxos) or ballot (PMMC), round.node: higher wins."},
        {"accepted",
         "What an acceptor has accepted: the highest-numbered proposal (Paxos) or "
         "its pvalues (PMMC)."},
        {"value", "The value proposed or accepted."},
        {"promised", "Nack: the acceptor's promise, which the proposer's ballot is below."},
    };
    return find_help(kHelp, field);
}

}  // namespace quorum::dashboard::paxos_view
