// Precision and recall of `watchkeeper detect` against the ground truth that
// `watchkeeper simulate` plants (truth.jsonl; src/sim/), on several seeds,
// clean and with 20% of messages dropped; and NMEA versus DMA CSV input.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <map>
#include <set>

#include "ais/ais.h"
#include "detect/detect.h"
#include "testing.h"

namespace wk::detect {
namespace {

using nlohmann::json;
using wk::testing::ReadFile;
using wk::testing::RunCli;
using wk::testing::SplitLines;
using wk::testing::TempDir;

struct Item {
  std::string type;  // "port_call", ..., "identity:<kind>"
  std::set<uint64_t> mmsis;
  std::string port, ports, field;
  int64_t start = 0, end = 0;
  bool timeless = false;  // invalid_identity: a property of the identity, not of a moment
};

int64_t Time(const json& j, const char* key) {
  if (!j.contains(key)) return INT64_MIN;
  return *ParseTimeMs(j[key].get<std::string>()) / 1000;
}

Item ItemOf(const json& j) {
  Item it;
  it.type = j["type"].get<std::string>();
  if (it.type == "identity") it.type += ":" + j["kind"].get<std::string>();
  it.mmsis.insert(j["mmsi"].get<uint64_t>());
  if (j.contains("other_mmsi")) it.mmsis.insert(j["other_mmsi"].get<uint64_t>());
  if (j.contains("port") && it.type == "port_call") it.port = j["port"];
  if (j.contains("ports")) it.ports = j["ports"].dump();
  if (j.contains("field")) it.field = j["field"];
  it.start = Time(j, "start");
  it.end = j.contains("end") ? Time(j, "end") : it.start;
  it.timeless = it.type == "identity:invalid_identity";
  return it;
}

bool Matches(const Item& t, const Item& d) {
  return t.type == d.type && t.mmsis == d.mmsis && t.port == d.port && t.ports == d.ports &&
         (t.timeless || (t.start <= d.end && d.start <= t.end));
}

std::vector<std::string> NmeaFiles(const std::string& dir) {
  std::vector<std::string> files;
  for (const auto& e : std::filesystem::directory_iterator(dir))
    if (e.path().extension() == ".nmea") files.push_back(e.path().string());
  std::sort(files.begin(), files.end());
  return files;
}

struct Score {
  size_t truths = 0, found = 0, detections = 0, correct = 0;
  std::vector<std::string> extras;
};

// Simulates one world, detects, and adds the per-type score to `total`.
void ScoreWorld(uint64_t seed, const std::vector<std::string>& noise, std::map<std::string, Score>& total) {
  TempDir dir;
  std::vector<std::string> sim = {"simulate", "--seed", std::to_string(seed), "--out", dir.File("w")};
  sim.insert(sim.end(), noise.begin(), noise.end());
  auto s = RunCli(sim);
  ASSERT_EQ(s.status, 0) << s.err;
  std::vector<std::string> args = {"detect", "--ports", dir.File("w/ports.csv")};
  for (const std::string& f : NmeaFiles(dir.File("w"))) args.push_back(f);
  auto d = RunCli(args);
  ASSERT_EQ(d.status, 0) << d.err;
  std::vector<Item> truth, got;
  for (const std::string& line : SplitLines(ReadFile(dir.File("w/truth.jsonl")))) truth.push_back(ItemOf(json::parse(line)));
  std::vector<json> raw;
  for (const std::string& line : SplitLines(d.out)) {
    raw.push_back(json::parse(line));
    got.push_back(ItemOf(raw.back()));
  }
  for (const Item& t : truth) {
    Score& x = total[t.type];
    ++x.truths;
    for (const Item& g : got)
      if (Matches(t, g)) {
        ++x.found;
        break;
      }
  }
  for (size_t i = 0; i < got.size(); ++i) {
    Score& x = total[got[i].type];
    ++x.detections;
    bool ok = false;
    for (const Item& t : truth) ok = ok || Matches(t, got[i]);
    if (ok) ++x.correct;
    else x.extras.push_back(raw[i].dump());
  }
}

void CheckScores(const std::vector<std::string>& noise, double minimum, const char* label) {
  std::map<std::string, Score> total;
  for (uint64_t seed : {1, 2, 3}) ScoreWorld(seed, noise, total);
  std::printf("simulator worlds (seeds 1-3), %s: type, truths, detections, precision, recall\n", label);
  for (auto& [type, s] : total) {
    const double precision = s.detections ? static_cast<double>(s.correct) / s.detections : 1.0;
    const double recall = s.truths ? static_cast<double>(s.found) / s.truths : 1.0;
    std::printf("  %-26s %4zu %4zu  %.3f  %.3f\n", type.c_str(), s.truths, s.detections, precision, recall);
    EXPECT_GT(s.truths, 0u) << "reported but never planted: " << type;
    EXPECT_GE(recall, minimum) << type;
    // Every type, invalid_identity included: the simulator's call signs come
    // from their flag's ITU series, so every finding must be planted.
    EXPECT_GE(precision, minimum) << type << ": first unplanted finding: "
                                  << (s.extras.empty() ? std::string() : s.extras.front());
  }
}

TEST(SimulatorScore, PerfectOnCleanWorlds) {
  CheckScores({"--drop", "0", "--corrupt", "0"}, 1.0, "clean");
}

TEST(SimulatorScore, AtLeast95PercentWithOneFifthOfMessagesDropped) {
  CheckScores({"--drop", "0.2"}, 0.95, "20% of messages dropped");
}

TEST(SimulatorScore, AtLeast95PercentWithJitterAndIrregularReporting) {
  CheckScores({"--drop", "0.2", "--jitter-m", "15", "--irregular"}, 0.95,
              "20% dropped, 15 m jitter, irregular reporting");
}

// The same simulated world as NMEA and rewritten as Danish Maritime Authority
// CSV gives the same position-based events (port calls, encounters, gaps,
// loitering, MMSI conflicts, port sequences).
TEST(SimulatorScore, NmeaAndDmaCsvGiveTheSameEvents) {
  TempDir dir;
  auto s = RunCli({"simulate", "--seed", "4", "--out", dir.File("w"), "--drop", "0.2"});
  ASSERT_EQ(s.status, 0) << s.err;
  std::string csv =
      "# Timestamp,Type of mobile,MMSI,Latitude,Longitude,Navigational status,ROT,SOG,COG,Heading,"
      "IMO,Callsign,Name,Ship type,Cargo type,Width,Length,Type of position fixing device,Draught,"
      "Destination,ETA,Data source type,A,B,C,D\n";
  ais::ReportSink sink;
  sink.position = [&](const ais::PositionReport& r) {
    if (r.time_ms == ais::kUnknownTime || !IsValidLatLon(r.lat_deg, r.lon_deg)) return;
    CivilTime c = ToCivil(r.time_ms / 1000);
    char line[400];
    char sog[16] = "";
    if (std::isfinite(r.speed_knots)) std::snprintf(sog, sizeof sog, "%.1f", static_cast<double>(r.speed_knots));
    std::snprintf(line, sizeof line,
                  "%02d/%02d/%04d %02d:%02d:%02d,%s,%u,%.7f,%.7f,Unknown value,,%s,,,Unknown,,,"
                  "Undefined,,,,GPS,,,,AIS,,,,\n",
                  c.day, c.month, c.year, c.hour, c.minute, c.second, r.type == 18 ? "Class B" : "Class A",
                  r.mmsi.value, r.lat_deg, r.lon_deg, sog);
    csv += line;
  };
  const std::vector<std::string> files = NmeaFiles(dir.File("w"));
  for (const std::string& f : files) ASSERT_TRUE(ais::ReadReports(f, sink).ok());
  wk::testing::WriteFile(dir.File("w.csv"), csv);

  std::vector<std::string> nmea_args = {"detect", "--ports", dir.File("w/ports.csv")};
  nmea_args.insert(nmea_args.end(), files.begin(), files.end());
  auto a = RunCli(nmea_args);
  auto b = RunCli({"detect", "--ports", dir.File("w/ports.csv"), dir.File("w.csv")});
  ASSERT_EQ(a.status, 0) << a.err;
  ASSERT_EQ(b.status, 0) << b.err;
  auto positional = [](const std::string& out) {
    std::vector<std::string> keep;
    for (const std::string& line : SplitLines(out)) {
      json j = json::parse(line);
      if (j["type"] == "identity" && j["kind"] != "mmsi_conflict") continue;  // from static reports
      keep.push_back(line);
    }
    return keep;
  };
  const auto from_nmea = positional(a.out);
  const auto from_csv = positional(b.out);
  EXPECT_GT(from_nmea.size(), 50u);
  EXPECT_EQ(from_nmea.size(), from_csv.size());
  // Same events, times and places; CSV's decimal degrees round the NMEA
  // 1/10000 minute by up to 5 mm, so metre figures may differ in the last digit.
  for (size_t i = 0; i < std::min(from_nmea.size(), from_csv.size()); ++i) {
    json x = json::parse(from_nmea[i]), y = json::parse(from_csv[i]);
    for (const char* k : {"lat", "lon"}) {
      ASSERT_NEAR(x[k].get<double>(), y[k].get<double>(), 1e-5) << from_nmea[i] << "\n" << from_csv[i];
      x.erase(k);
      y.erase(k);
    }
    x.erase("evidence");
    y.erase("evidence");
    if (x.contains("median_distance_m")) {
      ASSERT_NEAR(x["median_distance_m"].get<double>(), y["median_distance_m"].get<double>(), 0.2);
      x.erase("median_distance_m");
      y.erase("median_distance_m");
    }
    ASSERT_EQ(x, y) << "event " << i;  // stop at the first difference
  }
}

}  // namespace
}  // namespace wk::detect
