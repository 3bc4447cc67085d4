// The command line on both engines: db migrate|status, the same output from
// ingest, vessel, detect --db and lists show on PostgreSQL as on SQLite, and
// an ingest killed mid-way (kill -9) leaving the previous data.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "store/store.h"
#include "testing.h"

namespace wk::store {
namespace {

using ::testing::HasSubstr;
using ::wk::testing::RunCli;
using ::wk::testing::SharedData;
using ::wk::testing::SplitLines;
using ::wk::testing::StoreTest;
using ::wk::testing::TempDir;
using ::wk::testing::TestStore;

int64_t Count(const std::string& url, const std::string& sql) {
  Result<Store> db = Open(url);
  EXPECT_TRUE(db.ok()) << db.error().message;
  if (!db.ok()) return -1;
  Result<Statement> q = db->Prepare(sql);
  EXPECT_TRUE(q.ok()) << q.error().message;
  if (!q.ok()) return -1;
  Result<bool> row = q->Step();
  EXPECT_TRUE(row.ok() && *row);
  return q->Int(0);
}

// A simulated world's NMEA files, written once per test binary run.
std::vector<std::string> World(const TempDir& dir, int vessels, int days) {
  const std::string out = dir.File("world");
  auto run = RunCli({"simulate", "--seed", "3", "--vessels", std::to_string(vessels), "--days",
                     std::to_string(days), "--out", out});
  EXPECT_EQ(run.status, 0) << run.err;
  std::vector<std::string> files;
  for (const auto& e : std::filesystem::directory_iterator(out))
    if (e.path().extension() == ".nmea") files.push_back(e.path().string());
  std::sort(files.begin(), files.end());
  return files;
}

class DbCliTest : public StoreTest {};
WK_ON_EVERY_ENGINE(DbCliTest);

TEST_P(DbCliTest, MigrateAppliesEveryDomainAndStatusSaysSo) {
  auto before = RunCli({"db", "status", "--db", url()});
  if (GetParam() == Engine::kSqlite) {
    // No file yet: status does not create one.
    EXPECT_EQ(before.status, 1);
    EXPECT_THAT(before.err, HasSubstr("no such store"));
  } else {
    ASSERT_EQ(before.status, 0) << before.err;
    EXPECT_EQ(before.out,
              "{\"domain\":\"tracks\",\"applied\":[],\"pending\":[1,2]}\n"
              "{\"domain\":\"lists\",\"applied\":[],\"pending\":[1,2,3,4,5]}\n"
              "{\"domain\":\"alerts\",\"applied\":[],\"pending\":[1,2,3]}\n"
              "{\"domain\":\"api\",\"applied\":[],\"pending\":[1,2]}\n");
  }
  auto migrate = RunCli({"db", "migrate", "--db", url()});
  ASSERT_EQ(migrate.status, 0) << migrate.err;
  const std::string all =
      "{\"domain\":\"tracks\",\"applied\":[1,2],\"pending\":[]}\n"
      "{\"domain\":\"lists\",\"applied\":[1,2,3,4,5],\"pending\":[]}\n"
      "{\"domain\":\"alerts\",\"applied\":[1,2,3],\"pending\":[]}\n"
      "{\"domain\":\"api\",\"applied\":[1,2],\"pending\":[]}\n";
  EXPECT_EQ(migrate.out, all);
  auto again = RunCli({"db", "migrate", "--db", url()});
  ASSERT_EQ(again.status, 0) << again.err;
  EXPECT_EQ(again.out, all);
  auto text = RunCli({"db", "status", "--db", url(), "--format", "text"});
  ASSERT_EQ(text.status, 0) << text.err;
  EXPECT_EQ(text.out,
            "tracks: applied 1, 2; pending none\nlists: applied 1, 2, 3, 4, 5; pending none\n"
            "alerts: applied 1, 2, 3; pending none\napi: applied 1, 2; pending none\n");
}

TEST(DbCli, ABadUrlIsAnErrorNamingIt) {
  auto run = RunCli({"db", "status", "--db", "postgresql://wk:hunter2@127.0.0.1:1/wk"});
  EXPECT_EQ(run.status, 1);
  EXPECT_THAT(run.err, HasSubstr("postgresql://wk:***@127.0.0.1:1/wk"));
  EXPECT_THAT(run.err, ::testing::Not(HasSubstr("hunter2")));
  auto scheme = RunCli({"ingest", "-", "--db", "mysql://wk@127.0.0.1/wk"});
  EXPECT_EQ(scheme.status, 1);
  EXPECT_THAT(scheme.err, HasSubstr("unknown scheme"));
}

// The ingest summary without its timings.
std::string WithoutTimings(const std::string& out) {
  std::vector<std::string> lines = SplitLines(out);
  if (lines.empty()) return "";
  nlohmann::json j = nlohmann::json::parse(lines.back(), nullptr, false);
  if (j.is_discarded()) return out;
  j.erase("seconds");
  j.erase("positions_per_s");
  return j.dump();
}

TEST(CrossEngine, IngestVesselDetectAndListsShowPrintTheSameOnBoth) {
  WK_REQUIRE_SHARED("lists/un/UN_consolidated.xml");
  TestStore pg(Engine::kPostgres);
  if (!pg.unavailable().empty()) WK_SKIP_OR_FAIL(pg.unavailable());
  TestStore sqlite(Engine::kSqlite);
  TempDir dir;
  std::vector<std::string> world = World(dir, 30, 2);
  ASSERT_FALSE(world.empty());
  std::vector<std::string> outputs[2];
  const std::string urls[2] = {sqlite.url(), pg.url()};
  for (int e = 0; e < 2; ++e) {
    std::vector<std::string> args = {"ingest"};
    args.insert(args.end(), world.begin(), world.end());
    args.insert(args.end(), {"--db", urls[e]});
    auto ingest = RunCli(args);
    ASSERT_EQ(ingest.status, 0) << ingest.err;
    outputs[e].push_back(WithoutTimings(ingest.out));
    // Every vessel of the world, and one the store does not know.
    for (const std::string& line : SplitLines(::wk::testing::ReadFile(dir.File("world/vessels.jsonl")))) {
      nlohmann::json v = nlohmann::json::parse(line, nullptr, false);
      if (v.is_discarded() || !v.contains("mmsi")) continue;
      auto vessel = RunCli({"vessel", std::to_string(v["mmsi"].get<int64_t>()), "--db", urls[e]});
      outputs[e].push_back(std::to_string(vessel.status) + vessel.out + vessel.err);
    }
    auto unknown = RunCli({"vessel", "445999999", "--db", urls[e]});
    outputs[e].push_back(std::to_string(unknown.status) + unknown.out + unknown.err);
    for (const std::vector<std::string>& d :
         std::vector<std::vector<std::string>>{{"detect", "--db", urls[e]},
                                               {"detect", "--db", urls[e], "--format", "geojson"},
                                               {"detect", "--db", urls[e], "--from",
                                                "2024-01-01T06:00:00Z", "--to", "2024-01-02T00:00:00Z"}}) {
      auto detect = RunCli(d);
      ASSERT_EQ(detect.status, 0) << detect.err;
      outputs[e].push_back(detect.out);
    }
    auto import = RunCli({"lists", "import", SharedData("lists/un/UN_consolidated.xml"), "--db", urls[e]});
    ASSERT_EQ(import.status, 0) << import.err;
    for (const char* id : {"un:KPi.001", "un:KPe.023", "un:QDi.042", "un:KPi.999"}) {
      auto show = RunCli({"lists", "show", id, "--db", urls[e]});
      outputs[e].push_back(std::to_string(show.status) + show.out + show.err);
    }
    auto stats = RunCli({"lists", "stats", "--db", urls[e]});
    ASSERT_EQ(stats.status, 0) << stats.err;
    nlohmann::json s = nlohmann::json::parse(SplitLines(stats.out).at(0));
    s.erase("imported_at");
    outputs[e].push_back(s.dump());
    auto screen = RunCli({"screen", "Yun Ho-jin", "--db", urls[e]});
    outputs[e].push_back(std::to_string(screen.status) + screen.out);
  }
  ASSERT_EQ(outputs[0].size(), outputs[1].size());
  EXPECT_GT(outputs[0].size(), 30u);
  EXPECT_THAT(outputs[0][0], HasSubstr("\"positions_added\":"));
  for (size_t i = 0; i < outputs[0].size(); ++i)
    EXPECT_EQ(outputs[0][i], outputs[1][i]) << "output " << i << " differs between SQLite and PostgreSQL";
}

// Starts the CLI, kills it with SIGKILL after `delay`; true when it was
// still running then (so the kill landed mid-way).
bool KillMidWay(const std::vector<std::string>& args, std::chrono::milliseconds delay) {
  pid_t pid = fork();
  if (pid == 0) {
    std::vector<std::string> copy = args;
    std::vector<char*> argv;
    std::string cli = WK_CLI;
    argv.push_back(cli.data());
    for (auto& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    freopen("/dev/null", "w", stdout);
    freopen("/dev/null", "w", stderr);
    execv(cli.c_str(), argv.data());
    _exit(127);
  }
  std::this_thread::sleep_for(delay);
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
}

class KillTest : public StoreTest {};
WK_ON_EVERY_ENGINE(KillTest);

TEST_P(KillTest, AnIngestKilledMidWayLeavesThePreviousData) {
  TempDir dir;
  std::vector<std::string> world = World(dir, 200, 2);
  ASSERT_EQ(world.size(), 2u);
  auto first = RunCli({"ingest", world[0], "--db", url()});
  ASSERT_EQ(first.status, 0) << first.err;
  const int64_t positions = Count(url(), "SELECT count(*) FROM track_positions");
  const int64_t identities = Count(url(), "SELECT count(*) FROM track_identities");
  const int64_t files = Count(url(), "SELECT count(*) FROM track_files");
  ASSERT_GT(positions, 0);
  // Killed while it writes the second day.
  ASSERT_TRUE(KillMidWay({"ingest", world[1], "--db", url()}, std::chrono::milliseconds(500)))
      << "the ingest finished before the kill: make the world larger";
  EXPECT_EQ(Count(url(), "SELECT count(*) FROM track_positions"), positions);
  EXPECT_EQ(Count(url(), "SELECT count(*) FROM track_identities"), identities);
  EXPECT_EQ(Count(url(), "SELECT count(*) FROM track_files"), files);
  // The store takes the same file afterwards.
  auto again = RunCli({"ingest", world[1], "--db", url()});
  ASSERT_EQ(again.status, 0) << again.err;
  EXPECT_GT(Count(url(), "SELECT count(*) FROM track_positions"), positions);
}

}  // namespace
}  // namespace wk::store
