// The peers' labelled pairs that follow the same rules as ours (yente's UN
// positives with typos, reordering and dropped parts): they must match.
// The whole file, with the disagreements, is run by bench/screen_peers_bench.
#include <gtest/gtest.h>

#include "core/core.h"
#include "screen/screen.h"
#include "testing.h"

namespace wk::screen {
namespace {

TEST(PeerVectors, YenteTreatedUnPositivesMatch) {
  WK_REQUIRE_SHARED("screening-eval/peer-vectors.tsv");
  const std::string path = testing::SharedData("screening-eval/peer-vectors.tsv");
  Result<std::string> text = wk::ReadFile(path);
  ASSERT_TRUE(text.ok()) << text.error().message;
  CsvReader tsv(*text, '\t', path);  // Python csv, QUOTE_MINIMAL, tab-separated
  std::vector<std::string> f;
  ASSERT_TRUE(tsv.Next(f).ok());  // the header
  int total = 0, matched = 0;
  std::string misses;
  Scratch scratch;
  for (Result<bool> more = tsv.Next(f);; more = tsv.Next(f)) {
    ASSERT_TRUE(more.ok()) << more.error().message;
    if (!*more) break;
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
