// Commands: what a client asks the replicated state machine to do.
//
// Every protocol replicates Commands; the state machine (state_machine.hpp)
// applies them. A command carries its client's id and sequence number so the
// state machine can apply a retried command once (Raft thesis, section 6.3).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "quorum/history.hpp"
#include "quorum/types.hpp"

namespace quorum {

struct Command {
    ClientId client = 0;         // 0: no client (a leader's no-op)
    std::uint64_t sequence = 0;  // per client, from 1
    OperationKind kind = OperationKind::Put;
    std::string key;
    std::string value;
    bool noop = false;

    static Command make_noop();
    bool is_noop() const { return noop; }

    // "put x 1", "get x", "append x abc", "add 5", "noop": the trace's `cmd`.
    std::string to_string() const;

    friend bool operator==(const Command&, const Command&) = default;
};

// What applying a command produced, as the client will be told.
struct CommandResult {
    bool ok = true;
    std::optional<std::string> result;  // get: the value (nullopt: never set); add: the new total

    friend bool operator==(const CommandResult&, const CommandResult&) = default;
};

}  // namespace quorum
