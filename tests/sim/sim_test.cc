// The simulated world: deterministic, decodable by the reference decoder,
// at sea where ships should be, and moving like ships.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "detect/detect.h"
#include "sim/sim.h"
#include "sim/world.h"
#include "testing.h"
#include "tracks/tracks.h"

namespace wk::sim {
namespace {

using ::wk::testing::ReadFile;
using ::wk::testing::SharedData;
using ::wk::testing::SplitLines;
using ::wk::testing::TempDir;

Options Small(const std::string& dir) {
  Options o;
  o.seed = 42;
  o.vessels = 12;
  o.days = 2;
  o.out_dir = dir;
  return o;
}

// Every ship of the fleet broadcasts a call sign from its own flag's ITU
// series (Appendix 42, as detect reads it): Korean ships not from Germany's
// DA-DR, Russian not from Uzbekistan's UJ-UM or Ukraine's UR-UZ, Japanese not
// from Mongolia's JT-JV.
TEST(BuildWorld, CallSignsComeFromTheFlagsOwnItuSeries) {
  Options o;
  o.seed = 11;
  o.vessels = 600;
  o.days = 1;
  const World world = BuildWorld(o);
  std::set<std::string> flags;
  size_t checked = 0;
  for (const Plan& p : world.plans) {
    flags.insert(p.vessel.flag);
    for (const Identity& id : p.vessel.identities) {
      EXPECT_EQ(detect::CountryOfCallsign(id.callsign), p.vessel.flag)
          << id.callsign << " of MMSI " << id.mmsi.value;
      ++checked;
    }
  }
  EXPECT_GE(checked, 600u);
  EXPECT_EQ(flags.size(), 9u);  // every flag of the table drawn
}

TEST(Simulate, SameSeedGivesByteIdenticalFiles) {
  TempDir a, b, c;
  auto sa = Simulate(Small(a.path().string()));
  auto sb = Simulate(Small(b.path().string()));
  Options other = Small(c.path().string());
  other.seed = 43;
  auto sc = Simulate(other);
  ASSERT_TRUE(sa.ok() && sb.ok() && sc.ok());
  ASSERT_EQ(sa->files.size(), 2u);
  for (const char* name : {"ais-2024-01-01.nmea", "ais-2024-01-02.nmea", "vessels.jsonl",
                           "ports.csv"}) {
    std::string x = ReadFile(a.File(name));
    EXPECT_FALSE(x.empty()) << name;
    EXPECT_EQ(x, ReadFile(b.File(name))) << name;
  }
  EXPECT_NE(ReadFile(a.File("ais-2024-01-01.nmea")), ReadFile(c.File("ais-2024-01-01.nmea")));
}

TEST(Simulate, PlantsTheLedgersDeliveriesAndDecoysTheSameWayEachTime) {
  TempDir a, b;
  for (const TempDir* d : {&a, &b}) {
    Options o = Small(d->path().string());
    o.days = 3;
    ASSERT_TRUE(Simulate(o).ok());
  }
  for (const char* name : {"deliveries.jsonl", "particulars.csv", "truth.jsonl", "ais-2024-01-03.nmea"}) {
    const std::string x = ReadFile(a.File(name));
    EXPECT_FALSE(x.empty()) << name;
    EXPECT_EQ(x, ReadFile(b.File(name))) << name;
  }
  // The four planted deliveries (two from Vostochny, two ship-to-ship), each
  // to a DPRK port, and the four decoys.
  int terminal = 0, sts = 0;
  std::set<std::string> decoys;
  std::set<uint32_t> particulars;
  for (const std::string& line : SplitLines(ReadFile(a.File("particulars.csv"))))
    if (!line.empty() && line[0] != 'i') particulars.insert(static_cast<uint32_t>(std::stoul(line)));
  for (const std::string& line : SplitLines(ReadFile(a.File("deliveries.jsonl")))) {
    if (line.empty()) continue;
    const nlohmann::json j = nlohmann::json::parse(line);
    if (j["type"] == "decoy") {
      decoys.insert(j["kind"].get<std::string>());
      continue;
    }
    EXPECT_EQ(j["discharge"]["port"].get<std::string>().substr(0, 2), "KP");
    EXPECT_TRUE(particulars.count(j["imo"].get<uint32_t>())) << "no particulars for " << j["imo"];
    if (j["name"].get<std::string>().rfind("SIM OIL ", 0) != 0) continue;
    if (j["load"].contains("port")) {
      EXPECT_EQ(j["load"]["port"], "RUVYP");
      ++terminal;
    } else {
      ++sts;
    }
  }
  EXPECT_EQ(terminal, 2);
  EXPECT_EQ(sts, 2);
  EXPECT_EQ(decoys, (std::set<std::string>{"cargo_ship", "foreign_meeting", "loads_elsewhere", "no_loading"}));
}

TEST(Simulate, GpsdecodeDecodesEveryMessageWithoutErrors) {
  if (std::system("command -v gpsdecode >/dev/null 2>&1") != 0) WK_SKIP_OR_FAIL("no gpsdecode");
  TempDir dir;
  Options o = Small(dir.path().string());
  o.days = 1;
  o.corrupt = 0;
  auto s = Simulate(o);
  ASSERT_TRUE(s.ok()) << s.error().message;
  std::string cmd = "gpsdecode -s < '" + dir.File("ais-2024-01-01.nmea") + "' > '" +
                    dir.File("out.json") + "' 2> '" + dir.File("err.txt") + "'";
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  EXPECT_EQ(ReadFile(dir.File("err.txt")), "");
  uint64_t positions = 0, statics = 0;
  std::set<int> mmsis;
  for (const std::string& line : SplitLines(ReadFile(dir.File("out.json")))) {
    nlohmann::json j = nlohmann::json::parse(line);
    int type = j["type"];
    if (type == 1 || type == 18) ++positions;
    if (type == 5 || (type == 24 && j.contains("part"))) ++statics;
    mmsis.insert(j["mmsi"].get<int>());
  }
  EXPECT_EQ(positions, s->positions);
  EXPECT_GE(statics, s->static_reports);  // a type 24 message is two records
  EXPECT_EQ(mmsis.size(), 12u);
}

TEST(Simulate, CorruptedLinesFailTheirChecksumAndNothingElse) {
  if (std::system("command -v gpsdecode >/dev/null 2>&1") != 0) WK_SKIP_OR_FAIL("no gpsdecode");
  TempDir dir;
  Options o = Small(dir.path().string());
  o.days = 1;
  o.corrupt = 0.01;
  o.drop = 0;
  auto s = Simulate(o);
  ASSERT_TRUE(s.ok());
  EXPECT_GT(s->corrupted, 10u);
  std::string cmd = "gpsdecode -s < '" + dir.File("ais-2024-01-01.nmea") + "' 2>/dev/null | wc -l > '" +
                    dir.File("n.txt") + "'";
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  uint64_t decoded = std::stoull(ReadFile(dir.File("n.txt")));
  // Each corrupted line costs its message; type 24 decodes to two records.
  EXPECT_LT(decoded, s->positions + 2 * s->static_reports);
  EXPECT_GE(decoded + s->corrupted, s->positions + s->static_reports);
}

TEST(Simulate, ShipsMoveLikeShips) {
  TempDir dir;
  Options o = Small(dir.path().string());
  o.vessels = 30;
  o.days = 2;
  o.drop = 0;
  o.corrupt = 0;
  auto s = Simulate(o);
  ASSERT_TRUE(s.ok());
  auto traffic = tracks::ReadTraffic(s->files);
  ASSERT_TRUE(traffic.ok()) << traffic.error().message;
  const tracks::TrackSet& tracks = traffic->tracks;
  ASSERT_EQ(tracks.size(), 30u);
  std::map<uint32_t, nlohmann::json> fleet;
  for (const std::string& line : SplitLines(ReadFile(dir.File("vessels.jsonl"))))
    if (!line.empty()) {
      nlohmann::json j = nlohmann::json::parse(line);
      fleet[j["mmsi"].get<uint32_t>()] = j;
    }
  std::map<std::string, std::pair<double, double>> kind_speed;  // kind -> (min, max) of cruise
  for (size_t ti = 0; ti < tracks.size(); ++ti) {
    const Mmsi mmsi = tracks.mmsi(ti);
    const std::span<const tracks::Fix> fixes = tracks.track(ti);
    ASSERT_TRUE(fleet.count(mmsi.value)) << mmsi.value;
    const nlohmann::json& v = fleet[mmsi.value];
    std::string kind = v["kind"];
    double cruise = v["cruise_knots"];
    if (kind == "tanker") {
      EXPECT_TRUE(cruise >= 10 && cruise <= 13) << cruise;
    }
    if (kind == "bulk") {
      EXPECT_TRUE(cruise >= 11 && cruise <= 14) << cruise;
    }
    if (kind == "container") {
      EXPECT_TRUE(cruise >= 16 && cruise <= 20) << cruise;
    }
    size_t jumps = 0;
    int64_t longest_silence = 0;
    for (size_t i = 1; i < fixes.size(); ++i) {
      const tracks::Fix& a = fixes[i - 1];
      const tracks::Fix& b = fixes[i];
      int64_t dt = b.time_s - a.time_s;
      longest_silence = std::max(longest_silence, dt);
      double knots = HaversineM(a.lat_deg, a.lon_deg, b.lat_deg, b.lon_deg) /
                     kMetersPerNauticalMile / (std::max<int64_t>(dt, 1) / 3600.0);
      if (dt >= 20 && knots > 25) ++jumps;
    }
    EXPECT_EQ(jumps, 0u) << mmsi.value;
    // Class A: every 30 s under way, 3 min moored; class B: 30 s / 3 min.
    EXPECT_LE(longest_silence, 190) << mmsi.value;
    EXPECT_GT(fixes.size(), 2 * 86400 / 190);
  }
}

// Land from Natural Earth 1:10m, bucketed by latitude for a fast
// even-odd ray test.
class Land {
 public:
  explicit Land(const std::string& geojson_path) {
    std::ifstream in(geojson_path);
    nlohmann::json g = nlohmann::json::parse(in);
    for (const auto& f : g["features"]) {
      const auto& geom = f["geometry"];
      auto add_polygon = [&](const nlohmann::json& poly) {
        for (const auto& ring : poly) {
          for (size_t i = 1; i < ring.size(); ++i) {
            Edge e{ring[i - 1][0], ring[i - 1][1], ring[i][0], ring[i][1]};
            double lo = std::min(e.y0, e.y1), hi = std::max(e.y0, e.y1);
            if (hi < kLat0 || lo > kLat1) continue;
            for (int b = Band(lo); b <= Band(hi); ++b) bands_[b].push_back(e);
          }
        }
      };
      if (geom["type"] == "Polygon") add_polygon(geom["coordinates"]);
      if (geom["type"] == "MultiPolygon")
        for (const auto& poly : geom["coordinates"]) add_polygon(poly);
    }
  }
  bool Contains(double lat, double lon) const {
    bool inside = false;
    for (const Edge& e : bands_[Band(lat)]) {
      if ((e.y0 > lat) != (e.y1 > lat) &&
          lon < (e.x1 - e.x0) * (lat - e.y0) / (e.y1 - e.y0) + e.x0)
        inside = !inside;
    }
    return inside;
  }

 private:
  static constexpr double kLat0 = 30, kLat1 = 46, kStep = 0.05;
  static int Band(double lat) {
    return std::clamp(static_cast<int>((lat - kLat0) / kStep), 0, kBands - 1);
  }
  static constexpr int kBands = static_cast<int>((kLat1 - kLat0) / kStep) + 1;
  struct Edge {
    double x0, y0, x1, y1;
  };
  std::vector<Edge> bands_[kBands];
};

TEST(SeaRoute, LanesBetweenAllPortsStayAtSea) {
  WK_REQUIRE_SHARED("geo/ne_10m_land_worldatlas.geojson");
  Land land(SharedData("geo/ne_10m_land_worldatlas.geojson"));
  EXPECT_TRUE(land.Contains(39.0, 127.0)) << "the middle of North Korea is land";
  EXPECT_FALSE(land.Contains(37.0, 124.5)) << "the Yellow Sea is sea";
  // Natural Earth 1:10m does not resolve harbour channels and river mouths
  // (Songrim lies up the Taedong, Qingdao inside Jiaozhou Bay's 3 km mouth),
  // so points within 12 km of a port are not tested.
  constexpr double kHarbourM = 12000;
  std::set<std::pair<double, double>> tested_starts;
  size_t routes = 0, points = 0;
  for (const Port& a : Ports()) {
    for (const Port& b : Ports()) {
      if (a.locode >= b.locode) continue;
      std::vector<LatLon> route = SeaRoute(a.locode, b.locode);
      ASSERT_GE(route.size(), 2u) << a.locode << "-" << b.locode;
      ++routes;
      for (size_t i = 1; i < route.size(); ++i) {
        const LatLon& p = route[i - 1];
        const LatLon& q = route[i];
        if (!tested_starts.insert({p.lat_deg * 1000 + q.lat_deg, p.lon_deg * 1000 + q.lon_deg})
                 .second)
          continue;
        double len = HaversineM(p.lat_deg, p.lon_deg, q.lat_deg, q.lon_deg);
        int n = std::max(2, static_cast<int>(len / 500));
        for (int k = 1; k < n; ++k) {
          double lat = p.lat_deg + (q.lat_deg - p.lat_deg) * k / n;
          double lon = p.lon_deg + (q.lon_deg - p.lon_deg) * k / n;
          bool near_port = false;
          for (const Port& port : Ports())
            near_port |= HaversineM(lat, lon, port.lat_deg, port.lon_deg) < kHarbourM;
          if (near_port) continue;
          ++points;
          EXPECT_FALSE(land.Contains(lat, lon))
              << a.locode << "-" << b.locode << " crosses land at " << lat << "," << lon;
        }
      }
    }
  }
  EXPECT_EQ(routes, Ports().size() * (Ports().size() - 1) / 2);
  EXPECT_GT(points, 5000u);
}

TEST(Simulate, CliWritesTheWorldAndASummary) {
  TempDir dir;
  auto run = ::wk::testing::RunCli({"simulate", "--seed", "3", "--vessels", "4", "--days", "1",
                                    "--out", dir.File("w"), "--drop", "0.2"});
  ASSERT_EQ(run.status, 0) << run.err;
  nlohmann::json s = nlohmann::json::parse(run.out);
  EXPECT_EQ(s["vessels"], 4);
  EXPECT_GT(s["dropped"].get<double>(), 0.15 * (s["positions"].get<double>() + s["dropped"].get<double>()));
  EXPECT_TRUE(std::filesystem::exists(dir.File("w/ais-2024-01-01.nmea")));
  EXPECT_EQ(SplitLines(ReadFile(dir.File("w/vessels.jsonl"))).size(), 4u);
  auto bad = ::wk::testing::RunCli({"simulate", "--out", dir.File("x"), "--drop", "1.5"});
  EXPECT_EQ(bad.status, 2);
}

}  // namespace
}  // namespace wk::sim

namespace wk::sim {
namespace {

TEST(Simulate, DmaCsvCarriesTheSamePositionsAsTheNmea) {
  TempDir dir;
  Options o = Small(dir.path().string());
  o.days = 1;
  o.format = Format::kBoth;
  o.corrupt = 0.002;
  auto s = Simulate(o);
  ASSERT_TRUE(s.ok());
  ASSERT_EQ(s->files.size(), 2u);
  std::vector<std::string> nmea = {dir.File("ais-2024-01-01.nmea")};
  std::vector<std::string> csv = {dir.File("ais-2024-01-01.csv")};
  EXPECT_EQ(SplitLines(ReadFile(csv[0]))[0].substr(0, 25), "# Timestamp,Type of mobil");
  auto a = tracks::ReadTraffic(nmea);
  auto b = tracks::ReadTraffic(csv);
  ASSERT_TRUE(a.ok() && b.ok());
  ASSERT_EQ(a->tracks.size(), b->tracks.size());
  size_t total = 0;
  for (size_t i = 0; i < a->tracks.size(); ++i) {
    const std::span<const tracks::Fix> x = a->tracks.track(i);
    const std::span<const tracks::Fix> y = b->tracks.track(i);
    ASSERT_EQ(a->tracks.mmsi(i), b->tracks.mmsi(i));
    ASSERT_EQ(x.size(), y.size()) << a->tracks.mmsi(i).value;
    for (size_t k = 0; k < x.size(); ++k) {
      EXPECT_EQ(x[k].time_s, y[k].time_s);
      EXPECT_NEAR(x[k].lat_deg, y[k].lat_deg, 1e-6);
      EXPECT_NEAR(x[k].lon_deg, y[k].lon_deg, 1e-6);
      EXPECT_FLOAT_EQ(x[k].speed_knots, y[k].speed_knots);
    }
    total += x.size();
  }
  EXPECT_GT(total, 10000u);
}

}  // namespace
}  // namespace wk::sim
