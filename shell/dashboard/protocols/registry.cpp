// Each registered protocol's view (quorum/protocols.hpp lists the protocols;
// each folder here defines view_of<its descriptor>()). A protocol without a
// view here fails to link, so none is forgotten.
#include "protocols/registry.hpp"

#include <stdexcept>

#include "protocols/multipaxos/view.hpp"
#include "protocols/paxos/view.hpp"
#include "protocols/raft/view.hpp"

namespace quorum::dashboard {

const ProtocolView& protocol_view(Algorithm algorithm) {
    return with_protocol(algorithm,
                         []<Protocol P>() -> const ProtocolView& { return view_of<P>(); });
}

const ProtocolView& protocol_view(const sim::Cluster& cluster) {
    const auto algorithm = algorithm_of(cluster.config().protocol);
    if (!algorithm) {
        throw std::logic_error("the cluster runs no registered protocol");
    }
    return protocol_view(*algorithm);
}

}  // namespace quorum::dashboard
