// Webhooks against a receiver on 127.0.0.1, on both engines: every alert that
// `alerts run` opens reaches the receiver once it answers 2xx, in audit order,
// signed with the webhook's secret; a receiver that fails gets the same
// delivery again later, also across a kill -9 of the server; only admins set
// webhooks, and a refused request changes nothing.
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <mutex>
#include <set>

#include "server_harness.h"

namespace wk::testing {
namespace {

class WebhookTest : public StoreTest {};

// The receiving end: records what was POSTed to /hook, answering 500 while
// `failing` is set.
class Receiver {
 public:
  struct Delivery {
    std::string event, delivery, timestamp, signature, body;
    int answered = 0;
  };
  Receiver() {
    http_.Post("/hook", [this](const httplib::Request& req, httplib::Response& res) {
      Delivery d{req.get_header_value("X-Watchkeeper-Event"), req.get_header_value("X-Watchkeeper-Delivery"),
                 req.get_header_value("X-Watchkeeper-Timestamp"), req.get_header_value("X-Watchkeeper-Signature"),
                 req.body, failing ? 500 : 204};
      res.status = d.answered;
      std::lock_guard<std::mutex> lock(mu_);
      got_.push_back(std::move(d));
    });
    port_ = http_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { http_.listen_after_bind(); });
  }
  ~Receiver() {
    http_.stop();
    thread_.join();
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/hook"; }
  std::vector<Delivery> got() {
    std::lock_guard<std::mutex> lock(mu_);
    return got_;
  }
  std::atomic<bool> failing{false};

 private:
  httplib::Server http_;
  int port_ = 0;
  std::thread thread_;
  std::mutex mu_;
  std::vector<Delivery> got_;
};

// The deliveries answered 2xx, waiting up to 30 s for `want` of them.
std::vector<Receiver::Delivery> WaitForAccepted(Receiver& r, size_t want) {
  std::vector<Receiver::Delivery> ok;
  for (int i = 0; i < 300; ++i) {
    ok.clear();
    for (const Receiver::Delivery& d : r.got())
      if (d.answered == 204) ok.push_back(d);
    if (ok.size() >= want) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return ok;
}

TEST_P(WebhookTest, NewAlertsReachTheReceiverSignedInOrderAndAFailingReceiverGetsThemLater) {
  const std::string world = test_store().dir().File("world");
  ASSERT_TRUE(SimulateWorld(world));
  ASSERT_EQ(RunCli({"ingest", world + "/ais-2024-01-01.nmea", "--db", url()}).status, 0);
  ASSERT_EQ(RunCli({"lists", "import", world + "/designations.xml", "--db", url()}).status, 0);
  const std::string admin = MakeAccount(url(), "root", api::Role::kAdmin);
  const std::string analyst = MakeAccount(url(), "ana", api::Role::kAnalyst);
  auto server = std::make_unique<ServerProcess>(url());
  ASSERT_TRUE(server->ok()) << server->error();
  Receiver receiver;
  const std::string body = nlohmann::json{{"url", receiver.url()}}.dump();

  // Only admins set webhooks; bad URLs are refused naming the field; nothing changes.
  const auto before = StoreFingerprint(url());
  auto r = server->Client(analyst).Post("/api/v1/webhooks", body, "application/json");
  EXPECT_EQ(r->status, 403);
  for (const char* bad : {"ftp://127.0.0.1/hook", "http://user:pw@127.0.0.1/hook", "http:///hook", "http://h:99999/",
                          "http://127.0.0.1/a b"}) {
    r = server->Client(admin).Post("/api/v1/webhooks", nlohmann::json{{"url", bad}}.dump(), "application/json");
    EXPECT_EQ(r->status, 400) << bad;
    EXPECT_EQ(ParseJson(r->body)["field"], "url") << bad;
  }
  EXPECT_EQ(StoreFingerprint(url()), before);

  r = server->Client(admin).Post("/api/v1/webhooks", body, "application/json");
  ASSERT_EQ(r->status, 201) << r->body;
  const std::string secret = ParseJson(r->body)["secret"];
  ASSERT_EQ(secret.rfind("whsec_", 0), 0u);
  const std::string listed = server->Client(admin).Get("/api/v1/webhooks")->body;
  EXPECT_EQ(listed.find(secret), std::string::npos) << "the secret is shown once, never listed";

  // The receiver is down when the alerts are raised (by the command line,
  // beside the server), and the server is killed while it retries.
  receiver.failing = true;
  ASSERT_EQ(RunCli({"alerts", "run", "--db", url(), "--ports", world + "/ports.csv"}).status, 0);
  const CliRun listed_alerts = RunCli({"alerts", "list", "--db", url()});
  std::set<int64_t> raised;
  for (const std::string& line : SplitLines(listed_alerts.out)) raised.insert(ParseJson(line)["id"].get<int64_t>());
  ASSERT_FALSE(raised.empty());
  for (int i = 0; i < 100 && receiver.got().empty(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  ASSERT_FALSE(receiver.got().empty()) << "the server never tried";
  const nlohmann::json failing = ParseJson(server->Client(admin).Get("/api/v1/webhooks")->body)["webhooks"][0];
  EXPECT_GE(failing["failures"].get<int>(), 1);
  EXPECT_EQ(failing["last_error"], "answered 500");
  EXPECT_EQ(failing["delivered"], 0);
  server->Kill9();

  receiver.failing = false;
  server = std::make_unique<ServerProcess>(url());
  ASSERT_TRUE(server->ok()) << server->error();
  const std::vector<Receiver::Delivery> accepted = WaitForAccepted(receiver, raised.size());
  ASSERT_EQ(accepted.size(), raised.size());

  std::set<int64_t> delivered;
  int64_t last_seq = 0;
  for (const Receiver::Delivery& d : accepted) {
    EXPECT_EQ(d.event, "alert.open");
    EXPECT_EQ(d.signature, api::WebhookSignature(secret, d.timestamp, d.body));
    EXPECT_NE(d.signature, api::WebhookSignature(secret + "x", d.timestamp, d.body));
    const nlohmann::json j = ParseJson(d.body);
    ASSERT_FALSE(j.is_discarded()) << d.body;
    EXPECT_EQ(j["delivery"], d.delivery);
    EXPECT_GT(j["audit_seq"].get<int64_t>(), last_seq) << "deliveries are in the audit chain's order";
    last_seq = j["audit_seq"];
    EXPECT_TRUE(j["alert"].contains("rule"));
    EXPECT_FALSE(j["alert"]["measures"].empty());
    delivered.insert(j["alert"]["id"].get<int64_t>());
  }
  EXPECT_EQ(delivered, raised);
  // The failed attempts were of the first delivery, retried with the same id.
  for (const Receiver::Delivery& d : receiver.got())
    if (d.answered == 500) EXPECT_EQ(d.delivery, accepted.front().delivery);

  const nlohmann::json done = ParseJson(server->Client(admin).Get("/api/v1/webhooks")->body)["webhooks"][0];
  EXPECT_EQ(done["delivered"].get<size_t>(), raised.size());
  EXPECT_EQ(done["failures"], 0);
  EXPECT_EQ(done["last_error"], "");

  // A second run raises nothing new: nothing more is sent.
  ASSERT_EQ(RunCli({"alerts", "run", "--db", url(), "--ports", world + "/ports.csv"}).status, 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(2500));
  EXPECT_EQ(WaitForAccepted(receiver, 0).size(), raised.size());

  // The webhook's addition and removal are in the audit trail; removing stops delivery.
  const int64_t id = done["id"];
  EXPECT_EQ(server->Client(admin).Delete("/api/v1/webhooks/" + std::to_string(id))->status, 200);
  EXPECT_EQ(server->Client(admin).Delete("/api/v1/webhooks/" + std::to_string(id))->status, 404);
  const CliRun trail = RunCli({"audit", "export", "--db", url(), "--subject", "webhook:" + std::to_string(id)});
  ASSERT_EQ(trail.status, 0) << trail.err;
  const std::vector<std::string> rows = SplitLines(trail.out);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(ParseJson(rows[0])["action"], "webhook.add");
  EXPECT_EQ(ParseJson(rows[1])["action"], "webhook.remove");
  EXPECT_EQ(trail.out.find(secret), std::string::npos) << "the secret is not in the audit trail";
}

TEST_P(WebhookTest, AnUploadRaisesItsAlertsAndTheReceiverGetsThem) {
  // The monitoring loop through the service alone: an analyst uploads a
  // day of AIS, the rules run on the store, the webhook hears of each alert.
  const std::string world = test_store().dir().File("world");
  ASSERT_TRUE(SimulateWorld(world));
  ASSERT_EQ(RunCli({"lists", "import", world + "/designations.xml", "--db", url()}).status, 0);
  const std::string admin = MakeAccount(url(), "root", api::Role::kAdmin);
  const std::string analyst = MakeAccount(url(), "ana", api::Role::kAnalyst);
  auto server = std::make_unique<ServerProcess>(url(), std::vector<std::string>{"--ports", world + "/ports.csv"});
  ASSERT_TRUE(server->ok()) << server->error();
  Receiver receiver;
  auto r = server->Client(admin).Post("/api/v1/webhooks", nlohmann::json{{"url", receiver.url()}}.dump(),
                                      "application/json");
  ASSERT_EQ(r->status, 201) << r->body;
  const std::string secret = ParseJson(r->body)["secret"];

  std::ifstream in(world + "/ais-2024-01-01.nmea", std::ios::binary);
  const std::string nmea((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  r = server->Client(analyst).Post("/api/v1/uploads", nmea, "application/octet-stream");
  ASSERT_EQ(r->status, 201) << r->body;
  const nlohmann::json up = ParseJson(r->body);
  const size_t opened = up["alerts"]["opened"].get<size_t>();
  ASSERT_GT(opened, 0u) << r->body;
  const nlohmann::json stored = ParseJson(server->Client(analyst).Get("/api/v1/alerts?limit=1000")->body)["alerts"];
  EXPECT_EQ(stored.size(), opened);
  const std::vector<Receiver::Delivery> got = WaitForAccepted(receiver, opened);
  ASSERT_EQ(got.size(), opened);
  for (const Receiver::Delivery& d : got) {
    EXPECT_EQ(d.signature, api::WebhookSignature(secret, d.timestamp, d.body));
    EXPECT_EQ(ParseJson(d.body)["alert"]["rule"].is_string(), true);
  }
  // The run is in the audit trail as the analyst who uploaded.
  const CliRun trail = RunCli({"audit", "export", "--db", url()});
  size_t by_analyst = 0;
  for (const std::string& line : SplitLines(trail.out)) {
    const nlohmann::json row = ParseJson(line);
    if (row["action"] == "alert.open" && row["actor"] == "ana") ++by_analyst;
  }
  EXPECT_EQ(by_analyst, opened);

  // Uploading the same file again derives again and changes nothing.
  r = server->Client(analyst).Post("/api/v1/uploads", nmea, "application/octet-stream");
  ASSERT_EQ(r->status, 201) << r->body;
  EXPECT_EQ(ParseJson(r->body)["alerts"]["opened"], 0);
}

TEST_P(WebhookTest, AnHttpsReceiverWhoseCertificateDoesNotVerifyGetsNothing) {
  // A self-signed certificate for 127.0.0.1: the system's CAs do not vouch for it.
  const std::string dir = test_store().dir().File("tls");
  std::filesystem::create_directories(dir);
  const std::string key = dir + "/key.pem", cert = dir + "/cert.pem";
  const std::string make = "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 -keyout " + key +
                           " -out " + cert + " >/dev/null 2>&1";
  ASSERT_EQ(std::system(make.c_str()), 0) << "openssl (scripts/install-deps) made no certificate";
  httplib::SSLServer tls(cert.c_str(), key.c_str());
  ASSERT_TRUE(tls.is_valid());
  std::atomic<int> requests{0};
  tls.Post("/hook", [&](const httplib::Request&, httplib::Response& res) {
    ++requests;
    res.status = 204;
  });
  const int port = tls.bind_to_any_port("127.0.0.1");
  std::thread serving([&] { tls.listen_after_bind(); });

  const std::string world = test_store().dir().File("world");
  ASSERT_TRUE(SimulateWorld(world));
  ASSERT_EQ(RunCli({"ingest", world + "/ais-2024-01-01.nmea", "--db", url()}).status, 0);
  ASSERT_EQ(RunCli({"lists", "import", world + "/designations.xml", "--db", url()}).status, 0);
  const std::string admin = MakeAccount(url(), "root", api::Role::kAdmin);
  auto server = std::make_unique<ServerProcess>(url());
  ASSERT_TRUE(server->ok()) << server->error();
  const std::string hook = "https://127.0.0.1:" + std::to_string(port) + "/hook";
  auto r = server->Client(admin).Post("/api/v1/webhooks", nlohmann::json{{"url", hook}}.dump(), "application/json");
  ASSERT_EQ(r->status, 201) << r->body;
  ASSERT_EQ(RunCli({"alerts", "run", "--db", url(), "--ports", world + "/ports.csv"}).status, 0);
  nlohmann::json state;
  for (int i = 0; i < 100; ++i) {
    state = ParseJson(server->Client(admin).Get("/api/v1/webhooks")->body)["webhooks"][0];
    if (state["failures"].get<int>() > 0) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_GE(state["failures"].get<int>(), 1) << state;
  EXPECT_EQ(state["last_error"], "no answer: SSLServerVerification") << state;
  EXPECT_EQ(state["delivered"], 0);
  EXPECT_EQ(requests.load(), 0) << "a request reached a receiver whose certificate did not verify";
  server.reset();
  tls.stop();
  serving.join();
}

WK_ON_EVERY_ENGINE(WebhookTest);

}  // namespace
}  // namespace wk::testing
