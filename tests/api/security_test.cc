// The service refuses what it must, on both engines, against the real
// server: each test asserts the status code and that the store is unchanged
// (the row count of every table the service writes).
#include <chrono>
#include <set>

#include "json_schema.h"
#include "server_harness.h"

namespace wk::testing {
namespace {

using Clock = std::chrono::steady_clock;

class SecurityTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    admin_ = MakeAccount(url(), "root", api::Role::kAdmin);
    analyst_ = MakeAccount(url(), "ana", api::Role::kAnalyst, "analyst password");
    viewer_ = MakeAccount(url(), "vera", api::Role::kViewer, "viewer password");
    ASSERT_FALSE(admin_.empty() || analyst_.empty() || viewer_.empty());
  }
  void Start(const std::vector<std::string>& extra = {}) {
    server_ = std::make_unique<ServerProcess>(url(), extra, test_store().dir().File("serve.log"));
    ASSERT_TRUE(server_->ok()) << server_->error();
  }
  std::map<std::string, int64_t> Fingerprint() { return StoreFingerprint(url()); }

  std::string admin_, analyst_, viewer_;
  std::unique_ptr<ServerProcess> server_;
};

const char* kJson = "application/json";

std::string PercentEncode(const std::string& s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char ch : s) {
    if (std::isalnum(ch) || ch == '-' || ch == '_' || ch == '.' || ch == '~') {
      out += static_cast<char>(ch);
    } else {
      out += '%';
      out += hex[ch >> 4];
      out += hex[ch & 15];
    }
  }
  return out;
}

TEST_P(SecurityTest, NoTokenIsRefusedWith401) {
  Start();
  const auto before = Fingerprint();
  httplib::Client c = server_->Client();
  for (const char* path : {"/api/v1/me", "/api/v1/alerts", "/api/v1/lists", "/api/v1/users", "/api/v1/openapi.json",
                           "/api/v1/vessels/445100001/track", "/api/v1/events"}) {
    httplib::Result r = c.Get(path);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 401) << path;
    EXPECT_EQ(r->get_header_value("WWW-Authenticate"), "Bearer") << path;
  }
  EXPECT_EQ(c.Post("/api/v1/screen", R"({"name":"Kim"})", kJson)->status, 401);
  EXPECT_EQ(c.Post("/api/v1/users", R"({"name":"eve","role":"admin"})", kJson)->status, 401);
  EXPECT_EQ(c.Post("/api/v1/uploads", "!AIVDM,1,1,,A,13u?etPv2;0n:dDPwUM1U1Cb069D,0*24\n", "text/plain")->status, 401);
  EXPECT_EQ(Fingerprint(), before);
}

TEST_P(SecurityTest, WrongTokensAreRefusedWith401) {
  Start();
  const auto before = Fingerprint();
  // The real token with one character changed, a session-shaped token, other schemes, junk.
  std::string altered = admin_;
  altered.back() = altered.back() == 'A' ? 'B' : 'A';
  for (const std::string& header :
       {"Bearer " + altered, std::string("Bearer wks_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"), "Basic " + admin_,
        std::string("Bearer "), "Bearer " + admin_ + "x", "Bearer " + std::string(4000, 'w'),
        std::string("Bearer ' OR '1'='1")}) {
    httplib::Client c = server_->Client();
    httplib::Result r = c.Get("/api/v1/me", {{"Authorization", header}});
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 401) << header.substr(0, 60);
    r = c.Post("/api/v1/users", {{"Authorization", header}}, R"({"name":"eve","role":"admin"})", kJson);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 401) << header.substr(0, 60);
  }
  EXPECT_EQ(Fingerprint(), before);
}

TEST_P(SecurityTest, ADisabledAccountsTokenIsRefused) {
  Start();
  httplib::Client admin = server_->Client(admin_);
  ASSERT_EQ(server_->Client(viewer_).Get("/api/v1/me")->status, 200);
  ASSERT_EQ(admin.Post("/api/v1/users/vera/disable", "", kJson)->status, 200);
  const auto before = Fingerprint();
  EXPECT_EQ(server_->Client(viewer_).Get("/api/v1/me")->status, 401);
  EXPECT_EQ(server_->Client().Post("/api/v1/login", R"({"name":"vera","password":"viewer password"})", kJson)->status,
            401);
  auto after = Fingerprint();
  after.erase("api_login_throttle");  // the refused login counts as a failure
  auto expected = before;
  expected.erase("api_login_throttle");
  expected.erase("audit_log");
  after.erase("audit_log");
  EXPECT_EQ(after, expected);
}

TEST_P(SecurityTest, AnExpiredSessionIsRefusedWith401) {
  Start({"--session-ttl", "1s"});
  httplib::Result login =
      server_->Client().Post("/api/v1/login", R"({"name":"ana","password":"analyst password"})", kJson);
  ASSERT_EQ(login->status, 200) << login->body;
  const std::string session = ParseJson(login->body)["token"];
  ASSERT_EQ(server_->Client(session).Get("/api/v1/me")->status, 200);
  std::this_thread::sleep_for(std::chrono::milliseconds(1300));
  const auto before = Fingerprint();
  httplib::Client c = server_->Client(session);
  EXPECT_EQ(c.Get("/api/v1/me")->status, 401);
  EXPECT_EQ(c.Post("/api/v1/alerts/1/status", R"({"status":"closed"})", kJson)->status, 401);
  EXPECT_EQ(Fingerprint(), before);
}

TEST_P(SecurityTest, AViewerCannotChangeAnAlert) {
  const std::string world = test_store().dir().File("world");
  ASSERT_TRUE(SimulateWorld(world));
  ASSERT_EQ(RunCli({"ingest", world + "/ais-2024-01-01.nmea", "--db", url()}).status, 0);
  ASSERT_EQ(RunCli({"lists", "import", world + "/designations.xml", "--db", url()}).status, 0);
  ASSERT_EQ(RunCli({"alerts", "run", "--db", url(), "--ports", world + "/ports.csv"}).status, 0);
  Start();
  httplib::Client viewer = server_->Client(viewer_);
  const nlohmann::json alerts = ParseJson(viewer.Get("/api/v1/alerts")->body)["alerts"];
  ASSERT_FALSE(alerts.empty());
  const std::string id = std::to_string(alerts[0]["id"].get<int64_t>());
  const auto before = Fingerprint();
  httplib::Result r = viewer.Post("/api/v1/alerts/" + id + "/status", R"({"status":"closed"})", kJson);
  EXPECT_EQ(r->status, 403) << r->body;
  EXPECT_EQ(ParseJson(viewer.Get("/api/v1/alerts/" + id)->body)["status"], "open");
  EXPECT_EQ(Fingerprint(), before);
}

TEST_P(SecurityTest, AnAnalystCannotManageAccountsOrLists) {
  Start();
  httplib::Client analyst = server_->Client(analyst_);
  const auto before = Fingerprint();
  EXPECT_EQ(analyst.Post("/api/v1/users", R"({"name":"eve","role":"admin"})", kJson)->status, 403);
  EXPECT_EQ(analyst.Get("/api/v1/users")->status, 403);
  EXPECT_EQ(analyst.Post("/api/v1/users/root/disable", "", kJson)->status, 403);
  EXPECT_EQ(analyst.Put("/api/v1/users/root/password", R"({"password":"taken over!"})", kJson)->status, 403);
  EXPECT_EQ(analyst.Post("/api/v1/lists", "<CONSOLIDATED_LIST/>", "application/xml")->status, 403);
  EXPECT_EQ(server_->Client(viewer_).Post("/api/v1/uploads", "x\n", "text/plain")->status, 403);
  EXPECT_EQ(Fingerprint(), before);
}

// Every query parameter of every GET route the document lists, and the path
// parameters, given SQL meant to break out of a string or a number.
TEST_P(SecurityTest, SqlInjectionInEveryFilterChangesNothing) {
  Start();
  const nlohmann::json doc = ParseJson(std::string(api::OpenApiText()));
  httplib::Client c = server_->Client(admin_);
  const std::vector<std::string> payloads = {"' OR '1'='1", "1 OR 1=1", "1; DROP TABLE api_accounts; --",
                                             "'); DELETE FROM api_accounts; --", "\" OR \"\"=\"", "1e309",
                                             "-1 UNION SELECT token_hash FROM api_accounts"};
  const auto before = Fingerprint();
  int calls = 0;
  for (auto p = doc["paths"].begin(); p != doc["paths"].end(); ++p) {
    if (!p.value().contains("get")) continue;
    const nlohmann::json params = p.value()["get"].value("parameters", nlohmann::json::array());
    for (const std::string& payload : payloads) {
      std::string path = "/api/v1" + p.key();
      bool has_path_param = false;
      for (const auto& param : params)
        if (param["in"] == "path") {
          const std::string name = "{" + param["name"].get<std::string>() + "}";
          path.replace(path.find(name), name.size(), PercentEncode(payload));
          has_path_param = true;
        }
      if (has_path_param) {
        httplib::Result r = c.Get(path);
        ASSERT_TRUE(r);
        ++calls;
        EXPECT_TRUE(r->status == 400 || r->status == 404) << path << " -> " << r->status << " " << r->body;
        continue;
      }
      for (const auto& param : params) {
        if (param["in"] != "query") continue;
        httplib::Params q{{param["name"].get<std::string>(), payload}};
        httplib::Result r = c.Get(path, q, httplib::Headers{});
        ASSERT_TRUE(r);
        ++calls;
        EXPECT_TRUE(r->status == 400 || r->status == 200 || r->status == 404)
            << path << "?" << param["name"] << "=" << payload << " -> " << r->status << " " << r->body;
        EXPECT_EQ(r->body.find("$argon2"), std::string::npos);  // no password hash ever leaves
      }
    }
  }
  EXPECT_GT(calls, 100);
  // Bodies: the same strings as names, account names and statuses.
  for (const std::string& payload : payloads) {
    nlohmann::json body = {{"name", payload}, {"role", "viewer"}};
    if (payload != "1e309")  // a valid account name
      EXPECT_EQ(c.Post("/api/v1/users", body.dump(), kJson)->status, 400) << payload;
    body = {{"status", payload}};
    EXPECT_EQ(c.Post("/api/v1/alerts/1/status", body.dump(), kJson)->status, 400) << payload;
    body = {{"name", payload}, {"password", payload}};
    const int login = server_->Client().Post("/api/v1/login", body.dump(), kJson)->status;
    EXPECT_TRUE(login == 401 || login == 429) << payload;  // 429 once the address is locked
  }
  auto after = Fingerprint();
  // Refused logins are counted (that is their purpose); nothing else moved.
  for (auto* m : {&after}) {
    m->erase("api_login_throttle");
    m->erase("audit_log");
  }
  auto expected = before;
  expected.erase("api_login_throttle");
  expected.erase("audit_log");
  EXPECT_EQ(after, expected);
  EXPECT_EQ(c.Get("/api/v1/me")->status, 200);  // the accounts table is still there
}

TEST_P(SecurityTest, PathTraversalFindsNoFile) {
  Start();
  const auto before = Fingerprint();
  for (const std::string path :
       {"/api/v1/../../../../etc/passwd", "/../../etc/passwd", "/api/v1/entities/..%2F..%2F..%2Fetc%2Fpasswd",
        "/api/v1/lists/..%2f..%2fetc/entries", "/%2e%2e/%2e%2e/etc/passwd", "/api/v1/vessels/..%2F..%2Fetc/track",
        "/api/v1/entities/%2e%2e", "/api/v1/openapi.json/../../../etc/passwd", "/api/v1/users/..%2F..%2Fetc%2Fpasswd/password",
        "/etc/passwd", "//etc/passwd", "/api/v1/%00/../etc/passwd"}) {
    RawConnection raw(server_->port());
    ASSERT_TRUE(raw.ok());
    raw.Send("GET " + path + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + admin_ + "\r\nConnection: close\r\n\r\n");
    const std::string answer = raw.ReadAll(3000);
    const int status = RawConnection::StatusOf(answer);
    EXPECT_TRUE(status == 404 || status == 400) << path << " -> " << answer.substr(0, 200);
    EXPECT_EQ(answer.find("root:"), std::string::npos) << path;
  }
  EXPECT_EQ(Fingerprint(), before);
}

TEST_P(SecurityTest, AHundredMegabyteBodyIsRefusedUnread) {
  Start({"--max-upload-mib", "8"});
  const auto before = Fingerprint();
  for (const std::string path : {"/api/v1/screen", "/api/v1/uploads", "/api/v1/login", "/api/v1/lists"}) {
    RawConnection raw(server_->port());
    const auto t0 = Clock::now();
    raw.Send("POST " + path + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + admin_ +
             "\r\nContent-Type: application/octet-stream\r\nContent-Length: 104857600\r\n\r\n");
    raw.Send(std::string(1 << 20, 'A'));  // the first megabyte; the server must answer without the rest
    const std::string answer = raw.ReadResponse(5000);
    EXPECT_EQ(RawConnection::StatusOf(answer), 413) << path << ": " << answer.substr(0, 200);
    EXPECT_LT(Clock::now() - t0, std::chrono::seconds(5)) << path;
  }
  // Without a Content-Length (chunked), the cap holds as the bytes arrive.
  {
    RawConnection raw(server_->port());
    raw.Send("POST /api/v1/screen HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + admin_ +
             "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
    const std::string chunk = std::string("100000\r\n") + std::string(0x100000, ' ') + "\r\n";
    for (int i = 0; i < 4 && raw.Send(chunk); ++i) {
    }
    EXPECT_EQ(RawConnection::StatusOf(raw.ReadAll(5000)), 413);
  }
  // And a real 100 MB upload streamed by a client is cut off at the limit.
  httplib::Client c = server_->Client(analyst_);
  size_t sent = 0;
  httplib::Result r = c.Post(
      "/api/v1/uploads", size_t{100} << 20,
      [&](size_t offset, size_t length, httplib::DataSink& sink) {
        static const std::string block(1 << 16, '!');
        const size_t n = std::min(length, block.size());
        sent += n;
        return sink.write(block.data(), n);
      },
      "application/octet-stream");
  if (r) EXPECT_EQ(r->status, 413);
  EXPECT_LT(sent, size_t{100} << 20);
  EXPECT_EQ(Fingerprint(), before);
}

TEST_P(SecurityTest, ABodyThatTricklesInIsCutOff) {
  Start({"--body-timeout", "2", "--read-timeout", "1"});
  const auto before = Fingerprint();
  // One byte every 0.4 s: each read is within the read timeout, the whole is not.
  {
    RawConnection raw(server_->port());
    const auto t0 = Clock::now();
    raw.Send("POST /api/v1/screen HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + admin_ +
             "\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n");
    std::string answer;
    for (int i = 0; i < 40 && answer.empty(); ++i) {
      if (!raw.Send(" ")) break;
      answer = raw.ReadAll(400);
    }
    if (answer.empty()) answer = raw.ReadAll(2000);
    const int status = RawConnection::StatusOf(answer);
    EXPECT_TRUE(status == 408 || status == 400) << answer.substr(0, 200);
    EXPECT_LT(Clock::now() - t0, std::chrono::seconds(6));
  }
  // A body that stops: the read timeout ends it.
  {
    RawConnection raw(server_->port());
    const auto t0 = Clock::now();
    raw.Send("POST /api/v1/uploads HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + admin_ +
             "\r\nContent-Length: 5000\r\n\r\nabc");
    const std::string answer = raw.ReadResponse(10000);  // the server gives up after its read timeout
    EXPECT_EQ(RawConnection::StatusOf(answer), 400) << answer;
    EXPECT_LT(Clock::now() - t0, std::chrono::seconds(3));
  }
  EXPECT_EQ(Fingerprint(), before);
  EXPECT_EQ(server_->Client(admin_).Get("/api/v1/me")->status, 200);  // and it still serves
}

TEST_P(SecurityTest, MalformedNestedAndNonUtf8JsonIsRefusedWith400) {
  Start();
  httplib::Client c = server_->Client(admin_);
  const auto before = Fingerprint();
  const std::string deep_array = std::string(100000, '[') + std::string(100000, ']');
  std::string deep_object;
  for (int i = 0; i < 5000; ++i) deep_object += "{\"a\":";
  deep_object += "1" + std::string(5000, '}');
  for (const std::string& body :
       {std::string("{\"name\":"), std::string("[]"), std::string("\"Kim\""), std::string("{\"name\":\"Kim\"}}"),
        std::string(""), std::string("{'name':'Kim'}"), std::string("{\"name\":\"Kim\",}"), deep_array,
        "{\"name\":" + deep_array + "}", deep_object, std::string("{\"name\":\"\xff\xfe Kim\"}"),
        std::string("{\"name\":\"\xc0\xaf\"}"), std::string("{\"name\":\"\xed\xa0\x80\"}"),
        std::string("{\"name\":\"\\ud800\"}"), std::string("{\"name\":\"Kim\x00\"}", 15), std::string("{\"name\":12}"),
        std::string("{\"name\":\"Kim\",\"limit\":1e400}"), std::string("{\"name\":\"Kim\",\"limit\":-5}"),
        std::string("{\"name\":\"Kim\",\"threshold\":\"high\"}"), std::string("{\"name\":\"Kim\",\"evil\":true}")}) {
    httplib::Result r = c.Post("/api/v1/screen", body, kJson);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 400) << body.substr(0, 60) << " -> " << r->body;
    const nlohmann::json e = ParseJson(r->body);
    EXPECT_TRUE(e.contains("error")) << r->body;
    r = c.Post("/api/v1/users", body, kJson);
    EXPECT_EQ(r->status, 400) << body.substr(0, 60);
  }
  // The field at fault is named.
  httplib::Result r = c.Post("/api/v1/screen/batch", R"({"queries":[{"name":"Kim"},{"name":"Ri","limit":"x"}]})", kJson);
  EXPECT_EQ(r->status, 400);
  EXPECT_EQ(ParseJson(r->body)["field"], "queries[1].limit") << r->body;
  r = c.Post("/api/v1/screen/batch", nlohmann::json{{"queries", std::vector<nlohmann::json>(1001, {{"name", "Kim"}})}}.dump(), kJson);
  EXPECT_EQ(r->status, 400);
  EXPECT_EQ(ParseJson(r->body)["field"], "queries");
  EXPECT_EQ(Fingerprint(), before);
}

TEST_P(SecurityTest, UnknownRoutesAndMethodsAreRefused) {
  Start();
  const auto before = Fingerprint();
  for (const std::string request :
       {"FOO /api/v1/me HTTP/1.1", "TRACE /api/v1/me HTTP/1.1", "CONNECT /api/v1/me HTTP/1.1",
        "DELETE /api/v1/alerts HTTP/1.1", "PATCH /api/v1/me HTTP/1.1", "GET /api/v1/nothing HTTP/1.1",
        "GET /api/v1/me HTTP/9.9", "GET api/v1/me HTTP/1.1"}) {
    RawConnection raw(server_->port());
    raw.Send(request + "\r\nHost: x\r\nAuthorization: Bearer " + admin_ + "\r\nConnection: close\r\n\r\n");
    const int status = RawConnection::StatusOf(raw.ReadAll(3000));
    EXPECT_TRUE(status == 400 || status == 404 || status == 405 || status == 501) << request << " -> " << status;
  }
  EXPECT_EQ(server_->Client(admin_).Delete("/api/v1/alerts")->status, 405);
  EXPECT_EQ(server_->Client(admin_).Get("/api/v1/nothing")->status, 404);
  EXPECT_EQ(Fingerprint(), before);
}

TEST_P(SecurityTest, EveryAnswerCarriesTheSecurityHeadersAndCorsIsClosed) {
  Start();
  httplib::Client c = server_->Client(admin_);
  const httplib::Headers origin = {{"Origin", "https://evil.example"}};
  httplib::Client anon = server_->Client();
  std::vector<httplib::Result> answers;
  answers.push_back(c.Get("/api/v1/me", origin));
  answers.push_back(c.Get("/api/v1/nothing", origin));
  answers.push_back(anon.Get("/api/v1/alerts", origin));
  answers.push_back(c.Post("/api/v1/screen", "{", kJson));
  answers.push_back(c.Delete("/api/v1/me", origin));
  answers.push_back(c.Options("/api/v1/me", origin));
  for (const httplib::Result& r : answers) {
    ASSERT_TRUE(r);
    EXPECT_EQ(r->get_header_value("X-Content-Type-Options"), "nosniff") << r->status;
    EXPECT_EQ(r->get_header_value("Cache-Control"), "no-store");
    EXPECT_EQ(r->get_header_value("X-Frame-Options"), "DENY");
    EXPECT_EQ(r->get_header_value("Referrer-Policy"), "no-referrer");
    EXPECT_NE(r->get_header_value("Content-Security-Policy").find("default-src 'none'"), std::string::npos);
    EXPECT_FALSE(r->has_header("Access-Control-Allow-Origin")) << r->status;
  }
}

TEST_P(SecurityTest, CorsOpensOnlyToTheNamedOrigin) {
  Start({"--cors-origin", "https://desk.example"});
  httplib::Client c = server_->Client(admin_);
  httplib::Result r = c.Get("/api/v1/me", {{"Origin", "https://desk.example"}});
  EXPECT_EQ(r->get_header_value("Access-Control-Allow-Origin"), "https://desk.example");
  r = c.Get("/api/v1/me", {{"Origin", "https://evil.example"}});
  EXPECT_FALSE(r->has_header("Access-Control-Allow-Origin"));
  r = server_->Client().Options("/api/v1/screen", {{"Origin", "https://desk.example"},
                                                   {"Access-Control-Request-Method", "POST"}});
  EXPECT_EQ(r->status, 204);
  EXPECT_NE(r->get_header_value("Access-Control-Allow-Methods").find("POST"), std::string::npos);
  EXPECT_NE(r->get_header_value("Access-Control-Allow-Headers").find("Authorization"), std::string::npos);
}

TEST_P(SecurityTest, FailedLoginsAreSlowedPerAccountAndPerAddressAcrossRestarts) {
  Start({"--login-max-failures", "3", "--login-lock", "30"});
  httplib::Client c = server_->Client();
  for (int i = 0; i < 3; ++i)
    EXPECT_EQ(c.Post("/api/v1/login", R"({"name":"ana","password":"guess guess"})", kJson)->status, 401);
  // Locked now: even the right password is refused, with a Retry-After.
  httplib::Result r = c.Post("/api/v1/login", R"({"name":"ana","password":"analyst password"})", kJson);
  EXPECT_EQ(r->status, 429) << r->body;
  const int retry = std::atoi(r->get_header_value("Retry-After").c_str());
  EXPECT_GT(retry, 0);
  EXPECT_LE(retry, 30);
  // The same address trying another account is locked too.
  EXPECT_EQ(c.Post("/api/v1/login", R"({"name":"vera","password":"viewer password"})", kJson)->status, 429);
  // The counts are in the store: a restarted server still refuses.
  server_.reset();
  Start();
  EXPECT_EQ(server_->Client().Post("/api/v1/login", R"({"name":"ana","password":"analyst password"})", kJson)->status,
            429);
  // Tokens still work: the lock is on password logins only.
  EXPECT_EQ(server_->Client(analyst_).Get("/api/v1/me")->status, 200);
}

WK_ON_EVERY_ENGINE(SecurityTest);

}  // namespace
}  // namespace wk::testing
