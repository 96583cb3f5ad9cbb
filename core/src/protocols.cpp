// The registry's functions (quorum/protocols.hpp), and the hosts that are
// built for a protocol by name: the simulator's.
#include "quorum/protocols.hpp"

#include <array>
#include <memory>

#include "quorum/sim/nodes.hpp"

namespace quorum {

namespace {

constexpr std::array<Algorithm, kProtocolCount> kAlgorithms = {Algorithm::Raft, Algorithm::Paxos,
                                                               Algorithm::MultiPaxos};

}  // namespace

std::string_view algorithm_name(Algorithm algorithm) {
    return with_protocol(algorithm, []<Protocol P>() { return std::string_view(P::kName); });
}

std::span<const Algorithm> all_algorithms() {
    return kAlgorithms;
}

std::optional<Algorithm> parse_algorithm(std::string_view name) {
    for (Algorithm algorithm : kAlgorithms) {
        if (algorithm_name(algorithm) == name) {
            return algorithm;
        }
    }
    return std::nullopt;
}

std::string algorithm_choices() {
    std::string text;
    for (std::size_t i = 0; i < kAlgorithms.size(); ++i) {
        text += i == 0 ? "" : (i + 1 == kAlgorithms.size() ? " or " : ", ");
        text += algorithm_name(kAlgorithms[i]);
    }
    return text;
}

ProtocolConfig default_protocol_config(Algorithm algorithm) {
    return with_protocol(algorithm, []<Protocol P>() { return protocol_config<P>(); });
}

std::optional<Algorithm> algorithm_of(const ProtocolConfig& protocol) {
    if (protocol.empty()) {
        return std::nullopt;
    }
    return parse_algorithm(protocol.protocol());
}

}  // namespace quorum

namespace quorum::sim {

std::unique_ptr<NodeHost> make_node_host(const ClusterConfig& config) {
    const auto algorithm = algorithm_of(config.protocol);
    if (!algorithm) {
        return nullptr;
    }
    return with_protocol(*algorithm, [&]<Protocol P>() -> std::unique_ptr<NodeHost> {
        return std::make_unique<Nodes<P>>(config);
    });
}

}  // namespace quorum::sim
