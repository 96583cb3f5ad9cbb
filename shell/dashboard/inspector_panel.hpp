// The Inspector: the selected node's whole state, durable and volatile parts
// marked apart (what survives a crash and what does not), or the selected
// message's fields.
#pragma once

#include "panel.hpp"

namespace quorum::dashboard {

struct InspectorPanel {
    void draw(const PanelContext& context);
};

}  // namespace quorum::dashboard
