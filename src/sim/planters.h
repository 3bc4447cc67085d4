// Private to src/sim/: scenario planters and the ground truth they write.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/world.h"

namespace wk::sim {

// One line of truth.jsonl (or near_misses.jsonl), sorted by `start_s`.
struct TruthEvent {
  int64_t start_s;
  std::string json;
};

// Adds scenario vessels to `world` whose plans contain the events of issue 4
// (encounter, loitering, gap, identity) and near-misses that must not be
// reported; appends their truth. Worlds shorter than three days get none.
void PlantScenarios(World& world, std::vector<TruthEvent>& truth,
                    std::vector<TruthEvent>& near_misses);

// Appends a port_call for every stay of every vessel that is heard inside a
// port's radius for at least an hour, and a port_sequence for every vessel
// with calls in a DPRK port and another country's port within 30 days.
void DerivePortCalls(const World& world, std::vector<TruthEvent>& truth);

// A port call as the plans make it (what DerivePortCalls writes as truth).
struct PlannedCall {
  uint32_t mmsi;
  std::string port;
  int64_t start, end;
};
std::vector<PlannedCall> PlannedPortCalls(const World& world);

// The refined-petroleum deliveries of issue 12 (src/sim/deliveries.cc): adds
// tankers that load at Vostochny and at sea (ship-to-ship in the Sea of Japan
// and the Yellow Sea) and deliver to DPRK ports, with their draughts, and
// decoys that must not count; appends the meetings' encounter truth to
// `truth` and the decoys to `deliveries`. Worlds shorter than three days get
// none.
void PlantDeliveries(World& world, std::vector<TruthEvent>& truth, std::vector<TruthEvent>& deliveries);
// Every delivery of the world by the ledger's rule (docs/cap-ledger.md),
// derived from the plans: each tanker's DPRK port calls whose previous stop,
// within 15 days, is a call at an oil terminal or a meeting with another
// tanker. Also gives every tanker without particulars its deadweight.
void DeriveDeliveries(World& world, std::vector<TruthEvent>& deliveries);
// particulars.csv: imo,deadweight_t,type,built,name for every vessel with a
// deadweight (all tankers, and the cargo decoy).
std::string ParticularsCsv(const World& world);

// A fictional list designating some of the world's ships (a DPRK tanker of a
// planted encounter, the renamed vessel, a foreign tanker by IMO, a bulk
// carrier by MMSI, and one ship that is never heard), in the UN Consolidated
// List XML layout (`xml`), and who is listed by what (`jsonl`, one line each:
// entry, name, imo, mmsi, why).
void WriteDesignations(const World& world, const std::vector<TruthEvent>& truth, std::string& xml,
                       std::string& jsonl);

}  // namespace wk::sim
