// The DPRK regime built into the binary, point-in-time queries, the regime
// file parser's errors, and the measures an event may implicate.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "council/council.h"
#include "testing.h"

namespace wk::council {
namespace {

using ::testing::HasSubstr;

Date D(const char* s) { return *ParseDate(s); }

Party P(std::string flag, std::string type = "", std::vector<std::string> refs = {}) {
  Party p;
  p.flag = std::move(flag);
  p.vessel_type = std::move(type);
  p.designations = std::move(refs);
  return p;
}

bool HasMandate(const InForce& f, const std::string& id) {
  for (const MandateInForce& m : f.mandates)
    if (m.mandate->id == id) return true;
  return false;
}
bool HasMeasure(const InForce& f, const std::string& id) {
  for (const Measure* m : f.measures)
    if (m->id == id) return true;
  return false;
}

TEST(Regime, EmbeddedFilesParse) {
  ASSERT_TRUE(Members::Parse(EmbeddedMembersText(), "members.csv").ok());
  Result<Regime> g = ParseRegime(EmbeddedRegimeText(), "kp.json", Members::Default());
  ASSERT_TRUE(g.ok()) << g.error().message;
  EXPECT_EQ(g->code, "KP");
  EXPECT_EQ(g->resolutions.size(), 25u);
  EXPECT_EQ(g->failed_drafts.size(), 2u);
}

TEST(Regime, SeedCaseS2024255IsVetoedByRussiaWithChinaAbstaining) {
  auto d = FindRecordedDraft(DefaultRegime(), "S/2024/255");
  ASSERT_TRUE(d);
  Result<Outcome> o = DecideVote(ToVoteInput(*d), Members::Default());
  ASSERT_TRUE(o.ok());
  EXPECT_FALSE(o->adopted);
  EXPECT_EQ(o->yes, 13);
  EXPECT_EQ(o->no, 1);
  EXPECT_EQ(o->abstain, 1);
  EXPECT_THAT(o->vetoed_by, ::testing::ElementsAre("RU"));
  EXPECT_THAT(o->reason, HasSubstr("China (CN) abstained, which is not a veto"));
}

TEST(Regime, PanelOfExpertsInForceOn15AprilNotOn1May2024) {
  const Regime& g = DefaultRegime();
  InForce before = InForceOn(g, D("2024-04-15"));
  ASSERT_TRUE(HasMandate(before, "panel_of_experts"));
  for (const MandateInForce& m : before.mandates) {
    if (m.mandate->id == "panel_of_experts") {
      EXPECT_EQ(m.period->resolution, "S/RES/2680 (2023)");
      EXPECT_EQ(FormatDate(*m.period->until), "2024-04-30");
    }
  }
  EXPECT_TRUE(HasMandate(InForceOn(g, D("2024-04-30")), "panel_of_experts"));
  InForce after = InForceOn(g, D("2024-05-01"));
  EXPECT_FALSE(HasMandate(after, "panel_of_experts"));
  EXPECT_TRUE(HasMandate(after, "committee"));  // the 1718 Committee goes on
  EXPECT_TRUE(HasMeasure(after, "2375-sts"));   // measures have no sunset clause
}

TEST(Regime, PanelMandateHasNoGapFrom2009To2024) {
  const Regime& g = DefaultRegime();
  const Mandate* panel = nullptr;
  for (const Mandate& m : g.mandates)
    if (m.id == "panel_of_experts") panel = &m;
  ASSERT_NE(panel, nullptr);
  EXPECT_EQ(panel->periods.size(), 15u);  // 1874 and 14 renewals, 1928 to 2680
  for (Date d = D("2009-06-12"); d <= D("2024-04-30"); ++d) ASSERT_NE(panel->PeriodOn(d), nullptr) << FormatDate(d);
  EXPECT_EQ(panel->PeriodOn(D("2009-06-11")), nullptr);
  ASSERT_TRUE(panel->ended);
  EXPECT_EQ(panel->ended->failed_draft, "S/2024/255");
}

TEST(Regime, PetroleumCapsChangeOverTime) {
  const Regime& g = DefaultRegime();
  EXPECT_FALSE(HasMeasure(InForceOn(g, D("2017-09-30")), "2375-refined-cap"));
  EXPECT_TRUE(HasMeasure(InForceOn(g, D("2017-10-01")), "2375-refined-cap"));
  InForce y2018 = InForceOn(g, D("2018-01-01"));
  EXPECT_FALSE(HasMeasure(y2018, "2375-refined-cap"));
  ASSERT_TRUE(HasMeasure(y2018, "2397-refined-cap"));
  const Measure* refined = g.FindMeasure("2397-refined-cap");
  ASSERT_EQ(refined->caps.size(), 1u);
  EXPECT_EQ(*refined->caps[0].quantity, 500000);
  EXPECT_EQ(refined->caps[0].unit, "barrels");
  EXPECT_EQ(refined->paragraph, "5");
  const Measure* crude = g.FindMeasure("2397-crude-cap");
  EXPECT_EQ(*crude->caps[0].quantity, 4000000);
  EXPECT_EQ(crude->paragraph, "4");
  EXPECT_FALSE(HasMeasure(InForceOn(g, D("2017-12-22")), "2375-crude-cap"));
  EXPECT_TRUE(HasMeasure(InForceOn(g, D("2017-12-21")), "2375-crude-cap"));
}

TEST(Regime, StsBanCreatedBy2375Paragraph11) {
  const Measure* sts = DefaultRegime().FindMeasure("2375-sts");
  ASSERT_NE(sts, nullptr);
  EXPECT_EQ(sts->resolution, "S/RES/2375 (2017)");
  EXPECT_EQ(sts->paragraph, "11");
  EXPECT_FALSE(sts->paragraph_verified);  // SOURCES.md: the paragraph number is unverified
  EXPECT_EQ(FormatDate(sts->from), "2017-09-11");
  EXPECT_FALSE(sts->source.empty());
}

TEST(Regime, DesignationsLinkToUnReferences) {
  const Designation* d = DefaultRegime().FindDesignation("KPe.001");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->name, "KOREA MINING DEVELOPMENT TRADING CORPORATION");
  EXPECT_EQ(FormatDate(d->listed_on), "2009-04-24");
  EXPECT_THAT(d->measures, ::testing::Contains("1718-asset-freeze"));
}

TEST(Regime, EveryItemHasASource) {
  const Regime& g = DefaultRegime();
  for (const Resolution& r : g.resolutions) EXPECT_FALSE(r.source.empty()) << r.symbol;
  for (const Measure& m : g.measures) EXPECT_FALSE(m.source.empty()) << m.id;
  for (const Mandate& m : g.mandates)
    for (const MandatePeriod& p : m.periods) EXPECT_FALSE(p.source.empty()) << m.id << " " << p.resolution;
}

TEST(Regime, HistoryHasVetoesRenewalsAndTheEndOfThePanel) {
  auto h = History(DefaultRegime(), Members::Default());
  int renewals = 0;
  bool end = false, veto = false;
  for (const HistoryEvent& e : h) {
    renewals += e.kind == "mandate_renewal";
    if (e.kind == "mandate_end" && e.symbol == "S/2024/255") end = FormatDate(e.date) == "2024-04-30";
    if (e.kind == "failed_draft" && e.symbol == "S/2022/431") veto = e.vetoed_by == std::vector<std::string>{"CN", "RU"};
  }
  EXPECT_EQ(renewals, 14);
  EXPECT_TRUE(end);
  EXPECT_TRUE(veto);
  EXPECT_TRUE(std::is_sorted(h.begin(), h.end(), [](auto& a, auto& b) { return a.date < b.date; }));
}

TEST(Implicate, TankerMeetingDprkShipAfter2375ImplicatesStsBan) {
  std::vector<Party> parties = {P("KP"), P("PA", "Oil tanker")};
  auto hits = ImplicatedMeasures(DefaultRegime(), "encounter", parties, D("2018-03-01"));
  std::vector<std::string> ids;
  for (const Implication& i : hits) ids.push_back(i.measure->id);
  EXPECT_THAT(ids, ::testing::Contains("2375-sts"));
  EXPECT_THAT(ids, ::testing::Contains("2397-refined-cap"));
  for (const Implication& i : hits) {
    if (i.measure->id == "2375-sts") {
      EXPECT_THAT(i.why, HasSubstr("S/RES/2375 (2017) para 11"));
    }
  }
}

TEST(Implicate, NoStsBanBefore11September2017) {
  std::vector<Party> parties = {P("KP"), P("PA", "tanker")};
  for (const Implication& i : ImplicatedMeasures(DefaultRegime(), "encounter", parties, D("2017-09-10")))
    EXPECT_NE(i.measure->id, "2375-sts");
}

TEST(Implicate, NothingWithoutADprkOrDesignatedParty) {
  std::vector<Party> parties = {P("PA", "tanker"), P("LR")};
  EXPECT_TRUE(ImplicatedMeasures(DefaultRegime(), "encounter", parties, D("2020-01-01")).empty());
}

TEST(Implicate, DesignatedPartyImplicatesAssetFreezeFromItsListingDate) {
  std::vector<Party> parties = {P("SL", "", {"KPe.066"})};
  auto before = ImplicatedMeasures(DefaultRegime(), "port_call", parties, D("2018-03-29"));
  auto after = ImplicatedMeasures(DefaultRegime(), "port_call", parties, D("2018-03-30"));
  EXPECT_TRUE(before.empty());
  std::vector<std::string> ids;
  for (const Implication& i : after) ids.push_back(i.measure->id);
  EXPECT_THAT(ids, ::testing::Contains("1718-asset-freeze"));
  EXPECT_THAT(ids, ::testing::Contains("2094-port-denial"));
}

TEST(DefaultRegime, RefinedCapCarriesTheNotifiedFiguresAndSaysWhichAreUnknown) {
  const Measure* cap = DefaultRegime().FindMeasure("2397-refined-cap");
  ASSERT_NE(cap, nullptr);
  ASSERT_EQ(cap->caps.size(), 1u);
  EXPECT_EQ(cap->caps[0].quantity, 500000);
  auto year = [&](int y) -> const CapNotification* {
    for (const CapNotification& n : cap->notified)
      if (n.year == y) return &n;
    return nullptr;
  };
  ASSERT_NE(year(2024), nullptr);
  EXPECT_EQ(year(2024)->barrels, 168679);  // the Committee's page as of 4 December 2024
  EXPECT_FALSE(year(2024)->source.empty());
  ASSERT_NE(year(2022), nullptr);
  EXPECT_FALSE(year(2022)->barrels.has_value());  // unknown, never zero
  EXPECT_FALSE(year(2022)->note.empty());
  EXPECT_EQ(year(2017), nullptr);  // before the cap
}

// ---- The parser's errors -------------------------------------------------

nlohmann::json Kp() { return nlohmann::json::parse(EmbeddedRegimeText()); }

std::string ParseError(const std::string& text) {
  Result<Regime> g = ParseRegime(text, "bad.json", Members::Default());
  return g.ok() ? "" : g.error().message;
}

TEST(ParseRegime, ReportsSyntaxErrorWithLine) {
  EXPECT_THAT(ParseError("{\n\"format\": \"watchkeeper-regime/1\",\n\"regime\": {,}\n}"), HasSubstr("bad.json:3: not valid JSON"));
}

TEST(ParseRegime, FuzzRejectsNumberTooLargeForADouble) {
  // Found by fuzz/council_regime_fuzz.cc: nlohmann-json throws out_of_range,
  // not parse_error, for "666e667".
  EXPECT_THAT(ParseError("666e667"), HasSubstr("bad.json: not valid JSON (number overflow parsing '666e667')"));
  EXPECT_THAT(ParseError("{\"format\": 1e999}"), HasSubstr("not valid JSON"));
}

TEST(ParseRegime, RejectsAnUnknownNotifiedTotalWithoutANote) {
  auto j = Kp();
  for (auto& m : j["measures"])
    if (m["id"] == "2397-refined-cap") m["notified"][0] = {{"year", 2018}, {"barrels", nullptr}, {"source", {"x"}}};
  EXPECT_THAT(ParseError(j.dump()), HasSubstr(".notified[0].note: an unknown total needs a note"));
}

TEST(ParseRegime, RejectsWrongFormat) {
  auto j = Kp();
  j["format"] = "something-else";
  EXPECT_THAT(ParseError(j.dump()), HasSubstr("bad.json: $.format: \"something-else\" is not watchkeeper-regime/1"));
}

TEST(ParseRegime, RejectsBadDateWithItsPath) {
  auto j = Kp();
  j["measures"][3]["from"] = "2017-02-30";
  EXPECT_THAT(ParseError(j.dump()), HasSubstr("$.measures[3].from: \"2017-02-30\" is not a date"));
}

TEST(ParseRegime, RejectsVoterNotOnTheCouncil) {
  auto j = Kp();
  j["failed_drafts"][1]["vote"]["yes"].push_back("DE");
  EXPECT_THAT(ParseError(j.dump()), HasSubstr("$.failed_drafts[1].vote: DE is not a member of the Security Council on 2024-03-28"));
}

TEST(ParseRegime, RejectsResolutionWhoseVoteDoesNotAdoptIt) {
  auto j = Kp();
  auto& yes = j["resolutions"][1]["vote"]["yes"];
  yes.erase(std::find(yes.begin(), yes.end(), "CN"));
  j["resolutions"][1]["vote"]["no"].push_back("CN");
  EXPECT_THAT(ParseError(j.dump()), HasSubstr("$.resolutions[1].vote: the recorded vote does not adopt S/RES/1718 (2006)"));
}

TEST(ParseRegime, RejectsMissingSource) {
  auto j = Kp();
  j["measures"][0].erase("source");
  EXPECT_THAT(ParseError(j.dump()), HasSubstr("$.measures[0].source: missing"));
}

TEST(ParseRegime, RejectsDanglingMeasureReference) {
  auto j = Kp();
  j["designations"][0]["measures"] = {"no-such-measure"};
  EXPECT_THAT(ParseError(j.dump()), HasSubstr("no measure \"no-such-measure\""));
}

TEST(ParseRegime, RejectsWrongTypes) {
  auto j = Kp();
  j["resolutions"][0]["number"] = "1695";
  EXPECT_THAT(ParseError(j.dump()), HasSubstr("$.resolutions[0].number: expected an integer"));
  EXPECT_THAT(ParseError("[]"), HasSubstr("expected a JSON object"));
}

TEST(ParseMembers, ReportsFileAndLine) {
  Result<Members> m = Members::Parse("code,name,seat,from,until\nFR,France,permanent,1946-13-01,\n", "m.csv");
  ASSERT_FALSE(m.ok());
  EXPECT_THAT(m.error().message, HasSubstr("m.csv:2: from \"1946-13-01\" is not a date"));
}

}  // namespace
}  // namespace wk::council
