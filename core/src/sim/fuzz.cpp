// The swarm fuzzer (fuzz.hpp): drawing a seed's world, then driving a
// sim::Cluster through the safety phase, the liveness phase and the history
// check, in the manner of TigerBeetle's VOPR and of swarm testing (Groce et
// al. 2012).
//
// [SECTION] FaultSet and FaultMix text
// [SECTION] Drawing the role layout
// [SECTION] Drawing the mix
// [SECTION] One run: chaos, clients, phases
// [SECTION] fuzz()
//
// A run is generic over the protocol's descriptor P (FuzzRun<P>); the
// registry picks P from the options' protocol.
#include "quorum/sim/fuzz.hpp"

#include <algorithm>
#include <array>
#include <cassert>
#include <functional>
#include <utility>

#include "quorum/json_escape.hpp"
#include "quorum/protocols.hpp"
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
constexpr std::uint64_t kLayoutStream = 3;  // role layouts

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
    return text + " [" + mix.to_string() + (roles.empty() ? "" : "; " + roles) + "]";
}

namespace {

Algorithm fuzzed_algorithm(const FuzzOptions& options) {
    const auto algorithm = algorithm_of(options.protocol);
    if (!algorithm) {
        throw std::invalid_argument("fuzz options name no protocol");
    }
    return *algorithm;
}

}  // namespace

TimeUs liveness_bound(const FuzzOptions& options) {
    // 20 x the longest wait for a new attempt: see FuzzOptions::liveness_bound_us.
    if (options.liveness_bound_us > 0) {
        return options.liveness_bound_us;
    }
    return with_protocol(fuzzed_algorithm(options), [&]<Protocol P>() {
        return P::fuzz_liveness_bound(*options.protocol.get<typename P::Node::Config>());
    });
}

// -----------------------------------------------------------------------------
// [SECTION] Drawing the role layout
// -----------------------------------------------------------------------------

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

void draw_role_unless_given(std::vector<NodeId>& ids, Random& random, std::size_t nodes) {
    std::vector<NodeId> drawn = draw_role(random, nodes);
    if (ids.empty()) {
        ids = std::move(drawn);
    }
}

std::string id_list(const std::vector<NodeId>& ids) {
    std::string text;
    for (NodeId id : ids) {
        text += (text.empty() ? "" : ",") + std::to_string(id);
    }
    return text;
}

// The protocol draws from its own stream: the draws are made whether or not
// the template fixes a list, so fixing one leaves the others of a seed as
// they were.
ProtocolConfig draw_layout(std::uint64_t seed, const FuzzOptions& options, std::string& roles) {
    Random random = Random(seed).fork(kLayoutStream);
    return with_protocol(fuzzed_algorithm(options), [&]<Protocol P>() {
        return protocol_config<P>(P::fuzz_layout(*options.protocol.get<typename P::Node::Config>(),
                                                 options.nodes, random, roles));
    });
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

ClusterConfig cluster_config(std::uint64_t seed, const FuzzOptions& options, const FaultMix& mix,
                             std::string& roles) {
    ClusterConfig config;
    config.protocol = draw_layout(seed, options, roles);
    config.nodes = options.nodes;
    config.seed = seed;
    config.trace = options.trace;
    config.check_invariants = true;  // the point of the exercise
    config.network.loss_ppm = mix.loss_ppm;
    config.network.duplicate_ppm = mix.duplicate_ppm;
    config.network.reorder = mix.reorder;
    return config;
}

template <Protocol P>
class FuzzRun final : public FuzzLiveness {
  public:
    FuzzRun(std::uint64_t seed, const FuzzOptions& options)
        : result_(),
          options_(options),
          mix_(draw_fault_mix(seed, options)),
          chaos_(Random(seed).fork(kChaosStream)),
          cluster_(cluster_config(seed, options, mix_, result_.roles)),
          next_chaos_us_(mix_.chaos_interval_us),
          next_client_us_(mix_.client_interval_us) {
        result_.seed = seed;
        result_.mix = mix_;
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

    // --- FuzzLiveness, for the protocol's goal.
    const Cluster& cluster() const override { return cluster_; }
    bool run_until(const std::function<bool()>& reached) override {
        return run_until(reached, deadline_us_);
    }
    bool fresh_operation_answered() override;
    void fail(std::string failure) override { fail("liveness", std::move(failure)); }
    const std::string& within() const override { return within_; }

  private:
    bool run_safety_phase();
    bool run_liveness_phase();
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
    void fail(std::string phase, std::string failure, std::string rule = {});
    void collect_trace();
    void trace_phase(const char* phase);
    NodeId pick(const std::vector<NodeId>& candidates);
    std::vector<NodeId> nodes_where(bool up) const;

    FuzzResult result_;  // first: cluster_'s construction writes its roles
    const FuzzOptions& options_;
    FaultMix mix_;
    Random chaos_;  // chaos and client choices; never the cluster's generator
    Cluster cluster_;
    TimeUs next_chaos_us_;
    TimeUs next_client_us_;
    std::uint64_t operations_started_ = 0;
    std::vector<ClientId> waiting_;  // started, maybe answered since: see clients_waiting()
    TimeUs deadline_us_ = 0;         // the liveness phase's
    std::string within_;
};

// `steps` scheduler events, with chaos decisions and client starts at their
// own virtual moments in between. When the next event lies beyond the next
// action, the clock moves to the action first, so actions happen on time.
// When nothing at all is pending (every node crashed, nothing in flight, no
// client waiting), the clock still moves to the next action, and a chaos
// decision restarts a node when all are down: the loop cannot stall.
template <Protocol P>
bool FuzzRun<P>::run_safety_phase() {
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

template <Protocol P>
void FuzzRun<P>::take_due_actions() {
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

template <Protocol P>
void FuzzRun<P>::chaos_decision() {
    if (mix_.crash_ppm > 0) {
        crash_or_restart();
    }
    if (mix_.partition_ppm > 0) {
        cut_or_heal();
    }
}

template <Protocol P>
void FuzzRun<P>::crash_or_restart() {
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

template <Protocol P>
void FuzzRun<P>::cut_or_heal() {
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
template <Protocol P>
void FuzzRun<P>::cut_network() {
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
template <Protocol P>
void FuzzRun<P>::start_random_client() {
    ++operations_started_;
    Command command;
    const std::string unique = std::to_string(operations_started_);
    if (P::kClientsPropose) {
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

template <Protocol P>
std::size_t FuzzRun<P>::clients_waiting() {
    std::erase_if(waiting_, [&](ClientId id) { return cluster_.clients()[id - 1].answered; });
    return waiting_.size();
}

// Repair every fault, then demand progress within the bound: a leader, a
// fresh write acknowledged, and an answer for every client still waiting.
// (fail() keeps the first failure: an invariant broken on the way wins.)
template <Protocol P>
bool FuzzRun<P>::run_liveness_phase() {
    repair_everything();
    const TimeUs bound_us = liveness_bound(options_);
    deadline_us_ = cluster_.now() + bound_us;
    within_ = " within " + format_time(bound_us) + " of healing every fault";
    if (!P::fuzz_liveness(*this)) {
        return false;
    }
    if (!run_until([&] { return clients_waiting() == 0; }, deadline_us_)) {
        fail("liveness",
             std::to_string(clients_waiting()) + " client operation(s) still unanswered" + within_);
        return false;
    }
    return true;
}

template <Protocol P>
bool FuzzRun<P>::fresh_operation_answered() {
    Command fresh;
    if (P::kClientsPropose) {
        fresh.kind = OperationKind::Propose;
        fresh.value = "liveness";
    } else {
        fresh.kind = OperationKind::Put;
        fresh.key = "k0";
        fresh.value = "liveness";
    }
    const ClientId client = cluster_.start_client(fresh);
    return run_until([&] { return cluster_.clients()[client - 1].answered; }, deadline_us_);
}

template <Protocol P>
void FuzzRun<P>::repair_everything() {
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
template <Protocol P>
bool FuzzRun<P>::run_until(const std::function<bool()>& reached, TimeUs deadline_us) {
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

template <Protocol P>
void FuzzRun<P>::check_history() {
    LinearizabilityOptions budget;
    if (options_.linearizability_budget > 0) {
        budget.max_states_per_object = options_.linearizability_budget;
    }
    const LinearizabilityResult verdict = check_linearizability(cluster_.history(), budget);
    result_.linearizability = verdict.verdict;
    if (verdict.verdict == Verdict::NotLinearizable) {
        fail("safety", "client history not linearizable: " + verdict.explanation,
             "linearizability");
    } else if (verdict.verdict == Verdict::Inconclusive) {
        // Unchecked is not passed: the mix bounds the clients waiting at once
        // and the checker splits the history per key, so this means the bound
        // or the checker broke, and the seed replays it.
        result_.linearizability_note = verdict.explanation;
        fail("history",
             "client history could not be checked (inconclusive): " + verdict.explanation,
             "linearizability");
    }
}

template <Protocol P>
bool FuzzRun<P>::violated() {
    if (!cluster_.violation()) {
        return false;
    }
    fail("safety", cluster_.violation()->to_string(), cluster_.violation()->rule);
    return true;
}

template <Protocol P>
void FuzzRun<P>::fail(std::string phase, std::string failure, std::string rule) {
    if (!result_.ok) {
        return;  // the first failure is the one to report
    }
    result_.ok = false;
    result_.phase = std::move(phase);
    result_.failure = std::move(failure);
    result_.rule = std::move(rule);
    if (options_.trace) {
        collect_trace();
        result_.trace.push_back("{\"t\":" + std::to_string(cluster_.now()) +
                                ",\"ev\":\"failure\",\"phase\":" + json_string(result_.phase) +
                                ",\"failure\":" + json_string(result_.failure) + "}");
    }
}

template <Protocol P>
void FuzzRun<P>::collect_trace() {
    if (!options_.trace) {
        return;
    }
    std::vector<std::string> lines = cluster_.take_trace();
    result_.trace.insert(result_.trace.end(), std::make_move_iterator(lines.begin()),
                         std::make_move_iterator(lines.end()));
}

template <Protocol P>
void FuzzRun<P>::trace_phase(const char* phase) {
    if (options_.trace) {
        result_.trace.push_back("{\"t\":" + std::to_string(cluster_.now()) +
                                ",\"ev\":\"phase\",\"phase\":\"" + phase + "\"}");
    }
}

template <Protocol P>
NodeId FuzzRun<P>::pick(const std::vector<NodeId>& candidates) {
    return candidates[static_cast<std::size_t>(chaos_.below(candidates.size()))];
}

template <Protocol P>
std::vector<NodeId> FuzzRun<P>::nodes_where(bool up) const {
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
// [SECTION] fuzz()
// -----------------------------------------------------------------------------

FuzzResult fuzz(std::uint64_t seed, const FuzzOptions& options) {
    return with_protocol(fuzzed_algorithm(options),
                         [&]<Protocol P>() { return FuzzRun<P>(seed, options).run(); });
}

}  // namespace quorum::sim
