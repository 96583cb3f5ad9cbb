// The trace lines every protocol shares (docs/scenarios.md, "The trace"):
// cluster, send, deliver, drop, timer, crash, restart, partition, ... Other
// tools read them, so they are exact and stable: integers only
// (probabilities are written with six decimals from an integer), keys in a
// fixed order, no whitespace. The same seed gives the same bytes natively and
// in wasm. A protocol's own lines come from its descriptor (trace_input).
#include "quorum/json_escape.hpp"
#include "quorum/sim/cluster.hpp"

namespace quorum::sim {

namespace {

// 100000 ppm -> "0.100000": exact, whatever the platform's float printing.
std::string probability(PartsPerMillion millionths) {
    std::string fraction = std::to_string(millionths % 1000000);
    fraction.insert(0, 6 - fraction.size(), '0');
    return std::to_string(millionths / 1000000) + "." + fraction;
}

}  // namespace

void Cluster::trace(std::string_view event, std::string_view fields) {
    trace_writer().write(event, fields);
}

void Cluster::trace_send(const InFlight& flight, std::string_view type,
                         const std::string& payload) {
    std::string fields = ",\"id\":" + json_number(flight.id) +
                         ",\"from\":" + json_number(flight.from) +
                         ",\"to\":" + json_number(flight.to) + ",\"type\":\"";
    fields += type;
    fields += '"';
    if (flight.duplicate) {
        fields += ",\"dup\":true";
    }
    fields += ",\"due\":" + std::to_string(flight.due_us);
    fields += ",\"msg\":" + payload;
    trace("send", fields);
}

void Cluster::trace_partition(const std::vector<std::vector<NodeId>>& groups) {
    std::string fields = ",\"groups\":[";
    for (std::size_t g = 0; g < groups.size(); ++g) {
        fields += (g == 0 ? "" : ",") + json_nodes(groups[g]);
    }
    trace("partition", fields + "]");
}

void Cluster::trace_network() {
    const NetworkModel& network = config_.network;
    trace("net", ",\"loss\":" + probability(network.loss_ppm) +
                     ",\"dup\":" + probability(network.duplicate_ppm) +
                     ",\"latency_min\":" + std::to_string(network.latency_min_us) +
                     ",\"latency_max\":" + std::to_string(network.latency_max_us) +
                     ",\"reorder\":" + json_bool(network.reorder));
}

}  // namespace quorum::sim
