// The peer projects' name-matching test vectors
// (../shared/data/screening-eval/peer-vectors.tsv): for every labelled pair,
// the candidate is put on a one-name list and the query screened against it
// at the default threshold. Prints agreement per source and every
// disagreement (explained in docs/screening.md).
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "core/core.h"
#include "lists/lists.h"
#include "screen/screen.h"

using namespace wk;

int main() {
  const std::string path = std::string(WK_SHARED_DIR) + "/data/screening-eval/peer-vectors.tsv";
  Result<std::string> text = ReadFile(path);
  if (!text.ok()) {
    std::fprintf(stderr, "screen_peers_bench: %s is absent\n", path.c_str());
    return 0;
  }
  CsvReader tsv(*text, '\t', path);  // Python csv, QUOTE_MINIMAL, tab-separated
  std::vector<std::string> f;
  (void)tsv.Next(f);  // the header
  std::map<std::string, std::pair<int, int>> by_source;  // agree, total
  int agree = 0, total = 0;
  std::vector<std::string> disagreements;
  screen::Scratch scratch;
  for (Result<bool> more = tsv.Next(f);; more = tsv.Next(f)) {
    if (!more.ok()) {
      std::fprintf(stderr, "screen_peers_bench: %s\n", more.error().message.c_str());
      return 1;
    }
    if (!*more) break;
    if (f.size() < 9 || (f[2] != "0" && f[2] != "1")) continue;
    const bool expected = f[2] == "1";
    lists::Entity e;
    e.id = "peer:1";
    e.schema = lists::Schema::kUnknown;
    e.names.push_back({f[1], lists::NameKind::kPrimary, ""});
    screen::Index index = screen::Index::Build({e});
    screen::Query q;
    q.name = f[0];
    q.threshold = 0;
    Result<std::vector<screen::Match>> m = index.Screen(q, scratch);
    double score = m.ok() && !m->empty() ? (*m)[0].score : 0;
    const bool got = score >= screen::kDefaultThreshold;
    std::string src = f[4].substr(0, f[4].find('@')) + ":" + f[4].substr(f[4].rfind(':') + 1);
    auto& s = by_source[src];
    ++s.second;
    ++total;
    if (got == expected) {
      ++s.first;
      ++agree;
    } else {
      char buf[64];
      std::snprintf(buf, sizeof(buf), "%.3f", score);
      disagreements.push_back(std::string(expected ? "peer MATCH, ours no " : "peer NO, ours match ") +
                              buf + "  '" + f[0] + "' vs '" + f[1] + "'  [" + src + "] " + f[8]);
    }
  }
  for (const std::string& d : disagreements) std::printf("  %s\n", d.c_str());
  for (auto& [src, s] : by_source)
    std::printf("source %-90s agree %d/%d\n", src.c_str(), s.first, s.second);
  std::printf("PEER VECTORS: agree on %d of %d labelled pairs (%.1f%%) at threshold %.2f\n", agree,
              total, 100.0 * agree / std::max(1, total), screen::kDefaultThreshold);
  return 0;
}
