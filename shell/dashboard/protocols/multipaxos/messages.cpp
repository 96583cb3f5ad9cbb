// Multi-Paxos's messages on screen: labels carry the ballot for phase 1 and
// the slot for phase 2, the numbers a student follows; phase 1 yellow, phase
// 2 blue as in single-decree Paxos, decisions green; PMMC's fields.
#include <variant>

#include "protocols/multipaxos/view.hpp"
#include "quorum/sim/nodes.hpp"

namespace quorum::dashboard::multipaxos_view {

namespace {

std::string number(std::uint64_t value) {
    return std::to_string(value);
}

std::string ballot(const multipaxos::Ballot& ballot) {
    return multipaxos::ballot_text(ballot);
}

std::string pvalue_text(const multipaxos::PValue& pvalue) {
    return "<" + ballot(pvalue.ballot) + ", slot " + number(pvalue.slot) + ", " +
           multipaxos::describe(pvalue.decree) + ">";
}

struct Label {
    std::string operator()(const multipaxos::Propose& m) const { return "Prop s" + number(m.slot); }
    std::string operator()(const multipaxos::P1a& m) const { return "P1a " + ballot(m.ballot); }
    std::string operator()(const multipaxos::P1b& m) const {
        return std::string(m.ballot == m.request_ballot ? "P1b+ " : "P1b- ") + ballot(m.ballot);
    }
    std::string operator()(const multipaxos::P2a& m) const {
        return "P2a s" + number(m.pvalue.slot);
    }
    std::string operator()(const multipaxos::P2b& m) const {
        return std::string(m.ballot == m.request_ballot ? "P2b+ s" : "P2b- s") + number(m.slot);
    }
    std::string operator()(const multipaxos::Decision& m) const { return "Dec s" + number(m.slot); }
    std::string operator()(const multipaxos::LeaderHeartbeat&) const { return "HB"; }
    std::string operator()(const ClientRequest& m) const { return client_label(m); }
    std::string operator()(const ClientResponse& m) const { return client_label(m); }
};

struct Colour {
    ImU32 operator()(const multipaxos::Propose&) const { return IM_COL32(230, 230, 230, 255); }
    ImU32 operator()(const multipaxos::P1a&) const { return Theme::kYellow; }
    ImU32 operator()(const multipaxos::P1b&) const { return IM_COL32(250, 245, 160, 255); }
    ImU32 operator()(const multipaxos::P2a&) const { return Theme::kBlue; }
    ImU32 operator()(const multipaxos::P2b&) const { return Theme::kSkyBlue; }
    ImU32 operator()(const multipaxos::Decision&) const { return Theme::kBluishGreen; }
    ImU32 operator()(const multipaxos::LeaderHeartbeat&) const {
        return IM_COL32(110, 215, 180, 255);
    }
    ImU32 operator()(const ClientRequest& m) const { return client_colour(m); }
    ImU32 operator()(const ClientResponse& m) const { return client_colour(m); }
};

struct FieldList {
    Fields operator()(const multipaxos::Propose& m) const {
        return {{"slot", number(m.slot)},
                {"command", multipaxos::describe(m.decree)},
                {"slot_out", number(m.slot_out)}};
    }
    Fields operator()(const multipaxos::P1a& m) const { return {{"ballot", ballot(m.ballot)}}; }
    Fields operator()(const multipaxos::P1b& m) const {
        Fields fields{{"request ballot", ballot(m.request_ballot)},
                      {"ballot_num", ballot(m.ballot)},
                      {"accepted", number(m.accepted.size()) + " pvalues"}};
        for (std::size_t i = 0; i < m.accepted.size() && i < 16; ++i) {
            fields.emplace_back("  pvalue", pvalue_text(m.accepted[i]));
        }
        return fields;
    }
    Fields operator()(const multipaxos::P2a& m) const {
        return {{"pvalue", pvalue_text(m.pvalue)}};
    }
    Fields operator()(const multipaxos::P2b& m) const {
        return {{"request ballot", ballot(m.request_ballot)},
                {"slot", number(m.slot)},
                {"ballot_num", ballot(m.ballot)}};
    }
    Fields operator()(const multipaxos::Decision& m) const {
        return {{"slot", number(m.slot)}, {"command", multipaxos::describe(m.decree)}};
    }
    Fields operator()(const multipaxos::LeaderHeartbeat& m) const {
        return {{"ballot", ballot(m.ballot)}, {"decided", number(m.decided)}};
    }
    Fields operator()(const ClientRequest& m) const { return client_fields(m); }
    Fields operator()(const ClientResponse& m) const { return client_fields(m); }
};

const multipaxos::Payload& payload(const sim::Cluster& cluster, const sim::InFlight& flight) {
    return cluster.nodes<multipaxos::Protocol>().payload(flight);
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
    // PMMC's names ("Paxos Made Moderately Complex").
    static constexpr std::pair<const char*, const char*> kHelp[] = {
        {"ballot", "The proposal number (Paxos) or ballot (PMMC), round.node: higher wins."},
        {"accepted",
         "What an acceptor has accepted: the highest-numbered proposal (Paxos) or "
         "its pvalues (PMMC)."},
        {"slot", "PMMC: the slot, the position in the sequence of decided commands."},
        {"pvalue",
         "PMMC's pvalue <ballot, slot, command>: a command proposed for a slot in a "
         "ballot."},
        {"ballot_num",
         "PMMC: the acceptor's ballot_num after this message; equal to the "
         "request's ballot means adopted or accepted."},
        {"request ballot", "PMMC: the ballot of the P1a or P2a this answers."},
        {"slot_out", "PMMC: the replica's slot_out; every slot below it is decided."},
        {"decided", "The highest slot the active leader knows decided."},
    };
    return find_help(kHelp, field);
}

}  // namespace quorum::dashboard::multipaxos_view
