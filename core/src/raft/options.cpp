// Raft's options for a cluster (quorum/options.hpp): the scenario's
// `cluster raft election=150-300ms heartbeat=50ms prevote=on ...`, the
// dashboard's setup. Defaults are raft::Config's.
#include "quorum/raft/protocol.hpp"

namespace quorum::raft {

namespace {

const Option<Config> kOptions[] = {
    {"election", OptionKind::DurationRange,
     "a follower that hears no leader for a random time in this range starts an election", 0, 0,
     true,
     [](const Config& c) -> OptionValue {
         return DurationRange{c.election_timeout_min_us, c.election_timeout_max_us};
     },
     [](Config& c, const OptionValue& v) {
         const auto& range = std::get<DurationRange>(v);
         c.election_timeout_min_us = range.min_us;
         c.election_timeout_max_us = range.max_us;
     },
     "the election timeout"},
    {"heartbeat", OptionKind::Duration,
     "how often a leader sends AppendEntries when it has nothing new", 0, 0, true,
     [](const Config& c) -> OptionValue { return Duration{c.heartbeat_interval_us}; },
     [](Config& c, const OptionValue& v) { c.heartbeat_interval_us = std::get<Duration>(v).us; }},
    {"prevote", OptionKind::OnOff,
     "a candidate first asks whether it could win (thesis 9.6), so a node cut off and back does "
     "not disrupt the cluster",
     0, 0, false, [](const Config& c) -> OptionValue { return c.pre_vote; },
     [](Config& c, const OptionValue& v) { c.pre_vote = std::get<bool>(v); }},
    {"checkquorum", OptionKind::OnOff,
     "a leader that has not heard from a majority within an election timeout steps down "
     "(thesis 6.2)",
     0, 0, false, [](const Config& c) -> OptionValue { return c.check_quorum; },
     [](Config& c, const OptionValue& v) { c.check_quorum = std::get<bool>(v); }},
    {"batch", OptionKind::Number, "at most this many entries in one AppendEntries", 1, 1000, false,
     [](const Config& c) -> OptionValue {
         return static_cast<std::uint64_t>(c.max_entries_per_message);
     },
     [](Config& c, const OptionValue& v) {
         c.max_entries_per_message = static_cast<std::size_t>(std::get<std::uint64_t>(v));
     }},
    {"inflight", OptionKind::Number,
     "at most this many AppendEntries with entries unanswered per follower (0: any)", 0, 1000,
     false,
     [](const Config& c) -> OptionValue {
         return static_cast<std::uint64_t>(c.max_appends_in_flight);
     },
     [](Config& c, const OptionValue& v) {
         c.max_appends_in_flight = static_cast<std::size_t>(std::get<std::uint64_t>(v));
     }},
    {"snapshot", OptionKind::Number,
     "a node snapshots its state machine once this many applied entries follow its last "
     "snapshot, and drops them from its log (thesis chapter 5; 0: never)",
     0, 1000000, false,
     [](const Config& c) -> OptionValue {
         return static_cast<std::uint64_t>(c.snapshot_threshold);
     },
     [](Config& c, const OptionValue& v) {
         c.snapshot_threshold = static_cast<std::size_t>(std::get<std::uint64_t>(v));
     }},
};

}  // namespace

std::span<const Option<Config>> Protocol::options() {
    return kOptions;
}

// A heartbeat no shorter than the election timeout lets followers time out
// between two heartbeats of a healthy leader.
std::optional<OptionProblem> Protocol::check_options(const Config& config) {
    if (config.heartbeat_interval_us < config.election_timeout_min_us) {
        return std::nullopt;
    }
    return OptionProblem{"the heartbeat (" + format_duration(config.heartbeat_interval_us) +
                             ") must be shorter than the election timeout's minimum (" +
                             format_duration(config.election_timeout_min_us) + ")",
                         {"heartbeat", "election"}};
}

}  // namespace quorum::raft
