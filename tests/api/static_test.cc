// The desk's files through `watchkeeper serve --web DIR`: index.html at /,
// the files of DIR/assets at /assets/NAME, with a CSP that lets the desk run
// its own script and nothing else; no token needed for them (they hold no
// data) while the API still refuses without one; nothing outside the listing
// is reachable, however the path is spelled.
#include <filesystem>

#include "server_harness.h"

namespace wk::testing {
namespace {

// The files do not touch the store: one engine is enough.
TEST(StaticFiles, ServesTheDeskAndNothingElse) {
  TempDir dir;
  const std::string url = dir.File("watchkeeper.db");
  const std::string web = dir.File("web");
  std::filesystem::create_directories(web + "/assets");
  WriteFile(web + "/index.html", "<!doctype html><title>desk</title>");
  WriteFile(web + "/assets/desk.js", "console.log('desk');");
  WriteFile(web + "/assets/land.json", "{\"type\":\"FeatureCollection\",\"features\":[]}");
  WriteFile(web + "/secret.txt", "not for you");
  WriteFile(dir.File("outside.txt"), "nor this");
  ServerProcess server(url, {"--web", web});
  ASSERT_TRUE(server.ok()) << server.error();
  httplib::Client c = server.Client();

  httplib::Result index = c.Get("/");
  ASSERT_TRUE(index);
  EXPECT_EQ(index->status, 200);
  EXPECT_EQ(index->body, "<!doctype html><title>desk</title>");
  EXPECT_EQ(index->get_header_value("Content-Type"), "text/html; charset=utf-8");
  const std::string csp = index->get_header_value("Content-Security-Policy");
  EXPECT_NE(csp.find("script-src 'self'"), std::string::npos) << csp;
  EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos) << csp;
  EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos) << csp;
  EXPECT_EQ(index->get_header_value("X-Frame-Options"), "DENY");
  EXPECT_EQ(c.Get("/index.html")->body, index->body);

  httplib::Result js = c.Get("/assets/desk.js");
  EXPECT_EQ(js->status, 200);
  EXPECT_EQ(js->body, "console.log('desk');");
  const std::string etag = js->get_header_value("ETag");
  ASSERT_FALSE(etag.empty());
  httplib::Result again = c.Get("/assets/desk.js", {{"If-None-Match", etag}});
  EXPECT_EQ(again->status, 304);
  EXPECT_EQ(c.Get("/assets/land.json")->get_header_value("Content-Type"), "application/geo+json");

  // Nothing outside the listing, however spelled; each a JSON 404 (or 400).
  for (const char* path : {"/secret.txt", "/assets/../secret.txt", "/assets/..%2fsecret.txt", "/assets/%2e%2e/secret.txt",
                           "/assets/..%2F..%2Foutside.txt", "/assets/", "/assets/missing.js", "/assets/desk.js/x",
                           "/../outside.txt", "/web/index.html"}) {
    RawConnection raw(server.port());
    ASSERT_TRUE(raw.ok());
    ASSERT_TRUE(raw.Send(std::string("GET ") + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
    const std::string answer = raw.ReadAll(2000);
    const int status = RawConnection::StatusOf(answer);
    EXPECT_TRUE(status == 404 || status == 400) << path << ": " << answer.substr(0, 200);
    EXPECT_EQ(answer.find("not for you"), std::string::npos) << path;
    EXPECT_EQ(answer.find("nor this"), std::string::npos) << path;
  }
  EXPECT_EQ(c.Post("/", "x", "text/plain")->status, 405);
  // The files need no token; the API does.
  EXPECT_EQ(c.Get("/api/v1/alerts")->status, 401);
}

TEST(StaticFiles, WithoutTheDeskTheRootSaysHowToBuildIt) {
  TempDir dir;
  ServerProcess server(dir.File("watchkeeper.db"), {"--web", "none"});
  ASSERT_TRUE(server.ok()) << server.error();
  httplib::Result r = server.Client().Get("/");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 404);
  EXPECT_NE(r->body.find("the desk is not built"), std::string::npos) << r->body;
}

TEST(ServeCommand, RefusesAWebFolderWithoutTheDesk) {
  TempDir dir;
  CliRun r = RunCli({"serve", "--db", dir.File("x.db"), "--listen", "127.0.0.1:0", "--web", dir.File("nothing")});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("no index.html"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace wk::testing
