// Screening through the service answers by party, as `watchkeeper screen`
// does: on the real UN, OFAC and UK lists, Choi Chun-sik is one result with
// his three listings, each with its list version; ?entries=true keeps one
// result per entry; a batch folds each query the same way.
#include "server_harness.h"

namespace wk::testing {
namespace {

const char* kJson = "application/json";
const char* kUn = "lists/un/UN_consolidated.xml";
const char* kOfac = "lists/ofac/sdn-csv-2024-05-03/sdn.csv";
const char* kUk = "lists/uk/sanctionsconlist-2018-04-13.csv";

class ScreenPartiesService : public StoreTest {};
WK_ON_EVERY_ENGINE(ScreenPartiesService);

std::vector<std::string> Ids(const nlohmann::json& array) {
  std::vector<std::string> ids;
  for (const nlohmann::json& m : array) ids.push_back(m["id"]);
  return ids;
}

TEST_P(ScreenPartiesService, OneResultPerPartyWithEveryListingAndItsVersion) {
  for (const char* f : {kUn, kOfac, kUk}) WK_REQUIRE_SHARED(f);
  CliRun imported = RunCli({"lists", "import", SharedData(kUn), SharedData(kOfac), SharedData(kUk), "--db", url()});
  ASSERT_EQ(imported.status, 0) << imported.err;
  const std::string viewer = MakeAccount(url(), "vera", api::Role::kViewer);
  ServerProcess server(url());
  ASSERT_TRUE(server.ok()) << server.error();
  httplib::Client c = server.Client(viewer);

  httplib::Result r = c.Post("/api/v1/screen", R"({"name":"Choi Chun-sik","schema":"person"})", kJson);
  ASSERT_EQ(r->status, 200) << r->body;
  const nlohmann::json body = ParseJson(r->body);
  std::map<std::string, int64_t> version_of;
  for (const nlohmann::json& v : body["list_versions"]) version_of[v["source"]] = v["version"];
  const nlohmann::json& matches = body["result"]["matches"];
  ASSERT_FALSE(matches.empty()) << r->body;
  EXPECT_EQ(matches[0]["party"], "party:un:KPi.013");
  EXPECT_EQ(Ids(matches[0]["listings"]), (std::vector<std::string>{"un:KPi.013", "ofac:19498", "uk:13324"}));
  for (const nlohmann::json& l : matches[0]["listings"]) {
    EXPECT_EQ(l["list_version"], version_of[l["source"]]) << l;
    EXPECT_TRUE(l["matched"].get<bool>()) << l;  // each of the three names meets the query
  }
  for (size_t k = 1; k < matches.size(); ++k) EXPECT_NE(matches[k]["party"], "party:un:KPi.013");

  // Per entry, as before parties: the three listings are three results.
  r = c.Post("/api/v1/screen?entries=true", R"({"name":"Choi Chun-sik","schema":"person"})", kJson);
  ASSERT_EQ(r->status, 200) << r->body;
  const nlohmann::json per_entry = ParseJson(r->body)["result"]["matches"];
  const std::vector<std::string> ids = Ids(per_entry);
  for (const char* id : {"un:KPi.013", "ofac:19498", "uk:13324"})
    EXPECT_NE(std::find(ids.begin(), ids.end(), id), ids.end()) << id << " in " << r->body;
  for (const nlohmann::json& m : per_entry) EXPECT_FALSE(m.contains("party"));

  // A batch folds each query by party too.
  r = c.Post("/api/v1/screen/batch", R"({"queries":[{"name":"Choi Chun-sik","schema":"person"},{"name":"Nobody Atall Zzyzx"}]})",
             kJson);
  ASSERT_EQ(r->status, 200) << r->body;
  const nlohmann::json results = ParseJson(r->body)["results"];
  ASSERT_EQ(results.size(), 2u);
  EXPECT_EQ(results[0]["matches"][0]["party"], "party:un:KPi.013");
  EXPECT_EQ(results[0]["matches"][0]["listings"].size(), 3u);
  EXPECT_TRUE(results[1]["matches"].empty()) << results[1];

  r = c.Post("/api/v1/screen?entries=yes", R"({"name":"Choi Chun-sik"})", kJson);
  EXPECT_EQ(r->status, 400);
  EXPECT_EQ(ParseJson(r->body)["field"], "entries") << r->body;
}

}  // namespace
}  // namespace wk::testing
