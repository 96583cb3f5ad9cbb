#include "quorum/sim/raft_invariants.hpp"

#include <algorithm>
#include <string_view>

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
    sync_fingerprints(nodes);
    check_election_safety(nodes, now_us);
    check_log_matching(nodes, now_us);
    check_leader_completeness(nodes, now_us);
    check_commit_monotonic(nodes, now_us);
    changed_.clear();
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

// -----------------------------------------------------------------------------
// Fingerprints
// -----------------------------------------------------------------------------

namespace {

constexpr std::uint64_t kFnvOffset = 0xcbf29ce484222325ULL;
constexpr std::uint64_t kFnvPrime = 0x100000001b3ULL;

void mix_bytes(std::uint64_t& hash, std::string_view bytes) {
    for (const char c : bytes) {
        hash = (hash ^ static_cast<unsigned char>(c)) * kFnvPrime;
    }
    hash = (hash ^ 0xff) * kFnvPrime;  // a separator, so "ab"+"c" differs from "a"+"bc"
}

void mix_number(std::uint64_t& hash, std::uint64_t value) {
    for (int byte = 0; byte < 8; ++byte) {
        hash = (hash ^ ((value >> (8 * byte)) & 0xff)) * kFnvPrime;
    }
}

std::uint64_t entry_fingerprint(const raft::Entry& entry) {
    std::uint64_t hash = kFnvOffset;
    mix_number(hash, entry.term);
    mix_number(hash, entry.command.noop ? 1 : 0);
    mix_number(hash, static_cast<std::uint64_t>(entry.command.kind));
    mix_number(hash, entry.command.client);
    mix_number(hash, entry.command.sequence);
    mix_bytes(hash, entry.command.key);
    mix_bytes(hash, entry.command.value);
    return hash;
}

// Chains a prefix's fingerprint with the next entry's (SplitMix64's finalizer).
std::uint64_t chain(std::uint64_t prefix, std::uint64_t entry) {
    std::uint64_t z = prefix + 0x9e3779b97f4a7c15ULL + entry;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

}  // namespace

void RaftInvariants::LogFingerprints::append(const raft::Entry& entry) {
    terms.push_back(entry.term);
    prefix.push_back(chain(prefix.empty() ? 0 : prefix.back(), entry_fingerprint(entry)));
}

void RaftInvariants::LogFingerprints::rewrite(raft::LogIndex from,
                                              const std::vector<raft::Entry>& log) {
    const auto keep = static_cast<std::size_t>(from - 1);
    terms.resize(std::min(keep, terms.size()));
    prefix.resize(terms.size());
    for (std::size_t i = terms.size(); i < log.size(); ++i) {
        append(log[i]);
    }
}

// The first index (1-based) at which two logs differ, looking at 1..up_to;
// 0 if they agree there. Prefix fingerprints make it a binary search.
raft::LogIndex RaftInvariants::first_difference(const LogFingerprints& a, const LogFingerprints& b,
                                                raft::LogIndex up_to) {
    const auto count = static_cast<std::size_t>(std::min({up_to, a.size(), b.size()}));
    if (count == 0 || a.prefix[count - 1] == b.prefix[count - 1]) {
        return count < up_to ? count + 1 : 0;
    }
    std::size_t low = 0, high = count - 1;  // the answer is in [low, high]
    while (low < high) {
        const std::size_t middle = (low + high) / 2;
        if (a.prefix[middle] == b.prefix[middle]) {
            low = middle + 1;
        } else {
            high = middle;
        }
    }
    return static_cast<raft::LogIndex>(low + 1);
}

void RaftInvariants::on_log_write(NodeId node, raft::LogIndex from,
                                  const std::vector<raft::Entry>& log, bool stayed_leader,
                                  TimeUs now_us) {
    LogFingerprints& fingerprints = logs_[node];
    // Leader append-only: a leader that, within its term, writes at or below
    // its last index rewrites an entry it already had.
    if (stayed_leader && from <= fingerprints.size()) {
        fail("leader append-only",
             "leader " + std::to_string(node) + " changed or removed its entry at index " +
                 std::to_string(from) + " (its log had " + std::to_string(fingerprints.size()) +
                 " entries)",
             now_us, {node}, from);
    }
    fingerprints.rewrite(from, log);
    changed_.insert(node);
}

// A safety net for hosts and tests that build nodes directly: any log whose
// length or last term disagrees with what the checker was told is re-read.
void RaftInvariants::sync_fingerprints(const Nodes& nodes) {
    for (const auto& node : nodes) {
        if (!node) {
            continue;
        }
        LogFingerprints& fingerprints = logs_[node->id()];
        const bool same_shape = fingerprints.size() == node->last_index() &&
                                (fingerprints.terms.empty() ||
                                 fingerprints.terms.back() == node->term_at(node->last_index()));
        if (!same_shape) {
            fingerprints = {};
            fingerprints.rewrite(1, node->log());
            changed_.insert(node->id());
        }
    }
}

void RaftInvariants::check_log_matching(const Nodes& nodes, TimeUs now_us) {
    for (NodeId id : changed_) {
        if (id >= nodes.size() || !nodes[id]) {
            continue;
        }
        const LogFingerprints& a = logs_[id];
        for (const auto& other : nodes) {
            if (!other || other->id() == id) {
                continue;
            }
            const LogFingerprints& b = logs_[other->id()];
            // The highest index where both hold the same term: everything up
            // to it must be identical.
            std::size_t common = std::min(a.terms.size(), b.terms.size());
            while (common > 0 && a.terms[common - 1] != b.terms[common - 1]) {
                --common;
            }
            const auto index = static_cast<raft::LogIndex>(common);
            const raft::LogIndex differ = first_difference(a, b, index);
            if (differ != 0) {
                const auto& ea = nodes[id]->log()[static_cast<std::size_t>(differ - 1)];
                const auto& eb = other->log()[static_cast<std::size_t>(differ - 1)];
                fail("log matching",
                     "nodes " + node_list({id, other->id()}) + " agree on term " +
                         std::to_string(a.terms[common - 1]) + " at index " +
                         std::to_string(index) + " but differ at index " + std::to_string(differ) +
                         ": " + describe(ea) + " vs " + describe(eb),
                     now_us, {id, other->id()}, differ);
                return;
            }
        }
    }
}

// Every entry committed in an earlier term is in every leader's log. A
// deposed leader that has not noticed yet (its term is lower) may lack
// entries committed after it lost its majority: that is allowed.
void RaftInvariants::check_leader_completeness(const Nodes& nodes, TimeUs now_us) {
    for (const auto& node : nodes) {
        if (!node || node->role() != raft::Role::Leader) {
            continue;
        }
        const auto& terms = committed_in_term_;
        const auto earlier = static_cast<raft::LogIndex>(
            std::lower_bound(terms.begin(), terms.end(), node->current_term()) - terms.begin());
        const raft::LogIndex missing = first_difference(logs_[node->id()], committed_, earlier);
        if (missing == 0) {
            continue;
        }
        const AppliedRecord& record = applied_.at(missing);
        const bool acknowledged =
            record.command.client != 0 &&
            acknowledged_.contains({record.command.client, record.command.sequence});
        fail(acknowledged ? "acknowledged writes" : "leader completeness",
             "leader " + std::to_string(node->id()) + " of term " +
                 std::to_string(node->current_term()) + " lacks the entry committed at index " +
                 std::to_string(missing) + ": '" + record.command.to_string() + "' (term " +
                 std::to_string(record.term) + ", applied by node " + std::to_string(record.node) +
                 ")",
             now_us, {node->id(), record.node}, missing);
        return;
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

void RaftInvariants::on_applied(NodeId node, const raft::AppliedEntry& entry, raft::Term node_term,
                                TimeUs now_us) {
    const auto [it, inserted] =
        applied_.emplace(entry.index, AppliedRecord{entry.term, entry.command, node});
    if (!inserted && (it->second.command != entry.command || it->second.term != entry.term)) {
        fail("state machine safety",
             "nodes " + node_list({it->second.node, node}) +
                 " applied different commands at index " + std::to_string(entry.index) + ": '" +
                 it->second.command.to_string() + "' vs '" + entry.command.to_string() + "'",
             now_us, {it->second.node, node}, entry.index);
    }
    if (inserted && entry.index == committed_.size() + 1) {
        // Nodes apply in index order, so the committed prefix grows by one.
        committed_.append(raft::Entry{entry.term, entry.command});
        committed_in_term_.push_back(std::max(
            node_term, committed_in_term_.empty() ? raft::Term{0} : committed_in_term_.back()));
    }
    if (entry.command.client != 0) {
        applied_index_of_command_.emplace(std::pair{entry.command.client, entry.command.sequence},
                                          entry.index);
    }
}

void RaftInvariants::on_restart(NodeId node) {
    last_commit_.erase(node);  // commitIndex is volatile: a restart starts it at 0
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
