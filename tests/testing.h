// Helpers shared by the tests: where the real data is, and running the CLI.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

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

}  // namespace wk::testing
