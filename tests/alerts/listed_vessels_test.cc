// The listed-vessel join: broadcast IMO, MMSI and names against the lists,
// names through the screening matcher; and listed vessels printed among
// detect's events.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "alerts/alerts.h"
#include "detect/track_helpers.h"
#include "lists/lists.h"
#include "screen/screen.h"
#include "testing.h"

namespace wk::alerts {
namespace {

using detect::testing::At;
using detect::testing::kSeaLat;
using detect::testing::kSeaLon;
using detect::testing::kT0;
using detect::testing::Said;
using tracks::StaticInfo;

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
  std::vector<ListedVessel> out;
  FindListedVessels(Mmsi{445000009}, s, {}, index, out);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].field, "imo");
  EXPECT_EQ(out[0].entry.entity_id, "ofac:123");
  EXPECT_EQ(out[1].field, "name");
  // A company's IMO company number is not a ship's IMO number.
  out.clear();
  s[0] = Said(445000009, kT0, "", 1790183);
  FindListedVessels(Mmsi{445000009}, s, {}, index, out);
  EXPECT_TRUE(out.empty());
}

const ListedVessel* NameEvent(const std::vector<ListedVessel>& out) {
  for (const ListedVessel& e : out)
    if (e.field == "name") return &e;
  return nullptr;
}

// The fictional list with YU JONG 7's MMSI and flag left out, so that a
// name broadcast from another MMSI is not contradicted (issue 13 item 1):
// for the tests of the matcher's spellings.
std::vector<lists::Entity> YuJongByNameOnly() {
  std::vector<lists::Entity> list = lists::FictionalList();
  for (lists::Entity& e : list) {
    if (e.names.empty() || e.names[0].full != "YU JONG 7") continue;
    std::erase_if(e.identifiers, [](const lists::Identifier& id) { return id.type == lists::IdType::kMmsi; });
    e.countries.clear();
  }
  return list;
}

TEST(ListIndex, ScreeningMatcherFindsVariantsOfAListedVesselName) {
  const ListIndex index(YuJongByNameOnly());
  // Broadcast spellings of the listed "YU JONG 7" (alias "YUJONG-7"), from an
  // MMSI and without an IMO number that are on no list.
  for (const char* broadcast : {"YU JONG7", "M/V YUJONG-7", "MV YU-JONG 7", "yu jong 7@@@@"}) {
    SCOPED_TRACE(broadcast);
    std::vector<StaticInfo> s = {Said(412000123, kT0, broadcast)};
    std::vector<ListedVessel> out;
    FindListedVessels(Mmsi{412000123}, s, {}, index, out);
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(out[0].field, "name");
    EXPECT_EQ(out[0].entry.entity_name, "YU JONG 7");
    EXPECT_GE(out[0].score, screen::kDefaultThreshold);
    EXPECT_LE(out[0].score, 1.0);
    EXPECT_TRUE(out[0].matched_name == "YU JONG 7" || out[0].matched_name == "YUJONG-7")
        << out[0].matched_name;
    EXPECT_FALSE(out[0].explanation.empty());
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
    std::vector<ListedVessel> out;
    FindListedVessels(Mmsi{412000123}, s, {}, index, out);
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(out[0].entry.entity_id, "un:KPv.990");
    EXPECT_EQ(out[0].matched_name, "YU JONG 7");
    EXPECT_GE(out[0].score, screen::kDefaultThreshold);
  }
}

TEST(ListIndex, UnrelatedNamesAreNotListed) {
  const ListIndex index(lists::FictionalList());
  // Other ships, and a sister ship whose number differs from the listed one.
  for (const char* broadcast : {"OCEAN GLORY", "MAERSK KOWLOON", "YU JONG 2", "SEA EAGLE", "STAR"}) {
    SCOPED_TRACE(broadcast);
    std::vector<StaticInfo> s = {Said(412000123, kT0, broadcast)};
    std::vector<ListedVessel> out;
    FindListedVessels(Mmsi{412000123}, s, {}, index, out);
    EXPECT_TRUE(out.empty()) << out.front().entry.entity_name << " " << out.front().score;
  }
}

TEST(ListIndex, ImoAndMmsiStayDecisiveWhateverTheName) {
  const ListIndex index(lists::FictionalList());
  // PAEKDU STAR's IMO and SEA PHOENIX's MMSI under an unrelated name.
  std::vector<StaticInfo> s = {Said(352000123, kT0, "OCEAN GLORY", 9901702)};
  std::vector<ListedVessel> out;
  FindListedVessels(Mmsi{352000123}, s, {}, index, out);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].field, "mmsi");
  EXPECT_EQ(out[0].entry.entity_name, "SEA PHOENIX");
  EXPECT_EQ(out[1].field, "imo");
  EXPECT_EQ(out[1].entry.entity_name, "PAEKDU STAR");
  EXPECT_EQ(NameEvent(out), nullptr);
}

TEST(ListIndex, ScreensEachDistinctBroadcastNameOnce) {
  const ListIndex index(YuJongByNameOnly());
  std::vector<ListedVessel> out;
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
  for (const ListedVessel& e : out) EXPECT_EQ(e.entry.entity_name, "YU JONG 7");
  // A copy shares the matcher and what it has screened.
  const ListIndex copy = index;
  EXPECT_EQ(copy.names_screened(), 2u);
}

TEST(ListIndex, NameMatchEvidenceCarriesScoreAndMatchedName) {
  const ListIndex index(YuJongByNameOnly());
  std::vector<StaticInfo> s = {Said(412000123, kT0, "YU JONG7")};
  std::vector<ListedVessel> listed;
  FindListedVessels(Mmsi{412000123}, s, {}, index, listed);
  ASSERT_EQ(listed.size(), 1u);
  std::vector<detect::EventRow> rows;
  AppendEventRows(listed, rows);
  std::string json;
  detect::AppendJsonLines(rows, json);
  const nlohmann::json j = nlohmann::json::parse(wk::testing::SplitLines(json).at(0));
  EXPECT_EQ(j["kind"], "listed_vessel");
  EXPECT_EQ(j["value"], "YU JONG7");
  EXPECT_EQ(j["list_entry"]["name"], "YU JONG 7");
  ASSERT_TRUE(j.contains("evidence"));
  EXPECT_GE(j["evidence"]["score"].get<double>(), screen::kDefaultThreshold);
  EXPECT_TRUE(j["evidence"]["matched_name"].is_string());
  EXPECT_FALSE(j["evidence"]["explanation"].get<std::string>().empty());
}

TEST(FindListedVessels, AllVesselsInMmsiOrderWithTheirPositions) {
  const ListIndex index(YuJongByNameOnly());
  std::vector<StaticInfo> s = {Said(412000123, kT0 + 60, "YU JONG7"),
                               Said(352000123, kT0, "OCEAN GLORY", 9901702)};
  tracks::SortStatics(s);
  const tracks::TrackSet t = tracks::MakeTrackSet({At(412000123, kT0, kSeaLat, kSeaLon)});
  std::vector<ListedVessel> all = FindListedVessels(t, s, index);
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].mmsi, Mmsi{352000123});
  EXPECT_EQ(all[0].field, "mmsi");
  EXPECT_TRUE(std::isnan(all[0].lat_deg));  // no position
  EXPECT_EQ(all[1].field, "imo");
  EXPECT_EQ(all[2].mmsi, Mmsi{412000123});
  EXPECT_EQ(all[2].field, "name");
  EXPECT_EQ(all[2].lat_deg, kSeaLat);
  EXPECT_EQ(all[2].start_s, kT0);  // heard from its first position
  EXPECT_TRUE(FindListedVessels(t, s, ListIndex()).empty());
}

TEST(AppendEventRows, ListedVesselsSortAmongDetectEvents) {
  // detect's identity events of a vessel come before its listed-vessel
  // events at the same time; other events sort by time, then type.
  detect::Events events;
  detect::InvalidIdentity bad;
  bad.mmsi = Mmsi{445000001};
  bad.start_s = bad.end_s = kT0;
  bad.field = "imo";
  bad.value = "1234567";
  bad.reason = "IMO check digit is wrong";
  events.invalid_identities.push_back(bad);
  detect::Loitering loiter;
  loiter.mmsi = Mmsi{445000002};
  loiter.start_s = kT0 + 60;
  loiter.end_s = kT0 + 9 * 3600;
  events.loitering.push_back(loiter);
  ListedVessel listed;
  listed.mmsi = Mmsi{445000001};
  listed.start_s = listed.end_s = kT0;
  listed.field = "imo";
  listed.value = "1234567";
  ListedVessel early = listed;
  early.mmsi = Mmsi{445000009};
  early.start_s = kT0 - 60;
  std::vector<detect::EventRow> rows = detect::EventRows(events, detect::PortTable::BuiltIn());
  AppendEventRows(std::vector<ListedVessel>{listed, early}, rows);
  std::string jsonl, csv;
  detect::AppendJsonLines(rows, jsonl);
  detect::AppendCsv(rows, csv);
  std::vector<std::string> lines = wk::testing::SplitLines(jsonl);
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_NE(lines[0].find("\"mmsi\":445000009,\"kind\":\"listed_vessel\""), std::string::npos);
  EXPECT_NE(lines[1].find("\"kind\":\"invalid_identity\""), std::string::npos);
  EXPECT_NE(lines[2].find("\"mmsi\":445000001,\"kind\":\"listed_vessel\""), std::string::npos);
  EXPECT_NE(lines[3].find("\"type\":\"loitering\""), std::string::npos);
  std::vector<std::string> csv_lines = wk::testing::SplitLines(csv);
  ASSERT_EQ(csv_lines.size(), 5u);
  EXPECT_EQ(csv_lines[1].substr(0, 34), "identity,listed_vessel,445000009,,");
}

// Issue 13 item 1: a name is no evidence when the broadcast identity denies
// it. The listings are OFAC's (sdn.csv of 2024-05-03); the broadcasts are the
// NOAA capture's and the issue's.
lists::Entity Vessel(const char* id, std::vector<const char*> names, std::vector<lists::Identifier> ids,
                     std::vector<std::string> flags) {
  lists::Entity e;
  e.id = id;
  e.source = "ofac";
  e.schema = lists::Schema::kVessel;
  for (const char* n : names)
    e.names.push_back({n, e.names.empty() ? lists::NameKind::kPrimary : lists::NameKind::kAlias, "Latn"});
  e.identifiers = std::move(ids);
  e.countries = std::move(flags);
  return e;
}

lists::Identifier Id(lists::IdType type, const char* value) { return {type, value, "", true, ""}; }

TEST(ListIndex, Issue13Item1BroadcastIdentityContradictsANameMatch) {
  using lists::IdType;
  const ListIndex index({
      Vessel("ofac:35740", {"TANGO"}, {Id(IdType::kImo, "1010703"), Id(IdType::kMmsi, "518100626")}, {"CK"}),
      Vessel("ofac:15054", {"HUGE", "GLORY"},
             {Id(IdType::kCallSign, "T2EG4"), Id(IdType::kImo, "9357183"), Id(IdType::kMmsi, "212256000")}, {"IR"}),
      Vessel("ofac:30000", {"MURMANSK"}, {Id(IdType::kImo, "9167930")}, {}),
      Vessel("ofac:24508", {"PATRIOT"}, {Id(IdType::kImo, "9003550")}, {"RU"}),
  });
  struct Case {
    uint32_t mmsi;
    const char* name;
    uint32_t imo;
    const char* callsign;
  };
  // Another MMSI (TANGO), call sign (GLORY), valid IMO (MURMANSK), flag (PATRIOT from a US MMSI).
  for (const Case& c : {Case{538071309, "TANGO", 0, "V7KT8"}, Case{367782940, "GLORY", 0, "WDJ4970"},
                        Case{273000000, "MURMANSK", 8118140, ""}, Case{366907630, "PATRIOT", 0, "WDB5255"}}) {
    SCOPED_TRACE(c.name);
    std::vector<StaticInfo> s = {Said(c.mmsi, kT0, c.name, c.imo)};
    s[0].callsign = c.callsign;
    std::vector<ListedVessel> out;
    FindListedVessels(Mmsi{c.mmsi}, s, {}, index, out);
    EXPECT_TRUE(out.empty()) << out.front().reason;
  }
  // The same name with an identity that agrees is reported, saying what agreed;
  // an invalid IMO (a US documentation number) says nothing either way.
  std::vector<StaticInfo> s = {Said(518100626, kT0, "TANGO", 1010704)};
  std::vector<ListedVessel> out;
  FindListedVessels(Mmsi{518100626}, s, {}, index, out);
  const ListedVessel* name = NameEvent(out);
  ASSERT_NE(name, nullptr);
  ASSERT_EQ(name->checks.size(), 2u);
  EXPECT_EQ(name->checks[0].field, "mmsi");
  EXPECT_TRUE(name->checks[0].agrees);
  EXPECT_EQ(name->checks[1].field, "flag");
  EXPECT_TRUE(name->checks[1].agrees);
  EXPECT_NE(name->reason.find("the broadcast MMSI, flag agree"), std::string::npos) << name->reason;
  // A listed IMO stays decisive under another name and call sign; the event
  // shows what else agreed and what did not (a ship renamed since).
  std::vector<StaticInfo> renamed = {Said(212256000, kT0, "NEW NAME", 9357183)};
  renamed[0].callsign = "5BXX1";
  out.clear();
  FindListedVessels(Mmsi{212256000}, renamed, {}, index, out);
  ASSERT_EQ(out.size(), 2u);  // its MMSI and IMO are HUGE's
  EXPECT_EQ(out[1].field, "imo");
  bool call_sign_differs = false;
  for (const IdentityCheck& c : out[1].checks)
    if (c.field == "call_sign") call_sign_differs = !c.agrees && c.broadcast == "5BXX1" && c.listed == "T2EG4";
  EXPECT_TRUE(call_sign_differs);
}

TEST(ListIndex, Issue13Item1ShortNamesNeedMoreThanOneEdit) {
  const ListIndex index({Vessel("ofac:33917", {"MARLIN"}, {}, {}),
                         Vessel("un:KPv.001", {"SAM JONG 2", "BIMA"}, {}, {}),
                         Vessel("ofac:24510", {"BELLA"}, {}, {}),
                         Vessel("ofac:37444", {"GRACEFUL"}, {}, {})});
  for (const char* broadcast : {"MARTIN", "BIMI", "BELL", "LA BELLE"}) {
    SCOPED_TRACE(broadcast);
    std::vector<StaticInfo> s = {Said(368085190, kT0, broadcast)};
    std::vector<ListedVessel> out;
    FindListedVessels(Mmsi{368085190}, s, {}, index, out);
    EXPECT_TRUE(out.empty()) << out.front().reason;
  }
  // Eight letters leave room for one typing error.
  std::vector<StaticInfo> s = {Said(368138880, kT0, "GRACEFULL")};
  std::vector<ListedVessel> out;
  FindListedVessels(Mmsi{368138880}, s, {}, index, out);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].matched_name, "GRACEFUL");
}

// Issue 11: an alert's vessel matches are parties too. Two lists give the
// same IMO for one ship: the entry met carries the other as its party's.
TEST(ListIndex, Issue11AListingCarriesTheOtherEntriesOfItsParty) {
  lists::Entity ofac;
  ofac.id = "ofac:1";
  ofac.source = "ofac";
  ofac.schema = lists::Schema::kVessel;
  ofac.names = {{"SEA STAR", lists::NameKind::kPrimary, "Latn"}};
  ofac.identifiers = {lists::MakeIdentifier(lists::IdType::kImo, "9020534")};
  ofac.programmes = {"DPRK4"};
  lists::Entity uk = ofac;
  uk.id = "uk:2";
  uk.source = "uk";
  uk.names = {{"SEA STAR 1", lists::NameKind::kPrimary, "Latn"}};
  uk.programmes = {"North Korea"};
  uk.listed_on = "2018-01-03";
  lists::Entity other = ofac;  // another ship of another list: its own party
  other.id = "eu:3";
  other.source = "eu";
  other.names = {{"OTHER SHIP", lists::NameKind::kPrimary, "Latn"}};
  other.identifiers = {lists::MakeIdentifier(lists::IdType::kImo, "9191773")};
  const ListIndex index({ofac, uk, other});
  std::vector<StaticInfo> s = {Said(445000009, kT0, "", 9020534)};
  std::vector<ListedVessel> out;
  FindListedVessels(Mmsi{445000009}, s, {}, index, out);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].entry.entity_id, "ofac:1");
  EXPECT_EQ(out[0].party.id, "party:ofac:1");
  ASSERT_EQ(out[0].party.others.size(), 1u);
  EXPECT_EQ(out[0].party.others[0], (PartyListing{"uk:2", "SEA STAR 1", "uk", {"North Korea"}, "2018-01-03"}));
  EXPECT_TRUE(index.PartyOf("eu:3").others.empty());
  EXPECT_EQ(index.PartyOf("eu:3").id, "party:eu:3");
  EXPECT_TRUE(index.PartyOf("un:nothing").id.empty());
  std::string line;
  AppendJson(out[0], line);
  const nlohmann::json j = nlohmann::json::parse(line);
  EXPECT_EQ(j["list_entry"]["id"], "ofac:1");  // the fields before parties, unchanged
  EXPECT_EQ(j["list_entry"]["party"], "party:ofac:1");
  EXPECT_EQ(j["list_entry"]["party_listings"][0]["id"], "uk:2");
  EXPECT_EQ(j["list_entry"]["party_listings"][0]["listed_on"], "2018-01-03");
}

// The four real lists: OFAC's RUNG RA 2 (ofac:23169) met by its IMO 9020534
// brings the UK's entry of the same ship (uk:13578, "IMO: 9020534").
TEST(ListIndex, Issue11RealListsAShipMetOnOfacShowsItsUkListing) {
  const char* files[] = {"lists/un/UN_consolidated.xml", "lists/ofac/sdn-csv-2024-05-03/sdn.csv",
                         "lists/uk/sanctionsconlist-2018-04-13.csv", "lists/eu/EUSanctionsShort-2018-07-04.csv"};
  std::vector<std::string> paths;
  for (const char* f : files) {
    WK_REQUIRE_SHARED(f);
    paths.push_back(wk::testing::SharedData(f));
  }
  Result<ListIndex> index = LoadListIndex(paths);
  ASSERT_TRUE(index.ok()) << index.error().message;
  std::vector<StaticInfo> s = {Said(445000009, kT0, "", 9020534)};
  std::vector<ListedVessel> out;
  FindListedVessels(Mmsi{445000009}, s, {}, *index, out);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].entry.entity_id, "ofac:23169");
  EXPECT_EQ(out[0].party.id, "party:ofac:23169");
  ASSERT_EQ(out[0].party.others.size(), 1u);
  EXPECT_EQ(out[0].party.others[0].entity_id, "uk:13578");
  EXPECT_EQ(out[0].party.others[0].source, "uk");
  EXPECT_EQ(out[0].party.others[0].entity_name, "RUNG RA 2");
  EXPECT_FALSE(out[0].party.others[0].programmes.empty());
  EXPECT_FALSE(out[0].party.others[0].listed_on.empty());
}

// A listing's party goes into the alert's JSON and comes back from the store's.
TEST(AlertJson, Issue11ListingPartyReadsBack) {
  Alert a;
  a.rule = Rule::kListedVessel;
  a.severity = Severity::kCritical;
  VesselIdentity v;
  v.mmsi = Mmsi{445000009};
  Listing l;
  l.entity_id = "ofac:1";
  l.source = "ofac";
  l.field = "imo";
  l.value = "9020534";
  l.party = "party:ofac:1";
  l.party_listings = {{"uk:2", "SEA STAR 1", "uk", {"North Korea"}, "2018-01-03"}};
  v.listings = {l};
  a.vessels = {v};
  std::string out;
  AppendAlertJson(out, a);
  Result<Alert> back = ParseAlertJson(out);
  ASSERT_TRUE(back.ok()) << back.error().message;
  ASSERT_EQ(back->vessels.size(), 1u);
  ASSERT_EQ(back->vessels[0].listings.size(), 1u);
  EXPECT_EQ(back->vessels[0].listings[0].party, "party:ofac:1");
  EXPECT_EQ(back->vessels[0].listings[0].party_listings, l.party_listings);
  nlohmann::json j = nlohmann::json::parse(out);
  EXPECT_EQ(j["vessels"][0]["listings"][0]["party_listings"][0]["entity_id"], "uk:2");
  // An alert stored before parties has none.
  j["vessels"][0]["listings"][0].erase("party");
  j["vessels"][0]["listings"][0].erase("party_listings");
  Result<Alert> old = ParseAlertJson(j.dump());
  ASSERT_TRUE(old.ok()) << old.error().message;
  EXPECT_EQ(old->vessels[0].listings[0].party, "");
  EXPECT_TRUE(old->vessels[0].listings[0].party_listings.empty());
}

}  // namespace
}  // namespace wk::alerts
