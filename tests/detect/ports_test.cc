#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "detect/detect.h"
#include "testing.h"
#include "track_helpers.h"

namespace wk::detect {
namespace {

using namespace wk::detect::testing;

TEST(PortTable, BuiltInHasEveryDprkPortAsHighRisk) {
  PortTable t = PortTable::BuiltIn();
  size_t kp = 0;
  for (const Port& p : t.ports()) {
    if (p.country == "KP") {
      ++kp;
      EXPECT_TRUE(p.high_risk) << p.locode;
    } else {
      EXPECT_FALSE(p.high_risk) << p.locode;
    }
    EXPECT_EQ(p.locode.size(), 5u) << p.locode;
    EXPECT_TRUE(IsValidLatLon(p.lat_deg, p.lon_deg)) << p.locode;
  }
  EXPECT_GE(kp, 10u);
  for (const char* code : {"KPNAM", "KPNJN", "KPCHO", "KPHGM", "KPWON", "KPHAE", "KPSGN", "KPSON",
                           "KPSNP", "RUVYP", "RUNJK", "RUVVO", "RUZAR", "RUPSE", "RUSKA", "SGSIN",
                           "HKHKG", "TWKHH", "KRPUS", "CNDLC", "JPKIJ"})
    EXPECT_EQ(PortNamed(t, code).locode, code);
}

TEST(PortTable, ContainingPicksThePortWhoseRadiusHoldsThePoint) {
  PortTable t = PortTable::BuiltIn();
  const Port& nampo = PortNamed(t, "KPNAM");
  int i = t.Containing(nampo.lat_deg + 0.01, nampo.lon_deg);
  ASSERT_GE(i, 0);
  EXPECT_EQ(t.ports()[i].locode, "KPNAM");
  EXPECT_EQ(t.Containing(kSeaLat, kSeaLon), -1);
  EXPECT_TRUE(t.AnyWithin(nampo.lat_deg + 0.05, nampo.lon_deg, 10000));
  EXPECT_FALSE(t.AnyWithin(kSeaLat, kSeaLon, 20000));
}

TEST(ParsePortsCsv, ReadsTheIssueLayoutWithAndWithoutRisk) {
  auto t = ParsePortsCsv(
      "locode,name,lat,lon,radius_km\nKPNAM,Nampo,38.7167,125.4,6\nRU VYP,Vostochny,42.75,133.08,5\n",
      "ports.csv");
  ASSERT_TRUE(t.ok()) << t.error().message;
  ASSERT_EQ(t->size(), 2u);
  EXPECT_TRUE(t->ports()[0].high_risk);
  EXPECT_EQ(t->ports()[1].locode, "RUVYP");
  EXPECT_FALSE(t->ports()[1].high_risk);

  auto r = ParsePortsCsv("KPNAM,Nampo,38.7167,125.4,6,normal\nRUVYP,\"Vostochny, Port\",42.75,133.08,5,high\n",
                         "ports.csv");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_FALSE(r->ports()[0].high_risk);
  EXPECT_TRUE(r->ports()[1].high_risk);
  EXPECT_EQ(r->ports()[1].name, "Vostochny, Port");
}

TEST(ParsePortsCsv, BadRowIsAnErrorWithItsLineNumber) {
  auto t = ParsePortsCsv("locode,name,lat,lon,radius_km\nKPNAM,Nampo,38.7,125.4,6\n\nXXABC,Bad,91,10,5\n",
                         "my-ports.csv");
  ASSERT_FALSE(t.ok());
  EXPECT_NE(t.error().message.find("my-ports.csv:4:"), std::string::npos) << t.error().message;
  EXPECT_NE(t.error().message.find("latitude"), std::string::npos);

  auto few = ParsePortsCsv("KPNAM,Nampo,38.7,125.4\n", "p.csv");
  ASSERT_FALSE(few.ok());
  EXPECT_NE(few.error().message.find("p.csv:1:"), std::string::npos);

  auto radius = ParsePortsCsv("KPNAM,Nampo,38.7,125.4,-1\n", "p.csv");
  ASSERT_FALSE(radius.ok());
  EXPECT_NE(radius.error().message.find("radius"), std::string::npos);

  auto risk = ParsePortsCsv("KPNAM,Nampo,38.7,125.4,5,maybe\n", "p.csv");
  ASSERT_FALSE(risk.ok());
  EXPECT_NE(risk.error().message.find("risk"), std::string::npos);
}

TEST(ParsePortsCsv, ReadsBackWhatFormatWrites) {
  PortTable b = PortTable::BuiltIn();
  auto t = ParsePortsCsv(FormatPortsCsv(b), "x");
  ASSERT_TRUE(t.ok()) << t.error().message;
  ASSERT_EQ(t->size(), b.size());
  for (size_t i = 0; i < b.size(); ++i) {
    EXPECT_EQ(t->ports()[i].locode, b.ports()[i].locode);
    EXPECT_EQ(t->ports()[i].high_risk, b.ports()[i].high_risk);
    EXPECT_NEAR(t->ports()[i].lat_deg, b.ports()[i].lat_deg, 1e-6);
  }
}

TEST(ImportPorts, ReadsTheWorldPortIndex) {
  WK_REQUIRE_SHARED("ports/WPI.csv");
  const std::string text = wk::testing::ReadFile(wk::testing::SharedData("ports/WPI.csv"));
  PortImportStats stats;
  auto t = ImportPorts(text, "WPI.csv", &stats);
  ASSERT_TRUE(t.ok()) << t.error().message;
  EXPECT_EQ(stats.rows, 3803u);
  EXPECT_GT(stats.imported, 3700u);
  const Port& nampo = PortNamed(*t, "KPNAM");
  EXPECT_EQ(nampo.name, "Nampo");
  EXPECT_NEAR(nampo.lat_deg, 38.716667, 1e-5);
  EXPECT_TRUE(nampo.high_risk);
  EXPECT_EQ(PortNamed(*t, "RUVYP").name, "Vostochnyy");
  // Ports without a UN/LOCODE keep their WPI number and country.
  const Port& sonbong = PortNamed(*t, "WPI60520");
  EXPECT_EQ(sonbong.country, "KP");
  EXPECT_TRUE(sonbong.high_risk);
  // And the result reads back as a --ports file.
  auto again = ParsePortsCsv(FormatPortsCsv(*t), "imported.csv");
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(again->size(), t->size());
}

TEST(ImportPorts, ReadsUnlocodeCodeList) {
  auto t = ImportPorts(
      "Change,Country,Location,Name,NameWoDiacritics,Subdivision,Status,Function,Date,IATA,Coordinates,Remarks\n"
      ",KP,NAM,Nampo,Nampo,,RL,1-------,0701,,3843N 12523E,\n"
      ",KP,PYO,Pyongyang,Pyongyang,,AI,---4----,0701,,3901N 12545E,\n"
      ",RU,VYP,Vostochnyy,Vostochnyy,PRI,AI,1-------,0701,,4245N 13304E,\n",
      "code-list.csv");
  ASSERT_TRUE(t.ok()) << t.error().message;
  ASSERT_EQ(t->size(), 2u);  // Pyongyang is an airport, not a port
  EXPECT_EQ(t->ports()[0].locode, "KPNAM");
  EXPECT_NEAR(t->ports()[0].lat_deg, 38 + 43 / 60.0, 1e-9);
  EXPECT_NEAR(t->ports()[0].lon_deg, 125 + 23 / 60.0, 1e-9);
  EXPECT_TRUE(t->ports()[0].high_risk);
}

TEST(ImportPorts, RejectsAnUnknownLayout) {
  auto t = ImportPorts("a,b,c\n1,2,3\n", "x.csv");
  ASSERT_FALSE(t.ok());
  EXPECT_NE(t.error().message.find("x.csv:1:"), std::string::npos);
}

TEST(ParseConfig, ReadsBackTheDefaultsFile) {
  Config d;
  auto c = ParseConfig(FormatConfig(d), "defaults");
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_EQ(c->encounter_max_distance_m, 500);
  EXPECT_EQ(c->encounter_min_s, 7200);
  EXPECT_EQ(c->gap_min_s, 43200);
  EXPECT_EQ(c->loitering_min_s, 28800);
  EXPECT_EQ(c->loitering_min_port_distance_m, 20000);
  EXPECT_EQ(c->port_call_min_s, 3600);
}

TEST(ParseConfig, SetsAValueAndRejectsUnknownKeysWithLineNumbers) {
  auto c = ParseConfig("# mine\nencounter.max_distance_m = 250  # tighter\n", "my.conf");
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->encounter_max_distance_m, 250);
  auto bad = ParseConfig("\n\nencounter.max_dist = 1\n", "my.conf");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("my.conf:3:"), std::string::npos);
  auto neg = ParseConfig("gap.min_s = -5\n", "my.conf");
  ASSERT_FALSE(neg.ok());
  EXPECT_NE(neg.error().message.find("my.conf:1:"), std::string::npos);
}

TEST(AppendGeoJson, IsAFeatureCollectionOfTracksAndEventPoints) {
  PortTable ports = PortTable::BuiltIn();
  const Port& nampo = PortNamed(ports, "KPNAM");
  TrackSet t = tracks::MakeTrackSet(Still(445000001, kT0, kT0 + 7200, 600, nampo.lat_deg, nampo.lon_deg));
  Events e = DetectAll(t, {}, ports, Config{});
  std::string out;
  AppendGeoJson(e, t, ports, out);
  auto j = nlohmann::json::parse(out);
  EXPECT_EQ(j["type"], "FeatureCollection");
  ASSERT_EQ(j["features"].size(), 2u);
  EXPECT_EQ(j["features"][0]["geometry"]["type"], "LineString");
  EXPECT_EQ(j["features"][0]["geometry"]["coordinates"].size(), 13u);
  EXPECT_EQ(j["features"][1]["geometry"]["type"], "Point");
  EXPECT_EQ(j["features"][1]["properties"]["type"], "port_call");
  EXPECT_EQ(j["features"][1]["properties"]["port"], "KPNAM");
  // GeoJSON is lon, lat.
  EXPECT_NEAR(j["features"][1]["geometry"]["coordinates"][0].get<double>(), nampo.lon_deg, 1e-6);
}

TEST(AppendJsonLines, EveryEventHasTypeMmsiStartEndPositionAndEvidence) {
  PortTable ports = PortTable::BuiltIn();
  const Port& nampo = PortNamed(ports, "KPNAM");
  auto f = Still(445000001, kT0, kT0 + 7200, 600, nampo.lat_deg, nampo.lon_deg);
  auto sea = Still(445000001, kT0 + 20 * 3600, kT0 + 30 * 3600, 600, kSeaLat, kSeaLon);
  f.insert(f.end(), sea.begin(), sea.end());
  auto other = HeardMeanwhile(kT0, kT0 + 30 * 3600);
  f.insert(f.end(), other.begin(), other.end());
  TrackSet t = tracks::MakeTrackSet(f);
  Events e = DetectAll(t, {}, ports, Config{});
  std::string out;
  AppendJsonLines(e, ports, out);
  auto lines = wk::testing::SplitLines(out);
  ASSERT_EQ(lines.size(), 3u);  // port call, gap, loitering
  for (const std::string& line : lines) {
    auto j = nlohmann::json::parse(line);
    for (const char* k : {"type", "mmsi", "start", "end", "lat", "lon", "evidence"})
      EXPECT_TRUE(j.contains(k)) << k << " in " << line;
    EXPECT_EQ(j["start"].get<std::string>().back(), 'Z');
  }
  EXPECT_EQ(nlohmann::json::parse(lines[0])["type"], "port_call");
  EXPECT_EQ(nlohmann::json::parse(lines[1])["type"], "gap");
  EXPECT_EQ(nlohmann::json::parse(lines[2])["type"], "loitering");
  std::string csv;
  AppendCsv(e, ports, csv);
  EXPECT_EQ(wk::testing::SplitLines(csv).size(), 4u);
  EXPECT_EQ(csv.rfind("type,kind,mmsi,other_mmsi,port,start,end,lat,lon,details\n", 0), 0u);
}

}  // namespace
}  // namespace wk::detect
