// Scenario planters: extra vessels whose plans contain the evasion patterns
// of issue 4 (encounters, dark gaps, loitering, identity manipulation) and
// near-misses that must not be reported, each at its own site far from ports
// and from every other site, with the ground truth written as JSON lines.
#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "sim/planters.h"

namespace wk::sim {
namespace {

constexpr double kMinSiteToPortM = 40000;   // issue 4: loitering needs 20 km
constexpr double kMinSiteToSiteM = 60000;

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

class Planter {
 public:
  Planter(World& world, std::vector<TruthEvent>& truth, std::vector<TruthEvent>& near_misses)
      : world_(world), truth_(truth), near_misses_(near_misses),
        rng_(MixSeed(world.options.seed, 0x5CE7A210ull)) {
    for (const Plan& p : world.plans) used_mmsi_.insert(p.vessel.identities.front().mmsi.value);
    // NewVessel hands out references into plans: never reallocate.
    world.plans.reserve(world.plans.size() + 64);
  }

  void PlantAll() {
    int64_t start = world_.options.start_s, end = world_.end_s;
    if (end - start < 3 * 86400) return;  // events need room around them
    // Event times spread over the world, each with a day of margin.
    auto when = [&] { return start + rng_.Int(20 * 3600, end - start - 40 * 3600); };
    for (int i = 0; i < 2; ++i) PlantEncounter(when(), true);
    for (int i = 0; i < 2; ++i) PlantDrift(when(), rng_.Int(10 * 3600, 16 * 3600), true);
    for (int i = 0; i < 2; ++i) PlantGap(when(), rng_.Int(14 * 3600, 30 * 3600), true);
    PlantShuttle(start + rng_.Int(4 * 3600, 12 * 3600));
    PlantIdentityChange(start + (end - start) / 2);
    PlantMmsiConflict();
    PlantInvalidIdentities();
    // Near-misses: none of these may be reported.
    PlantEncounter(when(), false);                                 // passing close at speed
    PlantDrift(when(), rng_.Int(4 * 3600, 6 * 3600), false);       // short drift
    PlantGap(when(), rng_.Int(6 * 3600, 10 * 3600), false);        // short gap
    PlantWaitingInPort(when());                                    // together inside a port
    PlantDarkInPort(when());                                       // AIS off while moored
    PlantPortPass(when());                                         // through Nampo to Songrim
  }

 private:
  // A new scenario vessel with a fresh identity.
  Plan& NewVessel(std::string_view flag, int mid, std::string_view callsign_prefix,
                  VesselKind kind = VesselKind::kTanker) {
    Plan& plan = world_.plans.emplace_back();
    Vessel& v = plan.vessel;
    v.index = static_cast<int>(world_.plans.size() - 1);
    v.kind = kind;
    v.ais_class = 'A';
    v.flag = std::string(flag);
    v.cruise_knots = static_cast<float>(std::round(rng_.Uniform(10.5, 12.5) * 10) / 10);
    v.to_bow = 120;
    v.to_stern = 30;
    v.to_port = v.to_starboard = 11;
    v.draught_m = 8.5f;
    Identity id;
    do {
      id.mmsi = Mmsi{static_cast<uint32_t>(mid * 1000000 + rng_.Int(100000, 999999))};
    } while (!used_mmsi_.insert(id.mmsi.value).second);
    id.imo = ValidImo();
    id.name = "SIM " + std::string(flag) + " " + std::to_string(v.index);
    id.callsign = std::string(callsign_prefix) + static_cast<char>('A' + v.index % 26) +
                  static_cast<char>('A' + v.index / 26 % 26) + std::to_string(v.index % 10);
    id.ship_type = 80;
    id.from_s = world_.options.start_s - 30 * 86400;
    v.identities.push_back(id);
    return plan;
  }

  uint32_t ValidImo() {
    uint32_t base = static_cast<uint32_t>(rng_.Int(900000, 999999));
    int sum = 0;
    uint32_t b = base;
    for (int w = 2; w <= 7; ++w, b /= 10) sum += static_cast<int>(b % 10) * w;
    return base * 10 + static_cast<uint32_t>(sum % 10);
  }

  Mmsi MmsiOf(const Plan& p) const { return p.vessel.identities.front().mmsi; }

  // A site on the lane between two ports, far from every port and from
  // every other site. Returns false when none is found.
  bool PickSite(std::string* from, std::string* to, std::vector<LatLon>* route, double* along_m,
                LatLon* site) {
    auto ports = Ports();
    for (int tries = 0; tries < 400; ++tries) {
      const Port& a = ports[rng_.Int(0, ports.size() - 1)];
      const Port& b = ports[rng_.Int(0, ports.size() - 1)];
      if (a.locode == b.locode) continue;
      std::vector<LatLon> r = SeaRoute(a.locode, b.locode);
      double len = PathLengthM(r);
      if (len < 200000) continue;
      double along = len * rng_.Uniform(0.3, 0.7);
      std::vector<LatLon> before, after;
      SplitRoute(r, along, &before, &after);
      LatLon s = before.back();
      if (NearestPortM(s) < kMinSiteToPortM) continue;
      bool clear = true;
      for (const LatLon& other : sites_)
        clear &= HaversineM(s.lat_deg, s.lon_deg, other.lat_deg, other.lon_deg) >= kMinSiteToSiteM;
      if (!clear) continue;
      sites_.push_back(s);
      *from = std::string(a.locode);
      *to = std::string(b.locode);
      *route = std::move(r);
      *along_m = along;
      *site = s;
      return true;
    }
    return false;
  }

  int64_t TravelS(const std::vector<LatLon>& path, float knots) const {
    return std::max<int64_t>(60, static_cast<int64_t>(PathLengthM(path) /
                                                      (knots * kMetersPerNauticalMile / 3600)));
  }

  // Moored at `port` from well before the world until `until_s`.
  void MooredUntil(Plan& plan, const std::string& port, int64_t until_s) {
    const Port* p = FindPort(port);
    AppendStay(plan, {p->lat_deg, p->lon_deg}, world_.options.start_s - 2 * 86400,
               until_s - (world_.options.start_s - 2 * 86400), 5, port, 0.0f);
  }
  void MooredAfter(Plan& plan, const std::string& port, int64_t from_s) {
    const Port* p = FindPort(port);
    AppendStay(plan, {p->lat_deg, p->lon_deg}, from_s, world_.end_s + 2 * 86400 - from_s, 5, port,
               0.0f);
  }

  // Two ships meet at a site: both drift side by side under 2 kn for 3-5 h
  // (real = true), or pass each other 200 m apart at cruise speed.
  void PlantEncounter(int64_t at_s, bool real) {
    std::string from, to;
    std::vector<LatLon> route;
    double along;
    LatLon site;
    if (!PickSite(&from, &to, &route, &along, &site)) return;
    Plan& a = NewVessel("KP", 445, "HM");
    Plan& b = NewVessel("MN", 457, "JV");
    a.vessel.identities.front().name = real ? "SIM TANKER " + std::to_string(a.vessel.index)
                                            : "SIM PASSER " + std::to_string(a.vessel.index);
    std::vector<LatLon> a_in, a_out;
    SplitRoute(route, along, &a_in, &a_out);
    std::vector<LatLon> reversed(route.rbegin(), route.rend());
    std::vector<LatLon> b_in, b_out;
    SplitRoute(reversed, PathLengthM(route) - along, &b_in, &b_out);
    int64_t duration = real ? rng_.Int(3 * 3600, 5 * 3600) : 0;
    float drift = static_cast<float>(rng_.Uniform(0.3, 1.0));
    // Drift together: the same current carries both, 150-300 m apart.
    double gap_m = rng_.Uniform(150, 300);
    double drift_m = drift * kMetersPerNauticalMile * duration / 3600.0;
    double bearing = rng_.Uniform(0, 2 * M_PI);
    LatLon a_end = Offset(site, drift_m * std::cos(bearing), drift_m * std::sin(bearing));
    for (int k = 0; k < 2; ++k) {
      Plan& p = k == 0 ? a : b;
      auto& in = k == 0 ? a_in : b_in;
      auto& out = k == 0 ? a_out : b_out;
      const std::string& origin = k == 0 ? from : to;
      const std::string& dest = k == 0 ? to : from;
      double lateral = k == 0 ? 0 : gap_m;
      // The passing ship's lane is offset sideways so they pass, not collide.
      if (!real && k == 1)
        for (LatLon& q : in) q = Offset(q, lateral, 0);
      if (!real && k == 1)
        for (LatLon& q : out) q = Offset(q, lateral, 0);
      int64_t depart = at_s - TravelS(in, p.vessel.cruise_knots);
      MooredUntil(p, origin, depart);
      int64_t t = AppendMove(p, in, depart, p.vessel.cruise_knots, dest);
      if (real) {
        LatLon s0 = Offset(site, k == 0 ? 0 : lateral, 0);
        LatLon s1 = Offset(a_end, k == 0 ? 0 : lateral, 0);
        t = AppendMove(p, {s0, s1}, t, drift, dest);
        p.segments.back().end_s = at_s + duration;
        t = at_s + duration;
        out.front() = s1;
      }
      t = AppendMove(p, out, t, p.vessel.cruise_knots, dest);
      MooredAfter(p, dest, t);
    }
    std::string json;
    if (real) {
      Mmsi m1 = std::min(MmsiOf(a), MmsiOf(b)), m2 = std::max(MmsiOf(a), MmsiOf(b));
      json = "{\"type\":\"encounter\",\"mmsi\":" + std::to_string(m1.value) +
             ",\"other_mmsi\":" + std::to_string(m2.value);
      AppendIso(json, "start", at_s);
      AppendIso(json, "end", at_s + duration);
      LatLon mid{(site.lat_deg + a_end.lat_deg) / 2 + gap_m / 2 / 111320.0,
                 (site.lon_deg + a_end.lon_deg) / 2};
      AppendNum(json, "lat", mid.lat_deg, 5);
      AppendNum(json, "lon", mid.lon_deg, 5);
      AppendNum(json, "median_distance_m", gap_m, 0);
      json += "}";
      truth_.push_back({at_s, json});
    } else {
      json = "{\"near_miss\":\"passing_at_speed\",\"mmsi\":" + std::to_string(MmsiOf(a).value) +
             ",\"other_mmsi\":" + std::to_string(MmsiOf(b).value);
      AppendIso(json, "time", at_s);
      AppendNum(json, "lat", site.lat_deg, 5);
      AppendNum(json, "lon", site.lon_deg, 5);
      AppendNum(json, "distance_m", gap_m, 0);
      json += "}";
      near_misses_.push_back({at_s, json});
    }
  }

  // One ship drifts under 2 kn at a site, long (loitering) or short.
  void PlantDrift(int64_t at_s, int64_t duration, bool real) {
    std::string from, to;
    std::vector<LatLon> route;
    double along;
    LatLon site;
    if (!PickSite(&from, &to, &route, &along, &site)) return;
    Plan& p = NewVessel("SG", 563, "9V");
    std::vector<LatLon> in, out;
    SplitRoute(route, along, &in, &out);
    float drift = static_cast<float>(rng_.Uniform(0.3, 1.2));
    double drift_m = drift * kMetersPerNauticalMile * duration / 3600.0;
    double bearing = rng_.Uniform(0, 2 * M_PI);
    LatLon end = Offset(site, drift_m * std::cos(bearing), drift_m * std::sin(bearing));
    int64_t depart = at_s - TravelS(in, p.vessel.cruise_knots);
    MooredUntil(p, from, depart);
    int64_t t = AppendMove(p, in, depart, p.vessel.cruise_knots, to);
    AppendMove(p, {site, end}, t, drift, to);
    p.segments.back().end_s = at_s + duration;
    out.front() = end;
    t = AppendMove(p, out, at_s + duration, p.vessel.cruise_knots, to);
    MooredAfter(p, to, t);
    std::string json = real ? "{\"type\":\"loitering\"" : "{\"near_miss\":\"short_drift\"";
    json += ",\"mmsi\":" + std::to_string(MmsiOf(p).value);
    AppendIso(json, "start", at_s);
    AppendIso(json, "end", at_s + duration);
    AppendNum(json, "lat", (site.lat_deg + end.lat_deg) / 2, 5);
    AppendNum(json, "lon", (site.lon_deg + end.lon_deg) / 2, 5);
    json += "}";
    (real ? truth_ : near_misses_).push_back({at_s, json});
  }

  // AIS switched off at sea for `duration` (a gap when >= 12 h).
  void PlantGap(int64_t at_s, int64_t duration, bool real) {
    std::string from, to;
    std::vector<LatLon> route;
    double along;
    LatLon site;
    if (!PickSite(&from, &to, &route, &along, &site)) return;
    Plan& p = NewVessel("CN", 413, "BQ");
    std::vector<LatLon> in, out;
    SplitRoute(route, along, &in, &out);
    int64_t depart = at_s - TravelS(in, p.vessel.cruise_knots);
    MooredUntil(p, from, depart);
    int64_t t = AppendMove(p, route, depart, p.vessel.cruise_knots, to);
    MooredAfter(p, to, t);
    p.silences.push_back({at_s, at_s + duration});
    State after;
    StateAt(p, at_s + duration, &after);
    std::string json = real ? "{\"type\":\"gap\"" : "{\"near_miss\":\"short_gap\"";
    json += ",\"mmsi\":" + std::to_string(MmsiOf(p).value);
    AppendIso(json, "start", at_s);
    AppendIso(json, "end", at_s + duration);
    AppendNum(json, "start_lat", site.lat_deg, 5);
    AppendNum(json, "start_lon", site.lon_deg, 5);
    AppendNum(json, "end_lat", after.position.lat_deg, 5);
    AppendNum(json, "end_lon", after.position.lon_deg, 5);
    json += "}";
    (real ? truth_ : near_misses_).push_back({at_s, json});
  }

  // The Rajin shuttle: dark from 60 km out of Vladivostok, a day in Rajin,
  // back to the same point before switching AIS on again.
  void PlantShuttle(int64_t depart) {
    Plan& p = NewVessel("RU", 273, "UB", VesselKind::kBulk);
    std::vector<LatLon> route = SeaRoute("RUVVO", "KPRJN");
    std::vector<LatLon> in, out;
    SplitRoute(route, 60000, &in, &out);
    LatLon dark_at = in.back();
    MooredUntil(p, "RUVVO", depart);
    float k = p.vessel.cruise_knots;
    int64_t off = AppendMove(p, in, depart, k, "RUVVO");
    int64_t t = AppendMove(p, out, off, k, "KPRJN");
    t = AppendStay(p, route.back(), t, 24 * 3600, 5, "KPRJN", 0.0f);
    std::vector<LatLon> back_out(out.rbegin(), out.rend());
    int64_t on = AppendMove(p, back_out, t, k, "RUVVO");
    std::vector<LatLon> back_in(in.rbegin(), in.rend());
    t = AppendMove(p, back_in, on, k, "RUVVO");
    MooredAfter(p, "RUVVO", t);
    p.silences.push_back({off, on});
    std::string json = "{\"type\":\"gap\",\"mmsi\":" + std::to_string(MmsiOf(p).value);
    AppendIso(json, "start", off);
    AppendIso(json, "end", on);
    AppendNum(json, "start_lat", dark_at.lat_deg, 5);
    AppendNum(json, "start_lon", dark_at.lon_deg, 5);
    AppendNum(json, "end_lat", dark_at.lat_deg, 5);
    AppendNum(json, "end_lon", dark_at.lon_deg, 5);
    json += ",\"visited\":\"KPRJN\"}";
    truth_.push_back({off, json});
  }

  // A ship sailing between ports that changes name and IMO number mid-world.
  void PlantIdentityChange(int64_t change_s) {
    Plan& p = NewVessel("HK", 477, "VR");
    Identity old_id = p.vessel.identities.front();
    Identity new_id = old_id;
    new_id.from_s = change_s;
    new_id.name = "SIM RENAMED " + std::to_string(p.vessel.index);
    new_id.imo = ValidImo();
    p.vessel.identities.push_back(new_id);
    ShuttleBetween(p, "CNDAL", "KRINC");
    std::string json = "{\"type\":\"identity\",\"kind\":\"identity_change\",\"mmsi\":" +
                       std::to_string(old_id.mmsi.value);
    AppendIso(json, "start", change_s);
    json += ",\"from\":{\"name\":";
    AppendJsonString(json, old_id.name);
    json += ",\"imo\":" + std::to_string(old_id.imo) + "},\"to\":{\"name\":";
    AppendJsonString(json, new_id.name);
    json += ",\"imo\":" + std::to_string(new_id.imo) + "}}";
    truth_.push_back({change_s, json});
  }

  // Two ships, far apart, broadcasting one MMSI for the whole world.
  void PlantMmsiConflict() {
    Plan& a = NewVessel("KP", 445, "HM");
    Plan& b = NewVessel("KP", 445, "HM");
    used_mmsi_.erase(MmsiOf(b).value);
    b.vessel.identities.front().mmsi = MmsiOf(a);
    ShuttleBetween(a, "CNTSN", "CNDAL");
    ShuttleBetween(b, "RUVYP", "JPKIJ");
    std::string json = "{\"type\":\"identity\",\"kind\":\"mmsi_conflict\",\"mmsi\":" +
                       std::to_string(MmsiOf(a).value);
    AppendIso(json, "start", world_.options.start_s);
    AppendIso(json, "end", world_.end_s);
    json += ",\"names\":[";
    AppendJsonString(json, a.vessel.identities.front().name);
    json += ",";
    AppendJsonString(json, b.vessel.identities.front().name);
    json += "]}";
    truth_.push_back({world_.options.start_s, json});
  }

  void PlantInvalidIdentities() {
    struct Case {
      const char* reason;
      int mid;
      const char* flag;
      const char* prefix;
    };
    // An IMO number whose check digit is wrong; an MMSI whose MID is not
    // assigned (MID 100 is below every country's range); a DPRK MMSI whose
    // call sign carries China's ITU prefix.
    const Case cases[] = {{"imo_check_digit", 273, "RU", "UB"},
                          {"mmsi_range", 100, "", "XX"},
                          {"flag_mismatch", 445, "KP", "BQ"}};
    const char* pairs[][2] = {{"CNYTG", "KRPTK"}, {"KRPUS", "JPMAI"}, {"CNLKU", "KPNAM"}};
    for (int i = 0; i < 3; ++i) {
      Plan& p = NewVessel(cases[i].flag, cases[i].mid == 100 ? 100 : cases[i].mid, cases[i].prefix);
      Identity& id = p.vessel.identities.front();
      if (i == 0) id.imo = id.imo / 10 * 10 + (id.imo % 10 + 3) % 10;
      ShuttleBetween(p, pairs[i][0], pairs[i][1]);
      std::string json = "{\"type\":\"identity\",\"kind\":\"invalid_identity\",\"mmsi\":" +
                         std::to_string(id.mmsi.value) + ",\"reason\":\"" + cases[i].reason +
                         "\",\"imo\":" + std::to_string(id.imo) + ",\"callsign\":";
      AppendJsonString(json, id.callsign);
      AppendIso(json, "start", world_.options.start_s);
      json += "}";
      truth_.push_back({world_.options.start_s, json});
    }
  }

  // Two ships moored 200 m apart in one port for hours: port calls, never
  // an encounter.
  void PlantWaitingInPort(int64_t at_s) {
    const char* port = "RUZAR";
    const Port* p = FindPort(port);
    for (int k = 0; k < 2; ++k) {
      Plan& plan = NewVessel("RU", 273, "UH");
      LatLon berth = Offset({p->lat_deg, p->lon_deg}, k * 200.0, 0);
      std::vector<LatLon> route = SeaRoute("RUVVO", port);
      route.back() = berth;
      int64_t arrive = at_s - 3600;
      int64_t depart = arrive - TravelS(route, plan.vessel.cruise_knots);
      MooredUntil(plan, "RUVVO", depart);
      AppendMove(plan, route, depart, plan.vessel.cruise_knots, port);
      AppendStay(plan, berth, arrive, world_.end_s + 2 * 86400 - arrive, 1, port, 0.1f);
    }
    std::string json = "{\"near_miss\":\"waiting_together_in_port\",\"port\":\"RUZAR\"";
    AppendIso(json, "time", at_s);
    json += "}";
    near_misses_.push_back({at_s, json});
  }

  // AIS off for 20 h while moored: both ends in the same port, no gap.
  void PlantDarkInPort(int64_t at_s) {
    Plan& plan = NewVessel("KP", 445, "HM");
    MooredUntil(plan, "KPCHO", world_.end_s + 86400);
    plan.silences.push_back({at_s, at_s + 20 * 3600});
    std::string json = "{\"near_miss\":\"dark_in_port\",\"mmsi\":" +
                       std::to_string(MmsiOf(plan).value) + ",\"port\":\"KPCHO\"";
    AppendIso(json, "start", at_s);
    AppendIso(json, "end", at_s + 20 * 3600);
    json += "}";
    near_misses_.push_back({at_s, json});
  }

  // Bound for Songrim up the Taedong, the ship passes through Nampo's radius
  // at speed without stopping.
  void PlantPortPass(int64_t at_s) {
    Plan& plan = NewVessel("KP", 445, "HM", VesselKind::kGeneralCargo);
    std::vector<LatLon> route = SeaRoute("CNDAL", "KPSGN");
    int64_t depart = at_s - TravelS(route, plan.vessel.cruise_knots);
    MooredUntil(plan, "CNDAL", depart);
    int64_t t = AppendMove(plan, route, depart, plan.vessel.cruise_knots, "KPSGN");
    MooredAfter(plan, "KPSGN", t);
    std::string json = "{\"near_miss\":\"passing_port\",\"mmsi\":" +
                       std::to_string(MmsiOf(plan).value) + ",\"port\":\"KPNAM\"";
    AppendIso(json, "time", at_s);
    json += "}";
    near_misses_.push_back({at_s, json});
  }

  // Port to port and back for the whole world, stays of 10-20 h.
  void ShuttleBetween(Plan& plan, std::string_view a, std::string_view b) {
    int64_t t = world_.options.start_s - 86400;
    std::string here(a), there(b);
    while (t < world_.end_s) {
      const Port* p = FindPort(here);
      t = AppendStay(plan, {p->lat_deg, p->lon_deg}, t, rng_.Int(10 * 3600, 20 * 3600), 5, here,
                     0.0f);
      t = AppendMove(plan, SeaRoute(here, there), t, plan.vessel.cruise_knots, there);
      std::swap(here, there);
    }
    const Port* p = FindPort(here);
    AppendStay(plan, {p->lat_deg, p->lon_deg}, t, 2 * 86400, 5, here, 0.0f);
  }

  World& world_;
  std::vector<TruthEvent>& truth_;
  std::vector<TruthEvent>& near_misses_;
  Rng rng_;
  std::set<uint32_t> used_mmsi_;
  std::vector<LatLon> sites_;
};

}  // namespace

void PlantScenarios(World& world, std::vector<TruthEvent>& truth,
                    std::vector<TruthEvent>& near_misses) {
  Planter planter(world, truth, near_misses);
  planter.PlantAll();
}

// Port calls follow from the plans: the run of a vessel's positions inside
// a port's radius around each stay, clipped to the world's span. Sampling
// every 10 s finds the entry and exit within 10 s.
std::vector<PlannedCall> PlannedPortCalls(const World& world) {
  using Call = PlannedCall;
  std::vector<Call> calls;
  // An MMSI two ships share interleaves their positions: its "track" jumps
  // between them, so no run of consecutive positions stays in a port.
  std::map<uint32_t, int> ships_per_mmsi;
  for (const Plan& plan : world.plans) {
    std::set<uint32_t> own;
    for (const Identity& id : plan.vessel.identities) own.insert(id.mmsi.value);
    for (uint32_t m : own) ++ships_per_mmsi[m];
  }
  for (const Plan& plan : world.plans) {
    if (ships_per_mmsi[plan.vessel.identities.front().mmsi.value] > 1) continue;
    for (const Segment& s : plan.segments) {
      if (s.kind != SegmentKind::kStationary || s.port.empty()) continue;
      const Port* port = FindPort(s.port);
      double radius = port->radius_km * 1000;
      auto inside = [&](int64_t t) {
        State st;
        if (!StateAt(plan, t, &st)) return false;
        return HaversineM(st.position.lat_deg, st.position.lon_deg, port->lat_deg,
                          port->lon_deg) <= radius;
      };
      if (s.end_s <= world.options.start_s || s.start_s >= world.end_s) continue;
      // All silent: the call is invisible.
      bool heard = false;
      for (int64_t t = std::max(s.start_s, world.options.start_s);
           t < std::min(s.end_s, world.end_s) && !heard; t += 600) {
        bool silent = false;
        for (const Silence& q : plan.silences) silent |= t >= q.start_s && t < q.end_s;
        heard = !silent;
      }
      if (!heard) continue;
      int64_t a = s.start_s, b = s.end_s - 1;
      while (a - 10 >= world.options.start_s && inside(a - 10)) a -= 10;
      while (b + 10 < world.end_s && inside(b + 10)) b += 10;
      a = std::max(a, world.options.start_s);
      b = std::min(b, world.end_s - 1);
      if (b - a < 3600) continue;
      uint32_t mmsi = 0;
      for (const Identity& id : plan.vessel.identities)
        if (id.from_s <= a) mmsi = id.mmsi.value;
      // Merge with the previous call when the ship never left the radius.
      if (!calls.empty() && calls.back().mmsi == mmsi && calls.back().port == s.port &&
          a <= calls.back().end + 20) {
        calls.back().end = b;
        continue;
      }
      calls.push_back({mmsi, s.port, a, b});
    }
  }
  return calls;
}

void DerivePortCalls(const World& world, std::vector<TruthEvent>& truth) {
  using Call = PlannedCall;
  const std::vector<Call> calls = PlannedPortCalls(world);
  for (const Call& c : calls) {
    std::string json = "{\"type\":\"port_call\",\"mmsi\":" + std::to_string(c.mmsi) +
                       ",\"port\":\"" + c.port + "\"";
    AppendIso(json, "start", c.start);
    AppendIso(json, "end", c.end);
    json += "}";
    truth.push_back({c.start, json});
  }
  // The shuttle pattern: calls at a DPRK port and at another country's port
  // within 30 days, one event per vessel listing its calls in order.
  std::vector<Call> sorted = calls;
  std::stable_sort(sorted.begin(), sorted.end(), [](const Call& x, const Call& y) {
    return std::tie(x.mmsi, x.start) < std::tie(y.mmsi, y.start);
  });
  for (size_t i = 0; i < sorted.size();) {
    size_t j = i;
    while (j < sorted.size() && sorted[j].mmsi == sorted[i].mmsi) ++j;
    bool dprk = false, foreign = false;
    for (size_t k = i; k < j; ++k) {
      bool kp = sorted[k].port.rfind("KP", 0) == 0;
      for (size_t m = i; m < j; ++m) {
        bool other_kp = sorted[m].port.rfind("KP", 0) == 0;
        if (kp && !other_kp && std::llabs(sorted[m].start - sorted[k].start) <= 30 * 86400)
          dprk = foreign = true;
      }
    }
    if (dprk && foreign) {
      std::string json = "{\"type\":\"port_sequence\",\"mmsi\":" + std::to_string(sorted[i].mmsi) +
                         ",\"ports\":[";
      for (size_t k = i; k < j; ++k) {
        if (k > i) json += ",";
        json += "\"" + sorted[k].port + "\"";
      }
      json += "]";
      AppendIso(json, "start", sorted[i].start);
      AppendIso(json, "end", sorted[j - 1].end);
      json += "}";
      truth.push_back({sorted[i].start, json});
    }
    i = j;
  }
}

}  // namespace wk::sim
