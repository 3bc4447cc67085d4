// detect: evasion events from per-vessel, time-sorted AIS tracks.
//
// Each detector is a free function over one vessel's time-sorted fixes
// (`std::span<const tracks::Fix>`), except encounters, which join every
// vessel's 10-minute resampled positions on a space-time grid. The default
// thresholds are Global Fishing Watch's published ones (see docs/detect.md);
// every threshold lives in `Config` and can be set from a config file.
//
// Example:
//   detect::PortTable ports = detect::PortTable::BuiltIn();
//   detect::Config config;                       // GFW defaults
//   detect::TrackSet tracks = detect::MakeTrackSet(std::move(fixes));
//   detect::Events events = detect::DetectAll(tracks, {}, ports, config);
//   std::string out;
//   detect::AppendJsonLines(events, ports, out);
#pragma once

#include <cmath>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "ais/ais.h"
#include "core/core.h"
#include "tracks/tracks.h"

namespace wk::lists {
struct Entity;
}
namespace wk::screen {
class Index;
}

namespace wk::detect {

using tracks::Fix;

// ---- Configuration -----------------------------------------------------------

// Every threshold the detectors use. The defaults are the rules of issue 4
// (Global Fishing Watch's published methods) and must not drift.
struct Config {
  // port_call: a maximal run of consecutive positions inside one port's radius
  // lasting at least this long.
  int64_t port_call_min_s = 3600;

  // encounter: two vessels within `max_distance_m`, both under
  // `max_speed_kn`, both at least `min_port_distance_m` from every port
  // centre, for at least `min_s`, compared on positions resampled every
  // `bin_s` seconds without interpolating across silences over
  // `max_interpolation_gap_s`.
  double encounter_max_distance_m = 500;
  double encounter_max_speed_kn = 2;
  double encounter_min_port_distance_m = 10000;
  int64_t encounter_min_s = 7200;
  int64_t encounter_bin_s = 600;
  int64_t encounter_max_interpolation_gap_s = 3600;

  // gap: consecutive positions at least `gap_min_s` apart, unless both lie
  // in the same port. Reachable high-risk ports use the vessel's highest
  // plausible speed over `gap_speed_history_s` before the gap; speeds above
  // `max_plausible_speed_kn` (reported or implied by jumps) are ignored, and
  // `gap_default_speed_kn` is used when no speed was observed at all.
  int64_t gap_min_s = 12 * 3600;
  int64_t gap_speed_history_s = 30 * 86400;
  double max_plausible_speed_kn = 30;
  double gap_default_speed_kn = 12;

  // loitering: under `max_speed_kn` for at least `min_s`, every position at
  // least `min_port_distance_m` from every port centre. A silence longer
  // than `max_silence_s` ends the run (the ship may have moved unseen).
  double loitering_max_speed_kn = 2;
  int64_t loitering_min_s = 8 * 3600;
  double loitering_min_port_distance_m = 20000;
  int64_t loitering_max_silence_s = 3 * 3600;

  // identity / mmsi_conflict: a "jump" is two consecutive positions at least
  // `conflict_min_distance_m` apart whose implied speed exceeds
  // `conflict_speed_kn`; `conflict_min_jumps` jumps, each within
  // `conflict_window_s` of the previous, make one conflict.
  double conflict_speed_kn = 50;
  double conflict_min_distance_m = 5000;
  int conflict_min_jumps = 3;
  int64_t conflict_window_s = 86400;

  // port_sequence: a call in a DPRK port and the next call in another
  // country's port (or the reverse) at most this long apart.
  int64_t port_sequence_max_s = 30 * 86400;
};

// Reads a config file: `key = value` lines, `#` comments, keys as printed by
// FormatConfig. Unknown keys and bad values are errors naming the line.
Result<Config> ParseConfig(std::string_view text, std::string_view source_name);
Result<Config> LoadConfig(const std::string& path);
// The config as a commented file that ParseConfig reads back.
std::string FormatConfig(const Config& config);

// ---- Ports ---------------------------------------------------------------------

struct Port {
  std::string locode;   // UN/LOCODE without the space, "KPNAM"
  std::string name;
  double lat_deg = 0, lon_deg = 0;
  double radius_km = 0;
  std::string country;  // ISO 3166 alpha-2: the locode's first two letters
  bool high_risk = false;
};

// An immutable set of ports with a grid index, so that "which port contains
// this point" and "is any port within d" cost a few cell lookups.
class PortTable {
 public:
  PortTable() = default;
  explicit PortTable(std::vector<Port> ports);

  // The hand-written table of docs/detect.md: every DPRK port (high-risk),
  // the Russian Far East, the Yellow Sea and Sea of Japan ports of China,
  // both Koreas and Japan, and the major transshipment hubs.
  static PortTable BuiltIn();

  const std::vector<Port>& ports() const { return ports_; }
  size_t size() const { return ports_.size(); }

  // Index of the port whose radius contains the point (the nearest centre
  // when several do), or -1.
  int Containing(double lat_deg, double lon_deg) const;
  // True when some port centre lies within `distance_m` of the point.
  bool AnyWithin(double lat_deg, double lon_deg, double distance_m) const;

 private:
  template <typename F>
  void ForEachNear(double lat_deg, double lon_deg, double distance_m, F&& f) const;

  std::vector<Port> ports_;
  std::vector<std::pair<int64_t, int>> cells_;  // (grid cell, port index), sorted
  std::vector<uint32_t> cell_start_;            // per one-degree cell, into cell_ports_
  std::vector<int> cell_ports_;
  double max_radius_m_ = 0;
};

// Reads a ports CSV: `locode,name,lat,lon,radius_km[,risk]` with a header
// line naming those columns (in any order; an optional `country` column
// overrides the locode's country). `risk` is "high" or "normal" (also 1/0,
// true/false); without the column every DPRK port is high-risk. A bad row is
// an error "SOURCE:LINE: reason".
Result<PortTable> ParsePortsCsv(std::string_view text, std::string_view source_name);
Result<PortTable> LoadPortsCsv(const std::string& path);
// Writes the table in the format ParsePortsCsv reads (with a risk column).
std::string FormatPortsCsv(const PortTable& ports);

struct PortImportStats {
  size_t rows = 0;
  size_t imported = 0;
  size_t skipped_no_locode = 0;
  size_t skipped_bad_position = 0;
};
// Reads the NGA World Port Index CSV (Pub. 150 columns) or a UN/LOCODE code
// list CSV (ports with coordinates), detected from the header. Radii come
// from the WPI harbour size (V 2 km, S 3 km, M 5 km, L 8 km; UN/LOCODE 5 km);
// DPRK ports are high-risk.
Result<PortTable> ImportPorts(std::string_view text, std::string_view source_name,
                              PortImportStats* stats = nullptr);

// ---- Tracks ---------------------------------------------------------------------

// Every vessel's fixes, sorted by (MMSI, time), one contiguous run each.
struct TrackSet {
  std::vector<Fix> fixes;
  std::vector<size_t> offsets;  // track i is fixes[offsets[i], offsets[i+1])
  size_t size() const { return offsets.empty() ? 0 : offsets.size() - 1; }
  std::span<const Fix> track(size_t i) const {
    return std::span<const Fix>(fixes).subspan(offsets[i], offsets[i + 1] - offsets[i]);
  }
};

struct TrackStats {
  size_t input = 0;
  size_t invalid_position = 0;  // NaN, out of range (lat 91, lon 181) or 0,0
  size_t duplicates = 0;        // same MMSI, time and position as the previous
  size_t kept = 0;
};

// Groups fixes by vessel and sorts each track by time (stable: equal times
// keep input order, so time going backwards in a file is repaired). Drops
// invalid positions and exact duplicates (repeated messages).
TrackSet MakeTrackSet(std::vector<Fix> fixes, TrackStats* stats = nullptr);

// What a vessel said about itself at one time (from AIS static reports).
struct StaticInfo {
  Mmsi mmsi;
  int64_t time_s = 0;
  uint32_t imo = 0;          // 0 when not sent
  std::string name;          // "" when not sent
  std::string callsign;      // "" when not sent
};

// ---- Events ---------------------------------------------------------------------

// A position with its time, as evidence.
struct Sample {
  int64_t time_s = 0;
  double lat_deg = NAN, lon_deg = NAN;
  float speed_knots = NAN;
};
inline Sample SampleOf(const Fix& f) { return {f.time_s, f.lat_deg, f.lon_deg, f.speed_knots}; }

struct PortCall {
  Mmsi mmsi;
  int port = -1;             // index in the PortTable
  int64_t start_s = 0, end_s = 0;  // first and last position inside
  size_t positions = 0;
  Sample first, last;
};

struct Encounter {
  Mmsi mmsi, other_mmsi;     // mmsi < other_mmsi: one event per pair
  int64_t start_s = 0, end_s = 0;  // first and last close 10-minute bin
  double lat_deg = 0, lon_deg = 0;  // median of the pair's midpoints
  double median_distance_m = 0, min_distance_m = 0;
  size_t bins = 0;
};

struct Gap {
  Mmsi mmsi;
  Sample before, after;      // the two positions around the silence
  double distance_m = 0;
  double implied_speed_kn = 0;
  double speed_used_kn = 0;  // highest plausible speed over the previous 30 days
  bool speed_observed = false;  // false: gap_default_speed_kn was used
  std::vector<int> reachable_ports;  // high-risk ports reachable and left again
};

struct Loitering {
  Mmsi mmsi;
  int64_t start_s = 0, end_s = 0;
  double lat_deg = 0, lon_deg = 0;  // mean position
  size_t positions = 0;
  double max_speed_kn = 0;
  double max_drift_m = 0;    // farthest position from the mean
};

enum class IdentityKind : uint8_t { kMmsiConflict, kIdentityChange, kInvalidIdentity, kListedVessel };
std::string_view IdentityKindName(IdentityKind kind);

struct Identity {
  IdentityKind kind = IdentityKind::kMmsiConflict;
  Mmsi mmsi;
  int64_t start_s = 0, end_s = 0;
  double lat_deg = NAN, lon_deg = NAN;  // NaN when no position is known
  // kMmsiConflict: the jumps (consecutive positions no ship could join).
  size_t jumps = 0;
  double max_implied_speed_kn = 0;
  std::vector<std::pair<Sample, Sample>> jump_examples;  // at most 5
  // kIdentityChange: field ("name", "imo", "callsign"), before and after.
  // kInvalidIdentity: field ("imo", "mmsi", "flag"), value, and reason.
  // kListedVessel: field ("imo", "mmsi", "name"), value, list entry.
  std::string field;
  std::string old_value, value;
  std::string reason;
  std::string entity_id, entity_name, list_source;
  // kListedVessel by name: the screening matcher's score, the listed name it
  // met and its explanation (match_score is 0 for IMO and MMSI matches).
  double match_score = 0;
  std::string matched_name, match_explanation;
};

struct PortSequence {
  Mmsi mmsi;
  int64_t start_s = 0, end_s = 0;  // first call's start, second call's end
  std::vector<int> ports;          // port indices in call order
  std::vector<std::pair<int64_t, int64_t>> calls;  // each call's start/end
};

struct Events {
  std::vector<PortCall> port_calls;
  std::vector<Encounter> encounters;
  std::vector<Gap> gaps;
  std::vector<Loitering> loitering;
  std::vector<Identity> identity;
  std::vector<PortSequence> port_sequences;
  size_t size() const {
    return port_calls.size() + encounters.size() + gaps.size() + loitering.size() +
           identity.size() + port_sequences.size();
  }
};

// ---- Detectors (one vessel's time-sorted fixes; each appends to `out`) ----------

void FindPortCalls(std::span<const Fix> track, const PortTable& ports, const Config& config,
                   std::vector<PortCall>& out);
void FindGaps(std::span<const Fix> track, const PortTable& ports, const Config& config,
              std::vector<Gap>& out);
void FindLoitering(std::span<const Fix> track, const PortTable& ports, const Config& config,
                   std::vector<Loitering>& out);
void FindMmsiConflicts(std::span<const Fix> track, const Config& config,
                       std::vector<Identity>& out);
// `calls`: one vessel's port calls in time order.
void FindPortSequences(std::span<const PortCall> calls, const PortTable& ports,
                       const Config& config, std::vector<PortSequence>& out);
// Across vessels: resamples each track at `encounter_bin_s` and joins the
// slow, offshore samples by grid cell with a one-cell halo. Never all pairs.
void FindEncounters(const TrackSet& tracks, const PortTable& ports, const Config& config,
                    std::vector<Encounter>& out);
// The same rule by brute force over all pairs of vessels: the baseline the
// benchmark compares against, and a cross-check in tests.
void FindEncountersAllPairs(const TrackSet& tracks, const PortTable& ports, const Config& config,
                            std::vector<Encounter>& out);

// `statics`: one vessel's static reports in time order; `track`: its fixes
// (for the position of the events; may be empty).
void FindIdentityChanges(std::span<const StaticInfo> statics, std::span<const Fix> track,
                         std::vector<Identity>& out);
void FindInvalidIdentity(Mmsi mmsi, std::span<const StaticInfo> statics,
                         std::span<const Fix> track, std::vector<Identity>& out);

// Vessels on sanctions lists: IMO and MMSI numbers by exact value, names
// through the screening matcher (screen::Index over the listed vessels, built
// once with the ListIndex, queried at its default threshold). Copies share the
// matcher and its cache; safe to query from several threads at once.
class ListIndex {
 public:
  ListIndex();
  explicit ListIndex(const std::vector<lists::Entity>& entities);
  bool empty() const { return imo_.empty() && mmsi_.empty() && name_.empty(); }
  struct Entry {
    std::string key;           // IMO/MMSI digits or normalised name
    std::string entity_id, entity_name, source;
  };
  const Entry* FindImo(uint32_t imo) const;
  const Entry* FindMmsi(Mmsi mmsi) const;
  // Exact match of the normalised name (NormaliseVesselName).
  const Entry* FindName(std::string_view name) const;

  struct NameMatch {
    Entry entry;
    double score = 0;            // screening score in [0, 1]
    std::string matched_name;    // the listed name (primary or alias) it met
    std::string explanation;     // screen::ExplainText
  };
  // The best screening match of a broadcast vessel name among the listed
  // vessels at the matcher's default threshold, or nullopt. Each distinct
  // normalised name is screened once per index; later calls read a cache.
  std::optional<NameMatch> MatchName(std::string_view name) const;
  // Distinct names screened so far (the cache's size).
  size_t names_screened() const;

 private:
  struct NameCache;
  std::vector<Entry> imo_, mmsi_, name_;  // sorted by key
  std::shared_ptr<const screen::Index> screen_;
  std::shared_ptr<NameCache> cache_;
};
// Reads sanctions list files of any format lists/ knows (UN XML, OFAC, EU,
// UK) into an index.
Result<ListIndex> LoadListIndex(const std::vector<std::string>& paths);
void FindListedVessels(Mmsi mmsi, std::span<const StaticInfo> statics, std::span<const Fix> track,
                       const ListIndex& index, std::vector<Identity>& out);

// ---- Identifiers -------------------------------------------------------------------

// Why an MMSI is not a valid vessel identity (ITU-R M.585), or "" when it is
// a ship station, craft associated with a parent ship, or AIS-SART/MOB/EPIRB
// with an assigned MID.
std::string_view InvalidMmsiReason(Mmsi mmsi);
// ISO alpha-2 of the country an ITU call sign series is allocated to (ITU
// Radio Regulations Appendix 42), or "" when the series is not in our table.
std::string_view CountryOfCallsign(std::string_view callsign);
// Upper case ASCII, inner runs of spaces collapsed, ends trimmed.
std::string NormaliseVesselName(std::string_view name);

// ---- Input ------------------------------------------------------------------------

struct InputOptions {
  int64_t from_s = INT64_MIN;  // keep reports at or after this time
  int64_t to_s = INT64_MAX;    // and before this time
};

struct InputStats {
  ais::DecodeStats decode;
  size_t positions = 0;        // vessel positions kept
  size_t statics = 0;          // static reports kept
  size_t without_time = 0;     // reports with no time (NMEA without tag block or header)
  size_t outside_window = 0;   // before --from or at/after --to
  size_t not_vessels = 0;      // base stations (4), aids to navigation (21), SAR aircraft (9)
};

// Reads NMEA or AIS CSV files (ais::ReadReports) into vessel positions and
// static reports. Reports without a time cannot be placed on a track and are
// counted, not kept. Fails only when a file cannot be read.
Status ReadAisFiles(const std::vector<std::string>& paths, const InputOptions& options,
                    std::vector<Fix>& fixes, std::vector<StaticInfo>& statics,
                    InputStats* stats = nullptr);

// Reads positions and static reports from the track store `db` (opened by
// the caller: store::Open), through tracks' LoadTracks and LoadIdentities.
Status ReadStore(store::Store& db, const InputOptions& options, std::vector<Fix>& fixes,
                 std::vector<StaticInfo>& statics);

// ---- Everything ------------------------------------------------------------------

// Static reports of every vessel, sorted by (MMSI, time).
void SortStatics(std::vector<StaticInfo>& statics);

// Runs every detector over every vessel (using both cores). `statics` must be
// sorted by SortStatics; `lists` may be null.
Events DetectAll(const TrackSet& tracks, std::span<const StaticInfo> statics,
                 const PortTable& ports, const Config& config, const ListIndex* lists = nullptr);

// ---- Output ---------------------------------------------------------------------

// One JSON object per line, sorted by start time, then type, then MMSI.
void AppendJsonLines(const Events& events, const PortTable& ports, std::string& out);
// CSV with a header: type,kind,mmsi,other_mmsi,port,start,end,lat,lon,details
// (details a JSON object with the remaining fields and the evidence).
void AppendCsv(const Events& events, const PortTable& ports, std::string& out);
// A GeoJSON FeatureCollection: each track as a LineString (a Point when it has
// one position), each event as a Point with its fields as properties.
void AppendGeoJson(const Events& events, const TrackSet& tracks, const PortTable& ports,
                   std::string& out);

}  // namespace wk::detect
