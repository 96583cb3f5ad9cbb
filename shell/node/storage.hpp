// The node's durable state in SQLite (one file, DIR/node.db, in WAL mode).
//
// Schema (every algorithm's tables exist in every file; a node uses its own):
//   meta(key, value)                  "schema" = "quorum-node 1", "algorithm", "node_id"
//   raft_state(id = 1, term, voted_for)   Raft's HardState
//   raft_log(idx, term, command)      one row per entry; command: wire::encode_record
//   records(name, value)              singletons as codec records: "paxos" (the whole
//                                     paxos::DurableState, a few dozen bytes),
//                                     "acceptor_ballot", "leader_ballot" (Multi-Paxos)
//   mp_accepted(slot, pvalue)         Multi-Paxos acceptor's pvalue per slot
//   mp_decisions(slot, decree)        Multi-Paxos replica's decisions
// Paxos's state is one small blob because it is rewritten whole on every
// change anyway; Multi-Paxos's grows per slot, so it gets a row per slot.
//
// Durability: the host calls write() for each Ready of a batch between
// begin() and commit(); commit() returns once the transaction is durable.
// With synchronous=FULL, SQLite fsyncs the WAL on every commit, so a batch's
// writes survive power loss before any of its messages leave (the node
// contract). NORMAL (fsync at checkpoints only: survives a process crash, not
// a power cut) and OFF exist to measure what the fsync costs; never run a
// real cluster with them.
//
// Opening never harms an existing file: it is first opened read-only, checked
// whole (SQLite's quick_check, our meta rows, every record decoded, Raft's
// log contiguous), and only then reopened for writing. Anything wrong is a
// StorageError naming the file and the damage; the file is left untouched.
// A new file is built as node.db.new and renamed into place, so a crash
// during the very first start cannot leave a half-made database behind.
#pragma once

#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <variant>

#include "quorum/multipaxos/ready.hpp"
#include "quorum/paxos/node.hpp"
#include "quorum/raft/node.hpp"
#include "sqlite.hpp"

namespace quorum::node {

enum class Algorithm { Raft, Paxos, MultiPaxos };
const char* algorithm_name(Algorithm algorithm);

enum class SyncMode { Full, Normal, Off };

// `damaged`: the file is broken (as opposed to belonging to another node or
// algorithm, which is a mistake on the command line, not damage).
class StorageError : public std::runtime_error {
  public:
    explicit StorageError(const std::string& what, bool damaged = true)
        : std::runtime_error(what), damaged_(damaged) {}
    bool damaged() const { return damaged_; }

  private:
    bool damaged_;
};

using DurableState =
    std::variant<raft::DurableState, paxos::DurableState, multipaxos::DurableState>;

class Storage {
  public:
    // Opens (or creates) DIR/node.db for node `id` running `algorithm`;
    // throws StorageError when the file is damaged or belongs to another
    // node or algorithm.
    Storage(const std::string& dir, Algorithm algorithm, NodeId id, SyncMode sync);
    ~Storage();
    Storage(const Storage&) = delete;
    Storage& operator=(const Storage&) = delete;

    // What the file held when opened (empty state for a new file).
    const DurableState& loaded() const { return loaded_; }

    void begin();
    void write(const raft::Ready& ready);
    void write(const paxos::Ready& ready);
    void write(const multipaxos::Ready& ready);
    void commit();

    // Reads and checks a node's file without opening it for writing
    // (quorum-node --dump). Throws StorageError as the constructor does.
    static DurableState load_existing(const std::string& dir, Algorithm algorithm, NodeId id);

  private:
    struct Statements;

    Algorithm algorithm_;
    DurableState loaded_;
    paxos::DurableState paxos_state_;  // the whole record is rewritten on each change
    std::unique_ptr<Database> db_;
    std::unique_ptr<Statements> statements_;
    std::optional<Transaction> transaction_;
};

}  // namespace quorum::node
