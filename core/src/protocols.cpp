// The registry's functions (quorum/protocols.hpp), and the hosts that are
// built for a protocol by name: the simulator's.
#include "quorum/protocols.hpp"

#include <algorithm>
#include <array>
#include <memory>

#include "quorum/sim/nodes.hpp"

namespace quorum {

namespace {

constexpr std::array<Algorithm, kProtocolCount> kAlgorithms = {Algorithm::Raft, Algorithm::Paxos,
                                                               Algorithm::MultiPaxos};

}  // namespace

std::string_view algorithm_name(Algorithm algorithm) {
    return with_protocol(algorithm, []<Protocol P>() { return std::string_view(P::kName); });
}

std::span<const Algorithm> all_algorithms() {
    return kAlgorithms;
}

std::optional<Algorithm> parse_algorithm(std::string_view name) {
    for (Algorithm algorithm : kAlgorithms) {
        if (algorithm_name(algorithm) == name) {
            return algorithm;
        }
    }
    return std::nullopt;
}

std::string algorithm_choices() {
    std::string text;
    for (std::size_t i = 0; i < kAlgorithms.size(); ++i) {
        text += i == 0 ? "" : (i + 1 == kAlgorithms.size() ? " or " : ", ");
        text += algorithm_name(kAlgorithms[i]);
    }
    return text;
}

ProtocolConfig default_protocol_config(Algorithm algorithm) {
    return with_protocol(algorithm, []<Protocol P>() { return protocol_config<P>(); });
}

std::optional<Algorithm> algorithm_of(const ProtocolConfig& protocol) {
    if (protocol.empty()) {
        return std::nullopt;
    }
    return parse_algorithm(protocol.protocol());
}

ClusterConfig default_cluster_config(Algorithm algorithm) {
    return with_protocol(algorithm, []<Protocol P>() {
        ClusterConfig config = ClusterConfig::of<P>();
        config.nodes = P::kDefaultNodes;
        return config;
    });
}

std::vector<OptionInfo> protocol_options(Algorithm algorithm) {
    return with_protocol(algorithm, []<Protocol P>() {
        std::vector<OptionInfo> infos;
        for (const auto& option : P::options()) {
            infos.push_back({option.name, option.kind, option.meaning, option.low, option.high,
                             option.positive});
        }
        return infos;
    });
}

namespace {

// Calls visit(config, option) for the option `name` of the config's
// protocol; false if there is none.
template <typename Config, typename Visit>
bool with_option(Config& protocol, std::string_view name, Visit&& visit) {
    const auto algorithm = algorithm_of(protocol);
    if (!algorithm) {
        return false;
    }
    return with_protocol(*algorithm, [&]<Protocol P>() {
        auto* config = protocol.template get<typename P::Node::Config>();
        for (const auto& option : P::options()) {
            if (option.name == name && config != nullptr) {
                visit(*config, option);
                return true;
            }
        }
        return false;
    });
}

bool is_of_kind(const OptionValue& value, OptionKind kind) {
    switch (kind) {
        case OptionKind::OnOff:
            return std::holds_alternative<bool>(value);
        case OptionKind::Number:
            return std::holds_alternative<std::uint64_t>(value);
        case OptionKind::Duration:
            return std::holds_alternative<Duration>(value);
        case OptionKind::DurationRange:
            return std::holds_alternative<DurationRange>(value);
        case OptionKind::Probability:
            return std::holds_alternative<PartsPerMillion>(value);
        case OptionKind::NodeList:
            return std::holds_alternative<std::vector<NodeId>>(value);
    }
    return false;
}

}  // namespace

std::optional<OptionValue> get_option(const ProtocolConfig& protocol, std::string_view name) {
    std::optional<OptionValue> value;
    with_option(protocol, name,
                [&](const auto& config, const auto& option) { value = option.get(config); });
    return value;
}

bool set_option(ProtocolConfig& protocol, std::string_view name, const OptionValue& value) {
    bool set = false;
    with_option(protocol, name, [&](auto& config, const auto& option) {
        if (is_of_kind(value, option.kind)) {
            option.set(config, value);
            set = true;
        }
    });
    return set;
}

std::optional<OptionProblem> check_options(const ProtocolConfig& protocol) {
    const auto algorithm = algorithm_of(protocol);
    if (!algorithm) {
        return std::nullopt;
    }
    return with_protocol(*algorithm, [&]<Protocol P>() {
        return P::check_options(*protocol.get<typename P::Node::Config>());
    });
}

std::vector<BugInfo> protocol_bugs(Algorithm algorithm) {
    return with_protocol(algorithm, []<Protocol P>() {
        std::vector<BugInfo> infos;
        for (const auto& bug : P::bugs()) {
            infos.push_back({bug.name, bug.breaks, P::Checker::rules()[bug.rule].name});
        }
        return infos;
    });
}

bool set_bug(ProtocolConfig& protocol, std::string_view name) {
    const auto algorithm = algorithm_of(protocol);
    if (!algorithm) {
        return false;
    }
    return with_protocol(*algorithm, [&]<Protocol P>() {
        auto* config = protocol.template get<typename P::Node::Config>();
        const auto bugs = P::bugs();
        const bool known =
            name == kNoBug ||
            std::any_of(bugs.begin(), bugs.end(), [&](const auto& b) { return b.name == name; });
        if (config == nullptr || !known) {
            return false;
        }
        for (const auto& bug : bugs) {
            config->faults.*bug.fault = bug.name == name;
        }
        return true;
    });
}

std::optional<std::string_view> bug_of(const ProtocolConfig& protocol) {
    const auto algorithm = algorithm_of(protocol);
    if (!algorithm) {
        return std::nullopt;
    }
    return with_protocol(*algorithm, [&]<Protocol P>() -> std::optional<std::string_view> {
        const auto* config = protocol.template get<typename P::Node::Config>();
        for (const auto& bug : P::bugs()) {
            if (config != nullptr && config->faults.*bug.fault) {
                return bug.name;
            }
        }
        return std::nullopt;
    });
}

namespace {

// "a, b or c".
std::string joined(const std::vector<std::string_view>& words) {
    std::string text;
    for (std::size_t i = 0; i < words.size(); ++i) {
        text += i == 0 ? "" : (i + 1 == words.size() ? " or " : ", ");
        text += words[i];
    }
    return text;
}

}  // namespace

std::string unknown_bug_message(Algorithm algorithm, std::string_view name, std::string_view hint) {
    const std::string protocol(algorithm_name(algorithm));
    std::vector<std::string_view> names;
    for (const BugInfo& bug : protocol_bugs(algorithm)) {
        names.push_back(bug.name);
    }
    const std::string list = "bugs of " + protocol + ": " + joined(names) + "; or none";
    std::vector<std::string_view> owners;
    for (Algorithm other : kAlgorithms) {
        for (const BugInfo& bug : protocol_bugs(other)) {
            if (other != algorithm && bug.name == name) {
                owners.push_back(algorithm_name(other));
            }
        }
    }
    const std::string quoted = "'" + std::string(name) + "'";
    if (!owners.empty()) {
        return "bug " + quoted + " is for " + joined(owners) + ", not " + protocol + " (" + list +
               ")";
    }
    return "unknown bug " + quoted + " for " + protocol + std::string(hint) + " (" + list + ")";
}

}  // namespace quorum

namespace quorum::sim {

std::unique_ptr<NodeHost> make_node_host(const ClusterConfig& config) {
    const auto algorithm = algorithm_of(config.protocol);
    if (!algorithm) {
        return nullptr;
    }
    return with_protocol(*algorithm, [&]<Protocol P>() -> std::unique_ptr<NodeHost> {
        return std::make_unique<Nodes<P>>(config);
    });
}

}  // namespace quorum::sim
