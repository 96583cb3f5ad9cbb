// The one cluster configuration (docs/design.md): every option of every
// protocol's table, and of every cluster's, written on a `cluster` line,
// reaches the config the runners build from; and docs/scenarios.md's table of
// options lists exactly those options, for the right protocols, with the
// defaults the configs really have.
#include <gtest/gtest.h>

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "quorum/options.hpp"
#include "quorum/protocols.hpp"
#include "quorum/scenario/parser.hpp"
#include "scenario_test_helpers.hpp"

extern const unsigned char quorum_docs_scenarios_md[];
extern const std::size_t quorum_docs_scenarios_md_size;

namespace quorum::scenario {
namespace {

// One option as code that serves every protocol sees it.
struct AnyOption {
    std::string name;
    OptionKind kind;
    std::uint64_t low;
    std::uint64_t high;
    bool common;  // every cluster's (else the protocol's)
};

std::vector<AnyOption> options_of(Algorithm algorithm) {
    std::vector<AnyOption> options;
    for (const auto& option : cluster_options()) {
        options.push_back({std::string(option.name), option.kind, option.low, option.high, true});
    }
    for (const OptionInfo& info : protocol_options(algorithm)) {
        options.push_back({std::string(info.name), info.kind, info.low, info.high, false});
    }
    return options;
}

OptionValue value_in(const ClusterConfig& config, const AnyOption& option) {
    if (!option.common) {
        return *get_option(config.protocol, option.name);
    }
    for (const auto& common : cluster_options()) {
        if (common.name == option.name) {
            return common.get(config);
        }
    }
    ADD_FAILURE() << "no option " << option.name;
    return false;
}

// A value other than `now`, of the option's kind and within its bounds, that
// keeps every protocol's config sound (durations shorter, ranges longer).
OptionValue other_than(const OptionValue& now, const AnyOption& option) {
    switch (option.kind) {
        case OptionKind::OnOff:
            return !std::get<bool>(now);
        case OptionKind::Number: {
            const auto number = std::get<std::uint64_t>(now);
            return number < option.high ? number + 1 : option.low;
        }
        case OptionKind::Duration:
            return Duration{std::get<Duration>(now).us / 2};
        case OptionKind::DurationRange: {
            const auto range = std::get<DurationRange>(now);
            return DurationRange{range.min_us * 2, range.max_us * 3};
        }
        case OptionKind::Probability:
            return PartsPerMillion{250'000};
        case OptionKind::NodeList:
            return std::vector<NodeId>{1};
    }
    return false;
}

TEST(ScenarioOptions, everyOptionOfEveryProtocolReachesTheConfig) {
    for (Algorithm algorithm : all_algorithms()) {
        const std::string name(algorithm_name(algorithm));
        const ClusterConfig defaults = default_cluster_config(algorithm);
        for (const AnyOption& option : options_of(algorithm)) {
            const OptionValue wanted = other_than(value_in(defaults, option), option);
            const std::string line =
                "cluster " + name + " " + option.name + "=" + format_option_value(wanted);
            const Scenario scenario = testing::parse_valid(line);
            EXPECT_TRUE(value_in(scenario.cluster.config, option) == wanted) << line;
            EXPECT_FALSE(value_in(defaults, option) == wanted) << line;
        }
    }
}

TEST(ScenarioOptions, aClusterLineWithNoOptionsIsTheDefaultConfig) {
    for (Algorithm algorithm : all_algorithms()) {
        const std::string line = "cluster " + std::string(algorithm_name(algorithm));
        EXPECT_TRUE(testing::parse_valid(line).cluster.config == default_cluster_config(algorithm))
            << line;
    }
}

// docs/scenarios.md's table of options: name -> (algorithms, default), as
// written ("all" or a list of protocols; backquotes dropped).
struct DocumentedOption {
    std::string algorithms;
    std::string default_text;
};

std::vector<std::string> cells_of(const std::string& row) {
    std::vector<std::string> cells;
    std::size_t start = 1;
    while (start < row.size()) {
        const std::size_t bar = row.find('|', start);
        if (bar == std::string::npos) {
            break;
        }
        std::string cell = row.substr(start, bar - start);
        std::erase(cell, '`');
        const std::size_t first = cell.find_first_not_of(' ');
        const std::size_t last = cell.find_last_not_of(' ');
        cells.push_back(first == std::string::npos ? "" : cell.substr(first, last - first + 1));
        start = bar + 1;
    }
    return cells;
}

std::map<std::string, DocumentedOption> documented_options() {
    const std::string text(reinterpret_cast<const char*>(quorum_docs_scenarios_md),
                           quorum_docs_scenarios_md_size);
    std::map<std::string, DocumentedOption> options;
    bool in_table = false;
    std::size_t start = 0;
    while (start < text.size()) {
        const std::size_t end = text.find('\n', start);
        const std::string row = text.substr(start, end - start);
        start = end == std::string::npos ? text.size() : end + 1;
        if (row.starts_with("| option | algorithms | value | default |")) {
            in_table = true;
            continue;
        }
        if (!in_table || row.starts_with("|---")) {
            continue;
        }
        if (!row.starts_with("|")) {
            break;  // the table ended
        }
        const std::vector<std::string> cells = cells_of(row);
        if (cells.size() >= 4) {
            options[cells[0]] = DocumentedOption{cells[1], cells[3]};
        }
    }
    return options;
}

// "3 for paxos, 5 for raft and multipaxos" -> the default for `protocol`;
// a plain default is every protocol's.
std::string default_for(const std::string& text, const std::string& protocol) {
    if (text.find(" for ") == std::string::npos) {
        return text;
    }
    std::size_t start = 0;
    while (start < text.size()) {
        const std::size_t comma = std::min(text.find(", ", start), text.size());
        const std::string clause = text.substr(start, comma - start);
        const std::size_t for_at = clause.find(" for ");
        std::string protocols = clause.substr(for_at + 5);
        for (std::size_t at = 0; (at = protocols.find(" and ", at)) != std::string::npos;) {
            protocols.replace(at, 5, ",");
        }
        if (("," + protocols + ",").find("," + protocol + ",") != std::string::npos) {
            return clause.substr(0, for_at);
        }
        start = comma + 2;
    }
    return "(no default for " + protocol + ")";
}

bool lists(const std::string& algorithms, const std::string& protocol) {
    return algorithms == "all" ||
           ("," + algorithms + ",").find(", " + protocol + ",") != std::string::npos ||
           ("," + algorithms + ",").find("," + protocol + ",") != std::string::npos;
}

TEST(ScenarioOptions, theDocumentedOptionsAndDefaultsAreTheOnesUsed) {
    const std::map<std::string, DocumentedOption> documented = documented_options();
    ASSERT_FALSE(documented.empty()) << "docs/scenarios.md has no table of options";
    std::map<std::string, bool> used;
    for (Algorithm algorithm : all_algorithms()) {
        const std::string protocol(algorithm_name(algorithm));
        const ClusterConfig defaults = default_cluster_config(algorithm);
        for (const AnyOption& option : options_of(algorithm)) {
            used[option.name] = true;
            const auto found = documented.find(option.name);
            ASSERT_NE(found, documented.end()) << option.name << " is not documented";
            EXPECT_TRUE(lists(found->second.algorithms, protocol))
                << option.name << ": the table does not list " << protocol;
            EXPECT_EQ(default_for(found->second.default_text, protocol),
                      format_option_value(value_in(defaults, option)))
                << option.name << " of " << protocol;
        }
    }
    // `bug=`: every protocol's, a name from its zoo (quorum/bug.hpp), none by default.
    for (Algorithm algorithm : all_algorithms()) {
        ASSERT_FALSE(protocol_bugs(algorithm).empty()) << algorithm_name(algorithm);
        EXPECT_FALSE(bug_of(default_cluster_config(algorithm).protocol));
    }
    ASSERT_TRUE(documented.contains("bug"));
    EXPECT_EQ(documented.at("bug").algorithms, "all");
    EXPECT_EQ(documented.at("bug").default_text, kNoBug);
    used["bug"] = true;
    for (const auto& [name, entry] : documented) {
        EXPECT_TRUE(used.contains(name)) << name << " is documented but no protocol has it";
    }
}

}  // namespace
}  // namespace quorum::scenario
