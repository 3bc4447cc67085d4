// The build states the layering (CMakeLists.txt, wk_domain(... DEPS ...)):
// every `#include "x/..."` under src/ must name the file's own domain or one
// its library declares, and another domain only through its public header
// (x/x.h; core's headers are all public).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "testing.h"

namespace fs = std::filesystem;

namespace {

// "detect: core ais tracks" lines, as CMakeLists.txt writes them.
std::map<std::string, std::set<std::string>> DeclaredDeps() {
  std::map<std::string, std::set<std::string>> deps;
  std::istringstream in(wk::testing::ReadFile(WK_LAYERING_FILE));
  for (std::string line; std::getline(in, line);) {
    const size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::set<std::string>& d = deps[line.substr(0, colon)];
    std::istringstream words(line.substr(colon + 1));
    for (std::string w; words >> w;) d.insert(w);
  }
  return deps;
}

// Every include of ours in the files under `src`, checked against `deps`;
// one line per violation, "file:line: reason".
std::vector<std::string> Violations(const fs::path& src,
                                    const std::map<std::string, std::set<std::string>>& deps) {
  static const std::regex kInclude(R"re(^\s*#\s*include\s*"([a-z_]+)/([^"]+)")re");
  std::vector<std::string> out;
  std::set<std::string> domains;
  for (const auto& d : fs::directory_iterator(src))
    if (d.is_directory()) domains.insert(d.path().filename().string());
  for (const auto& entry : fs::recursive_directory_iterator(src)) {
    if (!entry.is_regular_file()) continue;
    const std::string ext = entry.path().extension().string();
    if (ext != ".h" && ext != ".cc") continue;
    const std::string rel = fs::relative(entry.path(), src.parent_path()).string();
    const std::string domain = fs::relative(entry.path(), src).begin()->string();
    auto it = deps.find(domain);
    if (it == deps.end()) {
      out.push_back(rel + ":1: domain '" + domain +
                    "' has no library in CMakeLists.txt (wk_domain) to declare what it uses");
      continue;
    }
    const bool any = it->second.count("*") > 0;
    std::ifstream in(entry.path());
    size_t line_no = 0;
    for (std::string line; std::getline(in, line);) {
      ++line_no;
      std::smatch m;
      if (!std::regex_search(line, m, kInclude)) continue;
      const std::string target = m[1], file = m[2];
      if (target == domain || !domains.count(target)) continue;
      const std::string where = rel + ":" + std::to_string(line_no) + ": ";
      if (!any && !it->second.count(target)) {
        std::string declared;
        for (const std::string& d : it->second) declared += (declared.empty() ? "" : " ") + d;
        out.push_back(where + domain + " includes " + target + "/" + file +
                      " but its library declares only: " + (declared.empty() ? "nothing" : declared));
      } else if (target != "core" && file != target + ".h") {
        out.push_back(where + domain + " includes " + target + "/" + file + ", private to " +
                      target + " (use " + target + "/" + target + ".h)");
      }
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST(Layering, EveryIncludeIsDeclaredInTheBuild) {
  const auto deps = DeclaredDeps();
  ASSERT_FALSE(deps.empty()) << WK_LAYERING_FILE << " is empty";
  const std::vector<std::string> v = Violations(fs::path(WK_SOURCE_DIR) / "src", deps);
  std::string all;
  for (const std::string& s : v) all += s + "\n";
  EXPECT_TRUE(v.empty()) << all;
}

TEST(Layering, ReportsAForbiddenIncludeWithFileAndLine) {
  wk::testing::TempDir dir;
  fs::create_directories(dir.path() / "src" / "ais");
  fs::create_directories(dir.path() / "src" / "lists");
  fs::create_directories(dir.path() / "src" / "core");
  wk::testing::WriteFile(dir.File("src/ais/decode.cc"),
                         "#include \"ais/ais.h\"\n#include \"core/core.h\"\n\n#include \"lists/lists.h\"\n");
  wk::testing::WriteFile(dir.File("src/lists/read.cc"), "#include \"ais/nmea.h\"\n");
  const auto v = Violations(dir.path() / "src",
                            {{"core", {}}, {"ais", {"core"}}, {"lists", {"core", "ais"}}});
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v[0], "src/ais/decode.cc:4: ais includes lists/lists.h but its library declares only: core");
  EXPECT_EQ(v[1], "src/lists/read.cc:1: lists includes ais/nmea.h, private to ais (use ais/ais.h)");
}

}  // namespace
