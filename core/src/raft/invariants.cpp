#include "quorum/raft/invariants.hpp"

#include <algorithm>
#include <cstring>
#include <iterator>
#include <string_view>

namespace quorum::raft {

namespace {

constexpr Rule kRules[] = {
    {"election safety", "at most one leader per term"},
    {"leader append-only", "a leader never overwrites or deletes entries of its log"},
    {"log matching", "two logs with an entry of the same index and term agree up to it"},
    {"leader completeness", "an entry committed in a term is in the log of every later leader"},
    {"state machine safety", "no two nodes apply different commands at one index"},
    {"commit monotonic", "a live node's commit index never decreases"},
    {"acknowledged writes", "a write a client was told succeeded stays committed"},
    {"snapshot state",
     "a snapshot equals the state obtained by applying the committed log up to its index"},
};
static_assert(std::size(kRules) == Invariants::kSnapshotState + 1, "one Rule per RuleId, in order");

std::string describe(const Entry& entry) {
    return "'" + entry.command->to_string() + "' (term " + std::to_string(entry.term) + ")";
}

std::string describe_at(const Node& node, LogIndex index) {
    const Entry* entry = node.entry_at(index);
    return entry != nullptr ? describe(*entry) : "an entry compacted into its snapshot";
}

// The first thing two state machine images differ in, in words.
std::string image_difference(const StateMachineImage& got, const StateMachineImage& want) {
    if (got.counter != want.counter) {
        return "the counter is " + std::to_string(static_cast<std::int64_t>(got.counter)) +
               ", the log gives " + std::to_string(static_cast<std::int64_t>(want.counter));
    }
    const auto [g, w] =
        std::mismatch(got.values.begin(), got.values.end(), want.values.begin(), want.values.end());
    if (g != got.values.end() || w != want.values.end()) {
        const bool key_in_got =
            g != got.values.end() && (w == want.values.end() || g->first <= w->first);
        const auto& pair = key_in_got ? *g : *w;
        const std::string* mine = nullptr;
        const std::string* theirs = nullptr;
        for (const auto& [key, value] : got.values) {
            mine = key == pair.first ? &value : mine;
        }
        for (const auto& [key, value] : want.values) {
            theirs = key == pair.first ? &value : theirs;
        }
        return "key '" + pair.first + "' holds " + (mine ? "'" + *mine + "'" : "nothing") +
               ", the log gives " + (theirs ? "'" + *theirs + "'" : "nothing");
    }
    return "the client sessions differ";
}

}  // namespace

std::span<const Rule> Invariants::rules() {
    return kRules;
}

void Invariants::fail(RuleId rule, std::string details, TimeUs now_us, std::vector<NodeId> nodes,
                      LogIndex index) {
    if (violations_.empty()) {  // the first violation is the one that matters
        violations_.push_back(
            make_violation(kRules[rule], std::move(details), now_us, std::move(nodes), index));
    }
}

void Invariants::on_ready(NodeId node, const Node& after, const Summary& before, const Ready& ready,
                          TimeUs now_us) {
    if (ready.log_write_from != 0) {
        const bool stayed_leader = before.role == Role::Leader && after.role() == Role::Leader &&
                                   after.current_term() == before.term;
        on_log_write(node, ready.log_write_from, after.log(), stayed_leader, now_us,
                     after.snapshot_index());
    }
    for (const AppliedEntry& entry : ready.applied) {
        on_applied(node, entry, after.current_term(), now_us);
    }
    if (ready.snapshot) {
        // A snapshot stands for the committed prefix: if the log the checker
        // knew disagrees with it there (entries appended and compacted by one
        // input, or an installed snapshot that replaced a divergent log), the
        // node's log is read again.
        LogFingerprints& fingerprints = log_of(node);
        const LogIndex index = ready.snapshot->last_included_index;
        if (index > fingerprints.size() ||
            (index != 0 && index <= committed_.size() &&
             fingerprints.prefix[static_cast<std::size_t>(index - 1)] !=
                 committed_.prefix[static_cast<std::size_t>(index - 1)])) {
            reload(fingerprints, after);
            mark_changed(node);
        }
        on_snapshot(node, *ready.snapshot, now_us);
    }
}

// The log it had made durable may be shorter than the log the checker knew
// (a host that lost writes: a killed worker), so it is read again.
void Invariants::on_restart(NodeId node, const Node& restarted) {
    on_restart(node);
    reload(log_of(node), restarted);
    mark_changed(node);
}

// changed_ stays sorted and unique, so checks visit nodes in id order.
void Invariants::mark_changed(NodeId node) {
    const auto at = std::lower_bound(changed_.begin(), changed_.end(), node);
    if (at == changed_.end() || *at != node) {
        changed_.insert(at, node);
    }
}

void Invariants::check_all(const Nodes& nodes, TimeUs now_us) {
    for (const auto& node : nodes) {
        if (node && ok()) {
            check_node(*node, now_us);
        }
    }
    check_shared(nodes, now_us);
}

void Invariants::check(const Nodes& nodes, NodeId touched, TimeUs now_us) {
    if (touched != kNoNode && touched < nodes.size() && nodes[touched] && ok()) {
        check_node(*nodes[touched], now_us);
    }
    check_shared(nodes, now_us);
}

// What only the node's own input can change.
void Invariants::check_node(const Node& node, TimeUs now_us) {
    sync_fingerprints(node);
    check_election_safety(node, now_us);
    check_commit_monotonic(node, now_us);
}

// What any event can change: the logs written (checked against every other
// log) and, as entries commit, what every leader must hold.
void Invariants::check_shared(const Nodes& nodes, TimeUs now_us) {
    if (ok()) {
        check_log_matching(nodes, now_us);
    }
    for (const auto& node : nodes) {
        if (node && node->role() == Role::Leader && ok()) {
            check_leader_completeness(*node, now_us);
        }
    }
    changed_.clear();
}

void Invariants::check_election_safety(const Node& node, TimeUs now_us) {
    if (node.role() != Role::Leader) {
        return;
    }
    Term& recorded = seen(node.id()).leader_of;
    if (recorded == node.current_term()) {
        return;  // already recorded as this term's leader
    }
    recorded = node.current_term();
    const auto [it, inserted] = leader_of_term_.emplace(node.current_term(), node.id());
    if (!inserted && it->second != node.id()) {
        fail(kElectionSafety,
             "nodes " + node_list({it->second, node.id()}) + " were both leader of term " +
                 std::to_string(node.current_term()),
             now_us, {it->second, node.id()}, 0);
    }
}

// -----------------------------------------------------------------------------
// Fingerprints
// -----------------------------------------------------------------------------

namespace {

// SplitMix64's finalizer: every input bit reaches every output bit.
std::uint64_t mix64(std::uint64_t z) {
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

// Mixes whole 64-bit words (one round per word, not per byte: this runs for
// every entry every node writes).
void mix_number(std::uint64_t& hash, std::uint64_t value) {
    hash = mix64(hash + 0x9e3779b97f4a7c15ULL + value);
}

// The length first, so "ab"+"c" differs from "a"+"bc"; then 8 bytes at a time.
void mix_bytes(std::uint64_t& hash, std::string_view bytes) {
    mix_number(hash, bytes.size());
    std::size_t at = 0;
    for (; at + 8 <= bytes.size(); at += 8) {
        std::uint64_t word = 0;
        std::memcpy(&word, bytes.data() + at, 8);
        mix_number(hash, word);
    }
    if (at < bytes.size()) {
        std::uint64_t word = 0;
        std::memcpy(&word, bytes.data() + at, bytes.size() - at);
        mix_number(hash, word);
    }
}

std::uint64_t entry_fingerprint(const Entry& entry) {
    const Command& command = *entry.command;
    std::uint64_t hash = entry.term;
    const std::uint64_t noop_bit = command.noop ? std::uint64_t{1} << 32 : std::uint64_t{0};
    mix_number(hash, noop_bit | static_cast<std::uint64_t>(command.kind));
    mix_number(hash, command.client);
    mix_number(hash, command.sequence);
    mix_bytes(hash, command.key);
    mix_bytes(hash, command.value);
    return hash;
}

// Chains a prefix's fingerprint with the next entry's.
std::uint64_t chain(std::uint64_t prefix, std::uint64_t entry) {
    mix_number(prefix, entry);
    return prefix;
}

}  // namespace

void Invariants::LogFingerprints::append(const Entry& entry) {
    terms.push_back(entry.term);
    prefix.push_back(chain(prefix.empty() ? 0 : prefix.back(), entry_fingerprint(entry)));
}

void Invariants::LogFingerprints::rewrite(LogIndex from, const std::vector<Entry>& log,
                                          LogIndex log_offset) {
    const auto keep = static_cast<std::size_t>(from - 1);
    terms.resize(std::min(keep, terms.size()));
    prefix.resize(terms.size());
    const auto offset = static_cast<std::size_t>(log_offset);
    // Entries the checker never saw before the log's start (a snapshot it
    // cannot fill in): unknown, term 0, so no other log matches them.
    while (terms.size() < offset) {
        terms.push_back(0);
        prefix.push_back(chain(prefix.empty() ? 0 : prefix.back(), 0));
    }
    for (std::size_t i = terms.size(); i < offset + log.size(); ++i) {
        append(log[i - offset]);
    }
}

void Invariants::reload(LogFingerprints& fingerprints, const Node& node) const {
    const auto covered =
        static_cast<std::size_t>(std::min<LogIndex>(node.snapshot_index(), committed_.size()));
    fingerprints.terms.assign(committed_.terms.begin(),
                              committed_.terms.begin() + static_cast<std::ptrdiff_t>(covered));
    fingerprints.prefix.assign(committed_.prefix.begin(),
                               committed_.prefix.begin() + static_cast<std::ptrdiff_t>(covered));
    fingerprints.rewrite(covered + 1, node.log(), node.snapshot_index());
}

// The first index (1-based) at which two logs differ, looking at 1..up_to;
// 0 if they agree there. Prefix fingerprints make it a binary search.
LogIndex Invariants::first_difference(const LogFingerprints& a, const LogFingerprints& b,
                                      LogIndex up_to) {
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
    return static_cast<LogIndex>(low + 1);
}

void Invariants::on_log_write(NodeId node, LogIndex from, const std::vector<Entry>& log,
                              bool stayed_leader, TimeUs now_us, LogIndex log_offset) {
    LogFingerprints& fingerprints = log_of(node);
    // Leader append-only: a leader that, within its term, writes at or below
    // its last index rewrites an entry it already had.
    if (stayed_leader && from <= fingerprints.size()) {
        fail(kLeaderAppendOnly,
             "leader " + std::to_string(node) + " changed or removed its entry at index " +
                 std::to_string(from) + " (its log had " + std::to_string(fingerprints.size()) +
                 " entries)",
             now_us, {node}, from);
    }
    fingerprints.rewrite(from, log, log_offset);
    mark_changed(node);
}

// A safety net for hosts and tests that build nodes directly: any log whose
// length or last term disagrees with what the checker was told is re-read.
void Invariants::sync_fingerprints(const Node& node) {
    LogFingerprints& fingerprints = log_of(node.id());
    const bool same_shape = fingerprints.size() == node.last_index() &&
                            (fingerprints.terms.empty() ||
                             fingerprints.terms.back() == node.term_at(node.last_index()));
    if (!same_shape) {
        reload(fingerprints, node);
        mark_changed(node.id());
    }
}

void Invariants::check_log_matching(const Nodes& nodes, TimeUs now_us) {
    for (NodeId id : changed_) {
        if (id >= nodes.size() || !nodes[id]) {
            continue;
        }
        const LogFingerprints& a = log_of(id);
        for (const auto& other : nodes) {
            if (!other || other->id() == id) {
                continue;
            }
            const LogFingerprints& b = log_of(other->id());
            // The highest index where both hold the same term: everything up
            // to it must be identical.
            std::size_t common = std::min(a.terms.size(), b.terms.size());
            while (common > 0 && a.terms[common - 1] != b.terms[common - 1]) {
                --common;
            }
            const auto index = static_cast<LogIndex>(common);
            const LogIndex differ = first_difference(a, b, index);
            if (differ != 0) {
                fail(kLogMatching,
                     "nodes " + node_list({id, other->id()}) + " agree on term " +
                         std::to_string(a.terms[common - 1]) + " at index " +
                         std::to_string(index) + " but differ at index " + std::to_string(differ) +
                         ": " + describe_at(*nodes[id], differ) + " vs " +
                         describe_at(*other, differ),
                     now_us, {id, other->id()}, differ);
                return;
            }
        }
    }
}

// Every entry committed in an earlier term is in every leader's log. A
// deposed leader that has not noticed yet (its term is lower) may lack
// entries committed after it lost its majority: that is allowed.
void Invariants::check_leader_completeness(const Node& node, TimeUs now_us) {
    Seen& last = seen(node.id());
    const bool log_written = std::binary_search(changed_.begin(), changed_.end(), node.id());
    if (!log_written && last.complete_term == node.current_term() &&
        last.complete_log == node.last_index() && last.complete_committed == committed_.size()) {
        return;  // nothing it depends on changed since it was last verified
    }
    const auto& terms = committed_in_term_;
    const auto earlier = static_cast<LogIndex>(
        std::lower_bound(terms.begin(), terms.end(), node.current_term()) - terms.begin());
    const LogIndex missing = first_difference(log_of(node.id()), committed_, earlier);
    if (missing == 0) {
        last.complete_term = node.current_term();
        last.complete_log = node.last_index();
        last.complete_committed = committed_.size();
        return;
    }
    const AppliedRecord& record = applied_[static_cast<std::size_t>(missing - 1)];
    fail(record.acknowledged ? kAcknowledgedWrites : kLeaderCompleteness,
         "leader " + std::to_string(node.id()) + " of term " + std::to_string(node.current_term()) +
             " lacks the entry committed at index " + std::to_string(missing) + ": '" +
             record.command->to_string() + "' (term " + std::to_string(record.term) +
             ", applied by node " + std::to_string(record.node) + ")",
         now_us, {node.id(), record.node}, missing);
}

void Invariants::check_commit_monotonic(const Node& node, TimeUs now_us) {
    std::optional<LogIndex>& last = seen(node.id()).commit;
    if (last && node.commit_index() < *last) {
        fail(kCommitMonotonic,
             "node " + std::to_string(node.id()) + "'s commit index went from " +
                 std::to_string(*last) + " down to " + std::to_string(node.commit_index()) +
                 " without a restart",
             now_us, {node.id()}, node.commit_index());
    }
    last = node.commit_index();
}

void Invariants::on_applied(NodeId node, const AppliedEntry& entry, Term node_term, TimeUs now_us) {
    if (entry.index > applied_.size()) {
        applied_.resize(static_cast<std::size_t>(entry.index));  // gaps only in hand-fed tests
    }
    AppliedRecord& record = applied_[static_cast<std::size_t>(entry.index - 1)];
    const bool inserted = record.node == kNoNode;
    if (inserted) {
        record = AppliedRecord{entry.term, entry.command, node};
    } else if (record.command != entry.command || record.term != entry.term) {
        fail(kStateMachineSafety,
             "nodes " + node_list({record.node, node}) + " applied different commands at index " +
                 std::to_string(entry.index) + ": '" + record.command->to_string() + "' vs '" +
                 entry.command->to_string() + "'",
             now_us, {record.node, node}, entry.index);
    }
    if (inserted && entry.index == committed_.size() + 1) {
        // Nodes apply in index order, so the committed prefix grows by one.
        committed_.append(Entry{entry.term, entry.command});
        committed_in_term_.push_back(
            std::max(node_term, committed_in_term_.empty() ? Term{0} : committed_in_term_.back()));
    }
    if (inserted && entry.command->client != 0) {  // later appliers agree, or failed above
        record_applied_at(entry.command->client, entry.command->sequence, entry.index);
    }
}

void Invariants::on_snapshot(NodeId node, const Snapshot& snapshot, TimeUs now_us) {
    const LogIndex index = snapshot.last_included_index;
    if (index == 0 || index > applied_.size()) {
        return;  // nothing committed that far was applied anywhere: no reference
    }
    auto base = std::prev(checkpoints_.upper_bound(index));
    StateMachine state = base->second;
    for (LogIndex at = base->first + 1; at <= index; ++at) {
        const AppliedRecord& record = applied_[static_cast<std::size_t>(at - 1)];
        if (record.node == kNoNode) {
            return;  // a gap (hand-fed tests only): no reference
        }
        state.apply(*record.command);
    }
    StateMachineImage reference = state.image();
    if (reference != snapshot.state) {
        fail(kSnapshotState,
             "node " + std::to_string(node) + "'s snapshot at index " + std::to_string(index) +
                 " (term " + std::to_string(snapshot.last_included_term) +
                 ") is not the committed log applied up to it: " +
                 image_difference(snapshot.state, reference),
             now_us, {node}, index);
        return;
    }
    checkpoints_.emplace(index, std::move(state));
    if (checkpoints_.size() > kCheckpoints) {
        checkpoints_.erase(std::next(checkpoints_.begin()));  // index 0 stays
    }
}

void Invariants::on_restart(NodeId node) {
    seen(node).commit.reset();  // commitIndex is volatile: a restart starts it at 0
}

void Invariants::on_acknowledged(ClientId client, std::uint64_t sequence, TimeUs now_us) {
    const AppliedAt* found = find_applied_at(client, sequence);
    if (found == nullptr) {
        fail(kAcknowledgedWrites,
             "client " + std::to_string(client) +
                 " was told its command succeeded, but no node applied it",
             now_us, {}, 0);
        return;
    }
    applied_[static_cast<std::size_t>(found->index - 1)].acknowledged = true;
}

// (client, sequence) order; the index does not take part.
bool Invariants::applied_before(const AppliedAt& a, const AppliedAt& b) {
    return a.client != b.client ? a.client < b.client : a.sequence < b.sequence;
}

// Where (client, sequence) is, or would go, in applied_at_.
std::vector<Invariants::AppliedAt>::const_iterator Invariants::position_of(
    ClientId client, std::uint64_t sequence) const {
    return std::lower_bound(applied_at_.begin(), applied_at_.end(), AppliedAt{client, sequence, 0},
                            applied_before);
}

void Invariants::record_applied_at(ClientId client, std::uint64_t sequence, LogIndex index) {
    const AppliedAt record{client, sequence, index};
    if (applied_at_.empty() || applied_before(applied_at_.back(), record)) {
        applied_at_.push_back(record);  // the usual case: commits follow client order
        return;
    }
    const auto at = position_of(client, sequence);
    if (at == applied_at_.end() || at->client != client || at->sequence != sequence) {
        applied_at_.insert(at, record);  // the first application is the one kept
    }
}

const Invariants::AppliedAt* Invariants::find_applied_at(ClientId client,
                                                         std::uint64_t sequence) const {
    const auto at = position_of(client, sequence);
    return at != applied_at_.end() && at->client == client && at->sequence == sequence ? &*at
                                                                                       : nullptr;
}

}  // namespace quorum::raft
