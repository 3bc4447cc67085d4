#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "testing.h"

namespace wk::testing {
namespace {

std::vector<std::string> WithLists(std::vector<std::string> args) {
  args.push_back("--lists");
  args.push_back(SharedData("lists/un/UN_consolidated.xml"));
  args.push_back(SharedData("lists/ofac/sdn-csv-2024-05-03/sdn.csv"));
  return args;
}

TEST(ScreenCli, PrintsMatchesWithExplanations) {
  WK_REQUIRE_SHARED("lists/ofac/sdn-csv-2024-05-03/sdn.csv");
  CliRun r = RunCli(WithLists({"screen", "Choi Ryong Hae", "--schema", "person", "--limit", "3"}));
  ASSERT_EQ(r.status, 0) << r.err;
  nlohmann::json j = nlohmann::json::parse(r.out);
  ASSERT_FALSE(j["matches"].empty());
  EXPECT_EQ(j["matches"][0]["id"], "ofac:23213");
  EXPECT_EQ(j["matches"][0]["matched_name"], "CHOE, Ryong Hae");
  EXPECT_NE(j["matches"][0]["explanation"]["summary"].get<std::string>().find("romanisation"),
            std::string::npos);
  EXPECT_LE(j["matches"].size(), 3u);
}

TEST(ScreenCli, IdentifierAndThreshold) {
  WK_REQUIRE_SHARED("lists/ofac/sdn-csv-2024-05-03/sdn.csv");
  CliRun r = RunCli(WithLists({"screen", "Some Tanker", "--id", "imo:8604917"}));
  ASSERT_EQ(r.status, 0) << r.err;
  nlohmann::json j = nlohmann::json::parse(r.out);
  ASSERT_FALSE(j["matches"].empty());
  EXPECT_EQ(j["matches"][0]["id"], "ofac:23736");
  EXPECT_EQ(j["matches"][0]["score"], 1);
  CliRun none = RunCli(WithLists({"screen", "Annapolis", "--threshold", "0.99"}));
  ASSERT_EQ(none.status, 0);
  EXPECT_TRUE(nlohmann::json::parse(none.out)["matches"].empty());
}

TEST(ScreenCli, BadQueriesAndUsage) {
  WK_REQUIRE_SHARED("lists/un/UN_consolidated.xml");
  CliRun bad = RunCli(WithLists({"screen", "Kim \xFF Jong"}));
  EXPECT_EQ(bad.status, 1);
  EXPECT_NE(bad.err.find("not valid UTF-8"), std::string::npos) << bad.err;
  CliRun huge = RunCli(WithLists({"screen", std::string(100000, 'A')}));
  EXPECT_EQ(huge.status, 1);
  EXPECT_NE(huge.err.find("limit"), std::string::npos) << huge.err;
  EXPECT_EQ(RunCli(WithLists({"screen", "x", "--dob", "yesterday"})).status, 2);
  EXPECT_EQ(RunCli(WithLists({"screen", "x", "--id", "imo"})).status, 2);
  EXPECT_EQ(RunCli({"screen", "Kim"}).status, 2);  // no lists
  CliRun missing = RunCli({"screen", "Kim", "--lists", "/nonexistent/list.xml"});
  EXPECT_EQ(missing.status, 1);
  EXPECT_NE(missing.err.find("/nonexistent/list.xml"), std::string::npos);
}

TEST(ScreenCli, BatchFromStdinInOrder) {
  WK_REQUIRE_SHARED("lists/un/UN_consolidated.xml");
  std::string csv = "name,schema,dob,country,id\n";
  csv += "\"Choi Ryong Hae\",person,,KP,\n";
  csv += "\"Annapolis Harbour Trading LLC\",organization,,,\n";
  csv += "\"\xFF\",,,,\n";
  csv += "\"M/V YUJONG-2\",vessel,,,\n";
  CliRun r = RunCli(WithLists({"screen", "--batch", "-"}), csv);
  ASSERT_EQ(r.status, 0) << r.err;
  std::vector<std::string> lines = SplitLines(r.out);
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(nlohmann::json::parse(lines[0])["matches"][0]["id"], "ofac:23213");
  EXPECT_TRUE(nlohmann::json::parse(lines[1])["matches"].empty());
  EXPECT_TRUE(nlohmann::json::parse(lines[2]).contains("error"));
  EXPECT_EQ(nlohmann::json::parse(lines[3])["matches"][0]["id"], "ofac:23736");
}

}  // namespace
}  // namespace wk::testing

namespace wk::testing {
namespace {

TEST(ScreenCli, ReadsTheStoreFilledByListsImport) {
  WK_REQUIRE_SHARED("lists/un/UN_consolidated.xml");
  TempDir dir;
  const std::string db = dir.File("wk.db");
  CliRun imp = RunCli({"lists", "import", SharedData("lists/un/UN_consolidated.xml"), "--db", db});
  ASSERT_EQ(imp.status, 0) << imp.err;
  CliRun r = RunCli({"screen", "Yun Ho-jin", "--db", db});
  ASSERT_EQ(r.status, 0) << r.err;
  nlohmann::json j = nlohmann::json::parse(r.out);
  ASSERT_FALSE(j["matches"].empty());
  EXPECT_EQ(j["matches"][0]["id"], "un:KPi.001");
  CliRun none = RunCli({"screen", "Yun Ho-jin", "--db", dir.File("absent.db")});
  EXPECT_EQ(none.status, 2);
  EXPECT_NE(none.err.find("lists import"), std::string::npos) << none.err;
}

}  // namespace
}  // namespace wk::testing
