// A cluster as a person sets it up: the dashboard's Setup panel, the page's
// reset command and the record the workers runner saves all carry one
// SetupOptions, and make_config() turns it into the quorum::ClusterConfig it
// stands for. A library of its own, with no ImGui and no dashboard code,
// because the page's node workers build their node from the same setup, sent
// to them as JSON (shell/worker).
//
// Protocol options are not fields here: each protocol's config is held whole
// (quorum/cluster_config.hpp) and its options are reached through its option
// table (quorum/protocols.hpp), so a default is the protocol's own and a new
// option needs no change here.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "quorum/cluster_config.hpp"
#include "quorum/protocols.hpp"

namespace quorum::setup {

// Where the nodes live (docs/design.md, "One scheduler, several runners").
enum class Runner { InProcess, Workers };
const char* runner_name(Runner runner);  // "in-process", "workers"

struct SetupOptions {
    // A cluster of the first registered protocol as its defaults make it
    // (default_cluster_config), every other protocol's config at its defaults.
    SetupOptions();

    Algorithm algorithm;
    int nodes;
    std::uint64_t seed;
    // Every protocol's config, by Algorithm: switching the protocol back and
    // forth keeps the options chosen for each.
    std::vector<ProtocolConfig> protocols;
    Runner runner = Runner::InProcess;
    // The workers runner keeps each cluster in IndexedDB under its name.
    std::string cluster_name = "default";

    // The config of `algorithm`, the protocol the cluster runs.
    const ProtocolConfig& protocol() const;
    ProtocolConfig& protocol();

    friend bool operator==(const SetupOptions&, const SetupOptions&) = default;
};

ClusterConfig make_config(const SetupOptions& setup);

// {"algorithm":<registry name>,"nodes":5,"seed":1,"runner":"workers",
//  "cluster":"default",...}: the cluster's keys, then each on/off and number
// option of the chosen protocol under its option table's name.
std::string setup_to_json(const SetupOptions& setup);
// Keys that are absent keep `base`'s value. An option's key is its name in
// any letter case ("preVote" is "prevote"), and it sets that option in every
// protocol that has it; keys that name nothing are ignored. Anything
// malformed (wrong type, unknown algorithm or runner, nodes out of 1..9, an
// option out of its bounds, a cluster name that is empty, too long or not
// [A-Za-z0-9_-]) is refused with the reason in `error`.
std::optional<SetupOptions> setup_from_json(const std::string& text, const SetupOptions& base,
                                            std::string& error);

}  // namespace quorum::setup
