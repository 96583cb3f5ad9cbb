// Raft's messages on screen: the dot's label, its colour (votes orange,
// replication green, the response a lighter shade), and Figure 2's fields.
#include <variant>

#include "protocols/raft/view.hpp"
#include "quorum/sim/nodes.hpp"

namespace quorum::dashboard::raft_view {

namespace {

std::string number(std::uint64_t value) {
    return std::to_string(value);
}

std::string yes_no(bool value) {
    return value ? "true" : "false";
}

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
    std::string operator()(const raft::InstallSnapshot& m) const {
        return "IS@" + number(m.snapshot.last_included_index);
    }
    std::string operator()(const raft::InstallSnapshotResponse&) const { return "IS+"; }
    std::string operator()(const ClientRequest& m) const { return client_label(m); }
    std::string operator()(const ClientResponse& m) const { return client_label(m); }
};

struct Colour {
    ImU32 operator()(const raft::RequestVote&) const { return Theme::kOrange; }
    ImU32 operator()(const raft::RequestVoteResponse&) const {
        return IM_COL32(250, 205, 120, 255);
    }
    ImU32 operator()(const raft::AppendEntries&) const { return Theme::kBluishGreen; }
    ImU32 operator()(const raft::AppendEntriesResponse&) const {
        return IM_COL32(110, 215, 180, 255);
    }
    // Replication's colour, a snapshot being a compacted AppendEntries.
    ImU32 operator()(const raft::InstallSnapshot&) const { return Theme::kBluishGreen; }
    ImU32 operator()(const raft::InstallSnapshotResponse&) const {
        return IM_COL32(110, 215, 180, 255);
    }
    ImU32 operator()(const ClientRequest& m) const { return client_colour(m); }
    ImU32 operator()(const ClientResponse& m) const { return client_colour(m); }
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
    Fields operator()(const raft::InstallSnapshot& m) const {
        return {{"term", number(m.term)},
                {"leaderId", number(m.leader_id)},
                {"lastIncludedIndex", number(m.snapshot.last_included_index)},
                {"lastIncludedTerm", number(m.snapshot.last_included_term)},
                {"keys", number(m.snapshot.state.values.size())},
                {"sessions", number(m.snapshot.state.sessions.size())}};
    }
    Fields operator()(const raft::InstallSnapshotResponse& m) const {
        return {{"term", number(m.term)}, {"matchIndex", number(m.match_index)}};
    }
    Fields operator()(const ClientRequest& m) const { return client_fields(m); }
    Fields operator()(const ClientResponse& m) const { return client_fields(m); }
};

const raft::Payload& payload(const sim::Cluster& cluster, const sim::InFlight& flight) {
    return cluster.nodes<raft::Protocol>().payload(flight);
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
    // Raft's Figure 2 names, and the thesis's for PreVote.
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
    };
    return find_help(kHelp, field);
}

}  // namespace quorum::dashboard::raft_view
