// Commands: what a client asks the replicated state machine to do.
//
// Every protocol replicates Commands; the state machine (state_machine.hpp)
// applies them. A command carries its client's id and sequence number so the
// state machine can apply a retried command once (Ongaro's thesis, 6.3).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>

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

// A Command that copies share: one log entry is held by the leader's log, the
// AppendEntries that carry it, every follower's log, every durable copy and
// the checkers' records, and copying a SharedCommand copies a pointer instead
// of two strings. The command never changes once made (no one can reach a
// mutable one), so sharing cannot be observed: == compares the commands.
//
// The reference count is not atomic. Everything that holds entries lives on
// one thread: a Cluster and its copies (the page's main thread, a test, the
// CLI), a node (its worker or its process). A host that hands entries to
// another thread must copy the Command out (`Command copy = *shared;`).
class SharedCommand {
  public:
    SharedCommand() = default;       // the default Command, with no allocation
    SharedCommand(Command command);  // NOLINT(google-explicit-constructor): a Command is one
    SharedCommand(const SharedCommand& other) noexcept : block_(other.block_) {
        if (block_ != nullptr) {
            ++block_->references;
        }
    }
    SharedCommand(SharedCommand&& other) noexcept : block_(other.block_) { other.block_ = nullptr; }
    SharedCommand& operator=(const SharedCommand& other) noexcept {
        SharedCommand copy(other);
        std::swap(block_, copy.block_);
        return *this;
    }
    SharedCommand& operator=(SharedCommand&& other) noexcept {
        std::swap(block_, other.block_);
        return *this;
    }
    ~SharedCommand() { release(); }

    const Command& operator*() const noexcept {
        return block_ != nullptr ? block_->command : empty();
    }
    const Command* operator->() const noexcept { return &**this; }

    friend bool operator==(const SharedCommand& a, const SharedCommand& b) {
        return a.block_ == b.block_ || *a == *b;
    }

  private:
    struct Block {
        std::uint32_t references = 1;
        Command command;
    };
    static const Command& empty() noexcept;
    void release() noexcept {
        if (block_ != nullptr && --block_->references == 0) {
            destroy(block_);
        }
        block_ = nullptr;
    }
    static void destroy(Block* block) noexcept;

    Block* block_ = nullptr;
};

// What applying a command produced, as the client will be told.
struct CommandResult {
    bool ok = true;
    std::optional<std::string> result;  // get: the value (nullopt: never set); add: the new total

    friend bool operator==(const CommandResult&, const CommandResult&) = default;
};

}  // namespace quorum
