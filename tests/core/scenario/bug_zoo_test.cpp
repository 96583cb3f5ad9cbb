// The bug zoo (docs/scenarios.md, "The bug zoo"; quorum/bug.hpp): each
// protocol's table of bugs is what `bug=<name>` switches on, one switch per
// bug and none by default; each bug names a rule its checker has; and the
// documentation's table lists exactly the bugs of the code, with their
// sentences and rules. (The lessons themselves run, with and without their
// bug, as CTests: tests/sim/without_bug.sh.)
#include <gtest/gtest.h>

#include <cstddef>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "quorum/protocols.hpp"
#include "quorum/scenario/parser.hpp"
#include "scenario_test_helpers.hpp"

extern const unsigned char quorum_docs_scenarios_md[];
extern const std::size_t quorum_docs_scenarios_md_size;

namespace quorum::scenario {
namespace {

std::string cluster_line(Algorithm algorithm, std::string_view bug) {
    return "cluster " + std::string(algorithm_name(algorithm)) + " bug=" + std::string(bug);
}

TEST(BugZoo, everyBugSwitchesOnItselfAloneAndNoneSwitchesItOff) {
    for (Algorithm algorithm : all_algorithms()) {
        const ClusterConfig defaults = default_cluster_config(algorithm);
        std::set<std::string> names;
        for (const BugInfo& bug : protocol_bugs(algorithm)) {
            EXPECT_TRUE(names.insert(std::string(bug.name)).second) << bug.name << " twice";
            EXPECT_NE(bug.name, kNoBug);
            const Scenario scenario = testing::parse_valid(cluster_line(algorithm, bug.name));
            ClusterConfig config = scenario.cluster.config;
            EXPECT_EQ(bug_of(config.protocol), bug.name);
            EXPECT_FALSE(config == defaults) << bug.name << " changes nothing";
            // Only its switch: switching every bug off gives the default back.
            ASSERT_TRUE(set_bug(config.protocol, kNoBug));
            EXPECT_TRUE(config == defaults) << bug.name << " changes more than its switch";
        }
        const Scenario none = testing::parse_valid(cluster_line(algorithm, kNoBug));
        EXPECT_TRUE(none.cluster.config == defaults) << algorithm_name(algorithm);
    }
}

TEST(BugZoo, twoBugsOfAProtocolAreTwoSwitches) {
    for (Algorithm algorithm : all_algorithms()) {
        std::vector<ClusterConfig> configs;
        for (const BugInfo& bug : protocol_bugs(algorithm)) {
            configs.push_back(
                testing::parse_valid(cluster_line(algorithm, bug.name)).cluster.config);
        }
        for (std::size_t i = 0; i < configs.size(); ++i) {
            for (std::size_t j = i + 1; j < configs.size(); ++j) {
                EXPECT_FALSE(configs[i] == configs[j]) << algorithm_name(algorithm) << i << j;
            }
        }
    }
}

TEST(BugZoo, setBugRefusesANameOfNoBugAndChangesNothing) {
    ProtocolConfig protocol = default_protocol_config(Algorithm::Raft);
    ASSERT_TRUE(set_bug(protocol, "forget-vote"));
    EXPECT_FALSE(set_bug(protocol, "ignore-accepted"));  // a Paxos bug
    EXPECT_FALSE(set_bug(protocol, ""));
    EXPECT_EQ(bug_of(protocol), "forget-vote");
}

// The bug wins over an option that sets the same switch, wherever it is.
TEST(BugZoo, theBugIsAppliedAfterTheOtherOptions) {
    const ClusterConfig config =
        testing::parse_valid("cluster paxos bug=acceptor-forgets persist=on").cluster.config;
    EXPECT_EQ(bug_of(config.protocol), "acceptor-forgets");
}

TEST(BugZoo, everyBugBreaksARuleOfItsChecker) {
    for (Algorithm algorithm : all_algorithms()) {
        for (const BugInfo& bug : protocol_bugs(algorithm)) {
            const std::string line = cluster_line(algorithm, bug.name) + "\nexpect violation " +
                                     std::string(bug.rule) + "\n";
            testing::parse_valid(line);  // `expect violation` takes only the checker's rules
            EXPECT_FALSE(bug.breaks.empty());
            EXPECT_EQ(bug.breaks.back(), '.') << bug.name << ": one sentence";
        }
    }
}

// docs/scenarios.md's table of bugs: (algorithm, name, sentence, rule) per row.
using Row = std::tuple<std::string, std::string, std::string, std::string>;

std::vector<std::string> cells_of(const std::string& row) {
    std::vector<std::string> cells;
    std::size_t start = 1;
    while (start < row.size()) {
        const std::size_t bar = row.find(" |", start);
        if (bar == std::string::npos) {
            break;
        }
        std::string cell = row.substr(start, bar - start);
        std::erase(cell, '`');
        const std::size_t first = cell.find_first_not_of(' ');
        cells.push_back(first == std::string::npos ? "" : cell.substr(first));
        start = bar + 2;
    }
    return cells;
}

std::set<Row> documented_bugs() {
    const std::string text(reinterpret_cast<const char*>(quorum_docs_scenarios_md),
                           quorum_docs_scenarios_md_size);
    std::set<Row> rows;
    bool in_table = false;
    std::size_t start = 0;
    while (start < text.size()) {
        const std::size_t end = text.find('\n', start);
        const std::string row = text.substr(start, end - start);
        start = end == std::string::npos ? text.size() : end + 1;
        if (row.starts_with("| algorithm | bug | what it breaks | rule |")) {
            in_table = true;
            continue;
        }
        if (!in_table || row.starts_with("|---")) {
            continue;
        }
        if (!row.starts_with("|")) {
            break;
        }
        const std::vector<std::string> cells = cells_of(row);
        if (cells.size() == 4) {
            rows.emplace(cells[0], cells[1], cells[2], cells[3]);
        }
    }
    return rows;
}

TEST(BugZoo, theDocumentedBugsAreTheCodesWithTheirSentencesAndRules) {
    std::set<Row> code;
    for (Algorithm algorithm : all_algorithms()) {
        for (const BugInfo& bug : protocol_bugs(algorithm)) {
            code.emplace(std::string(algorithm_name(algorithm)), std::string(bug.name),
                         std::string(bug.breaks), std::string(bug.rule));
        }
    }
    const std::set<Row> documented = documented_bugs();
    ASSERT_FALSE(documented.empty()) << "docs/scenarios.md has no table of bugs";
    for (const Row& row : code) {
        EXPECT_TRUE(documented.contains(row))
            << "not documented as in the code: | " << std::get<0>(row) << " | `" << std::get<1>(row)
            << "` | " << std::get<2>(row) << " | " << std::get<3>(row) << " |";
    }
    for (const Row& row : documented) {
        EXPECT_TRUE(code.contains(row)) << "documented but not in the code: " << std::get<1>(row);
    }
}

}  // namespace
}  // namespace quorum::scenario
