// watchkeeper council ...: the JSON a user sees and the errors of bad input.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "council/council.h"
#include "testing.h"

namespace wk::council {
namespace {

using ::testing::HasSubstr;
using testing::RunCli;

// The command ends with status 1 (bad input) and `message` on stderr.
void ExpectInputError(const std::vector<std::string>& args, const std::string& message) {
  auto r = RunCli(args);
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_THAT(r.err, HasSubstr(message));
}

TEST(CouncilCli, VoteDraftS2024255) {
  auto r = RunCli({"council", "vote", "--draft", "S/2024/255"});
  ASSERT_EQ(r.status, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["adopted"], false);
  EXPECT_EQ(j["yes"], 13);
  EXPECT_EQ(j["no"], 1);
  EXPECT_EQ(j["abstain"], 1);
  EXPECT_EQ(j["absent"], 0);
  EXPECT_EQ(j["vetoed_by"], nlohmann::json::array({"RU"}));
  EXPECT_EQ(j["threshold"], 9);
  EXPECT_THAT(j["reason"].get<std::string>(), HasSubstr("China (CN) abstained, which is not a veto"));
}

TEST(CouncilCli, VoteFromCodes) {
  auto r = RunCli({"council", "vote", "--yes", "DZ,EC,FR,GY,JP,MT,MZ,KR,SL,SI,CH,GB,US", "--no", "RU", "--abstain",
                   "CN", "--date", "2024-03-28"});
  ASSERT_EQ(r.status, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["adopted"], false);
  EXPECT_EQ(j["vetoed_by"], nlohmann::json::array({"RU"}));
}

TEST(CouncilCli, ProceduralVoteIgnoresPermanentNo) {
  auto r = RunCli({"council", "vote", "--yes", "DZ,EC,FR,GY,JP,MT,MZ,KR,SL,SI,CH,GB,US", "--no", "RU", "--abstain",
                   "CN", "--date", "2024-03-28", "--procedural"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["adopted"], true);
}

TEST(CouncilCli, UnknownMemberIsAnErrorNamingTheCode) {
  auto r = RunCli({"council", "vote", "--yes", "FR,DE", "--date", "2024-03-28"});
  EXPECT_EQ(r.status, 1);
  EXPECT_THAT(r.err, HasSubstr("DE is not a member of the Security Council on 2024-03-28"));
  EXPECT_TRUE(r.out.empty());
}

TEST(CouncilCli, MemberVotingTwiceIsAnError) {
  auto r = RunCli({"council", "vote", "--yes", "FR,RU", "--no", "RU", "--date", "2024-03-28"});
  EXPECT_EQ(r.status, 1);
  EXPECT_THAT(r.err, HasSubstr("RU votes more than once"));
}

TEST(CouncilCli, MoreThanFifteenVotesIsAnError) {
  auto r = RunCli({"council", "vote", "--yes", "DZ,EC,FR,GY,JP,MT,MZ,KR,SL,SI,CH,GB,US,CN,RU,AA", "--date",
                   "2024-03-28"});
  EXPECT_EQ(r.status, 1);
  EXPECT_THAT(r.err, HasSubstr("16 votes given, but the Council has 15 members"));
}

TEST(CouncilCli, DateBefore1946IsAnError) {
  ExpectInputError({"council", "vote", "--yes", "US", "--date", "1945-10-24"},
                   "before the Security Council's first meeting");
}

TEST(CouncilCli, MalformedCodeAndDateAreErrors) {
  EXPECT_THAT(RunCli({"council", "vote", "--yes", "FRA", "--date", "2024-03-28"}).err, HasSubstr("\"FRA\" is not an ISO"));
  EXPECT_THAT(RunCli({"council", "vote", "--yes", "FR", "--date", "2024-02-30"}).err, HasSubstr("is not a date"));
}

TEST(CouncilCli, InForceListsPanelBeforeItsEndOnly) {
  auto before = RunCli({"council", "in-force", "--date", "2024-04-15", "--regime", "KP"});
  ASSERT_EQ(before.status, 0) << before.err;
  EXPECT_THAT(before.out, HasSubstr("\"id\":\"panel_of_experts\""));
  auto after = RunCli({"council", "in-force", "--date", "2024-05-01"});
  ASSERT_EQ(after.status, 0);
  EXPECT_THAT(after.out, ::testing::Not(HasSubstr("panel_of_experts")));
  EXPECT_THAT(after.out, HasSubstr("\"id\":\"2375-sts\""));
  for (const std::string& line : testing::SplitLines(before.out)) {
    auto j = nlohmann::json::parse(line);  // every line is JSON with its resolution and expiry
    EXPECT_TRUE(j.contains("resolution"));
    EXPECT_TRUE(j.contains("expires"));
  }
}

TEST(CouncilCli, InForceAcceptsAnAlertTimestamp) {
  auto r = RunCli({"council", "in-force", "--date", "2024-04-30T23:59:59Z"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("panel_of_experts"));
}

TEST(CouncilCli, MembersOnADate) {
  auto r = RunCli({"council", "members", "--date", "1950-07-07"});
  ASSERT_EQ(r.status, 0) << r.err;
  auto lines = testing::SplitLines(r.out);
  ASSERT_EQ(lines.size(), 11u);
  EXPECT_THAT(r.out, HasSubstr("\"code\":\"SU\",\"name\":\"USSR\",\"seat\":\"permanent\""));
  EXPECT_THAT(r.out, HasSubstr("\"code\":\"YU\""));
}

TEST(CouncilCli, UnknownRegimeIsAnError) {
  ExpectInputError({"council", "in-force", "--date", "2024-04-15", "--regime", "IR"},
                   "unknown regime \"IR\"");
}

TEST(CouncilCli, HistoryJsonAndCsv) {
  auto j = RunCli({"council", "history", "--regime", "KP"});
  ASSERT_EQ(j.status, 0) << j.err;
  EXPECT_THAT(j.out, HasSubstr("\"kind\":\"mandate_end\""));
  auto c = RunCli({"council", "history", "--regime", "KP", "--format", "csv"});
  ASSERT_EQ(c.status, 0);
  auto lines = testing::SplitLines(c.out);
  ASSERT_GT(lines.size(), 40u);
  EXPECT_EQ(lines[0], "date,kind,symbol,tally,adopted,vetoed_by,text,source");
  EXPECT_THAT(c.out, HasSubstr("2024-03-28,failed_draft,\"S/2024/255\",13-1-1,false,RU,"));
}

TEST(CouncilCli, WhatIfRussiaAbstains) {
  auto r = RunCli({"council", "what-if", "--draft", "S/2024/255", "--set", "RU=abstain"});
  ASSERT_EQ(r.status, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["adopted"], true);
  EXPECT_EQ(j["recorded_adopted"], false);
  EXPECT_EQ(j["changes"], nlohmann::json::array({"RU: no -> abstain"}));
}

TEST(CouncilCli, RegimeFileIsLoadedAndMalformedOneRejected) {
  testing::TempDir dir;
  auto kp = nlohmann::json::parse(EmbeddedRegimeText());
  kp["regime"]["code"] = "XX";
  kp["mandates"][1]["periods"].back()["until"] = "2025-04-30";
  testing::WriteFile(dir.File("xx.json"), kp.dump());
  auto r = RunCli({"council", "in-force", "--date", "2024-05-01", "--regime", "XX", "--regime-file", dir.File("xx.json")});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("panel_of_experts"));
  testing::WriteFile(dir.File("bad.json"), "{\"format\": \"watchkeeper-regime/1\", \"regime\": ");
  ExpectInputError({"council", "in-force", "--date", "2024-05-01", "--regime-file", dir.File("bad.json")},
                   "bad.json:1: not valid JSON");
}

TEST(CouncilCli, WhatIfRejectsNonMember) {
  ExpectInputError({"council", "what-if", "--draft", "S/2024/255", "--set", "DE=yes"},
                   "DE is not a member of the Security Council on 2024-03-28");
}

TEST(CouncilCli, WorksFromAnyDirectoryWithoutTheSourceTree) {
  // The regime and membership files are built into the binary: a copy of it
  // alone, run from another directory, answers.
  testing::TempDir dir;
  std::filesystem::copy_file(WK_CLI, dir.File("watchkeeper"));
  std::filesystem::permissions(dir.File("watchkeeper"), std::filesystem::perms::owner_all);
  std::string cmd = "cd / && " + dir.File("watchkeeper") + " council in-force --date 2024-04-15 > " + dir.File("out");
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  EXPECT_THAT(testing::ReadFile(dir.File("out")), HasSubstr("panel_of_experts"));
}

TEST(CouncilCli, EmptyCodesAreErrors) {
  ExpectInputError({"council", "what-if", "--draft", "S/2024/255", "--set", "=yes"},
                   "--set: expected one ISO 3166 alpha-2 code");
  ExpectInputError({"council", "implicate", "--event", "encounter", "--date", "2018-03-01", "--party", "flag="},
                   "--party flag: expected one ISO 3166 alpha-2 code");
}

TEST(CouncilCli, ImplicateEncounter) {
  auto r = RunCli({"council", "implicate", "--event", "encounter", "--date", "2018-03-01", "--party", "flag=KP",
                   "--party", "flag=PA;type=tanker"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("\"measure\":\"2375-sts\""));
}

}  // namespace
}  // namespace wk::council
