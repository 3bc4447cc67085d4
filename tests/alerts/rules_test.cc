// The alert rules scored against the simulator's planted truth, end to end
// through the command line on both engines: simulate, ingest, import the
// world's fictional designations, `alerts run`, `alerts list`.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <map>
#include <set>

#include "alerts/alerts.h"
#include "testing.h"

namespace wk::alerts {
namespace {

using nlohmann::json;
using testing::RunCli;

std::vector<json> ReadJsonLines(const std::string& path) {
  std::vector<json> out;
  for (const std::string& line : testing::SplitLines(testing::ReadFile(path)))
    if (!line.empty()) out.push_back(json::parse(line));
  return out;
}

double Km(double lat1, double lon1, double lat2, double lon2) {
  const double r = 3.14159265358979323846 / 180, a = std::sin((lat2 - lat1) * r / 2),
               b = std::sin((lon2 - lon1) * r / 2);
  const double h = a * a + std::cos(lat1 * r) * std::cos(lat2 * r) * b * b;
  return 2 * 6371.0088 * std::asin(std::sqrt(h));
}

// The alerts the truth calls for, by key, derived from the rules' definitions
// (docs/alerts.md) without the code under test.
std::map<std::string, std::string> ExpectedAlerts(const testing::TempDir& world) {
  std::set<uint32_t> kp, tanker, designated;
  std::map<uint32_t, std::set<uint32_t>> by_imo;
  for (const json& v : ReadJsonLines(world.File("vessels.jsonl"))) {
    const uint32_t mmsi = v["mmsi"];
    if (v["flag"] == "KP") kp.insert(mmsi);
    if (v["kind"] == "tanker") tanker.insert(mmsi);
    if (v["imo"].get<uint32_t>()) by_imo[v["imo"].get<uint32_t>()].insert(mmsi);
  }
  for (const json& d : ReadJsonLines(world.File("designations.jsonl"))) {
    if (!d["mmsi"].is_null()) designated.insert(d["mmsi"].get<uint32_t>());
    if (!d["imo"].is_null())
      for (uint32_t m : by_imo[d["imo"].get<uint32_t>()]) designated.insert(m);
  }
  std::vector<std::pair<double, double>> kp_ports;
  for (const std::string& line : testing::SplitLines(testing::ReadFile(world.File("ports.csv"))))
    if (line.rfind("KP", 0) == 0) {
      std::vector<std::string> f;
      std::stringstream ss(line);
      for (std::string c; std::getline(ss, c, ',');) f.push_back(c);
      kp_ports.push_back({std::stod(f[2]), std::stod(f[3])});
    }
  auto involved = [&](uint32_t m) { return kp.count(m) || designated.count(m); };
  const std::vector<json> truth = ReadJsonLines(world.File("truth.jsonl"));
  std::set<uint32_t> traded;
  for (const json& t : truth) {
    if (t["type"] == "port_call" && t["port"].get<std::string>().rfind("KP", 0) == 0) traded.insert(t["mmsi"].get<uint32_t>());
    if (t["type"] == "encounter") {
      const uint32_t a = t["mmsi"], b = t["other_mmsi"];
      if (kp.count(a)) traded.insert(b);
      if (kp.count(b)) traded.insert(a);
    }
  }
  std::map<std::string, std::string> want;
  for (const json& t : truth) {
    const std::string type = t["type"];
    const uint32_t m = t["mmsi"];
    const std::string id = std::to_string(m);
    if (type == "encounter") {
      const uint32_t o = t["other_mmsi"];
      if (involved(m) || involved(o))
        want["dprk_encounter:" + std::to_string(std::min(m, o)) + "-" + std::to_string(std::max(m, o))] = "2375-sts";
    } else if (type == "port_call") {
      if (t["port"].get<std::string>().rfind("KP", 0) == 0 && !kp.count(m))
        want["dprk_port_call:" + id] = tanker.count(m) ? "2397-refined-cap" : "2397-export-bans";
    } else if (type == "gap") {
      if (t.contains("visited") && t["visited"].get<std::string>().rfind("KP", 0) == 0) want["dark_near_dprk:" + id] = "";
    } else if (type == "identity") {
      if (involved(m) || traded.count(m)) want["identity_manipulation:" + id] = "";
    } else if (type == "port_sequence") {
      bool regime = false, foreign = false;
      for (const json& p : t["ports"]) (p.get<std::string>().rfind("KP", 0) == 0 ? regime : foreign) = true;
      if (regime && foreign) want["dprk_port_sequence:" + id] = "";
    } else if (type == "loitering" && tanker.count(m)) {
      for (auto [lat, lon] : kp_ports)
        if (Km(t["lat"], t["lon"], lat, lon) <= 150) want["tanker_loitering:" + id] = "";
    }
  }
  for (uint32_t m : designated) want["listed_vessel:" + std::to_string(m)] = "1718-asset-freeze";
  return want;
}

class AlertRules : public testing::StoreTest {};

TEST_P(AlertRules, EveryPlantedEventInvolvingTheRegimeOrAListingRaisesOneAlert) {
  for (const char* seed : {"7", "11"}) {
    SCOPED_TRACE(std::string("seed ") + seed);
    testing::TempDir world;
    const std::string db = test_store().Another(std::string("world") + seed);
    ASSERT_EQ(RunCli({"simulate", "--seed", seed, "--vessels", "60", "--days", "3", "--out", world.path().string()}).status, 0);
    std::vector<std::string> ingest = {"ingest", "--db", db};
    for (const auto& f : std::filesystem::directory_iterator(world.path()))
      if (f.path().extension() == ".nmea") ingest.push_back(f.path().string());
    ASSERT_EQ(RunCli(ingest).status, 0);
    const testing::CliRun imported = RunCli({"lists", "import", world.File("designations.xml"), "--db", db});
    ASSERT_EQ(imported.status, 0) << imported.err;
    const int64_t version = json::parse(testing::SplitLines(imported.out).front())["version"];

    const testing::CliRun run = RunCli({"alerts", "run", "--db", db, "--ports", world.File("ports.csv")});
    ASSERT_EQ(run.status, 0) << run.err;
    const testing::CliRun list = RunCli({"alerts", "list", "--db", db});
    ASSERT_EQ(list.status, 0) << list.err;

    const std::map<std::string, std::string> want = ExpectedAlerts(world);
    std::map<std::string, json> got;
    for (const std::string& line : testing::SplitLines(list.out)) {
      if (line.empty()) continue;
      json a = json::parse(line);
      EXPECT_FALSE(got.count(a["key"])) << "two alerts for " << a["key"];
      got[a["key"]] = a;
    }
    for (const auto& [key, primary] : want) {
      ASSERT_TRUE(got.count(key)) << "missed: " << key;
      const json& a = got[key];
      for (const char* field : {"id", "rule", "severity", "status", "start", "end", "vessels", "events", "measures", "summary"})
        EXPECT_TRUE(a.contains(field)) << key << " lacks " << field;
      ASSERT_FALSE(a["measures"].empty()) << key << " cites no measure";
      if (!primary.empty()) EXPECT_EQ(a["measures"][0]["id"], primary) << key;
      for (const json& m : a["measures"]) EXPECT_FALSE(m["text"].get<std::string>().empty()) << key;
      for (const json& v : a["vessels"])
        for (const json& l : v["listings"]) EXPECT_EQ(l["list_version"], version) << key;
    }
    for (const auto& [key, a] : got) EXPECT_TRUE(want.count(key)) << "not planted: " << key << " " << a["summary"];

    // The same input again: every alert is already there, nothing changes.
    const testing::CliRun again = RunCli({"alerts", "run", "--db", db, "--ports", world.File("ports.csv")});
    ASSERT_EQ(again.status, 0) << again.err;
    const json sum = json::parse(again.out);
    EXPECT_EQ(sum["opened"], 0);
    EXPECT_EQ(sum["unchanged"], sum["derived"]);
  }
}

TEST_P(AlertRules, StatusChangesAndFiltersSeeThem) {
  testing::TempDir world;
  const std::string db = url();
  ASSERT_EQ(RunCli({"simulate", "--seed", "7", "--vessels", "60", "--days", "3", "--out", world.path().string()}).status, 0);
  std::vector<std::string> ingest = {"ingest", "--db", db};
  for (const auto& f : std::filesystem::directory_iterator(world.path()))
    if (f.path().extension() == ".nmea") ingest.push_back(f.path().string());
  ASSERT_EQ(RunCli(ingest).status, 0);
  ASSERT_EQ(RunCli({"alerts", "run", "--db", db, "--ports", world.File("ports.csv")}).status, 0);
  const testing::CliRun enc = RunCli({"alerts", "list", "--db", db, "--rule", "dprk_encounter"});
  ASSERT_EQ(enc.status, 0);
  const std::vector<std::string> lines = testing::SplitLines(enc.out);
  ASSERT_FALSE(lines.empty());
  const json first = json::parse(lines.front());
  EXPECT_EQ(first["rule"], "dprk_encounter");
  const std::string id = std::to_string(first["id"].get<int64_t>());
  ASSERT_EQ(RunCli({"alerts", "status", id, "acknowledged", "--db", db}).status, 0);
  const testing::CliRun acked = RunCli({"alerts", "list", "--db", db, "--status", "acknowledged"});
  ASSERT_EQ(testing::SplitLines(acked.out).size(), 1u);
  EXPECT_EQ(json::parse(acked.out)["id"], first["id"]);
  EXPECT_EQ(RunCli({"alerts", "status", id, "bogus", "--db", db}).status, 2);
  EXPECT_EQ(RunCli({"alerts", "list", "--db", db, "--rule", "nonsense"}).status, 2);
  // Every alert opened and the status change are rows of the audit chain: who, before, after.
  const testing::CliRun all = RunCli({"alerts", "list", "--db", db});
  const testing::CliRun trail = RunCli({"audit", "export", "--db", db});
  ASSERT_EQ(trail.status, 0) << trail.err;
  size_t opened = 0;
  std::vector<json> about_first;
  for (const std::string& line : testing::SplitLines(trail.out)) {
    const json row = json::parse(line);
    if (row["action"] == "alert.open") ++opened;
    if (row["subject"] == "alert:" + id) about_first.push_back(row);
  }
  EXPECT_EQ(opened, testing::SplitLines(all.out).size());
  ASSERT_EQ(about_first.size(), 2u);
  EXPECT_EQ(about_first[1]["action"], "alert.status");
  EXPECT_EQ(about_first[1]["before"]["status"], "open");
  EXPECT_EQ(about_first[1]["after"]["status"], "acknowledged");
  EXPECT_EQ(about_first[1]["actor"].get<std::string>().rfind("cli:", 0), 0u);
  const testing::CliRun verify = RunCli({"audit", "verify", "--db", db});
  EXPECT_EQ(verify.status, 0) << verify.out << verify.err;
  EXPECT_EQ(json::parse(verify.out)["intact"], true);
  // A filter value is bound, never spliced into SQL.
  const testing::CliRun inj = RunCli({"alerts", "list", "--db", db, "--status", "open' OR '1'='1"});
  EXPECT_EQ(inj.status, 2);
  // A bounding box around the encounter finds it; one elsewhere does not.
  const double lat = first["events"][0]["lat"], lon = first["events"][0]["lon"];
  const std::string near = std::to_string(lon - 0.1) + "," + std::to_string(lat - 0.1) + "," + std::to_string(lon + 0.1) +
                           "," + std::to_string(lat + 0.1);
  const testing::CliRun in_box = RunCli({"alerts", "list", "--db", db, "--rule", "dprk_encounter", "--bbox", near});
  EXPECT_NE(in_box.out.find("\"id\":" + id + ","), std::string::npos);
  const testing::CliRun away = RunCli({"alerts", "list", "--db", db, "--bbox", "0,0,1,1"});
  EXPECT_TRUE(away.out.empty());
}

WK_ON_EVERY_ENGINE(AlertRules);

}  // namespace
}  // namespace wk::alerts
