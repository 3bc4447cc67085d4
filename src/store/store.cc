// What both engines share: store URLs, the Store/Statement/BulkLoad handles,
// transactions, the dialect placeholders and versioned migrations.
#include <algorithm>
#include <cassert>
#include <chrono>
#include <filesystem>
#include <map>
#include <set>
#include <utility>

#include "core/core.h"
#include "store/engine.h"

namespace wk::store {

// ---- URLs ------------------------------------------------------------------

namespace {

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// postgresql://user:secret@host/db?password=x -> postgresql://user:***@host/db?password=***
std::string HidePassword(std::string_view url) {
  std::string out(url);
  const size_t scheme = out.find("://");
  if (scheme != std::string::npos) {
    const size_t start = scheme + 3;
    const size_t at = out.find('@', start);
    const size_t slash = out.find('/', start);
    if (at != std::string::npos && (slash == std::string::npos || at < slash)) {
      const size_t colon = out.find(':', start);
      if (colon != std::string::npos && colon < at) out.replace(colon + 1, at - colon - 1, "***");
    }
  }
  for (size_t p = out.find("password="); p != std::string::npos;
       p = out.find("password=", p + 1)) {
    const size_t begin = p + 9;
    size_t end = out.find('&', begin);
    if (end == std::string::npos) end = out.size();
    out.replace(begin, end - begin, "***");
  }
  return out;
}

}  // namespace

Result<Url> ParseUrl(std::string_view url) {
  Url out;
  out.display = HidePassword(url);
  if (StartsWith(url, "postgresql://") || StartsWith(url, "postgres://")) {
    out.engine = Engine::kPostgres;
    out.target = std::string(url);
    return out;
  }
  if (StartsWith(url, "sqlite://")) {
    out.target = std::string(url.substr(9));
  } else if (url.find("://") != std::string_view::npos) {
    return MakeError(ErrorCode::kInvalidInput,
                     "store URL " + out.display +
                         ": unknown scheme (a file path, sqlite:///path or postgresql://...)");
  } else {
    out.target = std::string(url);
  }
  if (out.target.empty())
    return MakeError(ErrorCode::kInvalidInput, "store URL '" + out.display + "' names no file");
  return out;
}

namespace internal {

std::string RewritePlaceholders(std::string_view sql, int* max_index) {
  std::string out;
  out.reserve(sql.size() + 8);
  int highest = 0;
  size_t i = 0;
  auto copy_until = [&](std::string_view end) {
    const size_t stop = sql.find(end, i);
    const size_t to = stop == std::string_view::npos ? sql.size() : stop + end.size();
    out.append(sql.substr(i, to - i));
    i = to;
  };
  while (i < sql.size()) {
    const char c = sql[i];
    if (c == '\'') {
      out += c;
      ++i;
      copy_until("'");  // '' inside a literal ends and reopens it: same result
    } else if (c == '"') {
      out += c;
      ++i;
      copy_until("\"");
    } else if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
      copy_until("\n");
    } else if (c == '/' && i + 1 < sql.size() && sql[i + 1] == '*') {
      copy_until("*/");
    } else if (c == '?') {
      ++i;
      size_t j = i;
      while (j < sql.size() && sql[j] >= '0' && sql[j] <= '9') ++j;
      int n = 0;
      if (j > i) {
        for (size_t k = i; k < j; ++k) n = n * 10 + (sql[k] - '0');
      } else {
        n = highest + 1;
      }
      highest = std::max(highest, n);
      out += '$';
      out += std::to_string(n);
      i = j;
    } else {
      out += c;
      ++i;
    }
  }
  if (max_index) *max_index = highest;
  return out;
}

}  // namespace internal

// ---- Handles -----------------------------------------------------------------

Statement::Statement() = default;
Statement::Statement(std::unique_ptr<internal::Cursor> cursor) : cursor_(std::move(cursor)) {}
Statement::Statement(Statement&&) noexcept = default;
Statement& Statement::operator=(Statement&&) noexcept = default;
Statement::~Statement() = default;

Statement& Statement::Bind(int index, int64_t value) {
  cursor_->Bind(index, value);
  return *this;
}
Statement& Statement::Bind(int index, double value) {
  cursor_->Bind(index, value);
  return *this;
}
Statement& Statement::Bind(int index, std::string_view value) {
  cursor_->Bind(index, value);
  return *this;
}
Statement& Statement::BindNull(int index) {
  cursor_->BindNull(index);
  return *this;
}
Result<bool> Statement::Step() { return cursor_->Step(); }
Status Statement::Run() {
  Result<bool> r = cursor_->Step();
  cursor_->Reset();
  if (!r.ok()) return r.error();
  return Ok{};
}
void Statement::Reset() { cursor_->Reset(); }
bool Statement::IsNull(int column) const { return cursor_->IsNull(column); }
int64_t Statement::Int(int column) const { return cursor_->Int(column); }
double Statement::Double(int column) const { return cursor_->Double(column); }
std::string_view Statement::Text(int column) const { return cursor_->Text(column); }

BulkLoad::BulkLoad() = default;
BulkLoad::BulkLoad(std::unique_ptr<internal::Loader> loader) : loader_(std::move(loader)) {}
BulkLoad::BulkLoad(BulkLoad&&) noexcept = default;
BulkLoad& BulkLoad::operator=(BulkLoad&&) noexcept = default;
BulkLoad::~BulkLoad() = default;

BulkLoad& BulkLoad::Add(int64_t value) {
  loader_->Add(value);
  return *this;
}
BulkLoad& BulkLoad::Add(double value) {
  loader_->Add(value);
  return *this;
}
BulkLoad& BulkLoad::Add(std::string_view value) {
  loader_->Add(value);
  return *this;
}
BulkLoad& BulkLoad::AddNull() {
  loader_->AddNull();
  return *this;
}
Status BulkLoad::EndRow() { return loader_->EndRow(); }
Result<int64_t> BulkLoad::Finish() { return loader_->Finish(); }

Store::Store(std::unique_ptr<internal::Connection> connection)
    : connection_(std::move(connection)) {}
Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&&) noexcept = default;
Store::~Store() = default;

Engine Store::engine() const { return connection_->engine(); }
const std::string& Store::url() const { return connection_->url(); }
Status Store::Exec(std::string_view sql) { return connection_->Exec(sql); }
Result<Statement> Store::Prepare(std::string_view sql) {
  Result<std::unique_ptr<internal::Cursor>> c = connection_->Prepare(sql);
  if (!c.ok()) return c.error();
  return Statement(std::move(c.value()));
}
int64_t Store::Changes() const { return connection_->Changes(); }
Result<BulkLoad> Store::BeginBulkLoad(std::string_view table,
                                      std::span<const std::string_view> columns) {
  Result<std::unique_ptr<internal::Loader>> l = connection_->BeginBulkLoad(table, columns);
  if (!l.ok()) return l.error();
  return BulkLoad(std::move(l.value()));
}
bool Store::TableExists(std::string_view table) { return connection_->TableExists(table); }
bool Store::in_transaction() const { return connection_->in_transaction; }

Result<Store> Open(std::string_view url) {
  Result<Url> parsed = ParseUrl(url);
  if (!parsed.ok()) return parsed.error();
  Result<std::unique_ptr<internal::Connection>> c = parsed->engine == Engine::kPostgres
                                                        ? internal::OpenPostgres(*parsed)
                                                        : internal::OpenSqlite(*parsed);
  if (!c.ok()) return c.error();
  return Store(std::move(c.value()));
}

Result<Store> OpenExisting(std::string_view url) {
  Result<Url> parsed = ParseUrl(url);
  if (!parsed.ok()) return parsed.error();
  std::error_code ec;
  if (parsed->engine == Engine::kSqlite && !std::filesystem::exists(parsed->target, ec))
    return MakeError(ErrorCode::kNotFound, parsed->display + ": no such store");
  return Open(url);
}

Transaction::Transaction(Store& store) : store_(store) {
  if (store_.in_transaction()) {
    error_ = "a transaction is already open on " + store_.url();
    return;
  }
  Status s = store_.connection_->Begin();
  began_ = s.ok();
  if (began_) {
    store_.connection_->in_transaction = true;
  } else {
    error_ = s.error().message;
  }
}

Transaction::~Transaction() {
  if (began_ && !done_) {
    (void)store_.Exec("ROLLBACK");
    store_.connection_->in_transaction = false;
  }
}

Status Transaction::Commit() {
  if (!began_) return MakeError(ErrorCode::kIo, "transaction did not begin: " + error_);
  if (done_) return MakeError(ErrorCode::kIo, "transaction already committed");
  Status s = store_.Exec("COMMIT");
  if (s.ok()) {
    done_ = true;
    store_.connection_->in_transaction = false;
  }
  return s;
}

// ---- Dialect -------------------------------------------------------------------

namespace {

std::vector<std::string_view> Words(std::string_view s) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\n' || s[i] == '\t')) ++i;
    size_t j = i;
    while (j < s.size() && s[j] != ' ' && s[j] != '\n' && s[j] != '\t') ++j;
    if (j > i) out.push_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

}  // namespace

Status Store::ExecSchema(std::string_view sql) {
  const internal::Dialect& d = connection_->dialect();
  std::string pending;
  auto flush = [&]() -> Status {
    if (Words(pending).empty()) return Ok{};
    Status s = connection_->Exec(pending);
    pending.clear();
    return s;
  };
  size_t i = 0;
  while (i < sql.size()) {
    const size_t open = sql.find("{{", i);
    if (open == std::string_view::npos) {
      pending.append(sql.substr(i));
      break;
    }
    pending.append(sql.substr(i, open - i));
    const size_t close = sql.find("}}", open);
    if (close == std::string_view::npos)
      return MakeError(ErrorCode::kInvalidInput, "schema SQL: unclosed {{");
    const std::vector<std::string_view> words = Words(sql.substr(open + 2, close - open - 2));
    i = close + 2;
    const std::string_view name = words.empty() ? std::string_view() : words[0];
    if (name == "id" && words.size() == 1) {
      pending += d.id;
    } else if (name == "text" && words.size() == 1) {
      pending += d.text;
    } else if (name == "without_rowid" && words.size() == 1) {
      pending += d.without_rowid;
    } else if (name == "add_column" && words.size() >= 4) {
      if (Status s = flush(); !s.ok()) return s;
      if (!connection_->ColumnExists(words[1], words[2])) {
        std::string alter = "ALTER TABLE " + std::string(words[1]) + " ADD COLUMN";
        for (size_t k = 2; k < words.size(); ++k) alter += " " + std::string(words[k]);
        if (Status s = connection_->Exec(alter); !s.ok()) return s;
      }
    } else if (name == "add_order_column" && words.size() == 3) {
      if (Status s = flush(); !s.ok()) return s;
      if (!connection_->ColumnExists(words[1], words[2])) {
        std::string alter = "ALTER TABLE " + std::string(words[1]) + " ADD COLUMN " +
                            std::string(words[2]) + " BIGINT";
        if (Status s = connection_->Exec(alter); !s.ok()) return s;
        if (Status s = connection_->NumberLegacyRows(words[1], words[2]); !s.ok()) return s;
      }
    } else {
      return MakeError(ErrorCode::kInvalidInput,
                       "schema SQL: unknown placeholder {{" +
                           std::string(sql.substr(open + 2, close - open - 2)) + "}}");
    }
  }
  return flush();
}

// ---- Migrations ----------------------------------------------------------------

namespace {

constexpr std::string_view kMigrationsTable = R"sql(
CREATE TABLE IF NOT EXISTS store_migrations (
  domain {{text}} NOT NULL,
  version BIGINT NOT NULL,
  description TEXT NOT NULL,
  applied_at TEXT NOT NULL,
  PRIMARY KEY (domain, version)
)
)sql";

using Applied = std::map<std::pair<std::string, int>, std::string>;  // -> applied_at

Result<Applied> ReadApplied(Store& store) {
  Applied applied;
  if (!store.TableExists("store_migrations")) return applied;
  Result<Statement> q = store.Prepare("SELECT domain, version, applied_at FROM store_migrations");
  if (!q.ok()) return q.error();
  while (true) {
    Result<bool> row = q->Step();
    if (!row.ok()) return row.error();
    if (!*row) break;
    applied[{std::string(q->Text(0)), static_cast<int>(q->Int(1))}] = std::string(q->Text(2));
  }
  return applied;
}

bool AllApplied(const Applied& applied, std::span<const Migration> migrations) {
  for (const Migration& m : migrations)
    if (!applied.count({std::string(m.domain), m.version})) return false;
  return true;
}

Status ApplyPending(Store& store, std::span<const Migration> migrations) {
  if (Status s = store.ExecSchema(kMigrationsTable); !s.ok()) return s;
  Result<Applied> applied = ReadApplied(store);  // again: another process may have migrated
  if (!applied.ok()) return applied.error();
  Result<Statement> record = store.Prepare(
      "INSERT INTO store_migrations (domain, version, description, applied_at) "
      "VALUES (?1, ?2, ?3, ?4)");
  if (!record.ok()) return record.error();
  const std::string now = FormatTime(std::chrono::duration_cast<std::chrono::seconds>(
                                         std::chrono::system_clock::now().time_since_epoch())
                                         .count());
  for (const Migration& m : migrations) {
    if (applied->count({std::string(m.domain), m.version})) continue;
    if (Status s = store.ExecSchema(m.sql); !s.ok()) {
      return MakeError(ErrorCode::kIo, "migration " + std::string(m.domain) + " " +
                                           std::to_string(m.version) + " (" +
                                           std::string(m.description) + "): " + s.error().message);
    }
    record->Bind(1, m.domain).Bind(2, int64_t{m.version}).Bind(3, m.description).Bind(4, now);
    if (Status s = record->Run(); !s.ok()) return s;
  }
  return Ok{};
}

}  // namespace

Status Migrate(Store& store, std::span<const Migration> migrations) {
  for (size_t i = 1; i < migrations.size(); ++i) {
    const Migration& a = migrations[i - 1];
    const Migration& b = migrations[i];
    assert(a.domain != b.domain || a.version < b.version);
    (void)a, (void)b;
  }
  Result<Applied> applied = ReadApplied(store);
  if (applied.ok() && AllApplied(*applied, migrations)) return Ok{};
  if (store.in_transaction()) {
    if (Status s = store.connection_->LockForMigration(); !s.ok()) return s;
    return ApplyPending(store, migrations);
  }
  Transaction tx(store);
  if (!tx.began())
    return MakeError(ErrorCode::kIo, "cannot migrate " + store.url() + ": " + tx.error());
  if (Status s = store.connection_->LockForMigration(); !s.ok()) return s;
  if (Status s = ApplyPending(store, migrations); !s.ok()) return s;
  return tx.Commit();
}

Result<std::vector<MigrationState>> MigrationStatus(Store& store,
                                                    std::span<const Migration> migrations) {
  Result<Applied> applied = ReadApplied(store);
  if (!applied.ok()) return applied.error();
  std::vector<MigrationState> out;
  for (const Migration& m : migrations) {
    MigrationState s;
    s.domain = std::string(m.domain);
    s.version = m.version;
    s.description = std::string(m.description);
    auto it = applied->find({s.domain, m.version});
    s.applied = it != applied->end();
    if (s.applied) s.applied_at = it->second;
    out.push_back(std::move(s));
  }
  return out;
}

std::vector<DomainMigrations> ByDomain(const std::vector<MigrationState>& states) {
  std::vector<DomainMigrations> out;
  for (const MigrationState& m : states) {
    auto it = std::find_if(out.begin(), out.end(),
                           [&](const DomainMigrations& d) { return d.domain == m.domain; });
    if (it == out.end()) {
      out.push_back(DomainMigrations{m.domain, {}, {}});
      it = out.end() - 1;
    }
    (m.applied ? it->applied : it->pending).push_back(m.version);
  }
  return out;
}

namespace {

void AppendVersions(std::string& out, const std::vector<int>& versions, std::string_view sep) {
  for (size_t i = 0; i < versions.size(); ++i) {
    if (i) out += sep;
    AppendInt(out, versions[i]);
  }
}

}  // namespace

std::string DomainMigrationsJson(const DomainMigrations& d) {
  std::string out = "{\"domain\":";
  AppendJsonString(out, d.domain);
  out += ",\"applied\":[";
  AppendVersions(out, d.applied, ",");
  out += "],\"pending\":[";
  AppendVersions(out, d.pending, ",");
  out += "]}";
  return out;
}

std::string DomainMigrationsText(const DomainMigrations& d) {
  std::string out = d.domain + ": applied ";
  if (d.applied.empty()) out += "none";
  AppendVersions(out, d.applied, ", ");
  out += "; pending ";
  if (d.pending.empty()) out += "none";
  AppendVersions(out, d.pending, ", ");
  return out;
}

std::string MigrationStateJson(const MigrationState& m) {
  std::string out = "{\"domain\":";
  AppendJsonString(out, m.domain);
  out += ",\"version\":";
  AppendInt(out, m.version);
  out += ",\"description\":";
  AppendJsonString(out, m.description);
  out += m.applied ? ",\"applied\":true,\"applied_at\":" : ",\"applied\":false,\"applied_at\":";
  if (m.applied) {
    AppendJsonString(out, m.applied_at);
  } else {
    out += "null";
  }
  out += "}";
  return out;
}

}  // namespace wk::store
