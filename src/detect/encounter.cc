#include <algorithm>

#include "detect/detect.h"
#include "detect/internal.h"

namespace wk::detect {
namespace {

// Median of `v` (reorders it); 0 when empty.
double Median(std::vector<double>& v) {
  if (v.empty()) return 0;
  auto mid = v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2);
  std::nth_element(v.begin(), mid, v.end());
  double upper = *mid;
  if (v.size() % 2 == 1) return upper;
  double lower = *std::max_element(v.begin(), mid);
  return (lower + upper) / 2;
}

constexpr double kMetersPerDegree = kEarthRadiusM * kDegToRad;

// One vessel's resampled position at a bin time, kept only when the vessel
// is slow and far from every port there (the only samples an encounter can
// use).
struct Sample10 {
  int64_t bin;       // time / bin_s
  uint32_t vessel;   // track index (tracks are in MMSI order)
  double lat, lon;
};

// Appends the slow, offshore resampled positions of one track, in bin order.
// Bin times are multiples of bin_s; a bin inside a silence longer than
// max_interpolation_gap_s gets no position; between two positions the
// position is interpolated linearly and the speed is the reported speeds'
// interpolation (or the implied speed when either is missing).
void Resample(std::span<const Fix> track, uint32_t vessel, const PortTable& ports,
              const Config& config, std::vector<Sample10>& out) {
  const int64_t bin_s = config.encounter_bin_s;
  auto keep = [&](int64_t t, double lat, double lon, double speed) {
    if (!(speed < config.encounter_max_speed_kn)) return;  // also drops NaN
    if (ports.AnyWithin(lat, lon, config.encounter_min_port_distance_m)) return;
    out.push_back({t / bin_s, vessel, lat, lon});
  };
  for (size_t i = 0; i < track.size(); ++i) {
    const Fix& a = track[i];
    const bool aligned = a.time_s % bin_s == 0;
    if (i + 1 == track.size()) {
      if (aligned) keep(a.time_s, a.lat_deg, a.lon_deg, internal::EffectiveSpeedKn(track, i));
      break;
    }
    const Fix& b = track[i + 1];
    const int64_t dt = b.time_s - a.time_s;
    if (dt <= 0) continue;  // two positions at one time: the later one speaks for it
    if (aligned) keep(a.time_s, a.lat_deg, a.lon_deg, internal::EffectiveSpeedKn(track, i));
    if (dt > config.encounter_max_interpolation_gap_s) continue;
    // Bin times strictly inside (a, b).
    int64_t t = (a.time_s / bin_s + 1) * bin_s;
    if (a.time_s < 0 && !aligned) t -= bin_s;  // floor for negative times
    if (t >= b.time_s) continue;
    double dlon = b.lon_deg - a.lon_deg;
    if (dlon > 180) dlon -= 360;
    if (dlon < -180) dlon += 360;
    double speed;
    if (std::isfinite(a.speed_knots) && std::isfinite(b.speed_knots)) {
      speed = NAN;  // interpolated per bin below
    } else {
      speed = internal::ImpliedSpeedKn(internal::DistanceM(a, b), dt);
    }
    for (; t < b.time_s; t += bin_s) {
      const double f = static_cast<double>(t - a.time_s) / static_cast<double>(dt);
      double lon = a.lon_deg + f * dlon;
      if (lon > 180) lon -= 360;
      if (lon < -180) lon += 360;
      const double v =
          std::isnan(speed) ? a.speed_knots + f * (b.speed_knots - a.speed_knots) : speed;
      keep(t, a.lat_deg + f * (b.lat_deg - a.lat_deg), lon, v);
    }
  }
}

struct ClosePair {
  uint32_t a, b;  // track indices, a < b
  int64_t bin;
  double distance_m;
  double lat, lon;  // midpoint
};

// Turns close pairs into encounters: runs of consecutive bins of one pair
// whose first and last bins are at least encounter_min_s apart.
void EmitRuns(std::vector<ClosePair>& pairs, const TrackSet& tracks, const Config& config,
              std::vector<Encounter>& out) {
  std::sort(pairs.begin(), pairs.end(), [](const ClosePair& x, const ClosePair& y) {
    if (x.a != y.a) return x.a < y.a;
    if (x.b != y.b) return x.b < y.b;
    return x.bin < y.bin;
  });
  std::vector<double> distances, lats, lons;
  size_t i = 0;
  while (i < pairs.size()) {
    size_t j = i + 1;
    while (j < pairs.size() && pairs[j].a == pairs[i].a && pairs[j].b == pairs[i].b &&
           pairs[j].bin == pairs[j - 1].bin + 1)
      ++j;
    const int64_t duration = (pairs[j - 1].bin - pairs[i].bin) * config.encounter_bin_s;
    if (duration >= config.encounter_min_s) {
      Encounter e;
      e.mmsi = tracks.fixes[tracks.offsets[pairs[i].a]].mmsi;
      e.other_mmsi = tracks.fixes[tracks.offsets[pairs[i].b]].mmsi;
      e.start_s = pairs[i].bin * config.encounter_bin_s;
      e.end_s = pairs[j - 1].bin * config.encounter_bin_s;
      e.bins = j - i;
      distances.clear();
      lats.clear();
      lons.clear();
      e.min_distance_m = INFINITY;
      for (size_t k = i; k < j; ++k) {
        distances.push_back(pairs[k].distance_m);
        lats.push_back(pairs[k].lat);
        lons.push_back(pairs[k].lon);
        e.min_distance_m = std::min(e.min_distance_m, pairs[k].distance_m);
      }
      e.median_distance_m = Median(distances);
      e.lat_deg = Median(lats);
      e.lon_deg = Median(lons);
      out.push_back(e);
    }
    i = j;
  }
}

ClosePair MakePair(const Sample10& x, const Sample10& y, double d) {
  const Sample10& lo = x.vessel < y.vessel ? x : y;
  const Sample10& hi = x.vessel < y.vessel ? y : x;
  double dlon = hi.lon - lo.lon;
  if (dlon > 180) dlon -= 360;
  if (dlon < -180) dlon += 360;
  double mid_lon = lo.lon + dlon / 2;
  if (mid_lon > 180) mid_lon -= 360;
  if (mid_lon < -180) mid_lon += 360;
  return {lo.vessel, hi.vessel, x.bin, d, (lo.lat + hi.lat) / 2, mid_lon};
}

}  // namespace

void FindEncounters(const TrackSet& tracks, const PortTable& ports, const Config& config,
                    std::vector<Encounter>& out) {
  std::vector<Sample10> samples;
  for (size_t v = 0; v < tracks.size(); ++v)
    Resample(tracks.track(v), static_cast<uint32_t>(v), ports, config, samples);

  // The space-time grid: cells of max_distance in latitude (and the same
  // angle in longitude, so several cells of halo at high latitude), one
  // slice per bin. Sorting by (bin, row, col) puts each cell's samples
  // together; each sample looks at its own and the neighbouring cells.
  const double max_d = std::max(config.encounter_max_distance_m, 1.0);
  const double cell_deg = max_d / kMetersPerDegree;
  struct Keyed {
    int64_t bin;
    int32_t row, col;
    uint32_t index;  // into samples
  };
  std::vector<Keyed> keyed(samples.size());
  for (size_t i = 0; i < samples.size(); ++i) {
    keyed[i] = {samples[i].bin, static_cast<int32_t>(std::floor(samples[i].lat / cell_deg)),
                static_cast<int32_t>(std::floor(samples[i].lon / cell_deg)),
                static_cast<uint32_t>(i)};
  }
  auto less = [](const Keyed& x, const Keyed& y) {
    if (x.bin != y.bin) return x.bin < y.bin;
    if (x.row != y.row) return x.row < y.row;
    return x.col < y.col;
  };
  std::sort(keyed.begin(), keyed.end(), less);

  std::vector<ClosePair> pairs;
  for (const Keyed& k : keyed) {
    const Sample10& s = samples[k.index];
    // Longitude halo: enough cells to span max_d at the poleward edge.
    const double edge_lat = std::min(89.9, std::fabs(s.lat) + 2 * cell_deg);
    const int32_t halo = static_cast<int32_t>(
        std::min(1.0e6, std::ceil(1.0 / std::cos(edge_lat * kDegToRad))));
    for (int32_t dr = -1; dr <= 1; ++dr) {
      Keyed lo{k.bin, k.row + dr, k.col - halo, 0};
      auto it = std::lower_bound(keyed.begin(), keyed.end(), lo, less);
      for (; it != keyed.end() && it->bin == k.bin && it->row == k.row + dr &&
             it->col <= k.col + halo;
           ++it) {
        const Sample10& o = samples[it->index];
        if (o.vessel <= s.vessel) continue;  // each pair once, never a vessel with itself
        const double d = HaversineM(s.lat, s.lon, o.lat, o.lon);
        if (d <= config.encounter_max_distance_m) pairs.push_back(MakePair(s, o, d));
      }
    }
  }
  EmitRuns(pairs, tracks, config, out);
}

void FindEncountersAllPairs(const TrackSet& tracks, const PortTable& ports, const Config& config,
                            std::vector<Encounter>& out) {
  std::vector<std::vector<Sample10>> per_vessel(tracks.size());
  for (size_t v = 0; v < tracks.size(); ++v)
    Resample(tracks.track(v), static_cast<uint32_t>(v), ports, config, per_vessel[v]);
  std::vector<ClosePair> pairs;
  for (size_t a = 0; a < per_vessel.size(); ++a) {
    for (size_t b = a + 1; b < per_vessel.size(); ++b) {
      const auto& x = per_vessel[a];
      const auto& y = per_vessel[b];
      size_t i = 0, j = 0;
      while (i < x.size() && j < y.size()) {
        if (x[i].bin < y[j].bin) {
          ++i;
        } else if (y[j].bin < x[i].bin) {
          ++j;
        } else {
          const double d = HaversineM(x[i].lat, x[i].lon, y[j].lat, y[j].lon);
          if (d <= config.encounter_max_distance_m) pairs.push_back(MakePair(x[i], y[j], d));
          ++i;
          ++j;
        }
      }
    }
  }
  EmitRuns(pairs, tracks, config, out);
}

}  // namespace wk::detect
