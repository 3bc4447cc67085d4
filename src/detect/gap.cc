#include <algorithm>
#include <deque>

#include "detect/detect.h"
#include "detect/internal.h"

namespace wk::detect {

using internal::DistanceM;
using internal::ImpliedSpeedKn;

namespace {

int64_t HourOf(int64_t t) { return t >= 0 ? t / 3600 : -((-t + 3599) / 3600); }

}  // namespace

FeedCoverage CoverageOf(const TrackSet& tracks) {
  FeedCoverage c;
  c.known = true;
  for (size_t i = 0; i < tracks.size(); ++i) {
    int64_t last = INT64_MIN;
    for (const Fix& f : tracks.track(i)) {  // time-sorted: one entry per hour per vessel
      const int64_t h = HourOf(f.time_s);
      if (h != last) c.heard_hours.push_back(h);
      last = h;
    }
  }
  std::sort(c.heard_hours.begin(), c.heard_hours.end());
  c.heard_hours.erase(std::unique(c.heard_hours.begin(), c.heard_hours.end()), c.heard_hours.end());
  return c;
}

int64_t HeardSeconds(const FeedCoverage& coverage, int64_t from_s, int64_t to_s) {
  if (to_s <= from_s) return 0;
  if (!coverage.known) return to_s - from_s;
  // Whole hours inside the span: [first, end).
  const int64_t first = HourOf(from_s) + (from_s % 3600 != 0 ? 1 : 0);
  const int64_t end = HourOf(to_s);
  if (end <= first) return to_s - from_s;
  const auto& h = coverage.heard_hours;
  const auto heard = std::lower_bound(h.begin(), h.end(), end) - std::lower_bound(h.begin(), h.end(), first);
  return to_s - from_s - (end - first - heard) * 3600;
}

// Two consecutive positions at least `gap_min_s` apart are a gap, unless both
// lie in the same port or the feed heard nobody for most of the silence. The high-risk ports the vessel could have reached and
// left again are those whose detour (start -> port -> end) it could sail in
// the gap at its highest plausible speed over the previous 30 days.
void FindGaps(std::span<const Fix> track, const PortTable& ports, const Config& config,
              const FeedCoverage& coverage, std::vector<Gap>& out) {
  if (track.size() < 2) return;
  // Sliding maximum of plausible speeds (reported SOG, and the speed implied
  // between consecutive positions at least 10 minutes apart, which GPS noise
  // cannot inflate) over the history window.
  std::deque<std::pair<int64_t, double>> window;  // (time, speed), speeds decreasing
  auto push = [&](int64_t t, double v) {
    if (!std::isfinite(v) || v > config.max_plausible_speed_kn || v < 0) return;
    while (!window.empty() && window.back().second <= v) window.pop_back();
    window.emplace_back(t, v);
  };
  std::vector<int> high_risk;
  for (size_t i = 0; i < ports.size(); ++i)
    if (ports.ports()[i].high_risk) high_risk.push_back(static_cast<int>(i));

  push(track[0].time_s, track[0].speed_knots);
  for (size_t i = 1; i < track.size(); ++i) {
    const Fix& a = track[i - 1];
    const Fix& b = track[i];
    const int64_t dt = b.time_s - a.time_s;
    const int64_t heard_s = dt >= config.gap_min_s ? HeardSeconds(coverage, a.time_s, b.time_s) : 0;
    if (dt >= config.gap_min_s && heard_s >= config.gap_min_s &&
        static_cast<double>(heard_s) >= config.gap_min_heard_share * static_cast<double>(dt)) {
      const int pa = ports.Containing(a.lat_deg, a.lon_deg);
      const int pb = pa >= 0 ? ports.Containing(b.lat_deg, b.lon_deg) : -1;
      if (pa < 0 || pa != pb) {
        while (!window.empty() && window.front().first < a.time_s - config.gap_speed_history_s)
          window.pop_front();
        Gap gap;
        gap.mmsi = a.mmsi;
        gap.before = SampleOf(a);
        gap.after = SampleOf(b);
        gap.distance_m = DistanceM(a, b);
        gap.implied_speed_kn = ImpliedSpeedKn(gap.distance_m, dt);
        gap.heard_s = heard_s;
        gap.speed_observed = !window.empty() && window.front().second > 0;
        gap.speed_used_kn = gap.speed_observed ? window.front().second : config.gap_default_speed_kn;
        const double reach_m = gap.speed_used_kn * internal::kKnotMps * static_cast<double>(dt);
        for (int p : high_risk) {
          const Port& port = ports.ports()[static_cast<size_t>(p)];
          const double d = HaversineM(a.lat_deg, a.lon_deg, port.lat_deg, port.lon_deg) +
                           HaversineM(port.lat_deg, port.lon_deg, b.lat_deg, b.lon_deg);
          if (d <= reach_m) gap.reachable_ports.push_back(p);
        }
        out.push_back(std::move(gap));
      }
    } else if (dt >= 600) {
      push(b.time_s, ImpliedSpeedKn(DistanceM(a, b), dt));
    }
    push(b.time_s, b.speed_knots);
  }
}

}  // namespace wk::detect
