// Hand-built tracks for the detector tests.
#pragma once

#include <cmath>
#include <string>
#include <vector>

#include "core/core.h"
#include "detect/detect.h"

namespace wk::detect::testing {

// 2024-01-01T00:00:00Z, a multiple of 10 minutes.
inline constexpr int64_t kT0 = 1704067200;
// Open sea in the Yellow Sea, far (> 100 km) from every built-in port.
inline constexpr double kSeaLat = 36.0, kSeaLon = 123.5;

inline Fix At(uint32_t mmsi, int64_t t, double lat, double lon, float sog = 0.5f) {
  return Fix{Mmsi{mmsi}, t, lat, lon, sog, NAN};
}

// A point `east_m` metres east and `north_m` north of (lat, lon).
inline std::pair<double, double> Offset(double lat, double lon, double east_m, double north_m) {
  const double m_per_deg = kEarthRadiusM * kDegToRad;
  return {lat + north_m / m_per_deg, lon + east_m / (m_per_deg * std::cos(lat * kDegToRad))};
}

// Positions every `step_s` from t0 to t1 inclusive, standing still at (lat, lon).
inline std::vector<Fix> Still(uint32_t mmsi, int64_t t0, int64_t t1, int64_t step_s, double lat,
                              double lon, float sog = 0.5f) {
  std::vector<Fix> out;
  for (int64_t t = t0; t <= t1; t += step_s) out.push_back(At(mmsi, t, lat, lon, sog));
  return out;
}

// Sailing due east at `knots` from (lat, lon) at t0, positions every step_s until t1.
inline std::vector<Fix> Sail(uint32_t mmsi, int64_t t0, int64_t t1, int64_t step_s, double lat,
                             double lon, double knots, double heading_deg = 90) {
  std::vector<Fix> out;
  for (int64_t t = t0; t <= t1; t += step_s) {
    const double d = knots * 1852.0 / 3600.0 * static_cast<double>(t - t0);
    auto [la, lo] = Offset(lat, lon, d * std::sin(heading_deg * kDegToRad),
                           d * std::cos(heading_deg * kDegToRad));
    out.push_back(At(mmsi, t, la, lo, static_cast<float>(knots)));
  }
  return out;
}

// Another ship, heard every 30 minutes from t0 to t1, sailing south at 12 kn
// far from the others: the feed was listening, so a silence of another ship's
// in that time is a gap (detect counts a silence only while others are heard).
inline std::vector<Fix> HeardMeanwhile(int64_t t0, int64_t t1) {
  return Sail(412999999, t0, t1, 1800, kSeaLat - 1.5, kSeaLon, 12, 180);
}

// A static report: what the vessel said about itself at t.
inline StaticInfo Said(uint32_t mmsi, int64_t t, std::string name, uint32_t imo = 0,
                       std::string cs = "") {
  StaticInfo s;
  s.mmsi = Mmsi{mmsi};
  s.time_s = t;
  s.name = std::move(name);
  s.imo = imo;
  s.callsign = std::move(cs);
  return s;
}

inline TrackSet Tracks(std::vector<std::vector<Fix>> parts) {
  std::vector<Fix> all;
  for (auto& p : parts) all.insert(all.end(), p.begin(), p.end());
  return tracks::MakeTrackSet(std::move(all));
}

inline const Port& PortNamed(const PortTable& ports, std::string_view locode) {
  for (const Port& p : ports.ports())
    if (p.locode == locode) return p;
  static Port none;
  return none;
}

}  // namespace wk::detect::testing
