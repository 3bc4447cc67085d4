// The peers' labelled pairs that follow the same rules as ours (yente's UN
// positives with typos, reordering and dropped parts): they must match.
// The whole file, with the disagreements, is run by bench/screen_peers_bench.
#include <gtest/gtest.h>

#include <fstream>

#include "screen/screen.h"
#include "testing.h"

namespace wk::screen {
namespace {

std::vector<std::string> SplitTsv(const std::string& line) {
  std::vector<std::string> out;
  std::string cur;
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        cur += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        cur += c;
      }
    } else if (c == '"' && cur.empty()) {
      quoted = true;
    } else if (c == '\t') {
      out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  out.push_back(cur);
  return out;
}

TEST(PeerVectors, YenteTreatedUnPositivesMatch) {
  WK_REQUIRE_SHARED("screening-eval/peer-vectors.tsv");
  std::ifstream in(testing::SharedData("screening-eval/peer-vectors.tsv"));
  std::string line;
  std::getline(in, line);
  int total = 0, matched = 0;
  std::string misses;
  Scratch scratch;
  while (std::getline(in, line)) {
    std::vector<std::string> f = SplitTsv(line);
    if (f.size() < 9 || f[2] != "1" || f[4].find("positives_un_treated") == std::string::npos)
      continue;
    lists::Entity e;
    e.id = "peer:1";
    e.names.push_back({f[1], lists::NameKind::kPrimary, ""});
    Index index = Index::Build({e});
    Query q;
    q.name = f[0];
    Result<std::vector<Match>> m = index.Screen(q, scratch);
    ++total;
    if (m.ok() && !m->empty()) ++matched;
    else misses += "'" + f[0] + "' vs '" + f[1] + "'\n";
  }
  ASSERT_GT(total, 100);
  EXPECT_GE(static_cast<double>(matched) / total, 0.95) << matched << "/" << total << "\n" << misses;
}

}  // namespace
}  // namespace wk::screen
