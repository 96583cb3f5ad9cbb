// quorum-ctl: a client of a quorum-node cluster.
//
//   quorum-ctl --peers 1=127.0.0.1:7001,... [--history FILE] [--timeout-ms T] [--client-id C]
//       put KEY VALUE | get KEY | append KEY VALUE | add N | propose VALUE
//       status [--json]
//       bench [--clients N] [--seconds S] [--keys K] [--workload put|mixed] [--think-ms M]
//             [--value-bytes B] [--seed S] [--json]      (SIGINT/SIGTERM: stop early, finish,
//             report)
//
// put/get/append/add run on protocols whose clients read and write keys;
// propose on those whose clients propose values (each descriptor says which,
// quorum/protocol.hpp; `quorum-ctl --help` names them; the answer is the value
// chosen, maybe another client's). The client finds the leader itself and
// retries across nodes with one client id and sequence number, so a retried
// operation takes effect once (client_pool.hpp, also for how ids are drawn).
//
// status asks every node for its role, term, commit index and log length
// (and its dropped-datagram counters) and prints a table, or with --json one
// object {"nodes":[...]} (a node that does not answer within a second has
// "up":false).
//
// bench runs N concurrent clients (one socket, one poll loop) for S seconds:
// put, or mixed (50% put, 25% get, 25% append) over K keys, values unique
// ("<client>.<seq>", padded with '-' to --value-bytes: large values make
// large messages, e.g. Multi-Paxos P1b sent in fragments). It prints operations, throughput and
// latency percentiles; --think-ms pauses each client between its operations.
//
// --history FILE appends every operation to FILE as JSON lines in the client
// history format of docs/scenarios.md, times in CLOCK_MONOTONIC microseconds (one
// clock for every process on the machine, so files of several quorum-ctl
// runs can be concatenated and checked: quorum-sim check --history).
//
// Exit codes: 0 answered; 1 no answer in time (or no node answered status);
// 2 wrong command line.
#include <CLI/CLI.hpp>

#include <poll.h>

#include <algorithm>
#include <atomic>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "client_pool.hpp"
#include "quorum/history_json.hpp"
#include "quorum/json_escape.hpp"
#include "quorum/protocols.hpp"
#include "quorum/random.hpp"
#include "quorum/wire/codec.hpp"
#include "udp.hpp"

namespace {

using namespace quorum;

constexpr int kExitFailed = 1;
constexpr int kExitUsage = 2;

struct Arguments {
    std::string peers;
    std::string history_path;
    int timeout_ms = 10000;
    std::optional<ClientId> client_id;
    std::map<NodeId, net::Endpoint> nodes;
};

class HistoryFile {
  public:
    explicit HistoryFile(const std::string& path) {
        if (!path.empty()) {
            out_.emplace(path, std::ios::app);
            if (!*out_) {
                throw std::runtime_error("cannot open --history " + path);
            }
        }
    }
    void write(const ClientOperation& operation) {
        if (out_) {
            *out_ << to_json_line(operation) << '\n';
        }
    }

  private:
    std::optional<std::ofstream> out_;
};

// The protocols whose clients propose values rather than read and write
// keys, as their descriptors say (the fuzzer gives those clients the same
// workload).
std::string proposing_algorithms() {
    std::string names;
    for (const Algorithm algorithm : all_algorithms()) {
        if (with_protocol(algorithm, []<Protocol P>() { return P::kClientsPropose; })) {
            names += (names.empty() ? "" : ", ") + std::string(algorithm_name(algorithm));
        }
    }
    return names;
}

// --- One operation -----------------------------------------------------------

int run_operation(const Arguments& args, OperationKind kind, const std::string& key,
                  const std::string& value) {
    if (key.size() + value.size() > wire::kMaxCommandBytes) {
        std::cerr << "quorum-ctl: a key and value may hold " << wire::kMaxCommandBytes
                  << " bytes together (a replication message carries up to 64 of them in one "
                     "datagram)\n";
        return kExitUsage;
    }
    HistoryFile history(args.history_path);
    ctl::ClientPool pool({args.nodes}, {args.client_id.value_or(ctl::random_client_id())});
    pool.start(0, kind, key, value);
    const TimeUs give_up = ctl::monotonic_now_us() + args.timeout_ms * kMicrosecondsPerMillisecond;
    std::optional<ClientOperation> done;
    while (!done && ctl::monotonic_now_us() < give_up) {
        pool.poll_once(give_up, [&](std::size_t, const ClientOperation& op) { done = op; });
    }
    if (!done) {
        for (const auto& operation : pool.unanswered()) {
            history.write(operation);
        }
        std::cerr << "quorum-ctl: no answer within " << args.timeout_ms
                  << " ms (is the cluster up? quorum-ctl status)\n";
        return kExitFailed;
    }
    history.write(*done);
    if (!done->ok) {
        std::cerr << "quorum-ctl: the operation was refused\n";
        return kExitFailed;
    }
    if (kind == OperationKind::Get) {
        std::cout << (done->result ? *done->result : "(not set)") << '\n';
    } else if (done->result) {
        std::cout << *done->result << '\n';
    } else {
        std::cout << "ok\n";
    }
    return 0;
}

// --- status --------------------------------------------------------------------

std::map<NodeId, wire::NodeStatus> ask_status(const Arguments& args) {
    net::UdpSocket socket(std::nullopt);
    const std::uint64_t nonce = (std::uint64_t{ctl::random_client_id()} << 32) | 1U;
    const NodeId me = kClientAddressBase + args.client_id.value_or(ctl::random_client_id());
    for (const auto& [id, endpoint] : args.nodes) {
        const wire::Datagram<wire::ClientPayload> request{me, id, wire::StatusRequest{nonce}};
        socket.send_to(endpoint, wire::encode(request));
    }
    std::map<NodeId, wire::NodeStatus> answers;
    const TimeUs give_up = ctl::monotonic_now_us() + kMicrosecondsPerSecond;
    while (answers.size() < args.nodes.size()) {
        const TimeUs left = give_up - ctl::monotonic_now_us();
        pollfd fd{socket.fd(), POLLIN, 0};
        if (left <= 0 || ::poll(&fd, 1, static_cast<int>(left / 1000) + 1) <= 0) {
            break;
        }
        while (auto received = socket.receive()) {
            auto decoded = wire::decode<wire::ClientPayload>(received->bytes);
            const auto* datagram = std::get_if<wire::Datagram<wire::ClientPayload>>(&decoded);
            const auto* answer =
                datagram ? std::get_if<wire::StatusResponse>(&datagram->body) : nullptr;
            if (answer && answer->nonce == nonce && args.nodes.contains(datagram->from)) {
                answers[datagram->from] = answer->status;
            }
        }
    }
    return answers;
}

std::string status_json(const Arguments& args, const std::map<NodeId, wire::NodeStatus>& answers) {
    std::string out = "{\"nodes\":[";
    for (const auto& [id, endpoint] : args.nodes) {
        if (out.back() != '[') {
            out += ',';
        }
        out +=
            "{\"id\":" + std::to_string(id) + ",\"address\":" + json_string(endpoint.to_string());
        const auto answer = answers.find(id);
        if (answer == answers.end()) {
            out += ",\"up\":false}";
            continue;
        }
        const auto& s = answer->second;
        out += ",\"up\":true,\"algorithm\":" + json_string(s.algorithm) +
               ",\"role\":" + json_string(s.role) + ",\"term\":" + std::to_string(s.term) +
               ",\"commit_index\":" + std::to_string(s.commit_index) +
               ",\"log_length\":" + std::to_string(s.log_length) +
               ",\"leader\":" + std::to_string(s.leader) +
               ",\"datagrams_received\":" + std::to_string(s.datagrams_received) + ",\"dropped\":{";
        for (std::size_t i = 0; i < s.dropped.size(); ++i) {
            out += (i ? "," : "") + json_string(s.dropped[i].first) + ":" +
                   std::to_string(s.dropped[i].second);
        }
        out += "}}";
    }
    return out + "]}";
}

int run_status(const Arguments& args, bool json) {
    const auto answers = ask_status(args);
    if (json) {
        std::cout << status_json(args, answers) << '\n';
    } else {
        std::printf("%-4s %-21s %-10s %-18s %6s %8s %8s %6s %8s\n", "node", "address", "algo",
                    "role", "term", "commit", "log", "leader", "dropped");
        for (const auto& [id, endpoint] : args.nodes) {
            const auto answer = answers.find(id);
            if (answer == answers.end()) {
                std::printf("%-4u %-21s (no answer)\n", id, endpoint.to_string().c_str());
                continue;
            }
            const auto& s = answer->second;
            std::uint64_t dropped = 0;
            for (const auto& counter : s.dropped) {
                dropped += counter.second;
            }
            std::printf("%-4u %-21s %-10s %-18s %6llu %8llu %8llu %6u %8llu\n", id,
                        endpoint.to_string().c_str(), s.algorithm.c_str(), s.role.c_str(),
                        static_cast<unsigned long long>(s.term),
                        static_cast<unsigned long long>(s.commit_index),
                        static_cast<unsigned long long>(s.log_length), s.leader,
                        static_cast<unsigned long long>(dropped));
        }
    }
    return answers.empty() ? kExitFailed : 0;
}

// --- bench ---------------------------------------------------------------------

struct BenchArguments {
    std::size_t clients = 8;
    double seconds = 10;
    std::size_t keys = 16;
    std::string workload = "put";
    int think_ms = 0;
    std::size_t value_bytes = 0;
    std::optional<std::uint64_t> seed;
    bool json = false;
};

// SIGINT or SIGTERM ends a bench early, as if its time were up: outstanding
// operations still get their answers and the history is complete.
std::atomic<bool> bench_stop_requested{false};

void on_bench_stop(int) {
    bench_stop_requested = true;
}

double percentile_ms(std::vector<TimeUs>& sorted, double fraction) {
    if (sorted.empty()) {
        return 0;
    }
    const auto rank = static_cast<std::size_t>(fraction * static_cast<double>(sorted.size() - 1));
    return static_cast<double>(sorted[rank]) / 1000.0;
}

int run_bench(const Arguments& args, const BenchArguments& bench) {
    HistoryFile history(args.history_path);
    const ClientId base = args.client_id.value_or(ctl::random_client_id());
    std::vector<ClientId> ids;
    for (std::size_t i = 0; i < bench.clients; ++i) {
        ids.push_back(static_cast<ClientId>((base + i - 1) % 0x7fffffffU + 1));
    }
    ctl::ClientPool pool({args.nodes}, ids);
    Random random(bench.seed.value_or(base));
    std::vector<TimeUs> latencies;
    std::vector<TimeUs> next_start(bench.clients, 0);
    std::vector<std::uint64_t> sequences(bench.clients, 0);
    const TimeUs think_us = bench.think_ms * kMicrosecondsPerMillisecond;
    const TimeUs start = ctl::monotonic_now_us();
    TimeUs end = start + static_cast<TimeUs>(bench.seconds * kMicrosecondsPerSecond);
    TimeUs drain_end = end + 5 * kMicrosecondsPerSecond;  // outstanding ops may finish
    std::signal(SIGINT, on_bench_stop);
    std::signal(SIGTERM, on_bench_stop);
    std::uint64_t failed = 0;
    const auto on_done = [&](std::size_t client, const ClientOperation& operation) {
        history.write(operation);
        latencies.push_back(*operation.return_us - operation.call_us);
        failed += operation.ok ? 0 : 1;
        next_start[client] = *operation.return_us + think_us;
    };
    TimeUs now = start;
    while (now < drain_end) {
        if (bench_stop_requested && now < end) {
            end = now;
            drain_end = end + 5 * kMicrosecondsPerSecond;
        }
        bool any_busy = false;
        for (std::size_t c = 0; c < bench.clients; ++c) {
            if (!pool.busy(c) && now < end && now >= next_start[c]) {
                const auto key = "k" + std::to_string(random.below(bench.keys));
                auto value = std::to_string(ids[c]) + "." + std::to_string(++sequences[c]);
                value.resize(std::max(value.size(), bench.value_bytes), '-');
                const auto roll = bench.workload == "mixed" ? random.below(4) : 0;
                const auto kind = roll < 2    ? OperationKind::Put
                                  : roll == 2 ? OperationKind::Get
                                              : OperationKind::Append;
                pool.start(c, kind, key, kind == OperationKind::Get ? "" : value);
            }
            any_busy |= pool.busy(c);
        }
        if (!any_busy && now >= end) {
            break;
        }
        pool.poll_once(std::min(now + think_us + 1000, drain_end), on_done);
        now = ctl::monotonic_now_us();
    }
    const auto unanswered = pool.unanswered();
    for (const auto& operation : unanswered) {
        history.write(operation);
    }
    std::sort(latencies.begin(), latencies.end());
    const double elapsed_s = static_cast<double>(end - start) / 1e6;
    const double throughput = static_cast<double>(latencies.size()) / elapsed_s;
    if (bench.json) {
        std::printf(
            "{\"clients\":%zu,\"seconds\":%.2f,\"operations\":%zu,\"refused\":%llu,"
            "\"unanswered\":%zu,\"ops_per_s\":%.1f,\"p50_ms\":%.3f,\"p90_ms\":%.3f,"
            "\"p99_ms\":%.3f,\"max_ms\":%.3f}\n",
            bench.clients, elapsed_s, latencies.size(), static_cast<unsigned long long>(failed),
            unanswered.size(), throughput, percentile_ms(latencies, 0.5),
            percentile_ms(latencies, 0.9), percentile_ms(latencies, 0.99),
            latencies.empty() ? 0.0 : percentile_ms(latencies, 1));
    } else {
        std::printf(
            "%zu clients, %.2f s, %s: %zu operations answered (%llu refused), %zu unanswered\n"
            "throughput %.1f ops/s; latency p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max "
            "%.2f ms\n",
            bench.clients, elapsed_s, bench.workload.c_str(), latencies.size(),
            static_cast<unsigned long long>(failed), unanswered.size(), throughput,
            percentile_ms(latencies, 0.5), percentile_ms(latencies, 0.9),
            percentile_ms(latencies, 0.99), percentile_ms(latencies, 1));
    }
    return latencies.empty() ? kExitFailed : 0;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"quorum-ctl: a client of a quorum-node cluster"};
    app.require_subcommand(1);
    app.fallthrough();  // --peers, --history, ... may come after the subcommand too
    Arguments args;
    app.add_option("--peers", args.peers, "every node: 1=127.0.0.1:7001,2=127.0.0.1:7002,...")
        ->required();
    app.add_option("--history", args.history_path, "append operations to this client history");
    app.add_option("--timeout-ms", args.timeout_ms, "give up on an operation after this long")
        ->check(CLI::Range(1, 3'600'000));
    app.add_option("--client-id", args.client_id, "client id (default: random, /dev/urandom)")
        ->check(CLI::Range(1, 0x7fffffff));

    std::string key, value;
    auto* put = app.add_subcommand("put", "set KEY to VALUE");
    put->add_option("key", key)->required();
    put->add_option("value", value)->required();
    auto* get = app.add_subcommand("get", "read KEY");
    get->add_option("key", key)->required();
    auto* append = app.add_subcommand("append", "append VALUE to KEY");
    append->add_option("key", key)->required();
    append->add_option("value", value)->required();
    std::int64_t amount = 0;
    auto* add = app.add_subcommand("add", "add N to the counter; prints the new total");
    add->add_option("n", amount)->required();
    auto* propose = app.add_subcommand("propose", "propose VALUE (" + proposing_algorithms() + ")");
    propose->add_option("value", value)->required();
    bool status_json_flag = false;
    auto* status = app.add_subcommand("status", "every node's role, term, commit index, log");
    status->add_flag("--json", status_json_flag, "one JSON object instead of a table");
    BenchArguments bench;
    auto* bench_command = app.add_subcommand("bench", "concurrent clients for a duration");
    bench_command->add_option("--clients", bench.clients)->check(CLI::Range(1, 1000));
    bench_command->add_option("--seconds", bench.seconds)->check(CLI::Range(0.1, 3600.0));
    bench_command->add_option("--keys", bench.keys)->check(CLI::Range(1, 100000));
    bench_command->add_option("--workload", bench.workload)->check(CLI::IsMember({"put", "mixed"}));
    bench_command->add_option("--think-ms", bench.think_ms)->check(CLI::Range(0, 60000));
    bench_command->add_option("--value-bytes", bench.value_bytes, "pad values to this size")
        ->check(CLI::Range(std::size_t{0}, wire::kMaxCommandBytes - 8));
    bench_command->add_option("--seed", bench.seed, "seed for the workload's choices");
    bench_command->add_flag("--json", bench.json, "one JSON line");
    try {
        app.parse(argc, argv);
        args.nodes = net::parse_peers(args.peers);
    } catch (const CLI::CallForHelp& help) {
        return app.exit(help);
    } catch (const CLI::ParseError& error) {
        app.exit(error);
        return kExitUsage;
    } catch (const std::invalid_argument& error) {
        std::cerr << "quorum-ctl: --peers: " << error.what() << '\n';
        return kExitUsage;
    }
    try {
        if (put->parsed()) {
            return run_operation(args, OperationKind::Put, key, value);
        }
        if (get->parsed()) {
            return run_operation(args, OperationKind::Get, key, "");
        }
        if (append->parsed()) {
            return run_operation(args, OperationKind::Append, key, value);
        }
        if (add->parsed()) {
            return run_operation(args, OperationKind::Add, "", std::to_string(amount));
        }
        if (propose->parsed()) {
            return run_operation(args, OperationKind::Propose, "", value);
        }
        if (status->parsed()) {
            return run_status(args, status_json_flag);
        }
        return run_bench(args, bench);
    } catch (const std::exception& error) {
        std::cerr << "quorum-ctl: " << error.what() << '\n';
        return kExitFailed;
    }
}
