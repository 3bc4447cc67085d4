// Issue 13 item 13: people read tables. `--format text` where people read,
// `--version`, and an unknown command named.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "testing.h"

namespace wk {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using namespace ::wk::testing;

// Text, not JSON: no line starts with '{'.
void ExpectText(const std::vector<std::string>& args, const std::string& contains) {
  CliRun r = RunCli(args);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr(contains));
  for (const std::string& line : SplitLines(r.out)) EXPECT_FALSE(!line.empty() && line[0] == '{') << line;
}

TEST(TextFormat, Issue13Item13CouncilTables) {
  ExpectText({"council", "members", "--date", "2024-03-28", "--format", "text"}, "Russian Federation");
  ExpectText({"council", "in-force", "--date", "2024-04-15", "--format", "text"}, "2397-refined-cap");
  ExpectText({"council", "vote", "--draft", "S/2024/255", "--format", "text"}, "vetoed_by");
  ExpectText({"council", "implicate", "--event", "encounter", "--date", "2018-03-01", "--party", "flag=KP",
              "--party", "flag=PA;type=tanker", "--format", "text"},
             "2375-sts");
  // One row a member, the header first.
  CliRun r = RunCli({"council", "members", "--date", "2024-03-28", "--format", "text"});
  std::vector<std::string> lines = SplitLines(r.out);
  ASSERT_EQ(lines.size(), 16u);
  EXPECT_THAT(lines[0], HasSubstr("code"));
  EXPECT_THAT(lines[1], HasSubstr("CN"));
}

TEST(TextFormat, Issue13Item13ListsVesselAndBatch) {
  WK_REQUIRE_SHARED("lists/un/UN_consolidated.xml");
  TempDir dir;
  const std::string db = dir.File("w.db");
  ASSERT_EQ(RunCli({"lists", "import", SharedData("lists/un/UN_consolidated.xml"), "--db", db}).status, 0);
  ExpectText({"lists", "show", "un:KPe.020", "--db", db, "--format", "text"}, "OCEAN MARITIME MANAGEMENT");
  ExpectText({"lists", "stats", "--db", db, "--format", "text"}, "un");
  ExpectText({"lists", "versions", "--db", db, "--format", "text"}, "un-xml");
  WriteFile(dir.File("q.csv"), "name\nChoi Chun-sik\n");
  ExpectText({"screen", "--batch", dir.File("q.csv"), "--db", db, "--format", "text"}, "CHOE CHUN");
  WriteFile(dir.File("one.nmea"),
            "\\s:41925,c:1635731889,t:1635731965*66\\!AIVDM,1,1,,,15Di=4002i<chWiba2`rPpD:04;`,0*37\n");
  ASSERT_EQ(RunCli({"ingest", dir.File("one.nmea"), "--db", db}).status, 0);
  ExpectText({"vessel", "357322000", "--db", db, "--format", "text"}, "357322000");
}

TEST(TextFormat, Issue13Item13VersionAndUnknownCommand) {
  CliRun v = RunCli({"--version"});
  EXPECT_EQ(v.status, 0);
  EXPECT_THAT(v.out, HasSubstr("watchkeeper "));
  CliRun b = RunCli({"bogus"});
  EXPECT_EQ(b.status, 2);
  EXPECT_THAT(b.err, HasSubstr("unknown command 'bogus'"));
  EXPECT_THAT(b.err, HasSubstr("detect"));
  EXPECT_THAT(b.err, Not(HasSubstr("A subcommand is required")));
}

}  // namespace
}  // namespace wk
