#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <map>
#include <sstream>

#include "detect/detect.h"
#include "testing.h"
#include "track_helpers.h"

namespace wk::detect {
namespace {

using namespace wk::detect::testing;

TEST(FindMmsiConflicts, TwoShipsSharingAnMmsiConflict) {
  // Two ships 200 km apart broadcasting one MMSI, interleaved.
  std::vector<Fix> f;
  for (int i = 0; i < 12; ++i)
    f.push_back(At(412000001, kT0 + i * 300, kSeaLat + (i % 2 ? 1.8 : 0), kSeaLon, 10));
  std::vector<MmsiConflict> out;
  FindMmsiConflicts(f, Config{}, out);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].kKind, "mmsi_conflict");
  EXPECT_EQ(out[0].jumps, 11u);
  EXPECT_GT(out[0].max_implied_speed_kn, 1000);
  EXPECT_FALSE(out[0].jump_examples.empty());
}

// Issue 13 item 4: two places in the same second imply no speed; they are
// counted as such, not printed as a billion knots.
TEST(FindMmsiConflicts, TwoPlacesAtOnceAreCountedNotGivenASpeed) {
  std::vector<Fix> f;
  for (int i = 0; i < 6; ++i) {
    f.push_back(At(412000001, kT0 + i * 600, kSeaLat, kSeaLon, 10));
    f.push_back(At(412000001, kT0 + i * 600, kSeaLat + 1.8, kSeaLon, 10));
  }
  TrackSet t = tracks::MakeTrackSet(f);
  ASSERT_EQ(t.size(), 1u);
  std::vector<MmsiConflict> out;
  FindMmsiConflicts(t.track(0), Config{}, out);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_GE(out[0].simultaneous_jumps, 6u);
  EXPECT_LT(out[0].simultaneous_jumps, out[0].jumps);  // the jumps between seconds have a speed
  EXPECT_TRUE(std::isfinite(out[0].max_implied_speed_kn));
  EXPECT_LT(out[0].max_implied_speed_kn, 1e6);
  Events e;
  e.mmsi_conflicts = out;
  std::string json;
  AppendJsonLines(e, PortTable::BuiltIn(), json);
  auto j = nlohmann::json::parse(wk::testing::SplitLines(json).at(0));
  EXPECT_EQ(j["evidence"]["simultaneous_jumps"].get<size_t>(), out[0].simultaneous_jumps);
  EXPECT_EQ(json.find("1000000000"), std::string::npos) << json;

  // Only two places at once: no speed at all.
  std::vector<MmsiConflict> only;
  std::vector<Fix> same = {At(412000001, kT0, kSeaLat, kSeaLon, 10),
                           At(412000001, kT0, kSeaLat + 1.8, kSeaLon, 10)};
  Config one_jump;
  one_jump.conflict_min_jumps = 1;
  FindMmsiConflicts(same, one_jump, only);
  ASSERT_EQ(only.size(), 1u);
  Events e2;
  e2.mmsi_conflicts = only;
  std::string json2;
  AppendJsonLines(e2, PortTable::BuiltIn(), json2);
  auto j2 = nlohmann::json::parse(wk::testing::SplitLines(json2).at(0));
  EXPECT_TRUE(j2["evidence"]["max_implied_speed_kn"].is_null()) << json2;
}

TEST(FindMmsiConflicts, OneGpsGlitchIsNot) {
  auto f = Sail(412000001, kT0, kT0 + 6 * 3600, 600, kSeaLat, kSeaLon, 10);
  f[10].lat_deg += 1.0;  // out and back: two jumps
  std::vector<MmsiConflict> out;
  FindMmsiConflicts(f, Config{}, out);
  EXPECT_TRUE(out.empty());
}

TEST(FindMmsiConflicts, FastShipIsNot) {
  auto f = Sail(412000001, kT0, kT0 + 6 * 3600, 60, kSeaLat, kSeaLon, 40);
  std::vector<MmsiConflict> out;
  FindMmsiConflicts(f, Config{}, out);
  EXPECT_TRUE(out.empty());
}

TEST(FindIdentityChanges, NewNameIsAChangeWithBothNames) {
  std::vector<StaticInfo> s = {Said(445000001, kT0, "CHON MA SAN", 8660313),
                               Said(445000001, kT0 + 3600, "CHON MA SAN  ", 8660313),
                               Said(445000001, kT0 + 7200, "XIN GUANG HAI", 8660313)};
  std::vector<IdentityChange> out;
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
  std::vector<IdentityChange> out;
  FindIdentityChanges(s, {}, out);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].field, "imo");
  EXPECT_EQ(out[0].old_value, "9000001");
  EXPECT_EQ(out[0].value, "9123456");
}

TEST(FindInvalidIdentity, WrongImoCheckDigit) {
  ASSERT_TRUE(IsValidImo(9074729));
  std::vector<StaticInfo> s = {Said(445000001, kT0, "X", 9074728)};
  std::vector<InvalidIdentity> out;
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
  std::vector<InvalidIdentity> out;
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
  std::vector<InvalidIdentity> out;
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

TEST(FindIdentityChanges, TwoShipsAlternatingOnOneMmsiAreNotAChange) {
  std::vector<StaticInfo> s;
  for (int i = 0; i < 6; ++i)
    s.push_back(Said(445000001, kT0 + i * 360, i % 2 ? "SHIP B" : "SHIP A", i % 2 ? 9074729 : 9123456));
  std::vector<IdentityChange> out;
  FindIdentityChanges(s, {}, out);
  EXPECT_TRUE(out.empty());
  // A real rename after the alternation is still a change.
  s.push_back(Said(445000001, kT0 + 7 * 360, "SHIP C", 9074729));
  FindIdentityChanges(s, {}, out);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].old_value, "SHIP B");
  EXPECT_EQ(out[0].value, "SHIP C");
}

TEST(FindInvalidIdentity, ChineseMidWithTaiwanSeriesCallSignIsConsistent) {
  std::vector<StaticInfo> s = {Said(413000001, kT0, "X", 0, "BQAD8")};
  std::vector<InvalidIdentity> out;
  FindInvalidIdentity(Mmsi{413000001}, s, {}, out);
  EXPECT_TRUE(out.empty());
}

}  // namespace
}  // namespace wk::detect
