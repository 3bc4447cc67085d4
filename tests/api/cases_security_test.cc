// Cases and the audit trail through the service, on both engines: who may
// change a case, four-eyes, the audit rows the service writes (logins,
// accounts, screening with the list versions), and a row edited behind the
// service's back found by verify.
#include "alerts/alerts.h"
#include "server_harness.h"

namespace wk::testing {
namespace {

const char* kJson = "application/json";

class CasesServiceTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    const std::string world = test_store().dir().File("world");
    ASSERT_TRUE(SimulateWorld(world));
    ASSERT_EQ(RunCli({"ingest", world + "/ais-2024-01-01.nmea", "--db", url()}).status, 0);
    ASSERT_EQ(RunCli({"lists", "import", world + "/designations.xml", "--db", url()}).status, 0);
    ASSERT_EQ(RunCli({"alerts", "run", "--db", url(), "--ports", world + "/ports.csv"}).status, 0);
    admin_ = MakeAccount(url(), "root", api::Role::kAdmin);
    ana_ = MakeAccount(url(), "ana", api::Role::kAnalyst, "analyst password");
    ben_ = MakeAccount(url(), "ben", api::Role::kAnalyst);
    vera_ = MakeAccount(url(), "vera", api::Role::kViewer);
    server_ = std::make_unique<ServerProcess>(url());
    ASSERT_TRUE(server_->ok()) << server_->error();
    const nlohmann::json alerts = ParseJson(server_->Client(vera_).Get("/api/v1/alerts")->body)["alerts"];
    ASSERT_FALSE(alerts.empty());
    alert_ = alerts[0]["id"].get<int64_t>();
    httplib::Result c = server_->Client(ana_).Post(
        "/api/v1/cases", nlohmann::json{{"title", "the first alert"}, {"alerts", {alert_}}}.dump(), kJson);
    ASSERT_EQ(c->status, 201) << c->body;
    case_ = std::to_string(ParseJson(c->body)["id"].get<int64_t>());
  }
  std::string admin_, ana_, ben_, vera_, case_;
  int64_t alert_ = 0;
  std::unique_ptr<ServerProcess> server_;
};

TEST_P(CasesServiceTest, AViewerCannotChangeACase) {
  httplib::Client viewer = server_->Client(vera_);
  const auto before = StoreFingerprint(url());
  const std::string p = "/api/v1/cases/" + case_;
  EXPECT_EQ(viewer.Post("/api/v1/cases", R"({"title":"mine"})", kJson)->status, 403);
  EXPECT_EQ(viewer.Post(p + "/assign", R"({"assignee":"vera"})", kJson)->status, 403);
  EXPECT_EQ(viewer.Post(p + "/status", R"({"status":"investigating"})", kJson)->status, 403);
  EXPECT_EQ(viewer.Post(p + "/notes", R"({"text":"hello"})", kJson)->status, 403);
  EXPECT_EQ(viewer.Post(p + "/close", R"({"outcome":"false_positive"})", kJson)->status, 403);
  EXPECT_EQ(viewer.Post(p + "/propose", R"({"outcome":"confirmed"})", kJson)->status, 403);
  EXPECT_EQ(viewer.Delete(p + "/tags/x")->status, 403);
  EXPECT_EQ(viewer.Get(p)->status, 200);  // reading is allowed
  EXPECT_EQ(StoreFingerprint(url()), before);
}

TEST_P(CasesServiceTest, AnAnalystCannotApproveTheirOwnProposal) {
  httplib::Client ana = server_->Client(ana_);
  const std::string p = "/api/v1/cases/" + case_;
  ASSERT_EQ(ana.Post(p + "/propose", R"({"outcome":"confirmed"})", kJson)->status, 200);
  const auto before = StoreFingerprint(url());
  httplib::Result r = ana.Post(p + "/approve", "", kJson);
  EXPECT_EQ(r->status, 403) << r->body;
  EXPECT_NE(ParseJson(r->body)["error"].get<std::string>().find("four-eyes"), std::string::npos);
  EXPECT_EQ(ana.Post(p + "/close", R"({"outcome":"confirmed"})", kJson)->status, 403);
  EXPECT_EQ(StoreFingerprint(url()), before);
  EXPECT_EQ(ParseJson(ana.Get(p)->body)["status"], "open");
  // Another analyst approves: closed, confirmed, approved by ben.
  r = server_->Client(ben_).Post(p + "/approve", "", kJson);
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(ParseJson(r->body)["outcome"], "confirmed");
  EXPECT_EQ(ParseJson(r->body)["approved_by"], "ben");
}

TEST_P(CasesServiceTest, TheServiceWritesItsAuditRows) {
  httplib::Client anon = server_->Client();
  ASSERT_EQ(anon.Post("/api/v1/login", R"({"name":"ana","password":"wrong password"})", kJson)->status, 401);
  ASSERT_EQ(anon.Post("/api/v1/login", R"({"name":"ana","password":"analyst password"})", kJson)->status, 200);
  ASSERT_EQ(server_->Client(admin_).Post("/api/v1/users", R"({"name":"cleo","role":"viewer"})", kJson)->status, 201);
  ASSERT_EQ(server_->Client(admin_).Post("/api/v1/users/cleo/disable", "", kJson)->status, 200);
  ASSERT_EQ(server_->Client(vera_).Post("/api/v1/screen", R"({"name":"Kim Jong Un"})", kJson)->status, 200);
  ASSERT_EQ(server_->Client(vera_).Post("/api/v1/screen/batch", R"({"queries":[{"name":"A B"},{"name":"C D"}]})", kJson)->status, 200);
  httplib::Result audit = server_->Client(ana_).Get("/api/v1/audit");
  ASSERT_EQ(audit->status, 200);
  const nlohmann::json records = ParseJson(audit->body)["records"];
  std::map<std::string, nlohmann::json> last;
  for (const nlohmann::json& r : records) last[r["action"]] = r;
  for (const char* action : {"login.fail", "login.ok", "account.add", "account.disable", "screen.query",
                             "screen.batch", "case.create"})
    EXPECT_TRUE(last.count(action)) << action << " has no audit row";
  EXPECT_EQ(last["login.fail"]["subject"], "account:ana");
  EXPECT_EQ(last["account.disable"]["actor"], "root");
  EXPECT_EQ(last["screen.query"]["actor"], "vera");
  EXPECT_EQ(last["screen.query"]["after"]["names"][0], "Kim Jong Un");
  EXPECT_EQ(last["screen.query"]["after"]["list_versions"][0]["source"], "un");
  EXPECT_EQ(last["screen.batch"]["after"]["names"].size(), 2u);
  // The export as CSV and JSON Lines holds the same rows.
  EXPECT_EQ(SplitLines(server_->Client(ana_).Get("/api/v1/audit?format=jsonl")->body).size(),
            records.size());
  EXPECT_EQ(server_->Client(ana_).Get("/api/v1/audit?format=csv")->get_header_value("Content-Type"), "text/csv");
  nlohmann::json check = ParseJson(server_->Client(admin_).Get("/api/v1/audit/verify")->body);
  EXPECT_EQ(check["intact"], true) << check;
}

TEST_P(CasesServiceTest, AnAuditRowEditedInTheDatabaseIsFoundByVerify) {
  ASSERT_EQ(server_->Client(ana_).Post("/api/v1/cases/" + case_ + "/notes", R"({"text":"checked"})", kJson)->status, 200);
  nlohmann::json check = ParseJson(server_->Client(admin_).Get("/api/v1/audit/verify")->body);
  ASSERT_EQ(check["intact"], true);
  {
    Result<store::Store> db = store::Open(url());
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE(db->Exec("UPDATE audit_log SET actor = 'mallory' WHERE seq = 2").ok());
  }
  check = ParseJson(server_->Client(admin_).Get("/api/v1/audit/verify")->body);
  EXPECT_EQ(check["intact"], false) << check;
  EXPECT_EQ(check["bad_seq"], 2) << check;
  EXPECT_EQ(RunCli({"audit", "verify", "--db", url()}).status, 1);
  // Nothing the service offers edits or deletes audit rows.
  for (const char* method : {"PUT", "DELETE", "PATCH", "POST"}) {
    httplib::Request req;
    req.method = method;
    req.path = "/api/v1/audit";
    EXPECT_EQ(server_->Client(admin_).send(req)->status, 405) << method;
  }
}

WK_ON_EVERY_ENGINE(CasesServiceTest);

}  // namespace
}  // namespace wk::testing
