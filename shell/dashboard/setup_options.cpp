#include "setup_options.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace quorum::dashboard {

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

std::optional<sim::Algorithm> algorithm_named(const std::string& name) {
    for (const auto algorithm :
         {sim::Algorithm::Raft, sim::Algorithm::Paxos, sim::Algorithm::MultiPaxos}) {
        if (name == sim::algorithm_name(algorithm)) {
            return algorithm;
        }
    }
    return std::nullopt;
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

}  // namespace

const char* runner_name(Runner runner) {
    return runner == Runner::Workers ? "workers" : "in-process";
}

sim::ClusterConfig make_config(const SetupOptions& setup) {
    sim::ClusterConfig config;
    config.algorithm = setup.algorithm;
    config.nodes = static_cast<std::size_t>(std::clamp(setup.nodes, 1, int{kMaxNodes}));
    config.seed = setup.seed;
    config.raft.pre_vote = setup.pre_vote;
    config.raft.check_quorum = setup.check_quorum;
    config.paxos.backoff = setup.backoff;
    config.record_node_inputs = setup.runner == Runner::Workers;
    return config;
}

std::string setup_to_json(const SetupOptions& setup) {
    return json{{"algorithm", sim::algorithm_name(setup.algorithm)},
                {"nodes", setup.nodes},
                {"seed", setup.seed},
                {"preVote", setup.pre_vote},
                {"checkQuorum", setup.check_quorum},
                {"backoff", setup.backoff},
                {"runner", runner_name(setup.runner)},
                {"cluster", setup.cluster_name}}
        .dump();
}

std::optional<SetupOptions> setup_from_json(const std::string& text, const SetupOptions& base,
                                            std::string& error) {
    const json object = json::parse(text, nullptr, false);
    if (object.is_discarded() || !object.is_object()) {
        error = "not a JSON object";
        return std::nullopt;
    }
    SetupOptions setup = base;
    std::string algorithm = sim::algorithm_name(setup.algorithm);
    std::string runner = runner_name(setup.runner);
    if (!read(object, "algorithm", algorithm, error) ||
        !read(object, "nodes", setup.nodes, error) || !read(object, "seed", setup.seed, error) ||
        !read(object, "preVote", setup.pre_vote, error) ||
        !read(object, "checkQuorum", setup.check_quorum, error) ||
        !read(object, "backoff", setup.backoff, error) || !read(object, "runner", runner, error) ||
        !read(object, "cluster", setup.cluster_name, error)) {
        return std::nullopt;
    }
    const auto named = algorithm_named(algorithm);
    if (!named) {
        error = "unknown algorithm \"" + algorithm + "\" (raft, paxos, multipaxos)";
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

}  // namespace quorum::dashboard
