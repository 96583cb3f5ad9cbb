#include "storage.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <optional>
#include <utility>
#include <vector>

#include "quorum/store/stored_node.hpp"

namespace quorum::node {

namespace {

// 2: the protocol's keyed records in one table (1 had a table per protocol).
constexpr const char* kSchemaVersion = "quorum-node 2";
constexpr std::string_view kSchemaFamily = "quorum-node ";

constexpr const char* kSchema = R"sql(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
CREATE TABLE records(key TEXT PRIMARY KEY, value BLOB NOT NULL) STRICT, WITHOUT ROWID;
)sql";

std::string db_path(const std::string& dir) {
    return dir + "/node.db";
}

bool exists(const std::string& path) {
    struct stat info {};
    return ::stat(path.c_str(), &info) == 0;
}

// The rename of a new file is durable only once its directory is.
void fsync_directory(const std::string& dir) {
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

[[noreturn]] void damaged(const std::string& path, const std::string& what) {
    throw StorageError(path + ": " + what);
}

std::optional<std::string> meta(Database& db, const char* key) {
    auto statement = db.prepare("SELECT value FROM meta WHERE key = ?");
    statement.bind_text(1, key);
    if (!statement.step()) {
        return std::nullopt;
    }
    return statement.column_text(0);
}

void quick_check(Database& db) {
    auto check = db.prepare("PRAGMA quick_check");
    std::string verdict = check.step() ? check.column_text(0) : "no answer";
    if (verdict != "ok") {
        // Its first few findings are enough to show the file is damaged.
        for (int lines = 1; lines < 3 && check.step(); ++lines) {
            verdict += "; " + check.column_text(0);
        }
        damaged(db.path(), "the file is damaged (SQLite's quick_check: " + verdict + ")");
    }
}

// Another version's file is no damage: it is refused, and said so.
void check_schema(Database& db) {
    const auto schema = meta(db, "schema");
    if (schema == kSchemaVersion) {
        return;
    }
    if (schema && schema->starts_with(kSchemaFamily)) {
        throw StorageError(db.path() + ": written by another version of quorum-node (schema '" +
                               *schema + "'; this one reads '" + kSchemaVersion +
                               "' and converts no other): run the quorum-node that wrote it, "
                               "or replace the node",
                           false);
    }
    damaged(db.path(), "not a quorum-node database of this version (schema '" +
                           schema.value_or("none") + "', expected '" + kSchemaVersion + "')");
}

void check_owner(Database& db, Algorithm algorithm, NodeId id) {
    const std::string name(algorithm_name(algorithm));
    const auto stored_algorithm = meta(db, "algorithm");
    const auto stored_id = meta(db, "node_id");
    if (stored_algorithm != name || stored_id != std::to_string(id)) {
        throw StorageError(db.path() + ": belongs to node " + stored_id.value_or("?") +
                               " running " + stored_algorithm.value_or("?") + ", not node " +
                               std::to_string(id) + " running " + name +
                               " (check --id, --algo and --data)",
                           false);
    }
}

// Every record, each unsealed and decoded by the protocol: a node never
// starts from a state it cannot read whole.
AnyDurableState load_records(Database& db, Algorithm algorithm) {
    std::vector<store::Record> records;
    auto rows = db.prepare("SELECT key, value FROM records");
    while (rows.step()) {
        records.emplace_back(rows.column_text(0), rows.column_blob(1));
    }
    auto loaded = store::load(algorithm, std::move(records));
    if (const auto* error = std::get_if<store::LoadError>(&loaded)) {
        damaged(db.path(), "the file is damaged (" + error->what() + ")");
    }
    return std::get<AnyDurableState>(std::move(loaded));
}

AnyDurableState load(Database& db, Algorithm algorithm, NodeId id) {
    try {
        quick_check(db);
        check_schema(db);
        check_owner(db, algorithm, id);
        return load_records(db, algorithm);
    } catch (const SqliteError& error) {
        // SQLite's own words: "file is not a database", "database disk image is malformed".
        throw StorageError(std::string(error.what()) + ": the file is damaged");
    }
}

// The protocol's state before anything was written: what no records load to.
AnyDurableState empty_state(Algorithm algorithm) {
    return std::get<AnyDurableState>(store::load(algorithm, {}));
}

void create(const std::string& dir, Algorithm algorithm, NodeId id) {
    const std::string fresh = db_path(dir) + ".new";
    std::remove(fresh.c_str());  // a leftover from a crash during an earlier first start
    {
        Database db(fresh, Database::Mode::Create);
        db.exec("PRAGMA journal_mode=WAL");
        Transaction transaction(db);
        db.exec(kSchema);
        auto insert = db.prepare("INSERT INTO meta(key, value) VALUES (?, ?)");
        insert.bind_text(1, "schema").bind_text(2, kSchemaVersion).run();
        insert.bind_text(1, "algorithm").bind_text(2, algorithm_name(algorithm)).run();
        insert.bind_text(1, "node_id").bind_text(2, std::to_string(id)).run();
        transaction.commit();
    }  // closing checkpoints the WAL into the file and removes it
    if (std::rename(fresh.c_str(), db_path(dir).c_str()) != 0) {
        throw StorageError("cannot rename " + fresh + " to " + db_path(dir));
    }
    fsync_directory(dir);
}

const char* synchronous_pragma(SyncMode sync) {
    switch (sync) {
        case SyncMode::Normal:
            return "PRAGMA synchronous=NORMAL";
        case SyncMode::Off:
            return "PRAGMA synchronous=OFF";
        case SyncMode::Full:
            break;
    }
    return "PRAGMA synchronous=FULL";
}

}  // namespace

struct Storage::Statements {
    explicit Statements(Database& db)
        : put(db.prepare("INSERT OR REPLACE INTO records(key, value) VALUES (?, ?)")),
          delete_range(db.prepare("DELETE FROM records WHERE key >= ? AND key < ?")) {}
    Statement put, delete_range;
};

Storage::Storage(const std::string& dir, Algorithm algorithm, NodeId id, SyncMode sync) {
    if (!exists(dir)) {
        throw StorageError(dir + ": no such directory");
    }
    if (exists(db_path(dir))) {
        loaded_ = load_existing(dir, algorithm, id);
    } else {
        create(dir, algorithm, id);
        loaded_ = empty_state(algorithm);
    }
    try {
        db_ = std::make_unique<Database>(db_path(dir), Database::Mode::ReadWrite);
        db_->exec("PRAGMA journal_mode=WAL");
        db_->exec(synchronous_pragma(sync));
        statements_ = std::make_unique<Statements>(*db_);
    } catch (const SqliteError& error) {
        throw StorageError(error.what());
    }
}

Storage::~Storage() {
    statements_.reset();
}

AnyDurableState Storage::load_existing(const std::string& dir, Algorithm algorithm, NodeId id) {
    if (!exists(db_path(dir))) {
        throw StorageError(db_path(dir) + ": no such file");
    }
    // Reading a WAL-mode file creates its -wal and -shm beside it, even
    // read-only. A refused file is left as it was found: what this read
    // created is removed again (an empty -wal and the shared-memory index,
    // never a -wal that holds anything).
    const std::string path = db_path(dir);
    const bool had_wal = exists(path + "-wal");
    const bool had_shm = exists(path + "-shm");
    try {
        try {
            Database db(path, Database::Mode::ReadOnly);
            return load(db, algorithm, id);
        } catch (const SqliteError& error) {
            throw StorageError(error.what());
        }
    } catch (const StorageError&) {
        struct stat wal {};
        if (!had_wal && ::stat((path + "-wal").c_str(), &wal) == 0 && wal.st_size == 0) {
            std::remove((path + "-wal").c_str());
            if (!had_shm) {
                std::remove((path + "-shm").c_str());
            }
        }
        throw;
    }
}

void Storage::persist(const store::Batch& batch) {
    if (batch.empty()) {
        return;
    }
    auto& s = *statements_;
    Transaction transaction(*db_);
    for (const store::Op& op : batch) {
        if (op.kind == store::Op::Kind::Put) {
            s.put.bind_text(1, op.key).bind_blob(2, op.value).run();
        } else {
            s.delete_range.bind_text(1, op.key).bind_text(2, op.value).run();
        }
    }
    transaction.commit();  // durable (synchronous=FULL) when COMMIT returns
}

}  // namespace quorum::node
