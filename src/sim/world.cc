// The fleet and its voyages: who sails, under which flag and name, between
// which ports, at what speed.
#include <algorithm>
#include <cmath>
#include <set>
#include <string>
#include <vector>

#include "sim/world.h"

namespace wk::sim {
namespace {

struct FlagInfo {
  std::string_view iso;
  int mids[4];  // 0-terminated
  std::string_view callsign_series;  // the flag's ITU call-sign prefixes, space-separated
  double weight;
};

// Flags of the region, their MIDs (ITU) and call-sign series (ITU RR
// Appendix 42, as detect's invalid_identity reads them); only MIDs that
// core's table knows, so the world's flags are all valid. Series shared
// with another country are left out: D alone is also Germany's (DA-DR) and
// the Philippines' (DU-DZ), U also Uzbekistan's (UJ-UM), Kazakhstan's
// (UN-UQ) and Ukraine's (UR-UZ), J also Mongolia's (JT-JV), B also Taiwan's
// (BM-BQ, BU-BX).
constexpr FlagInfo kFlags[] = {
    {"CN", {412, 413, 414, 0},
     "BA BB BC BD BE BF BG BH BI BJ BK BL BR BS BT BY BZ 3H 3I 3J 3K 3L 3M 3N 3O 3P 3Q 3R 3S 3T 3U XS", 0.25},
    {"KR", {440, 441, 0, 0}, "DS DT D7 D8 D9 HL 6K 6L 6M 6N", 0.14},
    {"RU", {273, 0, 0, 0}, "R UA UB UC UD UE UF UG UH UI", 0.15},
    {"KP", {445, 0, 0, 0}, "HM P5 P6 P7 P8 P9", 0.16},
    {"JP", {431, 432, 0, 0},
     "JA JB JC JD JE JF JG JH JI JJ JK JL JM JN JO JP JQ JR JS 7J 7K 7L 7M 7N 8J 8K 8L 8M 8N", 0.08},
    {"HK", {477, 0, 0, 0}, "VR", 0.07},
    {"MN", {457, 0, 0, 0}, "JT JU JV", 0.05},
    {"SG", {563, 564, 565, 0}, "9V S6", 0.05},
    {"TW", {416, 0, 0, 0}, "BM BN BO BP BQ BU BV BW BX", 0.05},
};

constexpr std::string_view kDprkPorts[] = {"KPNAM", "KPSGN", "KPHAE", "KPCHO",
                                           "KPRJN", "KPHGM", "KPWON", "KPSON"};
constexpr std::string_view kRussianPorts[] = {"RUVYP", "RUNJK", "RUVVO", "RUZAR", "RUPSE",
                                              "RUSKA"};
constexpr std::string_view kChinesePorts[] = {"CNDAL", "CNDDZ", "CNLKU", "CNYTG",
                                              "CNTAO", "CNTSN", "CNSHD"};
constexpr std::string_view kKoreanJapanesePorts[] = {"KRPUS", "KRINC", "KRPTK", "JPKIJ",
                                                     "JPMAI"};
constexpr std::string_view kContainerPorts[] = {"KRPUS", "KRINC", "KRPTK", "CNTAO", "CNTSN",
                                                "CNDAL", "RUVYP", "RUVVO", "JPKIJ"};

constexpr std::string_view kNameWords[] = {
    "KUM UN", "CHON MA", "RYE SONG", "JI SONG", "PAEK MA", "SAM JIN", "OCEAN", "PACIFIC",
    "EASTERN", "GOLDEN", "NEW", "HAI", "YUAN", "XIN", "DONG", "HUA", "SEA", "STAR", "MORNING",
    "VOSTOK", "NADEZHDA", "PARTIZAN", "SAKURA", "HANA", "GWANG", "DAE", "BLUE", "GRAND",
    "FORTUNE", "LUCKY", "SILVER", "GREAT"};
constexpr std::string_view kNameTails[] = {
    "SAN", "GANG", "BONG", "STAR", "WAY", "GLORY", "PIONEER", "SPIRIT", "HOPE", "TRADER",
    "CARRIER", "LINE", "MARU", "HO", "PHOENIX", "BRIDGE", "VENTURE", "DAWN"};

struct KindInfo {
  VesselKind kind;
  double weight;
  float min_knots, max_knots;
  int ship_type_lo, ship_type_hi;
  int length_lo, length_hi;
};

constexpr KindInfo kKinds[] = {
    {VesselKind::kTanker, 0.24, 10, 13, 80, 84, 90, 230},
    {VesselKind::kBulk, 0.24, 11, 14, 70, 74, 110, 250},
    {VesselKind::kContainer, 0.14, 16, 20, 70, 79, 150, 300},
    {VesselKind::kGeneralCargo, 0.24, 10, 13, 70, 79, 70, 160},
    {VesselKind::kFishing, 0.14, 8, 10, 30, 30, 20, 60},
};

template <typename T, size_t N>
const T& PickWeighted(Rng& rng, const T (&items)[N]) {
  double r = rng.Uniform(), acc = 0;
  for (const T& item : items) {
    acc += item.weight;
    if (r < acc) return item;
  }
  return items[N - 1];
}

uint32_t MakeImo(Rng& rng) {
  int digits[6];
  digits[0] = 9;
  for (int i = 1; i < 6; ++i) digits[i] = static_cast<int>(rng.Int(0, 9));
  int sum = 0;
  uint32_t imo = 0;
  for (int i = 0; i < 6; ++i) {
    sum += digits[i] * (7 - i);
    imo = imo * 10 + static_cast<uint32_t>(digits[i]);
  }
  return imo * 10 + static_cast<uint32_t>(sum % 10);
}

// A call sign from one of `series` (space-separated prefixes): the prefix,
// letters up to four characters, and sometimes a digit.
std::string MakeCallsign(Rng& rng, std::string_view series) {
  static constexpr char kLetters[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  std::vector<std::string_view> prefixes;
  for (size_t i = 0; i < series.size();) {
    size_t end = series.find(' ', i);
    if (end == std::string_view::npos) end = series.size();
    if (end > i) prefixes.push_back(series.substr(i, end - i));
    i = end + 1;
  }
  std::string s(prefixes[rng.Int(0, prefixes.size() - 1)]);
  while (s.size() < 4) s.push_back(kLetters[rng.Int(0, 25)]);
  if (rng.Chance(0.5)) s.push_back(static_cast<char>('0' + rng.Int(1, 9)));
  return s;
}

std::vector<std::string_view> PortsFor(const Vessel& v) {
  std::vector<std::string_view> ports;
  auto add = [&](auto& list) { ports.insert(ports.end(), std::begin(list), std::end(list)); };
  if (v.kind == VesselKind::kContainer) {
    add(kContainerPorts);
    return ports;
  }
  if (v.flag == "KP" || v.flag == "MN") {
    add(kDprkPorts);
    add(kChinesePorts);
    add(kRussianPorts);
  } else if (v.flag == "RU") {
    add(kRussianPorts);
    add(kKoreanJapanesePorts);
    add(kChinesePorts);
  } else if (v.flag == "CN") {
    add(kChinesePorts);
    add(kKoreanJapanesePorts);
    ports.push_back("KPNAM");
    ports.push_back("RUVYP");
  } else {
    add(kKoreanJapanesePorts);
    add(kChinesePorts);
    add(kRussianPorts);
  }
  return ports;
}

// A berth inside a port: within 1.2 km of the port's point, a different one
// per stay as ships do not always use the same quay.
LatLon BerthIn(const Port& port, Rng& rng) {
  double r = rng.Uniform(0, 1200), a = rng.Uniform(0, 2 * M_PI);
  double dlat = r * std::cos(a) / 111320.0;
  double dlon = r * std::sin(a) / (111320.0 * std::cos(port.lat_deg * kDegToRad));
  return {port.lat_deg + dlat, port.lon_deg + dlon};
}

double DistanceToNearestPortM(LatLon p) {
  double best = 1e18;
  for (const Port& port : Ports())
    best = std::min(best, HaversineM(p.lat_deg, p.lon_deg, port.lat_deg, port.lon_deg));
  return best;
}

}  // namespace

std::string_view KindName(VesselKind kind) {
  switch (kind) {
    case VesselKind::kTanker: return "tanker";
    case VesselKind::kBulk: return "bulk";
    case VesselKind::kContainer: return "container";
    case VesselKind::kGeneralCargo: return "general_cargo";
    case VesselKind::kFishing: return "fishing";
  }
  return "unknown";
}

double NearestPortM(LatLon p) {
  double best = 1e18;
  for (const Port& port : Ports())
    best = std::min(best, HaversineM(p.lat_deg, p.lon_deg, port.lat_deg, port.lon_deg));
  return best;
}

LatLon Offset(LatLon p, double north_m, double east_m) {
  return {p.lat_deg + north_m / 111320.0,
          p.lon_deg + east_m / (111320.0 * std::cos(p.lat_deg * kDegToRad))};
}

// Splits a route at `along_m` metres from its start.
void SplitRoute(const std::vector<LatLon>& route, double along_m, std::vector<LatLon>* before,
                std::vector<LatLon>* after) {
  before->clear();
  after->clear();
  before->push_back(route.front());
  size_t i = 1;
  for (; i < route.size(); ++i) {
    const LatLon& a = route[i - 1];
    const LatLon& b = route[i];
    double leg = HaversineM(a.lat_deg, a.lon_deg, b.lat_deg, b.lon_deg);
    if (along_m <= leg) {
      double f = leg > 0 ? along_m / leg : 0;
      LatLon site{a.lat_deg + (b.lat_deg - a.lat_deg) * f, a.lon_deg + (b.lon_deg - a.lon_deg) * f};
      before->push_back(site);
      after->push_back(site);
      break;
    }
    along_m -= leg;
    before->push_back(b);
  }
  for (; i < route.size(); ++i) after->push_back(route[i]);
  if (after->empty()) after->push_back(route.back());
}

float DraughtAt(const Vessel& v, int64_t t) {
  float d = v.draught_m;
  for (const DraughtChange& c : v.draughts) {
    if (c.from_s > t) break;
    d = c.draught_m;
  }
  return d;
}

double PathLengthM(const std::vector<LatLon>& path) {
  double total = 0;
  for (size_t i = 1; i < path.size(); ++i)
    total += HaversineM(path[i - 1].lat_deg, path[i - 1].lon_deg, path[i].lat_deg,
                        path[i].lon_deg);
  return total;
}

int64_t AppendMove(Plan& plan, std::vector<LatLon> path, int64_t start_s, float knots,
                   std::string destination) {
  Segment s;
  s.kind = SegmentKind::kMove;
  s.start_s = start_s;
  double metres = PathLengthM(path);
  s.end_s = start_s + std::max<int64_t>(60, static_cast<int64_t>(
                                                metres / (knots * kMetersPerNauticalMile / 3600)));
  s.path = std::move(path);
  s.speed_knots = knots;
  s.nav_status = 0;
  s.destination = std::move(destination);
  int64_t end = s.end_s;
  plan.segments.push_back(std::move(s));
  return end;
}

int64_t AppendStay(Plan& plan, LatLon at, int64_t start_s, int64_t duration_s, int nav_status,
                   std::string port, float drift_knots) {
  Segment s;
  s.kind = SegmentKind::kStationary;
  s.start_s = start_s;
  s.end_s = start_s + duration_s;
  s.path = {at};
  s.speed_knots = drift_knots;
  s.nav_status = nav_status;
  s.destination = port;
  s.port = std::move(port);
  plan.segments.push_back(std::move(s));
  return start_s + duration_s;
}

bool StateAt(const Plan& plan, int64_t t, State* state) {
  auto it = std::upper_bound(plan.segments.begin(), plan.segments.end(), t,
                             [](int64_t t, const Segment& s) { return t < s.start_s; });
  if (it == plan.segments.begin()) return false;
  const Segment& s = *(it - 1);
  if (t >= s.end_s) return false;
  state->segment = &s;
  state->nav_status = s.nav_status;
  state->speed_knots = s.speed_knots;
  if (s.kind == SegmentKind::kStationary || s.path.size() < 2) {
    state->position = s.path.front();
    state->course_deg = NAN;
    return true;
  }
  double total = PathLengthM(s.path);
  double along = total * static_cast<double>(t - s.start_s) / std::max<int64_t>(1, s.end_s - s.start_s);
  for (size_t i = 1; i < s.path.size(); ++i) {
    const LatLon& a = s.path[i - 1];
    const LatLon& b = s.path[i];
    double leg = HaversineM(a.lat_deg, a.lon_deg, b.lat_deg, b.lon_deg);
    if (along <= leg || i + 1 == s.path.size()) {
      double f = leg > 0 ? std::clamp(along / leg, 0.0, 1.0) : 0;
      state->position = {a.lat_deg + (b.lat_deg - a.lat_deg) * f,
                         a.lon_deg + (b.lon_deg - a.lon_deg) * f};
      double dy = b.lat_deg - a.lat_deg;
      double dx = (b.lon_deg - a.lon_deg) * std::cos(a.lat_deg * kDegToRad);
      double course = std::atan2(dx, dy) / kDegToRad;
      state->course_deg = static_cast<float>(course < 0 ? course + 360 : course);
      return true;
    }
    along -= leg;
  }
  return false;
}

World BuildWorld(const Options& options) {
  World world;
  world.options = options;
  world.end_s = options.start_s + int64_t{options.days} * 86400;
  std::set<uint32_t> used_mmsi;
  std::set<std::string> used_names;
  for (int i = 0; i < options.vessels; ++i) {
    Rng rng(MixSeed(options.seed, static_cast<uint64_t>(i)));
    Plan plan;
    Vessel& v = plan.vessel;
    v.index = i;
    const KindInfo& kind = PickWeighted(rng, kKinds);
    const FlagInfo& flag = PickWeighted(rng, kFlags);
    v.kind = kind.kind;
    v.flag = std::string(flag.iso);
    v.ais_class = v.kind == VesselKind::kFishing ? 'B' : 'A';
    v.cruise_knots = static_cast<float>(std::round(rng.Uniform(kind.min_knots, kind.max_knots) * 10) / 10);
    int length = static_cast<int>(rng.Int(kind.length_lo, kind.length_hi));
    v.to_bow = length * 4 / 5;
    v.to_stern = length - v.to_bow;
    v.to_port = v.to_starboard = std::max(3, length / 14);
    v.draught_m = static_cast<float>(std::round(length / 25.0 * 10) / 10 + 2);

    Identity id;
    int mid_count = 0;
    while (mid_count < 4 && flag.mids[mid_count] != 0) ++mid_count;
    do {
      int mid = flag.mids[rng.Int(0, mid_count - 1)];
      id.mmsi = Mmsi{static_cast<uint32_t>(mid * 1000000 + rng.Int(100000, 999999))};
    } while (!used_mmsi.insert(id.mmsi.value).second);
    id.imo = v.ais_class == 'A' ? MakeImo(rng) : 0;
    do {
      id.name = std::string(kNameWords[rng.Int(0, std::size(kNameWords) - 1)]) + " " +
                (rng.Chance(0.5) ? std::string(kNameTails[rng.Int(0, std::size(kNameTails) - 1)])
                                 : std::to_string(rng.Int(1, 99)));
    } while (!used_names.insert(id.name).second);
    id.callsign = MakeCallsign(rng, flag.callsign_series);
    id.ship_type = static_cast<int>(rng.Int(kind.ship_type_lo, kind.ship_type_hi));
    id.from_s = options.start_s - 86400 * 30;
    v.identities.push_back(id);

    // Voyages: port stay, passage, port stay... from a day before the
    // world starts (so ships are met mid-voyage) to past its end.
    std::vector<std::string_view> ports = PortsFor(v);
    std::string_view here = ports[rng.Int(0, ports.size() - 1)];
    v.home_port = std::string(here);
    int64_t t = options.start_s - rng.Int(0, 86400);
    LatLon berth = BerthIn(*FindPort(here), rng);
    while (t < world.end_s) {
      int64_t stay = v.kind == VesselKind::kFishing ? rng.Int(6 * 3600, 20 * 3600)
                                                    : rng.Int(8 * 3600, 40 * 3600);
      t = AppendStay(plan, berth, t, stay, 5, std::string(here), 0.0f);
      if (v.kind == VesselKind::kFishing) {
        // Out to a fishing ground on the way to another port, trawl in
        // lanes at 3-5 kn (never slow enough to look like loitering), back.
        std::string_view other = ports[rng.Int(0, ports.size() - 1)];
        std::vector<LatLon> route = SeaRoute(here, other);
        if (route.size() < 3) continue;
        route.front() = berth;
        std::vector<LatLon> out(route.begin(), route.begin() + static_cast<long>(route.size() / 2) + 1);
        LatLon ground = out.back();
        if (DistanceToNearestPortM(ground) < 40000) {
          t += 3600;
          continue;
        }
        t = AppendMove(plan, out, t, v.cruise_knots, "");
        std::vector<LatLon> lanes;
        double heading = rng.Uniform(0, M_PI);
        LatLon p = ground;
        lanes.push_back(p);
        for (int k = 0; k < 6; ++k) {
          double sign = k % 2 ? -1 : 1;
          double dlat = sign * 6000 * std::cos(heading) / 111320.0;
          double dlon = sign * 6000 * std::sin(heading) / (111320.0 * std::cos(p.lat_deg * kDegToRad));
          p = {p.lat_deg + dlat + 800 * std::sin(heading) / 111320.0,
               p.lon_deg + dlon - 800 * std::cos(heading) / (111320.0 * std::cos(p.lat_deg * kDegToRad))};
          lanes.push_back(p);
        }
        int64_t lanes_start = t;
        t = AppendMove(plan, lanes, t, static_cast<float>(rng.Uniform(3.2, 4.8)), "");
        plan.segments.back().nav_status = 7;
        (void)lanes_start;
        std::vector<LatLon> back(out.rbegin(), out.rend());
        back.insert(back.begin(), lanes.back());
        t = AppendMove(plan, back, t, v.cruise_knots, std::string(here));
        continue;
      }
      std::string_view next = here;
      for (int tries = 0; tries < 8 && next == here; ++tries) next = ports[rng.Int(0, ports.size() - 1)];
      if (next == here) continue;
      std::vector<LatLon> route = SeaRoute(here, next);
      if (route.size() < 2) continue;
      route.front() = berth;
      berth = BerthIn(*FindPort(next), rng);
      route.back() = berth;
      float knots = static_cast<float>(v.cruise_knots + rng.Uniform(-0.5, 0.5));
      t = AppendMove(plan, std::move(route), t, knots, std::string(next));
      here = next;
    }
    world.plans.push_back(std::move(plan));
  }
  return world;
}

}  // namespace wk::sim
