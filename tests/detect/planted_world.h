// Hand-planted worlds for scoring the detectors: vessels following scripted
// legs (sail, drift, stay, dark) with every event kind planted, the
// near-misses that must not be reported, irregular reporting, position
// jitter and dropped messages; plus the ground truth. Deterministic per seed.
#pragma once

#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "core/core.h"
#include "detect/detect.h"

namespace wk::detect::testing {

struct Truth {
  std::string type;   // "port_call", "encounter", "gap", "loitering", "identity:<kind>", "port_sequence"
  uint32_t mmsi = 0, other = 0;
  std::string port;   // port_call only
  int64_t start_s = 0, end_s = 0;
};

struct World {
  std::vector<Fix> fixes;
  std::vector<StaticInfo> statics;
  std::vector<Truth> truth;
};

struct WorldOptions {
  uint64_t seed = 1;
  double drop = 0;          // probability that a message is lost
  double jitter_m = 8;      // position noise (standard deviation)
  int scenarios = 3;        // copies of each scenario
};

class WorldBuilder {
 public:
  WorldBuilder(const PortTable& ports, const WorldOptions& options)
      : ports_(ports), opt_(options), rng_(options.seed) {}

  World Build() {
    for (int i = 0; i < opt_.scenarios; ++i) {
      PortCall();
      PortSequence();
      Encounter(3 * 3600 + U(0, 3 * 3600), true);
      Encounter(3600, false);                     // near-miss: together one hour
      PassingAtSpeed();                           // near-miss
      WaitingInPort();                            // near-miss for encounters (port calls are true)
      Gap(14 * 3600 + U(0, 16 * 3600), true);
      Gap(6 * 3600, false);                       // near-miss: short gap
      Loitering(10 * 3600 + U(0, 6 * 3600), true);
      Loitering(4 * 3600, false);                 // near-miss: short drift
      PortPass();                                 // near-miss: through a port without stopping
      IdentityChange();
      MmsiConflict();
    }
    return std::move(world_);
  }

 private:
  struct Pos {
    double lat, lon;
  };
  struct Leg {
    int64_t t0, t1;
    Pos a, b;
    double sog;
    bool dark = false;
  };
  static constexpr int64_t kT0 = 1709251200;  // 2024-03-01T00:00:00Z
  static constexpr double kMPerDeg = kEarthRadiusM * kDegToRad;

  double U(double lo, double hi) { return std::uniform_real_distribution<double>(lo, hi)(rng_); }
  bool Drop() { return U(0, 1) < opt_.drop; }

  static Pos Move(Pos p, double east_m, double north_m) {
    return {p.lat + north_m / kMPerDeg, p.lon + east_m / (kMPerDeg * std::cos(p.lat * kDegToRad))};
  }
  static Pos Toward(Pos p, double bearing_deg, double m) {
    return Move(p, m * std::sin(bearing_deg * kDegToRad), m * std::cos(bearing_deg * kDegToRad));
  }
  static double Dist(Pos a, Pos b) { return HaversineM(a.lat, a.lon, b.lat, b.lon); }

  // A point in the open Yellow Sea at least `margin_m` from every port.
  Pos SeaPoint(double margin_m = 40000) {
    while (true) {
      Pos p{U(34.0, 37.0), U(122.0, 124.8)};
      if (!ports_.AnyWithin(p.lat, p.lon, margin_m)) return p;
    }
  }
  const Port& RegionPort() {
    while (true) {
      const Port& p = ports_.ports()[static_cast<size_t>(U(0, static_cast<double>(ports_.size())))];
      if (p.lat_deg > 34 && p.lat_deg < 43.5 && p.lon_deg > 119 && p.lon_deg < 134) return p;
    }
  }
  uint32_t NewMmsi() {
    static const uint32_t kMids[] = {412, 413, 440, 445, 273, 431};
    ++count_;
    return kMids[count_ % 6] * 1000000 + 100000 + count_;
  }
  static uint32_t Imo(uint32_t six) {
    uint32_t sum = 0, rest = six;
    for (uint32_t w = 2; w <= 7; ++w, rest /= 10) sum += (rest % 10) * w;
    return six * 10 + sum % 10;
  }

  // Legs builder: appends to `legs`, returns the end time.
  struct Script {
    std::vector<Leg> legs;
    int64_t t;
    Pos p;
    void Sail(Pos to, double knots) {
      const int64_t d = static_cast<int64_t>(Dist(p, to) / (knots * 1852.0 / 3600.0));
      legs.push_back({t, t + d, p, to, knots});
      t += d;
      p = to;
    }
    void Drift(int64_t duration_s, double knots, double bearing) {
      Pos to = Toward(p, bearing, knots * 1852.0 / 3600.0 * static_cast<double>(duration_s));
      legs.push_back({t, t + duration_s, p, to, knots});
      t += duration_s;
      p = to;
    }
    void Dark(int64_t duration_s, Pos to) {
      legs.push_back({t, t + duration_s, p, to, 0, true});
      t += duration_s;
      p = to;
    }
  };
  Script Start(Pos p, int64_t t) { return Script{{}, t, p}; }

  // Emits the reports of one vessel along its legs.
  void Emit(uint32_t mmsi, const Script& s, const std::string& name_before,
            const std::string& name_after = "", int64_t rename_at = INT64_MAX, uint32_t imo = 0) {
    const double interval = U(60, 180);
    if (imo == 0) imo = Imo(static_cast<uint32_t>(U(100000, 999999)));
    int64_t next_static = s.legs.front().t0;
    for (const Leg& leg : s.legs) {
      double t = static_cast<double>(leg.t0);
      for (; t < static_cast<double>(leg.t1); t += interval * U(0.7, 1.3)) {
        if (leg.dark) continue;
        const int64_t ts = static_cast<int64_t>(t);
        const double f = leg.t1 > leg.t0 ? (t - leg.t0) / static_cast<double>(leg.t1 - leg.t0) : 0;
        Pos p{leg.a.lat + f * (leg.b.lat - leg.a.lat), leg.a.lon + f * (leg.b.lon - leg.a.lon)};
        std::normal_distribution<double> noise(0, opt_.jitter_m);
        p = Move(p, noise(rng_), noise(rng_));
        const float sog = static_cast<float>(std::max(0.0, leg.sog + U(-0.1, 0.1)));
        if (!Drop()) world_.fixes.push_back(Fix{Mmsi{mmsi}, ts, p.lat, p.lon, sog, NAN});
        if (ts >= next_static) {
          next_static = ts + 360;
          if (!Drop()) {
            StaticInfo st;
            st.mmsi = Mmsi{mmsi};
            st.time_s = ts;
            st.imo = imo;
            st.name = ts >= rename_at ? name_after : name_before;
            world_.statics.push_back(st);
          }
        }
      }
    }
  }
  void Plain(uint32_t mmsi, const Script& s) { Emit(mmsi, s, "WK " + std::to_string(mmsi)); }
  void Add(std::string type, uint32_t mmsi, int64_t t0, int64_t t1, std::string port = "",
           uint32_t other = 0) {
    world_.truth.push_back({std::move(type), mmsi, other, std::move(port), t0, t1});
  }

  int64_t StartTime() { return kT0 + static_cast<int64_t>(U(0, 6 * 3600)); }

  // Sails in from 40-60 km away, stays `stay_s` at the port, sails out.
  void CallAt(Script& s, uint32_t mmsi, const Port& port, int64_t stay_s, double knots) {
    Pos centre{port.lat_deg, port.lon_deg};
    Pos berth = Toward(centre, U(0, 360), U(0, 800));
    s.Sail(berth, knots);
    const int64_t inside_s = static_cast<int64_t>(port.radius_km * 1000 / (knots * 1852.0 / 3600.0));
    const int64_t arrive = s.t;
    s.Drift(stay_s, 0.1, U(0, 360));
    Add("port_call", mmsi, arrive - inside_s, s.t + inside_s, port.locode);
  }
  Pos Offshore(const Port& port, double bearing) {
    return Toward({port.lat_deg, port.lon_deg}, bearing, U(40000, 60000));
  }

  void PortCall() {
    const uint32_t m = NewMmsi();
    const Port& port = RegionPort();
    const double b = U(0, 360);
    Script s = Start(Offshore(port, b), StartTime());
    CallAt(s, m, port, static_cast<int64_t>(U(2 * 3600, 8 * 3600)), U(9, 13));
    s.Sail(Offshore(port, b + 180), U(9, 13));
    Plain(m, s);
  }

  void PortSequence() {
    const uint32_t m = NewMmsi();
    const Port& rajin = *Find("KPNJN");
    const Port& vostochny = *Find("RUVYP");
    Script s = Start(Toward({rajin.lat_deg, rajin.lon_deg}, 170, 50000), StartTime());
    CallAt(s, m, rajin, 8 * 3600, 10);
    const int64_t first = s.t;
    CallAt(s, m, vostochny, 8 * 3600, 10);
    s.Sail(Toward({vostochny.lat_deg, vostochny.lon_deg}, 150, 50000), 10);
    Add("port_sequence", m, first - 9 * 3600, s.t);
    Plain(m, s);
  }
  const Port* Find(std::string_view locode) {
    for (const Port& p : ports_.ports())
      if (p.locode == locode) return &p;
    return nullptr;
  }

  void Encounter(int64_t together_s, bool real) {
    const uint32_t a = NewMmsi(), b = NewMmsi();
    const Pos meet = SeaPoint();
    const Pos meet_b = Toward(meet, U(0, 360), U(100, 350));
    const int64_t t_meet = StartTime() + 8 * 3600;
    const double drift_bearing = U(0, 360), drift_kn = U(0.2, 1.0);
    const double ba = U(0, 360);
    Script sa = Start(Toward(meet, ba, 50000), 0), sb = Start(Toward(meet_b, ba + 120, 50000), 0);
    for (auto [s, to] : {std::pair{&sa, meet}, std::pair{&sb, meet_b}}) {
      const double kn = U(9, 13);
      s->t = t_meet - static_cast<int64_t>(Dist(s->p, to) / (kn * 1852.0 / 3600.0));
      s->Sail(to, kn);
      s->t = t_meet;
      s->Drift(together_s, drift_kn, drift_bearing);
    }
    sa.Sail(Toward(sa.p, ba + 200, 50000), 11);
    sb.Sail(Toward(sb.p, ba + 300, 50000), 11);
    if (real) Add("encounter", std::min(a, b), t_meet, t_meet + together_s, "", std::max(a, b));
    Plain(a, sa);
    Plain(b, sb);
  }

  void PassingAtSpeed() {
    const uint32_t a = NewMmsi(), b = NewMmsi();
    const Pos x = SeaPoint();
    const int64_t t = StartTime() + 6 * 3600;
    const double bearing = U(0, 360);
    Script sa = Start(Toward(x, bearing, 40000), t - 6000);
    sa.Sail(Toward(x, bearing + 180, 40000), 12);
    Script sb = Start(Toward(x, bearing + 90, 40000), t - 6000);
    sb.Sail(Toward(x, bearing + 270, 40000), 12);
    Plain(a, sa);
    Plain(b, sb);
  }

  void WaitingInPort() {
    const uint32_t a = NewMmsi(), b = NewMmsi();
    const Port& port = RegionPort();
    const Pos anchorage = Toward({port.lat_deg, port.lon_deg}, U(0, 360), port.radius_km * 500);
    const int64_t t_meet = StartTime() + 8 * 3600;
    for (uint32_t m : {a, b}) {
      const Pos at = m == a ? anchorage : Toward(anchorage, U(0, 360), 200);
      Script s = Start(Toward(at, U(0, 360), 50000), 0);
      const double kn = 10;
      s.t = t_meet - static_cast<int64_t>(Dist(s.p, at) / (kn * 1852.0 / 3600.0));
      s.Sail(at, kn);
      s.Drift(6 * 3600, 0.1, U(0, 360));
      s.Sail(Toward(at, U(0, 360), 50000), kn);
      const int64_t inside_s = static_cast<int64_t>(port.radius_km * 2000 / (kn * 1852.0 / 3600.0));
      Add("port_call", m, t_meet - inside_s, t_meet + 6 * 3600 + inside_s, port.locode);
      Plain(m, s);
    }
  }

  void Gap(int64_t dark_s, bool real) {
    const uint32_t m = NewMmsi();
    const double bearing = U(0, 360);
    Script s = Start(SeaPoint(), StartTime());
    const double kn = U(8, 12);
    s.Sail(Toward(s.p, bearing, 40000), kn);
    const int64_t dark_at = s.t;
    s.Dark(dark_s, Toward(s.p, bearing, kn * 1852.0 / 3600.0 * static_cast<double>(dark_s) * 0.3));
    s.Sail(Toward(s.p, bearing, 40000), kn);
    if (real) Add("gap", m, dark_at - 600, dark_at + dark_s + 600);
    Plain(m, s);
  }

  void Loitering(int64_t drift_s, bool real) {
    const uint32_t m = NewMmsi();
    // Drifting at most 0.8 kn for 16 h covers 24 km: start 60 km from ports.
    const Pos at = SeaPoint(60000);
    const double bearing = U(0, 360);
    Script s = Start(Toward(at, bearing, 30000), StartTime());
    s.Sail(at, 10);
    const int64_t t = s.t;
    s.Drift(drift_s, U(0.2, 0.8), U(0, 360));
    s.Sail(Toward(s.p, bearing, 30000), 10);
    if (real) Add("loitering", m, t, t + drift_s);
    Plain(m, s);
  }

  void PortPass() {
    const uint32_t m = NewMmsi();
    const Port& port = RegionPort();
    const double b = U(0, 360);
    Script s = Start(Offshore(port, b), StartTime());
    s.Sail({port.lat_deg, port.lon_deg}, 12);
    s.Sail(Offshore(port, b + 180), 12);
    Plain(m, s);
  }

  void IdentityChange() {
    const uint32_t m = NewMmsi();
    Script s = Start(SeaPoint(), StartTime());
    const double bearing = U(0, 360);
    s.Sail(Toward(s.p, bearing, 150000), 10);
    const int64_t mid = (s.legs.front().t0 + s.t) / 2;
    Emit(m, s, "WK OLD " + std::to_string(m), "WK NEW " + std::to_string(m), mid);
    Add("identity:identity_change", m, mid - 3600, mid + 3600);
  }

  void MmsiConflict() {
    const uint32_t m = NewMmsi();
    const int64_t t = StartTime();
    Script a = Start(SeaPoint(), t);
    a.Sail(Toward(a.p, U(0, 360), 120000), 10);
    Pos far = a.legs.front().a;
    Script b = Start(Toward(far, U(0, 360), 250000), t);
    b.Sail(Toward(b.p, U(0, 360), 120000), 10);
    // The second ship clones the first's identity: same name and IMO.
    const uint32_t imo = Imo(static_cast<uint32_t>(U(100000, 999999)));
    Emit(m, a, "WK " + std::to_string(m), "", INT64_MAX, imo);
    Emit(m, b, "WK " + std::to_string(m), "", INT64_MAX, imo);
    Add("identity:mmsi_conflict", m, t, std::max(a.t, b.t));
  }

  const PortTable& ports_;
  WorldOptions opt_;
  std::mt19937_64 rng_;
  uint32_t count_ = 0;
  World world_;
};

}  // namespace wk::detect::testing
