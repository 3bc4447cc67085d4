// Issue 13 item 6: matches carry their listing, and a vessel is looked up by
// its numbers (`lists show imo:N`, `screen --id imo:N`, `vessel MMSI`).
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "ais/ais.h"
#include "detect/track_helpers.h"
#include "testing.h"

namespace wk::testing {
namespace {

using json = nlohmann::json;

const char* const kSdn = "lists/ofac/sdn-csv-2024-05-03/sdn.csv";
const char* const kUn = "lists/un/UN_consolidated.xml";

// Half an hour of positions from `mmsi`, and one static report saying `imo`.
std::string Ship(uint32_t mmsi, uint32_t imo, const char* name) {
  std::string out;
  for (const auto& f : detect::testing::Still(mmsi, detect::testing::kT0, detect::testing::kT0 + 1800, 600,
                                                     detect::testing::kSeaLat, detect::testing::kSeaLon)) {
    ais::PositionReport r;
    r.mmsi = f.mmsi;
    r.type = 1;
    r.time_ms = f.time_s * 1000;
    r.lat_deg = f.lat_deg;
    r.lon_deg = f.lon_deg;
    r.speed_knots = f.speed_knots;
    r.course_deg = 0;
    ais::EncodePosition(r, "test", out);
  }
  ais::StaticReport s;
  s.mmsi = Mmsi{mmsi};
  s.type = 5;
  s.time_ms = detect::testing::kT0 * 1000;
  s.imo = imo;
  s.name = name;
  ais::EncodeStatic(s, "test", out);
  return out;
}

TEST(VesselCli, Issue13Item6ShowsTheListingsOfItsImoAndMmsi) {
  WK_REQUIRE_SHARED(kSdn);
  TempDir dir;
  const std::string db = dir.File("wk.db");
  // ARTAVIL's MMSI (OFAC 15036, MMSI 572469210) saying CHONG CHON GANG's IMO
  // (OFAC 17069, IMO 7937317): two listings, one by each number.
  WriteFile(dir.File("ship.nmea"), Ship(572469210, 7937317, "ARTAVIL"));
  ASSERT_EQ(RunCli({"ingest", dir.File("ship.nmea"), "--db", db}).status, 0);
  CliRun r = RunCli({"vessel", "572469210", "--db", db});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(json::parse(r.out)["listings"].empty()) << "no list imported yet";
  ASSERT_EQ(RunCli({"lists", "import", SharedData(kSdn), "--date", "2024-05-03", "--db", db}).status, 0);
  r = RunCli({"vessel", "572469210", "--db", db});
  ASSERT_EQ(r.status, 0) << r.err;
  const json listings = json::parse(r.out)["listings"];
  ASSERT_EQ(listings.size(), 2u) << r.out;
  std::map<std::string, json> by_field;
  for (const json& l : listings) by_field[l["field"]] = l;
  EXPECT_EQ(by_field["mmsi"]["entity_id"], "ofac:15036");
  EXPECT_EQ(by_field["mmsi"]["value"], "572469210");
  EXPECT_EQ(by_field["imo"]["entity_id"], "ofac:17069");
  EXPECT_EQ(by_field["imo"]["value"], "7937317");
  EXPECT_EQ(by_field["imo"]["entity_name"], "CHONG CHON GANG");
  EXPECT_EQ(by_field["imo"]["list_version"], 1);
  EXPECT_EQ(by_field["imo"]["list_generated"], "2024-05-03");
  EXPECT_EQ(by_field["imo"]["programmes"], json::array({"DPRK"}));
  EXPECT_EQ(by_field["mmsi"]["programmes"], json::array({"IRAN"}));
  // Another vessel, listed by neither number, has none.
  WriteFile(dir.File("other.nmea"), Ship(357322000, 9811000, "MAERSK"));
  ASSERT_EQ(RunCli({"ingest", dir.File("other.nmea"), "--db", db}).status, 0);
  r = RunCli({"vessel", "357322000", "--db", db});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(json::parse(r.out)["listings"].empty()) << r.out;
}

// A store holding RUNG RA 2 as heard (MMSI 445123456, IMO 9020534) and
// OFAC's and the UK's lists, which both list the ship.
const char* const kUk2018 = "lists/uk/sanctionsconlist-2018-04-13.csv";
void StoreRungRa2WithOfacAndUk(const TempDir& dir, const std::string& db) {
  WriteFile(dir.File("ship.nmea"), Ship(445123456, 9020534, "RUNG RA 2"));
  ASSERT_EQ(RunCli({"ingest", dir.File("ship.nmea"), "--db", db}).status, 0);
  CliRun r = RunCli({"lists", "import", SharedData(kSdn), SharedData(kUk2018), "--db", db});
  ASSERT_EQ(r.status, 0) << r.err;
}

// Issue 11: `vessel` shows each listing's party, so OFAC's RUNG RA 2
// (ofac:23169) and the UK's (uk:13578), both met by IMO 9020534, name each other.
TEST(VesselCli, Issue11EachListingNamesTheOtherListingsOfItsParty) {
  WK_REQUIRE_SHARED(kSdn);
  WK_REQUIRE_SHARED(kUk2018);
  TempDir dir;
  const std::string db = dir.File("wk.db");
  ASSERT_NO_FATAL_FAILURE(StoreRungRa2WithOfacAndUk(dir, db));
  CliRun r = RunCli({"vessel", "445123456", "--db", db});
  ASSERT_EQ(r.status, 0) << r.err;
  const json listings = json::parse(r.out)["listings"];
  ASSERT_EQ(listings.size(), 2u) << r.out;
  std::map<std::string, json> by_id;
  for (const json& l : listings) by_id[l["entity_id"]] = l;
  ASSERT_TRUE(by_id.count("ofac:23169") && by_id.count("uk:13578")) << r.out;
  EXPECT_EQ(by_id["ofac:23169"]["party"], "party:ofac:23169");
  EXPECT_EQ(by_id["uk:13578"]["party"], "party:ofac:23169");
  ASSERT_EQ(by_id["ofac:23169"]["party_listings"].size(), 1u) << r.out;
  const json& other = by_id["ofac:23169"]["party_listings"][0];
  EXPECT_EQ(other["entity_id"], "uk:13578");
  EXPECT_EQ(other["source"], "uk");
  EXPECT_EQ(other["entity_name"], "RUNG RA 2");
  EXPECT_FALSE(other["programmes"].empty());
  EXPECT_EQ(by_id["uk:13578"]["party_listings"][0]["entity_id"], "ofac:23169");
  EXPECT_EQ(by_id["ofac:23169"]["field"], "imo");  // the fields before parties, unchanged
}

// Issue 11: an alert's vessel matches are parties too. The listed-vessel
// alert of a ship met by IMO 9020534 on OFAC's list (RUNG RA 2, ofac:23169)
// also names the UK's entry of the same ship (uk:13578).
TEST(AlertsCli, Issue11AListedVesselAlertShowsTheOtherListsEntries) {
  WK_REQUIRE_SHARED(kSdn);
  WK_REQUIRE_SHARED(kUk2018);
  TempDir dir;
  const std::string db = dir.File("wk.db");
  ASSERT_NO_FATAL_FAILURE(StoreRungRa2WithOfacAndUk(dir, db));
  CliRun r = RunCli({"alerts", "run", "--db", db});
  ASSERT_EQ(r.status, 0) << r.err;
  r = RunCli({"alerts", "list", "--db", db});
  ASSERT_EQ(r.status, 0) << r.err;
  bool seen = false;
  for (const std::string& line : SplitLines(r.out)) {
    const json a = json::parse(line);
    if (a["rule"] != "listed_vessel") continue;
    for (const json& v : a["vessels"])
      for (const json& l : v["listings"]) {
        if (l["field"] != "imo") continue;
        seen = true;
        EXPECT_EQ(l["entity_id"], "ofac:23169");
        EXPECT_EQ(l["party"], "party:ofac:23169");
        ASSERT_EQ(l["party_listings"].size(), 1u) << line;
        EXPECT_EQ(l["party_listings"][0]["entity_id"], "uk:13578");
        EXPECT_EQ(l["party_listings"][0]["source"], "uk");
      }
  }
  EXPECT_TRUE(seen) << r.out;
}

TEST(ListsCli, Issue13Item6ShowAndScreenFindAVesselByMmsi) {
  WK_REQUIRE_SHARED(kSdn);
  TempDir dir;
  const std::string db = dir.File("wk.db");
  ASSERT_EQ(RunCli({"lists", "import", SharedData(kSdn), "--db", db}).status, 0);
  CliRun r = RunCli({"lists", "show", "mmsi:572469210", "--db", db});
  ASSERT_EQ(r.status, 0) << r.err;
  ASSERT_EQ(SplitLines(r.out).size(), 1u) << r.out;
  EXPECT_EQ(json::parse(r.out)["id"], "ofac:15036");
  EXPECT_EQ(RunCli({"lists", "show", "mmsi:123", "--db", db}).status, 2);
  r = RunCli({"screen", "--id", "mmsi:572469210", "--db", db});
  ASSERT_EQ(r.status, 0) << r.err;
  const json j = json::parse(r.out);
  ASSERT_EQ(j["matches"].size(), 1u) << r.out;
  EXPECT_EQ(j["matches"][0]["id"], "ofac:15036");
  EXPECT_EQ(j["matches"][0]["listing"]["list_version"], 1);
  EXPECT_EQ(j["matches"][0]["listing"]["list_date"], "") << "an OFAC CSV imported without --date";
  // --schema still filters.
  r = RunCli({"screen", "--id", "mmsi:572469210", "--schema", "person", "--db", db});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(json::parse(r.out)["matches"].empty()) << r.out;
  // Still a usage error: neither a name nor a number.
  EXPECT_EQ(RunCli({"screen", "--db", db}).status, 2);
}

TEST(ScreenCli, Issue13Item6MatchesFromFilesCarryTheirListing) {
  WK_REQUIRE_SHARED(kUn);
  CliRun r = RunCli({"screen", "Yun Ho-jin", "--limit", "1", "--lists", SharedData(kUn)});
  ASSERT_EQ(r.status, 0) << r.err;
  const json listing = json::parse(r.out)["matches"][0]["listing"];
  EXPECT_EQ(listing["source"], "un");
  EXPECT_TRUE(listing["list_version"].is_null()) << "files are no stored version";
  EXPECT_EQ(listing["list_date"], "2026-02-27T00:00:09.554Z");
  EXPECT_EQ(listing["programmes"], json::array({"DPRK"}));
  EXPECT_EQ(listing["listed_on"], "2009-07-16");
  r = RunCli({"screen", "Yun Ho-jin", "--limit", "1", "--format", "text", "--lists", SharedData(kUn)});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("un list of 2026-02-27, DPRK, listed 2009-07-16"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace wk::testing
