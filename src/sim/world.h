// Private to src/sim/: the world model. A world is a fleet; each vessel has a
// plan (segments it moves through, periods its AIS is off, identities it
// broadcasts); the emitter samples plans into AIS messages. Planters add
// scenario segments to plans (issue 4: evasion events with ground truth).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ais/ais.h"
#include "sim/sim.h"

namespace wk::sim {

// SplitMix64: small, fast, and the same on every platform (std::
// distributions are not, so we never use them).
class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  double Uniform(double lo, double hi) { return lo + (hi - lo) * Uniform(); }
  // Inclusive on both ends.
  int64_t Int(int64_t lo, int64_t hi) {
    return lo + static_cast<int64_t>(Next() % static_cast<uint64_t>(hi - lo + 1));
  }
  bool Chance(double p) { return Uniform() < p; }

 private:
  uint64_t state_;
};

inline uint64_t MixSeed(uint64_t a, uint64_t b) {
  Rng r(a * 0x9E3779B97F4A7C15ull + b);
  return r.Next();
}

enum class VesselKind { kTanker, kBulk, kContainer, kGeneralCargo, kFishing };
std::string_view KindName(VesselKind kind);

struct Identity {
  int64_t from_s = 0;  // broadcast from this time on
  Mmsi mmsi;
  uint32_t imo = 0;
  std::string name, callsign;
  int ship_type = 0;
};

// The draught a vessel reports from `from_s` on (loading and discharging).
struct DraughtChange {
  int64_t from_s;
  float draught_m;
};

struct Vessel {
  int index = 0;
  VesselKind kind = VesselKind::kGeneralCargo;
  char ais_class = 'A';
  std::string flag;  // ISO alpha-2 of the MMSI's MID
  std::vector<Identity> identities;  // sorted by from_s; [0] is the first
  int to_bow = 0, to_stern = 0, to_port = 0, to_starboard = 0;
  float draught_m = 0;                // reported until the first of `draughts`
  std::vector<DraughtChange> draughts;  // sorted by from_s
  // Particulars (particulars.csv): deadweight in tonnes (0: none written),
  // the year built and the registry's type.
  double deadweight_t = 0;
  int built = 0;
  std::string registry_type;
  float cruise_knots = 12;
  std::string home_port;
};

enum class SegmentKind { kStationary, kMove };

// A stretch of a vessel's day: stationary at a point (moored, anchored,
// drifting on the spot), or moving along a polyline at constant speed.
struct Segment {
  SegmentKind kind = SegmentKind::kStationary;
  int64_t start_s = 0, end_s = 0;
  std::vector<LatLon> path;  // one point when stationary
  float speed_knots = 0;     // reported speed (stationary: the drift speed)
  int nav_status = 0;        // 0 under way, 1 at anchor, 5 moored, 7 fishing
  std::string port;          // LOCODE when stationary in a port
  std::string destination;   // LOCODE the vessel is bound for
};

struct Silence {
  int64_t start_s, end_s;  // no transmissions in [start, end)
};

struct Plan {
  Vessel vessel;
  std::vector<Segment> segments;  // contiguous in time, sorted
  std::vector<Silence> silences;
};

// The whole world before it is sampled.
struct World {
  Options options;
  int64_t end_s = 0;
  std::vector<Plan> plans;
};

// Builds the fleet and its voyages (no scenario events).
World BuildWorld(const Options& options);

// The draught the vessel reports at time t.
float DraughtAt(const Vessel& v, int64_t t);

// Where a plan puts its vessel at time t: position, speed, course, status.
struct State {
  LatLon position;
  float speed_knots, course_deg;
  int nav_status;
  const Segment* segment;
};
bool StateAt(const Plan& plan, int64_t t, State* state);

// Distance from `p` to the nearest port of the world's table, metres.
double NearestPortM(LatLon p);
// `p` moved north and east by the given metres.
LatLon Offset(LatLon p, double north_m, double east_m);
// Splits a route at `along_m` metres from its start: `before` ends and
// `after` starts at that point.
void SplitRoute(const std::vector<LatLon>& route, double along_m, std::vector<LatLon>* before,
                std::vector<LatLon>* after);

// Length of a polyline in metres.
double PathLengthM(const std::vector<LatLon>& path);

// Appends a move segment along `path` starting at `start_s`; returns its end.
int64_t AppendMove(Plan& plan, std::vector<LatLon> path, int64_t start_s, float knots,
                   std::string destination);
int64_t AppendStay(Plan& plan, LatLon at, int64_t start_s, int64_t duration_s, int nav_status,
                   std::string port, float drift_knots);

}  // namespace wk::sim
