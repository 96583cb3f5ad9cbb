// quorum-node: one node of a cluster as a real process, with the same core
// the simulator runs, on a UDP port, with its durable state in SQLite.
//
//   quorum-node --id 1 --peers 1=127.0.0.1:7001,2=127.0.0.1:7002,3=127.0.0.1:7003
//               [--algo NAME] --data DIR [--seed N] [--sync full|normal|off]
//   quorum-node --dump --id 1 [--algo NAME] --data DIR
//
// --algo is any protocol of the registry (quorum/protocols.hpp; --help lists
// them), by default its first. --peers numbers the nodes 1..N, as every
// cluster's nodes are numbered (the protocol's config is the simulator's).
// --data DIR holds node.db (storage.hpp); DIR is created if missing.
// --seed seeds the node's Random (election timeouts, backoff); without it the
// seed comes from /dev/urandom. --sync is SQLite's synchronous setting: full
// (the default, and the only safe one) fsyncs every batch before its messages
// leave; normal and off exist to measure what that costs.
// --dump prints the durable state as JSON lines and exits, never opening the
// file for writing; each protocol says what its lines are
// (protocols/<name>/node_view.hpp).
//
// Exit codes: 0 stopped by SIGTERM or SIGINT (or --dump done); 1 the node
// could not run (its database is damaged or belongs to another node or to
// another version of quorum-node, its port is taken); 2 the command line is
// wrong. Every error is one line on stderr.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <CLI/CLI.hpp>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "../net/udp.hpp"
#include "driver.hpp"
#include "event_loop.hpp"
#include "quorum/protocols.hpp"
#include "storage.hpp"

namespace {

using namespace quorum;

constexpr int kExitFailed = 1;
constexpr int kExitUsage = 2;

std::atomic<bool> stop_requested{false};

void on_stop_signal(int) {
    stop_requested = true;
}

void install_signal_handlers() {
    struct sigaction action {};
    action.sa_handler = on_stop_signal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0;  // no SA_RESTART: poll() returns EINTR and the loop sees the flag
    sigaction(SIGTERM, &action, nullptr);
    sigaction(SIGINT, &action, nullptr);
}

std::uint64_t seed_from_urandom() {
    std::uint64_t seed = 0;
    const int fd = ::open("/dev/urandom", O_RDONLY | O_CLOEXEC);
    if (fd < 0 || ::read(fd, &seed, sizeof seed) != static_cast<ssize_t>(sizeof seed)) {
        throw std::runtime_error("cannot read /dev/urandom for a seed (pass --seed)");
    }
    ::close(fd);
    return seed;
}

void ensure_directory(const std::string& dir) {
    std::error_code error;
    std::filesystem::create_directories(dir, error);
    if (error) {
        throw std::runtime_error("cannot create --data directory " + dir + ": " + error.message());
    }
}

struct Arguments {
    NodeId id = kNoNode;
    std::string peers;
    // The registry's first protocol, as every tool's default.
    std::string algorithm{algorithm_name(all_algorithms().front())};
    std::string data;
    std::optional<std::uint64_t> seed;
    std::string sync = "full";
    bool dump = false;
};

node::SyncMode parse_sync(const std::string& name) {
    if (name == "normal") {
        return node::SyncMode::Normal;
    }
    return name == "off" ? node::SyncMode::Off : node::SyncMode::Full;
}

std::vector<std::string> algorithm_names() {
    std::vector<std::string> names;
    for (const Algorithm algorithm : all_algorithms()) {
        names.emplace_back(algorithm_name(algorithm));
    }
    return names;
}

// "1,2,4": the ids of --peers, for a message.
std::string id_list(const std::map<NodeId, net::Endpoint>& peers) {
    std::string list;
    for (const auto& entry : peers) {
        list += (list.empty() ? "" : ",") + std::to_string(entry.first);
    }
    return list;
}

int run(const Arguments& args) {
    const Algorithm algorithm = *parse_algorithm(args.algorithm);  // CLI11 checked the name
    if (args.dump) {
        std::cout << node::dump(node::Storage::load_existing(args.data, algorithm, args.id));
        return 0;
    }
    std::map<NodeId, net::Endpoint> peers;
    try {
        peers = net::parse_peers(args.peers);
    } catch (const std::invalid_argument& error) {
        std::cerr << "quorum-node: --peers: " << error.what() << '\n';
        return kExitUsage;
    }
    if (!peers.contains(args.id)) {
        std::cerr << "quorum-node: --id " << args.id << " is not in --peers (" << args.peers
                  << ")\n";
        return kExitUsage;
    }
    if (peers.rbegin()->first != peers.size()) {
        std::cerr << "quorum-node: --peers must number its nodes 1.." << peers.size()
                  << ", as a cluster's nodes are numbered (it has " << id_list(peers) << ")\n";
        return kExitUsage;
    }
    ensure_directory(args.data);
    node::Storage storage(args.data, algorithm, args.id, parse_sync(args.sync));
    const std::uint64_t seed = args.seed ? *args.seed : seed_from_urandom();
    const ClusterConfig config = node::process_cluster_config(algorithm, peers.size(), seed);
    auto driver = node::make_driver(config, args.id, storage, node::monotonic_now_us());
    node::EventLoop loop(args.id, peers, std::move(driver));
    install_signal_handlers();
    std::cerr << "quorum-node " << args.id << ": " << args.algorithm << " on "
              << peers.at(args.id).to_string() << ", data " << args.data << "/node.db, seed "
              << seed << ", sync " << args.sync << '\n';
    loop.run(stop_requested);
    std::cerr << "quorum-node " << args.id << ": stopped\n";
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"quorum-node: one node of " + algorithm_choices() + " on a UDP port"};
    Arguments args;
    app.add_option("--id", args.id, "this node's id (1..9), one of --peers")
        ->required()
        ->check(CLI::Range(1, static_cast<int>(kMaxNodes)));
    app.add_option("--peers", args.peers, "every node: 1=127.0.0.1:7001,2=127.0.0.1:7002,...");
    app.add_option("--algo", args.algorithm, algorithm_choices())
        ->check(CLI::IsMember(algorithm_names()));
    app.add_option("--data", args.data, "directory for node.db")->required();
    app.add_option("--seed", args.seed, "seed for the node's randomness (default: /dev/urandom)");
    app.add_option("--sync", args.sync, "SQLite synchronous: full (safe), normal or off (bench)")
        ->check(CLI::IsMember({"full", "normal", "off"}));
    app.add_flag("--dump", args.dump, "print the durable state as JSON lines and exit");
    try {
        app.parse(argc, argv);
        if (!args.dump && args.peers.empty()) {
            throw CLI::RequiredError("--peers");
        }
    } catch (const CLI::CallForHelp& help) {
        return app.exit(help);
    } catch (const CLI::ParseError& error) {
        app.exit(error);
        return kExitUsage;
    }
    try {
        return run(args);
    } catch (const node::StorageError& error) {
        std::cerr << "quorum-node " << args.id << ": refusing to start: " << error.what() << '\n';
        if (error.damaged()) {
            std::cerr << "The file was not changed. Restore it from a backup or replace the node: "
                         "starting it empty would forget its votes and acknowledged writes.\n";
        }
        return kExitFailed;
    } catch (const std::exception& error) {
        std::cerr << "quorum-node " << args.id << ": " << error.what() << '\n';
        return kExitFailed;
    }
}
