// The SQLite engine: one file in WAL mode.
#include <sqlite3.h>

#include <string>
#include <utility>

#include "store/engine.h"

namespace wk::store::internal {
namespace {

Error SqliteError(sqlite3* db, std::string_view what) {
  return MakeError(ErrorCode::kIo, std::string(what) + ": " + sqlite3_errmsg(db));
}

constexpr Dialect kSqliteDialect = {
    .id = "INTEGER PRIMARY KEY",
    .text = "TEXT",
    .without_rowid = "WITHOUT ROWID",
};

class SqliteCursor final : public Cursor {
 public:
  SqliteCursor(sqlite3_stmt* stmt, sqlite3* db) : stmt_(stmt), db_(db) {}
  ~SqliteCursor() override { sqlite3_finalize(stmt_); }

  void Bind(int index, int64_t value) override { sqlite3_bind_int64(stmt_, index, value); }
  void Bind(int index, double value) override { sqlite3_bind_double(stmt_, index, value); }
  void Bind(int index, std::string_view value) override {
    sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()),
                      SQLITE_TRANSIENT);
  }
  void BindNull(int index) override { sqlite3_bind_null(stmt_, index); }

  Result<bool> Step() override {
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    return SqliteError(db_, "step");
  }
  void Reset() override {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  bool IsNull(int column) const override {
    return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
  }
  int64_t Int(int column) const override { return sqlite3_column_int64(stmt_, column); }
  double Double(int column) const override { return sqlite3_column_double(stmt_, column); }
  std::string_view Text(int column) const override {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
    if (p == nullptr) return {};
    return std::string_view(p, static_cast<size_t>(sqlite3_column_bytes(stmt_, column)));
  }

 private:
  sqlite3_stmt* stmt_;
  sqlite3* db_;
};

// A bulk load on SQLite: a prepared INSERT per row, in the open transaction.
class SqliteLoader final : public Loader {
 public:
  explicit SqliteLoader(std::unique_ptr<SqliteCursor> insert) : insert_(std::move(insert)) {}
  void Add(int64_t value) override { insert_->Bind(++column_, value); }
  void Add(double value) override { insert_->Bind(++column_, value); }
  void Add(std::string_view value) override { insert_->Bind(++column_, value); }
  void AddNull() override { insert_->BindNull(++column_); }
  Status EndRow() override {
    column_ = 0;
    Result<bool> r = insert_->Step();
    insert_->Reset();
    if (!r.ok()) return r.error();
    ++rows_;
    return Ok{};
  }
  Result<int64_t> Finish() override { return rows_; }

 private:
  std::unique_ptr<SqliteCursor> insert_;
  int column_ = 0;
  int64_t rows_ = 0;
};

class SqliteConnection final : public Connection {
 public:
  SqliteConnection(sqlite3* db, std::string url) : db_(db) { url_ = std::move(url); }
  ~SqliteConnection() override { sqlite3_close(db_); }

  Engine engine() const override { return Engine::kSqlite; }
  const Dialect& dialect() const override { return kSqliteDialect; }

  Status Exec(std::string_view sql) override {
    std::string text(sql);
    char* message = nullptr;
    if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
      Error e = MakeError(ErrorCode::kIo, message ? message : "sqlite error");
      sqlite3_free(message);
      return e;
    }
    return Ok{};
  }

  Result<std::unique_ptr<Cursor>> Prepare(std::string_view sql) override {
    Result<std::unique_ptr<SqliteCursor>> c = PrepareSqlite(sql);
    if (!c.ok()) return c.error();
    return std::unique_ptr<Cursor>(std::move(c.value()));
  }

  int64_t Changes() const override { return sqlite3_changes64(db_); }

  Result<std::unique_ptr<Loader>> BeginBulkLoad(
      std::string_view table, std::span<const std::string_view> columns) override {
    std::string sql = "INSERT INTO " + std::string(table) + " (";
    std::string values;
    for (size_t i = 0; i < columns.size(); ++i) {
      if (i) {
        sql += ", ";
        values += ", ";
      }
      sql += columns[i];
      values += "?" + std::to_string(i + 1);
    }
    sql += ") VALUES (" + values + ")";
    Result<std::unique_ptr<SqliteCursor>> c = PrepareSqlite(sql);
    if (!c.ok()) return c.error();
    return std::unique_ptr<Loader>(std::make_unique<SqliteLoader>(std::move(c.value())));
  }

  Status Begin() override { return Exec("BEGIN IMMEDIATE"); }

  bool ColumnExists(std::string_view table, std::string_view column) override {
    auto q = PrepareSqlite("SELECT count(*) FROM pragma_table_info(?1) WHERE name = ?2");
    if (!q.ok()) return false;
    (*q)->Bind(1, table);
    (*q)->Bind(2, column);
    Result<bool> row = (*q)->Step();
    return row.ok() && *row && (*q)->Int(0) > 0;
  }

  bool TableExists(std::string_view table) override {
    auto q = PrepareSqlite("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?1");
    if (!q.ok()) return false;
    (*q)->Bind(1, table);
    Result<bool> row = (*q)->Step();
    return row.ok() && *row && (*q)->Int(0) > 0;
  }

  // BEGIN IMMEDIATE already holds the file's write lock.
  Status LockForMigration() override { return Ok{}; }

  Status NumberLegacyRows(std::string_view table, std::string_view column) override {
    return Exec("UPDATE " + std::string(table) + " SET " + std::string(column) +
                " = rowid WHERE " + std::string(column) + " IS NULL");
  }

 private:
  Result<std::unique_ptr<SqliteCursor>> PrepareSqlite(std::string_view sql) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr) !=
        SQLITE_OK) {
      return SqliteError(db_, "prepare");
    }
    return std::make_unique<SqliteCursor>(stmt, db_);
  }

  sqlite3* db_;
};

}  // namespace

Result<std::unique_ptr<Connection>> OpenSqlite(const Url& url) {
  sqlite3* handle = nullptr;
  int rc = sqlite3_open_v2(url.target.c_str(), &handle,
                           SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                           nullptr);
  if (rc != SQLITE_OK) {
    Error e = SqliteError(handle, "cannot open " + url.display);
    sqlite3_close(handle);
    return e;
  }
  sqlite3_busy_timeout(handle, 10000);
  auto db = std::make_unique<SqliteConnection>(handle, url.display);
  // A large page cache (negative: KiB) keeps a clustered index's pages in
  // memory for a whole ingest transaction; it is allocated only as used.
  Status s = db->Exec(
      "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
      "PRAGMA cache_size=-131072;");
  if (!s.ok()) return MakeError(ErrorCode::kIo, url.display + ": " + s.error().message);
  return std::unique_ptr<Connection>(std::move(db));
}

}  // namespace wk::store::internal
