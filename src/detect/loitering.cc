#include "detect/detect.h"
#include "detect/internal.h"

namespace wk::detect {

// Loitering is a maximal run of consecutive positions each under
// `loitering_max_speed_kn` and at least `loitering_min_port_distance_m` from
// every port centre, with no silence over `loitering_max_silence_s`, whose
// first and last positions are at least `loitering_min_s` apart.
void FindLoitering(std::span<const Fix> track, const PortTable& ports, const Config& config,
                   std::vector<Loitering>& out) {
  size_t run_begin = 0;
  bool in_run = false;
  double max_speed = 0;
  auto close_run = [&](size_t run_end) {
    if (!in_run) return;
    in_run = false;
    const Fix& first = track[run_begin];
    const Fix& last = track[run_end - 1];
    if (last.time_s - first.time_s < config.loitering_min_s) return;
    Loitering l;
    l.mmsi = first.mmsi;
    l.start_s = first.time_s;
    l.end_s = last.time_s;
    l.positions = run_end - run_begin;
    l.max_speed_kn = max_speed;
    double lat = 0, lon = 0;
    for (size_t i = run_begin; i < run_end; ++i) {
      lat += track[i].lat_deg;
      lon += track[i].lon_deg;
    }
    l.lat_deg = lat / static_cast<double>(l.positions);
    l.lon_deg = lon / static_cast<double>(l.positions);
    for (size_t i = run_begin; i < run_end; ++i)
      l.max_drift_m = std::max(l.max_drift_m,
                               HaversineM(l.lat_deg, l.lon_deg, track[i].lat_deg, track[i].lon_deg));
    out.push_back(l);
  };
  for (size_t i = 0; i < track.size(); ++i) {
    const Fix& f = track[i];
    const double speed = internal::EffectiveSpeedKn(track, i);
    const bool slow = std::isfinite(speed) && speed < config.loitering_max_speed_kn;
    const bool offshore =
        slow && !ports.AnyWithin(f.lat_deg, f.lon_deg, config.loitering_min_port_distance_m);
    if (in_run && f.time_s - track[i - 1].time_s > config.loitering_max_silence_s) close_run(i);
    if (!(slow && offshore)) {
      close_run(i);
      continue;
    }
    if (!in_run) {
      in_run = true;
      run_begin = i;
      max_speed = 0;
    }
    max_speed = std::max(max_speed, speed);
  }
  close_run(track.size());
}

}  // namespace wk::detect
