// The simulated world's geography: ports and the sea-lane graph between
// them. Every coordinate is typed in by hand; the lanes were checked against
// Natural Earth 1:10m land (tests/sim/geography_test.cc) to stay at sea away
// from the harbour approaches that 1:10m land does not resolve.
#include <algorithm>
#include <limits>
#include <queue>
#include <string_view>
#include <vector>

#include "sim/sim.h"

namespace wk::sim {
namespace {

// UN/LOCODEs as written in the NGA World Port Index (WPI numbers in
// ../shared/data/ports/SOURCES.md); Incheon, Pyeongtaek, Qingdao, Tianjin,
// Shidao, Niigata and Maizuru from their UN/LOCODE entries.
constexpr Port kPorts[] = {
    {"KPNAM", "Nampo", "KP", 38.7167, 125.4000, 5, true},
    {"KPSGN", "Songrim", "KP", 38.7350, 125.6000, 5, true},
    {"KPHAE", "Haeju", "KP", 38.0000, 125.7000, 5, true},
    {"KPCHO", "Chongjin", "KP", 41.7667, 129.8167, 5, true},
    {"KPRJN", "Rajin", "KP", 42.2313, 130.3000, 5, true},
    {"KPHGM", "Hungnam", "KP", 39.8233, 127.6242, 5, true},
    {"KPWON", "Wonsan", "KP", 39.1707, 127.4525, 5, true},
    {"KPSON", "Kimchaek", "KP", 40.6667, 129.2125, 5, true},
    {"RUVYP", "Vostochny", "RU", 42.7500, 133.0708, 5, false},
    {"RUNJK", "Nakhodka", "RU", 42.8000, 132.9100, 5, false},
    {"RUVVO", "Vladivostok", "RU", 43.0989, 131.8933, 5, false},
    {"RUZAR", "Zarubino", "RU", 42.6333, 131.0833, 5, false},
    {"RUPSE", "Posyet", "RU", 42.6460, 130.8000, 5, false},
    {"RUSKA", "Slavyanka", "RU", 42.8807, 131.4083, 5, false},
    {"CNDAL", "Dalian", "CN", 38.9267, 121.6742, 5, false},
    {"CNDDZ", "Dandong", "CN", 39.8167, 124.1500, 5, false},
    {"CNLKU", "Longkou", "CN", 37.6400, 120.2600, 5, false},
    {"CNYTG", "Yantai", "CN", 37.5700, 121.5500, 5, false},
    {"CNTAO", "Qingdao", "CN", 36.0800, 120.3000, 5, false},
    {"CNTSN", "Tianjin", "CN", 38.9700, 117.7900, 5, false},
    {"CNSHD", "Shidao", "CN", 36.8700, 122.4700, 5, false},
    {"KRPUS", "Busan", "KR", 35.0980, 129.0433, 5, false},
    {"KRINC", "Incheon", "KR", 37.4300, 126.5700, 5, false},
    {"KRPTK", "Pyeongtaek", "KR", 36.9700, 126.8300, 5, false},
    {"JPKIJ", "Niigata", "JP", 37.9500, 139.0575, 5, false},
    {"JPMAI", "Maizuru", "JP", 35.4860, 135.3825, 5, false},
};

struct Waypoint {
  std::string_view id;
  double lat_deg, lon_deg;
};

// Sea waypoints: harbour approaches (a_*), turns around capes and islands,
// and open-sea nodes.
constexpr Waypoint kWaypoints[] = {
    {"n1", 38.6880, 125.2000},     {"a_nam", 38.7000, 125.0000},  {"n2", 38.5500, 124.6000},
    {"h1", 37.8650, 125.7750},     {"a_hae", 37.7000, 125.6500},  {"h2", 37.6000, 125.3000},
    {"a_cho", 41.6800, 129.9500},  {"r1", 42.1900, 130.2900},     {"a_rjn", 42.1500, 130.4500},
    {"a_hgm", 39.7200, 127.7800},  {"wo1", 39.1600, 127.5000},    {"a_won", 39.2200, 127.7000},
    {"a_son", 40.5800, 129.3500},  {"e1", 40.0000, 128.8000},     {"e2", 40.9000, 129.9000},
    {"vy1", 42.7400, 133.0300},    {"a_vyp", 42.6900, 132.9900},  {"a_njk", 42.7200, 132.9000},
    {"v1", 43.0750, 131.8600},     {"v2", 43.0300, 131.7000},     {"a_vvo", 42.9300, 131.7000},
    {"a_zar", 42.5700, 131.1500},  {"a_pse", 42.5600, 130.8800},  {"rp1", 42.3000, 130.8200}, {"rp2", 42.4500, 130.8800},
    {"s1", 42.8500, 131.4000},     {"a_ska", 42.7800, 131.4500},  {"a_dal", 38.8800, 121.8500},
    {"a_ddz", 39.6000, 124.0500},  {"a_lku", 37.7500, 120.2600},  {"a_ytg", 37.6800, 121.5500},
    {"t1", 36.0400, 120.2700},     {"t2", 35.9700, 120.3400},     {"a_tao", 35.9500, 120.5500},
    {"a_tsn", 38.9500, 118.1000},  {"a_shd", 36.8000, 122.6000},  {"a_pus", 34.9800, 129.1200},
    {"i1", 37.3300, 126.4000},     {"a_inc", 37.3000, 126.0000},  {"p1", 37.0200, 126.7000},
    {"p2", 37.0750, 126.6000},     {"p3", 37.0800, 126.3000},     {"a_ptk", 37.0000, 126.0000},
    {"k1", 38.4500, 138.7000},     {"a_kij", 38.1000, 138.9500},  {"m1", 35.8500, 135.4500},
    {"ma1", 35.5500, 135.3600},    {"a_mai", 35.6500, 135.3500},  {"korea_bay", 39.0000, 124.0000},
    {"bohai_strait", 38.4500, 121.1000}, {"bohai", 38.6000, 119.5000},
    {"ys_north", 38.0000, 124.2000}, {"ys_mid", 37.0000, 124.5000},
    {"shandong_cape", 37.4500, 123.0000}, {"ys_south", 35.5000, 124.5000},
    {"ys_sw", 34.3000, 125.3000},  {"jeju_w", 33.9500, 126.0000}, {"jeju_e", 33.9500, 127.3000},
    {"korea_strait", 34.6000, 128.8000}, {"es_south", 35.8000, 130.0000},
    {"es_mid", 37.5000, 130.0000}, {"es_north", 38.8000, 129.2000}, {"es_won", 39.3000, 128.3000},
    {"es_ne", 40.3000, 130.0000},  {"es_chongjin", 41.3000, 130.5000}, {"ptg", 42.3500, 131.5000},
    {"ptg_e", 42.5000, 132.6000},  {"soj", 40.0000, 133.0000},    {"soj_s", 38.5000, 134.5000},
    {"soj_e", 38.7000, 137.5000},  {"oki", 36.6000, 134.0000},
};

struct Lane {
  std::string_view a, b;
};

constexpr Lane kLanes[] = {
    {"KPNAM", "KPSGN"}, {"KPNAM", "n1"}, {"n1", "a_nam"}, {"a_nam", "n2"}, {"n2", "ys_north"},
    {"a_nam", "korea_bay"}, {"KPHAE", "h1"}, {"h1", "a_hae"}, {"a_hae", "h2"}, {"h2", "ys_mid"},
    {"KPCHO", "a_cho"}, {"KPRJN", "r1"}, {"r1", "a_rjn"}, {"KPHGM", "a_hgm"}, {"KPWON", "wo1"},
    {"wo1", "a_won"}, {"KPSON", "a_son"}, {"RUVYP", "vy1"}, {"vy1", "a_vyp"}, {"RUNJK", "a_njk"},
    {"RUVVO", "v1"}, {"v1", "v2"}, {"v2", "a_vvo"}, {"RUZAR", "a_zar"}, {"RUPSE", "a_pse"},
    {"RUSKA", "s1"}, {"s1", "a_ska"}, {"CNDAL", "a_dal"}, {"CNDDZ", "a_ddz"}, {"CNLKU", "a_lku"},
    {"CNYTG", "a_ytg"}, {"CNTAO", "t1"}, {"t1", "t2"}, {"t2", "a_tao"}, {"CNTSN", "a_tsn"},
    {"CNSHD", "a_shd"}, {"KRPUS", "a_pus"}, {"KRINC", "i1"}, {"i1", "a_inc"}, {"KRPTK", "p1"},
    {"p1", "p2"}, {"p2", "p3"}, {"p3", "a_ptk"}, {"JPKIJ", "a_kij"}, {"JPMAI", "ma1"},
    {"ma1", "a_mai"}, {"a_ddz", "korea_bay"}, {"a_dal", "korea_bay"}, {"a_dal", "bohai_strait"},
    {"bohai_strait", "bohai"}, {"bohai", "a_tsn"}, {"bohai", "a_lku"}, {"bohai_strait", "a_ytg"},
    {"a_ytg", "shandong_cape"}, {"bohai_strait", "shandong_cape"}, {"shandong_cape", "a_shd"},
    {"a_shd", "a_tao"}, {"a_tao", "ys_south"}, {"shandong_cape", "ys_mid"},
    {"korea_bay", "ys_north"}, {"ys_north", "ys_mid"}, {"a_inc", "ys_mid"}, {"a_ptk", "ys_mid"},
    {"a_ptk", "ys_south"}, {"ys_mid", "ys_south"}, {"ys_south", "ys_sw"}, {"a_shd", "ys_south"},
    {"ys_sw", "jeju_w"}, {"jeju_w", "jeju_e"}, {"jeju_e", "korea_strait"},
    {"korea_strait", "a_pus"}, {"korea_strait", "es_south"}, {"a_pus", "es_south"},
    {"es_south", "es_mid"}, {"es_mid", "es_north"}, {"es_north", "es_won"}, {"es_won", "a_won"},
    {"es_won", "a_hgm"}, {"a_won", "a_hgm"}, {"es_won", "es_ne"}, {"es_ne", "a_son"},
    {"a_hgm", "e1"}, {"e1", "a_son"}, {"es_ne", "es_chongjin"}, {"es_chongjin", "a_cho"},
    {"es_chongjin", "a_rjn"}, {"a_cho", "a_rjn"}, {"a_son", "e2"}, {"e2", "a_cho"},
    {"a_rjn", "rp1"}, {"rp1", "rp2"}, {"rp2", "a_pse"}, {"a_pse", "a_zar"}, {"es_chongjin", "ptg"},
    {"a_zar", "ptg"}, {"ptg", "a_vvo"}, {"a_vvo", "a_ska"}, {"ptg", "ptg_e"}, {"ptg_e", "a_njk"},
    {"ptg_e", "a_vyp"}, {"ptg_e", "soj"}, {"es_ne", "soj"}, {"soj", "soj_s"}, {"es_mid", "soj_s"},
    {"soj_s", "soj_e"}, {"soj_e", "k1"}, {"k1", "a_kij"}, {"soj_s", "oki"}, {"es_south", "oki"},
    {"oki", "m1"}, {"m1", "a_mai"}, {"ptg", "soj"},
};

constexpr size_t kPortCount = std::size(kPorts);
constexpr size_t kNodeCount = kPortCount + std::size(kWaypoints);

int NodeIndex(std::string_view id) {
  for (size_t i = 0; i < kPortCount; ++i)
    if (kPorts[i].locode == id) return static_cast<int>(i);
  for (size_t i = 0; i < std::size(kWaypoints); ++i)
    if (kWaypoints[i].id == id) return static_cast<int>(kPortCount + i);
  return -1;
}

LatLon NodePosition(int i) {
  if (i < static_cast<int>(kPortCount)) return {kPorts[i].lat_deg, kPorts[i].lon_deg};
  const Waypoint& w = kWaypoints[i - kPortCount];
  return {w.lat_deg, w.lon_deg};
}

struct Graph {
  std::vector<std::vector<std::pair<int, double>>> adjacent;
  Graph() : adjacent(kNodeCount) {
    for (const Lane& lane : kLanes) {
      int a = NodeIndex(lane.a), b = NodeIndex(lane.b);
      LatLon pa = NodePosition(a), pb = NodePosition(b);
      double d = HaversineM(pa.lat_deg, pa.lon_deg, pb.lat_deg, pb.lon_deg);
      adjacent[a].push_back({b, d});
      adjacent[b].push_back({a, d});
    }
  }
};

}  // namespace

std::span<const Port> Ports() { return kPorts; }

const Port* FindPort(std::string_view locode) {
  for (const Port& p : kPorts)
    if (p.locode == locode) return &p;
  return nullptr;
}

std::vector<LatLon> SeaRoute(std::string_view from_locode, std::string_view to_locode) {
  static const Graph graph;
  int from = FindPort(from_locode) ? NodeIndex(from_locode) : -1;
  int to = FindPort(to_locode) ? NodeIndex(to_locode) : -1;
  if (from < 0 || to < 0) return {};
  std::vector<double> dist(kNodeCount, std::numeric_limits<double>::infinity());
  std::vector<int> prev(kNodeCount, -1);
  using Item = std::pair<double, int>;
  std::priority_queue<Item, std::vector<Item>, std::greater<>> queue;
  dist[from] = 0;
  queue.push({0, from});
  while (!queue.empty()) {
    auto [d, u] = queue.top();
    queue.pop();
    if (d > dist[u]) continue;
    if (u == to) break;
    for (auto [v, w] : graph.adjacent[u]) {
      // Ports are ends, never through-nodes: a lane does not cut across a
      // harbour (Songrim is reached only through Nampo, its river mouth).
      bool through_port = v < static_cast<int>(kPortCount) && v != to &&
                          !(from_locode == "KPSGN" && v == NodeIndex("KPNAM")) &&
                          !(to_locode == "KPSGN" && v == NodeIndex("KPNAM"));
      if (through_port) continue;
      if (dist[u] + w < dist[v]) {
        dist[v] = dist[u] + w;
        prev[v] = u;
        queue.push({dist[v], v});
      }
    }
  }
  if (prev[to] < 0 && from != to) return {};
  std::vector<LatLon> path;
  for (int v = to; v >= 0; v = prev[v]) path.push_back(NodePosition(v));
  std::reverse(path.begin(), path.end());
  return path;
}

}  // namespace wk::sim
