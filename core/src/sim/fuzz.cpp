// The swarm fuzzer (fuzz.hpp): drawing a seed's world, then driving a
// sim::Cluster through the safety phase, the liveness phase and the history
// check, in the manner of TigerBeetle's VOPR and of swarm testing (Groce et
// al. 2012).
//
// [SECTION] FaultSet and FaultMix text
// [SECTION] Drawing the role layout (paxos, multipaxos)
// [SECTION] Drawing the mix
// [SECTION] One run: chaos, clients, phases
// [SECTION] fuzz_raft, fuzz_paxos, fuzz_multipaxos
#include "quorum/sim/fuzz.hpp"

#include <algorithm>
#include <array>
#include <cassert>
#include <functional>
#include <utility>

#include "quorum/json_escape.hpp"
#include "quorum/random.hpp"
#include "quorum/sim/cluster.hpp"

namespace quorum::sim {

namespace {

constexpr TimeUs kMs = kMicrosecondsPerMillisecond;

// Random streams forked from Random(seed). The cluster uses Random(seed)
// itself and streams node * 1000 + incarnation (>= 1000) for its nodes, so
// these small numbers never collide with its draws.
constexpr std::uint64_t kMixStream = 1;
constexpr std::uint64_t kChaosStream = 2;
constexpr std::uint64_t kLayoutStream = 3;  // paxos and multipaxos role layouts

struct FaultName {
    const char* name;
    Fault fault;
};
constexpr std::array<FaultName, 5> kFaultNames{{{"crash", Fault::Crash},
                                                {"partition", Fault::Partition},
                                                {"loss", Fault::Loss},
                                                {"dup", Fault::Duplicate},
                                                {"reorder", Fault::Reorder}}};

std::string_view trim(std::string_view text) {
    while (!text.empty() && text.front() == ' ') {
        text.remove_prefix(1);
    }
    while (!text.empty() && text.back() == ' ') {
        text.remove_suffix(1);
    }
    return text;
}

// "12.3%": parts per million to a percentage with one decimal, in integers.
std::string percent(PartsPerMillion ppm) {
    const PartsPerMillion tenths = (ppm + 500) / 1000;
    return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) + "%";
}

std::string rate_or_off(PartsPerMillion ppm) {
    return ppm == 0 ? std::string("off") : percent(ppm);
}

std::string milliseconds(TimeUs time_us) {
    return std::to_string(time_us / kMs) + "ms";
}

bool chance_ppm(Random& random, PartsPerMillion probability) {
    return random.below(kAlways) < probability;
}

PartsPerMillion draw_ppm(Random& random, PartsPerMillion low, PartsPerMillion high) {
    return static_cast<PartsPerMillion>(random.between(low, high));
}

}  // namespace

// -----------------------------------------------------------------------------
// [SECTION] FaultSet and FaultMix text
// -----------------------------------------------------------------------------

std::optional<FaultSet> FaultSet::parse(std::string_view text, std::string& error) {
    const std::string_view whole = trim(text);
    if (whole == "all") {
        return FaultSet{kAll};
    }
    if (whole == "none") {
        return FaultSet{0};
    }
    FaultSet set{0};
    while (true) {
        const std::size_t comma = text.find(',');
        const std::string_view word = trim(text.substr(0, comma));
        const auto known = std::find_if(kFaultNames.begin(), kFaultNames.end(),
                                        [&](const FaultName& f) { return word == f.name; });
        if (known == kFaultNames.end()) {
            error = word.empty() ? "empty fault name in '" + std::string(text) + "'"
                                 : "unknown fault '" + std::string(word) + "'";
            error +=
                " (expected a comma-separated list of crash, partition, loss, dup, "
                "reorder; or all, or none)";
            return std::nullopt;
        }
        set.bits |= static_cast<unsigned>(known->fault);
        if (comma == std::string_view::npos) {
            return set;
        }
        text.remove_prefix(comma + 1);
    }
}

std::string FaultSet::to_string() const {
    std::string text;
    for (const FaultName& f : kFaultNames) {
        if (has(f.fault)) {
            text += (text.empty() ? "" : ",") + std::string(f.name);
        }
    }
    return text.empty() ? "none" : text;
}

std::string FaultMix::to_string() const {
    return "chaos every " + milliseconds(chaos_interval_us) + ": crash " + rate_or_off(crash_ppm) +
           " restart " + rate_or_off(restart_ppm) + " partition " + rate_or_off(partition_ppm) +
           " heal " + rate_or_off(heal_ppm) + "; loss " + rate_or_off(loss_ppm) + " dup " +
           rate_or_off(duplicate_ppm) + " reorder " + (reorder ? "on" : "off") +
           "; a client every " + milliseconds(client_interval_us) + " (at most " +
           std::to_string(max_waiting_clients) + " waiting) on " + std::to_string(keys) +
           (keys == 1 ? " key" : " keys");
}

std::string FuzzResult::summary() const {
    std::string text = "seed " + std::to_string(seed) + ": ";
    text += ok ? "ok" : phase + " failure: " + failure;
    if (ok && linearizability == Verdict::Inconclusive) {
        text += " (linearizability inconclusive: " + linearizability_note + ")";
    }
    return text + " [" + mix.to_string() + (roles.empty() ? "" : "; " + roles) + "]";
}

TimeUs liveness_bound(const FuzzOptions& options) {
    // 20 x the longest wait for a new attempt: see FuzzOptions::liveness_bound_us.
    if (options.liveness_bound_us > 0) {
        return options.liveness_bound_us;
    }
    switch (options.algorithm) {
        case Algorithm::Raft:
            break;
        case Algorithm::Paxos:
            return 20 * (options.paxos.retry_timeout_us + options.paxos.backoff_max_us);
        case Algorithm::MultiPaxos:
            return 20 * options.multipaxos.leader_timeout_max_us;
    }
    return 20 * options.raft.election_timeout_max_us;
}

// -----------------------------------------------------------------------------
// [SECTION] Drawing the role layout (paxos, multipaxos)
// -----------------------------------------------------------------------------

namespace {

// Every node (even odds), else each node with even odds, at least one.
std::vector<NodeId> draw_role(Random& random, std::size_t nodes) {
    std::vector<NodeId> ids;
    const bool everyone = random.below(2) == 0;
    for (NodeId id = 1; id <= nodes; ++id) {
        if (random.below(2) == 0 || everyone) {
            ids.push_back(id);
        }
    }
    if (ids.empty()) {
        ids.push_back(static_cast<NodeId>(random.between(1, static_cast<std::int64_t>(nodes))));
    }
    return ids;
}

std::string id_list(const std::vector<NodeId>& ids) {
    std::string text;
    for (NodeId id : ids) {
        text += (text.empty() ? "" : ",") + std::to_string(id);
    }
    return text;
}

std::string describe_layout(const paxos::Config& config) {
    return "proposers " + id_list(config.proposers) + " acceptors " + id_list(config.acceptors) +
           " learners " + id_list(config.learners);
}

std::string describe_layout(const multipaxos::Config& config) {
    return "replicas " + id_list(config.replicas) + " leaders " + id_list(config.leaders) +
           " acceptors " + id_list(config.acceptors) + " window " + std::to_string(config.window);
}

}  // namespace

// The draws are made whether or not the template fixes a list, so fixing one
// leaves the others of a seed as they were.
paxos::Config draw_paxos_layout(std::uint64_t seed, const FuzzOptions& options) {
    Random random = Random(seed).fork(kLayoutStream);
    paxos::Config config = options.paxos;
    const auto fill = [&](std::vector<NodeId>& ids) {
        std::vector<NodeId> drawn = draw_role(random, options.nodes);
        if (ids.empty()) {
            ids = std::move(drawn);
        }
    };
    fill(config.proposers);
    fill(config.acceptors);
    fill(config.learners);
    return config;
}

multipaxos::Config draw_multipaxos_layout(std::uint64_t seed, const FuzzOptions& options) {
    Random random = Random(seed).fork(kLayoutStream);
    multipaxos::Config config = options.multipaxos;
    const auto fill = [&](std::vector<NodeId>& ids) {
        std::vector<NodeId> drawn = draw_role(random, options.nodes);
        if (ids.empty()) {
            ids = std::move(drawn);
        }
    };
    const bool fixed =
        !config.replicas.empty() || !config.leaders.empty() || !config.acceptors.empty();
    fill(config.replicas);
    fill(config.leaders);
    fill(config.acceptors);
    const auto window = static_cast<multipaxos::Slot>(random.between(1, 8));
    if (!fixed) {
        config.window = window;
    }
    return config;
}

// -----------------------------------------------------------------------------
// [SECTION] Drawing the mix
// -----------------------------------------------------------------------------

// Swarm testing: every enabled fault is switched on for this seed with
// probability 1/2, then its intensity is drawn. The fault draws are made
// whether or not the fault is enabled, so turning one fault off in --faults
// leaves the other faults of a seed as they were.
FaultMix draw_fault_mix(std::uint64_t seed, const FuzzOptions& options) {
    Random random = Random(seed).fork(kMixStream);
    auto switched_on = [&](Fault fault) {
        const bool coin = random.below(2) == 0;
        return coin && options.faults.has(fault);
    };
    FaultMix mix;
    mix.chaos_interval_us = random.between(20, 100) * kMs;
    mix.client_interval_us = random.between(5, 50) * kMs;
    mix.keys = static_cast<std::size_t>(random.between(1, 4));
    mix.max_waiting_clients = static_cast<std::size_t>(random.between(1, 6));

    const bool crash = switched_on(Fault::Crash);
    const PartsPerMillion crash_ppm = draw_ppm(random, 10'000, 200'000);
    const PartsPerMillion restart_ppm = draw_ppm(random, 100'000, 600'000);
    if (crash) {
        mix.crash_ppm = crash_ppm;
        mix.restart_ppm = restart_ppm;
    }
    const bool partition = switched_on(Fault::Partition);
    const PartsPerMillion partition_ppm = draw_ppm(random, 20'000, 300'000);
    const PartsPerMillion heal_ppm = draw_ppm(random, 100'000, 500'000);
    if (partition) {
        mix.partition_ppm = partition_ppm;
        mix.heal_ppm = heal_ppm;
    }
    const bool loss = switched_on(Fault::Loss);
    const PartsPerMillion loss_ppm = draw_ppm(random, 1'000, 200'000);  // up to 20%
    mix.loss_ppm = loss ? loss_ppm : 0;
    const bool duplicate = switched_on(Fault::Duplicate);
    const PartsPerMillion duplicate_ppm = draw_ppm(random, 1'000, 100'000);  // up to 10%
    mix.duplicate_ppm = duplicate ? duplicate_ppm : 0;
    mix.reorder = switched_on(Fault::Reorder);
    return mix;
}

// -----------------------------------------------------------------------------
// [SECTION] One run: chaos, clients, phases
// -----------------------------------------------------------------------------

namespace {

ClusterConfig cluster_config(std::uint64_t seed, const FuzzOptions& options, const FaultMix& mix) {
    ClusterConfig config;
    config.algorithm = options.algorithm;
    switch (options.algorithm) {
        case Algorithm::Raft:
            break;
        case Algorithm::Paxos:
            config.paxos = draw_paxos_layout(seed, options);
            break;
        case Algorithm::MultiPaxos:
            config.multipaxos = draw_multipaxos_layout(seed, options);
            break;
    }
    config.nodes = options.nodes;
    config.seed = seed;
    config.raft = options.raft;
    config.trace = options.trace;
    config.check_invariants = true;  // the point of the exercise
    config.network.loss_ppm = mix.loss_ppm;
    config.network.duplicate_ppm = mix.duplicate_ppm;
    config.network.reorder = mix.reorder;
    return config;
}

class FuzzRun {
  public:
    FuzzRun(std::uint64_t seed, const FuzzOptions& options)
        : options_(options),
          mix_(draw_fault_mix(seed, options)),
          chaos_(Random(seed).fork(kChaosStream)),
          cluster_(cluster_config(seed, options, mix_)),
          next_chaos_us_(mix_.chaos_interval_us),
          next_client_us_(mix_.client_interval_us) {
        result_.seed = seed;
        result_.mix = mix_;
        if (options_.algorithm == Algorithm::Paxos) {
            result_.roles = describe_layout(cluster_.config().paxos);
        } else if (options_.algorithm == Algorithm::MultiPaxos) {
            result_.roles = describe_layout(cluster_.config().multipaxos);
        }
        collect_trace();
        if (options_.trace) {
            result_.trace.push_back(
                "{\"t\":0,\"ev\":\"fuzz\",\"seed\":" + std::to_string(seed) +
                ",\"faults\":" + json_string(options_.faults.to_string()) +
                ",\"mix\":" + json_string(mix_.to_string()) +
                (result_.roles.empty() ? "" : ",\"roles\":" + json_string(result_.roles)) + "}");
        }
    }

    FuzzResult run() {
        if (run_safety_phase() && run_liveness_phase()) {
            check_history();
        }
        result_.time_us = cluster_.now();
        result_.events = cluster_.events_processed();
        result_.operations = cluster_.history().size();
        collect_trace();
        return std::move(result_);
    }

  private:
    bool run_safety_phase();
    bool run_liveness_phase();
    bool run_raft_liveness(TimeUs deadline_us, const std::string& within);
    bool run_paxos_liveness(TimeUs deadline_us, const std::string& within);
    bool run_multipaxos_liveness(TimeUs deadline_us, const std::string& within);
    // Raft and Multi-Paxos: a client puts a fresh value; true once answered.
    bool fresh_put_answered(TimeUs deadline_us);
    std::string multipaxos_state() const;
    void repair_everything();
    bool run_until(const std::function<bool()>& reached, TimeUs deadline_us);
    void take_due_actions();
    void chaos_decision();
    void crash_or_restart();
    void cut_or_heal();
    void cut_network();
    void start_random_client();
    std::size_t clients_waiting();
    void check_history();
    bool violated();
    void fail(std::string phase, std::string failure);
    void collect_trace();
    void trace_phase(const char* phase);
    NodeId pick(const std::vector<NodeId>& candidates);
    std::vector<NodeId> nodes_where(bool up) const;

    const FuzzOptions& options_;
    FaultMix mix_;
    Random chaos_;  // chaos and client choices; never the cluster's generator
    Cluster cluster_;
    TimeUs next_chaos_us_;
    TimeUs next_client_us_;
    std::uint64_t operations_started_ = 0;
    std::vector<ClientId> waiting_;  // started, maybe answered since: see clients_waiting()
    FuzzResult result_;
};

// `steps` scheduler events, with chaos decisions and client starts at their
// own virtual moments in between. When the next event lies beyond the next
// action, the clock moves to the action first, so actions happen on time.
// When nothing at all is pending (every node crashed, nothing in flight, no
// client waiting), the clock still moves to the next action, and a chaos
// decision restarts a node when all are down: the loop cannot stall.
bool FuzzRun::run_safety_phase() {
    std::uint64_t steps = 0;
    while (steps < options_.steps) {
        const TimeUs next_action_us = std::min(next_chaos_us_, next_client_us_);
        const auto event = cluster_.next_event();
        if (event && event->due_us <= next_action_us) {
            cluster_.step();
            ++steps;
        } else {
            cluster_.run_for(std::max<TimeUs>(0, next_action_us - cluster_.now()));
            take_due_actions();
        }
        if (violated()) {
            return false;
        }
    }
    return true;
}

void FuzzRun::take_due_actions() {
    while (next_client_us_ <= cluster_.now()) {
        if (clients_waiting() < mix_.max_waiting_clients) {
            start_random_client();
        }
        next_client_us_ += mix_.client_interval_us;
    }
    if (next_chaos_us_ <= cluster_.now()) {
        chaos_decision();
        next_chaos_us_ += mix_.chaos_interval_us;
    }
}

void FuzzRun::chaos_decision() {
    if (mix_.crash_ppm > 0) {
        crash_or_restart();
    }
    if (mix_.partition_ppm > 0) {
        cut_or_heal();
    }
}

void FuzzRun::crash_or_restart() {
    const std::vector<NodeId> down = nodes_where(false);
    if (down.size() == options_.nodes) {
        // Nothing can happen in a cluster of crashed nodes but waiting.
        cluster_.restart(pick(down));
        return;
    }
    if (chance_ppm(chaos_, mix_.crash_ppm)) {
        cluster_.crash(pick(nodes_where(true)));
    }
    const std::vector<NodeId> still_down = nodes_where(false);
    if (!still_down.empty() && chance_ppm(chaos_, mix_.restart_ppm)) {
        cluster_.restart(pick(still_down));
    }
}

void FuzzRun::cut_or_heal() {
    if (cluster_.reachability().is_partitioned()) {
        if (chance_ppm(chaos_, mix_.heal_ppm)) {
            cluster_.heal();
        }
    } else if (chance_ppm(chaos_, mix_.partition_ppm)) {
        cut_network();
    }
}

// Three shapes of cut, each with its lesson: random groups (often no
// majority anywhere), one random node alone, and the leader alone (a deposed
// leader that still believes, which CheckQuorum and terms must handle).
void FuzzRun::cut_network() {
    const std::uint64_t shape = chaos_.below(3);
    if (shape == 0) {
        const std::uint64_t group_count = 2 + chaos_.below(2);
        std::vector<std::vector<NodeId>> groups(static_cast<std::size_t>(group_count));
        for (NodeId id = 1; id <= options_.nodes; ++id) {
            groups[static_cast<std::size_t>(chaos_.below(group_count))].push_back(id);
        }
        cluster_.partition(groups);
        return;
    }
    const auto leader = cluster_.leader();
    const auto anyone =
        static_cast<NodeId>(chaos_.between(1, static_cast<std::int64_t>(options_.nodes)));
    cluster_.isolate(shape == 2 && leader ? *leader : anyone);
}

// Operations on a few keys, so that clients contend; every put and append
// writes a value no other operation writes, so the history checker can tell
// them apart and its search stays small.
void FuzzRun::start_random_client() {
    ++operations_started_;
    Command command;
    const std::string unique = std::to_string(operations_started_);
    if (options_.algorithm == Algorithm::Paxos) {
        command.kind = OperationKind::Propose;  // one value is chosen; every client learns it
        command.value = "p" + unique;
        waiting_.push_back(cluster_.start_client(command));
        return;
    }
    command.key = "k" + std::to_string(chaos_.below(mix_.keys));
    switch (chaos_.below(4)) {
        case 0:
            command.kind = OperationKind::Put;
            command.value = "v" + unique;
            break;
        case 1:
            command.kind = OperationKind::Append;
            command.value = "a" + unique + ";";
            break;
        case 2:
            command.kind = OperationKind::Get;
            break;
        default:
            command.kind = OperationKind::Add;
            command.key.clear();
            command.value = std::to_string(chaos_.between(1, 9));
            break;
    }
    waiting_.push_back(cluster_.start_client(command));
}

std::size_t FuzzRun::clients_waiting() {
    std::erase_if(waiting_, [&](ClientId id) { return cluster_.clients()[id - 1].answered; });
    return waiting_.size();
}

// Repair every fault, then demand progress within the bound: a leader, a
// fresh write acknowledged, and an answer for every client still waiting.
// (fail() keeps the first failure: an invariant broken on the way wins.)
bool FuzzRun::run_liveness_phase() {
    repair_everything();
    const TimeUs bound_us = liveness_bound(options_);
    const TimeUs deadline_us = cluster_.now() + bound_us;
    const std::string within = " within " + format_time(bound_us) + " of healing every fault";
    bool progressed = false;
    switch (options_.algorithm) {
        case Algorithm::Raft:
            progressed = run_raft_liveness(deadline_us, within);
            break;
        case Algorithm::Paxos:
            progressed = run_paxos_liveness(deadline_us, within);
            break;
        case Algorithm::MultiPaxos:
            progressed = run_multipaxos_liveness(deadline_us, within);
            break;
    }
    if (!progressed) {
        return false;
    }
    if (!run_until([&] { return clients_waiting() == 0; }, deadline_us)) {
        fail("liveness",
             std::to_string(clients_waiting()) + " client operation(s) still unanswered" + within);
        return false;
    }
    return true;
}

bool FuzzRun::run_raft_liveness(TimeUs deadline_us, const std::string& within) {
    if (!run_until([&] { return cluster_.leader().has_value(); }, deadline_us)) {
        fail("liveness", "no leader was elected" + within + " (highest term " +
                             std::to_string(cluster_.highest_term()) + ")");
        return false;
    }
    if (!fresh_put_answered(deadline_us)) {
        fail("liveness", "a fresh put was not acknowledged" + within + " (leader " +
                             std::to_string(cluster_.leader().value_or(kNoNode)) + ", term " +
                             std::to_string(cluster_.highest_term()) + ")");
        return false;
    }
    return true;
}

bool FuzzRun::fresh_put_answered(TimeUs deadline_us) {
    Command fresh_put;
    fresh_put.kind = OperationKind::Put;
    fresh_put.key = "k0";
    fresh_put.value = "liveness";
    const ClientId writer = cluster_.start_client(fresh_put);
    return run_until([&] { return cluster_.clients()[writer - 1].answered; }, deadline_us);
}

// A fresh proposal: answered (with the chosen value, whichever it is), and a
// value is chosen (a majority of acceptors accepted one ballot).
bool FuzzRun::run_paxos_liveness(TimeUs deadline_us, const std::string& within) {
    Command fresh;
    fresh.kind = OperationKind::Propose;
    fresh.value = "liveness";
    const ClientId proposer = cluster_.start_client(fresh);
    if (!run_until([&] { return cluster_.clients()[proposer - 1].answered; }, deadline_us)) {
        fail("liveness", "a fresh proposal was not answered" + within + " (" +
                             (cluster_.chosen() ? "'" + *cluster_.chosen() + "' is chosen"
                                                : std::string("nothing is chosen")) +
                             ")");
        return false;
    }
    if (!cluster_.chosen()) {
        fail("liveness", "a proposal was answered but no value is chosen");
        return false;
    }
    return true;
}

// An active leader, then a fresh put acknowledged (decided and applied by
// the replica that answers), then applied by every replica up to its slot.
bool FuzzRun::run_multipaxos_liveness(TimeUs deadline_us, const std::string& within) {
    if (!run_until([&] { return cluster_.leader().has_value(); }, deadline_us)) {
        fail("liveness", "no leader became active" + within + " (" + multipaxos_state() + ")");
        return false;
    }
    if (!fresh_put_answered(deadline_us)) {
        fail("liveness",
             "a fresh put was not acknowledged" + within + " (" + multipaxos_state() + ")");
        return false;
    }
    const std::vector<NodeId>& replicas = cluster_.config().multipaxos.replicas;
    multipaxos::Slot target = 0;
    for (NodeId id : replicas) {
        target = std::max(target, cluster_.multipaxos_node(id).decided_slots());
    }
    const auto every_replica_caught_up = [&] {
        return std::all_of(replicas.begin(), replicas.end(), [&](NodeId id) {
            return cluster_.multipaxos_node(id).decided_slots() >= target;
        });
    };
    if (!run_until(every_replica_caught_up, deadline_us)) {
        fail("liveness", "not every replica applied the slots up to the fresh put's (" +
                             std::to_string(target) + ")" + within + " (" + multipaxos_state() +
                             ")");
        return false;
    }
    return true;
}

// "leader 2, highest ballot 7.2, decided slots 1:12 2:12 3:9".
std::string FuzzRun::multipaxos_state() const {
    const auto leader = cluster_.leader();
    std::string text = "leader " + (leader ? std::to_string(*leader) : std::string("none")) +
                       ", highest ballot " + ballot_text(cluster_.highest_ballot()) +
                       ", decided slots";
    for (NodeId id : cluster_.config().multipaxos.replicas) {
        text += " " + std::to_string(id) + ":" +
                (cluster_.is_up(id) ? std::to_string(cluster_.multipaxos_node(id).decided_slots())
                                    : std::string("x"));
    }
    return text;
}

void FuzzRun::repair_everything() {
    collect_trace();
    trace_phase("liveness");
    cluster_.heal();
    for (NodeId id = 1; id <= options_.nodes; ++id) {
        cluster_.restart(id);  // does nothing to a live node
    }
    NetworkModel network = cluster_.config().network;
    network.loss_ppm = 0;
    network.duplicate_ppm = 0;
    cluster_.set_network(network);
}

// Steps until `reached` holds, an invariant breaks, or the next event lies
// beyond the deadline. Every node is up here, so there is always a timer.
bool FuzzRun::run_until(const std::function<bool()>& reached, TimeUs deadline_us) {
    while (!reached()) {
        const auto event = cluster_.next_event();
        if (!event || event->due_us > deadline_us) {
            return false;
        }
        cluster_.step();
        if (violated()) {
            return false;
        }
    }
    return true;
}

void FuzzRun::check_history() {
    const LinearizabilityResult verdict = check_linearizability(cluster_.history());
    result_.linearizability = verdict.verdict;
    if (verdict.verdict == Verdict::NotLinearizable) {
        fail("safety", "client history not linearizable: " + verdict.explanation);
    } else if (verdict.verdict == Verdict::Inconclusive) {
        result_.linearizability_note = verdict.explanation;
    }
}

bool FuzzRun::violated() {
    if (!cluster_.violation()) {
        return false;
    }
    fail("safety", cluster_.violation()->to_string());
    return true;
}

void FuzzRun::fail(std::string phase, std::string failure) {
    if (!result_.ok) {
        return;  // the first failure is the one to report
    }
    result_.ok = false;
    result_.phase = std::move(phase);
    result_.failure = std::move(failure);
    if (options_.trace) {
        collect_trace();
        result_.trace.push_back("{\"t\":" + std::to_string(cluster_.now()) +
                                ",\"ev\":\"failure\",\"phase\":" + json_string(result_.phase) +
                                ",\"failure\":" + json_string(result_.failure) + "}");
    }
}

void FuzzRun::collect_trace() {
    if (!options_.trace) {
        return;
    }
    std::vector<std::string> lines = cluster_.take_trace();
    result_.trace.insert(result_.trace.end(), std::make_move_iterator(lines.begin()),
                         std::make_move_iterator(lines.end()));
}

void FuzzRun::trace_phase(const char* phase) {
    if (options_.trace) {
        result_.trace.push_back("{\"t\":" + std::to_string(cluster_.now()) +
                                ",\"ev\":\"phase\",\"phase\":\"" + phase + "\"}");
    }
}

NodeId FuzzRun::pick(const std::vector<NodeId>& candidates) {
    return candidates[static_cast<std::size_t>(chaos_.below(candidates.size()))];
}

std::vector<NodeId> FuzzRun::nodes_where(bool up) const {
    std::vector<NodeId> nodes;
    for (NodeId id = 1; id <= options_.nodes; ++id) {
        if (cluster_.is_up(id) == up) {
            nodes.push_back(id);
        }
    }
    return nodes;
}

}  // namespace

// -----------------------------------------------------------------------------
// [SECTION] fuzz_raft, fuzz_paxos, fuzz_multipaxos
// -----------------------------------------------------------------------------

FuzzResult fuzz_raft(std::uint64_t seed, const FuzzOptions& options) {
    assert(options.nodes >= 1 && options.nodes <= kMaxNodes);
    if (options.algorithm != Algorithm::Raft) {
        FuzzOptions raft = options;
        raft.algorithm = Algorithm::Raft;
        return FuzzRun(seed, raft).run();
    }
    return FuzzRun(seed, options).run();
}

FuzzResult fuzz_paxos(std::uint64_t seed, const FuzzOptions& options) {
    assert(options.nodes >= 1 && options.nodes <= kMaxNodes);
    FuzzOptions paxos = options;
    paxos.algorithm = Algorithm::Paxos;
    return FuzzRun(seed, paxos).run();
}

FuzzResult fuzz_multipaxos(std::uint64_t seed, const FuzzOptions& options) {
    assert(options.nodes >= 1 && options.nodes <= kMaxNodes);
    FuzzOptions multipaxos = options;
    multipaxos.algorithm = Algorithm::MultiPaxos;
    return FuzzRun(seed, multipaxos).run();
}

FuzzResult fuzz(std::uint64_t seed, const FuzzOptions& options) {
    switch (options.algorithm) {
        case Algorithm::Raft:
            break;
        case Algorithm::Paxos:
            return fuzz_paxos(seed, options);
        case Algorithm::MultiPaxos:
            return fuzz_multipaxos(seed, options);
    }
    return fuzz_raft(seed, options);
}

}  // namespace quorum::sim
