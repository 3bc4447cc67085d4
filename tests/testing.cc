#include "testing.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <string_view>
#include <random>
#include <sstream>

namespace wk::testing {

bool DataRequired() {
  const char* v = std::getenv("WK_REQUIRE_DATA");
  return v != nullptr && std::string_view(v) == "1";
}

std::string SharedData(const std::string& relative) {
  return std::string(WK_SHARED_DIR) + "/data/" + relative;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void WriteFile(const std::string& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary);
  out << content;
}

std::vector<std::string> SplitLines(const std::string& text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

TempDir::TempDir() {
  std::random_device rd;
  path_ = std::filesystem::temp_directory_path() /
          ("wk-test-" + std::to_string(getpid()) + "-" + std::to_string(rd()));
  std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

CliRun RunCli(const std::vector<std::string>& args, const std::string& input) {
  TempDir dir;
  const std::string in_path = dir.File("stdin"), out_path = dir.File("stdout"),
                    err_path = dir.File("stderr");
  WriteFile(in_path, input);
  pid_t pid = fork();
  if (pid == 0) {
    int in = open(in_path.c_str(), O_RDONLY);
    int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(in, 0);
    dup2(out, 1);
    dup2(err, 2);
    std::vector<char*> argv;
    std::string cli = WK_CLI;
    argv.push_back(cli.data());
    std::vector<std::string> copy = args;
    for (auto& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(cli.c_str(), argv.data());
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  CliRun run;
  run.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  run.out = ReadFile(out_path);
  run.err = ReadFile(err_path);
  return run;
}

}  // namespace wk::testing

namespace wk::testing {


namespace {

std::string Trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

}  // namespace

TestStore::TestStore(store::Engine engine) : engine_(engine) {
  if (engine_ == store::Engine::kSqlite) {
    url_ = dir_.File("store.db");
    return;
  }
  if (const char* env = std::getenv("WK_TEST_PG_URL"); env != nullptr && *env) {
    admin_url_ = env;
  } else {
    admin_url_ = Trimmed(ReadFile(std::string(WK_BUILD_DIR) + "/pg-url"));
  }
  if (admin_url_.empty()) {
    std::string why = Trimmed(ReadFile(std::string(WK_BUILD_DIR) + "/pg-error"));
    unavailable_ = "no PostgreSQL test server" + (why.empty() ? std::string() : ": " + why) +
                   " (run through ctest, whose fixture wk_postgres starts one, or "
                   "tests/store/pg_cluster.sh start " WK_BUILD_DIR ")";
    return;
  }
  url_ = CreateDatabase("main");
}

std::string TestStore::CreateDatabase(const std::string& name) {
  static int counter = 0;
  std::random_device rd;
  const std::string db = "wk_" + std::to_string(getpid()) + "_" + std::to_string(++counter) +
                         "_" + std::to_string(rd() % 100000) + "_" + name;
  Result<store::Store> admin = store::Open(admin_url_);
  if (!admin.ok()) {
    unavailable_ = admin.error().message;
    return "";
  }
  if (Status s = admin->Exec("CREATE DATABASE " + db); !s.ok()) {
    unavailable_ = s.error().message;
    return "";
  }
  databases_.push_back(db);
  return admin_url_.substr(0, admin_url_.rfind('/') + 1) + db;
}

std::string TestStore::Another(const std::string& name) {
  if (engine_ == store::Engine::kSqlite) return dir_.File(name + ".db");
  return CreateDatabase(name);
}

TestStore::~TestStore() {
  if (databases_.empty()) return;
  Result<store::Store> admin = store::Open(admin_url_);
  if (!admin.ok()) return;
  for (const std::string& db : databases_)
    (void)admin->Exec("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
}

void StoreTest::SetUp() {
  store_ = std::make_unique<TestStore>(GetParam());
  if (!store_->unavailable().empty()) WK_SKIP_OR_FAIL(store_->unavailable());
}

std::string EngineName(const ::testing::TestParamInfo<store::Engine>& info) {
  return info.param == store::Engine::kSqlite ? "sqlite" : "postgres";
}

}  // namespace wk::testing

namespace wk::store {
void PrintTo(Engine engine, std::ostream* out) {
  *out << (engine == Engine::kSqlite ? "sqlite" : "postgres");
}
}  // namespace wk::store
