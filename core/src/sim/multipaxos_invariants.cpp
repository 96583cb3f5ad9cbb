#include "quorum/sim/multipaxos_invariants.hpp"

#include <algorithm>

namespace quorum::sim {

using multipaxos::Ballot;
using multipaxos::Decree;
using multipaxos::PValue;
using multipaxos::Slot;

std::string ballot_text(const Ballot& ballot) {
    return std::to_string(ballot.round) + "." + std::to_string(ballot.leader);
}

namespace {

std::string quoted(const Decree& decree) {
    return "'" + multipaxos::describe(decree) + "'";
}

}  // namespace

void MultiPaxosInvariants::fail(std::string rule, std::string details, TimeUs now_us,
                                std::vector<NodeId> nodes, Slot slot) {
    if (!violation_) {  // the first violation is the one that matters
        violation_ = Violation{std::move(rule), std::move(details), now_us, std::move(nodes), slot};
    }
}

void MultiPaxosInvariants::on_proposed(const Command& command) {
    if (command.client != 0) {
        proposed_commands_.insert_or_assign({command.client, command.sequence}, command);
    }
}

void MultiPaxosInvariants::on_proposed(const Decree& decree) {
    if (decree.reconfiguration) {
        proposed_configurations_.push_back(*decree.reconfiguration);
    } else {
        on_proposed(decree.command);
    }
}

void MultiPaxosInvariants::on_restart(NodeId node, const multipaxos::Node& restarted) {
    // The replica rebuilt its state machine from its durable decisions,
    // silently: it goes on from its slot_out.
    next_to_apply_[node] = restarted.replica() ? restarted.replica()->slot_out() : 1;
}

// -----------------------------------------------------------------------------
// After every event: acceptors' ballots
// -----------------------------------------------------------------------------

void MultiPaxosInvariants::check(const Nodes& nodes, TimeUs now_us) {
    for (const auto& node : nodes) {
        if (!node) {
            continue;
        }
        const Ballot now = node->acceptor().ballot_num();
        Ballot& before = acceptor_ballot_[node->id()];
        if (now < before) {
            fail("acceptor ballot monotonic",
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

void MultiPaxosInvariants::on_ready(NodeId node, const multipaxos::Ready& ready, TimeUs now_us) {
    for (const PValue& pvalue : ready.chosen) {
        on_decided(node, pvalue.slot, pvalue.decree, pvalue.ballot, now_us);
    }
    for (const multipaxos::Decision& decision : ready.decisions) {
        on_decided(node, decision.slot, decision.decree, std::nullopt, now_us);
    }
    for (const multipaxos::Adoption& adoption : ready.adoptions) {
        for (const auto& [slot, decree] : adoption.proposals) {
            check_commanded(node, PValue{adoption.ballot, slot, decree}, "adopted ballot", now_us);
        }
    }
    for (const PValue& pvalue : ready.commanded) {
        check_commanded(node, pvalue, "commanded", now_us);
    }
    for (const multipaxos::AppliedEntry& entry : ready.applied) {
        check_applied(node, entry, now_us);
    }
}

void MultiPaxosInvariants::on_decided(NodeId node, Slot slot, const Decree& decree,
                                      std::optional<Ballot> ballot, TimeUs now_us) {
    check_validity(node, slot, decree, now_us);
    auto [it, inserted] = decided_.try_emplace(slot, Decided{decree, node, ballot});
    Decided& first = it->second;
    if (!inserted && first.decree != decree) {
        fail("agreement",
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

void MultiPaxosInvariants::check_validity(NodeId node, Slot slot, const Decree& decree,
                                          TimeUs now_us) {
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
        fail("validity",
             "node " + std::to_string(node) + " decided " + quoted(decree) + " for slot " +
                 std::to_string(slot) + ", which nobody proposed",
             now_us, {node}, slot);
    }
}

void MultiPaxosInvariants::check_commanded(NodeId node, const PValue& pvalue, const char* how,
                                           TimeUs now_us) {
    const auto found = decided_.find(pvalue.slot);
    if (found == decided_.end() || !found->second.ballot) {
        return;
    }
    const Decided& chosen = found->second;
    if (*chosen.ballot < pvalue.ballot && chosen.decree != pvalue.decree) {
        fail("adopted pvalues safe",
             "leader " + std::to_string(node) + " proposes " + quoted(pvalue.decree) +
                 " for slot " + std::to_string(pvalue.slot) + " with " + how + " " +
                 ballot_text(pvalue.ballot) + ", but " + quoted(chosen.decree) +
                 " was chosen there in ballot " + ballot_text(*chosen.ballot) + " (node " +
                 std::to_string(chosen.node) + ")",
             now_us, {node, chosen.node}, pvalue.slot);
    }
}

void MultiPaxosInvariants::check_applied(NodeId node, const multipaxos::AppliedEntry& entry,
                                         TimeUs now_us) {
    Slot& next = next_to_apply_.try_emplace(node, 1).first->second;
    if (entry.slot != next) {
        fail("slot order",
             "replica " + std::to_string(node) + " applied slot " + std::to_string(entry.slot) +
                 " (" + quoted(entry.decree) + ") when slot " + std::to_string(next) + " was next",
             now_us, {node}, entry.slot);
    }
    next = std::max(next, entry.slot + 1);
}

}  // namespace quorum::sim
