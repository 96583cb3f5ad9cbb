// The node's durable state in SQLite (one file, DIR/node.db, in WAL mode), as
// its protocol's keyed records (quorum/store/records.hpp): the same sealed
// records a browser worker keeps in IndexedDB, laid out by the protocol's
// records.cpp, so a protocol states its storage layout once for both runners.
//
// Schema (the same for every protocol):
//   meta(key, value)      "schema" = "quorum-node 2", "algorithm", "node_id"
//   records(key, value)   one sealed record per key ("<protocol>/log/<index>", ...)
// A batch's Put is an INSERT OR REPLACE; its DeleteRange [key, end) is one
// ranged DELETE (a log truncation).
//
// Durability: persist() writes a batch in ONE transaction and returns once it
// is durable. With synchronous=FULL, SQLite fsyncs the WAL on every commit,
// so a batch's writes survive power loss before any of its messages leave
// (the node contract, quorum/node_contract.hpp). NORMAL (fsync at checkpoints
// only: survives a process crash, not a power cut) and OFF exist to measure
// what the fsync costs; never run a real cluster with them.
//
// Opening never harms an existing file: it is first opened read-only, checked
// whole (SQLite's quick_check, our meta rows, every record unsealed and
// decoded by the protocol: store::load), and only then reopened for writing.
// Anything wrong is a StorageError naming the file and the damage; the file
// is left untouched. A new file is built as node.db.new and renamed into
// place, so a crash during the very first start cannot leave a half-made
// database behind.
#pragma once

#include <memory>
#include <stdexcept>
#include <string>

#include "quorum/cluster_config.hpp"
#include "quorum/protocols.hpp"
#include "quorum/store/records.hpp"
#include "sqlite.hpp"

namespace quorum::node {

enum class SyncMode { Full, Normal, Off };

// `damaged`: the file is broken (as opposed to belonging to another node,
// algorithm or version of quorum-node, which is a mistake on the command
// line, not damage).
class StorageError : public std::runtime_error {
  public:
    explicit StorageError(const std::string& what, bool damaged = true)
        : std::runtime_error(what), damaged_(damaged) {}
    bool damaged() const { return damaged_; }

  private:
    bool damaged_;
};

class Storage {
  public:
    // Opens (or creates) DIR/node.db for node `id` running `algorithm`;
    // throws StorageError when the file is damaged or belongs to another
    // node, algorithm or version.
    Storage(const std::string& dir, Algorithm algorithm, NodeId id, SyncMode sync);
    ~Storage();
    Storage(const Storage&) = delete;
    Storage& operator=(const Storage&) = delete;

    // What the file held when opened (the protocol's empty state for a new file).
    const AnyDurableState& loaded() const { return loaded_; }

    // Writes `batch` in one transaction, durable when this returns (with
    // SyncMode::Full). An empty batch writes nothing.
    void persist(const store::Batch& batch);

    // Reads and checks a node's file without opening it for writing
    // (quorum-node --dump). Throws StorageError as the constructor does.
    static AnyDurableState load_existing(const std::string& dir, Algorithm algorithm, NodeId id);

  private:
    struct Statements;

    AnyDurableState loaded_;
    std::unique_ptr<Database> db_;
    std::unique_ptr<Statements> statements_;
};

}  // namespace quorum::node
