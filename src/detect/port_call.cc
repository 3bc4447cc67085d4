#include "detect/detect.h"

namespace wk::detect {

// A port call is a maximal run of consecutive positions inside one port's
// radius; it counts when its first and last positions are at least
// `port_call_min_s` apart. A position outside (or in another port) ends it.
void FindPortCalls(std::span<const Fix> track, const PortTable& ports, const Config& config,
                   std::vector<PortCall>& out) {
  int current = -1;
  size_t run_begin = 0;
  auto close_run = [&](size_t run_end) {  // [run_begin, run_end)
    if (current < 0) return;
    const Fix& first = track[run_begin];
    const Fix& last = track[run_end - 1];
    if (last.time_s - first.time_s >= config.port_call_min_s) {
      PortCall call;
      call.mmsi = first.mmsi;
      call.port = current;
      call.start_s = first.time_s;
      call.end_s = last.time_s;
      call.positions = run_end - run_begin;
      call.first = SampleOf(first);
      call.last = SampleOf(last);
      out.push_back(call);
    }
  };
  for (size_t i = 0; i < track.size(); ++i) {
    const int port = ports.Containing(track[i].lat_deg, track[i].lon_deg);
    if (port != current) {
      close_run(i);
      current = port;
      run_begin = i;
    }
  }
  close_run(track.size());
}

}  // namespace wk::detect
