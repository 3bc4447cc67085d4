// Precision and recall of every detector on hand-planted worlds (several
// seeds, clean and with 20% of messages dropped), and NMEA versus Danish
// Maritime Authority CSV input giving the same events.
#include <gtest/gtest.h>

#include <cstdio>
#include <map>
#include <set>

#include "ais/ais.h"
#include "detect/detect.h"
#include "planted_world.h"
#include "testing.h"

namespace wk::detect {
namespace {

using testing::Truth;
using testing::World;
using testing::WorldBuilder;
using testing::WorldOptions;

const PortTable& Ports() {
  static const PortTable ports = PortTable::BuiltIn();
  return ports;
}

// Detected events in the same shape as the truth.
std::vector<Truth> AsTruth(const Events& e, const PortTable& ports) {
  std::vector<Truth> out;
  for (const PortCall& x : e.port_calls)
    out.push_back({"port_call", x.mmsi.value, 0, ports.ports()[x.port].locode, x.start_s, x.end_s});
  for (const Encounter& x : e.encounters)
    out.push_back({"encounter", x.mmsi.value, x.other_mmsi.value, "", x.start_s, x.end_s});
  for (const Gap& x : e.gaps) out.push_back({"gap", x.mmsi.value, 0, "", x.before.time_s, x.after.time_s});
  for (const Loitering& x : e.loitering) out.push_back({"loitering", x.mmsi.value, 0, "", x.start_s, x.end_s});
  auto identity = [&](const auto& events) {
    for (const auto& x : events)
      out.push_back({"identity:" + std::string(x.kKind), x.mmsi.value, 0, "", x.start_s, x.end_s});
  };
  identity(e.mmsi_conflicts);
  identity(e.identity_changes);
  identity(e.invalid_identities);
  for (const PortSequence& x : e.port_sequences)
    out.push_back({"port_sequence", x.mmsi.value, 0, "", x.start_s, x.end_s});
  return out;
}

bool Matches(const Truth& a, const Truth& b) {
  return a.type == b.type && a.mmsi == b.mmsi && a.other == b.other && a.port == b.port &&
         a.start_s <= b.end_s && b.start_s <= a.end_s;
}

struct Score {
  size_t truths = 0, found = 0, detections = 0, correct = 0;
  double precision() const { return detections ? static_cast<double>(correct) / detections : 1.0; }
  double recall() const { return truths ? static_cast<double>(found) / truths : 1.0; }
};

std::map<std::string, Score> ScoreWorld(const World& world, const Events& events) {
  std::map<std::string, Score> s;
  const std::vector<Truth> got = AsTruth(events, Ports());
  for (const Truth& t : world.truth) {
    Score& x = s[t.type];
    ++x.truths;
    for (const Truth& g : got)
      if (Matches(t, g)) {
        ++x.found;
        break;
      }
  }
  for (const Truth& g : got) {
    Score& x = s[g.type];
    ++x.detections;
    for (const Truth& t : world.truth)
      if (Matches(t, g)) {
        ++x.correct;
        break;
      }
  }
  return s;
}

Events Detect(const World& w) {
  std::vector<StaticInfo> statics = w.statics;
  tracks::SortStatics(statics);
  return DetectAll(tracks::MakeTrackSet(w.fixes), statics, Ports(), Config{});
}

void CheckScores(double drop, double minimum) {
  std::map<std::string, Score> total;
  for (uint64_t seed : {1, 2, 3, 4, 5}) {
    WorldOptions o;
    o.seed = seed;
    o.drop = drop;
    World w = WorldBuilder(Ports(), o).Build();
    for (auto& [type, s] : ScoreWorld(w, Detect(w))) {
      total[type].truths += s.truths;
      total[type].found += s.found;
      total[type].detections += s.detections;
      total[type].correct += s.correct;
    }
  }
  std::printf("drop %.0f%%: type, truths, detections, precision, recall\n", drop * 100);
  for (const char* type : {"port_call", "encounter", "gap", "loitering", "identity:mmsi_conflict",
                           "identity:identity_change", "port_sequence"}) {
    const Score& s = total[type];
    std::printf("  %-26s %4zu %4zu  %.3f  %.3f\n", type, s.truths, s.detections, s.precision(),
                s.recall());
    EXPECT_GT(s.truths, 0u) << type;
    EXPECT_GE(s.precision(), minimum) << type;
    EXPECT_GE(s.recall(), minimum) << type;
  }
  for (auto& [type, s] : total) EXPECT_GT(s.truths, 0u) << "unplanted event type reported: " << type;
}

TEST(DetectorScore, PerfectOnCleanPlantedWorlds) { CheckScores(0.0, 1.0); }

TEST(DetectorScore, AtLeast95PercentWithOneFifthOfMessagesDropped) { CheckScores(0.2, 0.95); }

// Writes the world as NMEA (tag blocks) and as DMA CSV, reads both back and
// compares the events.
TEST(DetectorScore, NmeaAndDmaCsvInputGiveTheSameEvents) {
  WorldOptions o;
  o.seed = 7;
  o.drop = 0.2;
  o.scenarios = 1;
  World w = WorldBuilder(Ports(), o).Build();
  std::sort(w.fixes.begin(), w.fixes.end(), [](const Fix& a, const Fix& b) { return a.time_s < b.time_s; });
  std::string nmea;
  std::string csv =
      "# Timestamp,Type of mobile,MMSI,Latitude,Longitude,Navigational status,ROT,SOG,COG,Heading,"
      "IMO,Callsign,Name,Ship type,Cargo type,Width,Length,Type of position fixing device,Draught,"
      "Destination,ETA,Data source type,A,B,C,D\n";
  // Static reports go out at the time of a position (DMA rows carry both).
  std::map<std::pair<uint32_t, int64_t>, const StaticInfo*> statics;
  for (const StaticInfo& s : w.statics) statics[{s.mmsi.value, s.time_s}] = &s;
  for (const Fix& f : w.fixes) {
    ais::PositionReport r;
    r.mmsi = f.mmsi;
    r.type = 1;
    r.time_ms = f.time_s * 1000;
    // Both encodings hold 1/10000 minute exactly when printed with 7 decimals.
    r.lat_deg = std::round(f.lat_deg * 600000) / 600000;
    r.lon_deg = std::round(f.lon_deg * 600000) / 600000;
    r.speed_knots = std::round(f.speed_knots * 10) / 10;
    r.course_deg = 0;
    ais::EncodePosition(r, "t", nmea);
    auto it = statics.find({f.mmsi.value, f.time_s});
    std::string imo, name;
    if (it != statics.end()) {
      ais::StaticReport s;
      s.mmsi = f.mmsi;
      s.type = 5;
      s.time_ms = r.time_ms;
      s.imo = it->second->imo;
      s.name = it->second->name;
      ais::EncodeStatic(s, "t", nmea);
      imo = std::to_string(s.imo);
      name = s.name;
    }
    CivilTime c = ToCivil(f.time_s);
    char line[512];
    std::snprintf(line, sizeof line,
                  "%02d/%02d/%04d %02d:%02d:%02d,Class A,%u,%.7f,%.7f,Under way using engine,,%.1f,0.0,,%s,,%s,"
                  "Cargo,,,,GPS,,,,AIS,,,,\n",
                  c.day, c.month, c.year, c.hour, c.minute, c.second, f.mmsi.value, r.lat_deg, r.lon_deg,
                  static_cast<double>(r.speed_knots), imo.empty() ? "Unknown" : ("IMO" + imo).c_str(),
                  name.c_str());
    csv += line;
  }
  wk::testing::TempDir dir;
  wk::testing::WriteFile(dir.File("w.nmea"), nmea);
  wk::testing::WriteFile(dir.File("w.csv"), csv);
  auto run = [&](const std::string& path) {
    auto traffic = tracks::ReadTraffic(std::vector<std::string>{path});
    EXPECT_TRUE(traffic.ok());
    std::string out;
    AppendJsonLines(DetectAll(traffic->tracks, traffic->statics, Ports(), Config{}), Ports(), out);
    return out;
  };
  const std::string a = run(dir.File("w.nmea"));
  const std::string b = run(dir.File("w.csv"));
  EXPECT_GT(wk::testing::SplitLines(a).size(), 10u);
  EXPECT_EQ(a, b);
}

}  // namespace
}  // namespace wk::detect
