// What the Setup panel edits, and the cluster configuration it stands for.
// A library of its own (no ImGui) because the node workers build their node
// from the same options: the page sends them as JSON, the worker turns them
// into the same sim::ClusterConfig with make_config().
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "quorum/sim/cluster.hpp"

namespace quorum::dashboard {

// Where the nodes live (DESIGN.md, "One scheduler, several runners").
enum class Runner { InProcess, Workers };
const char* runner_name(Runner runner);  // "in-process", "workers"

struct SetupOptions {
    sim::Algorithm algorithm = sim::Algorithm::Raft;
    int nodes = 5;
    std::uint64_t seed = 1;
    bool pre_vote = true;
    bool check_quorum = true;
    bool backoff = true;  // Paxos proposers' randomized backoff
    Runner runner = Runner::InProcess;
    // The workers runner keeps each cluster in IndexedDB under its name.
    std::string cluster_name = "default";

    friend bool operator==(const SetupOptions&, const SetupOptions&) = default;
};

sim::ClusterConfig make_config(const SetupOptions& setup);

// {"algorithm":"raft","nodes":5,"seed":1,"preVote":true,"checkQuorum":true,
//  "backoff":true,"runner":"workers","cluster":"default"}
std::string setup_to_json(const SetupOptions& setup);
// Keys that are absent keep `base`'s value; anything malformed (wrong type,
// unknown algorithm or runner, nodes out of 1..9, a cluster name that is
// empty, too long or not [A-Za-z0-9_-]) is refused with the reason in `error`.
std::optional<SetupOptions> setup_from_json(const std::string& text, const SetupOptions& base,
                                            std::string& error);

}  // namespace quorum::dashboard
