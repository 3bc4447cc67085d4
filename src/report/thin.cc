// Thinning a track for a map: drop fixes closer than a pixel to the last one
// kept, break at silences and at the edge of the box.
#include <algorithm>
#include <cmath>

#include "core/core.h"
#include "report/report.h"

namespace wk::report {
namespace {

constexpr double kKnotMps = 1852.0 / 3600.0;

// Whether going from a to b takes more than `max_knots`.
bool Impossible(const tracks::Fix& a, const tracks::Fix& b, double max_knots) {
  const double m = HaversineM(a.lat_deg, a.lon_deg, b.lat_deg, b.lon_deg);
  const double s = static_cast<double>(std::max<int64_t>(b.time_s - a.time_s, 1));
  return m / s > max_knots * kKnotMps && m > 1000;  // a kilometre at least: AIS jitter is no jump
}

bool Inside(const tracks::Fix& f, const std::array<double, 4>& b) {
  return f.lon_deg >= b[0] && f.lat_deg >= b[1] && f.lon_deg <= b[2] && f.lat_deg <= b[3];
}

}  // namespace

size_t ThinTrack(std::span<const tracks::Fix> track, const ThinOptions& options, std::vector<TrackPiece>& out) {
  size_t kept = 0;
  TrackPiece piece;
  const tracks::Fix* last_seen = nullptr;  // the last fix of the run, kept or not
  auto close_piece = [&] {
    if (last_seen && !piece.fixes.empty() && piece.fixes.back().time_s != last_seen->time_s) {
      piece.fixes.push_back(*last_seen);
      ++kept;
    }
    if (!piece.fixes.empty()) out.push_back(std::move(piece));
    piece = TrackPiece{};
    last_seen = nullptr;
  };
  for (const tracks::Fix& f : track) {
    if (options.bbox && !Inside(f, *options.bbox)) {
      close_piece();
      continue;
    }
    if (last_seen && (f.time_s - last_seen->time_s > options.max_gap_s ||
                      Impossible(*last_seen, f, options.max_speed_knots)))
      close_piece();
    if (piece.fixes.empty()) {
      piece.fixes.push_back(f);
      ++kept;
    } else {
      const tracks::Fix& k = piece.fixes.back();
      const double d = std::max(std::fabs(f.lat_deg - k.lat_deg), std::fabs(f.lon_deg - k.lon_deg));
      if (d >= options.tolerance_deg) {
        piece.fixes.push_back(f);
        ++kept;
      }
    }
    last_seen = &f;
  }
  close_piece();
  return kept;
}

}  // namespace wk::report
