#include "quorum/multipaxos/invariants.hpp"

#include <algorithm>
#include <iterator>

namespace quorum::multipaxos {

namespace {

constexpr Rule kRules[] = {
    {"agreement", "no two nodes decide different decrees for one slot"},
    {"slot order", "a replica applies slots 1, 2, 3, ... in order, with no gap"},
    {"acceptor ballot monotonic",
     "an acceptor's ballot never decreases, not even across a restart"},
    {"validity", "every decided command was proposed by a client or an operator (or is a no-op)"},
    {"adopted pvalues safe",
     "a leader commands, in a slot chosen at a lower ballot, the decree chosen there"},
};
static_assert(std::size(kRules) == Invariants::kAdoptedPValuesSafe + 1,
              "one Rule per RuleId, in order");

std::string quoted(const Decree& decree) {
    return "'" + describe(decree) + "'";
}

}  // namespace

std::span<const Rule> Invariants::rules() {
    return kRules;
}

Summary Invariants::summarize(const Node& node) const {
    if (!node.leader()) {
        return {};
    }
    return {node.leader()->active(), node.leader()->ballot_num()};
}

void Invariants::fail(RuleId rule, std::string details, TimeUs now_us, std::vector<NodeId> nodes,
                      Slot slot) {
    if (violations_.empty()) {  // the first violation is the one that matters
        violations_.push_back(
            make_violation(kRules[rule], std::move(details), now_us, std::move(nodes), slot));
    }
}

void Invariants::on_ready(NodeId node, const Node&, const Summary&, const Ready& ready,
                          TimeUs now_us) {
    on_ready(node, ready, now_us);
}

void Invariants::on_proposed(const Command& command) {
    if (command.client != 0) {
        proposed_commands_.insert_or_assign({command.client, command.sequence}, command);
    }
}

void Invariants::on_proposed(const Decree& decree) {
    if (decree.reconfiguration) {
        proposed_configurations_.push_back(*decree.reconfiguration);
    } else {
        on_proposed(decree.command);
    }
}

void Invariants::on_restart(NodeId node, const Node& restarted) {
    // The replica rebuilt its state machine from its durable decisions,
    // silently: it goes on from its slot_out.
    next_to_apply_[node] = restarted.replica() ? restarted.replica()->slot_out() : 1;
}

// -----------------------------------------------------------------------------
// After every event: acceptors' ballots
// -----------------------------------------------------------------------------

void Invariants::check(const Nodes& nodes, NodeId, TimeUs now_us) {
    for (const auto& node : nodes) {
        if (!node) {
            continue;
        }
        const Ballot now = node->acceptor().ballot_num();
        Ballot& before = acceptor_ballot_[node->id()];
        if (now < before) {
            fail(kAcceptorBallotMonotonic,
                 "acceptor " + std::to_string(node->id()) + "'s ballot went from " +
                     ballot_text(before) + " down to " + ballot_text(now),
                 now_us, {node->id()}, 0);
        }
        before = std::max(before, now);
    }
}

// -----------------------------------------------------------------------------
// Each Ready's effects
// -----------------------------------------------------------------------------

void Invariants::on_ready(NodeId node, const Ready& ready, TimeUs now_us) {
    for (const PValue& pvalue : ready.chosen) {
        on_decided(node, pvalue.slot, pvalue.decree, pvalue.ballot, now_us);
    }
    for (const Decision& decision : ready.decisions) {
        on_decided(node, decision.slot, decision.decree, std::nullopt, now_us);
    }
    for (const Adoption& adoption : ready.adoptions) {
        for (const auto& [slot, decree] : adoption.proposals) {
            check_commanded(node, PValue{adoption.ballot, slot, decree}, "adopted ballot", now_us);
        }
    }
    for (const PValue& pvalue : ready.commanded) {
        check_commanded(node, pvalue, "commanded", now_us);
    }
    for (const AppliedEntry& entry : ready.applied) {
        check_applied(node, entry, now_us);
    }
}

void Invariants::on_decided(NodeId node, Slot slot, const Decree& decree,
                            std::optional<Ballot> ballot, TimeUs now_us) {
    check_validity(node, slot, decree, now_us);
    auto [it, inserted] = decided_.try_emplace(slot, Decided{decree, node, ballot});
    Decided& first = it->second;
    if (!inserted && first.decree != decree) {
        fail(kAgreement,
             "nodes " + std::to_string(first.node) + " and " + std::to_string(node) +
                 " decided different decrees for slot " + std::to_string(slot) + ": " +
                 quoted(first.decree) + " and " + quoted(decree) +
                 (ballot ? " (the second chosen in ballot " + ballot_text(*ballot) + ")" : ""),
             now_us, {first.node, node}, slot);
        return;
    }
    // The lowest ballot a slot is known chosen in: every higher one must agree.
    if (ballot && (!first.ballot || *ballot < *first.ballot)) {
        first.ballot = ballot;
    }
}

void Invariants::check_validity(NodeId node, Slot slot, const Decree& decree, TimeUs now_us) {
    bool proposed = decree.is_noop();
    if (decree.reconfiguration) {
        proposed = std::find(proposed_configurations_.begin(), proposed_configurations_.end(),
                             *decree.reconfiguration) != proposed_configurations_.end();
    } else if (!decree.command.is_noop()) {
        const auto found =
            proposed_commands_.find({decree.command.client, decree.command.sequence});
        proposed = found != proposed_commands_.end() && found->second == decree.command;
    }
    if (!proposed) {
        fail(kValidity,
             "node " + std::to_string(node) + " decided " + quoted(decree) + " for slot " +
                 std::to_string(slot) + ", which nobody proposed",
             now_us, {node}, slot);
    }
}

void Invariants::check_commanded(NodeId node, const PValue& pvalue, const char* how,
                                 TimeUs now_us) {
    const auto found = decided_.find(pvalue.slot);
    if (found == decided_.end() || !found->second.ballot) {
        return;
    }
    const Decided& chosen = found->second;
    if (*chosen.ballot < pvalue.ballot && chosen.decree != pvalue.decree) {
        fail(kAdoptedPValuesSafe,
             "leader " + std::to_string(node) + " proposes " + quoted(pvalue.decree) +
                 " for slot " + std::to_string(pvalue.slot) + " with " + how + " " +
                 ballot_text(pvalue.ballot) + ", but " + quoted(chosen.decree) +
                 " was chosen there in ballot " + ballot_text(*chosen.ballot) + " (node " +
                 std::to_string(chosen.node) + ")",
             now_us, {node, chosen.node}, pvalue.slot);
    }
}

void Invariants::check_applied(NodeId node, const AppliedEntry& entry, TimeUs now_us) {
    Slot& next = next_to_apply_.try_emplace(node, 1).first->second;
    if (entry.slot != next) {
        fail(kSlotOrder,
             "replica " + std::to_string(node) + " applied slot " + std::to_string(entry.slot) +
                 " (" + quoted(entry.decree) + ") when slot " + std::to_string(next) + " was next",
             now_us, {node}, entry.slot);
    }
    next = std::max(next, entry.slot + 1);
}

}  // namespace quorum::multipaxos
