// Thinning a track for a map: drop fixes closer than a pixel to the last one
// kept, break at silences and at the edge of the box.
#include <cmath>

#include "report/report.h"

namespace wk::report {
namespace {

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
    if (last_seen && f.time_s - last_seen->time_s > options.max_gap_s) close_piece();
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
