#include "detect/detect.h"

namespace wk::detect {

// The shuttle pattern: two consecutive port calls of a vessel, one in a DPRK
// port and the other in another country's port, the second starting at most
// `port_sequence_max_s` after the first ends.
void FindPortSequences(std::span<const PortCall> calls, const PortTable& ports,
                       const Config& config, std::vector<PortSequence>& out) {
  for (size_t i = 1; i < calls.size(); ++i) {
    const PortCall& a = calls[i - 1];
    const PortCall& b = calls[i];
    const std::string& ca = ports.ports()[static_cast<size_t>(a.port)].country;
    const std::string& cb = ports.ports()[static_cast<size_t>(b.port)].country;
    if (ca == cb || (ca != "KP" && cb != "KP")) continue;
    if (b.start_s - a.end_s > config.port_sequence_max_s) continue;
    PortSequence s;
    s.mmsi = a.mmsi;
    s.start_s = a.start_s;
    s.end_s = b.end_s;
    s.ports = {a.port, b.port};
    s.calls = {{a.start_s, a.end_s}, {b.start_s, b.end_s}};
    out.push_back(std::move(s));
  }
}

}  // namespace wk::detect
