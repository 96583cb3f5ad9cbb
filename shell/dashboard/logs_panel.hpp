// The Logs panel: every node's log side by side, aligned by index, each cell
// coloured by its term with its command; committed entries solid, the rest
// faded, and the commit index marked. ImGuiListClipper keeps a 10,000-entry
// log as cheap as a short one. Paxos: each acceptor's promise and accepted
// proposal, each proposer's phase, each learner's value.
#pragma once

#include "panel.hpp"

namespace quorum::dashboard {

struct LogsPanel {
    void draw(const PanelContext& context);
};

}  // namespace quorum::dashboard
