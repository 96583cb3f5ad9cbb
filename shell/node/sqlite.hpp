// A small RAII wrapper over SQLite's C API: a Database owns a connection, a
// Statement owns a prepared statement. Every failure throws SqliteError with
// SQLite's own message and the statement or file it concerns, so a caller
// reports one clear line instead of checking return codes everywhere.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace quorum::node {

class SqliteError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

class Statement;

class Database {
  public:
    enum class Mode { ReadOnly, ReadWrite, Create };

    Database(const std::string& path, Mode mode);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    // Runs one or more statements that return no rows.
    void exec(const std::string& sql);
    Statement prepare(std::string_view sql);
    sqlite3* handle() { return db_; }
    const std::string& path() const { return path_; }

  private:
    sqlite3* db_ = nullptr;
    std::string path_;
};

class Statement {
  public:
    Statement(Database& db, std::string_view sql);
    ~Statement();
    Statement(Statement&& other) noexcept;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    Statement& operator=(Statement&&) = delete;

    // Bindings are 1-based, as in SQLite.
    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, std::uint64_t value);
    Statement& bind_text(int index, std::string_view value);
    Statement& bind_blob(int index, std::string_view value);

    // Advances to the next row: true if there is one, false when done.
    bool step();
    // Runs a statement that returns no rows, then makes it reusable.
    void run();
    void reset();

    std::int64_t column_int(int index);
    std::string column_text(int index);
    std::string column_blob(int index);
    bool column_is_null(int index);

  private:
    void check(int code, const char* what);

    Database* db_;
    sqlite3_stmt* statement_ = nullptr;
};

// BEGIN IMMEDIATE ... COMMIT, rolled back if it is left by an exception.
class Transaction {
  public:
    explicit Transaction(Database& db);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit();

  private:
    Database& db_;
    bool done_ = false;
};

}  // namespace quorum::node
