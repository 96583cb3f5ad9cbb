// The replicated state machine: a key-value map (put, get, append) and a
// counter (add), both deterministic, with client sessions.
//
// Sessions make retries safe (Ongaro's thesis, section 6.3): the state machine
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
#include <utility>
#include <vector>

#include "quorum/command.hpp"

namespace quorum {

// A state machine's whole state as plain values (sessions included): what a
// Raft snapshot (log compaction, thesis chapter 5) carries over the wire and
// into a node's records. The counter is its two's complement bits.
struct StateMachineImage {
    struct Session {
        ClientId client = 0;
        std::uint64_t last_sequence = 0;
        bool last_ok = true;
        std::optional<std::string> last_text;
        friend bool operator==(const Session&, const Session&) = default;
    };
    std::vector<std::pair<std::string, std::string>> values;  // sorted by key
    std::uint64_t counter = 0;
    std::vector<Session> sessions;  // sorted by client

    friend bool operator==(const StateMachineImage&, const StateMachineImage&) = default;
};

class StateMachine {
  public:
    // Applies a command (once per client sequence number) and returns its result.
    CommandResult apply(const Command& command);

    std::optional<std::string> value(const std::string& key) const;
    std::int64_t counter() const { return counter_; }
    const std::map<std::string, std::string>& values() const { return values_; }
    // Its whole state, sessions included (quorum/state_hash.hpp).
    void hash_state(StateHasher& hasher) const;
    // Its whole state as plain values, and back (a snapshot's).
    StateMachineImage image() const;
    static StateMachine from_image(const StateMachineImage& image);

    friend bool operator==(const StateMachine&, const StateMachine&) = default;

  private:
    // 16 bytes: the last result's text, which only get and add have, waits
    // in session_texts_.
    struct Session {
        ClientId client = 0;
        bool last_ok = true;
        bool last_has_text = false;
        std::uint64_t last_sequence = 0;
        friend bool operator==(const Session&, const Session&) = default;
    };

    CommandResult execute(const Command& command);
    Session& session_of(ClientId client);
    CommandResult last_result(const Session& session) const;
    void remember(Session& session, std::uint64_t sequence, const CommandResult& result);

    std::map<std::string, std::string> values_;
    std::int64_t counter_ = 0;
    // Sorted by client. Client ids are handed out in increasing order, so a
    // new session almost always goes at the end: a flat vector holds one per
    // client in a third of a map's memory (a run of the benchmark leaves ten
    // thousand in every node), and copies in one piece when the cluster does.
    std::vector<Session> sessions_;
    std::map<ClientId, std::string> session_texts_;  // per client whose last result has text
};

}  // namespace quorum
