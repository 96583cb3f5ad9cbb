#include "storage.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>

#include "quorum/wire/codec.hpp"

namespace quorum::node {

namespace {

constexpr const char* kSchemaVersion = "quorum-node 1";

constexpr const char* kSchema = R"sql(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
CREATE TABLE raft_state(id INTEGER PRIMARY KEY CHECK (id = 1), term INTEGER NOT NULL,
                        voted_for INTEGER NOT NULL) STRICT;
CREATE TABLE raft_log(idx INTEGER PRIMARY KEY, term INTEGER NOT NULL, command BLOB NOT NULL) STRICT;
CREATE TABLE records(name TEXT PRIMARY KEY, value BLOB NOT NULL) STRICT;
CREATE TABLE mp_accepted(slot INTEGER PRIMARY KEY, pvalue BLOB NOT NULL) STRICT;
CREATE TABLE mp_decisions(slot INTEGER PRIMARY KEY, decree BLOB NOT NULL) STRICT;
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

std::optional<std::string> record(Database& db, const char* name) {
    auto statement = db.prepare("SELECT value FROM records WHERE name = ?");
    statement.bind_text(1, name);
    if (!statement.step()) {
        return std::nullopt;
    }
    return statement.column_blob(0);
}

void check_file(Database& db, Algorithm algorithm, NodeId id) {
    auto quick_check = db.prepare("PRAGMA quick_check");
    std::string verdict = quick_check.step() ? quick_check.column_text(0) : "no answer";
    if (verdict != "ok") {
        // Its first few findings are enough to show the file is damaged.
        for (int lines = 1; lines < 3 && quick_check.step(); ++lines) {
            verdict += "; " + quick_check.column_text(0);
        }
        damaged(db.path(), "the file is damaged (SQLite's quick_check: " + verdict + ")");
    }
    const auto schema = meta(db, "schema");
    if (schema != kSchemaVersion) {
        damaged(db.path(), "not a quorum-node database of this version (schema '" +
                               schema.value_or("none") + "', expected '" + kSchemaVersion + "')");
    }
    const auto stored_algorithm = meta(db, "algorithm");
    const auto stored_id = meta(db, "node_id");
    if (stored_algorithm != algorithm_name(algorithm) || stored_id != std::to_string(id)) {
        throw StorageError(db.path() + ": belongs to node " + stored_id.value_or("?") +
                               " running " + stored_algorithm.value_or("?") + ", not node " +
                               std::to_string(id) + " running " + algorithm_name(algorithm) +
                               " (check --id, --algo and --data)",
                           false);
    }
}

raft::DurableState load_raft(Database& db) {
    raft::DurableState state;
    auto hard = db.prepare("SELECT term, voted_for FROM raft_state WHERE id = 1");
    if (hard.step()) {
        state.hard_state.current_term = static_cast<raft::Term>(hard.column_int(0));
        state.hard_state.voted_for = static_cast<NodeId>(hard.column_int(1));
    }
    auto log = db.prepare("SELECT idx, term, command FROM raft_log ORDER BY idx");
    raft::Term previous_term = 0;
    while (log.step()) {
        const auto index = static_cast<raft::LogIndex>(log.column_int(0));
        raft::Entry entry;
        entry.term = static_cast<raft::Term>(log.column_int(1));
        if (index != state.log.size() + 1) {
            damaged(db.path(), "Raft log has a gap: entry " + std::to_string(index) +
                                   " follows entry " + std::to_string(state.log.size()));
        }
        if (entry.term < previous_term || entry.term > state.hard_state.current_term) {
            damaged(db.path(), "Raft log entry " + std::to_string(index) + " has term " +
                                   std::to_string(entry.term) + ", out of order");
        }
        Command command;
        if (!wire::decode_record(log.column_blob(2), command)) {
            damaged(db.path(), "Raft log entry " + std::to_string(index) + " does not decode");
        }
        entry.command = std::move(command);
        previous_term = entry.term;
        state.log.push_back(std::move(entry));
    }
    return state;
}

paxos::DurableState load_paxos(Database& db) {
    paxos::DurableState state;
    if (const auto blob = record(db, "paxos")) {
        if (!wire::decode_record(*blob, state)) {
            damaged(db.path(), "the Paxos acceptor record does not decode");
        }
    }
    return state;
}

multipaxos::DurableState load_multipaxos(Database& db) {
    multipaxos::DurableState state;
    for (const char* name : {"acceptor_ballot", "leader_ballot"}) {
        if (const auto blob = record(db, name)) {
            auto& ballot = std::string_view(name) == "acceptor_ballot" ? state.acceptor_ballot
                                                                       : state.leader_ballot;
            if (!wire::decode_record(*blob, ballot)) {
                damaged(db.path(), std::string("the record '") + name + "' does not decode");
            }
        }
    }
    auto accepted = db.prepare("SELECT slot, pvalue FROM mp_accepted ORDER BY slot");
    while (accepted.step()) {
        const auto slot = static_cast<multipaxos::Slot>(accepted.column_int(0));
        multipaxos::PValue pvalue;
        if (!wire::decode_record(accepted.column_blob(1), pvalue) || pvalue.slot != slot) {
            damaged(db.path(),
                    "the accepted pvalue of slot " + std::to_string(slot) + " does not decode");
        }
        state.accepted.emplace(slot, std::move(pvalue));
    }
    auto decisions = db.prepare("SELECT slot, decree FROM mp_decisions ORDER BY slot");
    while (decisions.step()) {
        const auto slot = static_cast<multipaxos::Slot>(decisions.column_int(0));
        multipaxos::Decree decree;
        if (!wire::decode_record(decisions.column_blob(1), decree)) {
            damaged(db.path(), "the decision of slot " + std::to_string(slot) + " does not decode");
        }
        state.decisions.emplace(slot, std::move(decree));
    }
    return state;
}

DurableState load(Database& db, Algorithm algorithm, NodeId id) {
    try {
        check_file(db, algorithm, id);
        switch (algorithm) {
            case Algorithm::Raft:
                return load_raft(db);
            case Algorithm::Paxos:
                return load_paxos(db);
            case Algorithm::MultiPaxos:
                return load_multipaxos(db);
        }
    } catch (const SqliteError& error) {
        // SQLite's own words: "file is not a database", "database disk image is malformed".
        throw StorageError(std::string(error.what()) + ": the file is damaged");
    }
    return raft::DurableState{};
}

DurableState empty_state(Algorithm algorithm) {
    switch (algorithm) {
        case Algorithm::Paxos:
            return paxos::DurableState{};
        case Algorithm::MultiPaxos:
            return multipaxos::DurableState{};
        case Algorithm::Raft:
            break;
    }
    return raft::DurableState{};
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

const char* algorithm_name(Algorithm algorithm) {
    switch (algorithm) {
        case Algorithm::Raft:
            return "raft";
        case Algorithm::Paxos:
            return "paxos";
        case Algorithm::MultiPaxos:
            return "multipaxos";
    }
    return "raft";
}

struct Storage::Statements {
    explicit Statements(Database& db)
        : raft_state(db.prepare("INSERT OR REPLACE INTO raft_state(id, term, voted_for) "
                                "VALUES (1, ?, ?)")),
          raft_truncate(db.prepare("DELETE FROM raft_log WHERE idx >= ?")),
          raft_append(db.prepare("INSERT INTO raft_log(idx, term, command) VALUES (?, ?, ?)")),
          record(db.prepare("INSERT OR REPLACE INTO records(name, value) VALUES (?, ?)")),
          accepted(db.prepare("INSERT OR REPLACE INTO mp_accepted(slot, pvalue) VALUES (?, ?)")),
          decision(db.prepare("INSERT OR REPLACE INTO mp_decisions(slot, decree) VALUES (?, ?)")) {}
    Statement raft_state, raft_truncate, raft_append, record, accepted, decision;
};

Storage::Storage(const std::string& dir, Algorithm algorithm, NodeId id, SyncMode sync)
    : algorithm_(algorithm), loaded_(empty_state(algorithm)) {
    if (!exists(dir)) {
        throw StorageError(dir + ": no such directory");
    }
    if (exists(db_path(dir))) {
        loaded_ = load_existing(dir, algorithm, id);
    } else {
        create(dir, algorithm, id);
    }
    if (const auto* state = std::get_if<paxos::DurableState>(&loaded_)) {
        paxos_state_ = *state;
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
    transaction_.reset();
    statements_.reset();
}

DurableState Storage::load_existing(const std::string& dir, Algorithm algorithm, NodeId id) {
    if (!exists(db_path(dir))) {
        throw StorageError(db_path(dir) + ": no such file");
    }
    try {
        Database db(db_path(dir), Database::Mode::ReadOnly);
        return load(db, algorithm, id);
    } catch (const SqliteError& error) {
        throw StorageError(error.what());
    }
}

void Storage::begin() {
    transaction_.emplace(*db_);
}

void Storage::commit() {
    transaction_->commit();
    transaction_.reset();
}

void Storage::write(const raft::Ready& ready) {
    auto& s = *statements_;
    if (ready.hard_state) {
        s.raft_state.bind(1, ready.hard_state->current_term)
            .bind(2, std::int64_t{ready.hard_state->voted_for})
            .run();
    }
    if (ready.log_write_from != 0) {
        s.raft_truncate.bind(1, ready.log_write_from).run();
        raft::LogIndex index = ready.log_write_from;
        for (const auto& entry : ready.log_write) {
            s.raft_append.bind(1, index++)
                .bind(2, entry.term)
                .bind_blob(3, wire::encode_record(*entry.command))
                .run();
        }
    }
}

void Storage::write(const paxos::Ready& ready) {
    if (!ready.has_durable_writes()) {
        return;
    }
    ready.persist_to(paxos_state_);
    statements_->record.bind_text(1, "paxos").bind_blob(2, wire::encode_record(paxos_state_)).run();
}

void Storage::write(const multipaxos::Ready& ready) {
    auto& s = *statements_;
    if (ready.acceptor_ballot) {
        s.record.bind_text(1, "acceptor_ballot")
            .bind_blob(2, wire::encode_record(*ready.acceptor_ballot))
            .run();
    }
    if (ready.leader_ballot) {
        s.record.bind_text(1, "leader_ballot")
            .bind_blob(2, wire::encode_record(*ready.leader_ballot))
            .run();
    }
    for (const auto& pvalue : ready.accepted) {
        s.accepted.bind(1, pvalue.slot).bind_blob(2, wire::encode_record(pvalue)).run();
    }
    for (const auto& decision : ready.decisions) {
        s.decision.bind(1, decision.slot).bind_blob(2, wire::encode_record(decision.decree)).run();
    }
}

}  // namespace quorum::node
