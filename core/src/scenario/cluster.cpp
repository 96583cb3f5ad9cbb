// The `cluster` line: the protocol and its `key=value` options.
//
// The options are tables (quorum/options.hpp): the ones every cluster has,
// then the protocol's own (its descriptor's options()), so the error for an
// unknown option can list exactly the valid ones, and an option of another
// protocol is told apart from a typo. Options are read first and applied
// after, `nodes` before the others, because a node list such as
// `acceptors=1,2,7` can only be checked once the node count is known,
// wherever `nodes=` appears on the line. Defaults are the configs' own.
// `bug=<name>` switches on a bug of the protocol's zoo (quorum/bug.hpp, read
// through the registry); it is applied last, so it wins over an option that
// sets the same switch (Paxos's `persist=on`).
#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "quorum/protocols.hpp"
#include "quorum/scenario/parser_internals.hpp"

namespace quorum::scenario::internal {

namespace {

// One option of the line's protocol or of every cluster, whichever table it
// came from: what parsing needs to know and how to set it.
struct FoundOption {
    std::string_view name;
    OptionKind kind = OptionKind::OnOff;
    std::uint64_t low = 0;
    std::uint64_t high = 0;
    bool positive = false;
    std::string_view noun;
    bool common = true;  // of every cluster (else the protocol's)
    bool zoo = false;    // `bug=`: a name from the protocol's bug zoo
};

constexpr std::string_view kBugOption = "bug";

template <typename Config>
FoundOption found(const Option<Config>& option, bool common) {
    return FoundOption{option.name,     option.kind, option.low, option.high,
                       option.positive, option.noun, common};
}

std::string_view noun_of(const FoundOption& option) {
    return option.noun.empty() ? option.name : option.noun;
}

// The options of `algorithm`, every cluster's first, in table order.
std::vector<FoundOption> options_of(Algorithm algorithm) {
    std::vector<FoundOption> options;
    for (const auto& option : cluster_options()) {
        options.push_back(found(option, true));
    }
    with_protocol(algorithm, [&]<Protocol P>() {
        for (const auto& option : P::options()) {
            options.push_back(found(option, false));
        }
    });
    if (!protocol_bugs(algorithm).empty()) {
        FoundOption bug;
        bug.name = kBugOption;
        bug.zoo = true;
        options.push_back(bug);
    }
    return options;
}

std::vector<std::string_view> names_of(const std::vector<FoundOption>& options) {
    std::vector<std::string_view> names;
    for (const FoundOption& option : options) {
        names.push_back(option.name);
    }
    return names;
}

// The other protocols that have an option `name`, to tell "wrong protocol"
// apart from "typo".
std::string protocols_accepting(std::string_view name, Algorithm line) {
    std::vector<std::string_view> owners;
    for (Algorithm algorithm : all_algorithms()) {
        const auto options = options_of(algorithm);
        const bool has = std::any_of(options.begin(), options.end(), [&](const FoundOption& o) {
            return !o.common && o.name == name;
        });
        if (has && algorithm != line) {
            owners.push_back(algorithm_name(algorithm));
        }
    }
    return join_choices(owners);
}

struct GivenOption {
    FoundOption spec;
    Token name;
    Token value;
};

FoundOption find_option(const Token& name, Algorithm algorithm) {
    const std::vector<FoundOption> options = options_of(algorithm);
    for (const FoundOption& option : options) {
        if (option.name == name.text) {
            return option;
        }
    }
    const std::vector<std::string_view> valid = names_of(options);
    const std::string protocol(algorithm_name(algorithm));
    const std::string owners = protocols_accepting(name.text, algorithm);
    const std::string list = "valid options for " + protocol + ": " + join_choices(valid);
    if (!owners.empty()) {
        fail(name, "option " + quoted(name.text) + " is for " + owners + ", not " + protocol +
                       " (" + list + ")");
    }
    fail(name, "unknown option " + quoted(name.text) + " for " + protocol +
                   did_you_mean(name.text, valid) + " (" + list + ")");
}

GivenOption read_option(const Token& word, Algorithm algorithm, const ClusterConfig& defaults) {
    const std::size_t equals = word.text.find('=');
    if (equals == std::string_view::npos || equals == 0) {
        fail(word,
             "expected an option like nodes=5 (no spaces around '='), got " + quoted(word.text));
    }
    const Token name = sub_token(word, 0, equals);
    const FoundOption spec = find_option(name, algorithm);
    const Token value = sub_token(word, equals + 1);
    // An empty node list gets its own message from parse_node_list.
    if (value.text.empty() && spec.kind != OptionKind::NodeList) {
        const std::optional<OptionValue> example =
            spec.common ? std::optional<OptionValue>() : get_option(defaults.protocol, spec.name);
        std::string like = std::string(spec.name) + "=";
        for (const auto& option : cluster_options()) {
            if (option.name == spec.name) {
                like += format_option_value(option.get(defaults));
            }
        }
        if (example) {
            like += format_option_value(*example);
        }
        if (spec.zoo) {
            like += protocol_bugs(algorithm).front().name;
        }
        fail(value, "option " + quoted(spec.name) + " needs a value, like " + like);
    }
    return GivenOption{spec, name, value};
}

std::uint64_t bounded_number(const Token& value, const FoundOption& option) {
    if (option.low == 0 && option.high == UINT64_MAX) {
        return parse_whole_number(value, "a " + std::string(option.name));
    }
    const std::string range = std::to_string(option.low) + ".." + std::to_string(option.high);
    const std::optional<std::uint64_t> number = parse_digits(value.text);
    if (!number || *number < option.low || *number > option.high) {
        fail(value, std::string(option.name) + " must be a whole number in " + range + ", got " +
                        quoted(value.text));
    }
    return *number;
}

// The value of `option` as `value` writes it, checked against its kind and
// bounds (a node list against the line's node count).
OptionValue parse_value(const FoundOption& option, const Token& value, NodeId nodes) {
    const std::string longer = " must be longer than 0, got " + quoted(value.text);
    switch (option.kind) {
        case OptionKind::OnOff:
            return parse_on_off(value);
        case OptionKind::Number:
            return bounded_number(value, option);
        case OptionKind::Duration: {
            const TimeUs duration = parse_duration(value);
            if (option.positive && duration <= 0) {
                fail(value, std::string(noun_of(option)) + longer);
            }
            return Duration{duration};
        }
        case OptionKind::DurationRange: {
            const DurationRange range = parse_duration_range(value);
            if (option.positive && range.min_us <= 0) {
                fail(value, std::string(noun_of(option)) + longer);
            }
            return range;
        }
        case OptionKind::Probability:
            return parse_probability(value);
        case OptionKind::NodeList:
            return parse_node_list(value, nodes, option.name);
    }
    return false;
}

// `bug=<name>`: a bug of the protocol's zoo, or none.
void apply_bug(ClusterConfig& config, const Token& value) {
    if (set_bug(config.protocol, value.text)) {
        return;
    }
    const Algorithm algorithm = *algorithm_of(config.protocol);
    std::vector<std::string_view> names;
    for (const BugInfo& bug : protocol_bugs(algorithm)) {
        names.push_back(bug.name);
    }
    fail(value, unknown_bug_message(algorithm, value.text, did_you_mean(value.text, names)));
}

void apply(ClusterConfig& config, const GivenOption& given) {
    if (given.spec.zoo) {
        apply_bug(config, given.value);
        return;
    }
    const OptionValue value =
        parse_value(given.spec, given.value, static_cast<NodeId>(config.nodes));
    if (!given.spec.common) {
        set_option(config.protocol, given.spec.name, value);
        return;
    }
    for (const auto& option : cluster_options()) {
        if (option.name == given.spec.name) {
            option.set(config, value);
        }
    }
}

Algorithm parse_algorithm_word(TokenCursor& cursor) {
    const std::string choices = algorithm_choices();
    const Token word = cursor.take("an algorithm after 'cluster': " + choices);
    if (const auto algorithm = parse_algorithm(word.text)) {
        return *algorithm;
    }
    std::vector<std::string_view> names;
    for (Algorithm algorithm : all_algorithms()) {
        names.push_back(algorithm_name(algorithm));
    }
    fail(word, "unknown algorithm " + quoted(word.text) + did_you_mean(word.text, names) +
                   " (expected " + choices + ")");
}

// A combination the protocol refuses: blamed on the first of its options the
// author wrote, else on the `cluster` word.
void check_combination(const ClusterConfig& config, const std::vector<GivenOption>& given,
                       const Token& command_word) {
    const auto problem = check_options(config.protocol);
    if (!problem) {
        return;
    }
    for (std::string_view blamed : problem->blame) {
        for (const GivenOption& option : given) {
            if (option.spec.name == blamed) {
                fail(option.value, problem->message);
            }
        }
    }
    fail(command_word, problem->message);
}

}  // namespace

// `1,2,3` or `all`, every id in 1..node_count, none twice; sorted.
std::vector<NodeId> parse_node_list(const Token& value, NodeId node_count, std::string_view role) {
    if (value.text.empty()) {
        fail(value, "the " + std::string(role) + " list is empty: name at least one node, like " +
                        std::string(role) + "=1,2 or " + std::string(role) + "=all");
    }
    if (value.text == "all") {
        return every_node(node_count);
    }
    std::vector<NodeId> nodes;
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

ClusterLine parse_cluster(TokenCursor& cursor, const Token& command_word) {
    ClusterLine line;
    line.pos = SourcePos{command_word.line, command_word.column};
    const Algorithm algorithm = parse_algorithm_word(cursor);
    line.config = default_cluster_config(algorithm);

    std::vector<GivenOption> given;
    while (!cursor.at_end()) {
        GivenOption option = read_option(cursor.take("an option"), algorithm, line.config);
        for (const GivenOption& earlier : given) {
            if (earlier.spec.name == option.spec.name) {
                fail(option.name, "option " + quoted(option.spec.name) +
                                      " is given twice (first at column " +
                                      std::to_string(earlier.name.column) + ")");
            }
        }
        given.push_back(option);
    }
    // `nodes` first: the node lists' checks depend on it.
    const auto is_nodes = [](const GivenOption& option) { return option.spec.name == "nodes"; };
    for (const GivenOption& option : given) {
        if (is_nodes(option)) {
            apply(line.config, option);
        }
    }
    for (const GivenOption& option : given) {
        if (!is_nodes(option) && !option.spec.zoo) {
            apply(line.config, option);
        }
    }
    for (const GivenOption& option : given) {
        if (option.spec.zoo) {
            apply(line.config, option);
        }
    }
    check_combination(line.config, given, command_word);
    return line;
}

}  // namespace quorum::scenario::internal
