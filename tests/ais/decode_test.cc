// The NMEA layer and the decoders, on real sentences from the captures.
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "ais/ais.h"
#include "sentences.h"
#include "testing.h"

namespace wk::ais {
namespace {

using nlohmann::json;
using testing::SplitLines;

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

// ---- Regression tests of issue 8's three defects, each on a real sentence ----

TEST(AisType21, NameExtensionFollowsANameEndingInABlank) {
  // The 20-character name field is "AMBROSE CHANNEL LBB " and the extension
  // "14": the extension is appended to the whole field (ITU-R M.1371-5,
  // Message 21); gpsdecode and libais both print "AMBROSE CHANNEL LBB 14".
  auto m = Decode("!AIVDM,1,1,,A,ENk`sO70VQ97aRh1T0W72V@611@=FVj<;V5d@00003vP0<M0,0*4B\n");
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0]["type"], 21);
  EXPECT_EQ(m[0]["mmsi"], 993672060);
  EXPECT_EQ(m[0]["name"], "AMBROSE CHANNEL LBB 14");
  EXPECT_EQ(m[0]["aid_type_text"], "Beacon, Starboard hand");
}

TEST(AisMultipart, LastFragmentWithAnEmptyPayloadCompletesTheMessage) {
  // gpsdecode -s prints these fields for the two sentences; all must be
  // equal but "waterlevel", where gpsd drops the centimetres
  // (tests/ais/KNOWN_DIFFERENCES.md #3): raw 4001 is 30.01 m.
  const json gpsd = json::parse(R"({"class":"AIS","type":8,"repeat":1,"mmsi":2655619,
      "scaled":true,"dac":1,"fid":31,"lat":59.6638,"lon":18.9320,"accuracy":true,
      "timestamp":"19T14:12Z","wspeed":127,"wgust":127,"wdir":360,"wgustdir":360,
      "humidity":101,"airtemp":-102.4,"dewpoint":50.1,"pressure":1310,"pressuretend":"N/A",
      "visgreater":true,"visibility":1.1,"waterlevel":30.0,"leveltrend":"N/A","cspeed":25.5,
      "cdir":360,"cspeed2":25.5,"cdir2":360,"cdepth2":31,"cspeed3":25.5,"cdir3":360,
      "cdepth3":31,"waveheight":25.5,"waveperiod":63,"wavedir":360,"swellheight":25.5,
      "swellperiod":63,"swelldir":360,"seastate":13,"watertemp":50.1,"preciptype":"N/A",
      "salinity":51.0,"ice":"N/A"})");
  DecodeStats stats;
  auto m = Decode(
      "!AIVDM,2,1,0,A,8@2R5Ph0GhRbUqe?n>KS?wvlFR06EuOwiOl?wnSwe7wvlOwwsAwwnSGmwvwt,0*4E\n"
      "!AIVDM,2,2,0,A,,0*16\n",
      &stats);
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(stats.malformed, 0u);
  EXPECT_EQ(stats.incomplete, 0u);
  EXPECT_EQ(stats.sentences, 2u);
  EXPECT_EQ(stats.by_type[8], 1u);
  EXPECT_EQ(m[0].size(), gpsd.size());
  for (auto it = gpsd.begin(); it != gpsd.end(); ++it) {
    SCOPED_TRACE(it.key());
    ASSERT_TRUE(m[0].contains(it.key()));
    if (it.key() == "waterlevel") {
      EXPECT_DOUBLE_EQ(m[0][it.key()].get<double>(), 30.01);
    } else if (it.value().is_number_float()) {
      EXPECT_NEAR(m[0][it.key()].get<double>(), it.value().get<double>(), 1e-9);
    } else {
      EXPECT_EQ(m[0][it.key()], it.value());
    }
  }
}

TEST(AisMultipart, FirstFragmentWithAnEmptyPayloadIsStillMalformed) {
  DecodeStats stats;
  auto m = Decode(Sentence("AIVDM,2,1,3,A,,0") + "\n" + Sentence("AIVDM,2,2,3,A,88888888880,2") +
                      "\n" + Sentence("AIVDM,1,1,,A,,0") + "\n",
                  &stats);
  EXPECT_TRUE(m.empty());
  EXPECT_EQ(stats.malformed, 2u);
  EXPECT_EQ(stats.incomplete, 1u);  // the lone second fragment
}

TEST(AisType24, UndefinedPartNumberIsMalformedNotPartB) {
  // Part number 3: M.1371-5 defines 0 (part A) and 1 (part B) only. gpsdecode
  // prints nothing for it, libais reports AIS_ERR_BAD_MSG_CONTENT.
  const std::string part3 = "!AIVDM,1,1,,A,H4eHhPLN000000038inPPP0P;330,0*4A\n";
  DecodeStats stats;
  auto m = Decode(part3 + kType1 + "\n", &stats);
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0]["type"], 1);
  EXPECT_EQ(stats.sentences, 2u);
  EXPECT_EQ(stats.messages, 1u);
  EXPECT_EQ(stats.by_type[24], 0u);
  EXPECT_EQ(stats.malformed, 1u);

  // Not a static report either, and strict mode stops at it.
  std::string out;
  DecodeOptions strict;
  strict.strict = true;
  Status s = DecodeBuffer(part3, "part3.nmea", strict, out, nullptr);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().message, "part3.nmea:1: type 24 part number undefined");
  EXPECT_EQ(out, "");
  std::string csv;
  DecodeOptions csv_options;
  csv_options.format = OutputFormat::kCsv;
  ASSERT_TRUE(DecodeBuffer(part3, "part3.nmea", csv_options, csv, nullptr).ok());
  EXPECT_EQ(csv.find(",24,"), std::string::npos) << csv;
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
