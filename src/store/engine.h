// The engine interface behind store::Store, private to src/store: one
// implementation per engine (sqlite.cc, postgres.cc). store.cc holds what is
// common (URLs, the dialect placeholders, migrations).
#pragma once

#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "store/store.h"

namespace wk::store::internal {

class Cursor {
 public:
  virtual ~Cursor() = default;
  virtual void Bind(int index, int64_t value) = 0;
  virtual void Bind(int index, double value) = 0;
  virtual void Bind(int index, std::string_view value) = 0;
  virtual void BindNull(int index) = 0;
  virtual Result<bool> Step() = 0;
  virtual void Reset() = 0;
  virtual bool IsNull(int column) const = 0;
  virtual int64_t Int(int column) const = 0;
  virtual double Double(int column) const = 0;
  virtual std::string_view Text(int column) const = 0;
};

class Loader {
 public:
  virtual ~Loader() = default;
  virtual void Add(int64_t value) = 0;
  virtual void Add(double value) = 0;
  virtual void Add(std::string_view value) = 0;
  virtual void AddNull() = 0;
  virtual Status EndRow() = 0;
  virtual Result<int64_t> Finish() = 0;
};

// What each engine spells its own way.
struct Dialect {
  std::string_view id;             // {{id}}
  std::string_view text;           // {{text}}
  std::string_view without_rowid;  // {{without_rowid}}
};

class Connection {
 public:
  virtual ~Connection() = default;
  virtual Engine engine() const = 0;
  virtual const Dialect& dialect() const = 0;
  virtual Status Exec(std::string_view sql) = 0;
  virtual Result<std::unique_ptr<Cursor>> Prepare(std::string_view sql) = 0;
  virtual int64_t Changes() const = 0;
  virtual Result<std::unique_ptr<Loader>> BeginBulkLoad(
      std::string_view table, std::span<const std::string_view> columns) = 0;
  virtual Status Begin() = 0;  // BEGIN, or SQLite's BEGIN IMMEDIATE
  virtual bool ColumnExists(std::string_view table, std::string_view column) = 0;
  virtual bool TableExists(std::string_view table) = 0;
  // Serialises concurrent migrations inside the open transaction.
  virtual Status LockForMigration() = 0;
  // Numbers the rows of `table` whose `column` is NULL in insertion order.
  virtual Status NumberLegacyRows(std::string_view table, std::string_view column) = 0;

  const std::string& url() const { return url_; }
  bool in_transaction = false;

 protected:
  std::string url_;
};

Result<std::unique_ptr<Connection>> OpenSqlite(const Url& url);
Result<std::unique_ptr<Connection>> OpenPostgres(const Url& url);

// "?3" and bare "?" rewritten as "$3", "$N"; literals, quoted names and
// comments unchanged (PostgreSQL's engine; here so it can be tested).
std::string RewritePlaceholders(std::string_view sql, int* max_index = nullptr);

}  // namespace wk::store::internal
