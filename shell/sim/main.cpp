// quorum-sim: the simulator on the command line (docs/scenarios.md).
//
//   quorum-sim run FILE.qs [--seed S | --seeds A..B] [--trace OUT.jsonl]
//                          [--history OUT.jsonl] [--bug NAME|none] [--quiet]
//
// Exit codes: 0 every expectation held and no invariant broke; 1 an
// expectation failed or an invariant broke (the message names the line, the
// condition, the seed and the virtual time); 2 the script or the arguments are
// wrong (file:line:col: message), and nothing ran.
//
// With --seeds, the file runs once per seed; --trace and --history then write
// one file per seed, OUT with ".seed<N>" before its extension. --bug NAME
// replaces the cluster line's `bug=` (the bug zoo); `--bug none` runs the
// lesson on the correct protocol.
//
//   quorum-sim fuzz --algo <protocol> --nodes N --seeds A..B --steps K
//                   [--faults crash,partition,loss,dup,reorder] [--prevote on|off]
//                   [--checkquorum on|off] [--bug NAME] [--trace-failures DIR] [--quiet]
//                   [--digest]
//
// Swarm testing (core/include/quorum/sim/fuzz.hpp): each seed draws its own
// fault mix (and, for a protocol with roles, its role layout), runs a safety
// phase with faults, then a liveness phase with them healed. A failing seed
// prints the command line that reproduces it alone and, with
// --trace-failures, writes its trace to DIR/<algo>-seed<N>.jsonl. --prevote
// and --checkquorum set the protocol's options of those names (quorum/options.hpp);
// a protocol without them ignores them. --bug switches on a bug of the
// protocol's zoo (quorum/bug.hpp). --digest prints every seed's summary
// and a hash of its whole trace (tests/determinism/same_runs.sh).
//
//   quorum-sim bench --algo <protocol> --nodes 5 --seconds S [--seed N] [--no-check]
//                    [--warmup W]
//
// Simulates S virtual seconds of a cluster with a client put every 10 ms and
// no faults (every node in every role), and prints one JSON line: events,
// messages_delivered, commits, wall_s, events_per_s, messages_per_s. Only a
// protocol whose clients write keys has a steady load to serve. The invariant
// checkers run after every event, as everywhere else, unless --no-check.
// --warmup W first runs the same workload for W virtual seconds, untimed and
// thrown away, so the timed run finds the code compiled and the heap grown:
// the steady state, as Google Benchmark measures it. Without it (the default)
// the timed run is the process's first: in wasm under node, V8 compiles each
// function on its first call and optimizes the hot ones in the background
// meanwhile, which costs a 100 s run about 0.1 s.
//
//   quorum-sim check TRACE.jsonl [--history HISTORY.jsonl] [--quiet]
//
// Reads a trace (and a client history) in the formats of docs/scenarios.md, whoever
// wrote it: `run --trace`, `fuzz --trace-failures`, the dashboard, a text
// editor. Both files are read and validated whole before anything is checked
// (quorum/trace_reader.hpp, quorum/history_json.hpp): a line that is not JSON,
// lacks `t` or `ev`, goes back in time or has a field of the wrong type is
// `file:line:col: message` and exit code 2. Then the trace checkers run
// (quorum/check/trace_checks.hpp: election safety from `role` lines, state
// machine safety from `apply` lines, one value chosen per instance from
// `chosen` lines) and, with --history, the linearizability checker. Exit 0:
// no rule broken (a history too large for the checker's budget is reported
// as inconclusive, and is not a violation); 1: a rule broken, named with the
// nodes, the term or index, the time and `file:line` of the offending line.
#include <CLI/CLI.hpp>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>

#include "explore_command.hpp"
#include "heap.hpp"
#include "quorum/check/linearizability.hpp"
#include "quorum/check/trace_checks.hpp"
#include "quorum/history_json.hpp"
#include "quorum/protocols.hpp"
#include "quorum/scenario/parser.hpp"
#include "quorum/scenario/runner.hpp"
#include "quorum/sim/bench.hpp"
#include "quorum/sim/fuzz.hpp"
#include "quorum/trace_reader.hpp"
#include "read_file.hpp"

namespace {

using quorum::scenario::RunReport;

constexpr int kExitPassed = 0;
constexpr int kExitFailed = 1;
constexpr int kExitUsage = 2;

struct SeedRange {
    std::uint64_t first = 0;
    std::uint64_t last = 0;
};

struct RunArguments {
    std::string file;
    std::optional<std::uint64_t> seed;
    std::string seeds;  // "A..B"
    std::string trace_path;
    std::string history_path;
    std::string bug;  // empty: the file's
    bool quiet = false;
};

std::optional<SeedRange> parse_seed_range(const std::string& text) {
    const auto dots = text.find("..");
    if (dots == std::string::npos) {
        return std::nullopt;
    }
    try {
        std::size_t used_first = 0, used_last = 0;
        const std::string first = text.substr(0, dots), last = text.substr(dots + 2);
        SeedRange range{std::stoull(first, &used_first), std::stoull(last, &used_last)};
        if (used_first != first.size() || used_last != last.size() || range.first > range.last ||
            first.empty() || last.empty() || first[0] == '-' || last[0] == '-') {
            return std::nullopt;
        }
        return range;
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

// OUT.jsonl -> OUT.seed7.jsonl
std::string per_seed_path(const std::string& path, std::uint64_t seed) {
    const auto dot = path.find_last_of('.');
    const auto slash = path.find_last_of('/');
    const bool has_extension =
        dot != std::string::npos && (slash == std::string::npos || dot > slash);
    const std::string suffix = ".seed" + std::to_string(seed);
    return has_extension ? path.substr(0, dot) + suffix + path.substr(dot) : path + suffix;
}

bool write_lines(const std::string& path, const auto& lines, const auto& to_line) {
    std::ofstream out(path);
    for (const auto& line : lines) {
        out << to_line(line) << '\n';
    }
    out.close();
    if (!out) {
        std::cerr << "quorum-sim: cannot write " << path << '\n';
        return false;
    }
    return true;
}

bool write_outputs(const RunArguments& args, const RunReport& report, bool per_seed) {
    bool ok = true;
    if (!args.trace_path.empty()) {
        const auto path = per_seed ? per_seed_path(args.trace_path, report.seed) : args.trace_path;
        ok &= write_lines(path, report.trace, [](const std::string& line) { return line; });
    }
    if (!args.history_path.empty()) {
        const auto path =
            per_seed ? per_seed_path(args.history_path, report.seed) : args.history_path;
        ok &= write_lines(path, report.history, [](const quorum::ClientOperation& op) {
            return quorum::to_json_line(op);
        });
    }
    return ok;
}

void print_result(const RunArguments& args, const RunReport& report) {
    if (!report.passed()) {
        std::cerr << quorum::scenario::describe_failure(args.file, report) << '\n';
    } else if (!args.quiet) {
        std::cout << "ok " << args.file << " seed " << report.seed
                  << " t=" << quorum::format_time(report.time_us) << " events " << report.events
                  << " messages " << report.messages << '\n';
    }
}

int command_run(const RunArguments& args) {
    std::ifstream in(args.file);
    if (!in) {
        std::cerr << "quorum-sim: cannot read " << args.file << '\n';
        return kExitUsage;
    }
    std::stringstream text;
    text << in.rdbuf();
    auto parsed = quorum::scenario::parse_scenario(text.str());
    if (!parsed.ok()) {
        std::cerr << quorum::scenario::format_error(args.file, parsed.error()) << '\n';
        return kExitUsage;
    }
    if (!args.bug.empty() &&
        !quorum::set_bug(parsed.scenario().cluster.config.protocol, args.bug)) {
        const auto algorithm = *quorum::algorithm_of(parsed.scenario().cluster.config.protocol);
        std::cerr << "quorum-sim run: --bug: " << quorum::unknown_bug_message(algorithm, args.bug)
                  << '\n';
        return kExitUsage;
    }
    std::optional<SeedRange> range;
    if (!args.seeds.empty()) {
        range = parse_seed_range(args.seeds);
        if (!range) {
            std::cerr << "quorum-sim: --seeds wants A..B with A <= B, got '" << args.seeds << "'\n";
            return kExitUsage;
        }
    }
    const bool keep_trace = !args.trace_path.empty();
    if (!range) {
        const auto report =
            quorum::scenario::run_scenario(parsed.scenario(), {args.seed, keep_trace});
        print_result(args, report);
        const bool written = write_outputs(args, report, false);
        return report.passed() && written ? kExitPassed : kExitFailed;
    }
    std::uint64_t failures = 0;
    std::string failing;
    for (std::uint64_t seed = range->first;; ++seed) {
        const auto report = quorum::scenario::run_scenario(parsed.scenario(), {seed, keep_trace});
        print_result(args, report);
        write_outputs(args, report, true);
        if (!report.passed()) {
            ++failures;
            failing += " " + std::to_string(seed);
        }
        if (seed == range->last) {
            break;
        }
    }
    const std::uint64_t total = range->last - range->first + 1;
    std::cout << args.file << ": " << total - failures << " of " << total << " seeds passed";
    std::cout << (failures ? "; failing seeds:" + failing : "") << '\n';
    return failures == 0 ? kExitPassed : kExitFailed;
}

// The registry's first protocol: what --algo is when not given.
std::string first_algorithm() {
    return std::string(quorum::algorithm_name(quorum::all_algorithms().front()));
}

struct FuzzArguments {
    std::string algorithm = first_algorithm();
    std::size_t nodes = 5;
    std::string seeds = "1..100";
    std::uint64_t steps = 2000;
    std::string faults = "crash,partition,loss,dup,reorder";
    std::string trace_directory;
    std::string prevote = "on";
    std::string checkquorum = "on";
    std::string bug;  // empty: none
    bool quiet = false;
    bool digest = false;
};

// FNV-1a over every trace line and its newline: a fingerprint of the whole
// run, so two builds can be shown to run every seed the same way without
// keeping gigabytes of traces (tests/determinism/same_runs.sh).
std::uint64_t trace_digest(const std::vector<std::string>& lines) {
    std::uint64_t hash = 14695981039346656037ULL;
    const auto mix = [&hash](unsigned char byte) { hash = (hash ^ byte) * 1099511628211ULL; };
    for (const std::string& line : lines) {
        for (const char c : line) {
            mix(static_cast<unsigned char>(c));
        }
        mix('\n');
    }
    return hash;
}

// The protocol's on/off options the command line sets (--prevote,
// --checkquorum), as far as the protocol has them: name and value.
std::vector<std::pair<std::string, std::string>> on_off_flags(const FuzzArguments& args) {
    const quorum::ProtocolConfig protocol =
        quorum::default_protocol_config(*quorum::parse_algorithm(args.algorithm));
    std::vector<std::pair<std::string, std::string>> flags;
    for (const auto& [name, value] : {std::pair<std::string, std::string>{"prevote", args.prevote},
                                      {"checkquorum", args.checkquorum}}) {
        if (quorum::get_option(protocol, name)) {
            flags.emplace_back(name, value);
        }
    }
    return flags;
}

std::string reproduce_command(const FuzzArguments& args, std::uint64_t seed) {
    std::string flags;
    for (const auto& [name, value] : on_off_flags(args)) {
        flags += " --" + name + " " + value;
    }
    return "quorum-sim fuzz --algo " + args.algorithm + " --nodes " + std::to_string(args.nodes) +
           " --seeds " + std::to_string(seed) + ".." + std::to_string(seed) + " --steps " +
           std::to_string(args.steps) + " --faults " + args.faults + flags +
           (args.bug.empty() ? "" : " --bug " + args.bug) +
           (args.trace_directory.empty() ? "" : " --trace-failures " + args.trace_directory);
}

// Runs the failing seed again with the trace on (the run is deterministic) and
// writes it where the student or the test can replay it.
void write_failure_trace(const FuzzArguments& args, quorum::sim::FuzzOptions options,
                         std::uint64_t seed) {
    options.trace = true;
    const auto traced = quorum::sim::fuzz(seed, options);
    const std::string path =
        args.trace_directory + "/" + args.algorithm + "-seed" + std::to_string(seed) + ".jsonl";
    if (write_lines(path, traced.trace, [](const std::string& line) { return line; })) {
        std::cerr << "  trace: " << path << '\n';
        std::string cluster_options;  // what the trace does not carry
        for (const auto& [name, value] : on_off_flags(args)) {
            cluster_options += " " + name + "=" + value;
        }
        quorum::sim_cli::shrink_beside(path, traced.trace, cluster_options);
    }
}

int command_fuzz(const FuzzArguments& args) {
    const auto range = parse_seed_range(args.seeds);
    std::string error;
    const auto faults = quorum::sim::FaultSet::parse(args.faults, error);
    if (!range || !faults) {
        std::cerr << "quorum-sim fuzz: "
                  << (!range ? "--seeds wants A..B with A <= B, got '" + args.seeds + "'" : error)
                  << '\n';
        return kExitUsage;
    }
    quorum::sim::FuzzOptions options;
    options.protocol = quorum::default_protocol_config(*quorum::parse_algorithm(args.algorithm));
    options.nodes = args.nodes;
    options.steps = args.steps;
    options.faults = *faults;
    for (const auto& [name, value] : on_off_flags(args)) {
        quorum::set_option(options.protocol, name, value == "on");
    }
    if (!args.bug.empty() && !quorum::set_bug(options.protocol, args.bug)) {
        std::cerr << "quorum-sim fuzz: --bug: "
                  << quorum::unknown_bug_message(*quorum::parse_algorithm(args.algorithm), args.bug)
                  << '\n';
        return kExitUsage;
    }
    std::uint64_t failures = 0, inconclusive = 0;
    std::string failing;
    options.trace = args.digest;
    for (std::uint64_t seed = range->first;; ++seed) {
        const auto result = quorum::sim::fuzz(seed, options);
        if (args.digest) {
            char digest[17];
            std::snprintf(digest, sizeof digest, "%016llx",
                          static_cast<unsigned long long>(trace_digest(result.trace)));
            std::cout << result.summary() << "\n  trace: " << result.trace.size()
                      << " lines, fnv1a64 " << digest << '\n';
        }
        if (!result.ok) {
            ++failures;
            failing += " " + std::to_string(seed);
            std::cerr << result.summary() << "\n  reproduce: " << reproduce_command(args, seed)
                      << '\n';
            if (!args.trace_directory.empty()) {
                write_failure_trace(args, options, seed);
            }
        } else if (!args.quiet && !args.digest) {
            std::cout << result.summary() << '\n';
        }
        if (result.linearizability == quorum::Verdict::Inconclusive) {
            ++inconclusive;
        }
        if (seed == range->last) {
            break;
        }
    }
    const std::uint64_t total = range->last - range->first + 1;
    std::string set_options;
    for (const auto& [name, value] : on_off_flags(args)) {
        set_options += ", " + name + " " + value;
    }
    std::cout << "fuzz " << args.algorithm << ": " << total - failures << " of " << total
              << " seeds passed (" << args.steps << " steps, faults " << faults->to_string()
              << set_options << (args.bug.empty() ? "" : ", bug " + args.bug) << ", "
              << inconclusive << " histories too large to check)"
              << (failures ? "; failing seeds:" + failing : "") << '\n';
    return failures == 0 ? kExitPassed : kExitFailed;
}

struct BenchArguments {
    std::string algorithm = first_algorithm();
    std::size_t nodes = 5;
    double seconds = 10;
    std::uint64_t seed = 1;
    bool no_check = false;
    double warmup_seconds = 0;
};

int command_bench(const BenchArguments& args) {
    quorum::sim::BenchOptions options;
    options.protocol = quorum::default_protocol_config(*quorum::parse_algorithm(args.algorithm));
    options.nodes = args.nodes;
    options.virtual_us = static_cast<quorum::TimeUs>(args.seconds * 1e6);
    options.seed = args.seed;
    options.check_invariants = !args.no_check;
    if (args.warmup_seconds > 0) {
        quorum::sim::BenchOptions warmup = options;
        warmup.virtual_us = static_cast<quorum::TimeUs>(args.warmup_seconds * 1e6);
        quorum::sim::run_bench(warmup);
    }
    // The one wall-clock read in Quorum's simulator: it times, it never decides.
    const auto start = std::chrono::steady_clock::now();
    const auto counts = quorum::sim::run_bench(options);
    const std::chrono::duration<double> wall = std::chrono::steady_clock::now() - start;
    const double wall_s = wall.count();
    std::printf(
        "{\"algo\":\"%s\",\"nodes\":%zu,\"virtual_s\":%g,\"warmup_s\":%g,\"seed\":%llu,"
        "\"checks\":%s,"
        "\"events\":%llu,\"messages_delivered\":%llu,\"commits\":%llu,\"acknowledged\":%llu,"
        "\"wall_s\":%.3f,\"events_per_s\":%.0f,\"messages_per_s\":%.0f}\n",
        args.algorithm.c_str(), args.nodes, args.seconds, args.warmup_seconds,
        static_cast<unsigned long long>(args.seed), args.no_check ? "false" : "true",
        static_cast<unsigned long long>(counts.events),
        static_cast<unsigned long long>(counts.messages_delivered),
        static_cast<unsigned long long>(counts.commits),
        static_cast<unsigned long long>(counts.acknowledged), wall_s,
        static_cast<double>(counts.events) / wall_s,
        static_cast<double>(counts.messages_delivered) / wall_s);
    return counts.safe ? kExitPassed : kExitFailed;
}

struct CheckArguments {
    std::string trace_path;
    std::string history_path;
    bool quiet = false;
};

int command_check(const CheckArguments& args) {
    const auto trace_text = quorum::sim_cli::read_file(args.trace_path);
    if (!trace_text) {
        return kExitUsage;
    }
    const auto trace = quorum::trace::read_trace(*trace_text);
    if (!trace.ok()) {
        std::cerr << quorum::json::format_error(args.trace_path, trace.error()) << '\n';
        return kExitUsage;
    }
    std::optional<quorum::HistoryReadResult> history;
    if (!args.history_path.empty()) {
        const auto history_text = quorum::sim_cli::read_file(args.history_path);
        if (!history_text) {
            return kExitUsage;
        }
        history = quorum::read_history(*history_text);
        if (!history->ok()) {
            std::cerr << quorum::json::format_error(args.history_path, history->error()) << '\n';
            return kExitUsage;
        }
    }
    const auto checked = quorum::check::check_trace(trace.trace());
    if (checked.violation) {
        std::cerr << args.trace_path << ":" << checked.violation->line << ": "
                  << checked.violation->to_string() << '\n';
        return kExitFailed;
    }
    std::string history_verdict;
    if (history) {
        const auto& operations = history->history();
        const auto result = quorum::check_linearizability(operations);
        if (result.verdict == quorum::Verdict::NotLinearizable) {
            std::cerr << args.history_path << ": linearizability violated: " << result.explanation
                      << '\n';
            return kExitFailed;
        }
        history_verdict = "; " + args.history_path + ": " +
                          std::string(quorum::to_string(result.verdict)) + " (" +
                          std::to_string(operations.size()) + " operations" +
                          (result.verdict == quorum::Verdict::Inconclusive
                               ? ", not a violation: " + result.explanation
                               : std::string()) +
                          ")";
    }
    if (!args.quiet) {
        std::cout << "ok " << args.trace_path << ": " << checked.lines
                  << " lines to t=" << quorum::format_time(checked.end_us) << "; "
                  << checked.summary() << history_verdict << '\n';
    }
    return kExitPassed;
}

// Every protocol's name; with `steady_load`, only those whose clients write
// keys (a bench needs a log to fill).
std::vector<std::string> algorithm_names(bool steady_load) {
    std::vector<std::string> names;
    for (quorum::Algorithm algorithm : quorum::all_algorithms()) {
        const bool proposes = quorum::with_protocol(
            algorithm, []<quorum::Protocol P>() { return P::kClientsPropose; });
        if (!steady_load || !proposes) {
            names.emplace_back(quorum::algorithm_name(algorithm));
        }
    }
    return names;
}

// "a, b or c".
std::string join_names(const std::vector<std::string>& names) {
    std::string text;
    for (std::size_t i = 0; i < names.size(); ++i) {
        text += (i == 0 ? "" : (i + 1 == names.size() ? " or " : ", ")) + names[i];
    }
    return text;
}

}  // namespace

int main(int argc, char** argv) {
    quorum::sim_cli::grow_heap_in_large_steps();
    CLI::App app{"quorum-sim: run Quorum scenarios in the deterministic simulator"};
    app.require_subcommand(1);
    RunArguments run;
    auto* run_command = app.add_subcommand("run", "run a scenario file (.qs)");
    run_command->add_option("file", run.file, "the scenario")->required();
    auto* seed = run_command->add_option("--seed", run.seed, "override the file's seed");
    run_command->add_option("--seeds", run.seeds, "run once per seed in A..B")->excludes(seed);
    run_command->add_option("--trace", run.trace_path, "write the trace (JSON lines)");
    run_command->add_option("--history", run.history_path, "write the client history (JSON lines)");
    run_command->add_option("--bug", run.bug,
                            "replace the file's bug= (none: the correct protocol)");
    run_command->add_flag("--quiet", run.quiet, "print only failures and the summary");
    FuzzArguments fuzz;
    auto* fuzz_command = app.add_subcommand("fuzz", "swarm-test the protocol over many seeds");
    fuzz_command->add_option("--algo", fuzz.algorithm, quorum::algorithm_choices())
        ->check(CLI::IsMember(algorithm_names(false)));
    fuzz_command->add_option("--nodes", fuzz.nodes, "cluster size")->check(CLI::Range(1, 9));
    fuzz_command->add_option("--seeds", fuzz.seeds, "seeds A..B");
    fuzz_command->add_option("--steps", fuzz.steps, "scheduler events in the safety phase")
        ->check(CLI::Range(1, 100'000'000));
    fuzz_command->add_option("--faults", fuzz.faults, "faults the swarm may draw from");
    fuzz_command->add_option("--prevote", fuzz.prevote, "PreVote (thesis 9.6)")
        ->check(CLI::IsMember({"on", "off"}));
    fuzz_command->add_option("--checkquorum", fuzz.checkquorum, "CheckQuorum (thesis 6.2)")
        ->check(CLI::IsMember({"on", "off"}));
    fuzz_command
        ->add_option("--trace-failures", fuzz.trace_directory,
                     "write each failing seed's trace into this directory")
        ->check(CLI::ExistingDirectory);
    fuzz_command->add_option("--bug", fuzz.bug, "switch on a bug of the protocol's zoo");
    fuzz_command->add_flag("--quiet", fuzz.quiet, "print only failures and the summary");
    fuzz_command->add_flag("--digest", fuzz.digest,
                           "print every seed's summary and a hash of its whole trace");
    BenchArguments bench;
    auto* bench_command = app.add_subcommand("bench", "time the simulator on a steady client load");
    bench_command->add_option("--algo", bench.algorithm, join_names(algorithm_names(true)))
        ->check(CLI::IsMember(algorithm_names(true)));
    bench_command->add_option("--nodes", bench.nodes, "cluster size")->check(CLI::Range(1, 9));
    bench_command->add_option("--seconds", bench.seconds, "virtual seconds to simulate")
        ->check(CLI::Range(0.001, 100000.0));
    bench_command->add_option("--seed", bench.seed, "seed");
    bench_command->add_flag("--no-check", bench.no_check, "do not run the invariant checkers");
    bench_command
        ->add_option("--warmup", bench.warmup_seconds,
                     "first run the workload this many virtual seconds, untimed")
        ->check(CLI::Range(0.0, 100000.0));
    CheckArguments check;
    auto* check_command =
        app.add_subcommand("check", "check a trace (and a client history) for safety violations");
    check_command->add_option("trace", check.trace_path, "the trace (JSON lines)")->required();
    check_command->add_option("--history", check.history_path,
                              "also check this client history (JSON lines) for linearizability");
    check_command->add_flag("--quiet", check.quiet, "print only violations and errors");
    quorum::sim_cli::ExploreArguments explore;
    auto* explore_command = quorum::sim_cli::add_explore_command(app, explore);
    quorum::sim_cli::ShrinkArguments shrink;
    auto* shrink_command = quorum::sim_cli::add_shrink_command(app, shrink);
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& help) {
        return app.exit(help);
    } catch (const CLI::ParseError& error) {
        app.exit(error);
        return kExitUsage;
    }
    if (run_command->parsed()) {
        return command_run(run);
    }
    if (fuzz_command->parsed()) {
        return command_fuzz(fuzz);
    }
    if (bench_command->parsed()) {
        return command_bench(bench);
    }
    if (check_command->parsed()) {
        return command_check(check);
    }
    if (explore_command->parsed()) {
        return quorum::sim_cli::command_explore(explore);
    }
    if (shrink_command->parsed()) {
        return quorum::sim_cli::command_shrink(shrink);
    }
    return kExitUsage;
}
