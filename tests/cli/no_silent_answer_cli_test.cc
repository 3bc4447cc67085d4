// Issue 13, "No silent wrong answer": input that is not what a command reads
// is an error that says so, with exit 1 for bad input and 2 for usage, and a
// command that only reads a store neither creates nor changes it.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "core/core.h"
#include "testing.h"

namespace wk {
namespace {

using ::testing::HasSubstr;
using namespace ::wk::testing;
using ::wk::testing::ReadFile;  // not core's wk::ReadFile

// A real position report with its tag block (aisdb, off New Zealand, MMSI 357322000).
constexpr char kPosition[] =
    "\\s:41925,c:1635731889,t:1635731965*66\\!AIVDM,1,1,,,15Di=4002i<chWiba2`rPpD:04;`,0*37\n";

void ExpectStatus(const std::vector<std::string>& args, int status, const std::string& message) {
  CliRun r = RunCli(args);
  EXPECT_EQ(r.status, status) << Join(args, " ") << "\n" << r.err;
  EXPECT_THAT(r.err, HasSubstr(message)) << Join(args, " ");
}

// Item 9: the UN XML, random bytes and an empty file hold no AIS; every
// command that reads AIS says so, and ingest stores nothing.
TEST(NoAisInFile, Issue13Item9DecodeDetectAndIngestRefuseIt) {
  WK_REQUIRE_SHARED("lists/un/UN_consolidated.xml");
  TempDir dir;
  WriteFile(dir.File("empty.nmea"), "");
  std::string noise;
  for (int i = 0; i < 4096; ++i) noise.push_back(static_cast<char>((i * 7919 + 13) % 256));
  WriteFile(dir.File("noise.bin"), noise);
  for (const std::string& file :
       {SharedData("lists/un/UN_consolidated.xml"), dir.File("noise.bin"), dir.File("empty.nmea")}) {
    ExpectStatus({"ais", "decode", file}, 1, "no AIS in " + file);
    ExpectStatus({"detect", file}, 1, "no AIS in " + file);
    const std::string db = dir.File("t.db");
    ExpectStatus({"ingest", file, "--db", db}, 1, "no AIS in " + file);
    // Nothing recorded: the same file is refused again, not skipped as seen.
    ExpectStatus({"ingest", file, "--db", db}, 1, "no AIS in " + file);
  }
  // One AIS sentence is enough, and stdin is judged the same way.
  WriteFile(dir.File("one.nmea"), kPosition);
  EXPECT_EQ(RunCli({"ais", "decode", dir.File("one.nmea")}).status, 0);
  ExpectStatus({"ais", "decode", "-"}, 1, "no AIS in stdin");
}

// Items 10 and 12: dates that do not exist and values out of range are usage
// errors (exit 2) naming the option.
TEST(OptionErrors, Issue13Item10InvalidDatesAndValuesAreUsageErrors) {
  TempDir dir;
  WriteFile(dir.File("one.nmea"), kPosition);
  ExpectStatus({"detect", dir.File("one.nmea"), "--from", "2024-02-30"}, 2, "--from: not a time: '2024-02-30'");
  ExpectStatus({"detect", dir.File("one.nmea"), "--from", "2023-02-29"}, 2, "--from: not a time");
  EXPECT_EQ(RunCli({"detect", dir.File("one.nmea"), "--from", "2024-02-29"}).status, 0);
  ExpectStatus({"detect", dir.File("one.nmea"), "--from", "2024-03-01", "--to", "2024-02-01"}, 2,
               "--from 2024-03-01 is not before --to 2024-02-01");
  ExpectStatus({"council", "in-force", "--date", "2024-02-30"}, 2, "is not a date");
  ExpectStatus({"council", "implicate", "--event", "bogus", "--date", "2024-01-01", "--party", "flag=KP"}, 2,
               "--event must be encounter, port_call");
  ExpectStatus({"council", "what-if", "--draft", "S/2024/255", "--set", "RU=abstain", "--set", "RU=yes"}, 2,
               "RU is set more than once");
  ExpectStatus({"lists", "versions", "--source", "bogus", "--db", dir.File("x.db")}, 2,
               "--source must be un, ofac, uk or eu");
  ExpectStatus({"screen", "x", "--dob", "1970-02-30", "--db", dir.File("x.db")}, 2, "--dob");
  ExpectStatus({"screen", "x", "--threshold", "nan", "--db", dir.File("x.db")}, 2, "--threshold must be in [0, 1]");
  ExpectStatus({"screen", "x", "--limit", "-1", "--db", dir.File("x.db")}, 2, "--limit");
  ExpectStatus({"screen", "--batch", "-", "--threads", "40000", "--db", dir.File("x.db")}, 2, "--threads");
}

// Item 10: an AIS CSV row dated 30 February is a bad row, named under --strict.
TEST(OptionErrors, Issue13Item10InvalidDateInCsvRow) {
  TempDir dir;
  WriteFile(dir.File("noaa.csv"),
            "MMSI,BaseDateTime,LAT,LON,SOG,COG,Heading,VesselName,IMO,CallSign,VesselType,Status,Length,"
            "Width,Draft,Cargo,TransceiverClass\n"
            "367000001,2023-02-28T00:00:00,29.1,-94.1,0.1,0,511,ONE,,,70,0,,,,,A\n"
            "367000002,2023-02-30T00:00:00,29.1,-94.1,0.1,0,511,TWO,,,70,0,,,,,A\n");
  CliRun r = RunCli({"ais", "decode", dir.File("noaa.csv")});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("367000001"));
  EXPECT_THAT(r.out, ::testing::Not(HasSubstr("367000002")));
  ExpectStatus({"ais", "decode", "--strict", dir.File("noaa.csv")}, 1, dir.File("noaa.csv") + ":3:");
}

// Item 11: read commands on a store that does not exist are errors and create
// nothing; on a store without their tables they say so and change nothing.
TEST(ReadCommands, Issue13Item11NeverCreateOrWriteAStore) {
  TempDir dir;
  const std::string missing = dir.File("missing.db");
  ExpectStatus({"lists", "stats", "--db", missing}, 1, "no such store");
  ExpectStatus({"lists", "show", "un:KPi.001", "--db", missing}, 1, "no such store");
  ExpectStatus({"lists", "versions", "--db", missing}, 1, "no such store");
  ExpectStatus({"lists", "diff", "--db", missing}, 1, "no such store");
  ExpectStatus({"vessel", "123456789", "--db", missing}, 1, "no such store");
  EXPECT_FALSE(std::filesystem::exists(missing));

  // A store that holds tracks only: the lists commands read no lists from it
  // and leave it byte for byte as it was.
  const std::string db = dir.File("tracks.db");
  WriteFile(dir.File("one.nmea"), kPosition);
  ASSERT_EQ(RunCli({"ingest", dir.File("one.nmea"), "--db", db}).status, 0);
  const std::string before = ReadFile(db);
  ExpectStatus({"lists", "stats", "--db", db}, 1, "holds no lists");
  ExpectStatus({"lists", "show", "un:KPi.001", "--db", db}, 1, "holds no lists");
  ExpectStatus({"screen", "Kim", "--db", db}, 1, "holds no lists");
  EXPECT_EQ(RunCli({"vessel", "357322000", "--db", db}).status, 0);
  EXPECT_EQ(RunCli({"detect", "--db", db}).status, 0);
  EXPECT_TRUE(ReadFile(db) == before) << "a read command changed the store";
}

// Item 12: a device as any input ends with an error at once.
TEST(SideFiles, Issue13Item12DevZeroIsRefusedEverywhere) {
  TempDir dir;
  WriteFile(dir.File("one.nmea"), kPosition);
  ExpectStatus({"ais", "decode", "/dev/zero"}, 1, "/dev/zero: a device");
  ExpectStatus({"detect", "/dev/zero"}, 1, "/dev/zero: a device");
  ExpectStatus({"ingest", "/dev/zero", "--db", dir.File("t.db")}, 1, "/dev/zero: not a regular file");
  ExpectStatus({"detect", dir.File("one.nmea"), "--ports", "/dev/zero"}, 1, "/dev/zero: a device");
  ExpectStatus({"detect", dir.File("one.nmea"), "--config", "/dev/zero"}, 1, "/dev/zero: a device");
  ExpectStatus({"ports", "import", "/dev/zero"}, 1, "/dev/zero: a device");
  ExpectStatus({"council", "in-force", "--date", "2024-04-15", "--regime-file", "/dev/zero"}, 1,
               "/dev/zero: a device");
  ExpectStatus({"lists", "import", "/dev/zero", "--db", dir.File("l.db")}, 1, "a device, not a file");
  ExpectStatus({"screen", "x", "--lists", "/dev/zero"}, 1, "a device, not a file");
  ExpectStatus({"lists", "fetch", "--config", "/dev/zero", "--db", dir.File("l.db")}, 1, "/dev/zero");
  // An unreadable fetch config stops the fetch: no fallback to the default URLs.
  ExpectStatus({"lists", "fetch", "--config", dir.File("absent.conf"), "--db", dir.File("l.db")}, 1,
               "absent.conf: cannot open");
}

// Item 8 on the command line: no vote or membership after the end of 2026.
TEST(CouncilDates, Issue13Item8NoCouncilAfter2026) {
  ExpectStatus({"council", "members", "--date", "2027-03-01"}, 1, "members after 2026-12-31 are not known");
  ExpectStatus({"council", "vote", "--yes", "FR,US", "--date", "2027-03-01"}, 1,
               "members after 2026-12-31 are not known");
  CliRun r = RunCli({"council", "members", "--date", "2026-12-31"});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(SplitLines(r.out).size(), 15u);
}

}  // namespace
}  // namespace wk
