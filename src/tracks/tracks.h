// tracks: per-vessel, time-sorted positions and what a vessel has broadcast
// about itself, in memory and in the store.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/core.h"

namespace wk::tracks {

// One position. Cheap to copy; units are in the names.
struct Fix {
  Mmsi mmsi;
  int64_t time_s;     // Unix seconds, UTC
  double lat_deg, lon_deg;
  float speed_knots;  // NaN when the ship sent "not available"
  float course_deg;   // NaN when not available
};

}  // namespace wk::tracks
