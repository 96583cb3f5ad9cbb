#include "setup.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace quorum::setup {

namespace {

using nlohmann::json;

constexpr std::size_t kMaxClusterName = 40;

bool valid_cluster_name(const std::string& name) {
    return !name.empty() && name.size() <= kMaxClusterName &&
           std::all_of(name.begin(), name.end(), [](char c) {
               return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '_' || c == '-';
           });
}

std::size_t index_of(Algorithm algorithm) {
    return static_cast<std::size_t>(algorithm);
}

// Reads `key` into `into` if present; false (and `error`) when it has the wrong type.
template <typename T>
bool read(const json& object, const char* key, T& into, std::string& error) {
    if (!object.contains(key)) {
        return true;
    }
    try {
        into = object.at(key).get<T>();
        return true;
    } catch (const json::exception&) {
        error = std::string("\"") + key + "\" has the wrong type";
        return false;
    }
}

// The options a JSON value can carry as it is: on/off as a boolean, a number
// as a number. The others (durations, node lists) are set by scenarios.
bool in_json(const OptionInfo& option) {
    return option.kind == OptionKind::OnOff || option.kind == OptionKind::Number;
}

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) {
        return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    });
    return text;
}

// The value of `key` for `option`, or nothing (and `error`) if it is not one.
std::optional<OptionValue> option_value(const std::string& key, const json& value,
                                        const OptionInfo& option, std::string& error) {
    if (option.kind == OptionKind::OnOff) {
        if (!value.is_boolean()) {
            error = "\"" + key + "\" has the wrong type";
            return std::nullopt;
        }
        return OptionValue(value.get<bool>());
    }
    if (!value.is_number_unsigned() || value.get<std::uint64_t>() < option.low ||
        value.get<std::uint64_t>() > option.high) {
        error = "\"" + key + "\" must be " + std::to_string(option.low) + " to " +
                std::to_string(option.high);
        return std::nullopt;
    }
    return OptionValue(value.get<std::uint64_t>());
}

// Sets every protocol's option named like `key`; false (and `error`) if the
// value does not fit the option.
bool read_option(const std::string& key, const json& value, SetupOptions& setup,
                 std::string& error) {
    const std::string name = lower(key);
    for (const Algorithm algorithm : all_algorithms()) {
        for (const OptionInfo& option : protocol_options(algorithm)) {
            if (option.name != name || !in_json(option)) {
                continue;
            }
            const auto parsed = option_value(key, value, option, error);
            if (!parsed) {
                return false;
            }
            set_option(setup.protocols[index_of(algorithm)], option.name, *parsed);
        }
    }
    return true;
}

json option_json(const OptionValue& value) {
    if (const bool* on = std::get_if<bool>(&value)) {
        return *on;
    }
    return std::get<std::uint64_t>(value);
}

std::string algorithm_list() {
    std::string names;
    for (const Algorithm algorithm : all_algorithms()) {
        names += (names.empty() ? "" : ", ") + std::string(algorithm_name(algorithm));
    }
    return names;
}

}  // namespace

const char* runner_name(Runner runner) {
    return runner == Runner::Workers ? "workers" : "in-process";
}

SetupOptions::SetupOptions() : algorithm(all_algorithms().front()) {
    const ClusterConfig defaults = default_cluster_config(algorithm);
    nodes = static_cast<int>(defaults.nodes);
    seed = defaults.seed;
    for (const Algorithm each : all_algorithms()) {
        protocols.push_back(default_protocol_config(each));
    }
}

const ProtocolConfig& SetupOptions::protocol() const {
    return protocols.at(index_of(algorithm));
}

ProtocolConfig& SetupOptions::protocol() {
    return protocols.at(index_of(algorithm));
}

ClusterConfig make_config(const SetupOptions& setup) {
    ClusterConfig config = default_cluster_config(setup.algorithm);
    config.protocol = setup.protocol();
    config.nodes = static_cast<std::size_t>(std::clamp(setup.nodes, 1, int{kMaxNodes}));
    config.seed = setup.seed;
    config.record_node_inputs = setup.runner == Runner::Workers;
    return config;
}

std::string setup_to_json(const SetupOptions& setup) {
    json object{{"algorithm", algorithm_name(setup.algorithm)},
                {"nodes", setup.nodes},
                {"seed", setup.seed},
                {"runner", runner_name(setup.runner)},
                {"cluster", setup.cluster_name}};
    for (const OptionInfo& option : protocol_options(setup.algorithm)) {
        if (in_json(option)) {
            object[std::string(option.name)] =
                option_json(*get_option(setup.protocol(), option.name));
        }
    }
    return object.dump();
}

std::optional<SetupOptions> setup_from_json(const std::string& text, const SetupOptions& base,
                                            std::string& error) {
    const json object = json::parse(text, nullptr, false);
    if (object.is_discarded() || !object.is_object()) {
        error = "not a JSON object";
        return std::nullopt;
    }
    SetupOptions setup = base;
    std::string algorithm(algorithm_name(setup.algorithm));
    std::string runner = runner_name(setup.runner);
    if (!read(object, "algorithm", algorithm, error) ||
        !read(object, "nodes", setup.nodes, error) || !read(object, "seed", setup.seed, error) ||
        !read(object, "runner", runner, error) ||
        !read(object, "cluster", setup.cluster_name, error)) {
        return std::nullopt;
    }
    for (const auto& [key, value] : object.items()) {
        if (!read_option(key, value, setup, error)) {
            return std::nullopt;
        }
    }
    const auto named = parse_algorithm(algorithm);
    if (!named) {
        error = "unknown algorithm \"" + algorithm + "\" (" + algorithm_list() + ")";
        return std::nullopt;
    }
    setup.algorithm = *named;
    if (runner != "in-process" && runner != "workers") {
        error = "unknown runner \"" + runner + "\" (in-process, workers)";
        return std::nullopt;
    }
    setup.runner = runner == "workers" ? Runner::Workers : Runner::InProcess;
    if (setup.nodes < 1 || setup.nodes > static_cast<int>(kMaxNodes)) {
        error = "nodes must be 1 to " + std::to_string(kMaxNodes);
        return std::nullopt;
    }
    if (!valid_cluster_name(setup.cluster_name)) {
        error = "a cluster name is 1 to 40 letters, digits, '-' or '_'";
        return std::nullopt;
    }
    return setup;
}

}  // namespace quorum::setup
