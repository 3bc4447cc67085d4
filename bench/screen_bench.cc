// Screening quality and speed, in one run over the same queries:
//  1. the labelled evaluation set built from the real lists (UN + OFAC + UK
//     + EU loaded together): recall and precision at the default threshold,
//     with every miss and false alarm printed;
//  2. batch throughput on every core and single-query latency (p50/p99);
//  3. index build time and memory;
//  4. the brute-force peer (every list name scored with Jaro-Winkler by
//     python3-jellyfish) on a sample of the same queries: its recall and
//     precision, its speed, and the ratio.
//
// usage: screen_bench [POSITIVES] [BASELINE_QUERIES]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <random>
#include <sstream>
#include <thread>
#include <unordered_map>

#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "lists/lists.h"
#include "screen/screen.h"
#include "support/screen_eval.h"

using namespace wk;
using Clock = std::chrono::steady_clock;

namespace {

double Seconds(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double>(b - a).count();
}

double ProcessCpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_utime.tv_sec + u.ru_stime.tv_sec + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

double ThreadCpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

double LoadAverage() {
  std::ifstream f("/proc/loadavg");
  double l = 0;
  f >> l;
  return l;
}

size_t RssBytes() {
  std::ifstream f("/proc/self/statm");
  size_t pages = 0, rss = 0;
  f >> pages >> rss;
  return rss * 4096;
}

std::string CsvField(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += "\"\"";
    else if (c == '\n' || c == '\r') out += ' ';
    else out += c;
  }
  return out + "\"";
}

std::string Tsv(const std::string& s) {
  std::string out;
  for (char c : s) out += (c == '\t' || c == '\n' || c == '\r') ? ' ' : c;
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  const size_t positives = argc > 1 ? std::stoul(argv[1]) : 3000;
  const size_t baseline_queries = argc > 2 ? std::stoul(argv[2]) : 200;
  const std::string data = std::string(WK_SHARED_DIR) + "/data";
  if (!std::filesystem::exists(data + "/lists")) {
    std::cerr << "screen_bench: " << data << "/lists is absent; nothing to measure\n";
    return 0;
  }
  // ---- load every list together
  std::vector<lists::Entity> entities;
  for (const std::string& path : screen_eval::SharedListFiles(data)) {
    Result<lists::ListFile> f = lists::ReadListFile(path);
    if (!f.ok()) {
      std::printf("list %s: NOT LOADED (%s)\n", path.c_str(), f.error().message.c_str());
      continue;
    }
    std::printf("list %-60s %6zu entities\n", path.substr(data.size() + 1).c_str(),
                f->entities.size());
    for (lists::Entity& e : f->entities) entities.push_back(std::move(e));
  }
  const size_t rss0 = RssBytes();
  const double bc0 = ProcessCpuSeconds();
  auto t0 = Clock::now();
  screen::Index index = screen::Index::Build(entities);
  auto t1 = Clock::now();
  const double build_cpu = ProcessCpuSeconds() - bc0;
  const size_t rss1 = RssBytes();
  screen::IndexStats st = index.stats();
  std::printf("\nindex: %zu entities, %zu names, %zu distinct tokens, %zu key entries\n",
              st.entities, st.names, st.vocabulary, st.postings);
  std::printf("index build: %.3f s wall-clock (names normalised on every core), %.3f CPU-seconds;"
              " memory: %.1f MB of tables (%.1f MB resident growth incl. the entities' copy)\n",
              Seconds(t0, t1), build_cpu, st.memory_bytes / 1e6, (rss1 - rss0) / 1e6);

  // ---- quality
  screen_eval::EvalSources sources;
  sources.wpi_csv = data + "/ports/WPI.csv";
  const std::string fx = data + "/screening-eval/yente-fixtures/";
  sources.person_csvs = {fx + "validation_report__negatives_global.csv",
                         fx + "validation_report__negatives_us.csv",
                         fx + "candidate_generation_benchmark__positives_us_congress_untreated.csv"};
  std::vector<screen_eval::EvalCase> cases =
      screen_eval::BuildEvalSet(index.entities(), sources, positives, 20261129);
  size_t npos = 0;
  for (const auto& c : cases) npos += !c.expected_id.empty();
  std::printf("\nevaluation set: %zu queries (%zu positives, %zu negatives), built from the lists now\n",
              cases.size(), npos, cases.size() - npos);
  auto te0 = Clock::now();
  screen_eval::EvalResult r = screen_eval::RunEval(index, cases, screen::kDefaultThreshold);
  auto te1 = Clock::now();
  std::map<std::string, std::pair<size_t, size_t>> by_variant;  // variant -> (ok, total)
  {
    // Per-variant counts from the confusion lines.
    std::map<std::string, size_t> bad;
    for (const std::string& line : r.confusions) {
      size_t a = line.find('['), b = line.find(']');
      if (a != std::string::npos && b != std::string::npos) ++bad[line.substr(a + 1, b - a - 1)];
    }
    for (const auto& c : cases) ++by_variant[c.variant].second;
    for (auto& [v, p] : by_variant) p.first = p.second - bad[v];
  }
  std::printf("confusion cases (%zu):\n", r.confusions.size());
  for (const std::string& line : r.confusions) std::printf("  %s\n", line.c_str());
  std::printf("\nper variant (correct/total):");
  for (auto& [v, p] : by_variant) std::printf(" %s %zu/%zu;", v.c_str(), p.first, p.second);
  std::printf("\nQUALITY at threshold %.2f: recall %.4f (target 0.98)  precision %.4f (target 0.98)"
              "  [tp %zu fn %zu fp %zu tn %zu] (%.2f s)\n",
              screen::kDefaultThreshold, r.recall(), r.precision(), r.tp, r.fn, r.fp, r.tn,
              Seconds(te0, te1));

  // ---- top-1: is the right subject on top? Per entry (today's output: the
  // expected entry itself first) and per party (the expected entry's party first).
  const lists::Parties parties = lists::BuildParties(index.entities(), screen::PartyNameRules());
  {
    std::unordered_map<std::string, uint32_t> row;
    for (uint32_t i = 0; i < index.entities().size(); ++i) row.emplace(index.entities()[i].id, i);
    size_t positive = 0, entry_top1 = 0, party_top1 = 0, misses_shown = 0;
    screen::Scratch scratch;
    for (const auto& c : cases) {
      if (c.expected_id.empty()) continue;
      ++positive;
      screen::Query q;
      q.name = c.query;
      q.schema = c.schema;
      Result<std::vector<screen::Match>> m = index.Screen(q, scratch);
      if (m.ok() && !m->empty() && index.entities()[m->front().entity].id == c.expected_id) ++entry_top1;
      Result<std::vector<screen::PartyMatch>> pm = screen::ScreenParties(index, parties, q, scratch);
      const uint32_t want = parties.party_of[row[c.expected_id]];
      if (pm.ok() && !pm->empty() && pm->front().party == want) {
        ++party_top1;
      } else if (pm.ok() && std::getenv("WK_TOP1_MISSES") && misses_shown++ < std::strtoul(std::getenv("WK_TOP1_MISSES"), nullptr, 10)) {
        std::string got = pm->empty() ? "nothing" : index.entities()[pm->front().best.entity].id + " '" +
            index.entities()[pm->front().best.entity].names[pm->front().best.name].full + "' " +
            std::to_string(pm->front().best.score);
        double want_score = -1;
        for (const auto& x : *pm) if (x.party == want) want_score = x.best.score;
        std::printf("TOP-1 MISS [%s] '%s' wants %s '%s' (%.3f), got %s\n", c.variant.c_str(), c.query.c_str(),
                    c.expected_id.c_str(), c.origin.c_str(), want_score, got.c_str());
      }
    }
    std::printf("\nparties: %zu of %zu entries\n", parties.parties.size(), index.entities().size());
    std::printf("TOP-1 on %zu positive queries: per entry %.4f (%zu), per party %.4f (%zu) (target 0.99)\n",
                positive, positive ? 1.0 * entry_top1 / positive : 0.0, entry_top1,
                positive ? 1.0 * party_top1 / positive : 0.0, party_top1);
  }

  // ---- speed: batch on every core, through the real CSV-in/JSON-out path
  std::string csv = "name,schema\n";
  size_t rows = 0;
  while (rows < 40000) {
    for (const auto& c : cases) {
      csv += CsvField(c.query) + "," +
             (c.schema ? std::string(lists::SchemaName(*c.schema)) : std::string()) + "\n";
      ++rows;
    }
  }
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  double batch_qps = 0, batch_cpu_qps = 0;
  const double load = LoadAverage();
  double party_qps = 0, party_cpu_qps = 0;
  for (int rep = 0; rep < 4; ++rep) {
    std::istringstream in(csv);
    std::ostringstream out;
    screen::BatchOptions o;
    if (rep % 2) o.parties = &parties;  // interleaved, so both see the same machine load
    const double c0 = ProcessCpuSeconds();
    auto b0 = Clock::now();
    Result<size_t> n = screen::ScreenBatch(index, in, out, o);
    auto b1 = Clock::now();
    const double c1 = ProcessCpuSeconds();
    if (!n.ok()) {
      std::printf("batch failed: %s\n", n.error().message.c_str());
      return 1;
    }
    double& qps = rep % 2 ? party_qps : batch_qps;
    double& cpu_qps = rep % 2 ? party_cpu_qps : batch_cpu_qps;
    qps = std::max(qps, *n / Seconds(b0, b1));
    cpu_qps = std::max(cpu_qps, *n / (c1 - c0));
  }
  std::printf("\nmachine load average at the start of the speed runs: %.1f on %u cores (other jobs"
              " share them; wall-clock figures suffer, CPU-time figures do not)\n",
              load, cores);
  std::printf("SPEED batch: %.0f queries/s wall-clock on %u threads (%zu rows, CSV in, JSON out;"
              " target 20000); %.0f queries per CPU-second, i.e. %.0f queries/s with %u free cores\n",
              batch_qps, cores, rows, batch_cpu_qps, batch_cpu_qps * cores, cores);
  std::printf("SPEED batch by party: %.0f queries/s wall-clock on %u threads; %.0f queries per CPU-second"
              " (per entry above: %.0f and %.0f)\n",
              party_qps, cores, party_cpu_qps, batch_qps, batch_cpu_qps);
  // Single queries, one thread: latency of each.
  std::vector<double> lat, cpu_lat;
  std::vector<std::pair<double, std::string>> slow;
  lat.reserve(cases.size());
  screen::Scratch scratch;
  for (const auto& c : cases) {
    screen::Query q;
    q.name = c.query;
    q.schema = c.schema;
    const double tc0 = ThreadCpuSeconds();
    auto s0 = Clock::now();
    Result<std::vector<screen::Match>> m = index.Screen(q, scratch);
    std::string json = m.ok() ? screen::FormatMatchesJson(index, q, *m) : std::string();
    auto s1 = Clock::now();
    cpu_lat.push_back((ThreadCpuSeconds() - tc0) * 1e3);
    lat.push_back(Seconds(s0, s1) * 1e3);
    slow.emplace_back(lat.back(), c.query);
  }
  std::sort(slow.rbegin(), slow.rend());
  std::printf("slowest single queries:");
  for (size_t i = 0; i < 5 && i < slow.size(); ++i)
    std::printf(" '%s' %.2f ms;", slow[i].second.c_str(), slow[i].first);
  std::printf("\n");
  std::sort(lat.begin(), lat.end());
  std::sort(cpu_lat.begin(), cpu_lat.end());
  double total_ms = 0;
  for (double v : lat) total_ms += v;
  std::printf("SPEED single query (one thread): p50 %.3f ms, p99 %.3f ms (target < 5), max %.3f ms;"
              " %.0f queries/s on one thread\n",
              lat[lat.size() / 2], lat[lat.size() * 99 / 100], lat.back(),
              lat.size() / (total_ms / 1e3));
  std::printf("SPEED single query CPU time (one thread): p50 %.3f ms, p99 %.3f ms, max %.3f ms\n",
              cpu_lat[cpu_lat.size() / 2], cpu_lat[cpu_lat.size() * 99 / 100], cpu_lat.back());

  // ---- the brute-force peer on a sample of the same queries
  const std::string script =
      (std::filesystem::path(__FILE__).parent_path() / "screen_baseline.py").string();
  if (!std::filesystem::exists("/usr/bin/python3") || !std::filesystem::exists(script)) {
    std::printf("peer: /usr/bin/python3 or %s missing; skipped\n", script.c_str());
    return 0;
  }
  std::filesystem::path tmp = std::filesystem::temp_directory_path() /
                              ("wk_screen_bench_" + std::to_string(::getpid()));
  std::filesystem::create_directories(tmp);
  {
    std::ofstream names(tmp / "names.tsv");
    for (const lists::Entity& e : index.entities())
      for (const lists::Name& n : e.names) names << Tsv(e.id) << '\t' << Tsv(n.full) << '\n';
  }
  std::vector<screen_eval::EvalCase> sample;
  {
    std::vector<screen_eval::EvalCase> pos, neg;
    for (const auto& c : cases) (c.expected_id.empty() ? neg : pos).push_back(c);
    std::mt19937_64 rng(7);
    std::shuffle(pos.begin(), pos.end(), rng);
    std::shuffle(neg.begin(), neg.end(), rng);
    for (size_t i = 0; i < baseline_queries / 2 && i < pos.size(); ++i) sample.push_back(pos[i]);
    for (size_t i = 0; i < baseline_queries / 2 && i < neg.size(); ++i) sample.push_back(neg[i]);
    std::ofstream q(tmp / "queries.tsv");
    for (const auto& c : sample) q << Tsv(c.query) << '\t' << Tsv(c.expected_id) << '\n';
  }
  const double jw_threshold = 0.9;
  std::string cmd = "/usr/bin/python3 " + script + " " + (tmp / "names.tsv").string() + " " +
                    (tmp / "queries.tsv").string() + " " + std::to_string(jw_threshold);
  FILE* p = popen(cmd.c_str(), "r");
  size_t bq = 0, btp = 0, bfn = 0, bfp = 0, btn = 0;
  double bsec = 0;
  if (p) {
    if (std::fscanf(p, "%zu %lf %zu %zu %zu %zu", &bq, &bsec, &btp, &bfn, &bfp, &btn) != 6) bq = 0;
    pclose(p);
  }
  std::filesystem::remove_all(tmp);
  if (bq == 0) {
    std::printf("peer: python3-jellyfish baseline did not run (%s)\n", cmd.c_str());
    return 0;
  }
  screen_eval::EvalResult ours = screen_eval::RunEval(index, sample, screen::kDefaultThreshold, 1);
  auto o0 = Clock::now();
  for (int rep = 0; rep < 20; ++rep) (void)screen_eval::RunEval(index, sample, screen::kDefaultThreshold, 1);
  auto o1 = Clock::now();
  const double ours_qps_1t = sample.size() * 20 / Seconds(o0, o1);
  const double base_qps = bq / bsec;
  auto ratio = [](size_t a, size_t b) { return a + b ? static_cast<double>(a) / (a + b) : 0.0; };
  std::printf("\nPEER brute-force Jaro-Winkler >= %.2f (python3-jellyfish, one thread) on %zu of the same"
              " queries: recall %.3f precision %.3f, %.1f queries/s\n",
              jw_threshold, bq, ratio(btp, bfn), btp + bfp ? 1.0 * btp / (btp + bfp) : 0.0,
              base_qps);
  std::printf("OURS on the same %zu queries: recall %.3f precision %.3f, %.0f queries/s on one thread, "
              "%.0f on %u\n",
              sample.size(), ours.recall(), ours.precision(), ours_qps_1t, batch_qps, cores);
  std::printf("RATIO speed: %.0fx (one thread each), %.0fx (batch on every core vs the peer)\n",
              ours_qps_1t / base_qps, batch_qps / base_qps);
  return 0;
}
