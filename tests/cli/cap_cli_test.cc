// watchkeeper cap ledger end to end: the demo world's year ledger as JSON
// Lines, CSV and text (the year line adds up its deliveries, from files and
// from the store), and the exit codes of bad input and usage.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

#include "core/core.h"
#include "testing.h"

namespace wk {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;
using testing::RunCli;
using testing::SplitLines;
using testing::TempDir;

// The demo's world (scripts/demo: seed 7, 60 vessels, 3 days), simulated once.
const TempDir& DemoWorld() {
  static TempDir* dir = [] {
    auto* d = new TempDir;
    const testing::CliRun sim =
        RunCli({"simulate", "--seed", "7", "--vessels", "60", "--days", "3", "--out", d->path().string()});
    EXPECT_EQ(sim.status, 0) << sim.err;
    return d;
  }();
  return *dir;
}

std::vector<std::string> LedgerArgs(const std::string& format) {
  const TempDir& w = DemoWorld();
  return {"cap", "ledger", w.File("ais-2024-01-01.nmea"), w.File("ais-2024-01-02.nmea"), w.File("ais-2024-01-03.nmea"),
          "--year", "2024", "--ports", w.File("ports.csv"), "--particulars", w.File("particulars.csv"),
          "--format", format};
}

TEST(CapLedgerCli, JsonLinesYearLineAddsUpTheDeliveries) {
  const testing::CliRun run = RunCli(LedgerArgs("jsonl"));
  ASSERT_EQ(run.status, 0) << run.err;
  std::vector<json> lines;
  for (const std::string& l : SplitLines(run.out))
    if (!l.empty()) lines.push_back(json::parse(l));
  ASSERT_GE(lines.size(), 5u);  // the four planted deliveries, and the year
  const json& year = lines.back();
  ASSERT_EQ(year["type"], "year");
  EXPECT_EQ(year["deliveries"], lines.size() - 1);
  std::map<std::string, int64_t> sum;
  std::map<std::string, std::string> crossed;
  for (size_t i = 0; i + 1 < lines.size(); ++i) {
    const json& d = lines[i];
    EXPECT_EQ(d["type"], "delivery");
    for (const char* key : {"mmsi", "imo", "name", "flag", "load", "discharge", "draught", "capacity_bbl", "barrels", "evidence"})
      EXPECT_TRUE(d.contains(key)) << key;
    EXPECT_EQ(d["discharge"]["port"].get<std::string>().substr(0, 2), "KP");
    EXPECT_GE(d["evidence"].size(), 2u);
    for (auto& [pct, bbl] : d["barrels"].items()) {
      sum[pct] += bbl.get<int64_t>();
      if (!crossed.count(pct) && sum[pct] > 500000) crossed[pct] = d["discharge"]["start"];
    }
  }
  for (const char* pct : {"33", "50", "60", "90"}) {
    EXPECT_EQ(year["barrels"][pct], sum[pct]) << pct;
    if (crossed.count(pct)) EXPECT_EQ(year["crossed"][pct], crossed[pct]) << pct;
    else EXPECT_EQ(year["crossed"][pct], nullptr) << pct;
    EXPECT_EQ(year["difference"][pct].get<double>(), static_cast<double>(sum[pct]) - 168679) << pct;
  }
  EXPECT_EQ(year["cap"], 500000);
  EXPECT_EQ(year["notified"], 168679);
  EXPECT_FALSE(year["notified_sources"].empty());
  EXPECT_EQ(year["measure"]["resolution"], "S/RES/2397 (2017)");
  EXPECT_EQ(year["measure"]["paragraph"], "5");
}

TEST(CapLedgerCli, CsvHasOneRowPerDeliveryAndTheYear) {
  const testing::CliRun jsonl = RunCli(LedgerArgs("jsonl"));
  const testing::CliRun csv = RunCli(LedgerArgs("csv"));
  ASSERT_EQ(csv.status, 0) << csv.err;
  std::vector<std::string> rows;
  for (const std::string& l : SplitLines(csv.out))
    if (!l.empty()) rows.push_back(l);
  const size_t deliveries = SplitLines(jsonl.out).size() - 1;
  ASSERT_EQ(rows.size(), deliveries + 2);  // header, deliveries, year
  EXPECT_THAT(rows[0], HasSubstr("type,year,mmsi,imo,name,flag,load_port,sts_with"));
  EXPECT_THAT(rows[0], HasSubstr("barrels_33,barrels_50,barrels_60,barrels_90,cap,crossed,notified,evidence"));
  EXPECT_EQ(rows[1].rfind("delivery,2024,", 0), 0u);
  EXPECT_EQ(rows.back().rfind("year,2024,", 0), 0u);
  const json year = json::parse(SplitLines(jsonl.out)[deliveries]);
  EXPECT_THAT(rows.back(), HasSubstr("," + std::to_string(year["barrels"]["90"].get<int64_t>()) + ",500000,"));
}

TEST(CapLedgerCli, TextSaysTheYearAgainstTheCapAndWhatWasNotified) {
  const testing::CliRun run = RunCli(LedgerArgs("text"));
  ASSERT_EQ(run.status, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr("S/RES/2397 (2017) para 5: cap 500,000 barrels"));
  EXPECT_THAT(run.out, HasSubstr("Year 2024: "));
  EXPECT_THAT(run.out, HasSubstr("loaded at RUVYP"));
  EXPECT_THAT(run.out, HasSubstr("loaded ship-to-ship from "));
  EXPECT_THAT(run.out, HasSubstr("(laden arrival)"));
  EXPECT_THAT(run.out, HasSubstr("notified to the Committee: 168,679 barrels"));
  EXPECT_THAT(run.out, HasSubstr("the paragraph's wording is not verified"));
}

class CapLedgerStoreCli : public testing::StoreTest {};
WK_ON_EVERY_ENGINE(CapLedgerStoreCli);

TEST_P(CapLedgerStoreCli, TheStoreGivesTheFilesLedger) {
  const TempDir& w = DemoWorld();
  const testing::CliRun ingest = RunCli({"ingest", w.File("ais-2024-01-01.nmea"), w.File("ais-2024-01-02.nmea"),
                                         w.File("ais-2024-01-03.nmea"), "--db", url()});
  ASSERT_EQ(ingest.status, 0) << ingest.err;
  const testing::CliRun stored = RunCli({"cap", "ledger", "--db", url(), "--year", "2024", "--ports", w.File("ports.csv"),
                                         "--particulars", w.File("particulars.csv")});
  ASSERT_EQ(stored.status, 0) << stored.err;
  EXPECT_EQ(stored.out, RunCli(LedgerArgs("jsonl")).out);
}

TEST(CapLedgerCli, WithoutParticularsCapacitiesAreEstimatesWithTheirError) {
  std::vector<std::string> args = LedgerArgs("jsonl");
  args.erase(args.begin() + 9, args.begin() + 11);  // --particulars FILE
  const testing::CliRun run = RunCli(args);
  ASSERT_EQ(run.status, 0) << run.err;
  const json first = json::parse(SplitLines(run.out)[0]);
  EXPECT_EQ(first["capacity_source"], "estimate");
  EXPECT_EQ(first["capacity_error"], 0.3);
}

TEST(CapLedgerCli, BadInputIsExitOneAndUsageIsExitTwo) {
  TempDir dir;
  testing::WriteFile(dir.File("p.csv"), "imo,deadweight_t,type,built\n8660313,lots,Tanker,1989\n");
  std::vector<std::string> args = LedgerArgs("jsonl");
  args[10] = dir.File("p.csv");
  const testing::CliRun bad = RunCli(args);
  EXPECT_EQ(bad.status, 1);
  EXPECT_THAT(bad.err, HasSubstr(dir.File("p.csv") + ":2: deadweight_t 'lots' is not a positive number of tonnes"));

  testing::WriteFile(dir.File("c.conf"), "ledger.window_s = soon\n");
  const testing::CliRun conf = RunCli({"cap", "ledger", "--year", "2024", "--config", dir.File("c.conf")});
  EXPECT_EQ(conf.status, 1);
  EXPECT_THAT(conf.err, HasSubstr("c.conf:1: ledger.window_s: expected a positive number of seconds, got 'soon'"));

  EXPECT_EQ(RunCli({"cap", "ledger", "--year", "2017", "x.nmea"}).status, 2);  // before the cap
  EXPECT_EQ(RunCli({"cap", "ledger", "--year", "2024", "--format", "xml"}).status, 2);
  EXPECT_EQ(RunCli({"cap"}).status, 2);
}

TEST(CapLedgerCli, PrintConfigReadsBack) {
  const testing::CliRun printed = RunCli({"cap", "ledger", "--print-config"});
  ASSERT_EQ(printed.status, 0) << printed.err;
  EXPECT_THAT(printed.out, HasSubstr("ledger.barrels_per_tonne = 7.45"));
  EXPECT_THAT(printed.out, HasSubstr("ledger.scenarios_pct = 33,50,60,90"));
  EXPECT_THAT(printed.out, HasSubstr("RUVYP Vostochny: WPI 60725"));
  TempDir dir;
  testing::WriteFile(dir.File("c.conf"), printed.out);
  const testing::CliRun again = RunCli({"cap", "ledger", "--print-config", "--config", dir.File("c.conf")});
  EXPECT_EQ(again.out, printed.out);
}

}  // namespace
}  // namespace wk
