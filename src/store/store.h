// store: the embedded SQLite database that every domain persists into.
// A thin RAII layer over the SQLite C API: one Db per file, prepared
// Statements, and a Transaction that rolls back unless committed, so a failed
// import leaves the previous data as it was.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

struct sqlite3;
struct sqlite3_stmt;

namespace wk::store {

inline constexpr std::string_view kDefaultDbPath = "watchkeeper.db";

class Statement {
 public:
  Statement() = default;
  Statement(Statement&&) noexcept;
  Statement& operator=(Statement&&) noexcept;
  ~Statement();

  // Parameters are 1-based, as in SQLite.
  Statement& Bind(int index, int64_t value);
  Statement& Bind(int index, double value);
  Statement& Bind(int index, std::string_view value);
  Statement& BindNull(int index);
  template <typename T>
  Statement& Bind(int index, const std::optional<T>& value) {
    return value ? Bind(index, *value) : BindNull(index);
  }

  // Advances to the next row: true with a row, false when done. Errors are
  // returned as a Result so that a constraint failure is ordinary input.
  Result<bool> Step();
  // Runs a statement that returns no rows, then resets it for reuse.
  Status Run();
  void Reset();

  // Columns are 0-based.
  bool IsNull(int column) const;
  int64_t Int(int column) const;
  double Double(int column) const;
  std::string_view Text(int column) const;

 private:
  friend class Db;
  Statement(sqlite3_stmt* stmt, sqlite3* db) : stmt_(stmt), db_(db) {}
  sqlite3_stmt* stmt_ = nullptr;
  sqlite3* db_ = nullptr;
};

class Db {
 public:
  // Opens (creating if needed) a SQLite file in WAL mode.
  static Result<Db> Open(const std::string& path);

  Db(Db&&) noexcept;
  Db& operator=(Db&&) noexcept;
  ~Db();

  // Runs one or more statements with no parameters and no rows.
  Status Exec(std::string_view sql);
  Result<Statement> Prepare(std::string_view sql);
  int64_t LastInsertId() const;
  int Changes() const;
  sqlite3* handle() { return db_; }

 private:
  explicit Db(sqlite3* db) : db_(db) {}
  sqlite3* db_ = nullptr;
};

// BEGIN IMMEDIATE on construction; ROLLBACK on destruction unless Commit()
// succeeded.
class Transaction {
 public:
  explicit Transaction(Db& db);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  Status Commit();
  bool began() const { return began_; }

 private:
  Db& db_;
  bool began_ = false;
  bool done_ = false;
};

}  // namespace wk::store
