// Trace-level safety checkers: see quorum/check/trace_checks.hpp.
#include "quorum/check/trace_checks.hpp"

#include <map>
#include <utility>

#include "quorum/json_escape.hpp"
#include "quorum/protocols.hpp"

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

// The rule `fact` breaks in the trace of `protocol`, or in the first
// protocol's that has one when the trace does not say.
std::string rule_of(TraceFact fact, const std::optional<Algorithm>& protocol) {
    const auto rule_in = [&](Algorithm algorithm) {
        return with_protocol(algorithm, [&]<Protocol P>() { return P::trace_rule(fact); });
    };
    if (protocol) {
        if (const Rule* rule = rule_in(*protocol)) {
            return std::string(rule->name);
        }
    }
    for (Algorithm algorithm : all_algorithms()) {
        if (const Rule* rule = rule_in(algorithm)) {
            return std::string(rule->name);
        }
    }
    return "?";
}

class TraceChecker {
  public:
    TraceCheckResult run(const trace::Trace& trace) {
        if (trace.cluster) {
            protocol_ = parse_algorithm(trace.cluster->algo);
            result_.protocol = trace.cluster->algo;
        }
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
    void fail(const trace::Event& event, TraceFact fact, std::string details, int earlier_line,
              std::vector<NodeId> nodes, std::uint64_t term, std::uint64_t position) {
        result_.violation = TraceViolation{rule_of(fact, protocol_),
                                           std::move(details),
                                           event.line,
                                           earlier_line,
                                           event.t,
                                           std::move(nodes),
                                           term,
                                           position};
    }

    // Terms only: a ballot names its one leader, so two leaders never share
    // one, and the simulator's checker holds the rest.
    void on_role(const trace::Event& event, const trace::RoleChange& role) {
        if (role.role != "leader" || !role.ballot.empty()) {
            return;
        }
        const auto [found, inserted] = leaders_.try_emplace(role.term, Seen{role.node, event.line});
        if (inserted || found->second.node == role.node) {
            return;
        }
        const Seen& first = found->second;
        fail(event, TraceFact::OneLeaderPerTerm,
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
        fail(event, TraceFact::OneCommandPerPosition,
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
        fail(event, TraceFact::OneValueChosen,
             "instance " + std::to_string(chosen.instance) + " chose " + json_string(chosen.value) +
                 ", but " + json_string(found->second.first) + " was chosen on line " +
                 std::to_string(found->second.second),
             found->second.second, {}, 0, chosen.instance);
    }

    TraceCheckResult result_;
    std::optional<Algorithm> protocol_;      // the `cluster` line's, if any
    std::map<std::uint64_t, Seen> leaders_;  // term -> its leader
    std::map<std::pair<bool, std::uint64_t>, AppliedEntry> applied_;  // (slot?, position)
    std::map<std::uint64_t, std::pair<std::string, int>> chosen_;     // instance -> (value, line)
};

}  // namespace

std::string TraceViolation::to_string() const {
    return rule + " violated at t=" + format_time(time_us) + ": " + details;
}

std::string TraceCheckResult::summary() const {
    const std::optional<Algorithm> algorithm = parse_algorithm(protocol);
    const auto has_rule = [&](TraceFact fact) {
        return !algorithm || with_protocol(*algorithm, [&]<Protocol P>() {
            return P::trace_rule(fact) != nullptr;
        });
    };
    std::string text;
    const auto add = [&](TraceFact fact, const std::string& counted) {
        if (has_rule(fact)) {
            text += (text.empty() ? "" : ", ") + rule_of(fact, algorithm) + " (" + counted + ")";
        }
    };
    add(TraceFact::OneLeaderPerTerm, std::to_string(leader_terms) + " terms with a leader");
    add(TraceFact::OneCommandPerPosition,
        std::to_string(applies) + " applies at " + std::to_string(positions) + " indexes");
    add(TraceFact::OneValueChosen, std::to_string(chosen_instances) + " instances");
    return text;
}

TraceCheckResult check_trace(const trace::Trace& trace) {
    return TraceChecker().run(trace);
}

}  // namespace quorum::check
