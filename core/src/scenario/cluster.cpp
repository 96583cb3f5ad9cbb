// The `cluster` line: the algorithm and its `key=value` options.
//
// The options are one table (name, algorithms, example, parser), so the
// error for an unknown option can list exactly the valid ones, and an option
// of another algorithm is told apart from a typo. Options are read first and
// applied after, `nodes` before the others, because a role list such as
// `acceptors=1,2,7` can only be checked once the node count is known, wherever
// `nodes=` appears on the line. The defaults live in ast.hpp's structs.
#include <algorithm>
#include <cstdint>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "quorum/scenario/parser_internals.hpp"

namespace quorum::scenario::internal {

namespace {

constexpr unsigned kRaft = 1;
constexpr unsigned kPaxos = 2;
constexpr unsigned kMultiPaxos = 4;
constexpr unsigned kEveryAlgorithm = kRaft | kPaxos | kMultiPaxos;

unsigned bit_of(Algorithm algorithm) {
    switch (algorithm) {
        case Algorithm::Raft:
            return kRaft;
        case Algorithm::Paxos:
            return kPaxos;
        case Algorithm::MultiPaxos:
            return kMultiPaxos;
    }
    return 0;
}

TimeUs positive_duration(const Token& value, std::string_view option) {
    const TimeUs duration = parse_duration(value);
    if (duration <= 0) {
        fail(value, std::string(option) + " must be longer than 0, got " + quoted(value.text));
    }
    return duration;
}

std::uint64_t bounded_number(const Token& value, std::string_view option, std::uint64_t low,
                             std::uint64_t high) {
    const std::string range = std::to_string(low) + ".." + std::to_string(high);
    const std::optional<std::uint64_t> number = parse_digits(value.text);
    if (!number || *number < low || *number > high) {
        fail(value, std::string(option) + " must be a whole number in " + range + ", got " +
                        quoted(value.text));
    }
    return *number;
}

struct OptionSpec {
    std::string_view name;
    unsigned algorithms;
    std::string_view example;
    void (*apply)(ClusterConfig& config, const Token& value);
};

// `nodes` is first: it is applied before the others (see the file comment).
constexpr OptionSpec kOptions[] = {
    {"nodes", kEveryAlgorithm, "nodes=5",
     [](ClusterConfig& c, const Token& v) {
         c.nodes = static_cast<NodeId>(bounded_number(v, "nodes", 1, kMaxNodes));
     }},
    {"seed", kEveryAlgorithm, "seed=42",
     [](ClusterConfig& c, const Token& v) { c.seed = parse_whole_number(v, "a seed"); }},
    {"latency", kEveryAlgorithm, "latency=1-10ms",
     [](ClusterConfig& c, const Token& v) { c.network.latency = parse_duration_range(v); }},
    {"loss", kEveryAlgorithm, "loss=0.1",
     [](ClusterConfig& c, const Token& v) { c.network.loss_ppm = parse_probability(v); }},
    {"dup", kEveryAlgorithm, "dup=0.1",
     [](ClusterConfig& c, const Token& v) { c.network.dup_ppm = parse_probability(v); }},
    {"reorder", kEveryAlgorithm, "reorder=on",
     [](ClusterConfig& c, const Token& v) { c.network.reorder = parse_on_off(v); }},
    {"election", kRaft, "election=150-300ms",
     [](ClusterConfig& c, const Token& v) { c.raft.election = parse_duration_range(v); }},
    {"heartbeat", kRaft, "heartbeat=50ms",
     [](ClusterConfig& c, const Token& v) {
         c.raft.heartbeat_us = positive_duration(v, "heartbeat");
     }},
    {"prevote", kRaft, "prevote=on",
     [](ClusterConfig& c, const Token& v) { c.raft.prevote = parse_on_off(v); }},
    {"checkquorum", kRaft, "checkquorum=on",
     [](ClusterConfig& c, const Token& v) { c.raft.checkquorum = parse_on_off(v); }},
    {"batch", kRaft, "batch=1",
     [](ClusterConfig& c, const Token& v) {
         c.raft.batch = static_cast<std::uint32_t>(bounded_number(v, "batch", 1, 1000));
     }},
    {"inflight", kRaft, "inflight=1",
     [](ClusterConfig& c, const Token& v) {
         c.raft.inflight = static_cast<std::uint32_t>(bounded_number(v, "inflight", 0, 1000));
     }},
    {"proposers", kPaxos, "proposers=1,2",
     [](ClusterConfig& c, const Token& v) {
         c.paxos.proposers = parse_node_list(v, c.nodes, "proposers");
     }},
    {"acceptors", kPaxos | kMultiPaxos, "acceptors=1,2,3",
     [](ClusterConfig& c, const Token& v) {
         auto& acceptors =
             c.algorithm == Algorithm::Paxos ? c.paxos.acceptors : c.multipaxos.acceptors;
         acceptors = parse_node_list(v, c.nodes, "acceptors");
     }},
    {"learners", kPaxos, "learners=all",
     [](ClusterConfig& c, const Token& v) {
         c.paxos.learners = parse_node_list(v, c.nodes, "learners");
     }},
    {"replicas", kMultiPaxos, "replicas=1,2,3",
     [](ClusterConfig& c, const Token& v) {
         c.multipaxos.replicas = parse_node_list(v, c.nodes, "replicas");
     }},
    {"leaders", kMultiPaxos, "leaders=1,2",
     [](ClusterConfig& c, const Token& v) {
         c.multipaxos.leaders = parse_node_list(v, c.nodes, "leaders");
     }},
    {"window", kMultiPaxos, "window=5",
     [](ClusterConfig& c, const Token& v) {
         c.multipaxos.window = static_cast<std::uint32_t>(bounded_number(v, "window", 1, 1000));
     }},
    {"backoff", kPaxos | kMultiPaxos, "backoff=on",
     [](ClusterConfig& c, const Token& v) {
         const bool backoff = parse_on_off(v);
         c.paxos.backoff = backoff;
         c.multipaxos.backoff = backoff;
     }},
    {"retry", kPaxos, "retry=100ms",
     [](ClusterConfig& c, const Token& v) { c.paxos.retry_us = positive_duration(v, "retry"); }},
    {"timeout", kMultiPaxos, "timeout=200ms",
     [](ClusterConfig& c, const Token& v) {
         c.multipaxos.timeout_us = positive_duration(v, "timeout");
     }},
    {"persist", kPaxos, "persist=off",
     [](ClusterConfig& c, const Token& v) { c.paxos.persist = parse_on_off(v); }},
};

std::vector<std::string_view> option_names(Algorithm algorithm) {
    std::vector<std::string_view> names;
    for (const OptionSpec& option : kOptions) {
        if ((option.algorithms & bit_of(algorithm)) != 0) {
            names.push_back(option.name);
        }
    }
    return names;
}

// The options of the other algorithms that accept `name`, to tell "wrong
// algorithm" apart from "typo".
std::string algorithms_accepting(std::string_view name) {
    std::vector<std::string_view> owners;
    for (const OptionSpec& option : kOptions) {
        for (Algorithm algorithm : {Algorithm::Raft, Algorithm::Paxos, Algorithm::MultiPaxos}) {
            if (option.name == name && (option.algorithms & bit_of(algorithm)) != 0) {
                owners.push_back(to_string(algorithm));
            }
        }
    }
    return join_choices(owners);
}

struct GivenOption {
    const OptionSpec* spec;
    Token name;
    Token value;
};

bool is_nodes(const GivenOption& option) {
    return option.spec->name == "nodes";
}

const OptionSpec& find_option(const Token& name, Algorithm algorithm) {
    for (const OptionSpec& option : kOptions) {
        if (option.name == name.text && (option.algorithms & bit_of(algorithm)) != 0) {
            return option;
        }
    }
    const std::vector<std::string_view> valid = option_names(algorithm);
    const std::string owners = algorithms_accepting(name.text);
    const std::string list =
        "valid options for " + std::string(to_string(algorithm)) + ": " + join_choices(valid);
    if (!owners.empty()) {
        fail(name, "option " + quoted(name.text) + " is for " + owners + ", not " +
                       std::string(to_string(algorithm)) + " (" + list + ")");
    }
    fail(name, "unknown option " + quoted(name.text) + " for " + std::string(to_string(algorithm)) +
                   did_you_mean(name.text, valid) + " (" + list + ")");
}

GivenOption read_option(const Token& word, Algorithm algorithm) {
    const std::size_t equals = word.text.find('=');
    if (equals == std::string_view::npos || equals == 0) {
        fail(word,
             "expected an option like nodes=5 (no spaces around '='), got " + quoted(word.text));
    }
    const Token name = sub_token(word, 0, equals);
    const OptionSpec& spec = find_option(name, algorithm);
    const Token value = sub_token(word, equals + 1);
    constexpr std::string_view kRoleLists[] = {"proposers", "acceptors", "learners", "replicas",
                                               "leaders"};
    const bool role_list =
        std::find(std::begin(kRoleLists), std::end(kRoleLists), spec.name) != std::end(kRoleLists);
    // An empty role list gets its own message from parse_role_list.
    if (value.text.empty() && !role_list) {
        fail(value,
             "option " + quoted(spec.name) + " needs a value, like " + std::string(spec.example));
    }
    return GivenOption{&spec, name, value};
}

Algorithm parse_algorithm(TokenCursor& cursor) {
    constexpr std::string_view kNames[] = {"raft", "paxos", "multipaxos"};
    const Token word = cursor.take("an algorithm after 'cluster': raft, paxos or multipaxos");
    for (Algorithm algorithm : {Algorithm::Raft, Algorithm::Paxos, Algorithm::MultiPaxos}) {
        if (word.text == to_string(algorithm)) {
            return algorithm;
        }
    }
    fail(word, "unknown algorithm " + quoted(word.text) + did_you_mean(word.text, kNames) +
                   " (expected raft, paxos or multipaxos)");
}

void set_defaults(ClusterConfig& config) {
    std::vector<NodeId> everyone;
    for (NodeId id = 1; id <= config.nodes; ++id) {
        everyone.push_back(id);
    }
    config.paxos.proposers = config.paxos.acceptors = config.paxos.learners = everyone;
    config.multipaxos.replicas = config.multipaxos.leaders = everyone;
    config.multipaxos.acceptors = everyone;
}

void check_raft_timers(const ClusterConfig& config, const std::vector<GivenOption>& given,
                       const Token& command_word) {
    std::optional<Token> election;
    std::optional<Token> heartbeat;
    for (const GivenOption& option : given) {
        if (option.spec->name == "election") {
            election = option.value;
        } else if (option.spec->name == "heartbeat") {
            heartbeat = option.value;
        }
    }
    const RaftOptions& raft = config.raft;
    if (election && raft.election.min_us <= 0) {
        fail(*election,
             "the election timeout must be longer than 0, got " + quoted(election->text));
    }
    if (raft.heartbeat_us >= raft.election.min_us) {
        // Blame whichever the author wrote (the heartbeat if both).
        const Token at = heartbeat.value_or(election.value_or(command_word));
        fail(at, "the heartbeat (" + format_duration(raft.heartbeat_us) +
                     ") must be shorter than the election timeout's minimum (" +
                     format_duration(raft.election.min_us) + ")");
    }
}

}  // namespace

// `1,2,3` or `all`, every id in 1..node_count, none twice; sorted.
std::vector<NodeId> parse_node_list(const Token& value, NodeId node_count, std::string_view role) {
    if (value.text.empty()) {
        fail(value, "the " + std::string(role) + " list is empty: name at least one node, like " +
                        std::string(role) + "=1,2 or " + std::string(role) + "=all");
    }
    std::vector<NodeId> nodes;
    if (value.text == "all") {
        for (NodeId id = 1; id <= node_count; ++id) {
            nodes.push_back(id);
        }
        return nodes;
    }
    std::size_t start = 0;
    while (start <= value.text.size()) {
        const std::size_t comma = std::min(value.text.find(',', start), value.text.size());
        const Token item = sub_token(value, start, comma - start);
        if (item.text.empty()) {
            fail(item, "empty item in the " + std::string(role) + " list " + quoted(value.text));
        }
        if (item.text == "all") {
            fail(item, "'all' stands alone: write " + std::string(role) +
                           "=all, or list node ids like " + std::string(role) + "=1,2");
        }
        const NodeId id = parse_node_literal(item, node_count);
        if (std::find(nodes.begin(), nodes.end(), id) != nodes.end()) {
            fail(item, "node " + std::to_string(id) + " is listed twice in " + std::string(role));
        }
        nodes.push_back(id);
        start = comma + 1;
    }
    std::sort(nodes.begin(), nodes.end());
    return nodes;
}

ClusterConfig parse_cluster(TokenCursor& cursor, const Token& command_word) {
    ClusterConfig config;
    config.pos = SourcePos{command_word.line, command_word.column};
    config.algorithm = parse_algorithm(cursor);
    config.nodes = config.algorithm == Algorithm::Paxos ? 3 : 5;

    std::vector<GivenOption> given;
    while (!cursor.at_end()) {
        GivenOption option = read_option(cursor.take("an option"), config.algorithm);
        for (const GivenOption& earlier : given) {
            if (earlier.spec == option.spec) {
                fail(option.name, "option " + quoted(option.spec->name) +
                                      " is given twice (first at column " +
                                      std::to_string(earlier.name.column) + ")");
            }
        }
        given.push_back(option);
    }
    // `nodes` first: the role lists' defaults and checks depend on it.
    for (const GivenOption& option : given) {
        if (is_nodes(option)) {
            option.spec->apply(config, option.value);
        }
    }
    set_defaults(config);
    for (const GivenOption& option : given) {
        if (!is_nodes(option)) {
            option.spec->apply(config, option.value);
        }
    }
    if (config.algorithm == Algorithm::Raft) {
        check_raft_timers(config, given, command_word);
    }
    return config;
}

}  // namespace quorum::scenario::internal
