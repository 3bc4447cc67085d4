// tracks: the one track model. Every vessel's positions, time-sorted and
// columnar (one contiguous run per vessel), and what each vessel broadcast
// about itself; read from AIS files or from the store, with one validity
// rule for positions wherever they come from.
//
// Example:
//   auto traffic = tracks::ReadTraffic({"day1.nmea"});          // or LoadTraffic(db)
//   for (size_t i = 0; i < traffic->tracks.size(); ++i)
//     DetectSomething(traffic->tracks.mmsi(i), traffic->tracks.track(i));
//
//   auto db = store::Open("watchkeeper.db");  // or postgresql://...
//   auto summary = tracks::Ingest(*db, {"day1.nmea"}, {});
#pragma once

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "ais/ais.h"
#include "core/core.h"

namespace wk::store {
class Store;
struct Migration;
}

namespace wk::tracks {

// ---- Positions -------------------------------------------------------------

// One position. Cheap to copy; units are in the names.
struct Fix {
  Mmsi mmsi;
  int64_t time_s;     // Unix seconds, UTC
  double lat_deg, lon_deg;
  float speed_knots;  // NaN when the ship sent "not available"
  float course_deg;   // NaN when not available
};

// The one rule for a usable position, applied by Ingest and by the readers
// alike: finite, latitude in [-90, 90], longitude in [-180, 180], and not
// 0,0 (the "no GPS fix" position many transponders send).
inline bool IsValidPosition(double lat_deg, double lon_deg) {
  return IsValidLatLon(lat_deg, lon_deg) && !(lat_deg == 0 && lon_deg == 0);
}

// Message types that are vessel positions: 1, 2, 3 (class A), 18, 19 (class
// B), 27 (long range) and 0 (CSV rows). Base stations (4), SAR aircraft (9)
// and aids to navigation (21) are not vessels.
inline bool IsVesselPositionType(int type) {
  return type == 0 || type == 1 || type == 2 || type == 3 || type == 18 || type == 19 ||
         type == 27;
}

// ---- The track model -------------------------------------------------------

// Every vessel's fixes, sorted by (MMSI, time), one contiguous run each
// (CSR: track i is fixes[offsets[i], offsets[i+1])). Tracks are never empty.
struct TrackSet {
  std::vector<Fix> fixes;
  std::vector<size_t> offsets;
  size_t size() const { return offsets.empty() ? 0 : offsets.size() - 1; }
  std::span<const Fix> track(size_t i) const {
    return std::span<const Fix>(fixes).subspan(offsets[i], offsets[i + 1] - offsets[i]);
  }
  Mmsi mmsi(size_t i) const { return fixes[offsets[i]].mmsi; }
};

struct TrackStats {
  size_t input = 0;
  size_t invalid_position = 0;  // IsValidPosition is false
  size_t duplicates = 0;        // same MMSI, time and position as the previous
  size_t kept = 0;
};

// Groups fixes by vessel and sorts each track by time (stable: equal times
// keep input order, so time going backwards in a file is repaired). Drops
// invalid positions (IsValidPosition) and exact duplicates (same time and
// position as the previous fix: repeated messages). Consumes the vector;
// linear in the fixes (radix sort on the vessel).
//
// Fixes of one vessel in one second keep the order they are given in: a
// file's reception order, the store's (latitude, longitude) order. Detectors
// that compare consecutive fixes (mmsi_conflict's jumps) can count such
// seconds differently from files and from the store.
TrackSet MakeTrackSet(std::vector<Fix> fixes, TrackStats* stats = nullptr);

// Index of the fix nearest in time to `t` (the later one when two are as
// near), or -1 for an empty track.
int64_t NearestFix(std::span<const Fix> track, int64_t t);

// ---- What a vessel said about itself ----------------------------------------

// One static report (AIS types 5, 19, 24 or a CSV row) as the detectors and
// the list join read it.
struct StaticInfo {
  Mmsi mmsi;
  int64_t time_s = 0;
  uint32_t imo = 0;          // 0 when not sent
  std::string name;          // "" when not sent
  std::string callsign;      // "" when not sent
  // AIS ship type (80-89 tankers); 0 when not known. From files, as the
  // report carried it; from the store, the vessel's last broadcast type on
  // each of its reports.
  int ship_type = 0;
  // AIS draught in metres (type 5; 0.1 m steps); NaN when not sent. From
  // files, as the report carried it. From the store, which keeps each
  // vessel's draught only where it changed (track_draughts), each change is
  // a report of its own carrying the draught alone (no name, IMO or call
  // sign), and reports made from identities carry NaN: the draught at a time
  // is that of the last report with a draught at or before it.
  float draught_m = NAN;
  // Length (bow + stern) and beam (port + starboard) from the AIS dimensions
  // to the reference point, metres; 0 when not sent. From the store, the
  // vessel's last broadcast dimensions on each of its reports.
  int length_m = 0, beam_m = 0;
};

// (length, beam) in metres of a static report's dimensions, or (0, 0) when
// any of the four is not sent or both sums are not positive.
inline std::pair<int, int> BroadcastDimensions(const ais::StaticReport& r) {
  if (r.to_bow < 0 || r.to_stern < 0 || r.to_port < 0 || r.to_starboard < 0) return {0, 0};
  const int length = r.to_bow + r.to_stern, beam = r.to_port + r.to_starboard;
  return length > 0 && beam > 0 ? std::pair{length, beam} : std::pair{0, 0};
}

// Sorts by (MMSI, time), stable.
void SortStatics(std::vector<StaticInfo>& statics);

// ---- Vessels: a track and its static reports --------------------------------

// One vessel heard: its track (maybe empty) and its static reports (maybe
// empty), both views into a Traffic.
struct Vessel {
  Mmsi mmsi;
  std::span<const Fix> track;
  std::span<const StaticInfo> statics;
};

// Every vessel with a track or a static report, in MMSI order. `statics`
// must be sorted (SortStatics).
std::vector<Vessel> Vessels(const TrackSet& tracks, std::span<const StaticInfo> statics);

// First and last time the vessel was heard (positions or static reports),
// or {0, 0} when it has neither.
std::pair<int64_t, int64_t> HeardBetween(const Vessel& vessel);

// ---- Reading ---------------------------------------------------------------

// Reports kept: time in [from_s, to_s).
struct TimeWindow {
  int64_t from_s = std::numeric_limits<int64_t>::min();
  int64_t to_s = std::numeric_limits<int64_t>::max();
};

// Positions and static reports, as the readers return them.
struct Traffic {
  TrackSet tracks;
  std::vector<StaticInfo> statics;  // sorted by (MMSI, time)
};

struct ReadStats {
  ais::DecodeStats decode;     // ReadTraffic only
  size_t positions = 0;        // vessel positions in the window (before the validity rule)
  size_t statics = 0;          // static reports kept (with a name, IMO or call sign)
  size_t without_time = 0;     // reports with no time (NMEA without tag block or header)
  size_t outside_window = 0;   // before from_s or at/after to_s
  size_t not_vessels = 0;      // base stations (4), aids to navigation (21), SAR aircraft (9)
  TrackStats tracks;           // MakeTrackSet's counts
  double decode_s = 0;         // wall time reading and decoding (ReadTraffic) or querying
  double tracks_s = 0;         // wall time grouping into tracks (MakeTrackSet)
};

// Reads NMEA or AIS CSV files (ais::ReadReports; "-" is stdin) into tracks
// and static reports. Reports without a time cannot be placed on a track and
// are counted, not kept. Fails only when a file cannot be read.
Result<Traffic> ReadTraffic(std::span<const std::string> paths, const TimeWindow& window = {},
                            ReadStats* stats = nullptr);

// Reads the store's positions and identities in the window. The store keeps
// each identity value once with its first and last time: both ends become
// static reports, so a change of name or IMO is seen between the last time of
// the old value and the first of the new. Only `tracks`, `decode_s` and
// `tracks_s` of the stats are set.
Result<Traffic> LoadTraffic(store::Store& db, const TimeWindow& window = {},
                            ReadStats* stats = nullptr);

// ---- In the store ------------------------------------------------------------

// Open bound and "never seen with a time" in the store's identities.
inline constexpr int64_t kAllTime = std::numeric_limits<int64_t>::min();

// tracks' migrations (tracks/tracks_sql.cc, where every statement of tracks
// is), for `watchkeeper db migrate`.
const std::vector<store::Migration>& Migrations();

// Applies tracks' pending migrations (idempotent; cheap when none is):
//   track_positions(mmsi, time_s, lat, lon, speed_kn, course_deg, heading_deg,
//                   nav_status, msg_type), primary key (mmsi, time_s, lat, lon),
//                   on SQLite clustered (WITHOUT ROWID): per-vessel, time-sorted;
//   track_identities(mmsi, kind, value, first_s, last_s), kind one of
//                   name, imo, callsign, ship_type, destination, dimensions
//                   ("LENGTHxBEAM" in metres);
//   track_files(hash, path, size, lines, ingested_at): files already ingested;
//   track_draughts(mmsi, time_s, draught_m), primary key (mmsi, time_s): the
//                   draught each vessel reported from that time on, one row
//                   per change (and per vessel's first report in an ingest).
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
  uint64_t invalid_positions = 0;  // no time, or not IsValidPosition
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

// One vessel's stored fixes in the window, time-sorted (the store's order:
// time, then latitude, longitude). Empty when it has none there.
Result<std::vector<Fix>> LoadTrack(store::Store& db, Mmsi mmsi, const TimeWindow& window = {});
// A GeoJSON Feature (one line, no newline) whose geometry is a LineString of
// [lon, lat, 0, unix_time] (kepler.gl's trip layer reads the fourth value as
// the time; a single fix is still a LineString of one position) and whose
// properties are {"mmsi","flag","positions","start","end"} (times null when
// the track is empty).
void AppendTrackGeoJson(std::string& out, Mmsi mmsi, std::span<const Fix> track);

}  // namespace wk::tracks
