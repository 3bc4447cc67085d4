#include "detect/detect.h"

namespace wk::detect {

// The shuttle pattern: a chain of a vessel's consecutive port calls, each
// starting at most `port_sequence_max_s` after the previous one ends, with a
// call in a DPRK port and a call in another country's port. One event per
// maximal chain, with every port of it in call order.
void FindPortSequences(std::span<const PortCall> calls, const PortTable& ports,
                       const Config& config, std::vector<PortSequence>& out) {
  size_t begin = 0;
  while (begin < calls.size()) {
    size_t end = begin + 1;
    while (end < calls.size() && calls[end].start_s - calls[end - 1].end_s <= config.port_sequence_max_s)
      ++end;
    bool dprk = false, other = false;
    for (size_t i = begin; i < end; ++i) {
      const bool kp = ports.ports()[static_cast<size_t>(calls[i].port)].country == "KP";
      dprk = dprk || kp;
      other = other || !kp;
    }
    if (dprk && other) {
      PortSequence s;
      s.mmsi = calls[begin].mmsi;
      s.start_s = calls[begin].start_s;
      s.end_s = calls[end - 1].end_s;
      for (size_t i = begin; i < end; ++i) {
        s.ports.push_back(calls[i].port);
        s.calls.emplace_back(calls[i].start_s, calls[i].end_s);
      }
      out.push_back(std::move(s));
    }
    begin = end;
  }
}

}  // namespace wk::detect
