// lists fetch against a local HTTP server on 127.0.0.1 serving the shared
// files: conditional requests, 304, and broken downloads that must not
// replace the current version. No other address is ever contacted.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <sstream>
#include <thread>

#include "lists/lists.h"
#include "store/store.h"
#include "testing.h"

namespace wk::lists {
namespace {

using ::testing::HasSubstr;
using ::wk::testing::RunCli;
using ::wk::testing::SharedData;
using ::wk::testing::TempDir;
namespace fs = std::filesystem;

int FreePort() {
  int s = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = 0;
  bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a);
  socklen_t len = sizeof a;
  getsockname(s, reinterpret_cast<sockaddr*>(&a), &len);
  close(s);
  return ntohs(a.sin_port);
}

bool CanConnect(int port) {
  int s = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = htons(static_cast<uint16_t>(port));
  const bool ok = connect(s, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
  close(s);
  return ok;
}

// Python's http.server bound to 127.0.0.1, serving `dir`; it answers
// If-Modified-Since with 304 Not Modified.
class LocalServer {
 public:
  explicit LocalServer(const fs::path& dir) : port_(FreePort()) {
    pid_ = fork();
    if (pid_ == 0) {
      int devnull = open("/dev/null", O_WRONLY);
      dup2(devnull, 1);
      dup2(devnull, 2);
      const std::string port = std::to_string(port_);
      execl("/usr/bin/python3", "python3", "-m", "http.server", "--bind", "127.0.0.1", "--directory",
            dir.c_str(), port.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
    for (int i = 0; i < 100 && !CanConnect(port_); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ~LocalServer() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      waitpid(pid_, nullptr, 0);
    }
  }
  bool up() const { return CanConnect(port_); }
  std::string Url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + "/" + path;
  }

 private:
  int port_;
  pid_t pid_ = -1;
};

// Sets a file's mtime in the future so the server reports it modified.
void Touch(const fs::path& p, int seconds) {
  fs::last_write_time(p, fs::file_time_type::clock::now() + std::chrono::seconds(seconds));
}

// Runs on SQLite and on PostgreSQL.
class FetchTest : public ::wk::testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    if (!fs::exists(SharedData("lists/un/UN_consolidated.xml")))
      WK_SKIP_OR_FAIL("../shared/data/lists is absent: this test needs the project's shared real data");
    if (!fs::exists("/usr/bin/python3")) WK_SKIP_OR_FAIL("/usr/bin/python3 is needed for the local HTTP server");
    root_ = dir_.path() / "www";
    fs::create_directories(root_ / "ofac");
    // The real files, linked (or copied, when a test rewrites them) into a
    // temporary folder at test time.
    fs::copy_file(SharedData("lists/un/UN_consolidated.xml"), root_ / "consolidated.xml");
    for (const char* f : {"sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv"})
      fs::create_symlink(SharedData(std::string("lists/ofac/watchman-bench-2021-07/") + f), root_ / "ofac" / f);
    fs::create_symlink(SharedData("lists/uk/sanctionsconlist-2018-04-13.csv"), root_ / "ConList.csv");
    fs::create_symlink(SharedData("lists/eu/EUSanctionsShort-2018-07-04.csv"), root_ / "eu.csv");
    server_ = std::make_unique<LocalServer>(root_);
    ASSERT_TRUE(server_->up()) << "the local HTTP server did not start";
    config_ = dir_.File("fetch.conf");
    std::ostringstream c;
    c << "# test mirror on 127.0.0.1\n"
      << "un = " << server_->Url("consolidated.xml") << "\n"
      << "ofac = " << server_->Url("ofac/sdn.csv") << " " << server_->Url("ofac/alt.csv") << " "
      << server_->Url("ofac/add.csv") << " " << server_->Url("ofac/sdn_comments.csv") << "\n"
      << "uk = " << server_->Url("ConList.csv") << "\n"
      << "eu = " << server_->Url("eu.csv") << "\n"
      << "timeout = 60\n";
    ::wk::testing::WriteFile(config_, c.str());
    db_ = url();
  }

  ::wk::testing::CliRun Fetch(const std::string& source) {
    return RunCli({"lists", "fetch", "--source", source, "--config", config_, "--db", db_});
  }

  TempDir dir_;
  fs::path root_;
  std::unique_ptr<LocalServer> server_;
  std::string config_;
  std::string db_;
};

WK_ON_EVERY_ENGINE(FetchTest);

TEST_P(FetchTest, DownloadsParsesAndImportsEverySource) {
  auto run = Fetch("all");
  ASSERT_EQ(run.status, 0) << run.err;
  auto lines = ::wk::testing::SplitLines(run.out);
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_THAT(lines[0], HasSubstr("\"source\":\"un\",\"status\":\"imported\""));
  EXPECT_THAT(lines[0], HasSubstr("\"entities\":1003"));
  EXPECT_THAT(lines[1], HasSubstr("\"source\":\"ofac\",\"status\":\"imported\""));
  EXPECT_THAT(lines[1], HasSubstr("\"entities\":8976"));
  EXPECT_THAT(lines[2], HasSubstr("\"entities\":2106"));
  EXPECT_THAT(lines[3], HasSubstr("\"entities\":93"));
  // The OFAC version joined the alt.csv names.
  run = RunCli({"lists", "show", "ofac:306", "--db", db_});
  ASSERT_EQ(run.status, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr("NATIONAL BANK OF CUBA"));
}

TEST_P(FetchTest, AnswersNotModifiedWithoutANewVersion) {
  ASSERT_EQ(Fetch("un").status, 0);
  auto run = Fetch("un");
  ASSERT_EQ(run.status, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr("\"status\":\"not_modified\""));
  EXPECT_THAT(run.out, HasSubstr("\"version\":{\"version\":1,"));
  // Modified on the server but the same entries: no new version either.
  Touch(root_ / "consolidated.xml", 5);
  run = Fetch("un");
  ASSERT_EQ(run.status, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr("\"status\":\"unchanged\""));
  run = RunCli({"lists", "stats", "--db", db_});
  EXPECT_THAT(run.out, HasSubstr("\"versions\":1"));
}

TEST_P(FetchTest, ATruncatedOrGarbageDownloadKeepsThePreviousVersion) {
  ASSERT_EQ(Fetch("un").status, 0);
  const std::string xml = ::wk::testing::ReadFile((root_ / "consolidated.xml").string());
  ::wk::testing::WriteFile((root_ / "consolidated.xml").string(), xml.substr(0, xml.size() * 2 / 3));
  Touch(root_ / "consolidated.xml", 5);
  auto run = Fetch("un");
  EXPECT_EQ(run.status, 1);
  EXPECT_THAT(run.err, HasSubstr("consolidated.xml:"));
  EXPECT_THAT(run.err, HasSubstr("(nothing changed for un)"));
  EXPECT_THAT(run.out, HasSubstr("\"source\":\"un\",\"status\":\"failed\""));
  ::wk::testing::WriteFile((root_ / "consolidated.xml").string(), "<html><body>Service unavailable</body></html>");
  Touch(root_ / "consolidated.xml", 10);
  run = Fetch("un");
  EXPECT_EQ(run.status, 1);
  EXPECT_THAT(run.err, HasSubstr("unknown list format"));
  // A 404 fails the same way.
  fs::remove(root_ / "consolidated.xml");
  run = Fetch("un");
  EXPECT_EQ(run.status, 1);
  EXPECT_THAT(run.err, HasSubstr("HTTP 404"));
  run = RunCli({"lists", "stats", "--db", db_});
  EXPECT_THAT(run.out, HasSubstr("\"version\":1,\"versions\":1"));
  EXPECT_THAT(run.out, HasSubstr("\"entities\":1003"));
  // The validators were not updated by the failures: the good file, back
  // with an old date, is fetched (not answered 304) and is unchanged.
  ::wk::testing::WriteFile((root_ / "consolidated.xml").string(), xml);
  Touch(root_ / "consolidated.xml", 15);
  run = Fetch("un");
  ASSERT_EQ(run.status, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr("\"status\":\"unchanged\""));
}

TEST_P(FetchTest, OneFailingSourceDoesNotBlockTheOthers) {
  fs::remove(root_ / "eu.csv");
  auto run = Fetch("all");
  EXPECT_EQ(run.status, 1);
  EXPECT_THAT(run.err, HasSubstr("fetch eu: "));
  EXPECT_THAT(run.err, HasSubstr("HTTP 404"));
  EXPECT_THAT(run.err, HasSubstr("1 source(s) failed; the others were updated"));
  auto lines = ::wk::testing::SplitLines(run.out);
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_THAT(lines[0], HasSubstr("\"source\":\"un\",\"status\":\"imported\""));
  EXPECT_THAT(lines[3], HasSubstr("\"source\":\"eu\",\"status\":\"failed\""));
  run = RunCli({"lists", "stats", "--db", db_});
  EXPECT_EQ(::wk::testing::SplitLines(run.out).size(), 3u);  // ofac, uk, un
}

TEST_P(FetchTest, ANewerListBecomesANewVersionWithADiff) {
  ASSERT_EQ(Fetch("un").status, 0);
  Result<ListFile> current = ReadListFile((root_ / "consolidated.xml").string());
  ASSERT_TRUE(current.ok());
  std::vector<Entity> next = current->entities;
  next.erase(next.begin());  // one delisted
  std::ostringstream xml;
  WriteUnXml(next, "2026-03-01T00:00:00Z", xml);
  ::wk::testing::WriteFile((root_ / "consolidated.xml").string(), xml.str());
  Touch(root_ / "consolidated.xml", 5);
  auto run = Fetch("un");
  ASSERT_EQ(run.status, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr("\"status\":\"imported\""));
  EXPECT_THAT(run.out, HasSubstr("\"generated\":\"2026-03-01T00:00:00Z\""));
  run = RunCli({"lists", "diff", "--source", "un", "--db", db_});
  ASSERT_EQ(run.status, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr("\"removed\":1"));
  EXPECT_THAT(run.out, HasSubstr("\"change\":\"removed\",\"id\":\"" + current->entities[0].id + "\""));
}

// Issue 13 item 5: a download older than the current version, or one that
// drops most of its entries, is refused like an import and changes nothing.
TEST_P(FetchTest, Issue13AnOlderOrCutDownloadIsRefused) {
  ASSERT_EQ(Fetch("un").status, 0);
  Result<ListFile> current = ReadListFile((root_ / "consolidated.xml").string());
  ASSERT_TRUE(current.ok());
  std::ostringstream older;
  WriteUnXml(current->entities, "2001-01-01T00:00:00Z", older);
  ::wk::testing::WriteFile((root_ / "consolidated.xml").string(), older.str());
  Touch(root_ / "consolidated.xml", 5);
  auto run = Fetch("un");
  EXPECT_EQ(run.status, 1);
  EXPECT_THAT(run.err, HasSubstr("older than the current version"));
  EXPECT_THAT(run.out, HasSubstr("\"source\":\"un\",\"status\":\"failed\""));
  std::vector<Entity> cut(current->entities.begin(), current->entities.begin() + 10);
  std::ostringstream newer_but_cut;
  WriteUnXml(cut, "2030-01-01T00:00:00Z", newer_but_cut);
  ::wk::testing::WriteFile((root_ / "consolidated.xml").string(), newer_but_cut.str());
  Touch(root_ / "consolidated.xml", 10);
  run = Fetch("un");
  EXPECT_EQ(run.status, 1);
  EXPECT_THAT(run.err, HasSubstr("(2030-01-01T00:00:00Z, 10 entries)"));
  EXPECT_THAT(run.err, HasSubstr("drops 993 of the current 1003 entries"));
  run = RunCli({"lists", "stats", "--db", db_});
  EXPECT_THAT(run.out, HasSubstr("\"version\":1,\"versions\":1"));
  EXPECT_THAT(run.out, HasSubstr("\"entities\":1003"));
}

TEST(ReadFetchConfig, RejectsUnknownKeysAndNonHttpUrls) {
  TempDir dir;
  ::wk::testing::WriteFile(dir.File("a.conf"), "un = file:///etc/passwd\n");
  Result<FetchConfig> c = ReadFetchConfig(dir.File("a.conf"));
  ASSERT_FALSE(c.ok());
  EXPECT_THAT(c.error().message, HasSubstr("a.conf:1: URL 'file:///etc/passwd' is not http:// or https://"));
  ::wk::testing::WriteFile(dir.File("b.conf"), "\n# x\nunn = http://127.0.0.1/x\n");
  c = ReadFetchConfig(dir.File("b.conf"));
  ASSERT_FALSE(c.ok());
  EXPECT_THAT(c.error().message, HasSubstr("b.conf:3: unknown key 'unn'"));
}

TEST(DefaultFetchConfig, PointsAtTheOfficialPublishers) {
  const FetchConfig c = DefaultFetchConfig();
  ASSERT_EQ(c.sources.size(), 4u);
  EXPECT_THAT(c.sources[0].second[0], HasSubstr("scsanctions.un.org"));
  EXPECT_THAT(c.sources[1].second[0], HasSubstr("ofac.treas.gov"));
  EXPECT_THAT(c.sources[2].second[0], HasSubstr("fcdo.gov.uk"));
  EXPECT_THAT(c.sources[3].second[0], HasSubstr("webgate.ec.europa.eu"));
}

}  // namespace
}  // namespace wk::lists
