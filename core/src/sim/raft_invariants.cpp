#include "quorum/sim/raft_invariants.hpp"

#include <algorithm>

namespace quorum::sim {

namespace {

std::string node_list(const std::vector<NodeId>& nodes) {
    std::string text;
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        text += (i == 0 ? "" : (i + 1 == nodes.size() ? " and " : ", ")) + std::to_string(nodes[i]);
    }
    return text;
}

std::string describe(const raft::Entry& entry) {
    return "'" + entry.command.to_string() + "' (term " + std::to_string(entry.term) + ")";
}

}  // namespace

std::string format_time(TimeUs time_us) {
    const TimeUs seconds = time_us / kMicrosecondsPerSecond;
    std::string micros = std::to_string(time_us % kMicrosecondsPerSecond);
    micros.insert(0, 6 - micros.size(), '0');
    return std::to_string(seconds) + "." + micros + "s";
}

std::string Violation::to_string() const {
    return rule + " violated at t=" + format_time(time_us) + ": " + details;
}

void RaftInvariants::fail(std::string rule, std::string details, TimeUs now_us,
                          std::vector<NodeId> nodes, raft::LogIndex index) {
    if (!violation_) {  // the first violation is the one that matters
        violation_ =
            Violation{std::move(rule), std::move(details), now_us, std::move(nodes), index};
    }
}

void RaftInvariants::check(const Nodes& nodes, TimeUs now_us) {
    if (violation_) {
        return;
    }
    check_election_safety(nodes, now_us);
    check_leader_append_only(nodes, now_us);
    check_log_matching(nodes, now_us);
    check_leader_completeness(nodes, now_us);
    check_commit_monotonic(nodes, now_us);
}

void RaftInvariants::check_election_safety(const Nodes& nodes, TimeUs now_us) {
    for (const auto& node : nodes) {
        if (!node || node->role() != raft::Role::Leader) {
            continue;
        }
        const auto [it, inserted] = leader_of_term_.emplace(node->current_term(), node->id());
        if (!inserted && it->second != node->id()) {
            fail("election safety",
                 "nodes " + node_list({it->second, node->id()}) + " were both leader of term " +
                     std::to_string(node->current_term()),
                 now_us, {it->second, node->id()}, 0);
        }
    }
}

void RaftInvariants::check_leader_append_only(const Nodes& nodes, TimeUs now_us) {
    for (const auto& node : nodes) {
        if (!node || node->role() != raft::Role::Leader) {
            if (node) {
                leader_logs_.erase(node->id());
            }
            continue;
        }
        auto& [term, previous] = leader_logs_[node->id()];
        if (term == node->current_term()) {
            const auto& log = node->log();
            const bool shrank = log.size() < previous.size();
            const auto mismatch =
                shrank ? previous.begin() + static_cast<std::ptrdiff_t>(log.size())
                       : std::mismatch(previous.begin(), previous.end(), log.begin()).first;
            if (shrank || mismatch != previous.end()) {
                const auto index = static_cast<raft::LogIndex>(mismatch - previous.begin()) + 1;
                fail("leader append-only",
                     "leader " + std::to_string(node->id()) + " of term " + std::to_string(term) +
                         " changed or removed its entry at index " + std::to_string(index),
                     now_us, {node->id()}, index);
            }
        }
        term = node->current_term();
        previous = node->log();
    }
}

// Rechecks only pairs in which a log changed shape (last index or last term),
// which keeps fuzzing fast. The price: a log rewritten in the middle while its
// last entry stays the same is caught only when its shape next changes.
void RaftInvariants::check_log_matching(const Nodes& nodes, TimeUs now_us) {
    std::vector<NodeId> changed;
    for (const auto& node : nodes) {
        if (!node) {
            continue;
        }
        const std::pair shape{node->last_index(), node->term_at(node->last_index())};
        auto& known = log_shape_[node->id()];
        if (known != shape) {
            known = shape;
            changed.push_back(node->id());
        }
    }
    for (NodeId id : changed) {
        const raft::Node& a = *nodes[id];
        for (const auto& other : nodes) {
            if (!other || other->id() == id) {
                continue;
            }
            const raft::Node& b = *other;
            // The highest index where both hold the same term: everything up
            // to it must be identical.
            raft::LogIndex index = std::min(a.last_index(), b.last_index());
            while (index > 0 && a.term_at(index) != b.term_at(index)) {
                --index;
            }
            for (raft::LogIndex i = index; i > 0; --i) {
                const auto& ea = a.log()[static_cast<std::size_t>(i - 1)];
                const auto& eb = b.log()[static_cast<std::size_t>(i - 1)];
                if (ea != eb) {
                    fail("log matching",
                         "nodes " + node_list({a.id(), b.id()}) + " agree on term " +
                             std::to_string(a.term_at(index)) + " at index " +
                             std::to_string(index) + " but differ at index " + std::to_string(i) +
                             ": " + describe(ea) + " vs " + describe(eb),
                         now_us, {a.id(), b.id()}, i);
                    return;
                }
            }
        }
    }
}

void RaftInvariants::check_leader_completeness(const Nodes& nodes, TimeUs now_us) {
    for (const auto& node : nodes) {
        if (!node || node->role() != raft::Role::Leader) {
            continue;
        }
        // Committed entries: everything applied anywhere, and what clients
        // were told succeeded.
        for (const auto& [index, record] : applied_) {
            if (record.term >= node->current_term()) {
                continue;
            }
            const bool present =
                index <= node->last_index() &&
                node->log()[static_cast<std::size_t>(index - 1)].command == record.command &&
                node->term_at(index) == record.term;
            if (!present) {
                const bool acknowledged =
                    record.command.client != 0 &&
                    acknowledged_.contains({record.command.client, record.command.sequence});
                fail(acknowledged ? "acknowledged writes" : "leader completeness",
                     "leader " + std::to_string(node->id()) + " of term " +
                         std::to_string(node->current_term()) +
                         " lacks the entry committed at index " + std::to_string(index) + ": '" +
                         record.command.to_string() + "' (term " + std::to_string(record.term) +
                         ", applied by node " + std::to_string(record.node) + ")",
                     now_us, {node->id(), record.node}, index);
                return;
            }
        }
    }
}

void RaftInvariants::check_commit_monotonic(const Nodes& nodes, TimeUs now_us) {
    for (const auto& node : nodes) {
        if (!node) {
            continue;
        }
        auto [it, inserted] = last_commit_.emplace(node->id(), node->commit_index());
        if (!inserted) {
            if (node->commit_index() < it->second) {
                fail("commit monotonic",
                     "node " + std::to_string(node->id()) + "'s commit index went from " +
                         std::to_string(it->second) + " down to " +
                         std::to_string(node->commit_index()) + " without a restart",
                     now_us, {node->id()}, node->commit_index());
            }
            it->second = node->commit_index();
        }
    }
}

void RaftInvariants::on_applied(NodeId node, const raft::AppliedEntry& entry, TimeUs now_us) {
    const auto [it, inserted] =
        applied_.emplace(entry.index, AppliedRecord{entry.term, entry.command, node});
    if (!inserted && (it->second.command != entry.command || it->second.term != entry.term)) {
        fail("state machine safety",
             "nodes " + node_list({it->second.node, node}) +
                 " applied different commands at index " + std::to_string(entry.index) + ": '" +
                 it->second.command.to_string() + "' vs '" + entry.command.to_string() + "'",
             now_us, {it->second.node, node}, entry.index);
    }
    if (entry.command.client != 0) {
        applied_index_of_command_.emplace(std::pair{entry.command.client, entry.command.sequence},
                                          entry.index);
    }
}

void RaftInvariants::on_restart(NodeId node) {
    last_commit_.erase(node);  // commitIndex is volatile: a restart starts it at 0
    leader_logs_.erase(node);
}

void RaftInvariants::on_acknowledged(ClientId client, std::uint64_t sequence, TimeUs now_us) {
    const auto found = applied_index_of_command_.find({client, sequence});
    if (found == applied_index_of_command_.end()) {
        fail("acknowledged writes",
             "client " + std::to_string(client) +
                 " was told its command succeeded, but no node applied it",
             now_us, {}, 0);
        return;
    }
    acknowledged_.emplace(std::pair{client, sequence}, found->second);
}

}  // namespace quorum::sim
