// The page's WorkerHost: the workers runner's calls, handed to
// web/workers.js (globalThis.quorumWorkers) through EM_JS. The answers come
// back through the quorum_worker_* functions of page_bridge.cpp.
//
// EM_JS rather than embind: a handful of calls with numbers, strings and
// byte ranges, no C++ objects crossing, and nothing to link.
#include <memory>

#include "workers_runner.hpp"

#ifdef __EMSCRIPTEN__
#include <emscripten.h>

// clang-format off
EM_JS(void, quorum_js_workers_open, (const char* cluster, int nodes, int wipe_first), {
    globalThis.quorumWorkers.open(UTF8ToString(cluster), nodes, wipe_first !== 0);
});
EM_JS(void, quorum_js_workers_spawn, (int node, int incarnation, double now_us, const char* setup), {
    globalThis.quorumWorkers.spawn(node, incarnation, now_us, UTF8ToString(setup));
});
EM_JS(void, quorum_js_workers_terminate, (int node), {
    globalThis.quorumWorkers.terminate(node);
});
EM_JS(void, quorum_js_workers_input, (int node, int incarnation, double seq, double now_us,
                                      const char* data, int size, int has_message), {
    const message = has_message ? HEAPU8.slice(data, data + size).buffer : null;
    globalThis.quorumWorkers.input(node, incarnation, seq, now_us, message);
});
EM_JS(void, quorum_js_workers_save_meta, (const char* cluster, const char* meta), {
    globalThis.quorumWorkers.saveMeta(UTF8ToString(cluster), UTF8ToString(meta));
});
EM_JS(void, quorum_js_workers_close, (), {
    globalThis.quorumWorkers.close();
});
// clang-format on

namespace quorum::dashboard {

namespace {

int as_int(std::uint64_t value) {
    return static_cast<int>(value);
}

class PageWorkerHost final : public WorkerHost {
  public:
    void open(const std::string& cluster, std::size_t nodes, bool wipe_first) override {
        quorum_js_workers_open(cluster.c_str(), as_int(nodes), wipe_first ? 1 : 0);
    }
    void spawn(NodeId node, std::uint32_t incarnation, TimeUs now_us,
               const std::string& setup_json) override {
        quorum_js_workers_spawn(as_int(node), as_int(incarnation), static_cast<double>(now_us),
                                setup_json.c_str());
    }
    void terminate(NodeId node) override { quorum_js_workers_terminate(as_int(node)); }
    void input(NodeId node, std::uint32_t incarnation, std::uint64_t seq, TimeUs now_us,
               const std::string* message) override {
        quorum_js_workers_input(as_int(node), as_int(incarnation), static_cast<double>(seq),
                                static_cast<double>(now_us), message ? message->data() : nullptr,
                                message ? as_int(message->size()) : 0, message ? 1 : 0);
    }
    void save_meta(const std::string& cluster, const std::string& meta_json) override {
        quorum_js_workers_save_meta(cluster.c_str(), meta_json.c_str());
    }
    void close() override { quorum_js_workers_close(); }
};

}  // namespace

std::unique_ptr<WorkerHost> make_page_worker_host() {
    return std::make_unique<PageWorkerHost>();
}

}  // namespace quorum::dashboard

#else

namespace quorum::dashboard {

std::unique_ptr<WorkerHost> make_page_worker_host() {
    return nullptr;  // the desktop has no Web Workers
}

}  // namespace quorum::dashboard

#endif
