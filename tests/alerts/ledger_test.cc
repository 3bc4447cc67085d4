// The refined-petroleum ledger (docs/cap-ledger.md): the lading arithmetic
// against the published 2018 pair, the delivery rule on both sides of each
// edge, the year line against the cap, the particulars and config files, and
// the simulated worlds' planted deliveries and decoys on files and the store.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "alerts/alerts.h"
#include "council/council.h"
#include "detect/detect.h"
#include "store/store.h"
#include "testing.h"
#include "tracks/tracks.h"

namespace wk::alerts {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;

constexpr int64_t kDay = 86400;
const int64_t kJan2024 = DaysFromCivil(2024, 1, 1) * kDay;

// ---- The arithmetic ---------------------------------------------------------------

TEST(LadingScenarios, ReproduceThePublishedPairOf2018) {
  // The US count to the 1718 Committee, 1 January to 30 May 2018: "1,367,628
  // barrels if fully loaded at around 90 per cent laden", 759,793 at half.
  EXPECT_EQ(RescaleBarrels(1367628, 90, 50), 759793);
  // The same through the capacity: the 89 deliveries' capacity at 100%.
  const double capacity = 1367628 / 0.9;
  EXPECT_EQ(ScenarioBarrels(capacity, 90), 1367628);
  EXPECT_EQ(ScenarioBarrels(capacity, 50), 759793);
}

TEST(LadingScenarios, BarrelsAreDeadweightTimesFractionTimesBarrelsPerTonne) {
  // A 3,000 t tanker of gasoil (7.45 bbl/t) at 33, 50, 60 and 90 per cent.
  const double capacity = 3000 * LedgerConfig{}.barrels_per_tonne;
  EXPECT_EQ(ScenarioBarrels(capacity, 33), 7376);  // 22,350 x 0.33 = 7,375.5
  EXPECT_EQ(ScenarioBarrels(capacity, 50), 11175);
  EXPECT_EQ(ScenarioBarrels(capacity, 60), 13410);
  EXPECT_EQ(ScenarioBarrels(capacity, 90), 20115);
}

// ---- The delivery rule on hand-made events ----------------------------------------

// A small world of events: ports, vessels' reports and detect's events typed
// in, so each rule is tested on both sides of its edge.
struct Scene {
  detect::PortTable ports{std::vector<detect::Port>{
      {"RUVYP", "Vostochny", 42.75, 133.07, 5, "RU", false},
      {"KPNAM", "Nampo", 38.72, 125.40, 5, "KP", true},
      {"KPSGN", "Songrim", 38.73, 125.60, 5, "KP", true},
      {"CNSHD", "Shidao", 36.87, 122.47, 5, "CN", false},
  }};
  tracks::Traffic traffic;
  detect::Events events;
  std::vector<Particulars> particulars;
  LedgerConfig config;

  void Vessel(uint32_t mmsi, uint32_t imo, int ship_type, std::vector<std::pair<int64_t, float>> draughts = {}) {
    tracks::StaticInfo s;
    s.mmsi = Mmsi{mmsi};
    s.time_s = kJan2024 - 30 * kDay;
    s.imo = imo;
    s.name = "SHIP " + std::to_string(mmsi);
    s.ship_type = ship_type;
    traffic.statics.push_back(s);
    for (const auto& [t, d] : draughts) {
      tracks::StaticInfo r = s;
      r.time_s = t;
      r.draught_m = d;
      traffic.statics.push_back(r);
    }
    tracks::SortStatics(traffic.statics);
  }
  void Call(uint32_t mmsi, const std::string& port, int64_t start, int64_t end) {
    detect::PortCall c;
    c.mmsi = Mmsi{mmsi};
    for (size_t i = 0; i < ports.size(); ++i)
      if (ports.ports()[i].locode == port) c.port = static_cast<int>(i);
    c.start_s = start;
    c.end_s = end;
    events.port_calls.push_back(c);
  }
  void Meet(uint32_t a, uint32_t b, int64_t start, int64_t end) {
    detect::Encounter e;
    e.mmsi = Mmsi{std::min(a, b)};
    e.other_mmsi = Mmsi{std::max(a, b)};
    e.start_s = start;
    e.end_s = end;
    events.encounters.push_back(e);
  }
  Ledger Build(int year = 2024) {
    Result<Ledger> l = BuildLedger({traffic, events, ports, particulars, council::DefaultRegime()}, config, year);
    EXPECT_TRUE(l.ok()) << (l.ok() ? "" : l.error().message);
    return l.ok() ? *l : Ledger{};
  }
};

// IMO numbers as broadcast (the ledger joins them to particulars; it does not check them).
constexpr uint32_t kImoA = 9123454, kImoB = 9234566;

TEST(Ledger, TerminalLoadThenDprkCallIsOneDeliveryWithItsEvidence) {
  Scene s;
  const int64_t t = kJan2024 + 10 * kDay;
  s.Vessel(445000001, kImoA, 80, {{t, 4.0f}, {t + 8 * 3600, 7.1f}, {t + 3 * kDay + 9 * 3600, 4.1f}});
  s.particulars.push_back({kImoA, 3000, "Oil products tanker", 1995, ""});
  s.Call(445000001, "RUVYP", t, t + 10 * 3600);
  s.Call(445000001, "KPNAM", t + 3 * kDay, t + 3 * kDay + 12 * 3600);
  const Ledger l = s.Build();
  ASSERT_EQ(l.deliveries.size(), 1u);
  const Delivery& d = l.deliveries[0];
  EXPECT_EQ(d.load.port, "RUVYP");
  EXPECT_EQ(d.discharge_port, "KPNAM");
  EXPECT_EQ(d.flag, "KP");
  EXPECT_FLOAT_EQ(d.load_before_m, 4.0f);
  EXPECT_FLOAT_EQ(d.load_after_m, 7.1f);
  EXPECT_FLOAT_EQ(d.arrival_m, 7.1f);
  EXPECT_FLOAT_EQ(d.departure_m, 4.1f);
  EXPECT_TRUE(d.laden_arrival);
  EXPECT_EQ(d.capacity_source, "particulars");
  EXPECT_EQ(d.barrels, (std::vector<std::pair<int, int64_t>>{{33, 7376}, {50, 11175}, {60, 13410}, {90, 20115}}));
  EXPECT_THAT(d.evidence(), ::testing::ElementsAre("port_call:445000001:RUVYP:2024-01-11T00:00:00Z",
                                                   "port_call:445000001:KPNAM:2024-01-14T00:00:00Z"));
}

TEST(Ledger, WindowIsFifteenDaysFromTheEndOfTheLoad) {
  for (int64_t extra : {int64_t{0}, int64_t{1}}) {
    Scene s;
    const int64_t t = kJan2024 + 2 * kDay;
    s.Vessel(445000001, kImoA, 80);
    s.Call(445000001, "RUVYP", t, t + 3600);
    s.Call(445000001, "KPNAM", t + 3600 + 15 * kDay + extra, t + 16 * kDay + 7200 + extra);
    EXPECT_EQ(s.Build().deliveries.size(), extra == 0 ? 1u : 0u) << extra;
  }
}

TEST(Ledger, AnotherPortCallBetweenOrNoLoadingIsNoDelivery) {
  Scene s;
  const int64_t t = kJan2024 + 2 * kDay;
  s.Vessel(445000001, kImoA, 80);
  s.Call(445000001, "RUVYP", t, t + 3600);
  s.Call(445000001, "CNSHD", t + kDay, t + kDay + 3600);  // a call between
  s.Call(445000001, "KPNAM", t + 2 * kDay, t + 2 * kDay + 3600);
  s.Vessel(445000002, kImoB, 80);
  s.Call(445000002, "CNSHD", t, t + 3600);  // no oil terminal
  s.Call(445000002, "KPNAM", t + kDay, t + kDay + 3600);
  // Nampo then Songrim: the second DPRK call follows a DPRK call, not a load.
  s.Call(445000001, "KPSGN", t + 3 * kDay, t + 3 * kDay + 3600);
  EXPECT_TRUE(s.Build().deliveries.empty());
}

TEST(Ledger, OnlyTankersByTheirAisTypeOrTheirParticulars) {
  Scene s;
  const int64_t t = kJan2024 + 2 * kDay;
  s.Vessel(445000001, kImoA, 70);  // cargo ship by AIS, a tanker by its particulars
  s.particulars.push_back({kImoA, 2000, "Oil/chemical tanker", 1990, ""});
  s.Vessel(445000002, kImoB, 70);  // cargo ship, no particulars
  s.Vessel(445000003, 9345670, 89);  // the last tanker type
  for (uint32_t m : {445000001u, 445000002u, 445000003u}) {
    s.Call(m, "RUVYP", t, t + 3600);
    s.Call(m, "KPNAM", t + kDay, t + kDay + 3600);
  }
  const Ledger l = s.Build();
  ASSERT_EQ(l.deliveries.size(), 2u);
  EXPECT_EQ(l.deliveries[0].mmsi.value, 445000001u);
  EXPECT_EQ(l.deliveries[1].mmsi.value, 445000003u);
  EXPECT_EQ(l.deliveries[1].capacity_source, "");  // no particulars, no dimensions: no barrels
  EXPECT_TRUE(l.deliveries[1].barrels.empty());
  EXPECT_EQ(l.year.without_capacity, 1);
}

TEST(Ledger, ShipToShipThenDprkCallIsOneDeliveryForTheShipThatTookTheCargo) {
  Scene s;
  const int64_t t = kJan2024 + 5 * kDay;
  // Both tankers go on to DPRK ports after meeting: the one whose draught
  // rose took the cargo; the other's is not a second delivery.
  s.Vessel(273000001, 9456781, 80, {{t - kDay, 7.5f}, {t + 7200, 4.0f}});  // the giver, Russian
  s.Vessel(445000001, kImoA, 80, {{t - kDay, 3.9f}, {t + 7200, 6.9f}});
  s.Meet(273000001, 445000001, t, t + 4 * 3600);
  s.Call(445000001, "KPNAM", t + kDay, t + 2 * kDay);
  s.Call(273000001, "KPSGN", t + kDay, t + 2 * kDay);
  const Ledger l = s.Build();
  ASSERT_EQ(l.deliveries.size(), 1u);
  EXPECT_EQ(l.deliveries[0].mmsi.value, 445000001u);
  ASSERT_TRUE(l.deliveries[0].load.sts_with.has_value());
  EXPECT_EQ(l.deliveries[0].load.sts_with->value, 273000001u);
  EXPECT_TRUE(l.deliveries[0].loaded_draught);
  EXPECT_EQ(l.deliveries[0].load.event_id, "encounter:273000001-445000001:2024-01-06T00:00:00Z");
}

TEST(Ledger, MeetingANonTankerIsNoLoad) {
  Scene s;
  const int64_t t = kJan2024 + 5 * kDay;
  s.Vessel(445000001, kImoA, 80);
  s.Vessel(412000001, kImoB, 30);  // a fishing vessel
  s.Meet(412000001, 445000001, t, t + 4 * 3600);
  s.Call(445000001, "KPNAM", t + kDay, t + 2 * kDay);
  EXPECT_TRUE(s.Build().deliveries.empty());
}

TEST(Ledger, GapsOnTheWayAreEvidence) {
  Scene s;
  const int64_t t = kJan2024 + 5 * kDay;
  s.Vessel(445000001, kImoA, 80);
  s.Call(445000001, "RUVYP", t, t + 3600);
  s.Call(445000001, "KPNAM", t + 3 * kDay, t + 3 * kDay + 3600);
  detect::Gap g;
  g.mmsi = Mmsi{445000001};
  g.before.time_s = t + kDay;
  g.after.time_s = t + 2 * kDay;
  s.events.gaps.push_back(g);
  const Ledger l = s.Build();
  ASSERT_EQ(l.deliveries.size(), 1u);
  EXPECT_THAT(l.deliveries[0].evidence(), ::testing::Contains("gap:445000001:2024-01-07T00:00:00Z"));
}

TEST(Ledger, CapacityEstimatedFromDimensionsWithItsStatedError) {
  Scene s;
  const int64_t t = kJan2024 + 5 * kDay;
  s.Vessel(445000001, 0, 80);
  for (tracks::StaticInfo& r : s.traffic.statics) {
    r.length_m = 100;
    r.beam_m = 15;
  }
  s.Call(445000001, "RUVYP", t, t + 3600);
  s.Call(445000001, "KPNAM", t + kDay, t + kDay + 3600);
  const Ledger l = s.Build();
  ASSERT_EQ(l.deliveries.size(), 1u);
  const Delivery& d = l.deliveries[0];
  EXPECT_EQ(d.capacity_source, "estimate");
  // 0.80 x 100 x 15 x (15 / 2.8) x 1.025 x 0.80 = 5,271.4 t
  EXPECT_NEAR(d.deadweight_t, 5271.43, 0.01);
  EXPECT_DOUBLE_EQ(d.capacity_error, 0.30);
  EXPECT_NEAR(d.capacity_bbl, 5271.43 * 7.45, 0.1);
}

TEST(Ledger, YearLineAddsTheDeliveriesAndDatesTheCrossingUnderEachScenario) {
  Scene s;
  // Ten deliveries of a 10,000 t tanker (74,500 bbl at 100%), one every 10
  // days: at 90% the cap falls at the 8th (536,400 > 500,000), at 60% never
  // (447,000 after ten), and the 2025 call belongs to 2025.
  for (uint32_t k = 0; k < 11; ++k) {
    const uint32_t mmsi = 445100000 + k;
    const uint32_t imo = 9000000 + k;  // check digit fixed below
    uint32_t base = imo / 10, sum = 0;
    for (uint32_t b = base, w = 2; w <= 7; ++w, b /= 10) sum += b % 10 * w;
    const uint32_t valid = base * 10 + sum % 10;
    s.Vessel(mmsi, valid, 80);
    s.particulars.push_back({valid, 10000, "Tanker", 2000, ""});
    const int64_t t = k < 10 ? kJan2024 + 10 * k * kDay : DaysFromCivil(2025, 1, 2) * kDay;
    s.Call(mmsi, "RUVYP", t, t + 3600);
    s.Call(mmsi, "KPNAM", t + kDay, t + kDay + 3600);
  }
  const Ledger l = s.Build(2024);
  ASSERT_EQ(l.deliveries.size(), 10u);
  EXPECT_EQ(l.year.deliveries, 10);
  EXPECT_EQ(l.year.cap_bbl, 500000);
  for (size_t k = 0; k < l.year.barrels.size(); ++k) {
    int64_t sum = 0;
    std::optional<int64_t> crossed;
    for (const Delivery& d : l.deliveries) {
      sum += d.barrels[k].second;
      if (!crossed && sum > 500000) crossed = d.discharge_start_s;
    }
    EXPECT_EQ(l.year.barrels[k].second, sum);
    EXPECT_EQ(l.year.crossed_s[k].second, crossed);
  }
  EXPECT_EQ(l.year.barrels[3].second, 670500);  // 90%: 10 x 67,050
  EXPECT_EQ(l.year.crossed_s[3].second, l.deliveries[7].discharge_start_s);
  EXPECT_FALSE(l.year.crossed_s[2].second.has_value());  // 60%: 447,000
  // Beside it, the Committee's figure for 2024 and its source.
  ASSERT_TRUE(l.year.notified.has_value());
  EXPECT_EQ(*l.year.notified, 168679);
  EXPECT_FALSE(l.year.notified_sources.empty());
  EXPECT_EQ(l.year.measure_id, "2397-refined-cap");
  EXPECT_EQ(l.year.paragraph, "5");
  EXPECT_TRUE(l.year.measure_in_force);
  std::string out;
  AppendLedgerJsonLines(l, out);
  const std::vector<std::string> lines = testing::SplitLines(out);
  ASSERT_EQ(lines.size(), 11u);
  const json year = json::parse(lines.back());
  EXPECT_EQ(year["type"], "year");
  EXPECT_EQ(year["barrels"]["90"], 670500);
  EXPECT_EQ(year["difference"]["90"], 670500 - 168679);
  EXPECT_EQ(year["crossed"]["60"], nullptr);
  EXPECT_EQ(year["cap"], 500000);
}

TEST(Ledger, AYearWithoutANotifiedTotalSaysUnknownNotZero) {
  Scene s;
  const Ledger l = s.Build(2022);
  EXPECT_FALSE(l.year.notified.has_value());
  EXPECT_FALSE(l.year.notified_note.empty());
  std::string out;
  AppendLedgerJsonLines(l, out);
  const json year = json::parse(testing::SplitLines(out).back());
  EXPECT_EQ(year["notified"], nullptr);
  EXPECT_EQ(year["difference"]["50"], nullptr);
  EXPECT_EQ(year["measure"]["text_is_summary"], true);
  EXPECT_THAT(year["measure"]["text_note"].get<std::string>(), HasSubstr("could not be verified"));
}

TEST(WithTerminals, AddsMissingTerminalsOnceAndNeverDuplicatesAPortUnderAnotherCode) {
  const LedgerConfig config;
  // detect's built-in table has every terminal, some under other codes
  // (CNDLC for Dalian, CNTXG for Tianjin): nothing is added.
  const detect::PortTable builtin = detect::PortTable::BuiltIn();
  EXPECT_EQ(WithTerminals(builtin, config).size(), builtin.size());
  // A table of Nampo alone gains the eight terminal ports, each once.
  const detect::PortTable nampo(std::vector<detect::Port>{{"KPNAM", "Nampo", 38.72, 125.40, 5, "KP", true}});
  const detect::PortTable with = WithTerminals(nampo, config);
  EXPECT_EQ(with.size(), 9u);
  const int vostochny = with.Containing(42.75, 133.08);
  ASSERT_GE(vostochny, 0);
  EXPECT_EQ(with.ports()[static_cast<size_t>(vostochny)].locode, "RUVYP");
}

// ---- The particulars and config files ------------------------------------------------

TEST(ParseParticulars, ReadsTheDocumentedColumnsInAnyOrder) {
  auto p = ParseParticulars("name,built,type,deadweight_t,imo\nCHON MA SAN,1989,Oil products tanker,3846,IMO 8660313\n",
                            "p.csv");
  ASSERT_TRUE(p.ok()) << p.error().message;
  ASSERT_EQ(p->size(), 1u);
  EXPECT_EQ((*p)[0].imo, 8660313u);
  EXPECT_EQ((*p)[0].deadweight_t, 3846);
  EXPECT_TRUE((*p)[0].tanker());
  EXPECT_EQ((*p)[0].built, 1989);
}

TEST(ParseParticulars, RefusesBadRowsNamingFileAndLine) {
  auto error = [](const std::string& text) {
    auto p = ParseParticulars(text, "p.csv");
    return p.ok() ? std::string() : p.error().message;
  };
  const std::string header = "imo,deadweight_t,type,built\n";
  EXPECT_EQ(error("imo,type\n"), "p.csv:1: the header has no column 'deadweight_t' (expected imo,deadweight_t,type,built[,name])");
  EXPECT_EQ(error(header + "8660313,3846,Tanker,1989\n8660314,100,Tanker,1990\n"),
            "p.csv:3: imo '8660314' is not a seven-digit IMO number with a valid check digit");
  EXPECT_EQ(error(header + "8660313,-5,Tanker,1989\n"), "p.csv:2: deadweight_t '-5' is not a positive number of tonnes");
  EXPECT_EQ(error(header + "8660313,3846,Tanker,89\n"), "p.csv:2: built '89' is not a year 1900-2100");
  EXPECT_EQ(error(header + "8660313,3846,Tanker,1989\n8660313,3846,Tanker,1989\n"), "p.csv:3: imo 8660313 is given twice");
  EXPECT_EQ(error(header + "8660313,3846,Tanker\n"), "p.csv:2: 3 fields where the header has 4");
  EXPECT_THAT(error(header + "\"8660313,3846,Tanker,1989\n"), HasSubstr("p.csv:2:"));
}

TEST(ParseLedgerConfig, LedgerKeysAreOursAndTheRestAreDetects) {
  auto c = ParseLedgerConfig(
      "# a comment\nledger.window_s = 864000\nledger.scenarios_pct = 90, 50\nledger.barrels_per_tonne = 8.5\n"
      "encounter.min_s = 3600\nledger.terminals = RUVYP,CNSHD\n",
      "c.conf");
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_EQ(c->window_s, 10 * kDay);
  EXPECT_EQ(c->scenarios_pct, (std::vector<int>{50, 90}));
  EXPECT_EQ(c->barrels_per_tonne, 8.5);
  EXPECT_EQ(c->detect.encounter_min_s, 3600);
  ASSERT_EQ(c->terminals.size(), 2u);
  EXPECT_EQ(c->terminals[0].name, "Vostochny");  // the built-in WPI position kept
  EXPECT_TRUE(std::isnan(c->terminals[1].lat_deg));

  auto bad = ParseLedgerConfig("ledger.window_s = 1\nledger.scenarios_pct = 0,50\n", "c.conf");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().message, "c.conf:2: ledger.scenarios_pct: expected per cents 1-100, comma-separated, got '0,50'");
  auto unknown = ParseLedgerConfig("\n\nledger.nope = 1\n", "c.conf");
  EXPECT_EQ(unknown.error().message, "c.conf:3: unknown key 'ledger.nope'");
  auto detect_bad = ParseLedgerConfig("ledger.window_s = 86400\nnope = 1\n", "c.conf");
  EXPECT_THAT(detect_bad.error().message, HasSubstr("c.conf:2: unknown key 'nope'"));
}

TEST(ParseLedgerConfig, FormatReadsBack) {
  LedgerConfig c;
  c.scenarios_pct = {25, 75};
  c.product = "gasoline";
  c.barrels_per_tonne = 8.5;
  auto back = ParseLedgerConfig(FormatLedgerConfig(c), "printed");
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(back->scenarios_pct, c.scenarios_pct);
  EXPECT_EQ(back->product, "gasoline");
  EXPECT_EQ(back->barrels_per_tonne, 8.5);
  EXPECT_EQ(back->terminals.size(), c.terminals.size());
}

// ---- Simulated worlds: every planted delivery, no decoy ---------------------------------

std::vector<json> JsonLines(const std::string& path) {
  std::vector<json> out;
  for (const std::string& line : testing::SplitLines(testing::ReadFile(path)))
    if (!line.empty()) out.push_back(json::parse(line));
  return out;
}

int64_t Time(const json& j) { return *ParseTimeMs(j.get<std::string>()) / 1000; }

// Scores a ledger against the world's deliveries.jsonl: each truth delivery
// matches one found (same vessel, DPRK port, load; discharge within an hour),
// none is left over, no decoy appears, and barrels are deadweight x 7.45 x
// each scenario.
void ExpectLedgerMatchesTruth(const Ledger& ledger, const testing::TempDir& world, const std::string& what) {
  std::vector<json> truth;
  std::set<uint32_t> decoys;
  for (const json& j : JsonLines(world.File("deliveries.jsonl"))) {
    if (j["type"] == "delivery") truth.push_back(j);
    if (j["type"] == "decoy") {
      decoys.insert(j["mmsi"].get<uint32_t>());
      if (j.contains("other_mmsi")) decoys.insert(j["other_mmsi"].get<uint32_t>());
    }
  }
  ASSERT_GE(truth.size(), 4u) << what;  // the four planted, and any the base fleet makes
  EXPECT_EQ(decoys.size(), 5u) << what;
  std::vector<bool> used(ledger.deliveries.size(), false);
  size_t matched = 0;
  for (const json& t : truth) {
    bool found = false;
    for (size_t i = 0; i < ledger.deliveries.size() && !found; ++i) {
      const Delivery& d = ledger.deliveries[i];
      if (used[i] || d.mmsi.value != t["mmsi"].get<uint32_t>() || d.discharge_port != t["discharge"]["port"] ||
          std::llabs(d.discharge_start_s - Time(t["discharge"]["start"])) > 3600)
        continue;
      found = used[i] = true;
      if (t["load"].contains("port")) {
        EXPECT_EQ(d.load.port, t["load"]["port"]) << what;
      } else {
        ASSERT_TRUE(d.load.sts_with.has_value()) << what;
        EXPECT_EQ(d.load.sts_with->value, t["load"]["sts_with"].get<uint32_t>()) << what;
      }
      EXPECT_EQ(d.capacity_source, "particulars") << what;
      const double capacity = t["deadweight_t"].get<double>() * 7.45;
      ASSERT_EQ(d.barrels.size(), 4u);
      for (const auto& [pct, bbl] : d.barrels) EXPECT_EQ(bbl, std::llround(capacity * pct / 100)) << what << " " << pct;
    }
    EXPECT_TRUE(found) << what << ": missed " << t.dump();
    matched += found;
  }
  for (size_t i = 0; i < ledger.deliveries.size(); ++i) {
    EXPECT_TRUE(used[i]) << what << ": not planted: " << ledger.deliveries[i].mmsi.value;
    EXPECT_FALSE(decoys.count(ledger.deliveries[i].mmsi.value)) << what << ": a decoy counted";
  }
  // Precision and recall 1.0.
  EXPECT_EQ(matched, truth.size()) << what;
  EXPECT_EQ(ledger.deliveries.size(), truth.size()) << what;
}

Ledger LedgerOf(const tracks::Traffic& traffic, const testing::TempDir& world) {
  LedgerConfig config;
  Result<detect::PortTable> ports = detect::LoadPortsCsv(world.File("ports.csv"));
  EXPECT_TRUE(ports.ok());
  const detect::PortTable table = WithTerminals(*ports, config);
  const detect::Events events = detect::DetectAll(traffic.tracks, traffic.statics, table, config.detect);
  Result<std::vector<Particulars>> particulars = LoadParticulars(world.File("particulars.csv"));
  EXPECT_TRUE(particulars.ok()) << (particulars.ok() ? "" : particulars.error().message);
  Result<Ledger> l = BuildLedger({traffic, events, table, *particulars, council::DefaultRegime()}, config, 2024);
  EXPECT_TRUE(l.ok());
  return l.ok() ? *l : Ledger{};
}

void Simulate(const testing::TempDir& dir, int seed, const std::string& drop) {
  const testing::CliRun sim = testing::RunCli({"simulate", "--seed", std::to_string(seed), "--vessels", "40", "--days",
                                               "3", "--drop", drop, "--out", dir.path().string()});
  ASSERT_EQ(sim.status, 0) << sim.err;
}

std::vector<std::string> NmeaFiles(const testing::TempDir& dir) {
  std::vector<std::string> files;
  for (int d = 1; d <= 3; ++d) files.push_back(dir.File("ais-2024-01-0" + std::to_string(d) + ".nmea"));
  return files;
}

TEST(LedgerOnSimulatedWorlds, FindsEveryPlantedDeliveryAndNoDecoyCleanAndWith20PercentDropped) {
  for (int seed : {3, 11, 29}) {
    for (const std::string drop : {"0", "0.2"}) {
      testing::TempDir dir;
      Simulate(dir, seed, drop);
      Result<tracks::Traffic> traffic = tracks::ReadTraffic(NmeaFiles(dir));
      ASSERT_TRUE(traffic.ok());
      ExpectLedgerMatchesTruth(LedgerOf(*traffic, dir), dir, "seed " + std::to_string(seed) + " drop " + drop);
    }
  }
}

class LedgerStoreTest : public testing::StoreTest {};
WK_ON_EVERY_ENGINE(LedgerStoreTest);

TEST_P(LedgerStoreTest, TheStoreGivesTheSameLedgerAsTheFiles) {
  testing::TempDir dir;
  Simulate(dir, 7, "0.02");
  auto db = store::Open(url());
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE(tracks::Ingest(*db, NmeaFiles(dir), {}).ok());
  Result<tracks::Traffic> stored = tracks::LoadTraffic(*db);
  Result<tracks::Traffic> files = tracks::ReadTraffic(NmeaFiles(dir));
  ASSERT_TRUE(stored.ok() && files.ok());
  const Ledger from_store = LedgerOf(*stored, dir), from_files = LedgerOf(*files, dir);
  ExpectLedgerMatchesTruth(from_store, dir, "store");
  std::string a, b;
  AppendLedgerJsonLines(from_store, a);
  AppendLedgerJsonLines(from_files, b);
  EXPECT_EQ(a, b);
}

}  // namespace
}  // namespace wk::alerts
