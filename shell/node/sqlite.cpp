#include "sqlite.hpp"

namespace quorum::node {

namespace {

int open_flags(Database::Mode mode) {
    switch (mode) {
        case Database::Mode::ReadOnly:
            return SQLITE_OPEN_READONLY;
        case Database::Mode::ReadWrite:
            return SQLITE_OPEN_READWRITE;
        case Database::Mode::Create:
            return SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    }
    return SQLITE_OPEN_READONLY;
}

}  // namespace

Database::Database(const std::string& path, Mode mode) : path_(path) {
    // NOMUTEX: one thread uses the connection (the node's one event loop).
    const int code =
        sqlite3_open_v2(path.c_str(), &db_, open_flags(mode) | SQLITE_OPEN_NOMUTEX, nullptr);
    if (code != SQLITE_OK) {
        const std::string message = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(code);
        sqlite3_close(db_);
        db_ = nullptr;
        throw SqliteError(path + ": " + message);
    }
    sqlite3_extended_result_codes(db_, 1);
}

Database::~Database() {
    // Statements are finalized by their own destructors first; close_v2
    // defers the close if one is still alive rather than failing.
    sqlite3_close_v2(db_);
}

void Database::exec(const std::string& sql) {
    char* error = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
        std::string message = error ? error : sqlite3_errmsg(db_);
        sqlite3_free(error);
        throw SqliteError(path_ + ": " + message + " (in: " + sql + ")");
    }
}

Statement Database::prepare(std::string_view sql) {
    return Statement(*this, sql);
}

Statement::Statement(Database& db, std::string_view sql) : db_(&db) {
    check(sqlite3_prepare_v2(db.handle(), sql.data(), static_cast<int>(sql.size()), &statement_,
                             nullptr),
          sql.data());
}

Statement::~Statement() {
    sqlite3_finalize(statement_);
}

Statement::Statement(Statement&& other) noexcept : db_(other.db_), statement_(other.statement_) {
    other.statement_ = nullptr;
}

void Statement::check(int code, const char* what) {
    if (code != SQLITE_OK && code != SQLITE_ROW && code != SQLITE_DONE) {
        throw SqliteError(db_->path() + ": " + sqlite3_errmsg(db_->handle()) + " (in: " + what +
                          ")");
    }
}

Statement& Statement::bind(int index, std::int64_t value) {
    check(sqlite3_bind_int64(statement_, index, value), "bind");
    return *this;
}

Statement& Statement::bind(int index, std::uint64_t value) {
    // SQLite integers are signed 64-bit; terms, indexes and slots stay far below 2^63.
    return bind(index, static_cast<std::int64_t>(value));
}

Statement& Statement::bind_text(int index, std::string_view value) {
    check(sqlite3_bind_text(statement_, index, value.data(), static_cast<int>(value.size()),
                            SQLITE_TRANSIENT),
          "bind");
    return *this;
}

Statement& Statement::bind_blob(int index, std::string_view value) {
    check(sqlite3_bind_blob(statement_, index, value.data(), static_cast<int>(value.size()),
                            SQLITE_TRANSIENT),
          "bind");
    return *this;
}

bool Statement::step() {
    const int code = sqlite3_step(statement_);
    check(code, sqlite3_sql(statement_));
    return code == SQLITE_ROW;
}

void Statement::run() {
    while (step()) {
    }
    reset();
}

void Statement::reset() {
    sqlite3_reset(statement_);
    sqlite3_clear_bindings(statement_);
}

std::int64_t Statement::column_int(int index) {
    return sqlite3_column_int64(statement_, index);
}

std::string Statement::column_text(int index) {
    const auto* text = sqlite3_column_text(statement_, index);
    const int size = sqlite3_column_bytes(statement_, index);
    return text ? std::string(reinterpret_cast<const char*>(text), static_cast<std::size_t>(size))
                : std::string();
}

std::string Statement::column_blob(int index) {
    const auto* blob = sqlite3_column_blob(statement_, index);
    const int size = sqlite3_column_bytes(statement_, index);
    return blob ? std::string(static_cast<const char*>(blob), static_cast<std::size_t>(size))
                : std::string();
}

bool Statement::column_is_null(int index) {
    return sqlite3_column_type(statement_, index) == SQLITE_NULL;
}

Transaction::Transaction(Database& db) : db_(db) {
    db_.exec("BEGIN IMMEDIATE");
}

Transaction::~Transaction() {
    if (!done_) {
        sqlite3_exec(db_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
    }
}

void Transaction::commit() {
    db_.exec("COMMIT");
    done_ = true;
}

}  // namespace quorum::node
