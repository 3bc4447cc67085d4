// The track model in memory: grouping fixes into a TrackSet, and pairing
// tracks with the static reports of the same vessels.
#include <algorithm>

#include "tracks/tracks.h"

namespace wk::tracks {

TrackSet MakeTrackSet(std::vector<Fix> fixes, TrackStats* stats) {
  TrackStats local;
  TrackStats& st = stats ? *stats : local;
  st.input += fixes.size();

  // Drop what no detector can use (the one validity rule).
  size_t w = 0;
  for (size_t r = 0; r < fixes.size(); ++r) {
    const Fix& f = fixes[r];
    if (!IsValidPosition(f.lat_deg, f.lon_deg)) {
      ++st.invalid_position;
      continue;
    }
    fixes[w++] = f;
  }
  fixes.resize(w);

  // Group by vessel with a stable LSD radix sort on the vessel's rank in
  // MMSI order: each pass writes to at most 256 places at once (kind to the
  // TLB, unlike one scatter to thousands of tracks), and the cost is linear.
  // MMSI -> dense vessel number: open addressing with linear probing.
  std::vector<uint32_t> mmsis;
  std::vector<uint64_t> slots(1024, UINT64_MAX);  // (mmsi << 32 | vessel), or empty
  auto slot_of = [&](uint32_t mmsi) {
    size_t mask = slots.size() - 1;
    size_t h = (static_cast<size_t>(mmsi) * 0x9E3779B97F4A7C15ull) >> 20;
    for (size_t i = h & mask;; i = (i + 1) & mask)
      if (slots[i] == UINT64_MAX || (slots[i] >> 32) == mmsi) return i;
  };
  for (size_t i = 0; i < fixes.size(); ++i) {
    const uint32_t mmsi = fixes[i].mmsi.value;
    size_t at = slot_of(mmsi);
    if (slots[at] != UINT64_MAX) continue;
    if ((mmsis.size() + 1) * 2 > slots.size()) {  // keep the table at most half full
      std::vector<uint64_t> old(slots.size() * 2, UINT64_MAX);
      old.swap(slots);
      for (uint64_t e : old)
        if (e != UINT64_MAX) slots[slot_of(static_cast<uint32_t>(e >> 32))] = e;
      at = slot_of(mmsi);
    }
    slots[at] = (static_cast<uint64_t>(mmsi) << 32) | mmsis.size();
    mmsis.push_back(mmsi);
  }
  const size_t vessels = mmsis.size();
  // Rank of each vessel in MMSI order, written into its slot.
  {
    std::vector<uint32_t> order(vessels);
    for (uint32_t i = 0; i < vessels; ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return mmsis[a] < mmsis[b]; });
    for (uint32_t r = 0; r < vessels; ++r) {
      uint64_t& slot = slots[slot_of(mmsis[order[r]])];
      slot = (slot & 0xFFFFFFFF00000000ull) | r;
    }
  }
  auto rank_of = [&](const Fix& f) { return static_cast<uint32_t>(slots[slot_of(f.mmsi.value)]); };

  std::vector<size_t> start(vessels + 1, 0);
  for (const Fix& f : fixes) ++start[rank_of(f) + 1];
  for (size_t i = 1; i < start.size(); ++i) start[i] += start[i - 1];

  int bits = 0;
  while ((size_t{1} << bits) < vessels) ++bits;
  const int passes = std::max(1, (bits + 7) / 8);
  const int digit = std::max(1, (bits + passes - 1) / passes);
  std::vector<Fix> other(fixes.size());
  std::vector<Fix>* src = &fixes;
  std::vector<Fix>* dst = &other;
  std::vector<size_t> pos;
  for (int p = 0; p < passes; ++p) {
    const int shift = p * digit;
    const uint32_t mask = (1u << digit) - 1;
    pos.assign(mask + 2, 0);
    for (const Fix& f : *src) ++pos[((rank_of(f) >> shift) & mask) + 1];
    for (size_t i = 1; i < pos.size(); ++i) pos[i] += pos[i - 1];
    Fix* out_data = dst->data();
    for (const Fix& f : *src) out_data[pos[(rank_of(f) >> shift) & mask]++] = f;
    std::swap(src, dst);
  }
  TrackSet out;
  out.fixes = std::move(*src);
  std::vector<Fix>().swap(*dst);
  std::vector<Fix>().swap(fixes);

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

int64_t NearestFix(std::span<const Fix> track, int64_t t) {
  if (track.empty()) return -1;
  auto it = std::lower_bound(track.begin(), track.end(), t,
                             [](const Fix& f, int64_t v) { return f.time_s < v; });
  if (it == track.end()) return static_cast<int64_t>(track.size()) - 1;
  if (it != track.begin() && t - (it - 1)->time_s < it->time_s - t) --it;
  return it - track.begin();
}

std::vector<Vessel> Vessels(const TrackSet& tracks, std::span<const StaticInfo> statics) {
  // Both in MMSI order: merge them.
  std::vector<Vessel> vessels;
  vessels.reserve(tracks.size());
  size_t s = 0;
  for (size_t t = 0; t < tracks.size() || s < statics.size();) {
    const uint32_t tm = t < tracks.size() ? tracks.mmsi(t).value : UINT32_MAX;
    const uint32_t sm = s < statics.size() ? statics[s].mmsi.value : UINT32_MAX;
    Vessel v;
    v.mmsi = Mmsi{std::min(tm, sm)};
    if (tm <= sm) v.track = tracks.track(t++);
    if (sm <= tm) {
      size_t e = s;
      while (e < statics.size() && statics[e].mmsi.value == sm) ++e;
      v.statics = statics.subspan(s, e - s);
      s = e;
    }
    vessels.push_back(v);
  }
  return vessels;
}

std::pair<int64_t, int64_t> HeardBetween(const Vessel& v) {
  int64_t first = INT64_MAX, last = INT64_MIN;
  if (!v.track.empty()) {
    first = v.track.front().time_s;
    last = v.track.back().time_s;
  }
  if (!v.statics.empty()) {
    first = std::min(first, v.statics.front().time_s);
    last = std::max(last, v.statics.back().time_s);
  }
  if (first == INT64_MAX) return {0, 0};
  return {first, last};
}

}  // namespace wk::tracks
