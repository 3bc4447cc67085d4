// Load on the HTTP API: `watchkeeper serve` on 127.0.0.1 under Debian's wrk,
// WK_BENCH_SECONDS (default 30) per route, SQLite and PostgreSQL side by side:
//   screen  POST /api/v1/screen, one name, against the real UN and OFAC lists,
//           by party and (?entries=true) per entry
//   alerts  GET /api/v1/alerts with filters, over a 10,000-alert store
//   track   GET /api/v1/vessels/{mmsi}/track, one vessel's day as GeoJSON
// The store is a simulated world (3 days, 60 vessels) ingested, the real
// lists imported, its alerts derived and copied to 10,000 (each copy a
// distinct key, so each is its own open alert). Target on a 2-core machine:
// screening >= 2,000 requests/s with p99 < 20 ms.
//
// Usage (from the repository root): build/api_load_bench [BUILD_DIR]
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>
#include <regex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "alerts/alerts.h"
#include "api/api.h"
#include "core/core.h"
#include "store/store.h"

namespace {

using namespace wk;
namespace fs = std::filesystem;

std::string Run(const std::string& command) {
  std::string out;
  FILE* p = popen(command.c_str(), "r");
  if (!p) return out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  pclose(p);
  return out;
}

bool Check(int rc, const std::string& what) {
  if (rc != 0) std::cerr << "api_load_bench: " << what << " failed\n";
  return rc == 0;
}

struct Server {
  pid_t pid = -1;
  int port = 0;
  ~Server() {
    if (pid > 0) {
      kill(pid, SIGTERM);
      waitpid(pid, nullptr, 0);
    }
  }
};

std::unique_ptr<Server> StartServer(const std::string& cli, const std::string& url, const std::string& threads) {
  int out[2];
  if (pipe(out) != 0) return nullptr;
  auto s = std::make_unique<Server>();
  s->pid = fork();
  if (s->pid == 0) {
    dup2(out[1], STDOUT_FILENO);
    close(out[0]);
    close(out[1]);
    freopen("/dev/null", "w", stderr);
    execl(cli.c_str(), cli.c_str(), "serve", "--db", url.c_str(), "--listen", "127.0.0.1:0", "--threads",
          threads.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  close(out[1]);
  std::string line;
  for (int i = 0; i < 600 && line.find('\n') == std::string::npos; ++i) {
    pollfd p{out[0], POLLIN, 0};
    if (poll(&p, 1, 100) <= 0) continue;
    char buf[256];
    ssize_t n = read(out[0], buf, sizeof buf);
    if (n <= 0) break;
    line.append(buf, static_cast<size_t>(n));
  }
  close(out[0]);
  std::smatch m;
  if (!std::regex_search(line, m, std::regex("\"port\":([0-9]+)"))) return nullptr;
  s->port = std::stoi(m[1]);
  return s;
}

struct Figures {
  double rps = 0, p50_ms = 0, p99_ms = 0;
  long requests = 0, errors = 0;
};

double Millis(const std::string& value, const std::string& unit) {
  const double v = std::stod(value);
  if (unit == "us") return v / 1000;
  if (unit == "s") return v * 1000;
  if (unit == "m") return v * 60000;
  return v;
}

Figures Wrk(const std::string& url, const std::string& token, const std::string& lua_body, int seconds,
            const std::string& dir, const std::string& connections) {
  const std::string script = dir + "/wrk.lua";
  {
    std::FILE* f = std::fopen(script.c_str(), "w");
    std::fprintf(f, "wrk.headers[\"Authorization\"] = \"Bearer %s\"\n", token.c_str());
    if (!lua_body.empty()) {
      std::fprintf(f, "wrk.method = \"POST\"\nwrk.headers[\"Content-Type\"] = \"application/json\"\n");
      std::fprintf(f, "wrk.body = [[%s]]\n", lua_body.c_str());
    }
    std::fclose(f);
  }
  const std::string out = Run("wrk -t2 -c" + connections + " -d" + std::to_string(seconds) + "s --latency -s " +
                              script + " '" + url + "' 2>&1");
  Figures f;
  std::smatch m;
  if (std::regex_search(out, m, std::regex("50%\\s+([0-9.]+)(us|ms|s|m)"))) f.p50_ms = Millis(m[1], m[2]);
  if (std::regex_search(out, m, std::regex("99%\\s+([0-9.]+)(us|ms|s|m)"))) f.p99_ms = Millis(m[1], m[2]);
  if (std::regex_search(out, m, std::regex("Requests/sec:\\s+([0-9.]+)"))) f.rps = std::stod(m[1]);
  if (std::regex_search(out, m, std::regex("([0-9]+) requests in"))) f.requests = std::stol(m[1]);
  if (std::regex_search(out, m, std::regex("Non-2xx or 3xx responses: ([0-9]+)"))) f.errors += std::stol(m[1]);
  if (std::regex_search(out, m, std::regex("connect ([0-9]+), read ([0-9]+), write ([0-9]+), timeout ([0-9]+)")))
    f.errors += std::stol(m[1]) + std::stol(m[2]) + std::stol(m[3]) + std::stol(m[4]);
  if (f.requests == 0) std::cerr << "api_load_bench: wrk said:\n" << out;
  return f;
}

// Copies the store's alerts until it holds `target` of them, each copy a
// distinct key and vessel, through alerts::StoreAlerts as `alerts run` does.
bool GrowAlerts(const std::string& url, size_t target) {
  Result<store::Store> db = store::Open(url);
  if (!db.ok()) return false;
  alerts::AlertFilter all;
  all.limit = 1000;
  Result<std::vector<alerts::Alert>> seed = alerts::ListAlerts(*db, all);
  if (!seed.ok() || seed->empty()) {
    std::cerr << "api_load_bench: the world raised no alerts to copy\n";
    return false;
  }
  size_t have = seed->size();
  std::vector<alerts::Alert> batch;
  for (size_t i = 0; have + batch.size() < target; ++i) {
    alerts::Alert a = (*seed)[i % seed->size()];
    a.id = 0;
    a.key += "#copy" + std::to_string(i);
    for (alerts::VesselIdentity& v : a.vessels) v.mmsi.value = 100000000 + static_cast<uint32_t>(i);
    batch.push_back(std::move(a));
  }
  Result<alerts::RunSummary> s = alerts::StoreAlerts(*db, batch, "bench");
  if (!s.ok()) std::cerr << "api_load_bench: " << s.error().message << "\n";
  return s.ok();
}

}  // namespace

int main(int argc, char** argv) {
  const std::string build = argc > 1 ? argv[1] : "build";
  const std::string cli = fs::absolute(build + "/watchkeeper").string();
  const int seconds = std::getenv("WK_BENCH_SECONDS") ? std::atoi(std::getenv("WK_BENCH_SECONDS")) : 30;
  const std::string threads = std::getenv("WK_BENCH_THREADS") ? std::getenv("WK_BENCH_THREADS") : "8";
  const std::string shared = WK_SHARED_DIR;
  const std::string un = shared + "/data/lists/un/UN_consolidated.xml";
  const std::string ofac = shared + "/data/lists/ofac/sdn-csv-2024-05-03/sdn.csv";
  if (!fs::exists(un) || !fs::exists(ofac) || Run("command -v wrk").empty()) {
    std::cout << "api_load_bench: skipped (needs ../shared/data/lists and wrk)\n";
    return 0;
  }
  char tmpl[] = "/tmp/wk-api-bench-XXXXXX";
  const std::string dir = mkdtemp(tmpl);
  signal(SIGPIPE, SIG_IGN);

  // The PostgreSQL side runs on a throwaway cluster of its own.
  Run("tests/store/pg_cluster.sh start " + dir + " >/dev/null 2>&1");
  std::string pg_admin = Run("cat " + dir + "/pg-url 2>/dev/null");
  while (!pg_admin.empty() && std::isspace(static_cast<unsigned char>(pg_admin.back()))) pg_admin.pop_back();
  std::vector<std::pair<std::string, std::string>> engines = {{"sqlite", dir + "/bench.db"}};
  if (!pg_admin.empty()) {
    Result<store::Store> admin = store::Open(pg_admin);
    if (admin.ok()) (void)admin->Exec("CREATE DATABASE wk_bench");
    engines.push_back({"postgresql", pg_admin.substr(0, pg_admin.rfind('/')) + "/wk_bench"});
  }

  if (!Check(std::system((cli + " simulate --seed 7 --vessels 60 --days 3 --out " + dir + "/world >/dev/null").c_str()),
             "simulate"))
    return 1;
  const std::string mmsi = [&] {
    std::smatch m;
    const std::string v = Run("head -1 " + dir + "/world/vessels.jsonl");
    return std::regex_search(v, m, std::regex("\"mmsi\":([0-9]+)")) ? std::string(m[1]) : std::string("0");
  }();

  std::printf("api_load_bench: wrk -t2 -c%s, %d s per route, server --threads %s, on a %u-core machine shared with "
              "other work\n",
              threads.c_str(), seconds, threads.c_str(), std::thread::hardware_concurrency());
  std::printf("%-44s %-10s %10s %9s %9s %10s %7s\n", "route", "engine", "req/s", "p50 ms", "p99 ms", "requests",
              "errors");
  for (const auto& [engine, url] : engines) {
    const std::string q = " --db '" + url + "' >/dev/null 2>&1";
    if (!Check(std::system((cli + " ingest " + dir + "/world/ais-*.nmea" + q).c_str()), "ingest") ||
        !Check(std::system((cli + " lists import " + un + " " + ofac + q).c_str()), "lists import") ||
        !Check(std::system((cli + " alerts run --ports " + dir + "/world/ports.csv" + q).c_str()), "alerts run") ||
        !GrowAlerts(url, 10000))
      return 1;
    std::string token;
    {
      Result<store::Store> db = store::Open(url);
      Result<api::NewAccount> a = api::AddAccount(*db, "bench", "bench", api::Role::kViewer);
      if (!a.ok()) return 1;
      token = a->token;
    }
    std::unique_ptr<Server> server = StartServer(cli, url, threads);
    if (!server) {
      std::cerr << "api_load_bench: the server did not start on " << engine << "\n";
      return 1;
    }
    const std::string base = "http://127.0.0.1:" + std::to_string(server->port) + "/api/v1";
    struct Case {
      std::string name, path, body;
    };
    const Case cases[] = {
        {"POST /screen {\"name\":\"Kim Yong Chol\"}", "/screen", R"({"name":"Kim Yong Chol"})"},
        // The same query answered per entry, as before parties (screen --entries).
        {"POST /screen?entries=true (per entry)", "/screen?entries=true", R"({"name":"Kim Yong Chol"})"},
        {"GET /alerts?severity=medium&status=open&limit=50", "/alerts?severity=medium&status=open&limit=50", ""},
        {"GET /vessels/" + mmsi + "/track (1 day)", "/vessels/" + mmsi + "/track?from=2024-01-02T00:00:00Z&to=2024-01-03T00:00:00Z", ""},
    };
    for (const Case& c : cases) {
      const Figures f = Wrk(base + c.path, token, c.body, seconds, dir, threads);
      std::printf("%-44s %-10s %10.0f %9.2f %9.2f %10ld %7ld\n", c.name.c_str(), engine.c_str(), f.rps, f.p50_ms,
                  f.p99_ms, f.requests, f.errors);
      std::fflush(stdout);
    }
  }
  Run("tests/store/pg_cluster.sh stop " + dir + " >/dev/null 2>&1");
  fs::remove_all(dir);
  return 0;
}
