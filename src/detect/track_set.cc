#include <algorithm>

#include "detect/detect.h"

namespace wk::detect {

TrackSet MakeTrackSet(std::vector<Fix> fixes, TrackStats* stats) {
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

}  // namespace wk::detect
