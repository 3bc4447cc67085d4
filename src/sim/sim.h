// sim: a deterministic synthetic AIS world around the Korean peninsula and
// the Russian Far East. Ships sail between real ports along sea lanes that
// avoid land, report at realistic intervals, broadcast static data, and pass
// through a noisy receiver; planters add scenario segments (later: evasion
// events with their ground truth).
//
// Example:
//   sim::Options o;  o.seed = 7;  o.vessels = 60;  o.days = 3;  o.out_dir = "demo-out";
//   auto summary = sim::Simulate(o);   // demo-out/ais-2024-01-01.nmea, ..., vessels.jsonl
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/core.h"

namespace wk::sim {

struct LatLon {
  double lat_deg, lon_deg;
};

// A port of the simulated world: UN/LOCODE (as in the NGA World Port Index),
// name, ISO country, the berth the simulator moors ships at, a radius that
// contains its berths and anchorage, and whether it is high-risk (DPRK).
struct Port {
  std::string_view locode, name, country;
  double lat_deg, lon_deg;
  double radius_km;
  bool high_risk;
};

// The built-in ports, typed in by hand from the World Port Index (positions
// moved by at most 2.6 km onto navigable water where WPI's point is ashore).
std::span<const Port> Ports();
const Port* FindPort(std::string_view locode);

// The sea lane between two ports: a polyline from one berth to the other over
// a hand-made graph of sea waypoints (shortest path by great-circle length).
// Empty when either LOCODE is unknown.
std::vector<LatLon> SeaRoute(std::string_view from_locode, std::string_view to_locode);

enum class Format { kNmea, kDmaCsv, kBoth };

struct Options {
  uint64_t seed = 1;
  int vessels = 60;
  int days = 3;
  std::string out_dir;
  int64_t start_s = 1704067200;  // 2024-01-01T00:00:00Z
  // Sampling of class A positions while underway (real transponders send
  // every 2-10 s; the world keeps one report per interval).
  int underway_interval_s = 30;
  // Receiver noise: fraction of messages lost, fraction of lines corrupted
  // (one payload character changed, so the checksum fails), reception-time
  // jitter, position noise, and irregular reporting intervals.
  double drop = 0.02;
  double corrupt = 0.0005;
  int time_jitter_s = 2;
  double position_jitter_m = 0;
  bool irregular = false;
  Format format = Format::kNmea;
  std::string station = "wk-sim";
  // Plant the events of issue 4 and near-misses (worlds of 3 days or more).
  bool plant_events = true;
};

struct Summary {
  int vessels = 0;
  uint64_t positions = 0;       // position reports written
  uint64_t static_reports = 0;  // static messages written
  uint64_t dropped = 0;
  uint64_t corrupted = 0;
  uint64_t lines = 0;
  uint64_t events = 0;       // lines of truth.jsonl
  uint64_t near_misses = 0;  // lines of near_misses.jsonl
  std::vector<std::string> files;
};

// Writes the world to options.out_dir (created if absent): ais-YYYY-MM-DD.nmea
// per day, vessels.jsonl (one line per vessel: mmsi, imo, name, call sign,
// ship type, class, kind, flag, speed), ports.csv (locode,name,lat,lon,
// radius_km,risk), truth.jsonl (the events a detector must report; see
// docs/simulate.md), near_misses.jsonl (planted look-alikes it must not
// report), and designations.xml with designations.jsonl (a fictional list,
// in the UN XML layout, designating some of the world's ships). The same options give byte-identical files.
Result<Summary> Simulate(const Options& options);

std::string SummaryJson(const Summary& summary);

}  // namespace wk::sim
