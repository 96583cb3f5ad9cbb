// [SECTION] Trace lines     parsing the simulator's JSON lines for display
// [SECTION] Clock           play, speed, step, snapshots, step back
// [SECTION] Commands        manual network, chaos, clients, selection
#include "session.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "protocols/registry.hpp"
#include "quorum/history_json.hpp"

namespace quorum::dashboard {

namespace {

// -----------------------------------------------------------------------------
// [SECTION] Trace lines
// -----------------------------------------------------------------------------

std::string node_name(std::uint64_t address) {
    if (address > kClientAddressBase) {
        return "client " + std::to_string(address - kClientAddressBase);
    }
    return "S" + std::to_string(address);
}

std::uint64_t unsigned_field(const nlohmann::json& line, const char* key) {
    const auto found = line.find(key);
    return found != line.end() && found->is_number_unsigned() ? found->get<std::uint64_t>() : 0;
}

std::string string_field(const nlohmann::json& line, const char* key) {
    const auto found = line.find(key);
    if (found == line.end()) {
        return {};
    }
    return found->is_string() ? found->get<std::string>() : found->dump();
}

// What is left of a line once t and ev are shown: "key=value ..." for the
// events with no summary of their own (partition, net, block, ...).
std::string remaining_fields(const nlohmann::json& line) {
    std::string out;
    for (const auto& [key, value] : line.items()) {
        if (key == "t" || key == "ev") {
            continue;
        }
        out += (out.empty() ? "" : " ") + key + "=" +
               (value.is_string() ? value.get<std::string>() : value.dump());
    }
    return out;
}

void parse_line(const std::string& text, EventLine& event) {
    const nlohmann::json line = nlohmann::json::parse(text, nullptr, false);

    if (line.is_discarded() || !line.is_object()) {
        event.text = text;
        return;
    }
    event.time_us = static_cast<TimeUs>(unsigned_field(line, "t"));
    event.kind = string_field(line, "ev");
    event.node = static_cast<NodeId>(unsigned_field(line, "node"));
    event.message_id = unsigned_field(line, "id");
    event.client = static_cast<ClientId>(unsigned_field(line, "client"));
    const std::string& kind = event.kind;
    if (kind == "send") {
        event.node = static_cast<NodeId>(unsigned_field(line, "from"));
        event.peer = static_cast<NodeId>(unsigned_field(line, "to"));
        event.text = "#" + std::to_string(event.message_id) + " " + string_field(line, "type") +
                     " " + node_name(event.node) + " -> " + node_name(event.peer) +
                     (line.contains("dup") ? " (network duplicate)" : "");
    } else if (kind == "role") {
        event.text = node_name(event.node) + " becomes " + string_field(line, "role") + " (term " +
                     string_field(line, "term") + ")";
    } else if (kind == "timer") {
        event.text = node_name(event.node) + " timer fires";
    } else if (kind == "apply") {
        event.text = node_name(event.node) + " applies [" + string_field(line, "index") +
                     "] term " + string_field(line, "term") + ": " + string_field(line, "cmd");
    } else if (kind == "crash" || kind == "restart" || kind == "isolate") {
        event.text = node_name(event.node) + " " + kind;
    } else if (kind == "phase") {
        event.text = node_name(event.node) + " proposer " + string_field(line, "phase");
    } else {
        event.text = remaining_fields(line);
    }
}

// The message id of a send line, read without parsing it: the simulator
// writes every send as {"t":..,"ev":"send","id":<id>,...} (docs/scenarios.md).
std::optional<std::uint64_t> send_id(std::string_view line) {
    constexpr std::string_view kSend = "\"ev\":\"send\",\"id\":";
    const std::size_t at = line.find(kSend);
    if (at == std::string_view::npos || at > 32) {
        return std::nullopt;
    }
    std::uint64_t id = 0;
    const char* first = line.data() + at + kSend.size();
    const auto [end, error] = std::from_chars(first, line.data() + line.size(), id);
    if (error != std::errc() || end == first) {
        return std::nullopt;
    }
    return id;
}

// "<protocol> clients put, get, append, add": why a client was refused.
std::string clients_refusal(const ProtocolView& view) {
    std::string names;
    for (const OperationKind kind : view.operations()) {
        names += (names.empty() ? "" : ", ") + std::string(operation_name(kind));
    }
    return view.name_in_text() + std::string(" clients ") + names;
}

}  // namespace

std::string format_seconds(TimeUs time_us) {
    char text[32];
    std::snprintf(text, sizeof text, "%.3f s",
                  static_cast<double>(time_us) / static_cast<double>(kMicrosecondsPerSecond));
    return text;
}

// -----------------------------------------------------------------------------
// [SECTION] Clock
// -----------------------------------------------------------------------------

Session::Session(std::unique_ptr<WorkerHost> host)
    : cluster_(setup::make_config(setup_)), host_(std::move(host)) {
    collect_trace();
}

Session::~Session() = default;

void Session::reset() {
    setup_ = setup_choice_;
    if (setup_.runner == Runner::Workers && !host_) {
        setup_.runner = Runner::InProcess;
        setup_choice_.runner = Runner::InProcess;
    }
    new_cluster();
    start_runner();
    collect_trace();
}

void Session::start(sim::Cluster cluster) {
    setup_.runner = Runner::InProcess;  // the caller's cluster lives here
    new_cluster();
    cluster_ = std::move(cluster);
    target_us_ = cluster_.now();
    playing_ = false;
    collect_trace();
}

// A new cluster of setup_, and nothing left of the old run.
void Session::new_cluster() {
    runner_.reset();  // terminates the old run's workers
    cluster_ = sim::Cluster(setup::make_config(setup_));
    ++run_number_;
    snapshots_.clear();
    snapshot_bytes_ = 0;
    last_snapshot_us_ = -1;
    events_.clear();
    events_dropped_ = 0;
    sends_.clear();
    selection_ = {};
    notice_.clear();
    linearizability_.reset();
}

void Session::start_runner() {
    target_us_ = cluster_.now();
    if (setup_.runner == Runner::Workers) {
        runner_ = std::make_unique<WorkersRunner>(*host_, setup_);
        runner_->start_fresh(cluster_);
    }
}

bool Session::restore(const std::string& meta_json, std::string& error) {
    const nlohmann::json meta = nlohmann::json::parse(meta_json, nullptr, false);
    if (!host_) {
        error = "no workers here";
        return false;
    }
    if (meta.is_discarded() || !meta.is_object() || !meta.contains("setup") ||
        !meta.value("nowUs", nlohmann::json()).is_number_integer() ||
        !meta.value("down", nlohmann::json()).is_array()) {
        error = "the saved cluster record is malformed";
        return false;
    }
    const auto setup = setup::setup_from_json(meta["setup"].dump(), SetupOptions{}, error);
    if (!setup || setup->runner != Runner::Workers) {
        error = "the saved cluster's setup is unusable: " + error;
        return false;
    }
    setup_ = *setup;
    setup_choice_ = *setup;
    new_cluster();
    cluster_.set_clock(meta["nowUs"].get<TimeUs>());
    cluster_.skip_client_ids(meta.value("clientIds", ClientId{0}));
    std::vector<NodeId> up;
    for (NodeId node = 1; node <= cluster_.size(); ++node) {
        const auto& down = meta["down"];
        if (std::find(down.begin(), down.end(), node) == down.end()) {
            up.push_back(node);
        }
        cluster_.crash(node);  // a reload is every node crashing at once
    }
    target_us_ = cluster_.now();
    runner_ = std::make_unique<WorkersRunner>(*host_, setup_);
    runner_->start_restored(cluster_, up);
    const auto lost = meta.value("inFlight", std::uint64_t{0});
    notice_ = "Cluster \"" + setup_.cluster_name + "\" is back from IndexedDB at " +
              format_seconds(cluster_.now()) + ": every node restarts from its disk; the " +
              std::to_string(lost) +
              " messages that were in flight are lost, as on a real network.";
    collect_trace();
    return true;
}

// -----------------------------------------------------------------------------
// [SECTION] The workers runner
// -----------------------------------------------------------------------------

bool Session::may_take(const sim::PendingEvent& event) const {
    return !runner_ || runner_->may_take(cluster_, event);
}

void Session::pump() {
    if (!runner_) {
        return;
    }
    // The clock waits while workers start: a restart or a reload happens at
    // one point of the run, as in-process.
    while (runner_->ready() && !cluster_.hold() && !cluster_.violation()) {
        const auto event = cluster_.next_event();
        if (!event || event->due_us > target_us_) {
            cluster_.set_clock(target_us_);
            break;
        }
        if (!runner_->may_take(cluster_, *event)) {
            break;  // the report it waits for calls pump() again
        }
        cluster_.step();
        runner_->dispatch(cluster_);
    }
    after_run();
}

void Session::worker_opened(bool memory_only) {
    if (runner_) {
        runner_->on_opened(cluster_, memory_only);
        if (memory_only) {
            notice_ =
                "IndexedDB is not available in this browser (a private window, or no space "
                "left): the nodes' disks are kept in this page's memory. Kill and restart work "
                "as before; a reload loses the cluster.";
        }
    }
}

void Session::worker_booted(NodeId node, std::uint32_t incarnation, std::string_view loaded) {
    if (runner_) {
        runner_->on_booted(cluster_, node, incarnation, loaded);
        pump();
    }
}

void Session::worker_sent(NodeId node, std::uint32_t incarnation, std::uint64_t seq,
                          std::string_view output) {
    if (runner_) {
        runner_->on_sent(node, incarnation, seq, output);
        pump();
    }
}

void Session::worker_disk_failed(NodeId node, std::uint32_t incarnation,
                                 const std::string& reason) {
    if (runner_) {
        runner_->on_disk_failed(cluster_, node, incarnation, reason);
        pump();
    }
}

void Session::worker_rejected(NodeId node, std::uint32_t incarnation, const std::string& reason) {
    if (runner_) {
        runner_->on_rejected(node, incarnation, reason);
    }
}

namespace {

// "node 4", "nodes 4 and 5", "nodes 3, 4 and 5".
std::string node_list(const std::vector<NodeId>& nodes) {
    std::string text = nodes.size() == 1 ? "node " : "nodes ";
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        if (i > 0) {
            text += i + 1 == nodes.size() ? " and " : ", ";
        }
        text += std::to_string(nodes[i]);
    }
    return text;
}

}  // namespace

void Session::worker_host_lost(const std::vector<NodeId>& nodes) {
    if (!runner_ || nodes.empty()) {
        return;
    }
    for (NodeId node : nodes) {
        runner_->host_lost(cluster_, node);
    }
    notice_ = "The tab that hosted " + node_list(nodes) +
              " was closed: " + (nodes.size() == 1 ? "it" : "they") + " crashed.";
    pump();
}

void Session::worker_host_offered(const std::vector<NodeId>& nodes) {
    if (!runner_) {
        return;
    }
    std::vector<NodeId> moved;
    for (NodeId node : nodes) {
        if (runner_->host_offered(cluster_, node)) {
            moved.push_back(node);
        }
    }
    if (!moved.empty()) {
        notice_ = "A tab offered to host " + node_list(moved) + ": restarted there from " +
                  (moved.size() == 1 ? "its disk." : "their disks.");
    }
    pump();
}

void Session::worker_placed(NodeId node, std::string host) {
    if (runner_) {
        runner_->on_placed(node, std::move(host));
    }
}

void Session::worker_dropped(const std::string& reason) {
    if (runner_) {
        runner_->on_dropped(reason);
    }
}

const EventLine* Session::sent_event(std::uint64_t message_id) const {
    const auto found = sends_.find(message_id);
    if (found == sends_.end() || found->second < events_dropped_) {
        return nullptr;
    }
    return &event(found->second - events_dropped_);
}

const EventLine& Session::event(std::size_t index) const {
    EventLine& event = events_.at(index);
    if (event.parsed) {
        return event;
    }
    event.parsed = true;
    parse_line(event.raw, event);
    if ((event.kind == "deliver" || event.kind == "drop") && event.message_id != 0) {
        // The trace names only the id: complete the line from its send.
        if (const EventLine* sent = sent_event(event.message_id)) {
            event.node = sent->node;
            event.peer = sent->peer;
            const std::string why =
                event.text.find("why=") != std::string::npos
                    ? " (" + event.text.substr(event.text.find("why=") + 4) + ")"
                    : "";
            event.text = event.kind + " " + sent->text + why;
        }
    }
    return event;
}

void Session::collect_trace() {
    for (std::string& line : cluster_.take_trace()) {
        if (const auto id = send_id(line)) {
            sends_[*id] = events_logged();
        }
        EventLine event;
        event.raw = std::move(line);
        events_.push_back(std::move(event));
    }
    if (events_.size() > kMaxEvents) {
        drop_oldest_events();
    }
}

void Session::drop_oldest_events() {
    const std::size_t drop = events_.size() - kMaxEvents * 9 / 10;
    events_.erase(events_.begin(), events_.begin() + static_cast<std::ptrdiff_t>(drop));
    events_dropped_ += drop;
    std::erase_if(sends_, [&](const auto& sent) { return sent.second < events_dropped_; });
}

// An invariant broken: stop there, so the person sees the step that broke it.
void Session::after_run() {
    if (runner_) {
        runner_->dispatch(cluster_);
    }
    collect_trace();
    if (cluster_.violation()) {
        playing_ = false;
    }
}

std::size_t Session::estimate_bytes(const sim::Cluster& cluster) {
    const std::size_t bytes = sizeof(sim::Cluster) +
                              cluster.in_flight().size() * sizeof(sim::InFlight) +
                              protocol_view(cluster).snapshot_bytes(cluster);
    return bytes + cluster.history().size() * sizeof(ClientOperation);
}

void Session::take_snapshot() {
    collect_trace();
    if (runner_) {
        return;  // step back needs the in-process runner: copies would only cost
    }
    Snapshot snapshot{cluster_, events_logged(), estimate_bytes(cluster_)};
    snapshot_bytes_ += snapshot.bytes;
    snapshots_.push_back(std::move(snapshot));
    last_snapshot_us_ = cluster_.now();
    while (snapshots_.size() > 1 &&
           (snapshots_.size() > kMaxSnapshots || snapshot_bytes_ > kMaxSnapshotBytes)) {
        snapshot_bytes_ -= snapshots_.front().bytes;
        snapshots_.pop_front();
    }
}

void Session::advance(double real_dt_s) {
    // Hold: virtual time stands still until a person takes an event.
    if (!playing_ || cluster_.violation() || cluster_.hold()) {
        pending_virtual_us_ = 0;
        return;
    }
    // A hidden tab or a debugger pause must not jump the run by minutes.
    const double dt_s = std::clamp(real_dt_s, 0.0, 0.1);
    pending_virtual_us_ += dt_s * effective_speed() * static_cast<double>(kMicrosecondsPerSecond);
    const auto whole_us = static_cast<TimeUs>(pending_virtual_us_);
    if (whole_us <= 0) {
        return;
    }
    pending_virtual_us_ -= static_cast<double>(whole_us);
    if (runner_) {
        // Workers that fall behind slow the run down; they never make it
        // jump: the target stays within a few frames of the clock.
        target_us_ = std::min(std::max(target_us_, cluster_.now()) + whole_us,
                              cluster_.now() + 3 * whole_us);
        since_meta_saved_s_ += dt_s;
        if (since_meta_saved_s_ >= 0.5) {
            since_meta_saved_s_ = 0;
            runner_->save_meta(cluster_);
        }
        pump();
        return;
    }
    if (last_snapshot_us_ < 0 || cluster_.now() - last_snapshot_us_ >= kSnapshotEveryUs) {
        take_snapshot();
    }
    cluster_.run_for(whole_us);
    after_run();
}

void Session::set_playing(bool playing) {
    playing_ = playing && !cluster_.violation();
    pending_virtual_us_ = 0;
}

bool Session::set_slow_motion(SlowMotion slow_motion) {
    if (!(slow_motion.speed >= kMinSpeed && slow_motion.speed <= kMaxSpeed)) {  // NaN too
        notice_ = "the slow motion speed is from 0.01x to 100x";
        return false;
    }
    slow_motion_ = std::move(slow_motion);
    return true;
}

std::string Session::slow_reason() const {
    // From 1x up the teacher is fast-forwarding: slow motion stays out of it.
    if (!slow_motion_.on || speed_ >= 1.0) {
        return {};
    }
    const bool leaderless = !protocol_view(cluster_).has_leader() || !cluster_.leader();
    bool between_nodes = false;
    for (const sim::InFlight& flight : cluster_.in_flight()) {
        if (!slow_motion_.type.empty() && cluster_.message_type(flight) == slow_motion_.type) {
            return slow_motion_.type + " in flight";
        }
        between_nodes |= !is_client_address(flight.from) && !is_client_address(flight.to);
    }
    return leaderless && between_nodes ? "election or ballot" : std::string();
}

double Session::effective_speed() const {
    return slow_reason().empty() ? speed_ : std::min(speed_, slow_motion_.speed);
}

bool Session::set_speed(double speed) {
    if (!(speed >= kMinSpeed && speed <= kMaxSpeed)) {  // NaN too
        notice_ = "the speed is from 0.01x to 100x";
        return false;
    }
    speed_ = speed;
    return true;
}

bool Session::act(bool ok, const std::string& complaint) {
    notice_ = ok ? std::string() : complaint;
    after_run();
    return ok;
}

bool Session::step() {
    playing_ = false;
    const auto event = cluster_.next_event();
    if (event && !may_take(*event)) {
        return act(false, "waiting for the workers: the next event is not sent yet");
    }
    take_snapshot();
    return act(cluster_.step(), "nothing is pending");
}

bool Session::step_back() {
    playing_ = false;
    if (runner_) {
        return act(false, "step back needs the in-process runner: a worker's disk cannot go back");
    }
    collect_trace();
    // The newest snapshot that differs from now: one taken before the last
    // action, or before the last stretch of running.
    while (!snapshots_.empty()) {
        const Snapshot& last = snapshots_.back();
        const bool same = last.event_count == events_logged() &&
                          last.cluster.now() == cluster_.now() &&
                          last.cluster.events_processed() == cluster_.events_processed();
        if (!same) {
            break;
        }
        snapshot_bytes_ -= last.bytes;
        snapshots_.pop_back();
    }
    if (snapshots_.empty()) {
        notice_ = "no earlier snapshot";
        return false;
    }
    Snapshot& snapshot = snapshots_.back();
    cluster_ = snapshot.cluster;
    // Events older than the log keeps are gone either way.
    events_.resize(snapshot.event_count > events_dropped_ ? snapshot.event_count - events_dropped_
                                                          : 0);
    std::erase_if(sends_, [&](const auto& sent) { return sent.second >= events_logged(); });
    last_snapshot_us_ = cluster_.now();
    snapshot_bytes_ -= snapshot.bytes;
    snapshots_.pop_back();
    // Keep this state as a snapshot too: step back again goes further back.
    take_snapshot();
    notice_.clear();
    return true;
}

void Session::apply(const std::function<void(sim::Cluster&)>& action) {
    take_snapshot();
    action(cluster_);
    act(true, {});
}

bool Session::run_for(TimeUs duration_us) {
    if (duration_us <= 0 || duration_us > kMaxRunUs) {
        return act(false, "a run is from 1 ms to " + format_seconds(kMaxRunUs) +
                              " of virtual time (longer runs: quorum-sim)");
    }
    if (cluster_.hold()) {
        return act(false, "Hold is on: time stands still until you take an event");
    }
    if (runner_) {  // as fast as the workers go; the answer does not wait
        target_us_ = std::max(target_us_, cluster_.now()) + duration_us;
        pump();
        return true;
    }
    take_snapshot();
    const TimeUs end_us = cluster_.now() + duration_us;
    while (cluster_.now() < end_us && !cluster_.violation()) {
        cluster_.run_for(std::min(kRunSliceUs, end_us - cluster_.now()));
        collect_trace();
    }
    after_run();
    return true;
}

// -----------------------------------------------------------------------------
// [SECTION] Commands
// -----------------------------------------------------------------------------

void Session::set_hold(bool hold) {
    take_snapshot();
    cluster_.set_hold(hold);
    notice_.clear();
}

void Session::move_clock_to(TimeUs due_us) {
    // Taken ahead of an earlier event: the clock stops at that one (the event
    // is taken early, as a scenario's `deliver` does), never past it.
    const auto earliest = cluster_.next_event();
    const TimeUs to_us = earliest ? std::min(due_us, earliest->due_us) : due_us;
    if (cluster_.hold() && to_us > cluster_.now()) {
        cluster_.set_clock(to_us);
        target_us_ = std::max(target_us_, cluster_.now());
    }
}

bool Session::deliver(std::uint64_t message_id) {
    if (runner_ && !runner_->may_deliver(cluster_, message_id)) {
        return act(false, "its worker has not sent it yet");
    }
    take_snapshot();
    if (const sim::InFlight* flight = cluster_.in_flight().find(message_id)) {
        move_clock_to(flight->due_us);
    }
    return act(cluster_.deliver(message_id), "no message in flight with that id");
}

bool Session::drop(std::uint64_t message_id) {
    if (runner_ && !runner_->may_deliver(cluster_, message_id)) {
        return act(false, "its worker has not sent it yet");
    }
    take_snapshot();
    return act(cluster_.drop(message_id), "no message in flight with that id");
}

bool Session::duplicate(std::uint64_t message_id) {
    if (runner_ && !runner_->may_deliver(cluster_, message_id)) {
        return act(false, "its worker has not sent it yet");
    }
    take_snapshot();
    return act(cluster_.duplicate(message_id), "no message in flight with that id");
}

bool Session::fire_timer(NodeId node) {
    take_snapshot();
    for (const sim::PendingEvent& event : cluster_.pending_events()) {
        if (event.kind == sim::EventKind::NodeTimer && event.node == node) {
            move_clock_to(event.due_us);
        }
    }
    return act(cluster_.fire_timer(node), "that node has no timer to fire");
}

bool Session::crash(NodeId node) {
    if (node == kNoNode || node > cluster_.size() || !cluster_.is_up(node)) {
        return act(false, "node " + std::to_string(node) + " is not up");
    }
    take_snapshot();
    if (runner_) {
        runner_->kill(cluster_, node);
    } else {
        cluster_.crash(node);
    }
    return act(true, {});
}

bool Session::restart(NodeId node) {
    if (node == kNoNode || node > cluster_.size() || cluster_.is_up(node)) {
        return act(false, "node " + std::to_string(node) + " is not down");
    }
    if (runner_ && runner_->nodes()[node].status == WorkersRunner::NodeStatus::Booting) {
        return act(false, "node " + std::to_string(node) + " is starting already");
    }
    take_snapshot();
    if (runner_) {
        runner_->restart(cluster_, node);  // the node is up once its worker has booted
    } else {
        cluster_.restart(node);
    }
    return act(true, {});
}

bool Session::crash_leader() {
    const std::optional<NodeId> leader = cluster_.leader();  // none in a leaderless protocol
    if (!leader) {
        return act(false, "there is no leader");
    }
    return crash(*leader);
}

bool Session::isolate(NodeId node) {
    if (node == kNoNode || node > cluster_.size()) {
        return act(false, "no such node");
    }
    take_snapshot();
    cluster_.isolate(node);
    return act(true, {});
}

bool Session::isolate_leader() {
    const std::optional<NodeId> leader = cluster_.leader();  // none in a leaderless protocol
    if (!leader) {
        return act(false, "there is no leader");
    }
    return isolate(*leader);
}

void Session::split_majority_minority() {
    const auto count = static_cast<NodeId>(cluster_.size());
    const std::optional<NodeId> leader = cluster_.leader();
    // The minority: the leader (or node 1) and the nodes after it, (n-1)/2 in all.
    const NodeId first = leader.value_or(1);
    std::vector<NodeId> minority;
    std::vector<NodeId> majority;
    for (NodeId offset = 0; offset < count; ++offset) {
        const NodeId node = (first - 1 + offset) % count + 1;
        (minority.size() < (count - 1) / 2 ? minority : majority).push_back(node);
    }
    take_snapshot();
    cluster_.partition({minority, majority});
    act(true, {});
}

bool Session::move_to_group(NodeId node, NodeId beside) {
    const auto count = static_cast<NodeId>(cluster_.size());
    if (node == kNoNode || node > count || beside > count || beside == node) {
        return act(false, "no such node");
    }
    const sim::Reachability& reach = cluster_.reachability();
    std::map<int, std::vector<NodeId>> by_group;
    for (NodeId id = 1; id <= count; ++id) {
        if (id != node) {
            by_group[reach.group_of(id)].push_back(id);
        }
    }
    std::vector<std::vector<NodeId>> groups;
    bool joined = false;
    for (auto& [group, members] : by_group) {
        if (beside != kNoNode && reach.group_of(beside) == group) {
            members.push_back(node);
            joined = true;
        }
        groups.push_back(std::move(members));
    }
    if (!joined) {
        groups.push_back({node});
    }
    take_snapshot();
    cluster_.partition(groups);
    return act(true, {});
}

void Session::heal() {
    take_snapshot();
    cluster_.heal();
    act(true, {});
}

bool Session::set_network(const sim::NetworkModel& network) {
    if (const auto error = network_error(network)) {
        return act(false, *error);
    }
    take_snapshot();
    cluster_.set_network(network);
    return act(true, {});
}

std::optional<ClientId> Session::client(OperationKind kind, const std::string& key,
                                        const std::string& value, NodeId via) {
    const ProtocolView& view = protocol_view(cluster_);
    if (std::find(view.operations().begin(), view.operations().end(), kind) ==
        view.operations().end()) {
        act(false, clients_refusal(view));
        return std::nullopt;
    }
    if (via != kNoNode && (via > cluster_.size() || !cluster_.is_up(via))) {
        act(false, "node " + std::to_string(via) + " is not up: a client cannot send to it");
        return std::nullopt;
    }
    Command command;
    command.kind = kind;
    command.key = key;
    command.value = value;
    take_snapshot();
    const ClientId id =
        cluster_.start_client(command, via == kNoNode ? std::nullopt : std::optional<NodeId>(via));
    if (runner_) {
        runner_->after_client_started(cluster_);
    }
    act(true, {});
    return id;
}

void Session::select_node(NodeId node) {
    if (node >= 1 && node <= cluster_.size()) {
        selection_ = {SelectionKind::Node, node, 0};
    }
}

void Session::select_message(std::uint64_t message_id) {
    selection_ = {SelectionKind::Message, kNoNode, message_id};
}

void Session::select_client(ClientId client) {
    selection_ = {SelectionKind::Client, kNoNode, 0, client};
}

const LinearizabilityResult& Session::linearizability() const {
    const History& history = cluster_.history();
    // Answers arrive after calls: the history changes without growing.
    if (!linearizability_ || linearizability_history_ != history) {
        linearizability_ = check_linearizability(history);
        linearizability_history_ = history;
    }
    return *linearizability_;
}

}  // namespace quorum::dashboard
