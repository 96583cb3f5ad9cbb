// The Clients panel: start the operations the protocol's clients take
// (put/get/append/add on a key-value state machine, or propose a value), and
// the history of every operation with its result and latency; on demand, the
// linearizability checker's verdict on that history.
#pragma once

#include "panel.hpp"

namespace quorum::dashboard {

struct ClientsPanel {
    void draw(const PanelContext& context);

  private:
    char key_[32] = "x";
    char value_[64] = "1";
    bool checked_ = false;
    int via_ = 0;  // the node a client sends to first; 0: any
};

}  // namespace quorum::dashboard
