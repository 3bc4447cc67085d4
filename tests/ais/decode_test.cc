// The NMEA layer and the decoders, on real sentences from the captures.
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "ais/ais.h"
#include "testing.h"

namespace wk::ais {
namespace {

using nlohmann::json;
using testing::SplitLines;

// From gpsd's sample.aivdm: a type 1 and a two-part type 5.
constexpr const char* kType1 = "!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A";
constexpr const char* kType5a =
    "!AIVDM,2,1,1,A,55?MbV02;H;s<HtKR20EHE:0@T4@Dn2222222216L961O5Gf0NSQEp6ClRp8,0*1C";
constexpr const char* kType5b = "!AIVDM,2,2,1,A,88888888880,2*25";

// "*hh" for an NMEA body (the text between '!' or '\' and '*').
std::string Checksum(const std::string& body) {
  unsigned sum = 0;
  for (char c : body) sum ^= static_cast<unsigned char>(c);
  char buf[4];
  std::snprintf(buf, sizeof buf, "*%02X", sum);
  return buf;
}

std::string Sentence(const std::string& body) { return "!" + body + Checksum(body); }
std::string TagBlock(const std::string& body) { return "\\" + body + Checksum(body) + "\\"; }

std::vector<json> Decode(const std::string& input, DecodeStats* stats = nullptr,
                         OutputFormat format = OutputFormat::kJsonl) {
  std::string out;
  DecodeOptions options;
  options.format = format;
  EXPECT_TRUE(DecodeBuffer(input, "test", options, out, stats).ok());
  std::vector<json> messages;
  for (const std::string& line : SplitLines(out)) {
    if (!line.empty()) messages.push_back(json::parse(line));
  }
  return messages;
}

TEST(DecodeNmea, Type1HasGpsdFieldsAndScaling) {
  auto m = Decode(std::string(kType1) + "\n");
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0]["class"], "AIS");
  EXPECT_EQ(m[0]["type"], 1);
  EXPECT_EQ(m[0]["mmsi"], 371798000);
  EXPECT_EQ(m[0]["status_text"], "Under way using engine");
  EXPECT_EQ(m[0]["turn"], "fastleft");
  EXPECT_DOUBLE_EQ(m[0]["speed"].get<double>(), 12.3);
  EXPECT_DOUBLE_EQ(m[0]["lon"].get<double>(), -123.395383);
  EXPECT_DOUBLE_EQ(m[0]["lat"].get<double>(), 48.381633);
  EXPECT_DOUBLE_EQ(m[0]["course"].get<double>(), 224.0);
  EXPECT_EQ(m[0]["heading"], 215);
  EXPECT_FALSE(m[0].contains("t"));  // no time on the line
}

TEST(DecodeNmea, AssemblesTwoPartType5WithFillBits) {
  auto m = Decode(std::string(kType5a) + "\n" + kType5b + "\n");
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0]["type"], 5);
  EXPECT_EQ(m[0]["imo"], 9134270);
  EXPECT_EQ(m[0]["callsign"], "3FOF8");
  EXPECT_EQ(m[0]["shipname"], "EVER DIADEM");
  EXPECT_EQ(m[0]["destination"], "NEW YORK");
  EXPECT_EQ(m[0]["eta"], "05-15T14:00Z");
  EXPECT_DOUBLE_EQ(m[0]["draught"].get<double>(), 12.2);
}

TEST(DecodeNmea, RejectsWrongChecksumAndCountsIt) {
  std::string line = kType1;
  line.back() = 'B';
  DecodeStats stats;
  auto m = Decode(line + "\n" + kType1 + "\n", &stats);
  EXPECT_EQ(m.size(), 1u);
  EXPECT_EQ(stats.bad_checksums, 1u);
  EXPECT_EQ(stats.sentences, 1u);
}

TEST(DecodeNmea, TagBlockTimeInSecondsAndMilliseconds) {
  auto m = Decode(TagBlock("s:station1,c:1704067200") + kType1 + "\n" +
                  TagBlock("c:1704067200250,s:x") + kType1 + "\n");
  ASSERT_EQ(m.size(), 2u);
  EXPECT_EQ(m[0]["t"], "2024-01-01T00:00:00Z");
  EXPECT_EQ(m[1]["t"], "2024-01-01T00:00:00.250Z");
}

TEST(DecodeNmea, TagBlockGroupGivesTheTimeOfTheWholeMessage) {
  // As in libais' tagblock.nmea: c: only on the first fragment.
  auto m = Decode(TagBlock("g:1-2-1604,s:r1,c:1418169601") + kType5a + "\n" +
                  TagBlock("g:2-2-1604") + kType5b + "\n");
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0]["t"], "2014-12-10T00:00:01Z");
}

TEST(DecodeNmea, DmaPghpHeaderTimesTheNextSentence) {
  auto m = Decode("$PGHP,1,2010,6,11,11,46,11,390,231,45,992190934,1,2B*5B\n" +
                  std::string(kType1) + "\n" + kType1 + "\n");
  ASSERT_EQ(m.size(), 2u);
  EXPECT_EQ(m[0]["t"], "2010-06-11T11:46:11.390Z");
  EXPECT_FALSE(m[1].contains("t"));
}

TEST(DecodeNmea, TrailingEpochAndReceiverFields) {
  auto m = Decode(std::string(kType1) + ",1357134218\n" + kType1 +
                  ",d-109,S2105,t050056.00,T56.13718694,r003669946,1325394060,1325394001\n" +
                  kType1 + ",1daasd4218,,1357134222\n");
  ASSERT_EQ(m.size(), 3u);
  EXPECT_EQ(m[0]["t"], "2013-01-02T13:43:38Z");
  EXPECT_EQ(m[1]["t"], "2012-01-01T05:01:00Z");
  EXPECT_EQ(m[2]["t"], "2013-01-02T13:43:42Z");
}

TEST(DecodeNmea, ReceiverPrefixBeforeTheSentence) {
  auto m = Decode("2024-03-01 12:00:05 " + std::string(kType1) + "\n1709294405.5;" + kType1 + "\n");
  ASSERT_EQ(m.size(), 2u);
  EXPECT_EQ(m[0]["t"], "2024-03-01T12:00:05Z");
  EXPECT_EQ(m[1]["t"], "2024-03-01T12:00:05.500Z");
}

TEST(DecodeNmea, AcceptsOtherTalkersAndVdo) {
  std::string body = std::string(kType1).substr(1);
  body = body.substr(0, body.find('*'));
  auto m = Decode(Sentence("BS" + body.substr(2)) + "\n" + Sentence("AB" + body.substr(2)) + "\n" +
                  Sentence("AIVDO" + body.substr(5)) + "\n" + Sentence("--" + body.substr(2)) + "\n");
  EXPECT_EQ(m.size(), 4u);
}

TEST(Assembler, InterleavedMessagesOnTwoChannelsAndSequenceIds) {
  // Two type 5 messages whose fragments interleave (channel A id 1, channel B id 1).
  std::string a1 = kType5a, a2 = kType5b;
  std::string b1 = std::string(kType5a).substr(1), b2 = std::string(kType5b).substr(1);
  b1 = Sentence(b1.substr(0, b1.find('*')).replace(b1.find(",A,"), 3, ",B,"));
  b2 = Sentence(b2.substr(0, b2.find('*')).replace(b2.find(",A,"), 3, ",B,"));
  DecodeStats stats;
  auto m = Decode(a1 + "\n" + b1 + "\n" + kType1 + "\n" + a2 + "\n" + b2 + "\n", &stats);
  ASSERT_EQ(m.size(), 3u);
  EXPECT_EQ(m[0]["type"], 1);
  EXPECT_EQ(m[1]["shipname"], "EVER DIADEM");
  EXPECT_EQ(m[2]["shipname"], "EVER DIADEM");
  EXPECT_EQ(stats.incomplete, 0u);
}

TEST(Assembler, DropsStaleAndOutOfOrderFragments) {
  std::string lines = std::string(kType5a) + "\n";
  for (int i = 0; i < 150; ++i) lines += std::string(kType1) + "\n";
  lines += std::string(kType5b) + "\n";  // too late: stale
  lines += std::string(kType5b) + "\n" + kType5a + "\n";  // out of order, then never finished
  DecodeStats stats;
  auto m = Decode(lines, &stats);
  EXPECT_EQ(m.size(), 150u);
  EXPECT_EQ(stats.by_type[5], 0u);
  EXPECT_EQ(stats.incomplete, 4u);  // stale first part, lone second parts twice, pending first
}

TEST(Assembler, NewFirstFragmentReplacesAnUnfinishedOne) {
  DecodeStats stats;
  auto m = Decode(std::string(kType5a) + "\n" + kType5a + "\n" + kType5b + "\n", &stats);
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0]["type"], 5);
  EXPECT_EQ(stats.incomplete, 1u);
}

TEST(DecodeNmea, SignedRateOfTurnPerItuNotGpsd) {
  // A ship turning left: gpsd prints the square without the sign
  // (tests/ais/KNOWN_DIFFERENCES.md #1).
  // From aisdb's test_data_20211101.nm4; gpsdecode prints "turn":4.
  auto m = Decode("\\s:41925,c:1635731889,t:1635731965*66\\!AIVDM,1,1,,,13m4Ld0uii;`stcgRDCTTCR>0H47,0*08\n");
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0]["mmsi"], 256974000);
  EXPECT_EQ(m[0]["turn"], -4);
  EXPECT_EQ(m[0]["t"], "2021-11-01T01:58:09Z");
}

TEST(DecodeNmea, UnknownTypeGivesHeaderAndPayloadBits) {
  // Type 28 (reserved): class, type, mmsi and the raw bits.
  auto m = Decode(Sentence("AIVDM,1,1,,A,L000000000000000000000,0") + "\n");
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0]["type"], 28);
  EXPECT_TRUE(m[0].contains("mmsi"));
  EXPECT_TRUE(m[0].contains("data"));
}

TEST(ReadReports, FeedsPositionsAndStaticReportsFromARealCapture) {
  WK_REQUIRE_SHARED("ais/gpsd-regress/sample.aivdm");
  std::vector<PositionReport> positions;
  std::vector<StaticReport> statics;
  ReportSink sink;
  sink.position = [&](const PositionReport& p) { positions.push_back(p); };
  sink.static_report = [&](const StaticReport& s) { statics.push_back(s); };
  DecodeStats stats;
  ASSERT_TRUE(ReadReports(testing::SharedData("ais/gpsd-regress/sample.aivdm"), sink, &stats).ok());
  EXPECT_GT(positions.size(), 10u);
  EXPECT_GT(statics.size(), 5u);
  // The first message: MMSI 371798000 at 48.381633N 123.395383W, 12.3 kn.
  EXPECT_EQ(positions[0].mmsi.value, 371798000u);
  EXPECT_EQ(positions[0].type, 1);
  EXPECT_NEAR(positions[0].lat_deg, 48.381633, 1e-6);
  EXPECT_NEAR(positions[0].lon_deg, -123.395383, 1e-6);
  EXPECT_FLOAT_EQ(positions[0].speed_knots, 12.3f);
  EXPECT_FLOAT_EQ(positions[0].heading_deg, 215.0f);
  EXPECT_EQ(positions[0].nav_status, 0);
  // "Not available" sentinels become NaN: the second message has heading 511.
  EXPECT_TRUE(std::isnan(positions[1].heading_deg));
  bool found = false;
  for (const StaticReport& s : statics) {
    if (s.mmsi.value == 351759000u && s.type == 5) {
      found = true;
      EXPECT_EQ(s.name, "EVER DIADEM");
      EXPECT_EQ(s.callsign, "3FOF8");
      EXPECT_EQ(s.imo, 9134270u);
      EXPECT_EQ(s.ship_type, 70);
      EXPECT_EQ(s.destination, "NEW YORK");
      EXPECT_FLOAT_EQ(s.draught_m, 12.2f);
    }
  }
  EXPECT_TRUE(found);
}

TEST(ReadReports, Type24PartsAreSeparateStaticReports) {
  WK_REQUIRE_SHARED("ais/dma-aislib/ais250.txt");
  std::vector<StaticReport> statics;
  ReportSink sink;
  sink.static_report = [&](const StaticReport& s) { statics.push_back(s); };
  ASSERT_TRUE(ReadReports(testing::SharedData("ais/dma-aislib/ais250.txt"), sink).ok());
  int a = 0, b = 0;
  for (const StaticReport& s : statics) {
    if (s.type != 24) continue;
    if (s.part == 'A') {
      ++a;
      EXPECT_FALSE(s.name.empty());
    } else if (s.part == 'B') {
      ++b;
      EXPECT_GE(s.ship_type, 0);
    }
  }
  EXPECT_GT(a, 0);
  EXPECT_GT(b, 0);
}

TEST(DecodeCsv, QuotedFieldsAndMissingValues) {
  const std::string csv =
      "MMSI,BaseDateTime,LAT,LON,SOG,COG,Heading,VesselName,IMO,CallSign,VesselType,Status,"
      "Length,Width,Draft,Cargo,TransceiverClass\n"
      "445123000,2024-05-01T10:00:00,39.0,125.5,102.3,360.0,511.0,\"CHON MA, SAN\",IMO8660313,"
      "HMXX,80,,,,,,A\n"
      "445123000,2024-05-01T10:10:00,,,,,,,,,,,,,,,A\n"
      "bad row\n";
  DecodeStats stats;
  auto m = Decode(csv, &stats);
  ASSERT_EQ(m.size(), 2u);
  EXPECT_EQ(m[0]["shipname"], "CHON MA, SAN");
  EXPECT_EQ(m[0]["imo"], 8660313);
  EXPECT_EQ(m[0]["shiptype"], 80);
  EXPECT_FALSE(m[0].contains("speed"));    // 102.3: not available
  EXPECT_FALSE(m[0].contains("course"));   // 360: not available
  EXPECT_FALSE(m[0].contains("heading"));  // 511: not available
  EXPECT_FALSE(m[1].contains("lat"));
  EXPECT_EQ(m[1]["t"], "2024-05-01T10:10:00Z");
  EXPECT_EQ(stats.malformed, 1u);
}

TEST(ReadReports, MissingFileIsAnIoError) {
  ReportSink sink;
  Status s = ReadReports("/nonexistent/file.nmea", sink);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::kIo);
}

}  // namespace
}  // namespace wk::ais
