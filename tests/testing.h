// Helpers shared by the tests: where the real data is, and running the CLI.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "store/store.h"

namespace wk::testing {

// Path of a file under ../shared/data, e.g. SharedData("ais/libais/test.aivdm").
std::string SharedData(const std::string& relative);

// True when WK_REQUIRE_DATA=1 (CI sets it): a test that cannot find the data
// or the peer program it needs fails instead of skipping, so a missing input
// cannot hide a regression.
bool DataRequired();

// Skips the current test with `message`, or fails it under WK_REQUIRE_DATA=1.
#define WK_SKIP_OR_FAIL(message)                                                        \
  do {                                                                                  \
    if (::wk::testing::DataRequired())                                                  \
      GTEST_FAIL() << message << " (WK_REQUIRE_DATA=1: required)";                       \
    GTEST_SKIP() << message;                                                            \
  } while (0)

// Skips (or under WK_REQUIRE_DATA=1 fails) the current test when
// ../shared/data/`relative` is absent.
#define WK_REQUIRE_SHARED(relative)                                                      \
  do {                                                                                  \
    if (!std::filesystem::exists(::wk::testing::SharedData(relative)))                  \
      WK_SKIP_OR_FAIL("../shared/data/" << (relative)                                    \
                      << " is absent: this test needs the project's shared real data");  \
  } while (0)

struct CliRun {
  int status = -1;
  std::string out;
  std::string err;
};

// Runs build/watchkeeper with `args`, feeding `input` on stdin.
CliRun RunCli(const std::vector<std::string>& args, const std::string& input = "");

// A fresh temporary directory, removed when the object goes.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::filesystem::path& path() const { return path_; }
  std::string File(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

std::string ReadFile(const std::string& path);
void WriteFile(const std::string& path, const std::string& content);
std::vector<std::string> SplitLines(const std::string& text);

// A store of its own for one test: a SQLite file in a fresh folder, or a
// fresh database (CREATE DATABASE, dropped afterwards) on the test cluster
// that ctest's fixture wk_postgres starts (tests/store/pg_cluster.sh; its
// admin URL in BUILD/pg-url, or the environment's WK_TEST_PG_URL).
class TestStore {
 public:
  explicit TestStore(store::Engine engine);
  ~TestStore();
  TestStore(const TestStore&) = delete;
  TestStore& operator=(const TestStore&) = delete;
  // Why there is no store (no PostgreSQL server); empty when there is one.
  const std::string& unavailable() const { return unavailable_; }
  const std::string& url() const { return url_; }
  // Another store of the same engine (a second SQLite file, a second database).
  std::string Another(const std::string& name);
  // A scratch folder that lives as long as the store.
  const TempDir& dir() const { return dir_; }

 private:
  std::string CreateDatabase(const std::string& name);
  TempDir dir_;
  store::Engine engine_;
  std::string admin_url_, url_, unavailable_;
  std::vector<std::string> databases_;
};

// A test run once per engine: TEST_P(Fixture, ...) with
// class Fixture : public StoreTest {}; WK_ON_EVERY_ENGINE(Fixture);
// SetUp skips (fails under WK_REQUIRE_DATA=1) when the engine has no server.
class StoreTest : public ::testing::TestWithParam<store::Engine> {
 protected:
  void SetUp() override;
  const std::string& url() const { return store_->url(); }
  TestStore& test_store() { return *store_; }
  std::unique_ptr<TestStore> store_;
};

std::string EngineName(const ::testing::TestParamInfo<store::Engine>& info);

}  // namespace wk::testing

namespace wk::store {
// "sqlite" or "postgres" in test names and messages.
void PrintTo(Engine engine, std::ostream* out);
}  // namespace wk::store

namespace wk::testing {

#define WK_ON_EVERY_ENGINE(Fixture)                                                   \
  INSTANTIATE_TEST_SUITE_P(Engines, Fixture,                                          \
                           ::testing::Values(::wk::store::Engine::kSqlite,            \
                                             ::wk::store::Engine::kPostgres),         \
                           ::wk::testing::EngineName)

}  // namespace wk::testing
