// The replicated state machine: a key-value map (put, get, append) and a
// counter (add), both deterministic, with client sessions.
//
// Sessions make retries safe (Raft thesis, section 6.3): the state machine
// remembers, per client, the highest sequence number it applied and that
// command's result. A command whose sequence is not above it is not applied
// again; its remembered result is returned instead. Clients here have one
// operation outstanding at a time, so one remembered result per client is
// enough.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "quorum/command.hpp"

namespace quorum {

class StateMachine {
  public:
    // Applies a command (once per client sequence number) and returns its result.
    CommandResult apply(const Command& command);

    std::optional<std::string> value(const std::string& key) const;
    std::int64_t counter() const { return counter_; }
    const std::map<std::string, std::string>& values() const { return values_; }

    friend bool operator==(const StateMachine&, const StateMachine&) = default;

  private:
    struct Session {
        std::uint64_t last_sequence = 0;
        CommandResult last_result;
        friend bool operator==(const Session&, const Session&) = default;
    };

    CommandResult execute(const Command& command);

    std::map<std::string, std::string> values_;
    std::int64_t counter_ = 0;
    std::map<ClientId, Session> sessions_;
};

}  // namespace quorum
