// Helpers shared by the tests: where the real data is, and running the CLI.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

namespace wk::testing {

// Path of a file under ../shared/data, e.g. SharedData("ais/libais/test.aivdm").
std::string SharedData(const std::string& relative);

// Skips the current test with a clear message when ../shared is absent.
#define WK_REQUIRE_SHARED(relative)                                                      \
  do {                                                                                  \
    if (!std::filesystem::exists(::wk::testing::SharedData(relative)))                  \
      GTEST_SKIP() << "../shared/data/" << (relative)                                    \
                   << " is absent: this test needs the project's shared real data";       \
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
