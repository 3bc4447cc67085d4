// kill -9 of the real server in the middle of work, on both engines: what it
// acknowledged with a 2xx is there after a restart, nothing is half-written
// (an upload is in the store whole or not at all), and it starts cleanly.
#include <atomic>
#include <filesystem>
#include <mutex>

#include "server_harness.h"

namespace wk::testing {
namespace {

class CrashTest : public StoreTest {};

int64_t Count(const std::string& url, const std::string& table) {
  auto f = StoreFingerprint(url);
  return f.count(table) ? f[table] : -1;
}

// Positions a store holds after ingesting `files` (a reference store of its own).
int64_t PositionsOf(TestStore& ts, const std::string& name, const std::vector<std::string>& files) {
  const std::string ref = ts.Another(name);
  std::vector<std::string> args = {"ingest"};
  args.insert(args.end(), files.begin(), files.end());
  args.insert(args.end(), {"--db", ref});
  if (RunCli(args).status != 0) return -1;
  return Count(ref, "track_positions");
}

std::string UploadRequest(const std::string& token, size_t length) {
  return "POST /api/v1/uploads HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token +
         "\r\nContent-Type: application/octet-stream\r\nContent-Length: " + std::to_string(length) + "\r\n\r\n";
}

TEST_P(CrashTest, KillDuringUploadsKeepsWhatWasAcknowledgedAndNothingHalfWritten) {
  const std::string small = test_store().dir().File("small"), big = test_store().dir().File("big");
  ASSERT_TRUE(SimulateWorld(small));
  ASSERT_EQ(RunCli({"simulate", "--seed", "11", "--vessels", "80", "--days", "2", "--out", big}).status, 0);
  const std::string a = small + "/ais-2024-01-01.nmea";
  std::string b_text = ReadFile(big + "/ais-2024-01-01.nmea") + ReadFile(big + "/ais-2024-01-02.nmea");
  const std::string b = test_store().dir().File("b.nmea");
  WriteFile(b, b_text);
  const int64_t after_a = PositionsOf(test_store(), "ref_a", {a});
  const int64_t after_ab = PositionsOf(test_store(), "ref_ab", {a, b});
  ASSERT_GT(after_a, 0);
  ASSERT_GT(after_ab, after_a);

  const std::string token = MakeAccount(url(), "ana", api::Role::kAnalyst);
  const std::string uploads = test_store().dir().File("uploads");
  std::filesystem::create_directories(uploads);
  const std::vector<std::string> args = {"--upload-dir", uploads};
  auto server = std::make_unique<ServerProcess>(url(), args);
  ASSERT_TRUE(server->ok()) << server->error();
  httplib::Result r = server->Client(token).Post("/api/v1/uploads", ReadFile(a), "application/octet-stream");
  ASSERT_EQ(r->status, 201) << r->body;  // acknowledged

  // 1. Killed while the body is still coming in.
  {
    RawConnection raw(server->port());
    raw.Send(UploadRequest(token, b_text.size()));
    raw.Send(std::string_view(b_text).substr(0, b_text.size() / 2));
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    server->Kill9();
  }
  server = std::make_unique<ServerProcess>(url(), args);
  ASSERT_TRUE(server->ok()) << "restart after kill -9: " << server->error();
  EXPECT_EQ(server->Client().Get("/api/v1/health")->status, 200);
  EXPECT_EQ(Count(url(), "track_positions"), after_a);
  EXPECT_TRUE(std::filesystem::is_empty(uploads)) << "the half-received upload was not cleaned up at start";

  // 2. Killed after the whole body arrived, while it is being ingested, at
  //    several moments: the store holds the upload whole or not at all.
  bool acknowledged = false;
  for (int delay_ms : {20, 80, 200, 500, 1200}) {
    RawConnection raw(server->port());
    raw.Send(UploadRequest(token, b_text.size()));
    raw.Send(b_text);
    const std::string answer = raw.ReadResponse(delay_ms);
    acknowledged = acknowledged || RawConnection::StatusOf(answer) == 201;
    server->Kill9();
    server = std::make_unique<ServerProcess>(url(), args);
    ASSERT_TRUE(server->ok()) << "restart after kill -9 at " << delay_ms << " ms: " << server->error();
    const int64_t positions = Count(url(), "track_positions");
    EXPECT_TRUE(positions == after_a || positions == after_ab) << "half-written at " << delay_ms << " ms: " << positions;
    if (acknowledged) EXPECT_EQ(positions, after_ab) << "acknowledged upload lost at " << delay_ms << " ms";
    if (positions == after_ab) break;
  }
  // Whatever happened, uploading it again completes the store.
  r = server->Client(token).Post("/api/v1/uploads", b_text, "application/octet-stream");
  ASSERT_EQ(r->status, 201) << r->body;
  EXPECT_EQ(Count(url(), "track_positions"), after_ab);
}

TEST_P(CrashTest, KillDuringAlertUpdatesKeepsEveryAcknowledgedChange) {
  const std::string world = test_store().dir().File("world");
  ASSERT_TRUE(SimulateWorld(world));
  ASSERT_EQ(RunCli({"ingest", world + "/ais-2024-01-01.nmea", "--db", url()}).status, 0);
  ASSERT_EQ(RunCli({"lists", "import", world + "/designations.xml", "--db", url()}).status, 0);
  ASSERT_EQ(RunCli({"alerts", "run", "--db", url(), "--ports", world + "/ports.csv"}).status, 0);
  const std::string token = MakeAccount(url(), "ana", api::Role::kAnalyst);
  auto server = std::make_unique<ServerProcess>(url());
  ASSERT_TRUE(server->ok()) << server->error();
  const nlohmann::json alerts = ParseJson(server->Client(token).Get("/api/v1/alerts")->body)["alerts"];
  ASSERT_FALSE(alerts.empty());
  const std::string id = std::to_string(alerts[0]["id"].get<int64_t>());

  // A client changes the status back and forth; the server dies under it.
  std::string last_acked = "open", in_flight;
  std::atomic<bool> stop{false};
  std::thread client([&] {
    httplib::Client c = server->Client(token);
    for (int i = 0; !stop; ++i) {
      const std::string want = i % 2 == 0 ? "acknowledged" : "open";
      in_flight = want;
      httplib::Result res = c.Post("/api/v1/alerts/" + id + "/status", "{\"status\":\"" + want + "\"}", "application/json");
      if (!res) break;
      if (res->status == 200) last_acked = want;
    }
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(700));
  server->Kill9();
  stop = true;
  client.join();
  server = std::make_unique<ServerProcess>(url());
  ASSERT_TRUE(server->ok()) << "restart after kill -9: " << server->error();
  const std::string status = ParseJson(server->Client(token).Get("/api/v1/alerts/" + id)->body)["status"];
  // The last acknowledged change, or the one in flight when it died; never anything else.
  EXPECT_TRUE(status == last_acked || status == in_flight) << status << " vs " << last_acked << "/" << in_flight;
  EXPECT_EQ(ParseJson(server->Client(token).Get("/api/v1/alerts")->body)["alerts"].size(), alerts.size());
}

TEST_P(CrashTest, KillDuringCaseUpdatesKeepsEveryAcknowledgedNoteAndAnIntactChain) {
  const std::string token = MakeAccount(url(), "ana", api::Role::kAnalyst);
  auto server = std::make_unique<ServerProcess>(url());
  ASSERT_TRUE(server->ok()) << server->error();
  httplib::Result made = server->Client(token).Post("/api/v1/cases", R"({"title":"under fire"})", "application/json");
  ASSERT_EQ(made->status, 201) << made->body;
  const std::string path = "/api/v1/cases/" + std::to_string(ParseJson(made->body)["id"].get<int64_t>());
  std::atomic<bool> stop{false};
  std::atomic<int> acked{0};
  std::thread client([&] {
    httplib::Client c = server->Client(token);
    for (int i = 0; !stop; ++i) {
      httplib::Result res = c.Post(path + "/notes", "{\"text\":\"note " + std::to_string(i) + "\"}", "application/json");
      if (!res) break;
      if (res->status == 200) ++acked;
    }
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(800));
  server->Kill9();
  stop = true;
  client.join();
  ASSERT_GT(acked.load(), 0);
  server = std::make_unique<ServerProcess>(url());
  ASSERT_TRUE(server->ok()) << "restart after kill -9: " << server->error();
  const nlohmann::json c = ParseJson(server->Client(token).Get(path)->body);
  const int notes = static_cast<int>(c["notes"].size());
  // Every acknowledged note, and at most the one in flight.
  EXPECT_TRUE(notes == acked || notes == acked + 1) << notes << " notes, " << acked << " acknowledged";
  // The chain is whole: each note is its audit row, written in the same transaction.
  const auto f = StoreFingerprint(url());
  EXPECT_EQ(f.at("audit_intact"), 1);
  EXPECT_EQ(f.at("case_notes"), notes);
}

WK_ON_EVERY_ENGINE(CrashTest);

}  // namespace
}  // namespace wk::testing
