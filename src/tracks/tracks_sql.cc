// Every table and SQL statement of tracks: its migrations, the statements
// ingest, LoadTracks and LoadVessel run, the positions writer, and the
// broadcast identities read for the detectors.
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "store/store.h"
#include "tracks/tracks.h"
#include "tracks/tracks_sql.h"

namespace wk::tracks {
namespace {

// Version 1 is the schema as CREATE TABLE IF NOT EXISTS made it before
// migrations existed, so it applies cleanly to those files.
constexpr std::string_view kSchemaV1 = R"sql(
CREATE TABLE IF NOT EXISTS track_positions (
  mmsi BIGINT NOT NULL,
  time_s BIGINT NOT NULL,
  lat DOUBLE PRECISION NOT NULL,
  lon DOUBLE PRECISION NOT NULL,
  speed_kn DOUBLE PRECISION,
  course_deg DOUBLE PRECISION,
  heading_deg DOUBLE PRECISION,
  nav_status BIGINT,
  msg_type BIGINT NOT NULL,
  PRIMARY KEY (mmsi, time_s, lat, lon)
) {{without_rowid}};
CREATE TABLE IF NOT EXISTS track_identities (
  mmsi BIGINT NOT NULL,
  kind {{text}} NOT NULL,
  value {{text}} NOT NULL,
  first_s BIGINT,
  last_s BIGINT,
  PRIMARY KEY (mmsi, kind, value)
) {{without_rowid}};
CREATE TABLE IF NOT EXISTS track_files (
  hash {{text}} PRIMARY KEY,
  path TEXT NOT NULL,
  size BIGINT NOT NULL,
  lines BIGINT NOT NULL,
  ingested_at BIGINT NOT NULL
);
)sql";

// Version 2: the draught (AIS type 5) where it changes, for the cap ledger's
// laden and light legs. The identities table keeps each value once with its
// first and last time, which loses a draught that goes 4.2, 8.9, 4.2.
constexpr std::string_view kSchemaV2 = R"sql(
CREATE TABLE IF NOT EXISTS track_draughts (
  mmsi BIGINT NOT NULL,
  time_s BIGINT NOT NULL,
  draught_m DOUBLE PRECISION NOT NULL,
  PRIMARY KEY (mmsi, time_s)
) {{without_rowid}};
)sql";

const std::vector<store::Migration> kMigrations = {
    {"tracks", 1, "track_positions, track_identities, track_files", kSchemaV1},
    {"tracks", 2, "track_draughts", kSchemaV2},
};

constexpr std::string_view kInsertPosition =
    "INSERT INTO track_positions (mmsi, time_s, lat, lon, speed_kn, course_deg, heading_deg, "
    "nav_status, msg_type) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT DO NOTHING";

// A temporary table (this connection only, gone with it) shaped like
// track_positions without its key, so a COPY of duplicates succeeds.
constexpr std::string_view kCreateStaging =
    "CREATE TEMPORARY TABLE IF NOT EXISTS track_positions_staging ("
    "mmsi BIGINT, time_s BIGINT, lat DOUBLE PRECISION, lon DOUBLE PRECISION, "
    "speed_kn DOUBLE PRECISION, course_deg DOUBLE PRECISION, heading_deg DOUBLE PRECISION, "
    "nav_status BIGINT, msg_type BIGINT)";

// "WHERE true" keeps SQLite from reading ON CONFLICT as a join constraint.
constexpr std::string_view kMergeStaging =
    "INSERT INTO track_positions (mmsi, time_s, lat, lon, speed_kn, course_deg, heading_deg, "
    "nav_status, msg_type) SELECT mmsi, time_s, lat, lon, speed_kn, course_deg, heading_deg, "
    "nav_status, msg_type FROM track_positions_staging WHERE true ON CONFLICT DO NOTHING "
    "RETURNING mmsi";

constexpr std::string_view kClearStaging = "DELETE FROM track_positions_staging";

constexpr std::string_view kLoadIdentities =
    "SELECT mmsi, kind, value, first_s, last_s FROM track_identities "
    "WHERE first_s IS NOT NULL AND last_s >= ?1 AND first_s <= ?2 ORDER BY mmsi, kind, value";

// The changes in the window, and before it each vessel's last one.
constexpr std::string_view kLoadDraughts =
    "SELECT mmsi, time_s, draught_m FROM track_draughts WHERE time_s >= ?1 AND time_s <= ?2 "
    "UNION ALL "
    "SELECT d.mmsi, d.time_s, d.draught_m FROM track_draughts d "
    "JOIN (SELECT mmsi, max(time_s) AS t FROM track_draughts WHERE time_s < ?1 GROUP BY mmsi) l "
    "ON d.mmsi = l.mmsi AND d.time_s = l.t "
    "ORDER BY 1, 2";

}  // namespace

namespace sql {

const std::string_view kFileSeen = "SELECT 1 FROM track_files WHERE hash = ?1";
const std::string_view kRecordFile =
    "INSERT INTO track_files (hash, path, size, lines, ingested_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO NOTHING";
const std::string_view kUpsertIdentity =
    "INSERT INTO track_identities (mmsi, kind, value, first_s, last_s) "
    "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (mmsi, kind, value) DO UPDATE SET "
    "first_s = CASE WHEN track_identities.first_s IS NULL OR excluded.first_s < "
    "track_identities.first_s THEN coalesce(excluded.first_s, track_identities.first_s) "
    "ELSE track_identities.first_s END, "
    "last_s = CASE WHEN track_identities.last_s IS NULL OR excluded.last_s > "
    "track_identities.last_s THEN coalesce(excluded.last_s, track_identities.last_s) "
    "ELSE track_identities.last_s END";
const std::string_view kCountIdentities = "SELECT count(*) FROM track_identities";
const std::string_view kInsertDraught =
    "INSERT INTO track_draughts (mmsi, time_s, draught_m) VALUES (?1, ?2, ?3) "
    "ON CONFLICT (mmsi, time_s) DO UPDATE SET draught_m = excluded.draught_m";
const std::string_view kLoadTracks =
    "SELECT mmsi, time_s, lat, lon, speed_kn, course_deg FROM track_positions "
    "WHERE time_s >= ?1 AND time_s <= ?2 ORDER BY mmsi, time_s, lat, lon";
const std::string_view kLoadTrack =
    "SELECT time_s, lat, lon, speed_kn, course_deg FROM track_positions "
    "WHERE mmsi = ?1 AND time_s >= ?2 AND time_s <= ?3 ORDER BY time_s, lat, lon";
const std::string_view kVesselStats =
    "SELECT count(*), min(time_s), max(time_s), min(lat), max(lat), min(lon), max(lon) "
    "FROM track_positions WHERE mmsi = ?1";
const std::string_view kVesselIdentities =
    "SELECT kind, value, first_s, last_s FROM track_identities WHERE mmsi = ?1 "
    "ORDER BY kind, first_s IS NULL, first_s, value";

}  // namespace sql

const std::vector<store::Migration>& Migrations() { return kMigrations; }

Status EnsureSchema(store::Store& db) { return store::Migrate(db, kMigrations); }

// ---- PositionWriter ----------------------------------------------------------

Status PositionWriter::Prepare() {
  staged_ = db_.engine() == store::Engine::kPostgres;
  if (!staged_) {
    auto insert = db_.Prepare(kInsertPosition);
    if (!insert.ok()) return insert.error();
    insert_ = std::move(insert.value());
    return Ok{};
  }
  if (Status s = db_.Exec(kCreateStaging); !s.ok()) return s;
  auto merge = db_.Prepare(kMergeStaging);
  if (!merge.ok()) return merge.error();
  insert_ = std::move(merge.value());
  auto clear = db_.Prepare(kClearStaging);
  if (!clear.ok()) return clear.error();
  clear_ = std::move(clear.value());
  return Ok{};
}

Status PositionWriter::Write(std::span<const Row> rows, uint64_t& added, uint64_t& duplicates,
                             std::unordered_set<uint32_t>& touched,
                             const std::function<void()>& tick) {
  return staged_ ? WriteStaged(rows, added, duplicates, touched, tick)
                 : WriteDirect(rows, added, duplicates, touched, tick);
}

Status PositionWriter::WriteDirect(std::span<const Row> rows, uint64_t& added,
                                   uint64_t& duplicates, std::unordered_set<uint32_t>& touched,
                                   const std::function<void()>& tick) {
  for (const Row& row : rows) {
    insert_.Bind(1, static_cast<int64_t>(row.mmsi))
        .Bind(2, row.time_s)
        .Bind(3, row.lat)
        .Bind(4, row.lon);
    if (std::isfinite(row.speed)) insert_.Bind(5, static_cast<double>(row.speed));
    if (std::isfinite(row.course)) insert_.Bind(6, static_cast<double>(row.course));
    if (std::isfinite(row.heading)) insert_.Bind(7, static_cast<double>(row.heading));
    if (row.nav_status >= 0) insert_.Bind(8, static_cast<int64_t>(row.nav_status));
    insert_.Bind(9, static_cast<int64_t>(row.msg_type));
    if (Status s = insert_.Run(); !s.ok()) return s;
    if ((++written_ & 0x3FFF) == 0) tick();
    if (db_.Changes() > 0) {
      ++added;
      touched.insert(row.mmsi);
    } else {
      ++duplicates;
    }
  }
  return Ok{};
}

Status PositionWriter::WriteStaged(std::span<const Row> rows, uint64_t& added,
                                   uint64_t& duplicates, std::unordered_set<uint32_t>& touched,
                                   const std::function<void()>& tick) {
  if (rows.empty()) return Ok{};
  static constexpr std::string_view kColumns[] = {"mmsi",       "time_s",      "lat",
                                                  "lon",        "speed_kn",    "course_deg",
                                                  "heading_deg", "nav_status", "msg_type"};
  auto load = db_.BeginBulkLoad("track_positions_staging", kColumns);
  if (!load.ok()) return load.error();
  for (const Row& row : rows) {
    load->Add(static_cast<int64_t>(row.mmsi)).Add(row.time_s).Add(row.lat).Add(row.lon);
    for (float v : {row.speed, row.course, row.heading}) {
      if (std::isfinite(v)) {
        load->Add(static_cast<double>(v));
      } else {
        load->AddNull();
      }
    }
    if (row.nav_status >= 0) {
      load->Add(static_cast<int64_t>(row.nav_status));
    } else {
      load->AddNull();
    }
    load->Add(static_cast<int64_t>(row.msg_type));
    if (Status s = load->EndRow(); !s.ok()) return s;
    if ((++written_ & 0x3FFF) == 0) tick();
  }
  if (auto n = load->Finish(); !n.ok()) return n.error();
  uint64_t batch_added = 0;
  while (true) {
    Result<bool> r = insert_.Step();
    if (!r.ok()) {
      insert_.Reset();
      return r.error();
    }
    if (!*r) break;
    ++batch_added;
    touched.insert(static_cast<uint32_t>(insert_.Int(0)));
  }
  insert_.Reset();
  added += batch_added;
  duplicates += rows.size() - batch_added;
  return clear_.Run();
}

// ---- Identities for the detectors ----------------------------------------------

Result<std::vector<BroadcastIdentity>> LoadIdentities(store::Store& db, int64_t from_s,
                                                      int64_t to_s) {
  if (Status s = EnsureSchema(db); !s.ok()) return s.error();
  auto q = db.Prepare(kLoadIdentities);
  if (!q.ok()) return q.error();
  q->Bind(1, from_s == kAllTime ? std::numeric_limits<int64_t>::min() : from_s);
  q->Bind(2, to_s == kAllTime ? std::numeric_limits<int64_t>::max() : to_s);
  std::vector<BroadcastIdentity> out;
  while (true) {
    Result<bool> row = q->Step();
    if (!row.ok()) return row.error();
    if (!*row) break;
    BroadcastIdentity& id = out.emplace_back();
    id.mmsi = Mmsi{static_cast<uint32_t>(q->Int(0))};
    id.kind = q->Text(1);
    id.value = q->Text(2);
    id.first_s = q->Int(3);
    id.last_s = q->Int(4);
  }
  return out;
}

Result<std::vector<DraughtChange>> LoadDraughts(store::Store& db, int64_t from_s, int64_t to_s) {
  if (Status s = EnsureSchema(db); !s.ok()) return s.error();
  auto q = db.Prepare(kLoadDraughts);
  if (!q.ok()) return q.error();
  q->Bind(1, from_s == kAllTime ? std::numeric_limits<int64_t>::min() : from_s);
  q->Bind(2, to_s == kAllTime ? std::numeric_limits<int64_t>::max() : to_s);
  std::vector<DraughtChange> out;
  while (true) {
    Result<bool> row = q->Step();
    if (!row.ok()) return row.error();
    if (!*row) break;
    DraughtChange& d = out.emplace_back();
    d.mmsi = Mmsi{static_cast<uint32_t>(q->Int(0))};
    d.time_s = q->Int(1);
    d.draught_m = static_cast<float>(q->Double(2));
  }
  return out;
}

}  // namespace wk::tracks
