#include "core/core.h"

#include <gtest/gtest.h>

#include "testing.h"

namespace wk {
namespace {

TEST(FormatTime, PrintsIsoUtcWithZ) {
  EXPECT_EQ(FormatTime(1704067200), "2024-01-01T00:00:00Z");
  EXPECT_EQ(FormatTime(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(FormatTimeMs(1704067200250), "2024-01-01T00:00:00.250Z");
  EXPECT_EQ(FormatTime(951782400), "2000-02-29T00:00:00Z");
}

TEST(ParseTimeMs, ReadsIsoAndDanishLayouts) {
  EXPECT_EQ(ParseTimeMs("2024-01-01T00:00:00Z"), 1704067200000);
  EXPECT_EQ(ParseTimeMs("2024-01-01 00:00:01"), 1704067201000);
  EXPECT_EQ(ParseTimeMs("2024-01-01"), 1704067200000);
  EXPECT_EQ(ParseTimeMs("08/02/2018 00:00:00"), 1518048000000);
  EXPECT_EQ(ParseTimeMs("2024-13-01"), std::nullopt);
  EXPECT_EQ(ParseTimeMs("yesterday"), std::nullopt);
}

TEST(HaversineM, OneDegreeOfLatitudeIsAbout111Km) {
  EXPECT_NEAR(HaversineM(0, 0, 1, 0), 111195, 5);
  EXPECT_NEAR(HaversineM(38.7, 125.4, 38.7, 125.4), 0, 1e-9);
}

TEST(IsValidImo, ChecksTheCheckDigit) {
  EXPECT_TRUE(IsValidImo(9074729));   // the example in IMO A.1117(30)
  EXPECT_FALSE(IsValidImo(9074728));
  EXPECT_FALSE(IsValidImo(123));
}

TEST(CountryOfMid, KnowsTheDprk) {
  EXPECT_EQ(CountryOfMid(MidOfShipMmsi(Mmsi{445123456})), "KP");
  EXPECT_EQ(CountryOfMid(MidOfShipMmsi(Mmsi{273000001})), "RU");
  EXPECT_EQ(MidOfShipMmsi(Mmsi{2734567}), 0);
}

TEST(AppendJsonString, EscapesAndReplacesInvalidUtf8) {
  std::string out;
  AppendJsonString(out, std::string("a\"b\\c\n\x01\xff", 8));
  EXPECT_EQ(out, "\"a\\\"b\\\\c\\n\\u0001\xEF\xBF\xBD\"");
  out.clear();
  AppendJsonString(out, "Чосон 조선");
  EXPECT_EQ(out, "\"Чосон 조선\"");
}

TEST(AppendDecimal, TrimsTrailingZeros) {
  std::string out;
  AppendDecimal(out, 1.50, 4);
  out += ' ';
  AppendDecimal(out, -0.00001, 4);
  out += ' ';
  AppendDecimal(out, 125.123456, 4);
  EXPECT_EQ(out, "1.5 0 125.1235");
}

TEST(Cli, UnknownCommandIsAUsageError) {
  testing::CliRun run = testing::RunCli({"no-such-command"});
  EXPECT_EQ(run.status, 2);
}

}  // namespace
}  // namespace wk
