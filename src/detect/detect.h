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
//   auto traffic = tracks::ReadTraffic({"day1.nmea"});
//   detect::Events events = detect::DetectAll(traffic->tracks, traffic->statics, ports, config);
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

namespace wk::detect {

// The track model is tracks' (tracks/tracks.h); detect reads it.
using tracks::Fix;
using tracks::StaticInfo;
using tracks::TrackSet;

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
  // A silence counts only while the feed heard others: for at least
  // `gap_min_s` of it and at least `gap_min_heard_share` of its length, so the
  // years between two captures with a few hours heard in between are no gap.
  int64_t gap_min_s = 12 * 3600;
  double gap_min_heard_share = 0.5;
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
  int64_t heard_s = 0;       // of the silence, the time the feed heard other vessels
};

struct Loitering {
  Mmsi mmsi;
  int64_t start_s = 0, end_s = 0;
  double lat_deg = 0, lon_deg = 0;  // mean position
  size_t positions = 0;
  double max_speed_kn = 0;
  double max_drift_m = 0;    // farthest position from the mean
};

// Identity events (printed as "type":"identity" with their kind). Each kind
// carries its own fields; all have the vessel, a time span and a position
// (NaN when no position is known).

// Positions of one MMSI that no single ship could join: two transmitters on
// one MMSI (or a spoofed one).
struct MmsiConflict {
  static constexpr std::string_view kKind = "mmsi_conflict";
  Mmsi mmsi;
  int64_t start_s = 0, end_s = 0;  // first jump's start, last jump's end
  double lat_deg = NAN, lon_deg = NAN;
  size_t jumps = 0;                // consecutive positions no ship could join
  size_t simultaneous_jumps = 0;   // of them, two places at the same second
  double max_implied_speed_kn = 0; // over the jumps with time between them; 0 if none
  std::vector<std::pair<Sample, Sample>> jump_examples;  // at most 5
};

// A new name or IMO number that abandons the old one.
struct IdentityChange {
  static constexpr std::string_view kKind = "identity_change";
  Mmsi mmsi;
  int64_t start_s = 0, end_s = 0;  // last report of the old value, first of the new
  double lat_deg = NAN, lon_deg = NAN;
  std::string field;               // "name" or "imo"
  std::string old_value, value;
};

// An identifier that cannot be right: an MMSI outside the ITU-R M.585
// ranges, an IMO number with a wrong check digit, a call sign of another
// country's series than the MMSI's flag.
struct InvalidIdentity {
  static constexpr std::string_view kKind = "invalid_identity";
  Mmsi mmsi;
  int64_t start_s = 0, end_s = 0;  // the reports that carried the value
  double lat_deg = NAN, lon_deg = NAN;
  std::string field;               // "mmsi", "imo" or "flag"
  std::string value;
  std::string reason;
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
  std::vector<MmsiConflict> mmsi_conflicts;
  std::vector<IdentityChange> identity_changes;
  std::vector<InvalidIdentity> invalid_identities;
  std::vector<PortSequence> port_sequences;
  // Identity events of every kind.
  size_t identities() const {
    return mmsi_conflicts.size() + identity_changes.size() + invalid_identities.size();
  }
  size_t size() const {
    return port_calls.size() + encounters.size() + gaps.size() + loitering.size() + identities() +
           port_sequences.size();
  }
};

// ---- When the feed was listening --------------------------------------------------

// The hours in which the feed heard any vessel. A ship is expected to be heard
// only while the receiver hears others: an hour in which nobody was heard
// (a receiver down, the years between two unrelated captures) is no silence of
// the ship's.
struct FeedCoverage {
  bool known = false;                // false: the feed is assumed to hear all the time
  std::vector<int64_t> heard_hours;  // sorted, unique: floor(time / 3600)
};

FeedCoverage CoverageOf(const TrackSet& tracks);

// Seconds of [from_s, to_s] the feed was listening: the span less each whole
// hour inside it in which nobody was heard.
int64_t HeardSeconds(const FeedCoverage& coverage, int64_t from_s, int64_t to_s);

// ---- Detectors (one vessel's time-sorted fixes; each appends to `out`) ----------

void FindPortCalls(std::span<const Fix> track, const PortTable& ports, const Config& config,
                   std::vector<PortCall>& out);
// A silence is a gap when the feed heard others for at least `gap_min_s` and
// `gap_min_heard_share` of it.
void FindGaps(std::span<const Fix> track, const PortTable& ports, const Config& config,
              const FeedCoverage& coverage, std::vector<Gap>& out);
void FindLoitering(std::span<const Fix> track, const PortTable& ports, const Config& config,
                   std::vector<Loitering>& out);
void FindMmsiConflicts(std::span<const Fix> track, const Config& config,
                       std::vector<MmsiConflict>& out);
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
                         std::vector<IdentityChange>& out);
void FindInvalidIdentity(Mmsi mmsi, std::span<const StaticInfo> statics,
                         std::span<const Fix> track, std::vector<InvalidIdentity>& out);

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

// ---- Everything ------------------------------------------------------------------

// Runs every detector over every vessel (using every core, up to
// WorkerThreads). `statics` must be sorted (tracks::SortStatics).
Events DetectAll(const TrackSet& tracks, std::span<const StaticInfo> statics,
                 const PortTable& ports, const Config& config);

// ---- Output ---------------------------------------------------------------------

// Event types in print order.
enum class EventType : uint8_t { kPortCall, kEncounter, kGap, kLoitering, kIdentity, kPortSequence };
std::string_view EventTypeName(EventType type);  // "port_call", ..., "port_sequence"

// One event ready to print: its sort key, the CSV's columns and its JSON
// object. detect makes rows of its events (EventRows); another domain makes
// rows of its own (alerts' listed vessels are identity events) so that the
// writers print both in one order.
struct EventRow {
  int64_t start_s = 0, end_s = 0;
  EventType type = EventType::kPortCall;
  Mmsi mmsi;
  std::string_view kind;            // identity kind ("mmsi_conflict", ...); "" otherwise
  std::optional<Mmsi> other_mmsi;   // encounters
  std::string port;                 // port call: the locode; sequence: locodes, space-separated
  double lat_deg = NAN, lon_deg = NAN;  // the event's point; NaN when none
  std::string json;                 // the JSON object, one line, no newline
};

// detect's events as rows: port calls, encounters, gaps, loitering, identity
// events (conflicts, changes, invalid), port sequences.
std::vector<EventRow> EventRows(const Events& events, const PortTable& ports);

// The writers print rows sorted by start time, then type, then MMSI; rows
// equal in all three keep the order they are given in.
// One JSON object per line.
void AppendJsonLines(std::span<const EventRow> rows, std::string& out);
// CSV with a header: type,kind,mmsi,other_mmsi,port,start,end,lat,lon,details
// (details the JSON object). A port sequence's lat and lon are left empty.
void AppendCsv(std::span<const EventRow> rows, std::string& out);
// A GeoJSON FeatureCollection: each track as a LineString (a Point when it has
// one position), then each event as a Point (null geometry when it has no
// position) with its JSON object as properties.
void AppendGeoJson(std::span<const EventRow> rows, const TrackSet& tracks, std::string& out);

// The same for detect's events alone.
void AppendJsonLines(const Events& events, const PortTable& ports, std::string& out);
void AppendCsv(const Events& events, const PortTable& ports, std::string& out);
void AppendGeoJson(const Events& events, const TrackSet& tracks, const PortTable& ports,
                   std::string& out);

}  // namespace wk::detect
