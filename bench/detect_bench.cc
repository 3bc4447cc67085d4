// Decode + detect throughput on synthetic worlds of 1M, 10M and 50M positions,
// and the brute-force all-pairs encounter search beside the space-time grid.
//
// The worlds are written here, not by `watchkeeper simulate`: thousands of
// vessels in the Yellow Sea and the Sea of Japan, each reporting every 30 s to
// 3 min, in one time-ordered NMEA file (tag blocks with the time, like a real
// feed): 70% sailing at 6-15 kn, 20% drifting under 2 kn (a quarter of them in
// pairs 200 m apart: encounters), 10% moored in a port; one type 5 static
// report per vessel per hour. Files are cached in $TMPDIR/wk-detect-bench.
//
// Each size runs in a child process so its peak RSS is its own.
//
// Usage: detect_bench [SIZES...]   (default: 1000000 10000000 50000000)
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <queue>
#include <random>
#include <thread>
#include <cmath>
#include <string>
#include <vector>

#include "ais/ais.h"
#include "detect/detect.h"
#include "tracks/tracks.h"

namespace {

using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double>(b - a).count();
}

struct Vessel {
  uint32_t mmsi;
  double lat, lon, heading_deg, knots;
  int interval_s;
  int64_t next_s;
};

std::string WorldPath(uint64_t positions) {
  const char* tmp = std::getenv("TMPDIR");
  std::filesystem::path dir = std::filesystem::path(tmp ? tmp : "/tmp") / "wk-detect-bench";
  std::filesystem::create_directories(dir);
  return (dir / ("world-" + std::to_string(positions) + ".nmea")).string();
}

size_t VesselsFor(uint64_t positions) {
  if (positions <= 1000000) return 1000;
  if (positions <= 10000000) return 4000;
  return 10000;
}

// Writes the world if it is not cached; returns the number of positions.
void WriteWorld(const std::string& path, uint64_t positions) {
  struct stat st;
  if (stat(path.c_str(), &st) == 0 && st.st_size > 0) return;
  const auto t0 = Clock::now();
  const size_t n = VesselsFor(positions);
  std::mt19937_64 rng(20240101 + positions);
  std::uniform_real_distribution<double> u(0, 1);
  const wk::detect::PortTable ports = wk::detect::PortTable::BuiltIn();
  std::vector<wk::detect::Port> region;
  for (const auto& p : ports.ports())
    if (p.lat_deg > 33 && p.lat_deg < 44 && p.lon_deg > 119 && p.lon_deg < 136) region.push_back(p);
  std::vector<Vessel> vessels(n);
  const int64_t start = 1704067200;  // 2024-01-01
  for (size_t i = 0; i < n; ++i) {
    Vessel& v = vessels[i];
    static const uint32_t kMids[] = {412, 413, 440, 445, 273, 431, 351, 538};
    v.mmsi = kMids[i % 8] * 1000000 + static_cast<uint32_t>(i);
    v.interval_s = 30 + static_cast<int>(u(rng) * 150);
    v.next_s = start + static_cast<int64_t>(u(rng) * v.interval_s);
    const double kind = u(rng);
    if (kind < 0.7) {  // sailing
      v.lat = 34 + u(rng) * 8;
      v.lon = 121 + u(rng) * 13;
      v.heading_deg = u(rng) * 360;
      v.knots = 6 + u(rng) * 9;
    } else if (kind < 0.9) {  // drifting; every fourth with a partner 200 m east of the previous
      if (i > 0 && i % 4 == 0 && vessels[i - 1].knots < 2) {
        v = vessels[i - 1];
        v.mmsi = kMids[i % 8] * 1000000 + static_cast<uint32_t>(i);
        v.lon += 200 / (111195.0 * std::cos(v.lat * 3.14159265 / 180));
      } else {
        v.lat = 34 + u(rng) * 8;
        v.lon = 121 + u(rng) * 13;
        v.heading_deg = u(rng) * 360;
        v.knots = u(rng) * 1.5;
      }
    } else {  // moored
      const auto& p = region[static_cast<size_t>(u(rng) * region.size())];
      v.lat = p.lat_deg + (u(rng) - 0.5) * 0.02;
      v.lon = p.lon_deg + (u(rng) - 0.5) * 0.02;
      v.heading_deg = 0;
      v.knots = 0;
    }
  }
  using Item = std::pair<int64_t, uint32_t>;
  std::priority_queue<Item, std::vector<Item>, std::greater<Item>> due;
  for (uint32_t i = 0; i < n; ++i) due.push({vessels[i].next_s, i});
  std::FILE* out = std::fopen((path + ".tmp").c_str(), "wb");
  if (!out) {
    std::perror(path.c_str());
    std::exit(1);
  }
  std::string buf;
  wk::ais::PositionReport r;
  r.type = 1;
  wk::ais::StaticReport s;
  s.type = 5;
  const double m_per_deg = 111195.0;
  for (uint64_t written = 0; written < positions;) {
    auto [t, i] = due.top();
    due.pop();
    Vessel& v = vessels[i];
    // Move since the last report; turn a little; bounce off the region edge.
    const double d = v.knots * 1852.0 / 3600.0 * v.interval_s;
    v.heading_deg += (u(rng) - 0.5) * 4;
    v.lat += d * std::cos(v.heading_deg * 3.14159265 / 180) / m_per_deg;
    v.lon += d * std::sin(v.heading_deg * 3.14159265 / 180) / (m_per_deg * std::cos(v.lat * 3.14159265 / 180));
    if (v.lat < 33 || v.lat > 43 || v.lon < 120 || v.lon > 135) v.heading_deg += 180;
    r.mmsi = wk::Mmsi{v.mmsi};
    r.time_ms = t * 1000;
    r.lat_deg = v.lat;
    r.lon_deg = v.lon;
    r.speed_knots = static_cast<float>(v.knots);
    r.course_deg = static_cast<float>(std::fmod(v.heading_deg + 3600, 360));
    wk::ais::EncodePosition(r, "bench", buf);
    ++written;
    if ((t / v.interval_s) % (3600 / v.interval_s + 1) == 0) {
      s.mmsi = r.mmsi;
      s.time_ms = r.time_ms;
      s.imo = 0;
      s.name = "VESSEL " + std::to_string(i);
      s.callsign = "";
      wk::ais::EncodeStatic(s, "bench", buf);
    }
    if (buf.size() > (1 << 20)) {
      std::fwrite(buf.data(), 1, buf.size(), out);
      buf.clear();
    }
    v.next_s = t + v.interval_s;
    due.push({v.next_s, i});
  }
  std::fwrite(buf.data(), 1, buf.size(), out);
  std::fclose(out);
  std::filesystem::rename(path + ".tmp", path);
  std::fprintf(stderr, "wrote %s (%" PRIu64 " positions, %zu vessels) in %.1f s\n", path.c_str(),
               positions, n, Seconds(t0, Clock::now()));
}

// User + system CPU seconds of this process (all threads): less sensitive
// than wall time to other work on a shared machine.
double CpuSeconds() {
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_utime.tv_sec + ru.ru_stime.tv_sec + (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

long PeakRssKb() {
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_maxrss;
}

void RunSize(uint64_t positions, bool baseline) {
  const std::string path = WorldPath(positions);
  const wk::detect::PortTable ports = wk::detect::PortTable::BuiltIn();
  const wk::detect::Config config;
  struct stat st;
  stat(path.c_str(), &st);

  const double c0 = CpuSeconds();
  const auto t0 = Clock::now();
  wk::tracks::ReadStats in;
  auto traffic = wk::tracks::ReadTraffic(std::vector<std::string>{path}, {}, &in);
  if (!traffic.ok()) {
    std::fprintf(stderr, "%s\n", traffic.error().message.c_str());
    std::exit(1);
  }
  const size_t n = in.positions;
  const wk::tracks::TrackSet& tracks = traffic->tracks;
  const auto t2 = Clock::now();
  wk::detect::Events events = wk::detect::DetectAll(tracks, traffic->statics, ports, config);
  const auto t3 = Clock::now();
  const double total = Seconds(t0, t3);
  const double cpu = CpuSeconds() - c0;
  std::printf(
      "%10zu positions %6zu vessels | decode %6.2f s  tracks %5.2f s  detect %6.2f s | total %6.2f s "
      "| %5.2f M positions/s | CPU %6.2f s = %4.2f us/position | peak RSS %6.0f MB = %4.0f B/position | file %5.0f MB | events %zu "
      "(encounter %zu, port_call %zu, gap %zu, loitering %zu)\n",
      n, tracks.size(), in.decode_s, in.tracks_s, Seconds(t2, t3), total, n / total / 1e6, cpu, cpu * 1e6 / static_cast<double>(n),
      PeakRssKb() / 1024.0, PeakRssKb() * 1024.0 / static_cast<double>(n),
      static_cast<double>(st.st_size) / 1e6, events.size(), events.encounters.size(),
      events.port_calls.size(), events.gaps.size(), events.loitering.size());
  std::fflush(stdout);
  if (baseline) {
    std::vector<wk::detect::Encounter> grid, brute;
    const auto b0 = Clock::now();
    wk::detect::FindEncounters(tracks, ports, config, grid);
    const auto b1 = Clock::now();
    wk::detect::FindEncountersAllPairs(tracks, ports, config, brute);
    const auto b2 = Clock::now();
    std::printf(
        "encounters on the %zu-position world: space-time grid %.3f s, brute-force all pairs of "
        "%zu vessels %.3f s, ratio %.1fx; same events: %s (%zu vs %zu)\n",
        n, Seconds(b0, b1), tracks.size(), Seconds(b1, b2), Seconds(b1, b2) / Seconds(b0, b1),
        grid.size() == brute.size() ? "yes" : "NO", grid.size(), brute.size());
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<uint64_t> sizes;
  for (int i = 1; i < argc; ++i) sizes.push_back(std::strtoull(argv[i], nullptr, 10));
  if (sizes.empty()) sizes = {1000000, 10000000, 50000000};
  std::printf("decode+detect: NMEA file -> ais::ReadReports -> tracks -> every detector (%u threads)\n",
              std::thread::hardware_concurrency());
  double load[3] = {0, 0, 0};
  if (getloadavg(load, 3) > 0)
    std::printf("load average before the run: %.2f (machine shared: wall times vary with it)\n", load[0]);
  for (uint64_t size : sizes) {
    WriteWorld(WorldPath(size), size);
    std::fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
      RunSize(size, size <= 1000000);
      std::fflush(stdout);
      _exit(0);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return 1;
  }
  return 0;
}
