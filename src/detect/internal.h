// Private to src/detect/: small helpers the detectors share.
#pragma once

#include <cmath>
#include <string>
#include <string_view>
#include <vector>

#include "detect/detect.h"

namespace wk::detect::internal {

inline constexpr double kKnotMps = 1852.0 / 3600.0;  // metres per second in one knot

inline double DistanceM(const Fix& a, const Fix& b) {
  return HaversineM(a.lat_deg, a.lon_deg, b.lat_deg, b.lon_deg);
}

// Speed implied by two positions, in knots; +inf when they share a time but
// not a place, 0 when they share both.
inline double ImpliedSpeedKn(double distance_m, int64_t dt_s) {
  if (dt_s <= 0) return distance_m > 0 ? INFINITY : 0;
  return distance_m / static_cast<double>(dt_s) / kKnotMps;
}

// Speed over ground of track[i]: the reported SOG, or when the ship sent
// none, the speed implied by its neighbours (the previous position, else the
// next). NaN for a lone position without SOG.
inline double EffectiveSpeedKn(std::span<const Fix> track, size_t i) {
  if (std::isfinite(track[i].speed_knots)) return track[i].speed_knots;
  if (i > 0 && track[i].time_s > track[i - 1].time_s)
    return ImpliedSpeedKn(DistanceM(track[i - 1], track[i]), track[i].time_s - track[i - 1].time_s);
  if (i + 1 < track.size() && track[i + 1].time_s > track[i].time_s)
    return ImpliedSpeedKn(DistanceM(track[i], track[i + 1]), track[i + 1].time_s - track[i].time_s);
  return NAN;
}

}  // namespace wk::detect::internal
