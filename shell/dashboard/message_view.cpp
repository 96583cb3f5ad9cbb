#include "message_view.hpp"

#include <type_traits>

#include "quorum/sim/multipaxos_invariants.hpp"

namespace quorum::dashboard {

namespace {

using Fields = std::vector<std::pair<std::string, std::string>>;

std::string number(std::uint64_t value) {
    return std::to_string(value);
}

std::string yes_no(bool value) {
    return value ? "true" : "false";
}

std::string proposal_text(const std::optional<paxos::Proposal>& proposal) {
    return proposal ? proposal->ballot.to_string() + " = \"" + proposal->value + "\"" : "none";
}

std::string ballot(const multipaxos::Ballot& ballot) {
    return sim::ballot_text(ballot);
}

std::string pvalue_text(const multipaxos::PValue& pvalue) {
    return "<" + ballot(pvalue.ballot) + ", slot " + number(pvalue.slot) + ", " +
           multipaxos::describe(pvalue.decree) + ">";
}

// One visitor per view. Multi-Paxos labels carry the ballot for phase 1 and
// the slot for phase 2, the numbers a student follows.
struct Label {
    std::string operator()(const raft::RequestVote& m) const { return m.pre_vote ? "PV" : "RV"; }
    std::string operator()(const raft::RequestVoteResponse& m) const {
        return std::string(m.pre_vote ? "PV" : "RV") + (m.vote_granted ? "+" : "-");
    }
    std::string operator()(const raft::AppendEntries& m) const {
        return "AE[" + number(m.entries.size()) + "]";
    }
    std::string operator()(const raft::AppendEntriesResponse& m) const {
        return m.success ? "AE+" : "AE-";
    }
    std::string operator()(const ClientRequest&) const { return "Req"; }
    std::string operator()(const ClientResponse& m) const {
        return m.status == ClientResponse::Status::Ok ? "Resp" : "Redirect";
    }
    std::string operator()(const paxos::Prepare& m) const { return "Prep " + m.ballot.to_string(); }
    std::string operator()(const paxos::Promise& m) const { return "Prom " + m.ballot.to_string(); }
    std::string operator()(const paxos::Accept& m) const { return "Acc " + m.ballot.to_string(); }
    std::string operator()(const paxos::Accepted& m) const {
        return "Acc'd " + m.ballot.to_string();
    }
    std::string operator()(const paxos::Nack& m) const { return "Nack " + m.promised.to_string(); }
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
};

struct FieldList {
    Fields operator()(const raft::RequestVote& m) const {
        return {{"term", number(m.term)},
                {"candidateId", number(m.candidate_id)},
                {"lastLogIndex", number(m.last_log_index)},
                {"lastLogTerm", number(m.last_log_term)},
                {"preVote", yes_no(m.pre_vote)}};
    }
    Fields operator()(const raft::RequestVoteResponse& m) const {
        return {{"term", number(m.term)},
                {"voteGranted", yes_no(m.vote_granted)},
                {"preVote", yes_no(m.pre_vote)}};
    }
    Fields operator()(const raft::AppendEntries& m) const {
        Fields fields{{"term", number(m.term)},
                      {"leaderId", number(m.leader_id)},
                      {"prevLogIndex", number(m.prev_log_index)},
                      {"prevLogTerm", number(m.prev_log_term)},
                      {"leaderCommit", number(m.leader_commit)},
                      {"entries", number(m.entries.size())}};
        for (std::size_t i = 0; i < m.entries.size() && i < 16; ++i) {
            fields.emplace_back(
                "  [" + number(m.prev_log_index + i + 1) + "]",
                "term " + number(m.entries[i].term) + ": " + m.entries[i].command->to_string());
        }
        return fields;
    }
    Fields operator()(const raft::AppendEntriesResponse& m) const {
        return {{"term", number(m.term)},
                {"success", yes_no(m.success)},
                {"matchIndex", number(m.match_index)},
                {"conflictTerm", number(m.conflict_term)},
                {"conflictIndex", number(m.conflict_index)},
                {"logLength", number(m.log_length)}};
    }
    Fields operator()(const ClientRequest& m) const {
        return {{"client", number(m.command->client)},
                {"sequence", number(m.command->sequence)},
                {"command", m.command->to_string()}};
    }
    Fields operator()(const ClientResponse& m) const {
        return {{"client", number(m.client)},
                {"sequence", number(m.sequence)},
                {"status", m.status == ClientResponse::Status::Ok ? "ok" : "not leader"},
                {"result", m.result.result.value_or("(none)")},
                {"leaderHint", number(m.leader_hint)}};
    }
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
};

struct Colour {
    ImU32 operator()(const raft::RequestVote&) const { return IM_COL32(230, 159, 0, 255); }
    ImU32 operator()(const raft::RequestVoteResponse&) const {
        return IM_COL32(250, 205, 120, 255);
    }
    ImU32 operator()(const raft::AppendEntries&) const { return IM_COL32(0, 158, 115, 255); }
    ImU32 operator()(const raft::AppendEntriesResponse&) const {
        return IM_COL32(110, 215, 180, 255);
    }
    ImU32 operator()(const ClientRequest&) const { return IM_COL32(230, 230, 230, 255); }
    ImU32 operator()(const ClientResponse&) const { return IM_COL32(170, 170, 170, 255); }
    ImU32 operator()(const paxos::Prepare&) const { return IM_COL32(240, 228, 66, 255); }
    ImU32 operator()(const paxos::Promise&) const { return IM_COL32(250, 245, 160, 255); }
    ImU32 operator()(const paxos::Accept&) const { return IM_COL32(0, 114, 178, 255); }
    ImU32 operator()(const paxos::Accepted&) const { return IM_COL32(86, 180, 233, 255); }
    ImU32 operator()(const paxos::Nack&) const { return IM_COL32(204, 121, 167, 255); }
    // Multi-Paxos's phases take single-decree Paxos's colours.
    ImU32 operator()(const multipaxos::Propose&) const { return IM_COL32(230, 230, 230, 255); }
    ImU32 operator()(const multipaxos::P1a&) const { return (*this)(paxos::Prepare{}); }
    ImU32 operator()(const multipaxos::P1b&) const { return (*this)(paxos::Promise{}); }
    ImU32 operator()(const multipaxos::P2a&) const { return (*this)(paxos::Accept{}); }
    ImU32 operator()(const multipaxos::P2b&) const { return (*this)(paxos::Accepted{}); }
    ImU32 operator()(const multipaxos::Decision&) const { return IM_COL32(0, 158, 115, 255); }
    ImU32 operator()(const multipaxos::LeaderHeartbeat&) const {
        return IM_COL32(110, 215, 180, 255);
    }
};

}  // namespace

std::string short_label(const Message& message) {
    return std::visit(Label{}, message.payload);
}

ImU32 message_colour(const Message& message) {
    return std::visit(Colour{}, message.payload);
}

std::vector<std::pair<std::string, std::string>> message_fields(const Message& message) {
    return std::visit(FieldList{}, message.payload);
}

const char* message_field_help(const std::string& name) {
    // The papers' names: Raft's Figure 2, Paxos Made Simple, PMMC.
    static constexpr std::pair<const char*, const char*> kHelp[] = {
        {"term",
         "The sender's currentTerm (Raft, Figure 2): a higher one makes the receiver "
         "step down."},
        {"candidateId", "RequestVote: the candidate asking for the vote."},
        {"lastLogIndex", "RequestVote: the index of the candidate's last log entry (section 5.4)."},
        {"lastLogTerm",
         "RequestVote: the term of the candidate's last log entry; a voter refuses "
         "a candidate less up to date than itself."},
        {"preVote",
         "PreVote (Ongaro's thesis, 9.6): asks whether a vote would be granted, "
         "without raising anyone's term."},
        {"voteGranted", "RequestVote reply: true means the candidate received this vote."},
        {"leaderId", "AppendEntries: the leader, so followers can redirect clients."},
        {"prevLogIndex", "AppendEntries: the index of the entry just before the new ones."},
        {"prevLogTerm",
         "AppendEntries: its term; a follower without that entry refuses (the log "
         "matching property)."},
        {"leaderCommit", "AppendEntries: the leader's commitIndex, which the follower follows."},
        {"entries", "AppendEntries: log entries to store (none: a heartbeat)."},
        {"success",
         "AppendEntries reply: true if the follower matched prevLogIndex and "
         "prevLogTerm."},
        {"matchIndex",
         "AppendEntries reply: the last index the follower now shares with the "
         "leader."},
        {"conflictTerm",
         "Fast backtracking (section 5.3's optimization): the term of the "
         "follower's conflicting entry."},
        {"conflictIndex", "Fast backtracking: the first index the follower holds of that term."},
        {"ballot", "The proposal number (Paxos) or ballot (PMMC), round.node: higher wins."},
        {"accepted",
         "What an acceptor has accepted: the highest-numbered proposal (Paxos) or "
         "its pvalues (PMMC)."},
        {"value", "The value proposed or accepted."},
        {"promised", "Nack: the acceptor's promise, which the proposer's ballot is below."},
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
        {"command", "The client's command, a no-op, or a reconfiguration."},
    };
    for (const auto& [field, help] : kHelp) {
        if (name == field) {
            return help;
        }
    }
    return nullptr;
}

}  // namespace quorum::dashboard
