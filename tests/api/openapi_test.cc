// The OpenAPI document is the contract: the real server, fed a simulated
// world, is called on every documented route and method; each answer must
// match the schema the document gives for its status, every operation must be
// reached with a 2xx, and no route may exist that the document does not list.
#include <fstream>
#include <set>
#include <sstream>

#include "api/api.h"
#include "json_schema.h"
#include "lists/lists.h"
#include "server_harness.h"

namespace wk::testing {
namespace {

class OpenApiTest : public StoreTest {};

struct Checker {
  const nlohmann::json& doc;
  std::set<std::pair<std::string, std::string>> reached;  // (method, documented path) answered 2xx

  // Checks `res` against the document's response for (method, path, status).
  void Check(const std::string& method, const std::string& path, const httplib::Result& res) {
    ASSERT_TRUE(res) << method << " " << path << ": no answer (" << httplib::to_string(res.error()) << ")";
    const std::string lower = [&] {
      std::string m = method;
      for (char& c : m) c = static_cast<char>(std::tolower(c));
      return m;
    }();
    ASSERT_TRUE(doc["paths"].contains(path)) << path << " is not documented";
    ASSERT_TRUE(doc["paths"][path].contains(lower)) << method << " " << path << " is not documented";
    const nlohmann::json& responses = doc["paths"][path][lower]["responses"];
    const std::string status = std::to_string(res->status);
    ASSERT_TRUE(responses.contains(status))
        << method << " " << path << " answered " << status << ", which is not documented: " << res->body.substr(0, 300);
    const nlohmann::json& content = responses[status]["content"];
    const std::string type = res->get_header_value("Content-Type");
    ASSERT_TRUE(content.contains(type)) << method << " " << path << ": undocumented Content-Type " << type;
    if (type.find("json") == std::string::npos || type == "application/x-ndjson") {  // CSV, JSON Lines exports
      if (res->status >= 200 && res->status < 300) reached.insert({method, path});
      return;
    }
    nlohmann::json body = ParseJson(res->body);
    ASSERT_FALSE(body.is_discarded()) << method << " " << path << ": not JSON: " << res->body.substr(0, 200);
    std::vector<std::string> errors;
    CheckSchema(body, content[type]["schema"], doc, "$", errors);
    EXPECT_TRUE(errors.empty()) << method << " " << path << " " << status << ":\n  " << [&] {
      std::string all;
      for (const std::string& e : errors) all += e + "\n  ";
      return all;
    }() << res->body.substr(0, 400);
    if (res->status >= 200 && res->status < 300) reached.insert({method, path});
  }
};

std::string UnXml(const std::vector<lists::Entity>& entities, const std::string& date) {
  std::ostringstream out;
  lists::WriteUnXml(entities, date, out);
  return out.str();
}

TEST_P(OpenApiTest, EveryDocumentedRouteAnswersAsDocumented) {
  const nlohmann::json doc = ParseJson(std::string(api::OpenApiText()));
  ASSERT_FALSE(doc.is_discarded());
  ASSERT_EQ(doc["openapi"], "3.1.0");
  const std::string world = test_store().dir().File("world");
  ASSERT_TRUE(SimulateWorld(world));
  const std::string admin = MakeAccount(url(), "root", api::Role::kAdmin);
  const std::string analyst = MakeAccount(url(), "ana", api::Role::kAnalyst);
  const std::string analyst2 = MakeAccount(url(), "ben", api::Role::kAnalyst);
  ASSERT_FALSE(MakeAccount(url(), "vera", api::Role::kViewer, "correct horse").empty());
  ServerProcess server(url(), {"--reload-interval", "1"});
  ASSERT_TRUE(server.ok()) << server.error();
  Checker check{doc, {}};
  const std::string json = "application/json";

  httplib::Client anon = server.Client();
  check.Check("GET", "/health", anon.Get("/api/v1/health"));
  httplib::Client as_admin = server.Client(admin), as_analyst = server.Client(analyst);
  check.Check("GET", "/openapi.json", as_admin.Get("/api/v1/openapi.json"));
  httplib::Result login = anon.Post("/api/v1/login", R"({"name":"vera","password":"correct horse"})", json);
  check.Check("POST", "/login", login);
  const std::string session = ParseJson(login->body)["token"];
  httplib::Client as_viewer = server.Client(session);
  check.Check("GET", "/me", as_viewer.Get("/api/v1/me"));
  check.Check("POST", "/login", anon.Post("/api/v1/login", R"({"name":"vera","password":"wrong horse"})", json));

  // Two versions of the UN list: the fictional demo list, then the world's designations.
  check.Check("POST", "/lists", as_admin.Post("/api/v1/lists?filename=fictional.xml", UnXml(lists::FictionalList(), "2024-01-01"),
                                              "application/octet-stream"));
  // The designations drop most of the fictional entries: refused with both counts, then forced in.
  httplib::Result refused = as_admin.Post("/api/v1/lists", ReadFile(world + "/designations.xml"), "application/octet-stream");
  check.Check("POST", "/lists", refused);
  EXPECT_EQ(refused->status, 400);
  EXPECT_NE(refused->body.find("of the current"), std::string::npos) << refused->body;
  check.Check("POST", "/lists", as_admin.Post("/api/v1/lists?force=true", ReadFile(world + "/designations.xml"),
                                              "application/octet-stream"));
  for (int i = 0; i < 50; ++i) {  // the server picks the new version up within its reload interval
    nlohmann::json h = ParseJson(anon.Get("/api/v1/health")->body);
    if (h["lists"].size() == 1 && h["lists"][0]["version"] == 2) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  check.Check("POST", "/uploads", as_analyst.Post("/api/v1/uploads", ReadFile(world + "/ais-2024-01-01.nmea"),
                                                  "application/octet-stream"));
  CliRun run = RunCli({"alerts", "run", "--db", url(), "--ports", world + "/ports.csv"});
  ASSERT_EQ(run.status, 0) << run.err;
  check.Check("POST", "/alert-runs", as_analyst.Post("/api/v1/alert-runs", "", "application/json"));

  // The world's first designation, screened by its listed name.
  const nlohmann::json designated = ParseJson(SplitLines(ReadFile(world + "/designations.jsonl"))[0]);
  nlohmann::json query = {{"name", designated["name"]}, {"schema", "vessel"}};
  httplib::Result screened = as_viewer.Post("/api/v1/screen", query.dump(), json);
  check.Check("POST", "/screen", screened);
  EXPECT_EQ(ParseJson(screened->body)["result"]["matches"][0]["id"], designated["entry"]) << screened->body;
  EXPECT_EQ(ParseJson(screened->body)["result"]["matches"][0]["listings"][0]["id"], designated["entry"]);
  check.Check("POST", "/screen", as_viewer.Post("/api/v1/screen?entries=true", query.dump(), json));
  const std::string listed_mmsi = std::to_string(
      ParseJson(SplitLines(ReadFile(world + "/vessels.jsonl"))[0])["mmsi"].get<int64_t>());
  check.Check("POST", "/screen/batch",
              as_viewer.Post("/api/v1/screen/batch", R"({"queries":[{"name":"PACIFIC WAY"},{"name":"Kim Jong Un","limit":3}]})", json));
  check.Check("GET", "/lists", as_viewer.Get("/api/v1/lists"));
  check.Check("GET", "/lists/stats", as_viewer.Get("/api/v1/lists/stats"));
  check.Check("GET", "/lists/{source}/diff", as_viewer.Get("/api/v1/lists/un/diff"));
  httplib::Result entries = as_viewer.Get("/api/v1/lists/un/entries?limit=2");
  check.Check("GET", "/lists/{source}/entries", entries);
  const std::string entity = ParseJson(entries->body)["entries"][0]["id"];
  check.Check("GET", "/entities/{id}", as_viewer.Get("/api/v1/entities/" + entity));
  check.Check("GET", "/vessels/{mmsi}", as_viewer.Get("/api/v1/vessels/" + listed_mmsi));
  httplib::Result track = as_viewer.Get("/api/v1/vessels/" + listed_mmsi + "/track?from=2024-01-01T00:00:00Z&to=2024-01-02T00:00:00Z");
  check.Check("GET", "/vessels/{mmsi}/track", track);
  const nlohmann::json feature = ParseJson(track->body);
  ASSERT_GT(feature["geometry"]["coordinates"].size(), 10u);
  EXPECT_GE(feature["geometry"]["coordinates"][0][3].get<int64_t>(), 1704067200);  // [lon, lat, 0, unix time]
  check.Check("GET", "/events", as_viewer.Get("/api/v1/events?from=2024-01-01T00:00:00Z&type=port_call&limit=5"));
  httplib::Result alerts = as_viewer.Get("/api/v1/alerts?status=open&limit=5");
  check.Check("GET", "/alerts", alerts);
  const nlohmann::json alert_list = ParseJson(alerts->body)["alerts"];
  ASSERT_FALSE(alert_list.empty()) << alerts->body;
  const std::string alert_id = std::to_string(alert_list[0]["id"].get<int64_t>());
  check.Check("GET", "/alerts/{id}", as_viewer.Get("/api/v1/alerts/" + alert_id));
  check.Check("POST", "/alerts/{id}/status",
              as_analyst.Post("/api/v1/alerts/" + alert_id + "/status", R"({"status":"acknowledged"})", json));
  // Cases, through every step; four-eyes needs a second analyst.
  httplib::Client as_ben = server.Client(analyst2);
  const int64_t first_alert = alert_list[0]["id"].get<int64_t>();
  const int64_t last_alert = alert_list[alert_list.size() - 1]["id"].get<int64_t>();
  httplib::Result made = as_analyst.Post("/api/v1/cases", nlohmann::json{{"title", "first look"}, {"alerts", {first_alert}}}.dump(), json);
  check.Check("POST", "/cases", made);
  const std::string c1 = "/api/v1/cases/" + std::to_string(ParseJson(made->body)["id"].get<int64_t>());
  check.Check("GET", "/cases", as_viewer.Get("/api/v1/cases?status=open"));
  check.Check("GET", "/cases/{id}", as_viewer.Get(c1));
  check.Check("POST", "/cases/{id}/assign", as_analyst.Post(c1 + "/assign", R"({"assignee":"ana"})", json));
  check.Check("POST", "/cases/{id}/status", as_analyst.Post(c1 + "/status", R"({"status":"investigating"})", json));
  check.Check("POST", "/cases/{id}/notes", as_analyst.Post(c1 + "/notes", R"({"text":"met a DPRK tanker at night"})", json));
  check.Check("POST", "/cases/{id}/tags", as_analyst.Post(c1 + "/tags", R"({"tag":"sts"})", json));
  check.Check("DELETE", "/cases/{id}/tags/{tag}", as_analyst.Delete(c1 + "/tags/sts"));
  if (last_alert != first_alert)
    check.Check("POST", "/cases/{id}/alerts", as_analyst.Post(c1 + "/alerts", nlohmann::json{{"alerts", {last_alert}}}.dump(), json));
  check.Check("POST", "/cases/{id}/propose", as_analyst.Post(c1 + "/propose", R"({"outcome":"confirmed"})", json));
  check.Check("POST", "/cases/{id}/approve", as_analyst.Post(c1 + "/approve", "", json));  // four-eyes: 403
  check.Check("POST", "/cases/{id}/reject", as_ben.Post(c1 + "/reject", R"({"reason":"needs the second night"})", json));
  check.Check("POST", "/cases/{id}/propose", as_analyst.Post(c1 + "/propose", R"({"outcome":"confirmed"})", json));
  check.Check("POST", "/cases/{id}/approve", as_ben.Post(c1 + "/approve", "", json));
  made = as_analyst.Post("/api/v1/cases", R"({"title":"background"})", json);
  const std::string c2 = "/api/v1/cases/" + std::to_string(ParseJson(made->body)["id"].get<int64_t>());
  check.Check("POST", "/cases/{id}/close", as_analyst.Post(c2 + "/close", R"({"outcome":"false_positive"})", json));
  check.Check("POST", "/cases/{id}/alerts", as_analyst.Post(c1 + "/alerts", nlohmann::json{{"alerts", {first_alert}}}.dump(), json));
  check.Check("GET", "/audit", as_analyst.Get("/api/v1/audit?from=2020-01-01T00:00:00Z"));
  check.Check("GET", "/audit", as_analyst.Get("/api/v1/audit?format=csv"));
  check.Check("GET", "/audit/verify", as_admin.Get("/api/v1/audit/verify"));
  // The desk's routes (routes_desk.cc).
  check.Check("GET", "/audit/status", as_analyst.Get("/api/v1/audit/status"));
  check.Check("GET", "/cases/{id}/audit", as_viewer.Get(c1 + "/audit"));
  check.Check("GET", "/cases/{id}/report", as_viewer.Get(c1 + "/report"));
  httplib::Result pdf = as_viewer.Get(c1 + "/report?format=pdf");
  check.Check("GET", "/cases/{id}/report", pdf);
  EXPECT_EQ(pdf->body.rfind("%PDF-", 0), 0u) << pdf->body.substr(0, 200);
  check.Check("GET", "/vessels/{mmsi}/report", as_viewer.Get("/api/v1/vessels/" + listed_mmsi + "/report"));
  check.Check("GET", "/map", as_viewer.Get("/api/v1/map?from=2024-01-01T00:00:00Z&to=2024-01-02T00:00:00Z&resolution=0.05&events=true"));
  check.Check("GET", "/map", as_viewer.Get("/api/v1/map?bbox=200,0,1,1"));  // 400 naming bbox
  check.Check("GET", "/ports", as_viewer.Get("/api/v1/ports"));
  check.Check("GET", "/council/recorded", as_viewer.Get("/api/v1/council/recorded?draft=S/2024/255"));
  check.Check("GET", "/council/recorded", as_viewer.Get("/api/v1/council/recorded?draft=S/1999/1"));  // 404
  check.Check("POST", "/council/vote",
              as_viewer.Post("/api/v1/council/vote", R"({"date":"2017-12-22","votes":{"US":"yes","CN":"yes","RU":"no"}})", json));
  check.Check("POST", "/council/what-if",
              as_viewer.Post("/api/v1/council/what-if", R"({"draft":"S/2024/255","changes":{"RU":"abstain"}})", json));
  check.Check("GET", "/council/in-force", as_viewer.Get("/api/v1/council/in-force?date=2024-04-15"));
  check.Check("GET", "/council/history", as_viewer.Get("/api/v1/council/history"));
  check.Check("GET", "/users", as_admin.Get("/api/v1/users"));
  check.Check("POST", "/users", as_admin.Post("/api/v1/users", R"({"name":"newbie","role":"viewer"})", json));
  check.Check("PUT", "/users/{name}/password",
              as_admin.Put("/api/v1/users/newbie/password", R"({"password":"long enough"})", json));
  check.Check("POST", "/users/{name}/disable", as_admin.Post("/api/v1/users/newbie/disable", "", json));
  check.Check("POST", "/webhooks", as_admin.Post("/api/v1/webhooks", R"({"url":"http://127.0.0.1:9/hook"})", json));
  check.Check("GET", "/webhooks", as_admin.Get("/api/v1/webhooks"));
  check.Check("DELETE", "/webhooks/{id}", as_admin.Delete("/api/v1/webhooks/1"));
  check.Check("POST", "/logout", as_viewer.Post("/api/v1/logout", "", json));
  // Some refusals, which must match the Error schema too.
  check.Check("GET", "/me", as_viewer.Get("/api/v1/me"));  // the session has ended: 401
  check.Check("POST", "/screen", as_analyst.Post("/api/v1/screen", R"({"name":""})", json));
  check.Check("GET", "/alerts/{id}", as_analyst.Get("/api/v1/alerts/999999"));
  check.Check("GET", "/users", as_analyst.Get("/api/v1/users"));

  // Every documented operation was reached with a 2xx.
  for (auto p = doc["paths"].begin(); p != doc["paths"].end(); ++p)
    for (auto m = p.value().begin(); m != p.value().end(); ++m) {
      std::string method = m.key();
      for (char& c : method) c = static_cast<char>(std::toupper(c));
      EXPECT_TRUE(check.reached.count({method, p.key()})) << method << " " << p.key() << " was not called with success";
    }
}

TEST_P(OpenApiTest, NoRouteExistsThatIsNotDocumented) {
  const nlohmann::json doc = ParseJson(std::string(api::OpenApiText()));
  const std::string base = doc["servers"][0]["url"];
  // The server's own table, against the document, both ways.
  std::set<std::pair<std::string, std::string>> served, documented;
  // The desk's files (/, /assets/NAME: routes_static.cc) are not the API's.
  const auto in_api = [&](const api::RouteInfo& r) { return r.path.rfind(base + "/", 0) == 0; };
  for (const api::RouteInfo& r : api::Routes())
    if (in_api(r)) served.insert({r.method, r.path});
  for (auto p = doc["paths"].begin(); p != doc["paths"].end(); ++p)
    for (auto m = p.value().begin(); m != p.value().end(); ++m) {
      std::string method = m.key();
      for (char& c : method) c = static_cast<char>(std::toupper(c));
      documented.insert({method, base + p.key()});
      const bool open = m.value().contains("security") && m.value()["security"].empty();
      bool found = false;
      for (const api::RouteInfo& r : api::Routes())
        if (r.method == method && r.path == base + p.key()) {
          found = true;
          EXPECT_EQ(open, !r.authenticated) << method << " " << p.key() << ": security differs from the server's";
          const std::string role = m.value()["x-watchkeeper-role"];
          if (r.authenticated) EXPECT_EQ(role, api::RoleName(r.role)) << method << " " << p.key();
        }
      EXPECT_TRUE(found) << method << " " << p.key() << " is documented but not served";
    }
  EXPECT_EQ(served, documented);

  // And over the wire: every other method on a documented path is 405 with
  // an Allow header; paths nobody documented are 404; both answer JSON.
  const std::string token = MakeAccount(url(), "root", api::Role::kAdmin);
  ServerProcess server(url());
  ASSERT_TRUE(server.ok()) << server.error();
  httplib::Client c = server.Client(token);
  for (auto p = doc["paths"].begin(); p != doc["paths"].end(); ++p) {
    std::string path = base + p.key();
    for (std::string_view param : {"{source}", "{id}", "{mmsi}", "{name}"})
      if (size_t at = path.find(param); at != std::string::npos) path.replace(at, param.size(), "un");
    for (const std::string method : {"GET", "POST", "PUT", "DELETE", "PATCH"}) {
      std::string lower = method;
      for (char& ch : lower) ch = static_cast<char>(std::tolower(ch));
      if (p.value().contains(lower)) continue;
      httplib::Request req;
      req.method = method;
      req.path = path;
      httplib::Result res = c.send(req);
      ASSERT_TRUE(res);
      EXPECT_EQ(res->status, 405) << method << " " << path;
      EXPECT_FALSE(res->get_header_value("Allow").empty()) << method << " " << path;
      EXPECT_FALSE(ParseJson(res->body).is_discarded()) << res->body;
    }
  }
  // "/" and "/index.html" are the desk's (routes_static.cc, tests/api/static_test.cc).
  for (const std::string path : {"/favicon.ico", "/api", "/api/v1", "/api/v2/health", "/api/v1/healthz", "/api/v1/health/x",
                                 "/api/v1/users/root", "/api/v1/vessels", "/assets", "/api/v1/lists/un"}) {
    httplib::Result res = c.Get(path);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 404) << path;
    EXPECT_FALSE(ParseJson(res->body)["error"].is_null()) << path << ": " << res->body;
  }
}

WK_ON_EVERY_ENGINE(OpenApiTest);

}  // namespace
}  // namespace wk::testing
