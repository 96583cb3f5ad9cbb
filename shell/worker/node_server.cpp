// The exports of quorum_node.wasm that web/node_host.mjs calls when it runs
// the page's node binary as a node of a real cluster (server_node.hpp,
// docs/nodes.md). The page's worker never calls them; they share the binary
// so that the browser and the server run the very same file.
//
// The host's turn: quorum_server_receive for each datagram waiting,
// quorum_server_tick, then quorum_server_flush; if the flush gave a frame,
// the host appends it to the record log and fsyncs, and only then sends the
// datagrams (quorum_server_datagrams: u32 count, then per datagram u32 IPv4
// address, u32 port, u32 size, bytes; little-endian).
#include <emscripten/emscripten.h>

#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "quorum/protocols.hpp"
#include "record_log.hpp"
#include "server_node.hpp"

namespace {

using namespace quorum;

struct ServerState {
    std::map<NodeId, worker::EndpointKey> peers;
    std::map<std::string, std::string> live;  // every record, as the log has it
    std::optional<worker::ServerNode> node;
    std::string error;
    std::string bytes;      // the last frame, snapshot or dump
    std::string datagrams;  // the last flush's, framed
    std::string log;
    double torn_at = -1;
};

ServerState& state() {
    static ServerState server;
    return server;
}

enum Outcome : int { kOk = 0, kBadSetup = 1, kDamaged = 2, kNotBooted = 3 };

std::optional<Algorithm> algorithm_named(const char* name) {
    return parse_algorithm(name);
}

std::vector<store::Record> live_records() {
    return {state().live.begin(), state().live.end()};
}

}  // namespace

extern "C" {

EMSCRIPTEN_KEEPALIVE void quorum_server_add_peer(std::uint32_t id, std::uint32_t address,
                                                 std::uint32_t port) {
    state().peers[id] = worker::endpoint_key(address, static_cast<std::uint16_t>(port));
}

// Replays a whole record log of `algorithm` node `id`. kOk: loaded
// (quorum_server_torn_at() says where an unfinished last write starts, or
// -1); kDamaged: quorum_server_error() says where and what.
EMSCRIPTEN_KEEPALIVE int quorum_server_load(const char* algorithm, std::uint32_t id,
                                            const char* bytes, std::size_t size) {
    ServerState& server = state();
    const auto loaded = worker::load_log(std::string_view(bytes, size),
                                         worker::file_owner(algorithm, static_cast<NodeId>(id)));
    if (const auto* error = std::get_if<std::string>(&loaded)) {
        server.error = *error;
        return kDamaged;
    }
    const auto& log = std::get<worker::LoadedLog>(loaded);
    server.live = log.records;
    server.torn_at = log.torn_at ? static_cast<double>(*log.torn_at) : -1;
    return kOk;
}

EMSCRIPTEN_KEEPALIVE double quorum_server_torn_at() {
    return state().torn_at;
}

// The first frame of a new log for `algorithm` node `id` (quorum_server_bytes).
EMSCRIPTEN_KEEPALIVE void quorum_server_first_frame(const char* algorithm, std::uint32_t id) {
    state().bytes = worker::first_frame(worker::file_owner(algorithm, static_cast<NodeId>(id)));
}

// The whole log anew: its first frame and one frame of every record
// (quorum_server_bytes), for the host to replace a log grown long.
EMSCRIPTEN_KEEPALIVE void quorum_server_snapshot(const char* algorithm, std::uint32_t id) {
    store::Batch all;
    for (const auto& [key, value] : state().live) {
        all.push_back(store::Op{store::Op::Kind::Put, key, value});
    }
    state().bytes = worker::first_frame(worker::file_owner(algorithm, static_cast<NodeId>(id))) +
                    worker::frame_batch(all);
}

// The bytes of every record, to tell a log grown long.
EMSCRIPTEN_KEEPALIVE double quorum_server_live_bytes() {
    double total = 0;
    for (const auto& [key, value] : state().live) {
        total += static_cast<double>(key.size() + value.size());
    }
    return total;
}

// Boots node `id` from the loaded records. kBadSetup or kDamaged:
// quorum_server_error() says why.
EMSCRIPTEN_KEEPALIVE int quorum_server_boot(const char* algorithm, std::uint32_t id,
                                            std::uint32_t seed_high, std::uint32_t seed_low,
                                            double now_us) {
    ServerState& server = state();
    const auto parsed = algorithm_named(algorithm);
    if (!parsed || !server.peers.contains(static_cast<NodeId>(id))) {
        server.error = "no such protocol or node";
        return kBadSetup;
    }
    const std::uint64_t seed = std::uint64_t{seed_high} << 32 | seed_low;
    try {
        server.node.emplace(*parsed, server.peers, static_cast<NodeId>(id), seed, live_records(),
                            static_cast<TimeUs>(now_us));
    } catch (const std::invalid_argument& error) {
        server.error = error.what();
        return kDamaged;
    }
    return kOk;
}

// The durable state as quorum-node --dump prints it (quorum_server_bytes).
EMSCRIPTEN_KEEPALIVE int quorum_server_dump(const char* algorithm) {
    ServerState& server = state();
    const auto parsed = algorithm_named(algorithm);
    if (!parsed) {
        server.error = "no such protocol";
        return kBadSetup;
    }
    auto dumped = worker::dump_records(*parsed, live_records());
    if (dumped.index() == 1) {
        server.error = std::get<1>(dumped);
        return kDamaged;
    }
    server.bytes = std::get<0>(std::move(dumped));
    return kOk;
}

EMSCRIPTEN_KEEPALIVE const char* quorum_server_error() {
    return state().error.c_str();
}

EMSCRIPTEN_KEEPALIVE int quorum_server_receive(double now_us, const char* bytes, std::size_t size,
                                               std::uint32_t address, std::uint32_t port) {
    ServerState& server = state();
    if (!server.node) {
        return kNotBooted;
    }
    server.node->receive(std::string_view(bytes, size),
                         worker::endpoint_key(address, static_cast<std::uint16_t>(port)),
                         static_cast<TimeUs>(now_us));
    return kOk;
}

EMSCRIPTEN_KEEPALIVE int quorum_server_tick(double now_us) {
    ServerState& server = state();
    if (!server.node) {
        return kNotBooted;
    }
    server.node->tick(static_cast<TimeUs>(now_us));
    return kOk;
}

EMSCRIPTEN_KEEPALIVE double quorum_server_next_deadline() {
    const ServerState& server = state();
    return server.node ? static_cast<double>(server.node->next_deadline()) : -1;
}

// Ends the turn: quorum_server_bytes is the frame to append and fsync (empty
// when the turn wrote nothing), quorum_server_datagrams what to send after
// it, quorum_server_log the lines for stderr.
EMSCRIPTEN_KEEPALIVE int quorum_server_flush() {
    ServerState& server = state();
    if (!server.node) {
        return kNotBooted;
    }
    auto turn = server.node->flush();
    server.bytes = turn.writes.empty() ? std::string() : worker::frame_batch(turn.writes);
    worker::apply_batch(server.live, turn.writes);
    server.datagrams.clear();
    store::put_u32(server.datagrams, static_cast<std::uint32_t>(turn.datagrams.size()));
    for (const auto& datagram : turn.datagrams) {
        store::put_u32(server.datagrams, static_cast<std::uint32_t>(datagram.to >> 16));
        store::put_u32(server.datagrams, static_cast<std::uint32_t>(datagram.to & 0xFFFF));
        store::put_u32(server.datagrams, static_cast<std::uint32_t>(datagram.bytes.size()));
        server.datagrams += datagram.bytes;
    }
    server.log = server.node->take_log();
    return kOk;
}

EMSCRIPTEN_KEEPALIVE const char* quorum_server_bytes_data() {
    return state().bytes.data();
}
EMSCRIPTEN_KEEPALIVE std::size_t quorum_server_bytes_size() {
    return state().bytes.size();
}
EMSCRIPTEN_KEEPALIVE const char* quorum_server_datagrams_data() {
    return state().datagrams.data();
}
EMSCRIPTEN_KEEPALIVE std::size_t quorum_server_datagrams_size() {
    return state().datagrams.size();
}
EMSCRIPTEN_KEEPALIVE const char* quorum_server_log() {
    return state().log.c_str();
}

}  // extern "C"
