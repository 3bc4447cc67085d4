// The rules on the real captures in ../shared/data/ais with the four real
// lists: what they raise is examined in docs/alerts-real-captures.md. None of
// these captures was made near the DPRK, so a rule about the DPRK's coast or
// ports that fires on them is wrong.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>

#include "testing.h"

namespace wk::testing {
namespace {

using json = nlohmann::json;

class RealCaptures : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    for (const char* need : {"ais/aisdb", "ais/csv", "ais/dma-aislib", "ais/gpsd-regress", "lists/un/UN_consolidated.xml",
                             "lists/ofac/sdn-csv-2024-05-03/sdn.csv", "lists/eu/EUSanctionsShort-2018-07-04.csv",
                             "lists/uk/sanctionsconlist-2018-04-13.csv"})
      if (!std::filesystem::exists(SharedData(need))) {
        missing_ = need;
        return;
      }
    dir_ = new TempDir();
    const std::string db = dir_->File("real.db");
    std::vector<std::string> ingest = {"ingest", "--db", db};
    for (const char* folder : {"ais/aisdb", "ais/csv", "ais/dma-aislib", "ais/gpsd-regress"})
      for (const auto& f : std::filesystem::directory_iterator(SharedData(folder))) {
        const std::string ext = f.path().extension().string();
        if (ext == ".nmea" || ext == ".nm4" || ext == ".csv" || ext == ".txt" || ext == ".log" || ext == ".aivdm")
          ingest.push_back(f.path().string());
      }
    ASSERT_EQ(RunCli(ingest).status, 0);
    for (const char* list : {"lists/un/UN_consolidated.xml", "lists/ofac/sdn-csv-2024-05-03/sdn.csv",
                             "lists/eu/EUSanctionsShort-2018-07-04.csv", "lists/uk/sanctionsconlist-2018-04-13.csv"})
      ASSERT_EQ(RunCli({"lists", "import", SharedData(list), "--db", db}).status, 0) << list;
    ASSERT_EQ(RunCli({"alerts", "run", "--db", db}).status, 0);
    const CliRun listed = RunCli({"alerts", "list", "--db", db, "--limit", "100000"});
    ASSERT_EQ(listed.status, 0) << listed.err;
    alerts_ = new std::vector<json>();
    for (const std::string& line : SplitLines(listed.out)) alerts_->push_back(json::parse(line));
  }
  static void TearDownTestSuite() {
    delete alerts_;
    delete dir_;
  }
  void SetUp() override {
    if (!missing_.empty()) {
      if (std::getenv("WK_REQUIRE_DATA")) FAIL() << "missing ../shared/data/" << missing_;
      GTEST_SKIP() << "no ../shared/data/" << missing_;
    }
    ASSERT_NE(alerts_, nullptr);
  }
  static inline std::string missing_;
  static inline TempDir* dir_ = nullptr;
  static inline std::vector<json>* alerts_ = nullptr;
};

TEST_F(RealCaptures, NoDarkGapAlertSpansCapturesMonthsApart) {
  // Before the 30-day bound (alerts.dark_max_gap_s): 29 dark_near_dprk alerts,
  // silences of 6,864 to 110,316 hours between captures years apart, with "a
  // DPRK port within reach" because in years every port is.
  for (const json& a : *alerts_) {
    const std::string rule = a["rule"];
    EXPECT_NE(rule, "dark_near_dprk") << a["summary"];
  }
}

TEST_F(RealCaptures, EveryAlertNamesItsVesselsAndWhatMadeItAnAlert) {
  ASSERT_FALSE(alerts_->empty());
  std::map<std::string, int> by_rule;
  for (const json& a : *alerts_) {
    ++by_rule[a["rule"]];
    ASSERT_FALSE(a["vessels"].empty()) << a["summary"];
    EXPECT_FALSE(a["events"].empty()) << a["summary"];
    EXPECT_FALSE(a["summary"].get<std::string>().empty());
    if (a["rule"] == "listed_vessel") {
      // Far from the DPRK, only a listing makes a sighting an alert: each
      // carries its entry, list version and what matched.
      const json& listings = a["vessels"][0]["listings"];
      ASSERT_FALSE(listings.empty()) << a["summary"];
      for (const json& l : listings) {
        EXPECT_GT(l["list_version"].get<int64_t>(), 0);
        EXPECT_FALSE(l["entity_id"].get<std::string>().empty());
        // The 20 name-only listings these captures gave were all false, each
        // contradicted by the broadcast IMO, MMSI, call sign or flag, or a
        // typing distance between short names (docs/alerts-real-captures.md).
        EXPECT_TRUE(l["field"] == "imo" || l["field"] == "mmsi") << l;
      }
    }
  }
  // Only listings raise alerts on these captures: none was made in DPRK waters.
  for (const auto& [rule, n] : by_rule) EXPECT_EQ(rule, "listed_vessel") << n << " alerts of rule " << rule;
  EXPECT_EQ(by_rule["listed_vessel"], 6);
}

TEST_F(RealCaptures, Issue13Item6EachListingCarriesItsProgrammes) {
  // An alert's listing says under which programme or regime the entry is
  // listed (OFAC's "DPRK3", "IRAN"; the UN's "DPRK"), as screening matches do.
  size_t listings = 0;
  for (const json& a : *alerts_)
    for (const json& v : a["vessels"])
      for (const json& l : v["listings"]) {
        ++listings;
        ASSERT_TRUE(l.contains("programmes") && l["programmes"].is_array()) << l;
        EXPECT_FALSE(l["programmes"].empty()) << l;
        EXPECT_TRUE(l.contains("listed_on")) << l;
      }
  EXPECT_GT(listings, 0u);
}

}  // namespace
}  // namespace wk::testing
