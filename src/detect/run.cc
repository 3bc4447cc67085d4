// DetectAll: every detector over every vessel, in parallel.
#include <algorithm>

#include "detect/detect.h"

namespace wk::detect {
namespace {

void Append(Events& to, Events&& from) {
  auto move_all = [](auto& dst, auto& src) {
    dst.insert(dst.end(), std::make_move_iterator(src.begin()), std::make_move_iterator(src.end()));
  };
  move_all(to.port_calls, from.port_calls);
  move_all(to.encounters, from.encounters);
  move_all(to.gaps, from.gaps);
  move_all(to.loitering, from.loitering);
  move_all(to.mmsi_conflicts, from.mmsi_conflicts);
  move_all(to.identity_changes, from.identity_changes);
  move_all(to.invalid_identities, from.invalid_identities);
  move_all(to.port_sequences, from.port_sequences);
}

void DetectVessel(const tracks::Vessel& v, const PortTable& ports, const Config& config,
                  const FeedCoverage& coverage, Events& out) {
  if (!v.track.empty()) {
    const size_t calls_begin = out.port_calls.size();
    FindPortCalls(v.track, ports, config, out.port_calls);
    FindPortSequences(std::span<const PortCall>(out.port_calls).subspan(calls_begin), ports, config,
                      out.port_sequences);
    FindGaps(v.track, ports, config, coverage, out.gaps);
    FindLoitering(v.track, ports, config, out.loitering);
    FindMmsiConflicts(v.track, config, out.mmsi_conflicts);
  }
  FindIdentityChanges(v.statics, v.track, out.identity_changes);
  FindInvalidIdentity(v.mmsi, v.statics, v.track, out.invalid_identities);
}

}  // namespace

Events DetectAll(const TrackSet& tracks, std::span<const StaticInfo> statics,
                 const PortTable& ports, const Config& config) {
  const std::vector<tracks::Vessel> vessels = tracks::Vessels(tracks, statics);
  const FeedCoverage coverage = CoverageOf(tracks);

  // Work items: the encounter join (item 0: it spans all vessels) and the
  // vessels in chunks; the workers take them in turn.
  constexpr size_t kChunk = 256;
  const size_t chunks = (vessels.size() + kChunk - 1) / kChunk;
  std::vector<Events> results(chunks + 1);
  ParallelForChunks(chunks + 1, 1, WorkerThreads(), [&](size_t item, size_t, unsigned) {
    if (item == 0) {
      FindEncounters(tracks, ports, config, results[0].encounters);
      return;
    }
    const size_t begin = (item - 1) * kChunk;
    const size_t end = std::min(vessels.size(), begin + kChunk);
    for (size_t i = begin; i < end; ++i) DetectVessel(vessels[i], ports, config, coverage, results[item]);
  });

  Events all;
  for (Events& r : results) Append(all, std::move(r));
  return all;
}

}  // namespace wk::detect
