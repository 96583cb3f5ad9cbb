// run_digests: many runs in one process, one line per run, so that two
// builds (native and wasm, release and sanitized) can be shown to run them the
// same way by comparing what they print, byte for byte
// (tests/determinism/compare_runs.sh; docs/design.md, "One scheduler, several
// runners"):
//
//   run_digests A..B FILE.qs...          every scenario file over seeds A..B:
//                                        its verdict (outcome, line, message),
//                                        clock and counters, and a digest of
//                                        its whole trace and client history
//   run_digests A..B --fuzz ALGO STEPS   the swarm fuzzer's seeds A..B (5
//                                        nodes, every fault): each seed's
//                                        summary (the checker's and the history
//                                        check's verdicts, its world) and a
//                                        digest of its whole trace
//
// A scenario file is named by its last two path components (raft/election.qs),
// so two builds reading the same files from different places print the same
// lines. Exit 0 when everything could run (a run that fails is part of what
// is compared, not an error); 2 on bad arguments or an unreadable file.
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "quorum/history_json.hpp"
#include "quorum/protocols.hpp"
#include "quorum/scenario/parser.hpp"
#include "quorum/scenario/runner.hpp"
#include "quorum/sim/fuzz.hpp"

namespace {

// FNV-1a 64 over each line and its newline, as quorum-sim fuzz --digest.
class Digest {
  public:
    void add_line(const std::string& line) {
        for (const char c : line) {
            mix(static_cast<unsigned char>(c));
        }
        mix('\n');
    }
    std::string hex() const {
        char text[17];
        std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(hash_));
        return text;
    }

  private:
    void mix(unsigned char byte) { hash_ = (hash_ ^ byte) * 1099511628211ULL; }
    std::uint64_t hash_ = 14695981039346656037ULL;
};

const char* outcome_name(quorum::scenario::Outcome outcome) {
    switch (outcome) {
        case quorum::scenario::Outcome::Passed:
            return "passed";
        case quorum::scenario::Outcome::ExpectationFailed:
            return "expectation-failed";
        case quorum::scenario::Outcome::InvariantBroken:
            return "invariant-broken";
        case quorum::scenario::Outcome::Unsupported:
            return "unsupported";
    }
    return "?";
}

// ".../assets/scenarios/raft/election.qs" -> "raft/election.qs".
std::string short_name(const std::string& path) {
    const auto last = path.find_last_of('/');
    if (last == std::string::npos || last == 0) {
        return path;
    }
    const auto before = path.find_last_of('/', last - 1);
    return before == std::string::npos ? path : path.substr(before + 1);
}

bool parse_seeds(const std::string& text, std::uint64_t& first, std::uint64_t& last) {
    const auto dots = text.find("..");
    if (dots == std::string::npos || dots == 0 || dots + 2 >= text.size()) {
        return false;
    }
    for (std::size_t i = 0; i < text.size(); ++i) {
        if ((i < dots || i >= dots + 2) && (text[i] < '0' || text[i] > '9')) {
            return false;
        }
    }
    if (dots > 9 || text.size() - dots - 2 > 9) {
        return false;  // at most 999999999: no overflow
    }
    first = std::stoull(text.substr(0, dots));
    last = std::stoull(text.substr(dots + 2));
    return first <= last;
}

void print_run(const std::string& name, const quorum::scenario::RunReport& report) {
    Digest trace, history;
    for (const std::string& line : report.trace) {
        trace.add_line(line);
    }
    for (const quorum::ClientOperation& operation : report.history) {
        history.add_line(quorum::to_json_line(operation));
    }
    std::cout << name << " seed " << report.seed << ": " << outcome_name(report.outcome);
    if (!report.passed()) {
        std::cout << " at line " << report.pos.line << " (" << report.message << ")";
    }
    std::cout << ", t=" << report.time_us << "us, events " << report.events << ", messages "
              << report.messages << "; trace " << report.trace.size() << " lines fnv1a64 "
              << trace.hex() << "; history " << report.history.size() << " operations fnv1a64 "
              << history.hex() << '\n';
}

int run_scenarios(std::uint64_t first, std::uint64_t last, int argc, char** argv) {
    for (int i = 2; i < argc; ++i) {
        const std::string path = argv[i];
        std::ifstream in(path);
        if (!in) {
            std::cerr << "run_digests: cannot read " << path << '\n';
            return 2;
        }
        std::stringstream text;
        text << in.rdbuf();
        const auto parsed = quorum::scenario::parse_scenario(text.str());
        if (!parsed.ok()) {
            std::cerr << quorum::scenario::format_error(path, parsed.error()) << '\n';
            return 2;
        }
        for (std::uint64_t seed = first; seed <= last; ++seed) {
            print_run(short_name(path), quorum::scenario::run_scenario(
                                            parsed.scenario(), {.seed = seed, .trace = true}));
        }
    }
    return 0;
}

int run_fuzz(std::uint64_t first, std::uint64_t last, const std::string& algorithm_name,
             const std::string& steps) {
    const auto algorithm = quorum::parse_algorithm(algorithm_name);
    if (!algorithm || steps.empty() || steps.size() > 7 ||
        steps.find_first_not_of("0123456789") != std::string::npos) {
        std::cerr << "run_digests --fuzz: wants " << quorum::algorithm_choices()
                  << " and a step count (1..9999999)\n";
        return 2;
    }
    quorum::sim::FuzzOptions options;
    options.protocol = quorum::default_protocol_config(*algorithm);
    options.steps = std::stoull(steps);
    options.trace = true;
    for (std::uint64_t seed = first; seed <= last; ++seed) {
        const auto result = quorum::sim::fuzz(seed, options);
        Digest trace;
        for (const std::string& line : result.trace) {
            trace.add_line(line);
        }
        std::cout << result.summary() << "\n  trace: " << result.trace.size() << " lines, fnv1a64 "
                  << trace.hex() << '\n';
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    std::uint64_t first = 0, last = 0;
    if (argc < 3 || !parse_seeds(argv[1], first, last)) {
        std::cerr << "usage: run_digests A..B FILE.qs... | run_digests A..B --fuzz ALGO STEPS\n";
        return 2;
    }
    if (std::string(argv[2]) == "--fuzz") {
        return argc == 5 ? run_fuzz(first, last, argv[3], argv[4])
                         : (std::cerr << "usage: run_digests A..B --fuzz ALGO STEPS\n", 2);
    }
    return run_scenarios(first, last, argc, argv);
}
