// `watchkeeper ais decode` end to end: formats, statistics, strict mode and
// the two CSV layouts, on the real captures.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "ais/ais.h"
#include "sentences.h"
#include "testing.h"

namespace wk::ais {
namespace {

using namespace ::wk::testing;
using ::wk::testing::ReadFile;  // not core's wk::ReadFile
using nlohmann::json;

const std::string kType1Line = std::string(kType1) + "\n";

std::vector<std::string> NonEmptyLines(const std::string& text) {
  std::vector<std::string> out;
  for (const std::string& l : SplitLines(text)) {
    if (!l.empty()) out.push_back(l);
  }
  return out;
}

TEST(AisDecodeCli, JsonLinesFromStdinAndFiles) {
  WK_REQUIRE_SHARED("ais/gpsd-regress/sample.aivdm");
  auto r = RunCli({"ais", "decode"}, kType1Line);
  EXPECT_EQ(r.status, 0) << r.err;
  ASSERT_EQ(NonEmptyLines(r.out).size(), 1u);
  EXPECT_EQ(json::parse(NonEmptyLines(r.out)[0])["mmsi"], 371798000);

  auto f = RunCli({"ais", "decode", SharedData("ais/gpsd-regress/sample.aivdm"), "-"}, kType1Line);
  EXPECT_EQ(f.status, 0) << f.err;
  auto lines = NonEmptyLines(f.out);
  ASSERT_EQ(lines.size(), 103u);  // 102 messages in the file, then stdin's
  for (const auto& l : lines) {
    json j = json::parse(l);
    EXPECT_EQ(j["class"], "AIS");
    EXPECT_TRUE(j.contains("type") && j.contains("mmsi"));
    EXPECT_FALSE(j.contains("device"));
  }
}

TEST(AisDecodeCli, StatsOnStderrAndFormatNonePrintsNothing) {
  WK_REQUIRE_SHARED("ais/dma-aislib/small_cb_example.txt");
  auto r = RunCli({"ais", "decode", "--format", "none", "--stats",
                   SharedData("ais/dma-aislib/small_cb_example.txt")});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("lines: 27"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("messages: 11"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("type 1: "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("bad checksums: 0"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("malformed lines: 0"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("incomplete multi-part messages: 1"), std::string::npos) << r.err;
}

TEST(AisDecodeCli, StrictStopsAtTheFirstBadLineWithFileAndLine) {
  TempDir dir;
  const std::string path = dir.File("bad.nmea");
  std::string bad = kType1Line;
  bad[bad.size() - 2] = 'B';  // wrong checksum on line 2
  WriteFile(path, kType1Line + bad + kType1Line);
  auto lax = RunCli({"ais", "decode", path});
  EXPECT_EQ(lax.status, 0);
  EXPECT_EQ(NonEmptyLines(lax.out).size(), 2u);
  auto strict = RunCli({"ais", "decode", "--strict", path});
  EXPECT_EQ(strict.status, 1);
  EXPECT_EQ(NonEmptyLines(strict.out).size(), 1u);  // what came before the bad line
  EXPECT_NE(strict.err.find(path + ":2: bad checksum"), std::string::npos) << strict.err;
  auto malformed = RunCli({"ais", "decode", "--strict", "-"}, "hello\n");
  EXPECT_EQ(malformed.status, 1);
  EXPECT_NE(malformed.err.find("stdin:1: no NMEA sentence"), std::string::npos) << malformed.err;
}

TEST(AisDecodeCli, UnreadableFileAndBadUsage) {
  auto missing = RunCli({"ais", "decode", "/nonexistent.nmea"});
  EXPECT_EQ(missing.status, 1);
  EXPECT_NE(missing.err.find("/nonexistent.nmea"), std::string::npos);
  auto usage = RunCli({"ais", "decode", "--format", "xml"});
  EXPECT_EQ(usage.status, 2);
}

TEST(AisDecodeCli, CsvPrintsPositionsThenStaticData) {
  WK_REQUIRE_SHARED("ais/libais/typeexamples.nmea");
  auto r = RunCli({"ais", "decode", "--format", "csv", SharedData("ais/libais/typeexamples.nmea")});
  EXPECT_EQ(r.status, 0) << r.err;
  auto lines = SplitLines(r.out);
  ASSERT_GT(lines.size(), 5u);
  EXPECT_EQ(lines[0], "time,mmsi,type,lat,lon,speed_knots,course_deg,heading_deg,nav_status");
  EXPECT_EQ(lines[2], "2012-01-01T05:01:00Z,367033650,1,42.798550,-70.346905,8.6,35.9,,0");
  size_t blank = 0;
  while (blank < lines.size() && !lines[blank].empty()) ++blank;
  ASSERT_LT(blank + 2, lines.size());
  EXPECT_EQ(lines[blank + 1],
            "time,mmsi,type,part,imo,name,callsign,ship_type,to_bow,to_stern,to_port,"
            "to_starboard,draught_m,destination");
  EXPECT_EQ(lines[blank + 2],
            "2012-01-01T05:01:05Z,249190000,5,,9383663,RUTH THERESA,9HMQ9,80,78,23,1,17,7.8,"
            "\"BOSTON,USA\"");
}

TEST(AisDecodeCli, DanishMaritimeAuthorityCsvWithPandasIndex) {
  WK_REQUIRE_SHARED("ais/csv/mobiml_test_aisdk_20180208_sample.csv");
  auto r = RunCli({"ais", "decode", "--stats", SharedData("ais/csv/mobiml_test_aisdk_20180208_sample.csv")});
  EXPECT_EQ(r.status, 0) << r.err;
  auto lines = NonEmptyLines(r.out);
  ASSERT_FALSE(lines.empty());
  // 60,08/02/2018 00:00:00,Class A,265177000,57.602225,11.644943,Under way using engine,0.0,15.7,61.4,63.0,...
  json j = json::parse(lines[0]);
  EXPECT_EQ(j["mmsi"], 265177000);
  EXPECT_EQ(j["t"], "2018-02-08T00:00:00Z");
  EXPECT_DOUBLE_EQ(j["lat"].get<double>(), 57.602225);
  EXPECT_DOUBLE_EQ(j["lon"].get<double>(), 11.644943);
  EXPECT_DOUBLE_EQ(j["speed"].get<double>(), 15.7);
  EXPECT_DOUBLE_EQ(j["course"].get<double>(), 61.4);
  EXPECT_EQ(j["heading"], 63);
  EXPECT_EQ(j["status"], 0);
  EXPECT_NE(r.err.find("malformed lines: 0"), std::string::npos) << r.err;
}

TEST(AisDecodeCli, NoaaMarineCadastreCsv) {
  WK_REQUIRE_SHARED("ais/csv/aisdb_test_data_noaa_20230101.csv");
  const std::string path = SharedData("ais/csv/aisdb_test_data_noaa_20230101.csv");
  auto r = RunCli({"ais", "decode", path});
  EXPECT_EQ(r.status, 0) << r.err;
  auto lines = NonEmptyLines(r.out);
  EXPECT_EQ(lines.size(), 1000u);
  // 636021061,2023-01-11T00:00:00,26.09241,-80.04806,8.8,272.7,270.0,MSC NAISHA III,IMO9307839,5LCB4,70,8.0,208.0,30.0,8.0,70.0,A
  json j = json::parse(lines[1]);
  EXPECT_EQ(j["mmsi"], 636021061);
  EXPECT_EQ(j["t"], "2023-01-11T00:00:00Z");
  EXPECT_EQ(j["shipname"], "MSC NAISHA III");
  EXPECT_EQ(j["imo"], 9307839);
  EXPECT_EQ(j["callsign"], "5LCB4");
  EXPECT_EQ(j["shiptype"], 70);
  EXPECT_EQ(j["status"], 8);
  EXPECT_DOUBLE_EQ(j["draught"].get<double>(), 8.0);
  EXPECT_DOUBLE_EQ(j["lat"].get<double>(), 26.09241);
  // The same rows as CSV tables: one position per row, static data where present.
  auto csv = RunCli({"ais", "decode", "--format", "csv", path});
  EXPECT_EQ(csv.status, 0);
  EXPECT_NE(csv.out.find("2023-01-11T00:00:00Z,636021061,0,26.092410,-80.048060,8.8,272.7,270,8\n"),
            std::string::npos);
  EXPECT_NE(csv.out.find("2023-01-11T00:00:00Z,636021061,0,,9307839,MSC NAISHA III,5LCB4,70,,,,,8.0,\n"),
            std::string::npos);
}

TEST(ReadReports, ReadsCsvExportsToo) {
  WK_REQUIRE_SHARED("ais/csv/marcelmaatkamp_small-sample.csv");
  int positions = 0, statics = 0;
  ais::ReportSink sink;
  sink.position = [&](const ais::PositionReport& p) {
    ++positions;
    EXPECT_EQ(p.type, 0);
    EXPECT_NE(p.time_ms, ais::kUnknownTime);
  };
  sink.static_report = [&](const ais::StaticReport&) { ++statics; };
  ASSERT_TRUE(ais::ReadReports(SharedData("ais/csv/marcelmaatkamp_small-sample.csv"), sink).ok());
  EXPECT_EQ(positions, 51);
  EXPECT_EQ(statics, 51);
}

}  // namespace
}  // namespace wk::ais
