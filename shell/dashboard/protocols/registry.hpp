// The dashboard's registry of protocol views: the one place in the dashboard
// that knows which protocols have a view (protocols/<name>/), found through
// the core's registry (quorum/protocols.hpp). Everything else asks for the
// view of a cluster or of an Algorithm and calls ProtocolView.
#pragma once

#include "protocol_view.hpp"
#include "quorum/protocols.hpp"
#include "quorum/sim/cluster.hpp"

namespace quorum::dashboard {

const ProtocolView& protocol_view(Algorithm algorithm);
// The view of the protocol `cluster` runs.
const ProtocolView& protocol_view(const sim::Cluster& cluster);

}  // namespace quorum::dashboard
