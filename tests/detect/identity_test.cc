#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <map>
#include <sstream>

#include "detect/detect.h"
#include "lists/lists.h"
#include "screen/screen.h"
#include "testing.h"
#include "track_helpers.h"

namespace wk::detect {
namespace {

using namespace wk::detect::testing;

StaticInfo Said(uint32_t mmsi, int64_t t, std::string name, uint32_t imo = 0, std::string cs = "") {
  StaticInfo s;
  s.mmsi = Mmsi{mmsi};
  s.time_s = t;
  s.name = std::move(name);
  s.imo = imo;
  s.callsign = std::move(cs);
  return s;
}

TEST(FindMmsiConflicts, TwoShipsSharingAnMmsiConflict) {
  // Two ships 200 km apart broadcasting one MMSI, interleaved.
  std::vector<Fix> f;
  for (int i = 0; i < 12; ++i)
    f.push_back(At(412000001, kT0 + i * 300, kSeaLat + (i % 2 ? 1.8 : 0), kSeaLon, 10));
  std::vector<Identity> out;
  FindMmsiConflicts(f, Config{}, out);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].kind, IdentityKind::kMmsiConflict);
  EXPECT_EQ(out[0].jumps, 11u);
  EXPECT_GT(out[0].max_implied_speed_kn, 1000);
  EXPECT_FALSE(out[0].jump_examples.empty());
}

TEST(FindMmsiConflicts, OneGpsGlitchIsNot) {
  auto f = Sail(412000001, kT0, kT0 + 6 * 3600, 600, kSeaLat, kSeaLon, 10);
  f[10].lat_deg += 1.0;  // out and back: two jumps
  std::vector<Identity> out;
  FindMmsiConflicts(f, Config{}, out);
  EXPECT_TRUE(out.empty());
}

TEST(FindMmsiConflicts, FastShipIsNot) {
  auto f = Sail(412000001, kT0, kT0 + 6 * 3600, 60, kSeaLat, kSeaLon, 40);
  std::vector<Identity> out;
  FindMmsiConflicts(f, Config{}, out);
  EXPECT_TRUE(out.empty());
}

TEST(FindIdentityChanges, NewNameIsAChangeWithBothNames) {
  std::vector<StaticInfo> s = {Said(445000001, kT0, "CHON MA SAN", 8660313),
                               Said(445000001, kT0 + 3600, "CHON MA SAN  ", 8660313),
                               Said(445000001, kT0 + 7200, "XIN GUANG HAI", 8660313)};
  std::vector<Identity> out;
  FindIdentityChanges(s, {}, out);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].field, "name");
  EXPECT_EQ(out[0].old_value, "CHON MA SAN");
  EXPECT_EQ(out[0].value, "XIN GUANG HAI");
  EXPECT_EQ(out[0].start_s, kT0 + 3600);
  EXPECT_EQ(out[0].end_s, kT0 + 7200);
}

TEST(FindIdentityChanges, NewImoIsAChangeButAMissingOneIsNot) {
  std::vector<StaticInfo> s = {Said(445000001, kT0, "A", 9000001), Said(445000001, kT0 + 60, "A", 0),
                               Said(445000001, kT0 + 120, "", 9123456)};
  std::vector<Identity> out;
  FindIdentityChanges(s, {}, out);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].field, "imo");
  EXPECT_EQ(out[0].old_value, "9000001");
  EXPECT_EQ(out[0].value, "9123456");
}

TEST(FindInvalidIdentity, WrongImoCheckDigit) {
  ASSERT_TRUE(IsValidImo(9074729));
  std::vector<StaticInfo> s = {Said(445000001, kT0, "X", 9074728)};
  std::vector<Identity> out;
  FindInvalidIdentity(Mmsi{445000001}, s, {}, out);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].field, "imo");
  EXPECT_EQ(out[0].value, "9074728");
  out.clear();
  s[0].imo = 9074729;
  FindInvalidIdentity(Mmsi{445000001}, s, {}, out);
  EXPECT_TRUE(out.empty());
}

TEST(FindInvalidIdentity, MmsiOutsideAssignedRanges) {
  std::vector<Fix> track = {At(123456789, kT0, kSeaLat, kSeaLon)};
  std::vector<Identity> out;
  FindInvalidIdentity(Mmsi{123456789}, {}, track, out);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].field, "mmsi");
  EXPECT_EQ(out[0].lat_deg, kSeaLat);
  EXPECT_FALSE(InvalidMmsiReason(Mmsi{217000001}).empty());  // MID 217 is unassigned
  EXPECT_TRUE(InvalidMmsiReason(Mmsi{445123456}).empty());
  EXPECT_TRUE(InvalidMmsiReason(Mmsi{970123456}).empty());   // AIS-SART
  EXPECT_TRUE(InvalidMmsiReason(Mmsi{984451234}).empty());   // craft of a DPRK ship
  EXPECT_FALSE(InvalidMmsiReason(Mmsi{992731234}).empty());  // an AtoN's number on a ship
  EXPECT_FALSE(InvalidMmsiReason(Mmsi{4451234}).empty());    // coast station
}

TEST(FindInvalidIdentity, FlagOfMidDiffersFromCallsignSeries) {
  // A DPRK MID with a Panamanian call sign.
  std::vector<StaticInfo> s = {Said(445000001, kT0, "X", 0, "3FAB5")};
  std::vector<Identity> out;
  FindInvalidIdentity(Mmsi{445000001}, s, {}, out);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].field, "flag");
  EXPECT_NE(out[0].reason.find("KP"), std::string::npos);
  EXPECT_NE(out[0].reason.find("PA"), std::string::npos);
  out.clear();
  s[0].callsign = "HMZB";  // DPRK series
  FindInvalidIdentity(Mmsi{445000001}, s, {}, out);
  EXPECT_TRUE(out.empty());
  // A Faroese MID with a Danish-series call sign is consistent.
  s[0].callsign = "OW2345";
  FindInvalidIdentity(Mmsi{231000001}, s, {}, out);
  EXPECT_TRUE(out.empty());
}

TEST(CountryOfCallsign, KnowsTheSeries) {
  EXPECT_EQ(CountryOfCallsign("HMYA"), "KP");
  EXPECT_EQ(CountryOfCallsign("P5AB"), "KP");
  EXPECT_EQ(CountryOfCallsign("BPAB"), "TW");
  EXPECT_EQ(CountryOfCallsign("BOAB"), "TW");
  EXPECT_EQ(CountryOfCallsign("BAAB"), "CN");
  EXPECT_EQ(CountryOfCallsign("UBAB3"), "RU");
  EXPECT_EQ(CountryOfCallsign("VRAB2"), "HK");
  EXPECT_EQ(CountryOfCallsign("9V1234"), "SG");
  EXPECT_EQ(CountryOfCallsign("V7AB2"), "MH");
  EXPECT_EQ(CountryOfCallsign("X"), "");
}

TEST(ListIndex, FindsListedVesselByImoMmsiAndName) {
  lists::Entity vessel;
  vessel.id = "ofac:123";
  vessel.source = "ofac";
  vessel.schema = lists::Schema::kVessel;
  vessel.names = {{"CHON MA SAN", lists::NameKind::kPrimary, "Latn"}};
  vessel.identifiers = {{lists::IdType::kImo, "8660313", "", true, ""}};
  lists::Entity company;
  company.id = "un:KPe.001";
  company.schema = lists::Schema::kOrganization;
  company.names = {{"OCEAN MARITIME MANAGEMENT", lists::NameKind::kPrimary, "Latn"}};
  company.identifiers = {{lists::IdType::kImoCompany, "1790183", "", true, "IMO company number"}};
  ListIndex index({vessel, company});
  std::vector<StaticInfo> s = {Said(445000009, kT0, "chon  ma san", 8660313)};
  std::vector<Identity> out;
  FindListedVessels(Mmsi{445000009}, s, {}, index, out);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].field, "imo");
  EXPECT_EQ(out[0].entity_id, "ofac:123");
  EXPECT_EQ(out[1].field, "name");
  // A company's IMO company number is not a ship's IMO number.
  out.clear();
  s[0] = Said(445000009, kT0, "", 1790183);
  FindListedVessels(Mmsi{445000009}, s, {}, index, out);
  EXPECT_TRUE(out.empty());
}

const Identity* NameEvent(const std::vector<Identity>& out) {
  for (const Identity& e : out)
    if (e.kind == IdentityKind::kListedVessel && e.field == "name") return &e;
  return nullptr;
}

TEST(ListIndex, ScreeningMatcherFindsVariantsOfAListedVesselName) {
  const ListIndex index(lists::FictionalList());
  // Broadcast spellings of the listed "YU JONG 7" (alias "YUJONG-7"), from an
  // MMSI and without an IMO number that are on no list.
  for (const char* broadcast : {"YU JONG7", "M/V YUJONG-7", "MV YU-JONG 7", "yu jong 7@@@@"}) {
    SCOPED_TRACE(broadcast);
    std::vector<StaticInfo> s = {Said(412000123, kT0, broadcast)};
    std::vector<Identity> out;
    FindListedVessels(Mmsi{412000123}, s, {}, index, out);
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(out[0].field, "name");
    EXPECT_EQ(out[0].entity_name, "YU JONG 7");
    EXPECT_GE(out[0].match_score, screen::kDefaultThreshold);
    EXPECT_LE(out[0].match_score, 1.0);
    EXPECT_TRUE(out[0].matched_name == "YU JONG 7" || out[0].matched_name == "YUJONG-7")
        << out[0].matched_name;
    EXPECT_FALSE(out[0].match_explanation.empty());
  }
}

TEST(ListIndex, ScreeningMatcherFindsSpellingsTheListDoesNotCarry) {
  // Only the primary name is listed: "M/V YUJONG-7" and "YU JONG7" must still
  // find it, where an exact comparison would not.
  lists::Entity vessel;
  vessel.id = "un:KPv.990";
  vessel.source = "un";
  vessel.schema = lists::Schema::kVessel;
  vessel.names = {{"YU JONG 7", lists::NameKind::kPrimary, "Latn"}};
  const ListIndex index({vessel});
  for (const char* broadcast : {"M/V YUJONG-7", "YU JONG7"}) {
    SCOPED_TRACE(broadcast);
    EXPECT_EQ(index.FindName(broadcast), nullptr);  // not equal after normalisation
    std::vector<StaticInfo> s = {Said(412000123, kT0, broadcast)};
    std::vector<Identity> out;
    FindListedVessels(Mmsi{412000123}, s, {}, index, out);
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(out[0].entity_id, "un:KPv.990");
    EXPECT_EQ(out[0].matched_name, "YU JONG 7");
    EXPECT_GE(out[0].match_score, screen::kDefaultThreshold);
  }
}

TEST(ListIndex, UnrelatedNamesAreNotListed) {
  const ListIndex index(lists::FictionalList());
  // Other ships, and a sister ship whose number differs from the listed one.
  for (const char* broadcast : {"OCEAN GLORY", "MAERSK KOWLOON", "YU JONG 2", "SEA EAGLE", "STAR"}) {
    SCOPED_TRACE(broadcast);
    std::vector<StaticInfo> s = {Said(412000123, kT0, broadcast)};
    std::vector<Identity> out;
    FindListedVessels(Mmsi{412000123}, s, {}, index, out);
    EXPECT_TRUE(out.empty()) << out.front().entity_name << " " << out.front().match_score;
  }
}

TEST(ListIndex, ImoAndMmsiStayDecisiveWhateverTheName) {
  const ListIndex index(lists::FictionalList());
  // PAEKDU STAR's IMO and SEA PHOENIX's MMSI under an unrelated name.
  std::vector<StaticInfo> s = {Said(352000123, kT0, "OCEAN GLORY", 9901702)};
  std::vector<Identity> out;
  FindListedVessels(Mmsi{352000123}, s, {}, index, out);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].field, "mmsi");
  EXPECT_EQ(out[0].entity_name, "SEA PHOENIX");
  EXPECT_EQ(out[1].field, "imo");
  EXPECT_EQ(out[1].entity_name, "PAEKDU STAR");
  EXPECT_EQ(NameEvent(out), nullptr);
}

TEST(ListIndex, ScreensEachDistinctBroadcastNameOnce) {
  const ListIndex index(lists::FictionalList());
  std::vector<Identity> out;
  // Three vessels, many reports, two distinct names once normalised.
  for (uint32_t mmsi : {412000001u, 412000002u, 412000003u}) {
    std::vector<StaticInfo> s;
    for (int i = 0; i < 20; ++i)
      s.push_back(Said(mmsi, kT0 + i * 360, i % 2 ? "YU JONG7@@@" : " yu  jong7", 0));
    s.push_back(Said(mmsi, kT0 + 9000, "OCEAN GLORY"));
    FindListedVessels(Mmsi{mmsi}, s, {}, index, out);
  }
  EXPECT_EQ(index.names_screened(), 2u);
  ASSERT_EQ(out.size(), 3u);  // one name event per vessel
  for (const Identity& e : out) EXPECT_EQ(e.entity_name, "YU JONG 7");
  // A copy shares the matcher and what it has screened.
  const ListIndex copy = index;
  EXPECT_EQ(copy.names_screened(), 2u);
}

TEST(ListIndex, NameMatchEvidenceCarriesScoreAndMatchedName) {
  const ListIndex index(lists::FictionalList());
  std::vector<StaticInfo> s = {Said(412000123, kT0, "YU JONG7")};
  Events events;
  FindListedVessels(Mmsi{412000123}, s, {}, index, events.identity);
  ASSERT_EQ(events.identity.size(), 1u);
  std::string json;
  AppendJsonLines(events, PortTable(), json);
  const nlohmann::json j = nlohmann::json::parse(wk::testing::SplitLines(json).at(0));
  EXPECT_EQ(j["kind"], "listed_vessel");
  EXPECT_EQ(j["value"], "YU JONG7");
  EXPECT_EQ(j["list_entry"]["name"], "YU JONG 7");
  ASSERT_TRUE(j.contains("evidence"));
  EXPECT_GE(j["evidence"]["score"].get<double>(), screen::kDefaultThreshold);
  EXPECT_TRUE(j["evidence"]["matched_name"].is_string());
  EXPECT_FALSE(j["evidence"]["explanation"].get<std::string>().empty());
}

TEST(CountryOfMid, CoversEveryMidInLibaisTable) {
  WK_REQUIRE_SHARED("ais/libais/mid.csv");
  std::ifstream in(wk::testing::SharedData("ais/libais/mid.csv"));
  std::string line;
  std::getline(in, line);  // header
  size_t checked = 0;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    const int mid = std::stoi(line.substr(0, line.find(',')));
    EXPECT_FALSE(CountryOfMid(mid).empty()) << "MID " << mid << " (" << line << ")";
    ++checked;
  }
  EXPECT_GT(checked, 280u);
  EXPECT_EQ(CountryOfMid(445), "KP");
  EXPECT_EQ(CountryOfMid(273), "RU");
  EXPECT_EQ(CountryOfMid(351), "PA");
  EXPECT_EQ(CountryOfMid(636), "LR");
  EXPECT_EQ(CountryOfMid(217), "");
}

}  // namespace
}  // namespace wk::detect

namespace wk::detect {
namespace {

TEST(FindIdentityChanges, TwoShipsAlternatingOnOneMmsiAreNotAChange) {
  std::vector<StaticInfo> s;
  for (int i = 0; i < 6; ++i)
    s.push_back(Said(445000001, testing::kT0 + i * 360, i % 2 ? "SHIP B" : "SHIP A", i % 2 ? 9074729 : 9123456));
  std::vector<Identity> out;
  FindIdentityChanges(s, {}, out);
  EXPECT_TRUE(out.empty());
  // A real rename after the alternation is still a change.
  s.push_back(Said(445000001, testing::kT0 + 7 * 360, "SHIP C", 9074729));
  FindIdentityChanges(s, {}, out);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].old_value, "SHIP B");
  EXPECT_EQ(out[0].value, "SHIP C");
}

TEST(FindInvalidIdentity, ChineseMidWithTaiwanSeriesCallSignIsConsistent) {
  std::vector<StaticInfo> s = {Said(413000001, testing::kT0, "X", 0, "BQAD8")};
  std::vector<Identity> out;
  FindInvalidIdentity(Mmsi{413000001}, s, {}, out);
  EXPECT_TRUE(out.empty());
}

}  // namespace
}  // namespace wk::detect
