#include <algorithm>
#include <unordered_map>

#include "detect/detect.h"

namespace wk::detect {

TrackSet BuildTracks(std::vector<Fix> fixes, TrackStats* stats) {
  TrackStats local;
  TrackStats& st = stats ? *stats : local;
  st.input += fixes.size();

  // Drop what no detector can use: positions out of range, and 0,0 (the
  // "no GPS fix" position many transponders send).
  size_t w = 0;
  for (size_t r = 0; r < fixes.size(); ++r) {
    const Fix& f = fixes[r];
    if (!IsValidLatLon(f.lat_deg, f.lon_deg) || (f.lat_deg == 0 && f.lon_deg == 0)) {
      ++st.invalid_position;
      continue;
    }
    fixes[w++] = f;
  }
  fixes.resize(w);

  // Bucket by MMSI in one pass (counting sort on a dense vessel number), so
  // the cost is linear; then sort each bucket by time, which is usually
  // already in order and cheap to check.
  std::unordered_map<uint32_t, uint32_t> vessel_of;
  vessel_of.reserve(1024);
  std::vector<uint32_t> vessel(fixes.size());
  std::vector<uint32_t> mmsis;
  for (size_t i = 0; i < fixes.size(); ++i) {
    auto [it, inserted] = vessel_of.try_emplace(fixes[i].mmsi.value, static_cast<uint32_t>(mmsis.size()));
    if (inserted) mmsis.push_back(fixes[i].mmsi.value);
    vessel[i] = it->second;
  }
  // Vessels in MMSI order.
  std::vector<uint32_t> order(mmsis.size());
  for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return mmsis[a] < mmsis[b]; });
  std::vector<uint32_t> rank(mmsis.size());
  for (uint32_t r = 0; r < order.size(); ++r) rank[order[r]] = r;

  std::vector<size_t> start(mmsis.size() + 1, 0);
  for (uint32_t v : vessel) ++start[rank[v] + 1];
  for (size_t i = 1; i < start.size(); ++i) start[i] += start[i - 1];

  TrackSet out;
  out.fixes.resize(fixes.size());
  {
    std::vector<size_t> next(start.begin(), start.end() - 1);
    for (size_t i = 0; i < fixes.size(); ++i) out.fixes[next[rank[vessel[i]]]++] = fixes[i];
  }
  std::vector<Fix>().swap(fixes);
  std::vector<uint32_t>().swap(vessel);

  // Sort each track by time (stable: equal times keep input order) and drop
  // repeated messages.
  auto by_time = [](const Fix& a, const Fix& b) { return a.time_s < b.time_s; };
  w = 0;
  out.offsets.push_back(0);
  for (size_t v = 0; v + 1 < start.size(); ++v) {
    auto b = out.fixes.begin() + static_cast<std::ptrdiff_t>(start[v]);
    auto e = out.fixes.begin() + static_cast<std::ptrdiff_t>(start[v + 1]);
    if (!std::is_sorted(b, e, by_time)) std::stable_sort(b, e, by_time);
    const size_t track_begin = w;
    for (auto it = b; it != e; ++it) {
      if (w > track_begin) {
        const Fix& prev = out.fixes[w - 1];
        if (prev.time_s == it->time_s && prev.lat_deg == it->lat_deg && prev.lon_deg == it->lon_deg) {
          ++st.duplicates;
          continue;
        }
      }
      out.fixes[w++] = *it;
    }
    if (w > track_begin) out.offsets.push_back(w);
  }
  out.fixes.resize(w);
  out.fixes.shrink_to_fit();
  st.kept += w;
  return out;
}

void SortStatics(std::vector<StaticInfo>& statics) {
  std::stable_sort(statics.begin(), statics.end(), [](const StaticInfo& a, const StaticInfo& b) {
    return a.mmsi.value != b.mmsi.value ? a.mmsi.value < b.mmsi.value : a.time_s < b.time_s;
  });
}

}  // namespace wk::detect
