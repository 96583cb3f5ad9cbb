// Option values as a scenario writes them, and the options every cluster has
// (quorum/options.hpp).
#include "quorum/options.hpp"

#include "quorum/cluster_config.hpp"

namespace quorum {

namespace {

// `value` in units of `unit_us`, with as many decimals as it needs.
std::string in_unit(TimeUs value, TimeUs unit_us) {
    std::string text = std::to_string(value / unit_us);
    TimeUs remainder = value % unit_us;
    if (remainder == 0) {
        return text;
    }
    text += '.';
    for (TimeUs place = unit_us / 10; remainder != 0; place /= 10) {
        text += static_cast<char>('0' + remainder / place);
        remainder %= place;
    }
    return text;
}

struct Unit {
    TimeUs scale;
    std::string_view suffix;
};

// The largest unit in which `duration_us` is still >= 1 (us for 0).
Unit unit_for(TimeUs duration_us) {
    if (duration_us >= kMicrosecondsPerSecond) {
        return {kMicrosecondsPerSecond, "s"};
    }
    if (duration_us >= kMicrosecondsPerMillisecond) {
        return {kMicrosecondsPerMillisecond, "ms"};
    }
    return {1, "us"};
}

struct FormatValue {
    std::string operator()(bool on) const { return on ? "on" : "off"; }
    std::string operator()(std::uint64_t number) const { return std::to_string(number); }
    std::string operator()(Duration duration) const { return format_duration(duration.us); }
    std::string operator()(const DurationRange& range) const {
        return format_duration_range(range);
    }
    std::string operator()(PartsPerMillion probability) const {
        return format_probability(probability);
    }
    std::string operator()(const std::vector<NodeId>& nodes) const {
        if (nodes.empty()) {
            return "all";
        }
        std::string text;
        for (NodeId node : nodes) {
            text += (text.empty() ? "" : ",") + std::to_string(node);
        }
        return text;
    }
};

const Option<ClusterConfig> kClusterOptions[] = {
    {"nodes", OptionKind::Number, "how many nodes the cluster has", 1, kMaxNodes, false,
     [](const ClusterConfig& c) -> OptionValue { return std::uint64_t{c.nodes}; },
     [](ClusterConfig& c, const OptionValue& v) {
         c.nodes = static_cast<std::size_t>(std::get<std::uint64_t>(v));
     }},
    {"seed", OptionKind::Number, "the seed every random choice of the run is drawn from", 0,
     UINT64_MAX, false, [](const ClusterConfig& c) -> OptionValue { return c.seed; },
     [](ClusterConfig& c, const OptionValue& v) { c.seed = std::get<std::uint64_t>(v); }},
    {"latency", OptionKind::DurationRange, "how long a message takes, drawn in this range", 0, 0,
     false,
     [](const ClusterConfig& c) -> OptionValue {
         return DurationRange{c.network.latency_min_us, c.network.latency_max_us};
     },
     [](ClusterConfig& c, const OptionValue& v) {
         const auto& range = std::get<DurationRange>(v);
         c.network.latency_min_us = range.min_us;
         c.network.latency_max_us = range.max_us;
     }},
    {"loss", OptionKind::Probability, "the chance that the network loses a message", 0, 0, false,
     [](const ClusterConfig& c) -> OptionValue { return c.network.loss_ppm; },
     [](ClusterConfig& c, const OptionValue& v) {
         c.network.loss_ppm = std::get<PartsPerMillion>(v);
     }},
    {"dup", OptionKind::Probability, "the chance that the network delivers a message twice", 0, 0,
     false, [](const ClusterConfig& c) -> OptionValue { return c.network.duplicate_ppm; },
     [](ClusterConfig& c, const OptionValue& v) {
         c.network.duplicate_ppm = std::get<PartsPerMillion>(v);
     }},
    {"reorder", OptionKind::OnOff,
     "whether messages between two nodes may overtake each other (off: each link is FIFO)", 0, 0,
     false, [](const ClusterConfig& c) -> OptionValue { return c.network.reorder; },
     [](ClusterConfig& c, const OptionValue& v) { c.network.reorder = std::get<bool>(v); }},
};

}  // namespace

std::string format_option_value(const OptionValue& value) {
    return std::visit(FormatValue{}, value);
}

std::string format_duration(TimeUs duration_us) {
    const Unit unit = unit_for(duration_us);
    return in_unit(duration_us, unit.scale) + std::string(unit.suffix);
}

std::string format_duration_range(const DurationRange& range) {
    const Unit unit = unit_for(range.max_us);
    return in_unit(range.min_us, unit.scale) + "-" + in_unit(range.max_us, unit.scale) +
           std::string(unit.suffix);
}

std::string format_probability(PartsPerMillion probability) {
    return in_unit(static_cast<TimeUs>(probability), kAlways);
}

std::span<const Option<ClusterConfig>> cluster_options() {
    return kClusterOptions;
}

}  // namespace quorum
