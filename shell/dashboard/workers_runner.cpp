#include "workers_runner.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <utility>

#include "quorum/protocols.hpp"
#include "quorum/sim/nodes.hpp"
#include "quorum/store/records.hpp"
#include "quorum/store/stored_node.hpp"
#include "quorum/wire/codec.hpp"

namespace quorum::dashboard {

namespace {

// A message in flight in the wire codec, as its sender's worker sends it.
std::string wire_bytes(const sim::Cluster& cluster, const sim::InFlight& flight) {
    return with_protocol(*algorithm_of(cluster.config().protocol), [&]<Protocol P>() {
        return wire::encode(cluster.nodes<P>().message(flight));
    });
}

}  // namespace

const char* node_status_name(WorkersRunner::NodeStatus status) {
    switch (status) {
        case WorkersRunner::NodeStatus::Booting:
            return "booting";
        case WorkersRunner::NodeStatus::Up:
            return "up";
        case WorkersRunner::NodeStatus::Down:
            return "down";
        case WorkersRunner::NodeStatus::DiskFailed:
            return "disk failed";
    }
    return "?";
}

WorkersRunner::WorkersRunner(WorkerHost& host, SetupOptions setup)
    : host_(host),
      setup_(std::move(setup)),
      setup_json_(setup_to_json(setup_)),
      views_(static_cast<std::size_t>(setup_.nodes) + 1),
      workers_(static_cast<std::size_t>(setup_.nodes) + 1) {}

WorkersRunner::~WorkersRunner() {
    host_.close();
}

void WorkersRunner::start_fresh(const sim::Cluster& cluster) {
    to_start_.clear();
    for (NodeId node = 1; node <= cluster.size(); ++node) {
        to_start_.push_back(node);
    }
    opening_ = true;
    host_.open(setup_.cluster_name, cluster.size(), true);
}

void WorkersRunner::start_restored(const sim::Cluster& cluster, const std::vector<NodeId>& up) {
    to_start_ = up;
    opening_ = true;
    host_.open(setup_.cluster_name, cluster.size(), false);
}

void WorkersRunner::on_opened(const sim::Cluster& cluster, bool memory_only) {
    if (!opening_) {
        return;
    }
    opening_ = false;
    memory_only_ = memory_only;
    for (NodeId node : to_start_) {
        // A fresh cluster's nodes are up in the mirror (incarnation 0); a
        // restored cluster's are down, and come back as their next incarnation.
        spawn(node, cluster.incarnation(node) + (cluster.is_up(node) ? 0 : 1), cluster.now());
    }
    to_start_.clear();
    save_meta(cluster);
}

void WorkersRunner::spawn(NodeId node, std::uint32_t incarnation, TimeUs now_us) {
    views_[node] = NodeView{NodeStatus::Booting, incarnation, 0, {}, {}};
    workers_[node] = Worker{};
    host_.spawn(node, incarnation, now_us, setup_json_);
}

bool WorkersRunner::ready() const {
    return !opening_ && std::none_of(views_.begin(), views_.end(), [](const NodeView& view) {
        return view.status == NodeStatus::Booting;
    });
}

std::size_t WorkersRunner::unsent_inputs() const {
    std::size_t unsent = 0;
    for (const Worker& worker : workers_) {
        unsent += worker.unsent.size();
    }
    return unsent;
}

bool WorkersRunner::may_deliver(const sim::Cluster& cluster, std::uint64_t message_id) const {
    const sim::InFlight* flight = cluster.in_flight().find(message_id);
    if (flight == nullptr || is_client_address(flight->from)) {
        return true;  // clients live in the page: their messages are sent at once
    }
    const Worker& worker = workers_[flight->from];
    return std::none_of(worker.unsent.begin(), worker.unsent.end(), [&](const Unsent& unsent) {
        return message_id >= unsent.first_id && message_id < unsent.end_id;
    });
}

bool WorkersRunner::may_take(const sim::Cluster& cluster, const sim::PendingEvent& event) const {
    if (!ready()) {
        return false;
    }
    return event.kind != sim::EventKind::Deliver || may_deliver(cluster, event.message_id);
}

void WorkersRunner::dispatch(sim::Cluster& cluster) {
    for (const sim::NodeInput& input : cluster.take_node_inputs()) {
        std::vector<std::string> sent;
        for (std::uint64_t id = input.first_sent_id; id < input.end_sent_id; ++id) {
            const sim::InFlight* flight = cluster.in_flight().find(id);
            if (flight != nullptr && !flight->duplicate) {
                sent.push_back(wire_bytes(cluster, *flight));
            }
        }
        Worker& worker = workers_[input.node];
        const std::uint64_t seq = worker.next_seq++;
        worker.unsent.push_back(
            Unsent{seq, store::frame_messages(sent), input.first_sent_id, input.end_sent_id});
        ++views_[input.node].unsent_inputs;
        host_.input(input.node, views_[input.node].incarnation, seq, input.now_us,
                    input.message ? &*input.message : nullptr);
    }
}

void WorkersRunner::kill(sim::Cluster& cluster, NodeId node) {
    host_.terminate(node);
    cluster.crash(node);
    for (const Unsent& unsent : workers_[node].unsent) {
        for (std::uint64_t id = unsent.first_id; id < unsent.end_id; ++id) {
            cluster.drop(id, "unsent");
        }
    }
    workers_[node] = Worker{};
    views_[node].status = NodeStatus::Down;
    views_[node].unsent_inputs = 0;
    save_meta(cluster);
}

void WorkersRunner::restart(const sim::Cluster& cluster, NodeId node) {
    spawn(node, cluster.incarnation(node) + 1, cluster.now());
}

bool WorkersRunner::current(NodeId node, std::uint32_t incarnation, NodeStatus status) {
    ++reports_;
    if (node < 1 || node >= views_.size()) {
        count_drop("unknown node id");
        return false;
    }
    if (incarnation != views_[node].incarnation) {
        count_drop("from another incarnation");
        return false;
    }
    if (views_[node].status != status) {
        count_drop(std::string("from a node that is ") + node_status_name(views_[node].status));
        return false;
    }
    return true;
}

void WorkersRunner::on_booted(sim::Cluster& cluster, NodeId node, std::uint32_t incarnation,
                              std::string_view loaded_batch) {
    if (!current(node, incarnation, NodeStatus::Booting)) {
        return;
    }
    const auto fail = [&](std::string reason) {
        views_[node].status = NodeStatus::DiskFailed;
        views_[node].reason = std::move(reason);
        cluster.crash(node);
        save_meta(cluster);
    };
    const auto batch = store::decode_batch(loaded_batch);
    if (!batch) {
        return fail("its records arrived damaged");
    }
    std::vector<store::Record> records;
    for (const store::Op& op : *batch) {
        records.emplace_back(op.key, op.value);
    }
    auto loaded = store::load(setup_.algorithm, std::move(records));
    if (const auto* error = std::get_if<store::LoadError>(&loaded)) {
        return fail(error->what());
    }
    auto& durable = std::get<AnyDurableState>(loaded);
    if (cluster.is_up(node)) {  // a fresh cluster: its disk must be as empty as the mirror's
        if (durable != cluster.durable(node)) {
            return fail("its disk holds another run's state");
        }
    } else {
        cluster.restart(node, std::move(durable));
    }
    views_[node].status = NodeStatus::Up;
    save_meta(cluster);
}

void WorkersRunner::on_sent(NodeId node, std::uint32_t incarnation, std::uint64_t seq,
                            std::string_view output) {
    if (!current(node, incarnation, NodeStatus::Up)) {
        return;
    }
    Worker& worker = workers_[node];
    if (worker.unsent.empty() || seq < worker.unsent.front().seq) {
        count_drop("replay of an earlier report");
        return;
    }
    if (seq != worker.unsent.front().seq) {
        count_drop("report out of order");
        return;
    }
    if (output != worker.unsent.front().expected_output) {
        count_drop("output differs from the mirror's");
        return;
    }
    worker.unsent.pop_front();
    --views_[node].unsent_inputs;
}

void WorkersRunner::on_disk_failed(sim::Cluster& cluster, NodeId node, std::uint32_t incarnation,
                                   const std::string& reason) {
    ++reports_;
    if (node < 1 || node >= views_.size() || incarnation != views_[node].incarnation ||
        views_[node].status == NodeStatus::Down) {
        count_drop("stale disk report");
        return;
    }
    if (cluster.is_up(node)) {
        kill(cluster, node);  // terminates its worker
    } else {
        host_.terminate(node);  // a worker that failed while loading: never up
    }
    views_[node].status = NodeStatus::DiskFailed;
    views_[node].reason = reason;
    save_meta(cluster);
}

void WorkersRunner::on_rejected(NodeId node, std::uint32_t incarnation, const std::string& reason) {
    ++reports_;
    (void)node;
    (void)incarnation;
    count_drop("a worker refused: " + reason);
}

void WorkersRunner::host_lost(sim::Cluster& cluster, NodeId node) {
    if (node < 1 || node >= views_.size()) {
        return;
    }
    if (cluster.is_up(node)) {
        kill(cluster, node);
    } else if (views_[node].status == NodeStatus::Booting) {
        views_[node].status = NodeStatus::Down;  // its boot report will never come
        save_meta(cluster);
    }
}

bool WorkersRunner::host_offered(sim::Cluster& cluster, NodeId node) {
    if (node < 1 || node >= views_.size() || !views_[node].host.empty()) {
        return false;
    }
    switch (views_[node].status) {
        case NodeStatus::Up:
            kill(cluster, node);
            restart(cluster, node);
            return true;
        case NodeStatus::Booting:
            // Not up yet: nothing to lose; boot the same incarnation there.
            spawn(node, views_[node].incarnation, cluster.now());
            return true;
        case NodeStatus::Down:
        case NodeStatus::DiskFailed:
            return false;  // it starts there when it is restarted
    }
    return false;
}

void WorkersRunner::on_placed(NodeId node, std::string host) {
    if (node >= 1 && node < views_.size()) {
        views_[node].host = std::move(host);
    }
}

void WorkersRunner::on_dropped(const std::string& reason) {
    ++reports_;
    count_drop(reason);
}

void WorkersRunner::count_drop(const std::string& reason) {
    ++dropped_[reason];
}

std::string WorkersRunner::meta_json(const sim::Cluster& cluster) const {
    nlohmann::json down = nlohmann::json::array();
    for (NodeId node = 1; node < views_.size(); ++node) {
        if (views_[node].status == NodeStatus::Down ||
            views_[node].status == NodeStatus::DiskFailed) {
            down.push_back(node);
        }
    }
    return nlohmann::json{{"setup", nlohmann::json::parse(setup_json_)},
                          {"nowUs", cluster.now()},
                          {"clientIds", client_ids_reserved_},
                          {"down", down},
                          {"inFlight", cluster.in_flight().size()}}
        .dump();
}

void WorkersRunner::save_meta(const sim::Cluster& cluster) {
    client_ids_reserved_ = static_cast<ClientId>(cluster.clients().size()) + kClientIdBlock;
    host_.save_meta(setup_.cluster_name, meta_json(cluster));
}

void WorkersRunner::after_client_started(const sim::Cluster& cluster) {
    if (cluster.clients().size() + kClientIdBlock / 2 >= client_ids_reserved_) {
        save_meta(cluster);
    }
}

}  // namespace quorum::dashboard
