// The Logs panel: every node's log (or slots, or agents' state) side by side,
// as the protocol's view draws it (ProtocolView::draw_logs): aligned by
// position, each cell coloured by its term or ballot, settled entries solid,
// the rest faded. ImGuiListClipper keeps a 10,000-entry log as cheap as a
// short one.
#pragma once

#include "panel.hpp"

namespace quorum::dashboard {

struct LogsPanel {
    void draw(const PanelContext& context);
};

}  // namespace quorum::dashboard
