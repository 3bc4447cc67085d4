// Issue 12's refined-petroleum deliveries: tankers loading at Vostochny and
// from other tankers at sea, then calling at DPRK ports, with the draughts of
// a laden arrival and a light departure; the decoys that must not count; the
// deliveries the ledger's rule finds in the plans (deliveries.jsonl); and the
// vessels' particulars (particulars.csv).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "sim/planters.h"

namespace wk::sim {
namespace {

// The ledger's default oil terminals (alerts::LedgerConfig, docs/cap-ledger.md)
// and its window; the truth follows the ledger's rule with them.
constexpr std::string_view kOilTerminals[] = {"RUVYP", "RUNJK", "RUVVO", "RUSKA",
                                              "CNDAL", "CNTSN", "CNTAO", "CNDDZ"};
constexpr int64_t kWindowS = 15 * 86400;
constexpr double kMinSiteToPortM = 40000;
constexpr double kMinSiteToSlowM = 60000;  // from every other slow ship at sea

bool IsTerminal(std::string_view port) {
  return std::find(std::begin(kOilTerminals), std::end(kOilTerminals), port) != std::end(kOilTerminals);
}
bool IsDprkPort(std::string_view port) { return port.substr(0, 2) == "KP"; }
bool IsTankerType(int type) { return type >= 80 && type <= 89; }
bool IsTanker(const Plan& p) { return IsTankerType(p.vessel.identities.front().ship_type); }

void AppendIso(std::string& out, std::string_view key, int64_t t) {
  out += ",\"";
  out += key;
  out += "\":\"";
  AppendTime(out, t);
  out += "\"";
}

void AppendNum(std::string& out, std::string_view key, double v, int decimals) {
  out += ",\"";
  out += key;
  out += "\":";
  AppendDecimal(out, v, decimals);
}

class DeliveryPlanter {
 public:
  DeliveryPlanter(World& world, std::vector<TruthEvent>& truth, std::vector<TruthEvent>& deliveries)
      : world_(world), truth_(truth), deliveries_(deliveries),
        rng_(MixSeed(world.options.seed, 0xDE11FE12ull)) {
    for (const Plan& p : world.plans) {
      for (const Identity& id : p.vessel.identities) used_mmsi_.insert(id.mmsi.value);
      // Where other ships drift or meet at sea: a new meeting keeps away.
      for (const Segment& s : p.segments)
        if (s.kind == SegmentKind::kMove && s.speed_knots < 2)
          for (const LatLon& q : s.path) slow_.push_back(q);
    }
    world.plans.reserve(world.plans.size() + 32);  // NewVessel hands out references
  }

  void PlantAll() {
    const int64_t start = world_.options.start_s;
    if (world_.end_s - start < 3 * 86400) return;
    // Deliveries: two from Vostochny's terminal, two ship-to-ship.
    TerminalDelivery("RUVYP", "KPCHO", start + rng_.Int(8 * 3600, 12 * 3600), "KP", 445, "HM", true);
    TerminalDelivery("RUVYP", "KPRJN", start + rng_.Int(9 * 3600, 14 * 3600), "KP", 445, "P5", true);
    ShipToShip("RUVYP", "KPSON", "RU", 273, "UB", true);   // Sea of Japan
    ShipToShip("CNTAO", "KPNAM", "SG", 563, "9V", true);   // Yellow Sea
    // Decoys: none of these is a delivery.
    NoLoading();
    ShipToShip("KRPUS", "JPMAI", "CN", 413, "BQ", false);  // two foreign tankers, far from the DPRK
    TerminalDelivery("RUVYP", "KPCHO", start + rng_.Int(6 * 3600, 10 * 3600), "KP", 445, "P6", false);
    LoadsElsewhere();
  }

 private:
  Plan& NewVessel(std::string_view flag, int mid, std::string_view prefix, bool tanker) {
    Plan& plan = world_.plans.emplace_back();
    Vessel& v = plan.vessel;
    v.index = static_cast<int>(world_.plans.size() - 1);
    v.kind = tanker ? VesselKind::kTanker : VesselKind::kGeneralCargo;
    v.ais_class = 'A';
    v.flag = std::string(flag);
    v.cruise_knots = static_cast<float>(std::round(rng_.Uniform(10.5, 12.0) * 10) / 10);
    v.to_bow = static_cast<int>(rng_.Int(70, 100));
    v.to_stern = static_cast<int>(rng_.Int(12, 20));
    v.to_port = v.to_starboard = static_cast<int>(rng_.Int(7, 9));
    v.draught_m = static_cast<float>(std::round(rng_.Uniform(3.2, 4.2) * 10) / 10);  // light
    v.deadweight_t = static_cast<double>(rng_.Int(15, 60) * 100);                  // 1,500-6,000 t
    v.built = static_cast<int>(rng_.Int(1985, 2008));
    v.registry_type = tanker ? "Oil products tanker" : "General cargo";
    Identity id;
    do {
      id.mmsi = Mmsi{static_cast<uint32_t>(mid * 1000000 + rng_.Int(100000, 999999))};
    } while (!used_mmsi_.insert(id.mmsi.value).second);
    id.imo = ValidImo();
    id.name = std::string(tanker ? "SIM OIL " : "SIM CARGO ") + std::to_string(v.index);
    id.callsign = std::string(prefix) + static_cast<char>('A' + v.index % 26) +
                  static_cast<char>('A' + v.index / 26 % 26) + std::to_string(v.index % 10);
    id.ship_type = tanker ? static_cast<int>(rng_.Int(80, 84)) : 70;
    id.from_s = world_.options.start_s - 30 * 86400;
    v.identities.push_back(id);
    return plan;
  }

  uint32_t ValidImo() {
    while (true) {
      uint32_t base = static_cast<uint32_t>(rng_.Int(800000, 899999));
      int sum = 0;
      uint32_t b = base;
      for (int w = 2; w <= 7; ++w, b /= 10) sum += static_cast<int>(b % 10) * w;
      const uint32_t imo = base * 10 + static_cast<uint32_t>(sum % 10);
      if (used_imo_.insert(imo).second) return imo;
    }
  }

  static Mmsi MmsiOf(const Plan& p) { return p.vessel.identities.front().mmsi; }

  float Laden(const Vessel& v) {
    return static_cast<float>(std::round((v.draught_m + rng_.Uniform(2.2, 3.2)) * 10) / 10);
  }

  void MooredUntil(Plan& plan, std::string_view port, int64_t until_s) {
    const Port* p = FindPort(port);
    const int64_t from = world_.options.start_s - 2 * 86400;
    AppendStay(plan, {p->lat_deg, p->lon_deg}, from, until_s - from, 5, std::string(port), 0.0f);
  }
  void MooredAfter(Plan& plan, std::string_view port, int64_t from_s) {
    const Port* p = FindPort(port);
    AppendStay(plan, {p->lat_deg, p->lon_deg}, from_s, world_.end_s + 2 * 86400 - from_s, 5,
               std::string(port), 0.0f);
  }
  int64_t TravelS(const std::vector<LatLon>& path, float knots) const {
    return std::max<int64_t>(60, static_cast<int64_t>(PathLengthM(path) / (knots * kMetersPerNauticalMile / 3600)));
  }

  // Moored at an oil terminal, loaded (the draught deepens hours before
  // sailing), straight to a DPRK port, discharged (light again hours after
  // arriving). As a decoy (`real` false) the ship is a general cargo ship on
  // the same route with the same draughts.
  void TerminalDelivery(std::string_view terminal, std::string_view port, int64_t depart,
                        std::string_view flag, int mid, std::string_view prefix, bool real) {
    Plan& p = NewVessel(flag, mid, prefix, real);
    Vessel& v = p.vessel;
    MooredUntil(p, terminal, depart);
    v.draughts.push_back({depart - rng_.Int(4 * 3600, 6 * 3600), Laden(v)});
    const int64_t arrive = AppendMove(p, SeaRoute(terminal, port), depart, v.cruise_knots, std::string(port));
    MooredAfter(p, port, arrive);
    v.draughts.push_back({arrive + rng_.Int(5 * 3600, 8 * 3600), v.draught_m});
    if (!real) Decoy("cargo_ship", MmsiOf(p), "a general cargo ship (AIS type 70) on the tankers' route, " +
                                                  std::string(terminal) + " to " + std::string(port));
  }

  // A site on the lane between two ports, far from every port and from every
  // ship drifting at sea.
  bool PickSite(std::string_view a, std::string_view b, std::vector<LatLon>* route, double* along, LatLon* site) {
    std::vector<LatLon> r = SeaRoute(a, b);
    const double len = PathLengthM(r);
    for (int tries = 0; tries < 200; ++tries) {
      const double at = len * rng_.Uniform(0.3, 0.7);
      std::vector<LatLon> before, after;
      SplitRoute(r, at, &before, &after);
      const LatLon s = before.back();
      if (NearestPortM(s) < kMinSiteToPortM) continue;
      bool clear = true;
      for (const LatLon& q : slow_) clear &= HaversineM(s.lat_deg, s.lon_deg, q.lat_deg, q.lon_deg) >= kMinSiteToSlowM;
      if (!clear) continue;
      *route = std::move(r);
      *along = at;
      *site = s;
      return true;
    }
    return false;
  }

  // A tanker from `origin` meets a tanker from `home` on the lane between
  // them; they drift side by side for 3-4 h, the cargo passes from the first
  // to the second (the draughts say so), and each sails back where it came
  // from. Real: the second is a DPRK tanker and `home` a DPRK port (a
  // delivery). Decoy: two foreign tankers far from the DPRK.
  void ShipToShip(std::string_view origin, std::string_view home, std::string_view giver_flag, int giver_mid,
                  std::string_view giver_prefix, bool real) {
    std::vector<LatLon> route;
    double along = 0;
    LatLon site;
    if (!PickSite(origin, home, &route, &along, &site)) return;
    Plan& giver = NewVessel(giver_flag, giver_mid, giver_prefix, true);
    Plan& taker = real ? NewVessel("KP", 445, "HM", true) : NewVessel("SG", 564, "S6", true);
    std::vector<LatLon> g_in, g_out;
    SplitRoute(route, along, &g_in, &g_out);
    std::vector<LatLon> reversed(route.rbegin(), route.rend());
    std::vector<LatLon> t_in, t_out;
    SplitRoute(reversed, PathLengthM(route) - along, &t_in, &t_out);
    const int64_t travel = std::max(TravelS(g_in, giver.vessel.cruise_knots), TravelS(t_in, taker.vessel.cruise_knots));
    const int64_t at = world_.options.start_s + travel + rng_.Int(8 * 3600, 12 * 3600);
    const int64_t duration = rng_.Int(3 * 3600, 4 * 3600);
    const float drift = static_cast<float>(rng_.Uniform(0.3, 0.9));
    const double gap_m = rng_.Uniform(150, 300);
    const double drift_m = drift * kMetersPerNauticalMile * duration / 3600.0;
    const double bearing = rng_.Uniform(0, 2 * M_PI);
    const LatLon end = Offset(site, drift_m * std::cos(bearing), drift_m * std::sin(bearing));
    slow_.push_back(site);
    slow_.push_back(end);
    for (int k = 0; k < 2; ++k) {
      Plan& p = k == 0 ? giver : taker;
      Vessel& v = p.vessel;
      std::vector<LatLon>& in = k == 0 ? g_in : t_in;
      const std::string from(k == 0 ? origin : home);
      const int64_t depart = at - TravelS(in, v.cruise_knots);
      MooredUntil(p, from, depart);
      if (k == 0) v.draughts.push_back({depart - rng_.Int(4 * 3600, 6 * 3600), Laden(v)});
      int64_t t = AppendMove(p, in, depart, v.cruise_knots, from);
      const LatLon s0 = Offset(site, k == 0 ? 0 : gap_m, 0), s1 = Offset(end, k == 0 ? 0 : gap_m, 0);
      AppendMove(p, {s0, s1}, t, drift, from);
      p.segments.back().end_s = at + duration;
      // The cargo crosses in the middle of the drift.
      v.draughts.push_back({at + duration / 2, k == 0 ? v.draught_m : Laden(v)});
      std::vector<LatLon> back(in.rbegin(), in.rend());
      back.front() = s1;
      t = AppendMove(p, back, at + duration, v.cruise_knots, from);
      MooredAfter(p, from, t);
      if (k == 1) v.draughts.push_back({t + rng_.Int(5 * 3600, 8 * 3600), v.draught_m});
    }
    const Mmsi m1 = std::min(MmsiOf(giver), MmsiOf(taker)), m2 = std::max(MmsiOf(giver), MmsiOf(taker));
    std::string json = "{\"type\":\"encounter\",\"mmsi\":" + std::to_string(m1.value) +
                       ",\"other_mmsi\":" + std::to_string(m2.value);
    AppendIso(json, "start", at);
    AppendIso(json, "end", at + duration);
    AppendNum(json, "lat", (site.lat_deg + end.lat_deg) / 2 + gap_m / 2 / 111320.0, 5);
    AppendNum(json, "lon", (site.lon_deg + end.lon_deg) / 2, 5);
    AppendNum(json, "median_distance_m", gap_m, 0);
    json += "}";
    truth_.push_back({at, json});
    if (!real) {
      Decoy("foreign_meeting", MmsiOf(giver), "two foreign tankers meet between " + std::string(origin) + " and " +
                                                  std::string(home) + ", far from the DPRK", MmsiOf(taker));
    }
  }

  // A DPRK tanker calls at Nampo from Shidao, a fishing port with no oil terminal.
  void NoLoading() {
    Plan& p = NewVessel("KP", 445, "P7", true);
    const int64_t depart = world_.options.start_s + rng_.Int(6 * 3600, 12 * 3600);
    MooredUntil(p, "CNSHD", depart);
    const int64_t arrive = AppendMove(p, SeaRoute("CNSHD", "KPNAM"), depart, p.vessel.cruise_knots, "KPNAM");
    MooredAfter(p, "KPNAM", arrive);
    Decoy("no_loading", MmsiOf(p), "a tanker calls at Nampo from Shidao, where it could not load");
  }

  // A tanker loads at Vostochny and sails to Niigata.
  void LoadsElsewhere() {
    Plan& p = NewVessel("RU", 273, "UH", true);
    Vessel& v = p.vessel;
    const int64_t depart = world_.options.start_s + rng_.Int(6 * 3600, 10 * 3600);
    MooredUntil(p, "RUVYP", depart);
    v.draughts.push_back({depart - 4 * 3600, Laden(v)});
    const int64_t arrive = AppendMove(p, SeaRoute("RUVYP", "JPKIJ"), depart, v.cruise_knots, "JPKIJ");
    MooredAfter(p, "JPKIJ", arrive);
    Decoy("loads_elsewhere", MmsiOf(p), "a tanker loads at Vostochny and sails to Niigata");
  }

  void Decoy(std::string_view kind, Mmsi mmsi, const std::string& what, std::optional<Mmsi> other = {}) {
    std::string json = "{\"type\":\"decoy\",\"kind\":\"" + std::string(kind) + "\",\"mmsi\":" + std::to_string(mmsi.value);
    if (other) json += ",\"other_mmsi\":" + std::to_string(other->value);
    json += ",\"what\":";
    AppendJsonString(json, what);
    json += "}";
    deliveries_.push_back({world_.options.start_s, json});
  }

  World& world_;
  std::vector<TruthEvent>& truth_;
  std::vector<TruthEvent>& deliveries_;
  Rng rng_;
  std::set<uint32_t> used_mmsi_, used_imo_;
  std::vector<LatLon> slow_;
};

// Two ships drifting side by side at sea (both moving under 2 kn, within
// 1 km, at least 10 km from ports, for 2 h or more).
struct Meeting {
  size_t a, b;  // plan indices
  int64_t start_s, end_s;
};

std::vector<Meeting> PlannedMeetings(const World& world) {
  std::vector<Meeting> out;
  std::vector<size_t> slow;
  for (size_t i = 0; i < world.plans.size(); ++i)
    for (const Segment& s : world.plans[i].segments)
      if (s.kind == SegmentKind::kMove && s.speed_knots < 2) {
        slow.push_back(i);
        break;
      }
  for (size_t x = 0; x < slow.size(); ++x)
    for (size_t y = x + 1; y < slow.size(); ++y) {
      const Plan &pa = world.plans[slow[x]], &pb = world.plans[slow[y]];
      for (const Segment& sa : pa.segments) {
        if (sa.kind != SegmentKind::kMove || sa.speed_knots >= 2) continue;
        for (const Segment& sb : pb.segments) {
          if (sb.kind != SegmentKind::kMove || sb.speed_knots >= 2) continue;
          const int64_t from = std::max(sa.start_s, sb.start_s), to = std::min(sa.end_s, sb.end_s);
          if (to - from < 7200) continue;
          State a, b;
          const int64_t mid = (from + to) / 2;
          if (!StateAt(pa, mid, &a) || !StateAt(pb, mid, &b)) continue;
          if (HaversineM(a.position.lat_deg, a.position.lon_deg, b.position.lat_deg, b.position.lon_deg) > 1000)
            continue;
          if (NearestPortM(a.position) < 10000) continue;
          out.push_back({slow[x], slow[y], from, to});
        }
      }
    }
  return out;
}

// Gives every tanker without particulars a deadweight from its dimensions
// (a stand-in registry: the truth and particulars.csv agree on it).
void AssignParticulars(World& world) {
  for (Plan& p : world.plans) {
    Vessel& v = p.vessel;
    if (v.deadweight_t > 0 || (!IsTanker(p) && v.kind != VesselKind::kTanker)) continue;
    const double l = v.to_bow + v.to_stern, b = v.to_port + v.to_starboard;
    v.deadweight_t = std::max(500.0, std::round(0.2 * l * b * b / 100) * 100);
    v.built = 1990 + v.index % 20;
    v.registry_type = v.kind == VesselKind::kTanker ? "Oil products tanker" : std::string(KindName(v.kind));
  }
}

}  // namespace

void PlantDeliveries(World& world, std::vector<TruthEvent>& truth, std::vector<TruthEvent>& deliveries) {
  DeliveryPlanter planter(world, truth, deliveries);
  planter.PlantAll();
}

void DeriveDeliveries(World& world, std::vector<TruthEvent>& deliveries) {
  AssignParticulars(world);
  std::map<uint32_t, size_t> plan_of;  // MMSI -> plan (MMSIs two ships share have no calls)
  for (size_t i = 0; i < world.plans.size(); ++i)
    for (const Identity& id : world.plans[i].vessel.identities) plan_of[id.mmsi.value] = i;
  struct Stop {
    int64_t start_s, end_s;
    std::string port;    // a port call
    size_t other = SIZE_MAX;  // a meeting with this plan
  };
  std::map<size_t, std::vector<Stop>> stops;
  for (const PlannedCall& c : PlannedPortCalls(world)) {
    const size_t i = plan_of[c.mmsi];
    if (IsTanker(world.plans[i])) stops[i].push_back({c.start, c.end, c.port});
  }
  for (const Meeting& m : PlannedMeetings(world)) {
    if (!IsTanker(world.plans[m.a]) || !IsTanker(world.plans[m.b])) continue;
    stops[m.a].push_back({m.start_s, m.end_s, "", m.b});
    stops[m.b].push_back({m.start_s, m.end_s, "", m.a});
  }
  struct Found {
    size_t plan;
    Stop load, discharge;
  };
  std::vector<Found> found;
  for (auto& [i, list] : stops) {
    std::stable_sort(list.begin(), list.end(), [](const Stop& a, const Stop& b) { return a.start_s < b.start_s; });
    for (size_t k = 1; k < list.size(); ++k) {
      const Stop &before = list[k - 1], &here = list[k];
      if (here.port.empty() || !IsDprkPort(here.port) || here.start_s - before.end_s > kWindowS) continue;
      if (!before.port.empty() && !IsTerminal(before.port)) continue;
      found.push_back({i, before, here});
    }
  }
  // One cargo per meeting: the ship whose draught rose across it keeps the
  // delivery (then the DPRK-flagged one, then the lower MMSI).
  auto rise = [&](const Found& f) {
    const Vessel& v = world.plans[f.plan].vessel;
    return DraughtAt(v, f.load.end_s) - DraughtAt(v, f.load.start_s);
  };
  auto mmsi = [&](size_t plan) { return world.plans[plan].vessel.identities.front().mmsi.value; };
  std::vector<bool> drop(found.size(), false);
  for (size_t x = 0; x < found.size(); ++x)
    for (size_t y = 0; y < found.size(); ++y) {
      const Found &a = found[x], &b = found[y];
      if (x == y || a.load.other != b.plan || b.load.other != a.plan || a.load.start_s != b.load.start_s) continue;
      const bool a_kp = world.plans[a.plan].vessel.flag == "KP", b_kp = world.plans[b.plan].vessel.flag == "KP";
      const bool keep_a = rise(a) != rise(b) ? rise(a) > rise(b) : a_kp != b_kp ? a_kp : mmsi(a.plan) < mmsi(b.plan);
      if (!keep_a) drop[x] = true;
    }
  for (size_t x = 0; x < found.size(); ++x) {
    if (drop[x]) continue;
    const Found& f = found[x];
    const Vessel& v = world.plans[f.plan].vessel;
    const Identity& id = v.identities.front();
    std::string json = "{\"type\":\"delivery\",\"mmsi\":" + std::to_string(id.mmsi.value) +
                       ",\"imo\":" + std::to_string(id.imo) + ",\"name\":";
    AppendJsonString(json, id.name);
    json += ",\"load\":{";
    if (f.load.port.empty()) json += "\"sts_with\":" + std::to_string(mmsi(f.load.other));
    else json += "\"port\":\"" + f.load.port + "\"";
    AppendIso(json, "start", f.load.start_s);
    AppendIso(json, "end", f.load.end_s);
    json += "},\"discharge\":{\"port\":\"" + f.discharge.port + "\"";
    AppendIso(json, "start", f.discharge.start_s);
    AppendIso(json, "end", f.discharge.end_s);
    json += "}";
    AppendNum(json, "deadweight_t", v.deadweight_t, 0);
    json += "}";
    deliveries.push_back({f.discharge.start_s, json});
  }
}

std::string ParticularsCsv(const World& world) {
  std::string out = "imo,deadweight_t,type,built,name\n";
  std::set<uint32_t> written;
  for (const Plan& p : world.plans) {
    const Vessel& v = p.vessel;
    if (v.deadweight_t <= 0) continue;
    for (const Identity& id : v.identities) {
      // A registry knows valid IMO numbers only, each once.
      if (!IsValidImo(id.imo) || !written.insert(id.imo).second) continue;
      out += std::to_string(id.imo) + ",";
      AppendDecimal(out, v.deadweight_t, 0);
      out += "," + v.registry_type + "," + std::to_string(v.built) + "," + id.name + "\n";
    }
  }
  return out;
}

}  // namespace wk::sim
