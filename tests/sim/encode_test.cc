// The AIS encoder checked against the reference peer: what we encode,
// gpsdecode (Debian gpsd-clients) must decode to the same fields.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "ais/ais.h"
#include "testing.h"

namespace wk::ais {
namespace {

using ::wk::testing::ReadFile;
using ::wk::testing::SplitLines;
using ::wk::testing::TempDir;
using ::wk::testing::WriteFile;

bool HaveGpsdecode() { return std::system("command -v gpsdecode >/dev/null 2>&1") == 0; }

// Runs `gpsdecode -s` over `nmea`; returns its JSON records, and its stderr.
std::vector<nlohmann::json> Gpsdecode(const std::string& nmea, std::string* err) {
  TempDir dir;
  WriteFile(dir.File("in.nmea"), nmea);
  std::string cmd = "gpsdecode -s < '" + dir.File("in.nmea") + "' > '" + dir.File("out.json") +
                    "' 2> '" + dir.File("err.txt") + "'";
  EXPECT_EQ(std::system(cmd.c_str()), 0);
  *err = ReadFile(dir.File("err.txt"));
  std::vector<nlohmann::json> records;
  for (const std::string& line : SplitLines(ReadFile(dir.File("out.json")))) {
    if (!line.empty()) records.push_back(nlohmann::json::parse(line));
  }
  return records;
}

// Decodes `nmea` with gpsdecode, which must print no error and one record
// per sent report; checks each record's type and MMSI and calls
// `check(report, record)`.
template <typename Report, typename Check>
void ForEachGpsdRecord(const std::string& nmea, const std::vector<Report>& sent, Check&& check) {
  std::string err;
  std::vector<nlohmann::json> got = Gpsdecode(nmea, &err);
  EXPECT_EQ(err, "");
  ASSERT_EQ(got.size(), sent.size());
  for (size_t i = 0; i < sent.size(); ++i) {
    SCOPED_TRACE(got[i].dump());
    EXPECT_EQ(got[i]["type"], sent[i].type);
    EXPECT_EQ(got[i]["mmsi"], sent[i].mmsi.value);
    check(sent[i], got[i]);
  }
}

double Quantise(double v, double step) { return std::round(v / step) * step; }

std::string RandomText(std::mt19937& rng, int max_len) {
  static constexpr char kChars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -./";
  std::uniform_int_distribution<int> len(1, max_len);
  std::uniform_int_distribution<int> pick(0, sizeof(kChars) - 2);
  std::string s;
  int n = len(rng);
  for (int i = 0; i < n; ++i) s.push_back(kChars[pick(rng)]);
  // gpsd trims trailing spaces; leading ones are kept by both.
  while (s.size() > 1 && s.back() == ' ') s.pop_back();
  if (s.empty() || s.front() == ' ') s[0] = 'X';
  return s;
}

TEST(EncodePosition, GpsdecodeReadsTheFieldsWeEncoded) {
  if (!HaveGpsdecode()) WK_SKIP_OR_FAIL("gpsdecode (Debian gpsd-clients) is not installed");
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> lat(-89.9, 89.9), lon(-179.9, 179.9);
  std::uniform_real_distribution<float> speed(0, 102), course(0, 359.9f);
  std::vector<PositionReport> sent;
  std::string nmea;
  for (int i = 0; i < 300; ++i) {
    PositionReport r;
    r.mmsi = Mmsi{static_cast<uint32_t>(200000000 + i * 1013)};
    r.type = i % 4 == 3 ? 18 : 1 + i % 3;
    r.time_ms = 1704067200000 + int64_t{i} * 7919000;
    r.lat_deg = lat(rng);
    r.lon_deg = lon(rng);
    r.speed_knots = i % 17 == 0 ? NAN : speed(rng);
    r.course_deg = i % 19 == 0 ? NAN : course(rng);
    r.heading_deg = i % 13 == 0 ? NAN : std::floor(course(rng));
    r.nav_status = r.type == 18 ? -1 : i % 16;
    EncodePosition(r, i % 2 ? "station-1" : "", nmea);
    sent.push_back(r);
  }
  ForEachGpsdRecord(nmea, sent, [](const PositionReport& r, const nlohmann::json& j) {
    EXPECT_NEAR(j["lat"].get<double>(), r.lat_deg, 1.0 / 600000);
    EXPECT_NEAR(j["lon"].get<double>(), r.lon_deg, 1.0 / 600000);
    if (std::isnan(r.speed_knots)) {
      // gpsd 3.22 prints "not available" as "nan" for types 1-3, scaled for 18.
      if (r.type == 18) {
        EXPECT_EQ(j["speed"], 102.3);
      } else {
        EXPECT_EQ(j["speed"], "nan");
      }
    } else {
      EXPECT_NEAR(j["speed"].get<double>(), Quantise(r.speed_knots, 0.1), 1e-6);
    }
    if (std::isnan(r.course_deg)) {
      EXPECT_EQ(j["course"], 360.0);
    } else {
      EXPECT_NEAR(j["course"].get<double>(), std::fmod(Quantise(r.course_deg, 0.1), 360), 1e-6);
    }
    EXPECT_EQ(j["heading"], std::isnan(r.heading_deg) ? 511 : static_cast<int>(r.heading_deg));
    EXPECT_EQ(j["second"], r.time_ms / 1000 % 60);
    if (r.type != 18) {
      EXPECT_EQ(j["status"], r.nav_status);
    }
  });
}

TEST(EncodeStatic, GpsdecodeReadsType5AndBothType24Parts) {
  if (!HaveGpsdecode()) WK_SKIP_OR_FAIL("gpsdecode (Debian gpsd-clients) is not installed");
  std::mt19937 rng(11);
  std::uniform_int_distribution<int> ship_type(0, 99), len(0, 300), beam(0, 40);
  std::vector<StaticReport> sent;
  std::string nmea;
  for (int i = 0; i < 200; ++i) {
    StaticReport r;
    // One MMSI per record so gpsd never merges type 24 halves.
    r.mmsi = Mmsi{static_cast<uint32_t>(273000000 + i * 7)};
    r.type = i % 3 == 0 ? 5 : 24;
    r.part = r.type == 24 ? (i % 2 ? 'A' : 'B') : 0;
    r.time_ms = 1704067200000 + int64_t{i} * 60000;
    r.imo = r.type == 5 ? 9000000 + static_cast<uint32_t>(i) * 37 : 0;
    r.name = RandomText(rng, 20);
    r.callsign = RandomText(rng, 7);
    r.destination = r.type == 5 ? RandomText(rng, 20) : "";
    r.ship_type = ship_type(rng);
    r.to_bow = len(rng);
    r.to_stern = len(rng);
    r.to_port = beam(rng);
    r.to_starboard = beam(rng);
    r.draught_m = r.type == 5 ? static_cast<float>(i % 200) / 10.0f : NAN;
    EncodeStatic(r, "s1", nmea);
    sent.push_back(r);
  }
  ForEachGpsdRecord(nmea, sent, [](const StaticReport& r, const nlohmann::json& j) {
    if (r.type == 24) {
      EXPECT_EQ(j["part"], std::string(1, r.part));
    }
    if (r.type == 5 || r.part == 'A') {
      EXPECT_EQ(j["shipname"], r.name);
    }
    if (r.type == 5 || r.part == 'B') {
      EXPECT_EQ(j["callsign"], r.callsign);
      EXPECT_EQ(j["shiptype"], r.ship_type);
      EXPECT_EQ(j["to_bow"], r.to_bow);
      EXPECT_EQ(j["to_stern"], r.to_stern);
      EXPECT_EQ(j["to_port"], r.to_port);
      EXPECT_EQ(j["to_starboard"], r.to_starboard);
    }
    if (r.type == 5) {
      EXPECT_EQ(j["imo"], r.imo);
      EXPECT_EQ(j["destination"], r.destination);
      EXPECT_NEAR(j["draught"].get<double>(), r.draught_m, 1e-4);
    }
  });
}

TEST(EncodeStatic, Type5SpansTwoSentencesWithOneSequenceId) {
  StaticReport r;
  r.mmsi = Mmsi{445000001};
  r.type = 5;
  r.time_ms = 1704067200000;
  r.name = "TEST";
  std::string nmea;
  EncodeStatic(r, "sim", 4, nmea);
  std::vector<std::string> lines = SplitLines(nmea);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_NE(lines[0].find("\\c:1704067200,s:sim*"), std::string::npos) << lines[0];
  EXPECT_NE(lines[0].find("!AIVDM,2,1,4,"), std::string::npos) << lines[0];
  EXPECT_NE(lines[1].find("!AIVDM,2,2,4,"), std::string::npos) << lines[1];
  // 424 bits = 71 symbols with 2 fill bits, carried by the last sentence.
  EXPECT_NE(lines[1].find(",2*"), std::string::npos) << lines[1];
}

}  // namespace
}  // namespace wk::ais
