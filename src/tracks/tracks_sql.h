// Private to src/tracks: the track tables' SQL (tracks_sql.cc holds every
// statement tracks runs) and the positions writer ingest uses.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "store/store.h"
#include "tracks/tracks.h"

namespace wk::tracks {

// One position as ingest buffers it.
struct Row {
  uint32_t mmsi;
  int8_t nav_status;
  uint8_t msg_type;
  int64_t time_s;
  double lat, lon;
  float speed, course, heading;
};

namespace sql {

// track_files: has this content been ingested? ?1 hash.
extern const std::string_view kFileSeen;
// track_files: remember a file. ?1 hash, ?2 path, ?3 size, ?4 lines, ?5 ingested_at.
extern const std::string_view kRecordFile;
// track_identities: merge one identity, widening its times.
// ?1 mmsi, ?2 kind, ?3 value, ?4 first_s, ?5 last_s (NULL when untimed).
extern const std::string_view kUpsertIdentity;
extern const std::string_view kCountIdentities;
// track_draughts: one change. ?1 mmsi, ?2 time_s, ?3 draught_m.
extern const std::string_view kInsertDraught;
// ?1 from_s, ?2 to_s (inclusive): mmsi, time_s, lat, lon, speed_kn, course_deg.
extern const std::string_view kLoadTracks;
// ?1 mmsi, ?2 from_s, ?3 to_s (inclusive): time_s, lat, lon, speed_kn, course_deg.
extern const std::string_view kLoadTrack;
// ?1 mmsi: count(*), min(time_s), max(time_s), min(lat), max(lat), min(lon), max(lon).
extern const std::string_view kVesselStats;
// ?1 mmsi: kind, value, first_s, last_s, by kind, then first time.
extern const std::string_view kVesselIdentities;

}  // namespace sql

// One value a vessel broadcast about itself, with the times it was heard.
struct BroadcastIdentity {
  Mmsi mmsi;
  std::string kind;   // name, imo, callsign, ship_type, destination
  std::string value;  // as broadcast (IMO and ship type in decimal)
  int64_t first_s = 0, last_s = 0;
};

// The identities heard (with a time) in [from_s, to_s], both inclusive
// (kAllTime: open): first_s <= to_s and last_s >= from_s. Values heard only
// without a time are left out. By MMSI, kind, then value (bytewise), the
// order of track_identities' primary key. LoadTraffic's static reports.
Result<std::vector<BroadcastIdentity>> LoadIdentities(store::Store& db, int64_t from_s,
                                                      int64_t to_s);

// A draught a vessel reported from `time_s` on.
struct DraughtChange {
  Mmsi mmsi;
  int64_t time_s = 0;
  float draught_m = NAN;
};

// The draught changes in [from_s, to_s] (inclusive; kAllTime: open), and for
// each vessel the last change before from_s (the draught in force then). By
// MMSI, then time.
Result<std::vector<DraughtChange>> LoadDraughts(store::Store& db, int64_t from_s, int64_t to_s);

// Writes sorted batches of positions into track_positions, skipping those
// already stored (same mmsi, time_s, lat, lon), and counts what it added.
// SQLite: a prepared INSERT ... ON CONFLICT DO NOTHING per row, the fastest
// path there. PostgreSQL: COPY into a temporary staging table, then one
// INSERT ... SELECT ... ON CONFLICT DO NOTHING RETURNING mmsi per batch.
class PositionWriter {
 public:
  explicit PositionWriter(store::Store& db) : db_(db) {}
  Status Prepare();
  // `tick` is called every few thousand rows written, for progress.
  Status Write(std::span<const Row> rows, uint64_t& added, uint64_t& duplicates,
               std::unordered_set<uint32_t>& touched, const std::function<void()>& tick);

 private:
  Status WriteDirect(std::span<const Row> rows, uint64_t& added, uint64_t& duplicates,
                     std::unordered_set<uint32_t>& touched, const std::function<void()>& tick);
  Status WriteStaged(std::span<const Row> rows, uint64_t& added, uint64_t& duplicates,
                     std::unordered_set<uint32_t>& touched, const std::function<void()>& tick);

  store::Store& db_;
  bool staged_ = false;
  store::Statement insert_;  // direct: one row; staged: the merge from staging
  store::Statement clear_;   // staged: empties the staging table
  uint64_t written_ = 0;
};

}  // namespace wk::tracks
