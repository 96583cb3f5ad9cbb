// The C++ half of a node worker (web/node_worker.js is the other half): one
// protocol node, alone in its own WebAssembly instance, in its own Web Worker.
//
// Who calls whom: the worker's JS is the host loop. It loads the node's
// records from IndexedDB and hands them over one by one, boots the node, and
// for each input from the scheduler calls quorum_node_step or
// quorum_node_fire; then it commits the input's writes in one IndexedDB
// transaction and only after that posts the input's messages on the
// BroadcastChannel (the node contract). C++ never waits for JS, so the module
// needs no Asyncify and its stack stays plain; the node itself (core/) cannot
// tell this host from the simulator's.
//
// Everything crossing the boundary is bytes: messages in the wire codec,
// writes as a store::Batch, outputs framed as described at quorum_node_step.
#include <emscripten/emscripten.h>

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "quorum/json_escape.hpp"
#include "quorum/store/records.hpp"
#include "quorum/store/stored_node.hpp"
#include "setup.hpp"

namespace {

using namespace quorum;

struct WorkerState {
    std::vector<store::Record> records;  // as loaded, until boot
    std::string loaded;                  // the same records, as one encoded batch
    std::optional<store::StoredNode> node;
    std::string error;
    std::string writes;   // the last input's writes (store::encode_batch)
    std::string output;   // the last input's messages, framed
    std::string applied;  // quorum_node_applied_json's last answer
};

WorkerState& state() {
    static WorkerState worker;
    return worker;
}

// Outcome codes shared with node_worker.js.
enum Outcome : int {
    kOk = 0,
    kBadSetup = 1,
    kDiskFailed = 2,
    kNotBooted = 3,
    kUndecodable = 4,
    kNotForThisNode = 5,
};

int take(store::StoredNode::Output output) {
    WorkerState& worker = state();
    worker.writes = store::encode_batch(output.writes);
    worker.output = store::frame_messages(output.messages);
    return kOk;
}

}  // namespace

extern "C" {

EMSCRIPTEN_KEEPALIVE void quorum_node_add_record(const char* key, std::size_t key_size,
                                                 const char* value, std::size_t value_size) {
    state().records.emplace_back(std::string(key, key_size), std::string(value, value_size));
}

// Builds the node from the records added so far. 0: booted; kBadSetup or
// kDiskFailed: quorum_node_error() says why, and the node does not start.
EMSCRIPTEN_KEEPALIVE int quorum_node_boot(const char* setup_json, std::uint32_t node,
                                          std::uint32_t incarnation, double now_us) {
    WorkerState& worker = state();
    std::string error;
    const auto setup = setup::setup_from_json(setup_json, setup::SetupOptions{}, error);
    if (!setup || node < 1 || node > static_cast<std::uint32_t>(setup->nodes)) {
        worker.error = setup ? "node " + std::to_string(node) + " is not in the cluster" : error;
        return kBadSetup;
    }
    store::Batch loaded;
    for (const auto& [key, value] : worker.records) {
        loaded.push_back(store::Op{store::Op::Kind::Put, key, value});
    }
    worker.loaded = store::encode_batch(loaded);
    auto durable = store::load(setup->algorithm, std::move(worker.records));
    worker.records.clear();
    if (const auto* failed = std::get_if<store::LoadError>(&durable)) {
        worker.error = failed->what();
        return kDiskFailed;
    }
    worker.node.emplace(setup::make_config(*setup), node, incarnation,
                        std::get<AnyDurableState>(std::move(durable)), static_cast<TimeUs>(now_us));
    return kOk;
}

EMSCRIPTEN_KEEPALIVE const char* quorum_node_error() {
    return state().error.c_str();
}
EMSCRIPTEN_KEEPALIVE const char* quorum_node_loaded_data() {
    return state().loaded.data();
}
EMSCRIPTEN_KEEPALIVE std::size_t quorum_node_loaded_size() {
    return state().loaded.size();
}

// One message delivered to the node. On kOk the input's writes and output are
// ready: output: store::frame_messages.
EMSCRIPTEN_KEEPALIVE int quorum_node_step(double now_us, const char* bytes, std::size_t size) {
    WorkerState& worker = state();
    if (!worker.node) {
        return kNotBooted;
    }
    auto output = worker.node->step(std::string_view(bytes, size), static_cast<TimeUs>(now_us));
    if (const auto* error = std::get_if<store::StoredNode::StepError>(&output)) {
        return *error == store::StoredNode::StepError::Undecodable ? kUndecodable : kNotForThisNode;
    }
    return take(std::get<store::StoredNode::Output>(std::move(output)));
}

// The node's timer fires (it is the scheduler that decides when).
EMSCRIPTEN_KEEPALIVE int quorum_node_fire(double now_us) {
    WorkerState& worker = state();
    if (!worker.node) {
        return kNotBooted;
    }
    return take(worker.node->fire_timer(static_cast<TimeUs>(now_us)));
}

EMSCRIPTEN_KEEPALIVE const char* quorum_node_writes_data() {
    return state().writes.data();
}
EMSCRIPTEN_KEEPALIVE std::size_t quorum_node_writes_size() {
    return state().writes.size();
}
EMSCRIPTEN_KEEPALIVE const char* quorum_node_output_data() {
    return state().output.data();
}
EMSCRIPTEN_KEEPALIVE std::size_t quorum_node_output_size() {
    return state().output.size();
}

// What this node has applied, as JSON: {"applied": N, "values": {key: value,
// ...}} ("values": null for a protocol without a state machine), or null
// before boot. The worker's own answer, read from its own instance: the test
// that kills workers compares it with the page's mirror (tests/e2e).
EMSCRIPTEN_KEEPALIVE const char* quorum_node_applied_json() {
    WorkerState& worker = state();
    if (!worker.node) {
        worker.applied = "null";
        return worker.applied.c_str();
    }
    worker.applied = "{\"applied\":" + std::to_string(worker.node->applied()) + ",\"values\":";
    const StateMachine* machine = worker.node->state_machine();
    if (machine == nullptr) {
        worker.applied += "null}";
        return worker.applied.c_str();
    }
    worker.applied += '{';
    bool first = true;
    for (const auto& [key, value] : machine->values()) {
        worker.applied += first ? "" : ",";
        first = false;
        append_json_string(worker.applied, key);
        worker.applied += ':';
        append_json_string(worker.applied, value);
    }
    worker.applied += "}}";
    return worker.applied.c_str();
}

}  // extern "C"
