// The audit of the checkers' promise: every rule every protocol's checker
// declares (its rules(), read through the registry) has a switch of the
// protocol's Faults that breaks it on purpose, and a test of this binary,
// named after the rule, that turns the switch on and requires exactly that
// rule's name (README, "Reliability"). A rule added without such a test, a
// test renamed or removed, or a switch deleted fails here (the switch at
// compile time: each row takes the member's address).
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "quorum/protocols.hpp"

namespace quorum {
namespace {

// One broken-switch test: the rule it breaks, the Faults member it turns on,
// and the test ("Suite.name") that requires that rule's name.
struct RuleSwitch {
    std::string_view algorithm;
    std::string_view rule;
    std::string_view fault;
    std::string_view test;
};

// A switch's name, checked to be a bool member of the protocol's Faults.
#define QUORUM_SWITCH(protocol, member)                                             \
    [] {                                                                            \
        [[maybe_unused]] bool protocol::Faults::*fault = &protocol::Faults::member; \
        return std::string_view(#member);                                           \
    }()

const std::vector<RuleSwitch>& rule_switches() {
    static const std::vector<RuleSwitch> rows = {
        {"raft", "election safety", QUORUM_SWITCH(raft, vote_twice_in_a_term),
         "RaftInvariants.electionSafety_catchesVotingTwiceInATerm"},
        {"raft", "leader append-only", QUORUM_SWITCH(raft, leader_overwrites_last_entry),
         "RaftInvariants.leaderAppendOnly_catchesALeaderOverwritingItsLog"},
        {"raft", "log matching", QUORUM_SWITCH(raft, follower_skips_prev_log_check),
         "RaftInvariants.logMatching_catchesAFollowerSkippingThePrevLogCheck"},
        {"raft", "leader completeness", QUORUM_SWITCH(raft, skip_up_to_date_check),
         "RaftInvariants.leaderCompleteness_catchesElectingAStaleLog"},
        {"raft", "state machine safety", QUORUM_SWITCH(raft, follower_commits_unmatched),
         "RaftInvariants.stateMachineSafety_catchesAFollowerCommittingUnmatchedEntries"},
        {"raft", "commit monotonic", QUORUM_SWITCH(raft, follower_commit_may_decrease),
         "RaftInvariants.commitMonotonic_catchesAFollowerTakingCommitBack"},
        {"raft", "acknowledged writes", QUORUM_SWITCH(raft, leader_answers_before_commit),
         "RaftInvariants.acknowledgedWrites_catchesALeaderAnsweringBeforeCommit"},
        {"raft", "snapshot state", QUORUM_SWITCH(raft, follower_installs_old_snapshot),
         "RaftInvariants.snapshotState_catchesAFollowerInstallingAnOldSnapshot"},
        {"paxos", "at most one value chosen",
         QUORUM_SWITCH(paxos, proposer_ignores_accepted_values),
         "PaxosInvariants.atMostOneValueChosen_catchesAProposerThatIgnoresAcceptedValues"},
        {"paxos", "only a proposed value", QUORUM_SWITCH(paxos, proposer_invents_value),
         "FuzzPaxos.proposerInventingAValue_isCaughtAsOnlyAProposedValue"},
        {"paxos", "promise kept", QUORUM_SWITCH(paxos, acceptor_accepts_below_promise),
         "PaxosInvariants.promiseKept_catchesAnAcceptorAcceptingBelowItsPromise"},
        {"paxos", "learned value chosen", QUORUM_SWITCH(paxos, learner_learns_on_first_accepted),
         "PaxosInvariants.learnedValueChosen_catchesALearnerThatLearnsFromOneAcceptance"},
        {"paxos", "one value per ballot", QUORUM_SWITCH(paxos, proposer_forgets_round),
         "PaxosInvariants.oneValuePerBallot_catchesAProposerThatForgetsItsRound"},
        {"multipaxos", "agreement", QUORUM_SWITCH(multipaxos, commander_decides_on_minority),
         "MultiPaxosInvariants.agreement_catchesCommandersDecidingOnAMinority"},
        {"multipaxos", "slot order", QUORUM_SWITCH(multipaxos, replica_applies_out_of_order),
         "MultiPaxosInvariants.slotOrder_catchesAReplicaApplyingOutOfOrder"},
        {"multipaxos", "acceptor ballot monotonic",
         QUORUM_SWITCH(multipaxos, acceptor_forgets_on_restart),
         "MultiPaxosInvariants.acceptorBallotMonotonic_catchesAnAcceptorForgettingOnRestart"},
        {"multipaxos", "validity", QUORUM_SWITCH(multipaxos, leader_alters_commands),
         "FuzzMultiPaxos.leaderAlteringCommands_isCaughtAsValidity"},
        {"multipaxos", "adopted pvalues safe",
         QUORUM_SWITCH(multipaxos, leader_ignores_adopted_pvalues),
         "MultiPaxosInvariants.adoptedPValuesSafe_catchesALeaderIgnoringAdoptedPValues"},
    };
    return rows;
}

#undef QUORUM_SWITCH

std::vector<std::string_view> declared_rules(Algorithm algorithm) {
    return with_protocol(algorithm, []<Protocol P>() {
        std::vector<std::string_view> names;
        for (const Rule& rule : P::Checker::rules()) {
            names.push_back(rule.name);
        }
        return names;
    });
}

// "Suite.name" of every test registered in this binary, filtered out or not.
std::set<std::string> registered_tests() {
    std::set<std::string> names;
    const ::testing::UnitTest& unit = *::testing::UnitTest::GetInstance();
    for (int i = 0; i < unit.total_test_suite_count(); ++i) {
        const ::testing::TestSuite& suite = *unit.GetTestSuite(i);
        for (int j = 0; j < suite.total_test_count(); ++j) {
            names.insert(std::string(suite.name()) + "." + suite.GetTestInfo(j)->name());
        }
    }
    return names;
}

// "leader append-only" -> "leaderappendonly": how a test's name spells a rule.
std::string squeezed(std::string_view text) {
    std::string letters;
    for (char c : text) {
        if (std::isalnum(static_cast<unsigned char>(c))) {
            letters += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
    }
    return letters;
}

// What is wrong with `rows` against the rules every checker declares and the
// tests registered: one line per problem, none when every rule is covered.
std::vector<std::string> audit(const std::vector<RuleSwitch>& rows,
                               const std::set<std::string>& tests) {
    std::vector<std::string> problems;
    for (Algorithm algorithm : all_algorithms()) {
        const std::string name(algorithm_name(algorithm));
        for (std::string_view rule : declared_rules(algorithm)) {
            const auto row = std::find_if(rows.begin(), rows.end(), [&](const RuleSwitch& each) {
                return each.algorithm == name && each.rule == rule;
            });
            const std::string which = name + "'s rule '" + std::string(rule) + "'";
            if (row == rows.end()) {
                problems.push_back(which +
                                   " has no switch that breaks it and no test requiring "
                                   "its name (add a Faults switch, a test, a row here)");
            } else if (!tests.contains(std::string(row->test))) {
                problems.push_back(which + ": no test " + std::string(row->test) +
                                   " in this binary");
            } else if (squeezed(row->test).find(squeezed(rule)) == std::string::npos) {
                problems.push_back(which + ": " + std::string(row->test) +
                                   " does not say which rule it requires");
            }
        }
    }
    std::set<std::pair<std::string_view, std::string_view>> seen;
    for (const RuleSwitch& row : rows) {
        const auto algorithm = parse_algorithm(row.algorithm);
        const auto rules = algorithm ? declared_rules(*algorithm) : std::vector<std::string_view>{};
        const std::string which = std::string(row.algorithm) + " '" + std::string(row.rule) + "'";
        if (std::find(rules.begin(), rules.end(), row.rule) == rules.end()) {
            problems.push_back("a row names " + which + ", which no checker declares (renamed?)");
        }
        if (!seen.insert({row.algorithm, row.rule}).second) {
            problems.push_back(which + " is listed twice");
        }
    }
    return problems;
}

std::string joined(const std::vector<std::string>& lines) {
    std::string text;
    for (const std::string& line : lines) {
        text += line + "\n";
    }
    return text;
}

TEST(RuleSwitches, everyDeclaredRule_hasASwitchAndATestNamingIt) {
    const auto problems = audit(rule_switches(), registered_tests());
    EXPECT_TRUE(problems.empty()) << joined(problems);
}

// The audit can fail: a rule left without its row, a row whose test is gone
// or does not name the rule, and a row of a rule nobody declares are each
// reported, and nothing else is.
TEST(RuleSwitches, audit_reportsARuleWithoutItsSwitchTest) {
    const std::set<std::string> tests = registered_tests();
    std::vector<RuleSwitch> rows = rule_switches();
    std::erase_if(rows, [](const RuleSwitch& row) { return row.rule == "one value per ballot"; });
    auto problems = audit(rows, tests);
    ASSERT_EQ(problems.size(), 1u) << joined(problems);
    EXPECT_EQ(problems[0].find("paxos's rule 'one value per ballot' has no switch"), 0u)
        << problems[0];

    rows = rule_switches();
    rows[0].test = "RaftInvariants.electionSafety_noSuchTest";
    rows[1].test = "RaftInvariants.electionSafety_catchesVotingTwiceInATerm";
    rows.push_back({"multipaxos", "no such rule", "leader_alters_commands",
                    "FuzzMultiPaxos.leaderAlteringCommands_isCaughtAsValidity"});
    problems = audit(rows, tests);
    ASSERT_EQ(problems.size(), 3u) << joined(problems);
    EXPECT_NE(problems[0].find("no test RaftInvariants.electionSafety_noSuchTest"),
              std::string::npos);
    EXPECT_NE(problems[1].find("leader append-only': RaftInvariants.electionSafety_"
                               "catchesVotingTwiceInATerm does not say"),
              std::string::npos);
    EXPECT_NE(problems[2].find("'no such rule', which no checker declares"), std::string::npos);
}

}  // namespace
}  // namespace quorum
