// tracks: per-vessel, time-sorted positions and what a vessel has broadcast
// about itself, in memory and in the store.
//
// Example:
//   auto db = store::Open("watchkeeper.db");  // or postgresql://...
//   auto summary = tracks::Ingest(*db, {"day1.nmea"}, {});
//   auto all = tracks::LoadTracks(*db, tracks::kAllTime, tracks::kAllTime);
//   for (const tracks::Track& t : *all) DetectSomething(t.fixes);
#pragma once

#include <cstdint>
#include <cstdio>
#include <limits>
#include <span>
#include <string>
#include <vector>

#include "core/core.h"

namespace wk::store {
class Store;
struct Migration;
}

namespace wk::ais {
struct DecodeStats;
}

namespace wk::tracks {

// One position. Cheap to copy; units are in the names.
struct Fix {
  Mmsi mmsi;
  int64_t time_s;     // Unix seconds, UTC
  double lat_deg, lon_deg;
  float speed_knots;  // NaN when the ship sent "not available"
  float course_deg;   // NaN when not available
};

// One vessel's fixes, sorted by time, without exact duplicates
// (same time, latitude and longitude).
struct Track {
  Mmsi mmsi;
  std::vector<Fix> fixes;
};

// Open bound for LoadTracks' time range.
inline constexpr int64_t kAllTime = std::numeric_limits<int64_t>::min();

// ---- In memory -----------------------------------------------------------

// Groups `fixes` (any order) into tracks sorted by MMSI, each sorted by time,
// dropping exact duplicates. Consumes the vector to sort it in place.
std::vector<Track> BuildTracks(std::vector<Fix> fixes);

// Reads NMEA or AIS CSV files (ais::ReadReports) into tracks: vessel
// positions only (types 1, 2, 3, 18, 19, 27 and CSV rows), with a known time
// and a valid latitude/longitude. Fails when a file cannot be read.
Result<std::vector<Track>> ReadTracks(std::span<const std::string> paths,
                                      ais::DecodeStats* stats = nullptr);

// ---- In the store --------------------------------------------------------

// tracks' migrations (tracks/tracks_sql.cc), for `watchkeeper db migrate`.
const std::vector<store::Migration>& Migrations();

// Applies tracks' pending migrations (idempotent; cheap when none is):
//   track_positions(mmsi, time_s, lat, lon, speed_kn, course_deg, heading_deg,
//                   nav_status, msg_type), primary key (mmsi, time_s, lat, lon),
//                   clustered (WITHOUT ROWID): per-vessel, time-sorted;
//   track_identities(mmsi, kind, value, first_s, last_s), kind one of
//                   name, imo, callsign, ship_type, destination;
//   track_files(hash, path, size, lines, ingested_at): files already ingested.
Status EnsureSchema(store::Store& db);

struct IngestOptions {
  // Where to draw progress (bytes/s, messages/s, ETA); nullptr for none.
  std::FILE* progress = nullptr;
};

struct IngestSummary {
  uint64_t files = 0;             // files named
  uint64_t skipped_files = 0;     // already ingested (same content hash)
  uint64_t bytes = 0;             // bytes read
  uint64_t lines = 0;
  uint64_t messages = 0;          // decoded AIS messages or CSV rows
  uint64_t positions = 0;         // vessel positions read
  uint64_t positions_added = 0;   // new rows in the store
  uint64_t duplicate_positions = 0;
  uint64_t invalid_positions = 0;  // no time, or latitude/longitude out of range
  uint64_t static_reports = 0;
  uint64_t identities_added = 0;   // new (mmsi, kind, value) rows
  uint64_t vessels = 0;            // distinct MMSIs with a new position or identity
  double seconds = 0;
};

// Ingests NMEA or AIS CSV files into the store in one transaction: either
// every file is stored, or (unreadable file, error mid-way) nothing is.
// Positions are deduplicated on (mmsi, time_s, lat, lon) and identities on
// (mmsi, kind, value) with their first/last times widened; a file whose
// content hash was already ingested is skipped. "-" reads stdin.
Result<IngestSummary> Ingest(store::Store& db, std::span<const std::string> paths,
                             const IngestOptions& options);

// One JSON line (no newline): {"files":..,"positions_added":..,...}.
std::string IngestSummaryJson(const IngestSummary& summary);

// What the store knows of one vessel.
struct Identity {
  std::string kind;   // name, imo, callsign, ship_type, destination
  std::string value;  // as broadcast (IMO and ship type in decimal)
  int64_t first_s = kAllTime;  // kAllTime when only seen without a time
  int64_t last_s = kAllTime;
};

struct VesselSummary {
  Mmsi mmsi;
  uint64_t positions = 0;
  int64_t first_seen_s = kAllTime, last_seen_s = kAllTime;
  double min_lat = NAN, min_lon = NAN, max_lat = NAN, max_lon = NAN;
  std::vector<Identity> identities;  // by kind, then first time
};

// kNotFound when the store has neither a position nor an identity of `mmsi`.
Result<VesselSummary> LoadVessel(store::Store& db, Mmsi mmsi);

// {"mmsi":..,"flag":"KP","first_seen":..,"last_seen":..,"positions":..,
//  "bbox":{..},"names":[{"value":..,"first":..,"last":..}],"imos":[..],
//  "callsigns":[..],"ship_types":[..],"destinations":[..]}
std::string VesselJson(const VesselSummary& vessel);

// Per-vessel, time-sorted tracks of the store with fixes in [from_s, to_s]
// (kAllTime for an open bound), sorted by MMSI.
Result<std::vector<Track>> LoadTracks(store::Store& db, int64_t from_s, int64_t to_s);

// One value a vessel broadcast about itself, with the times it was seen.
struct BroadcastIdentity {
  Mmsi mmsi;
  std::string kind;   // name, imo, callsign, ship_type, destination
  std::string value;  // as broadcast (IMO and ship type in decimal)
  int64_t first_s = 0, last_s = 0;
};

// The identities of the store seen (with a time) in [from_s, to_s] (kAllTime
// for an open bound): first_s <= to_s and last_s >= from_s. Values seen
// only without a time are left out. Sorted by MMSI, kind, then value (bytes).
Result<std::vector<BroadcastIdentity>> LoadIdentities(store::Store& db, int64_t from_s,
                                                      int64_t to_s);

}  // namespace wk::tracks
