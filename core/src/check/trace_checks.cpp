// Trace-level safety checkers: see quorum/check/trace_checks.hpp.
#include "quorum/check/trace_checks.hpp"

#include <map>
#include <utility>

#include "quorum/json_escape.hpp"

namespace quorum::check {

namespace {

struct Seen {
    NodeId node = kNoNode;
    int line = 0;
};

struct AppliedEntry {
    NodeId node = kNoNode;
    int line = 0;
    std::optional<std::uint64_t> term;
    std::string cmd;
};

std::string describe_entry(const AppliedEntry& entry) {
    return json_string(entry.cmd) +
           (entry.term ? " (term " + std::to_string(*entry.term) + ")" : std::string());
}

class TraceChecker {
  public:
    TraceCheckResult run(const trace::Trace& trace) {
        for (const trace::Event& event : trace.events) {
            ++result_.lines;
            result_.end_us = event.t;
            if (result_.violation) {
                continue;
            }
            if (const auto* role = std::get_if<trace::RoleChange>(&event.data)) {
                on_role(event, *role);
            } else if (const auto* apply = std::get_if<trace::Apply>(&event.data)) {
                on_apply(event, *apply);
            } else if (const auto* chosen = std::get_if<trace::Chosen>(&event.data)) {
                on_chosen(event, *chosen);
            }
        }
        result_.leader_terms = leaders_.size();
        result_.positions = applied_.size();
        result_.chosen_instances = chosen_.size();
        return std::move(result_);
    }

  private:
    void fail(const trace::Event& event, std::string rule, std::string details, int earlier_line,
              std::vector<NodeId> nodes, std::uint64_t term, std::uint64_t position) {
        result_.violation =
            TraceViolation{std::move(rule), std::move(details), event.line, earlier_line,
                           event.t,         std::move(nodes),   term,       position};
    }

    // Raft's terms only: a Multi-Paxos ballot names its one leader, so two
    // leaders never share one, and the scheduler's checker holds the rest.
    void on_role(const trace::Event& event, const trace::RoleChange& role) {
        if (role.role != "leader" || !role.ballot.empty()) {
            return;
        }
        const auto [found, inserted] = leaders_.try_emplace(role.term, Seen{role.node, event.line});
        if (inserted || found->second.node == role.node) {
            return;
        }
        const Seen& first = found->second;
        fail(event, "election safety",
             "nodes " + std::to_string(first.node) + " and " + std::to_string(role.node) +
                 " were both leader of term " + std::to_string(role.term) + " (node " +
                 std::to_string(first.node) + " on line " + std::to_string(first.line) + ")",
             first.line, {first.node, role.node}, role.term, 0);
    }

    void on_apply(const trace::Event& event, const trace::Apply& apply) {
        ++result_.applies;
        const AppliedEntry entry{apply.node, event.line, apply.term, apply.cmd};
        const auto key = std::make_pair(apply.slot, apply.position);
        const auto [found, inserted] = applied_.try_emplace(key, entry);
        if (inserted) {
            return;
        }
        const AppliedEntry& first = found->second;
        const bool same_term = !first.term || !entry.term || *first.term == *entry.term;
        if (first.cmd == entry.cmd && same_term) {
            return;
        }
        const std::string where =
            std::string(apply.slot ? "slot " : "index ") + std::to_string(apply.position);
        fail(event, "state machine safety",
             "node " + std::to_string(entry.node) + " applied " + describe_entry(entry) + " at " +
                 where + ", but node " + std::to_string(first.node) + " applied " +
                 describe_entry(first) + " there (line " + std::to_string(first.line) + ")",
             first.line, {first.node, entry.node}, entry.term.value_or(0), apply.position);
    }

    void on_chosen(const trace::Event& event, const trace::Chosen& chosen) {
        const auto [found, inserted] =
            chosen_.try_emplace(chosen.instance, std::make_pair(chosen.value, event.line));
        if (inserted || found->second.first == chosen.value) {
            return;
        }
        fail(event, "one value chosen",
             "instance " + std::to_string(chosen.instance) + " chose " + json_string(chosen.value) +
                 ", but " + json_string(found->second.first) + " was chosen on line " +
                 std::to_string(found->second.second),
             found->second.second, {}, 0, chosen.instance);
    }

    TraceCheckResult result_;
    std::map<std::uint64_t, Seen> leaders_;                           // term -> its leader
    std::map<std::pair<bool, std::uint64_t>, AppliedEntry> applied_;  // (slot?, position)
    std::map<std::uint64_t, std::pair<std::string, int>> chosen_;     // instance -> (value, line)
};

}  // namespace

std::string TraceViolation::to_string() const {
    return rule + " violated at t=" + format_time(time_us) + ": " + details;
}

TraceCheckResult check_trace(const trace::Trace& trace) {
    return TraceChecker().run(trace);
}

}  // namespace quorum::check
