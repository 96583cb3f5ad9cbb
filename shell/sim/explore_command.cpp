// quorum-sim explore FILE.qs [--bfs|--dfs|--random N] [--depth D] [--max-states N]
//                   [--max-crashes C] [--max-duplicates K] [--bug NAME|none] [--symmetry]
//                   [--out CE.qs]
// quorum-sim shrink TRACE.jsonl --out MIN.qs [--cluster-from FILE.qs]
//
// explore runs the whole scenario, then searches from the state it reached
// (quorum/explore/explorer.hpp) and prints one JSON line; a violation found
// is written as a scenario that replays it. shrink turns a failing trace into
// a 1-minimal scenario (quorum/explore/shrink.hpp). Exit codes as everywhere
// in quorum-sim: 0 nothing found (explore) or shrunk (shrink), 1 a violation
// (explore) or a trace that breaks nothing when replayed (shrink), 2 bad input.
#include "explore_command.hpp"

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <variant>

#include "quorum/explore/explorer.hpp"
#include "quorum/explore/shrink.hpp"
#include "quorum/json_escape.hpp"
#include "quorum/protocols.hpp"
#include "quorum/scenario/parser.hpp"
#include "quorum/scenario/runner.hpp"
#include "quorum/trace_reader.hpp"
#include "read_file.hpp"

namespace quorum::sim_cli {

namespace {

constexpr int kExitPassed = 0;
constexpr int kExitFailed = 1;
constexpr int kExitUsage = 2;

bool write_text(const std::string& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
    out.close();
    if (!out) {
        std::cerr << "quorum-sim: cannot write " << path << '\n';
        return false;
    }
    return true;
}

std::string node_array(const std::vector<NodeId>& nodes) {
    std::string text = "[";
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        text += (i == 0 ? "" : ",") + std::to_string(nodes[i]);
    }
    return text + "]";
}

// Where the search starts: the state the scenario reaches, and the text that
// reaches it (the counterexample's prefix).
struct Start {
    sim::Cluster cluster;
    std::string prefix;
};

// The text's lines before line `line` (1-based).
std::string lines_before(const std::string& text, int line) {
    std::size_t at = 0;
    for (int seen = 1; seen < line && at != std::string::npos; ++seen) {
        at = text.find('\n', at);
        at = at == std::string::npos ? at : at + 1;
    }
    return at == std::string::npos ? text : text.substr(0, at);
}

// The scenario run to its end, or to its first `expect violation` line (a
// lesson that breaks a rule on purpose: the search starts before it, and
// looks for the violation itself). Failures are bad input, except with
// `--bug` (the lesson told the story of its own bug; another protocol may
// leave that story: the search starts at the first line it does not bear
// out, with the state the lines before it reached).
std::optional<Start> start_state(const ExploreArguments& args, const std::string& text) {
    const std::string& file = args.file;
    scenario::ParseResult parsed = scenario::parse_scenario(text);
    if (!parsed.ok()) {
        std::cerr << scenario::format_error(file, parsed.error()) << '\n';
        return std::nullopt;
    }
    scenario::Scenario start = parsed.scenario();
    if (!args.bug.empty() && !set_bug(start.cluster.config.protocol, args.bug)) {
        std::cerr << "quorum-sim explore: --bug: "
                  << unknown_bug_message(*algorithm_of(start.cluster.config.protocol), args.bug)
                  << '\n';
        return std::nullopt;
    }
    start.cluster.config.trace = false;
    std::size_t end = start.statements.size();
    std::string prefix = text;
    for (std::size_t i = 0; i < start.statements.size(); ++i) {
        if (std::holds_alternative<scenario::ExpectViolation>(start.statements[i].command)) {
            end = i;
            prefix = lines_before(text, start.statements[i].pos.line);
            break;
        }
    }
    start.statements.resize(end);
    scenario::ScenarioRun run(std::move(start));
    sim::Cluster cluster = run.initial_cluster();
    while (!run.finished()) {
        run.step(cluster);
    }
    if (!run.passed() && !args.bug.empty()) {
        const scenario::SourcePos at = run.failure()->pos;
        std::cerr << "quorum-sim explore: " << file << ":" << at.line << ":" << at.column
                  << ": with --bug " << args.bug << " the run leaves the lesson here ("
                  << run.failure()->message << "): the search starts before this line\n";
        prefix = lines_before(text, at.line);
    } else if (!run.passed()) {
        std::cerr << scenario::describe_failure(file, run.report(cluster))
                  << "\nquorum-sim explore: the scenario must pass to its end (or to its first "
                     "'expect violation' line): the search starts there\n";
        return std::nullopt;
    }
    if (const Violation* violation = cluster.violation()) {
        std::cerr << "quorum-sim explore: " << file << ": the start state already breaks a rule ("
                  << violation->to_string() << "): there is nothing to search for\n";
        return std::nullopt;
    }
    return Start{std::move(cluster), std::move(prefix)};
}

}  // namespace

CLI::App* add_explore_command(CLI::App& app, ExploreArguments& args) {
    auto* command = app.add_subcommand(
        "explore", "search every run the scheduler's choices reach from a scenario's end state");
    command->add_option("file", args.file, "the scenario: the search starts where it ends")
        ->required();
    auto* bfs = command->add_flag("--bfs", args.bfs,
                                  "breadth-first: the shortest counterexample (default)");
    auto* dfs = command->add_flag("--dfs", args.dfs, "depth-first, down to --depth");
    auto* random =
        command
            ->add_option("--random", args.random_walks,
                         "N random walks of --depth steps (seeded by the scenario's seed)")
            ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{1'000'000'000}));
    bfs->excludes(dfs)->excludes(random);
    dfs->excludes(random);
    command->add_option("--depth", args.depth, "steps from the start state (default 12)")
        ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{10'000}));
    command
        ->add_option("--max-states", args.max_states,
                     "stop after this many states (default 1000000)")
        ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{1'000'000'000'000}));
    command->add_option("--max-crashes", args.max_crashes, "crashes along one path (default 0)")
        ->check(CLI::Range(0U, 100U));
    command
        ->add_option("--max-duplicates", args.max_duplicates,
                     "duplicate steps along one path (default 0)")
        ->check(CLI::Range(0U, 100U));
    command->add_option("--bug", args.bug,
                        "replace the file's bug= (none: the correct protocol); a line the run "
                        "then does not bear out ends the scenario there");
    command->add_flag("--symmetry", args.symmetry,
                      "take states that differ only by the nodes' names for one (Raft)");
    command->add_option("--out", args.out, "write the counterexample scenario here");
    return command;
}

int command_explore(const ExploreArguments& args) {
    const auto text = read_file(args.file);
    if (!text) {
        return kExitUsage;
    }
    const std::optional<Start> start = start_state(args, *text);
    if (!start) {
        return kExitUsage;
    }
    explore::Bounds bounds;
    bounds.search = args.dfs                ? explore::Search::DepthFirst
                    : args.random_walks > 0 ? explore::Search::RandomWalk
                                            : explore::Search::BreadthFirst;
    bounds.max_depth = static_cast<std::size_t>(args.depth);
    bounds.max_states = args.max_states;
    bounds.max_crashes = args.max_crashes;
    bounds.max_duplicates = args.max_duplicates;
    bounds.walks = args.random_walks;
    bounds.seed = start->cluster.config().seed;
    bounds.symmetry = args.symmetry;
    if (args.symmetry && !start->cluster.host().symmetric()) {
        std::cerr << "quorum-sim explore: --symmetry: the node ids of "
                  << algorithm_name(*algorithm_of(start->cluster.config().protocol))
                  << " are not interchangeable (its ballots order the nodes by id); only Raft's "
                     "are\n";
        return kExitUsage;
    }
    const auto began = std::chrono::steady_clock::now();
    const explore::Result result = explore::explore(start->cluster, bounds);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
    const double per_second =
        seconds > 0 ? static_cast<double>(result.progress.states) / seconds : 0.0;
    std::string violation = "null";
    if (result.found) {
        const Violation& v = result.found->violation;
        violation = "{\"rule\":" + json_string(v.rule) + ",\"nodes\":" + node_array(v.nodes) +
                    ",\"steps\":" + std::to_string(result.found->path.size()) +
                    ",\"details\":" + json_string(v.details) + "}";
    }
    std::printf(
        "{\"search\":\"%s\",\"states\":%llu,\"unique\":%llu,\"depth\":%llu,\"states_per_s\":%.0f,"
        "\"complete\":%s,\"visited_bytes\":%llu,\"violation\":%s}\n",
        std::string(explore::search_name(bounds.search)).c_str(),
        static_cast<unsigned long long>(result.progress.states),
        static_cast<unsigned long long>(result.progress.unique),
        static_cast<unsigned long long>(result.progress.depth), per_second,
        result.complete ? "true" : "false", static_cast<unsigned long long>(result.visited_bytes),
        violation.c_str());
    std::fflush(stdout);
    if (!result.found) {
        return kExitPassed;
    }
    std::string prefix = start->prefix;
    if (!args.bug.empty()) {
        prefix += "# Explored with --bug " + args.bug + ": replay with quorum-sim run --bug " +
                  args.bug + ".\n";
    }
    if (!args.out.empty() &&
        !write_text(args.out, explore::counterexample_scenario(prefix, *result.found))) {
        return kExitUsage;
    }
    return kExitFailed;
}

CLI::App* add_shrink_command(CLI::App& app, ShrinkArguments& args) {
    auto* command = app.add_subcommand(
        "shrink", "shrink a failing trace to a 1-minimal scenario that breaks the same rule");
    command->add_option("trace", args.trace, "the failing trace (JSON lines)")->required();
    command->add_option("--out", args.out, "write the minimal scenario here")->required();
    command->add_option("--cluster-from", args.cluster_from,
                        "take the cluster and set-up lines from this scenario (the trace keeps "
                        "only the protocol, size and seed)");
    return command;
}

namespace {

// The cluster line and the set-up lines (log, state) of a scenario file.
std::optional<std::string> head_of(const std::string& file) {
    const auto text = read_file(file);
    if (!text) {
        return std::nullopt;
    }
    const scenario::ParseResult parsed = scenario::parse_scenario(*text);
    if (!parsed.ok()) {
        std::cerr << scenario::format_error(file, parsed.error()) << '\n';
        return std::nullopt;
    }
    std::string head;
    std::istringstream lines(*text);
    std::string line;
    bool seen_cluster = false;
    while (std::getline(lines, line)) {
        const std::size_t first = line.find_first_not_of(" \t\r");
        const std::string word =
            first == std::string::npos
                ? ""
                : line.substr(first, line.find_first_of(" \t\r#", first) - first);
        if (word.empty() || line[first] == '#') {
            continue;
        }
        if (word == "cluster" || (seen_cluster && (word == "log" || word == "state"))) {
            seen_cluster = true;
            head += line + "\n";
            continue;
        }
        break;
    }
    return head;
}

}  // namespace

int command_shrink(const ShrinkArguments& args) {
    const auto text = read_file(args.trace);
    if (!text) {
        return kExitUsage;
    }
    const trace::TraceReadResult read = trace::read_trace(*text);
    if (!read.ok()) {
        std::cerr << json::format_error(args.trace, read.error()) << '\n';
        return kExitUsage;
    }
    std::string head;
    if (!args.cluster_from.empty()) {
        const auto found = head_of(args.cluster_from);
        if (!found) {
            return kExitUsage;
        }
        head = *found;
    }
    const explore::ReplayOfTrace made = explore::replay_of_trace(*text, head);
    if (!made.replay) {
        std::cerr << "quorum-sim shrink: " << args.trace << ": " << made.error << '\n';
        return kExitUsage;
    }
    const explore::Replay& replay = *made.replay;
    const std::optional<std::string> rule = explore::first_violation(replay);
    if (!rule) {
        std::cerr << "quorum-sim shrink: " << args.trace << ": replayed (" << replay.steps.size()
                  << " steps), it breaks no rule: nothing to shrink (a trace of a run that "
                     "passed, a liveness failure, or a run whose options the trace does not "
                     "carry: try --cluster-from)\n";
        return kExitFailed;
    }
    if (!explore::still_fails(replay, replay.steps, *rule)) {
        std::cerr << "quorum-sim shrink: " << args.trace << ": replayed, it breaks '" << *rule
                  << "' but also something else first: nothing to shrink\n";
        return kExitFailed;
    }
    const explore::Shrunk shrunk = explore::shrink(replay, *rule);
    std::string scenario = "# Shrunk by quorum-sim shrink from " + args.trace + ": " +
                           std::to_string(shrunk.steps.size()) + " of " +
                           std::to_string(replay.steps.size()) + " steps still break " + *rule +
                           ".\n";
    scenario += explore::replay_scenario(replay, shrunk.steps, *rule, shrunk.timed);
    if (!write_text(args.out, scenario)) {
        return kExitUsage;
    }
    std::printf("{\"rule\":%s,\"steps\":%llu,\"from\":%llu,\"runs\":%llu,\"out\":%s}\n",
                json_string(*rule).c_str(), static_cast<unsigned long long>(shrunk.steps.size()),
                static_cast<unsigned long long>(replay.steps.size()),
                static_cast<unsigned long long>(shrunk.runs), json_string(args.out).c_str());
    return kExitPassed;
}

void shrink_beside(const std::string& trace_path, const std::vector<std::string>& trace,
                   const std::string& options) {
    constexpr std::uint64_t kMaxRuns = 5000;
    std::string text;
    for (const std::string& line : trace) {
        text += line + "\n";
    }
    explore::ReplayOfTrace made = explore::replay_of_trace(text);
    if (!made.replay) {
        std::cerr << "  shrunk: no (" << made.error << ")\n";
        return;
    }
    explore::Replay& replay = *made.replay;
    replay.head.insert(replay.head.size() - 1, options);  // before its newline
    const std::optional<std::string> rule = explore::first_violation(replay);
    if (!rule || !explore::still_fails(replay, replay.steps, *rule)) {
        std::cerr << "  shrunk: no (the trace's steps, replayed by hand, break no rule: a "
                     "liveness failure, or one that needs a client's retry)\n";
        return;
    }
    const explore::Shrunk shrunk = explore::shrink(replay, *rule, kMaxRuns);
    std::string path = trace_path;
    if (path.size() > 6 && path.ends_with(".jsonl")) {
        path.resize(path.size() - 6);
    }
    path += ".qs";
    const std::string scenario =
        "# Shrunk by quorum-sim fuzz from " + trace_path + ": " +
        std::to_string(shrunk.steps.size()) + " of " + std::to_string(replay.steps.size()) +
        " steps still break " + *rule + (shrunk.minimal ? "" : " (not 1-minimal: out of runs)") +
        ".\n" + explore::replay_scenario(replay, shrunk.steps, *rule, shrunk.timed);
    if (write_text(path, scenario)) {
        std::cerr << "  shrunk: " << path << " (" << shrunk.steps.size() << " of "
                  << replay.steps.size() << " steps)\n";
    }
}

}  // namespace quorum::sim_cli
