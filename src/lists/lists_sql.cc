// Every table and SQL statement of lists: its migrations and the statements
// versions.cc and fetch.cc run.
#include <vector>

#include "lists/lists.h"
#include "lists/lists_sql.h"
#include "store/store.h"

namespace wk::lists {
namespace {

// Version 1 is the schema as CREATE TABLE IF NOT EXISTS made it before
// migrations existed, so it applies cleanly to those files.
constexpr std::string_view kSchemaV1 = R"sql(
CREATE TABLE IF NOT EXISTS list_versions (
  id {{id}},
  source {{text}} NOT NULL,
  format TEXT NOT NULL,
  generated TEXT NOT NULL,
  imported_at TEXT NOT NULL,
  files TEXT NOT NULL,
  entity_count BIGINT NOT NULL,
  content_hash TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS list_versions_source ON list_versions(source, id);
CREATE TABLE IF NOT EXISTS list_entities (
  version_id BIGINT NOT NULL REFERENCES list_versions(id) ON DELETE CASCADE,
  entity_id {{text}} NOT NULL,
  schema TEXT NOT NULL,
  name TEXT NOT NULL,
  bin TEXT,              -- compact form (EncodeEntity), read first: before the JSON in the row
  json TEXT NOT NULL,    -- AppendEntityJson, for SQL users
  PRIMARY KEY (version_id, entity_id)
);
CREATE TABLE IF NOT EXISTS list_fetch_state (
  url {{text}} PRIMARY KEY,
  etag TEXT NOT NULL,
  last_modified TEXT NOT NULL,
  fetched_at TEXT NOT NULL
);
)sql";

// Files made before the compact column existed gain it; their rows keep NULL
// and are read from their JSON.
constexpr std::string_view kAddBin = "{{add_column list_entities bin TEXT}}";

// The list's own order, which was SQLite's rowid order before: rows already
// stored are numbered by it.
constexpr std::string_view kAddSeq = "{{add_order_column list_entities seq}}";

// Analysts' judgments about two entries, kept by entry id across versions;
// (a, b) in id order, one row per pair.
constexpr std::string_view kJudgments = R"sql(
CREATE TABLE IF NOT EXISTS list_judgments (
  entity_a {{text}} NOT NULL,
  entity_b {{text}} NOT NULL,
  same BIGINT NOT NULL,
  reason TEXT NOT NULL,
  made_at TEXT NOT NULL,
  PRIMARY KEY (entity_a, entity_b)
);
)sql";

// NULL (rows before) and "judgment": an analyst's; "referent": `lists import`'s
// of an FtM file's merged entity.
constexpr std::string_view kJudgmentKind = "{{add_column list_judgments kind TEXT}}";

const std::vector<store::Migration> kMigrations = {
    {"lists", 1, "list_versions, list_entities, list_fetch_state", kSchemaV1},
    {"lists", 2, "list_entities.bin: the compact form of an entity", kAddBin},
    {"lists", 3, "list_entities.seq: each entity's place in its list", kAddSeq},
    {"lists", 4, "list_judgments: analysts' link and unlink decisions", kJudgments},
    {"lists", 5, "list_judgments.kind: referent for FtM files' merged entities, else an analyst's", kJudgmentKind},
};

}  // namespace

const std::vector<store::Migration>& Migrations() { return kMigrations; }

Status EnsureListTables(store::Store& db) { return store::Migrate(db, kMigrations); }

namespace sql {

const std::string_view kInsertVersion =
    "INSERT INTO list_versions (source, format, generated, imported_at, files, entity_count, "
    "content_hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id";
const std::string_view kEntitiesTable = "list_entities";
const std::string_view kEntityColumns[7] = {"version_id", "seq",  "entity_id", "schema",
                                            "name",       "json", "bin"};
const std::string_view kListVersions =
    "SELECT id, source, format, generated, imported_at, files, entity_count, content_hash "
    "FROM list_versions ORDER BY id DESC";
const std::string_view kListSourceVersions =
    "SELECT id, source, format, generated, imported_at, files, entity_count, content_hash "
    "FROM list_versions WHERE source = ?1 ORDER BY id DESC";
const std::string_view kVersionEntities =
    "SELECT bin, entity_id FROM list_entities WHERE version_id = ?1 ORDER BY seq";
const std::string_view kVersionEntityIds = "SELECT entity_id FROM list_entities WHERE version_id = ?1";
const std::string_view kEntityJson =
    "SELECT json FROM list_entities WHERE version_id = ?1 AND entity_id = ?2";
const std::string_view kEntity =
    "SELECT bin, json FROM list_entities WHERE version_id = ?1 AND entity_id = ?2";
const std::string_view kCountVersions = "SELECT count(*) FROM list_versions WHERE source = ?1";
const std::string_view kFetchState =
    "SELECT etag, last_modified FROM list_fetch_state WHERE url = ?1";
const std::string_view kSaveFetchState =
    "INSERT INTO list_fetch_state (url, etag, last_modified, fetched_at) VALUES (?1, ?2, ?3, ?4) "
    "ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, "
    "last_modified = excluded.last_modified, fetched_at = excluded.fetched_at";

const std::string_view kSaveJudgment =
    "INSERT INTO list_judgments (entity_a, entity_b, same, reason, made_at, kind) VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
    "ON CONFLICT (entity_a, entity_b) DO UPDATE SET same = excluded.same, reason = excluded.reason, "
    "made_at = excluded.made_at, kind = excluded.kind";
const std::string_view kJudgments =
    "SELECT entity_a, entity_b, same, reason, made_at, kind FROM list_judgments ORDER BY entity_a, entity_b";

}  // namespace sql
}  // namespace wk::lists
