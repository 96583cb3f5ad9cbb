// quorum-sim explore and quorum-sim shrink (docs/scenarios.md, "quorum-sim
// explore" and "quorum-sim shrink"): the explorer and the shrinker of the core
// (quorum/explore/) on the command line.
#pragma once

#include <CLI/CLI.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace quorum::sim_cli {

struct ExploreArguments {
    std::string file;
    bool bfs = false;
    bool dfs = false;
    std::uint64_t random_walks = 0;
    std::uint64_t depth = 12;
    std::uint64_t max_states = 1'000'000;
    std::uint32_t max_crashes = 0;
    std::uint32_t max_duplicates = 0;
    std::string bug;  // empty: the file's
    bool symmetry = false;
    std::string out;
};

struct ShrinkArguments {
    std::string trace;
    std::string out;
    std::string cluster_from;
};

CLI::App* add_explore_command(CLI::App& app, ExploreArguments& args);
CLI::App* add_shrink_command(CLI::App& app, ShrinkArguments& args);
int command_explore(const ExploreArguments& args);
int command_shrink(const ShrinkArguments& args);

// The fuzzer's failing seed, its trace written to `trace_path`: shrinks it
// (at most a few thousand runs) and writes the scenario beside it, with .qs
// for .jsonl. `options`: cluster options the trace does not carry
// (" prevote=off checkquorum=on"). Prints where it went, or why not.
void shrink_beside(const std::string& trace_path, const std::vector<std::string>& trace,
                   const std::string& options);

}  // namespace quorum::sim_cli
