// The refined-petroleum ledger: deliveries to the DPRK from detect's port
// calls and encounters, tracks' identities and draughts, the particulars
// file, and the Council's cap with what was notified; and its writers.
#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "alerts/alerts.h"
#include "council/council.h"

namespace wk::alerts {
namespace {

std::string IdTime(int64_t t) { return FormatTime(t); }

// What the ledger needs of one vessel, from its static reports.
struct VesselFacts {
  uint32_t imo = 0;
  std::string name;
  int ship_type = 0;
  int length_m = 0, beam_m = 0;
  std::vector<std::pair<int64_t, float>> draughts;  // (time, metres), time order
  const Particulars* particulars = nullptr;
  bool tanker = false;
};

// The draught in force at `t` (the last report at or before it); when none
// is, the first report in [t, until]; NaN when neither.
float DraughtAt(const VesselFacts& v, int64_t t, int64_t until) {
  float d = NAN;
  for (const auto& [time, value] : v.draughts) {
    if (time <= t) d = value;
    else if (std::isnan(d) && time <= until) return value;
    else break;
  }
  return d;
}

// One stop of a vessel: a port call, or a meeting with another tanker.
struct Stop {
  int64_t start_s, end_s;
  const detect::PortCall* call = nullptr;
  const detect::Encounter* meeting = nullptr;
  Mmsi other;
};

std::string FlagOf(Mmsi mmsi) {
  const int mid = MidOfShipMmsi(mmsi);
  return mid ? std::string(CountryOfMid(mid)) : std::string();
}

class LedgerBuilder {
 public:
  LedgerBuilder(const LedgerInputs& in, const LedgerConfig& config) : in_(in), config_(config) {
    for (const Particulars& p : in.particulars) particulars_[p.imo] = &p;
    for (const OilTerminal& t : config.terminals) terminals_.push_back(t.locode);
    CollectVessels();
  }

  std::vector<Delivery> Deliveries() {
    // Each vessel's stops, in time order.
    std::map<uint32_t, std::vector<Stop>> stops;
    for (const detect::PortCall& c : in_.events.port_calls)
      if (IsTanker(c.mmsi)) stops[c.mmsi.value].push_back({c.start_s, c.end_s, &c, nullptr, {}});
    for (const detect::Encounter& e : in_.events.encounters) {
      if (!IsTanker(e.mmsi) || !IsTanker(e.other_mmsi)) continue;
      stops[e.mmsi.value].push_back({e.start_s, e.end_s, nullptr, &e, e.other_mmsi});
      stops[e.other_mmsi.value].push_back({e.start_s, e.end_s, nullptr, &e, e.mmsi});
    }
    std::vector<Delivery> out;
    for (auto& [mmsi, list] : stops) {
      std::stable_sort(list.begin(), list.end(), [](const Stop& a, const Stop& b) { return a.start_s < b.start_s; });
      for (size_t i = 1; i < list.size(); ++i) {
        const Stop& here = list[i];
        if (!here.call || !IsRegimePort(here.call->port)) continue;
        // The stop just before: a load within the window, or nothing.
        const Stop& before = list[i - 1];
        if (here.start_s - before.end_s > config_.window_s) continue;
        if (before.call && !IsTerminal(before.call->port)) continue;
        out.push_back(MakeDelivery(Mmsi{mmsi}, before, here));
      }
    }
    KeepOneDeliveryPerMeeting(out);
    std::sort(out.begin(), out.end(), [](const Delivery& a, const Delivery& b) {
      return std::tie(a.discharge_start_s, a.mmsi) < std::tie(b.discharge_start_s, b.mmsi);
    });
    return out;
  }

 private:
  void CollectVessels() {
    for (const tracks::StaticInfo& s : in_.traffic.statics) {
      VesselFacts& v = vessels_[s.mmsi.value];
      if (s.imo) v.imo = s.imo;
      if (!s.name.empty()) v.name = s.name;
      if (s.ship_type) v.ship_type = s.ship_type;
      if (s.length_m > 0) {
        v.length_m = s.length_m;
        v.beam_m = s.beam_m;
      }
      if (std::isfinite(s.draught_m)) v.draughts.push_back({s.time_s, s.draught_m});
    }
    for (auto& [mmsi, v] : vessels_) {
      std::stable_sort(v.draughts.begin(), v.draughts.end(),
                       [](const auto& a, const auto& b) { return a.first < b.first; });
      if (auto it = particulars_.find(v.imo); it != particulars_.end()) v.particulars = it->second;
      v.tanker = (v.ship_type >= config_.tanker_type_min && v.ship_type <= config_.tanker_type_max) ||
                 (v.particulars && v.particulars->tanker());
    }
  }

  const VesselFacts& Facts(Mmsi mmsi) {
    return vessels_[mmsi.value];  // a vessel with no static report: no identity, not a tanker
  }
  bool IsTanker(Mmsi mmsi) { return Facts(mmsi).tanker; }
  bool IsRegimePort(int port) const {
    return port >= 0 && in_.ports.ports()[static_cast<size_t>(port)].country == in_.regime.flag;
  }
  bool IsTerminal(int port) const {
    if (port < 0) return false;
    const std::string& code = in_.ports.ports()[static_cast<size_t>(port)].locode;
    return std::find(terminals_.begin(), terminals_.end(), code) != terminals_.end();
  }

  Delivery MakeDelivery(Mmsi mmsi, const Stop& load, const Stop& discharge) {
    const VesselFacts& v = Facts(mmsi);
    Delivery d;
    d.mmsi = mmsi;
    d.imo = v.imo;
    d.name = v.name;
    d.flag = FlagOf(mmsi);
    d.ship_type = v.ship_type;
    d.load.start_s = load.start_s;
    d.load.end_s = load.end_s;
    if (load.call) {
      d.load.port = in_.ports.ports()[static_cast<size_t>(load.call->port)].locode;
      d.load.event_id = PortCallId(*load.call, in_.ports);
    } else {
      d.load.sts_with = load.other;
      d.load.event_id = EncounterId(*load.meeting);
    }
    d.discharge_port = in_.ports.ports()[static_cast<size_t>(discharge.call->port)].locode;
    d.discharge_start_s = discharge.start_s;
    d.discharge_end_s = discharge.end_s;
    d.discharge_event_id = PortCallId(*discharge.call, in_.ports);
    d.load_before_m = DraughtAt(v, load.start_s, load.end_s);
    d.load_after_m = DraughtAt(v, load.end_s, discharge.start_s);
    d.arrival_m = DraughtAt(v, discharge.start_s, discharge.end_s);
    d.departure_m = DraughtAt(v, discharge.end_s, discharge.end_s);
    const double delta = config_.laden_draught_change_m;
    d.laden_arrival = d.arrival_m - d.departure_m >= delta;  // false when either is NaN
    d.loaded_draught = d.load_after_m - d.load_before_m >= delta;
    for (const detect::Gap& g : in_.events.gaps)
      if (g.mmsi == mmsi && g.before.time_s < discharge.start_s && g.after.time_s > load.end_s)
        d.gap_event_ids.push_back(GapId(g));
    Capacity(v, d);
    return d;
  }

  void Capacity(const VesselFacts& v, Delivery& d) const {
    if (v.particulars) {
      d.capacity_source = "particulars";
      d.deadweight_t = v.particulars->deadweight_t;
    } else if (v.length_m > 0 && v.beam_m > 0) {
      const CapacityEstimate& e = config_.capacity;
      d.capacity_source = "estimate";
      const double l = v.length_m, b = v.beam_m;
      d.deadweight_t = e.block_coefficient * l * b * (b / e.beam_to_draught) * e.seawater_t_per_m3 *
                       e.deadweight_fraction;
      d.capacity_error = e.relative_error;
    } else {
      return;  // unknown: no barrels
    }
    d.capacity_bbl = d.deadweight_t * config_.barrels_per_tonne;
    for (int pct : config_.scenarios_pct) d.barrels.push_back({pct, ScenarioBarrels(d.capacity_bbl, pct)});
  }

  // Two tankers that meet and then both call at DPRK ports carried one cargo
  // across: the receiver keeps the delivery (the larger draught rise over the
  // meeting; then the regime-flagged one; then the lower MMSI).
  void KeepOneDeliveryPerMeeting(std::vector<Delivery>& out) const {
    auto rise = [](const Delivery& d) {
      const double r = d.load_after_m - d.load_before_m;
      return std::isfinite(r) ? r : 0.0;
    };
    std::vector<bool> drop(out.size(), false);
    for (size_t i = 0; i < out.size(); ++i) {
      for (size_t j = i + 1; j < out.size(); ++j) {
        if (!out[i].load.sts_with || out[i].load.event_id != out[j].load.event_id) continue;
        const Delivery &a = out[i], &b = out[j];
        bool keep_a;
        if (rise(a) != rise(b)) keep_a = rise(a) > rise(b);
        else if ((a.flag == in_.regime.flag) != (b.flag == in_.regime.flag)) keep_a = a.flag == in_.regime.flag;
        else keep_a = a.mmsi < b.mmsi;
        drop[keep_a ? j : i] = true;
      }
    }
    size_t k = 0;
    for (size_t i = 0; i < out.size(); ++i)
      if (!drop[i]) {
        if (k != i) out[k] = std::move(out[i]);
        ++k;
      }
    out.resize(k);
  }

  const LedgerInputs& in_;
  const LedgerConfig& config_;
  std::unordered_map<uint32_t, const Particulars*> particulars_;
  std::vector<std::string> terminals_;
  std::unordered_map<uint32_t, VesselFacts> vessels_;
};

int64_t YearStart(int year) { return DaysFromCivil(year, 1, 1) * 86400; }

constexpr std::string_view kTextNote =
    "The resolution's own wording of this paragraph is not typed into the regime data: it could not be "
    "verified against S/RES/2397 (2017) here, so this is the measure's summary, not its text.";

Result<LedgerYear> MakeYear(const std::vector<Delivery>& deliveries, const LedgerInputs& in,
                            const LedgerConfig& config, int year) {
  LedgerYear y;
  y.year = year;
  const council::Measure* m = in.regime.FindMeasure(config.measure_id);
  if (!m) return MakeError(ErrorCode::kNotFound, "the regime has no measure " + config.measure_id);
  y.measure_id = m->id;
  y.resolution = m->resolution;
  y.paragraph = m->paragraph;
  y.measure_title = m->title;
  y.measure_in_force = m->On(council::Date(DaysFromCivil(year, 1, 1)));
  if (!m->text.empty()) {
    y.measure_text = m->text;
    y.measure_text_is_summary = false;
    y.measure_text_note = m->text_source;
  } else {
    y.measure_text = m->title;
    y.measure_text_note = std::string(kTextNote);
  }
  for (const council::Cap& c : m->caps)
    if (c.quantity && c.unit == "barrels") y.cap_bbl = *c.quantity;
  y.notified_note = "not typed into the regime data: unknown";
  for (const council::CapNotification& n : m->notified) {
    if (n.year != year) continue;
    y.notified = n.barrels;
    y.notified_note = n.note;
    y.notified_sources = n.source;
  }
  for (int pct : config.scenarios_pct) {
    y.barrels.push_back({pct, 0});
    y.crossed_s.push_back({pct, std::nullopt});
  }
  for (const Delivery& d : deliveries) {
    ++y.deliveries;
    if (d.barrels.empty()) ++y.without_capacity;
    for (size_t k = 0; k < d.barrels.size(); ++k) {
      y.barrels[k].second += d.barrels[k].second;
      if (!y.crossed_s[k].second && y.cap_bbl > 0 && static_cast<double>(y.barrels[k].second) > y.cap_bbl)
        y.crossed_s[k].second = d.discharge_start_s;
    }
  }
  return y;
}

std::string Draught(float m) {
  if (!std::isfinite(m)) return "?";
  std::string s;
  AppendDecimal(s, m, 1);
  return s + " m";
}

std::string Thousands(int64_t v) {
  std::string digits = std::to_string(v < 0 ? -v : v), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return (v < 0 ? "-" : "") + out;
}

void AppendOptionalDraught(JsonWriter& w, std::string_view key, float m) {
  w.Key(key);
  if (std::isfinite(m)) w.Decimal(m, 1);
  else w.Null();
}

}  // namespace

std::vector<std::string> Delivery::evidence() const {
  std::vector<std::string> ids = {load.event_id};
  ids.insert(ids.end(), gap_event_ids.begin(), gap_event_ids.end());
  ids.push_back(discharge_event_id);
  return ids;
}

std::string PortCallId(const detect::PortCall& c, const detect::PortTable& ports) {
  const std::string port = c.port >= 0 ? ports.ports()[static_cast<size_t>(c.port)].locode : "";
  return "port_call:" + std::to_string(c.mmsi.value) + ":" + port + ":" + IdTime(c.start_s);
}
std::string EncounterId(const detect::Encounter& e) {
  return "encounter:" + std::to_string(e.mmsi.value) + "-" + std::to_string(e.other_mmsi.value) + ":" +
         IdTime(e.start_s);
}
std::string GapId(const detect::Gap& g) {
  return "gap:" + std::to_string(g.mmsi.value) + ":" + IdTime(g.before.time_s);
}

detect::PortTable WithTerminals(const detect::PortTable& ports, const LedgerConfig& config) {
  std::vector<detect::Port> all = ports.ports();
  for (const OilTerminal& t : config.terminals) {
    // Known by its code, or by another code at the same place (3 km).
    bool known = false;
    for (const detect::Port& p : all)
      known = known || p.locode == t.locode ||
              (IsValidLatLon(t.lat_deg, t.lon_deg) && HaversineM(p.lat_deg, p.lon_deg, t.lat_deg, t.lon_deg) < 3000);
    if (known || !IsValidLatLon(t.lat_deg, t.lon_deg)) continue;
    detect::Port p;
    p.locode = t.locode;
    p.name = t.name;
    p.lat_deg = t.lat_deg;
    p.lon_deg = t.lon_deg;
    p.radius_km = 5;
    p.country = t.locode.substr(0, 2);
    all.push_back(std::move(p));
  }
  return detect::PortTable(std::move(all));
}

Result<Ledger> BuildLedger(const LedgerInputs& in, const LedgerConfig& config, int year) {
  LedgerBuilder builder(in, config);
  std::vector<Delivery> all = builder.Deliveries();
  Ledger ledger;
  const int64_t from = YearStart(year), to = YearStart(year + 1);
  for (Delivery& d : all)
    if (d.discharge_start_s >= from && d.discharge_start_s < to) ledger.deliveries.push_back(std::move(d));
  Result<LedgerYear> y = MakeYear(ledger.deliveries, in, config, year);
  if (!y.ok()) return y.error();
  ledger.year = std::move(y).value();
  return ledger;
}

// ---- Writers -------------------------------------------------------------------

void AppendDeliveryJson(const Delivery& d, std::string& out) {
  JsonWriter w(out);
  w.BeginObject().Field("type", "delivery").Field("mmsi", d.mmsi.value);
  w.Key("imo");
  if (d.imo) w.Int(d.imo);
  else w.Null();
  w.Field("name", d.name).Field("flag", d.flag).Field("ship_type", d.ship_type);
  w.Key("load").BeginObject();
  if (d.load.sts_with) w.Field("sts_with", d.load.sts_with->value);
  else w.Field("port", d.load.port);
  w.Key("start").TimeS(d.load.start_s).Key("end").TimeS(d.load.end_s).EndObject();
  w.Key("discharge").BeginObject().Field("port", d.discharge_port);
  w.Key("start").TimeS(d.discharge_start_s).Key("end").TimeS(d.discharge_end_s).EndObject();
  w.Key("draught").BeginObject();
  AppendOptionalDraught(w, "before", d.arrival_m);
  AppendOptionalDraught(w, "after", d.departure_m);
  AppendOptionalDraught(w, "load_before", d.load_before_m);
  AppendOptionalDraught(w, "load_after", d.load_after_m);
  w.Field("laden_arrival", d.laden_arrival).Field("loaded", d.loaded_draught).EndObject();
  w.Key("capacity_source");
  if (d.capacity_source.empty()) w.Null();
  else w.String(d.capacity_source);
  w.Key("deadweight_t");
  if (d.capacity_source.empty()) w.Null();
  else w.Decimal(d.deadweight_t, 0);
  w.Key("capacity_bbl");
  if (d.capacity_source.empty()) w.Null();
  else w.Int(static_cast<int64_t>(std::llround(d.capacity_bbl)));
  if (d.capacity_source == "estimate") w.Key("capacity_error").Decimal(d.capacity_error, 2);
  w.Key("barrels").BeginObject();
  for (const auto& [pct, bbl] : d.barrels) w.Field(std::to_string(pct), bbl);
  w.EndObject();
  w.Key("evidence").BeginArray();
  for (const std::string& id : d.evidence()) w.String(id);
  w.EndArray().EndObject();
}

void AppendYearJson(const LedgerYear& y, std::string& out) {
  JsonWriter w(out);
  w.BeginObject().Field("type", "year").Field("year", y.year).Field("deliveries", y.deliveries);
  w.Field("deliveries_without_capacity", y.without_capacity);
  w.Key("barrels").BeginObject();
  for (const auto& [pct, bbl] : y.barrels) w.Field(std::to_string(pct), bbl);
  w.EndObject().Key("cap").Decimal(y.cap_bbl, 0);
  w.Key("crossed").BeginObject();
  for (const auto& [pct, t] : y.crossed_s) {
    w.Key(std::to_string(pct));
    if (t) w.TimeS(*t);
    else w.Null();
  }
  w.EndObject().Key("notified");
  if (y.notified) w.Decimal(*y.notified, 2);
  else w.Null();
  w.Field("notified_note", y.notified_note);
  w.Key("notified_sources").BeginArray();
  for (const std::string& s : y.notified_sources) w.String(s);
  w.EndArray().Key("difference").BeginObject();
  for (const auto& [pct, bbl] : y.barrels) {
    w.Key(std::to_string(pct));
    if (y.notified) w.Decimal(static_cast<double>(bbl) - *y.notified, 2);
    else w.Null();
  }
  w.EndObject().Key("measure").BeginObject().Field("id", y.measure_id).Field("resolution", y.resolution);
  w.Field("paragraph", y.paragraph).Field("in_force", y.measure_in_force).Field("title", y.measure_title);
  w.Field("text", y.measure_text).Field("text_is_summary", y.measure_text_is_summary);
  w.Field("text_note", y.measure_text_note).EndObject().EndObject();
}

void AppendLedgerJsonLines(const Ledger& ledger, std::string& out) {
  for (const Delivery& d : ledger.deliveries) {
    AppendDeliveryJson(d, out);
    out += '\n';
  }
  AppendYearJson(ledger.year, out);
  out += '\n';
}

namespace {
std::string DraughtCsv(float m) {
  std::string s;
  if (std::isfinite(m)) AppendDecimal(s, m, 1);
  return s;
}
}  // namespace

void AppendLedgerCsv(const Ledger& ledger, std::string& out) {
  out += "type,year,mmsi,imo,name,flag,load_port,sts_with,load_start,load_end,discharge_port,discharge_start,"
         "discharge_end,draught_before,draught_after,laden_arrival,capacity_source,deadweight_t,capacity_bbl";
  for (const auto& [pct, _] : ledger.year.barrels) out += ",barrels_" + std::to_string(pct);
  out += ",cap,crossed,notified,evidence\n";
  for (const Delivery& d : ledger.deliveries) {
    std::vector<std::string> f = {
        "delivery", std::to_string(ledger.year.year), std::to_string(d.mmsi.value),
        d.imo ? std::to_string(d.imo) : "", d.name, d.flag, d.load.port,
        d.load.sts_with ? std::to_string(d.load.sts_with->value) : "", FormatTime(d.load.start_s),
        FormatTime(d.load.end_s), d.discharge_port, FormatTime(d.discharge_start_s), FormatTime(d.discharge_end_s),
        DraughtCsv(d.arrival_m), DraughtCsv(d.departure_m), d.laden_arrival ? "true" : "false", d.capacity_source,
        d.capacity_source.empty() ? "" : std::to_string(std::llround(d.deadweight_t)),
        d.capacity_source.empty() ? "" : std::to_string(std::llround(d.capacity_bbl))};
    for (size_t k = 0; k < ledger.year.barrels.size(); ++k)
      f.push_back(k < d.barrels.size() ? std::to_string(d.barrels[k].second) : "");
    f.push_back("");
    f.push_back("");
    f.push_back("");
    std::vector<std::string> ids = d.evidence();
    f.push_back(Join(ids, " "));
    for (size_t i = 0; i < f.size(); ++i) {
      if (i) out += ',';
      AppendCsvField(out, f[i]);
    }
    out += '\n';
  }
  const LedgerYear& y = ledger.year;
  out += "year," + std::to_string(y.year) + ",,,,,,,,,,,,,,,,,";
  for (const auto& [pct, bbl] : y.barrels) out += "," + std::to_string(bbl);
  out += ",";
  AppendDecimal(out, y.cap_bbl, 0);
  std::string crossed;
  for (const auto& [pct, t] : y.crossed_s)
    crossed += (crossed.empty() ? "" : " ") + std::to_string(pct) + ":" + (t ? FormatTime(*t) : "never");
  out += "," + crossed + ",";
  if (y.notified) AppendDecimal(out, *y.notified, 2);
  out += ",\n";
}

void AppendLedgerText(const Ledger& ledger, std::string& out) {
  const LedgerYear& y = ledger.year;
  out += "Refined petroleum to the DPRK seen in AIS, " + std::to_string(y.year) + " (" + y.resolution +
         (y.paragraph.empty() ? "" : " para " + y.paragraph) + ": cap " + Thousands(std::llround(y.cap_bbl)) +
         " barrels)\n";
  for (const Delivery& d : ledger.deliveries) {
    out += FormatTime(d.discharge_start_s) + "  " + d.discharge_port + "  " + std::to_string(d.mmsi.value) + " " +
           (d.name.empty() ? "?" : d.name) + " (" + (d.flag.empty() ? "?" : d.flag) + ")  loaded ";
    out += d.load.sts_with ? "ship-to-ship from " + std::to_string(d.load.sts_with->value) : "at " + d.load.port;
    out += " " + FormatTime(d.load.end_s) + "  draught " + Draught(d.arrival_m) + " -> " + Draught(d.departure_m) +
           (d.laden_arrival ? " (laden arrival)" : "");
    if (!d.gap_event_ids.empty()) out += "  dark gaps " + std::to_string(d.gap_event_ids.size());
    out += "\n    ";
    if (d.capacity_source.empty()) {
      out += "capacity unknown (no particulars, no dimensions)";
    } else {
      out += Thousands(std::llround(d.deadweight_t)) + " t dwt (" + d.capacity_source +
             (d.capacity_source == "estimate" ? ", +-" + std::to_string(std::lround(d.capacity_error * 100)) + "%" : "") +
             ") = " + Thousands(std::llround(d.capacity_bbl)) + " bbl; ";
      for (size_t k = 0; k < d.barrels.size(); ++k)
        out += (k ? ", " : "") + std::to_string(d.barrels[k].first) + "% " + Thousands(d.barrels[k].second);
    }
    out += "\n";
  }
  out += "Year " + std::to_string(y.year) + ": " + std::to_string(y.deliveries) + " deliveries";
  if (y.without_capacity) out += " (" + std::to_string(y.without_capacity) + " without a capacity)";
  out += "\n";
  for (size_t k = 0; k < y.barrels.size(); ++k) {
    out += "  " + std::to_string(y.barrels[k].first) + "% laden: " + Thousands(y.barrels[k].second) + " barrels, ";
    out += y.crossed_s[k].second ? "cap crossed " + FormatTime(*y.crossed_s[k].second) : std::string("cap not crossed");
    if (y.notified)
      out += "; difference from notified " +
             Thousands(std::llround(static_cast<double>(y.barrels[k].second) - *y.notified));
    out += "\n";
  }
  out += "  notified to the Committee: " +
         (y.notified ? Thousands(std::llround(*y.notified)) + " barrels" : std::string("unknown")) + " (" +
         y.notified_note + ")\n";
  out += "  measure " + y.measure_id + (y.measure_in_force ? " (in force)" : " (not in force that year)") + ": " +
         y.measure_text + (y.measure_text_is_summary ? " [summary; the paragraph's wording is not verified]" : "") +
         "\n";
}

}  // namespace wk::alerts
