// The seven rules of docs/alerts.md: each turns detect's events (and the
// listings of the vessels in them) into alerts when the regime or a listing is
// involved, with the measures in force that day, ranked.
#include <algorithm>
#include <cstdio>
#include <map>
#include <unordered_map>

#include "alerts/alerts.h"
#include "council/council.h"
#include "lists/lists.h"

namespace wk::alerts {
namespace {

constexpr std::string_view kRuleNames[] = {"",
                                           "dprk_encounter",
                                           "dprk_port_call",
                                           "dark_near_dprk",
                                           "identity_manipulation",
                                           "dprk_port_sequence",
                                           "listed_vessel",
                                           "tanker_loitering"};
constexpr std::string_view kSeverityNames[] = {"", "low", "medium", "high", "critical"};

// The rules' version: printed in every alert, so a changed rule is visible.
constexpr std::string_view kDetectorVersion = "watchkeeper-alerts/1";

bool IsTankerType(int ship_type) { return ship_type >= 80 && ship_type <= 89; }

// The AIS ship type of a static report (0: not sent).
int ShipTypeOf(const tracks::StaticInfo& s) { return s.ship_type; }

// Measures each rule cites first, in order; the others follow in the
// regime's order. An encounter with a DPRK tanker is first of all the
// ship-to-ship transfer ban; a foreign ship in a DPRK port first of all the
// trade bans; a tanker's call first of all the refined-petroleum cap.
std::vector<std::string_view> PreferredMeasures(Rule rule, bool tanker) {
  switch (rule) {
    case Rule::kDprkEncounter:
    case Rule::kTankerLoitering:
      return {"2375-sts", "2397-refined-cap", "2397-crude-cap", "1874-bunkering", "1718-asset-freeze"};
    case Rule::kDprkPortCall:
    case Rule::kDprkPortSequence:
    case Rule::kDarkNearDprk:
      if (tanker) return {"2397-refined-cap", "2397-crude-cap", "2397-export-bans", "2270-cargo-all"};
      return {"2397-export-bans", "2371-coal-iron-full-ban", "2371-lead-seafood", "2270-cargo-all"};
    case Rule::kIdentityManipulation:
      return {"2321-maritime", "2270-maritime", "1718-asset-freeze"};
    case Rule::kListedVessel:
      return {"1718-asset-freeze", "2270-vessels", "2375-vessel-designation"};
  }
  return {};
}

std::string Fixed(double v, int decimals) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

std::string Place(double lat, double lon) {
  if (!std::isfinite(lat) || !std::isfinite(lon)) return "an unknown position";
  return Fixed(std::fabs(lat), 3) + (lat >= 0 ? "N " : "S ") + Fixed(std::fabs(lon), 3) + (lon >= 0 ? "E" : "W");
}

std::string Hours(int64_t s) { return Fixed(static_cast<double>(s) / 3600.0, 1) + " h"; }

std::string_view NameOr(const VesselIdentity& v) { return v.name.empty() ? std::string_view("an unnamed vessel") : v.name; }

// "SIM TANKER 62 (MMSI 445495510, IMO 9744726, KP flag, listed as un:KPv.901)"
std::string Describe(const VesselIdentity& v) {
  std::string s(NameOr(v));
  s += " (MMSI " + std::to_string(v.mmsi.value);
  if (v.imo) s += ", IMO " + std::to_string(v.imo);
  s += v.flag.empty() ? std::string(", flag unknown") : ", " + v.flag + " flag";
  if (IsTankerType(v.ship_type)) s += ", tanker";
  for (const Listing& l : v.listings) s += ", listed as " + l.entity_id;
  return s + ")";
}

class Deriver {
 public:
  Deriver(const AlertInputs& in, const RuleConfig& config)
      : in_(in), config_(config), rows_(detect::EventRows(in.events, in.ports)) {
    BuildIdentities();
    for (size_t i = 0; i < in_.ports.size(); ++i)
      if (IsRegimePort(static_cast<int>(i))) regime_ports_.push_back(static_cast<int>(i));
    IndexTrade();
  }

  std::vector<Alert> Run() {
    Encounters();
    PortCalls();
    Gaps();
    Identities();
    PortSequences();
    ListedVessels();
    Loitering();
    std::vector<Alert> out;
    out.reserve(by_key_.size());
    for (auto& [key, a] : by_key_) out.push_back(std::move(a));
    std::sort(out.begin(), out.end(), [](const Alert& a, const Alert& b) {
      if (a.start_s != b.start_s) return a.start_s < b.start_s;
      if (a.rule != b.rule) return a.rule < b.rule;
      return a.key < b.key;
    });
    for (Alert& a : out) Summarise(a);
    return out;
  }

 private:
  // ---- Identities -----------------------------------------------------------
  void BuildIdentities() {
    for (const tracks::StaticInfo& s : in_.traffic.statics) {
      VesselIdentity& v = Identity(s.mmsi);
      if (s.imo) v.imo = s.imo;
      if (!s.name.empty()) v.name = s.name;
      if (!s.callsign.empty()) v.callsign = s.callsign;
      if (const int type = ShipTypeOf(s)) v.ship_type = type;
    }
    listed_ = FindListedVessels(in_.traffic.tracks, in_.traffic.statics, in_.listings);
    for (const ListedVessel& l : listed_) {
      if (l.field == "name" && l.score < config_.name_listing_min_score) continue;
      VesselIdentity& v = Identity(l.mmsi);
      Listing li;
      li.entity_id = l.entry.entity_id;
      li.entity_name = l.entry.entity_name;
      li.source = l.entry.source;
      for (const auto& [source, version] : in_.versions)
        if (source == li.source) {
          li.list_version = version.first;
          li.list_generated = version.second;
        }
      li.field = l.field;
      li.value = l.value;
      li.score = l.field == "name" ? l.score : 1.0;
      li.matched_name = l.matched_name;
      li.programmes = l.entry.programmes;
      li.listed_on = l.entry.listed_on;
      li.party = l.party.id;
      li.party_listings = l.party.others;
      const bool dup = std::any_of(v.listings.begin(), v.listings.end(),
                                   [&](const Listing& o) { return o.entity_id == li.entity_id; });
      if (!dup) v.listings.push_back(std::move(li));
    }
  }

  VesselIdentity& Identity(Mmsi mmsi) {
    auto [it, fresh] = identities_.try_emplace(mmsi.value);
    if (fresh) {
      it->second.mmsi = mmsi;
      const int mid = MidOfShipMmsi(mmsi);
      if (mid > 0) it->second.flag = std::string(CountryOfMid(mid));
    }
    return it->second;
  }

  bool RegimeFlagged(const VesselIdentity& v) const { return v.regime_flagged(in_.regime.flag); }
  bool Involved(const VesselIdentity& v) const { return RegimeFlagged(v) || v.listed(); }
  bool IsRegimePort(int port) const {
    return port >= 0 && static_cast<size_t>(port) < in_.ports.size() &&
           in_.ports.ports()[static_cast<size_t>(port)].country == in_.regime.flag;
  }
  const detect::Port& PortAt(int i) const { return in_.ports.ports()[static_cast<size_t>(i)]; }

  // Distance from a point to the nearest DPRK port, km (infinity when none).
  double KmToRegimePort(double lat, double lon, std::string* which = nullptr) const {
    double best = INFINITY;
    for (int i : regime_ports_) {
      const detect::Port& p = PortAt(i);
      const double km = HaversineM(lat, lon, p.lat_deg, p.lon_deg) / 1000.0;
      if (km < best) {
        best = km;
        if (which) *which = p.locode;
      }
    }
    return best;
  }

  // Who called at a DPRK port or met a DPRK-flagged vessel, and when: rule 4
  // counts identity events of those vessels.
  void IndexTrade() {
    for (const detect::PortCall& c : in_.events.port_calls)
      if (IsRegimePort(c.port)) trade_[c.mmsi.value].push_back({c.start_s, c.end_s});
    for (const detect::Encounter& e : in_.events.encounters) {
      if (RegimeFlagged(Identity(e.other_mmsi))) trade_[e.mmsi.value].push_back({e.start_s, e.end_s});
      if (RegimeFlagged(Identity(e.mmsi))) trade_[e.other_mmsi.value].push_back({e.start_s, e.end_s});
    }
  }
  bool TradedNear(Mmsi mmsi, int64_t start_s, int64_t end_s) const {
    auto it = trade_.find(mmsi.value);
    if (it == trade_.end()) return false;
    for (const auto& [s, e] : it->second)
      if (s <= end_s + config_.traded_window_s && e + config_.traded_window_s >= start_s) return true;
    return false;
  }

  // ---- Building alerts ------------------------------------------------------
  AlertEvent EventOf(size_t row) const {
    const detect::EventRow& r = rows_[row];
    AlertEvent e;
    e.type = std::string(detect::EventTypeName(r.type));
    e.kind = std::string(r.kind);
    e.mmsi = r.mmsi;
    e.other_mmsi = r.other_mmsi;
    e.start_s = r.start_s;
    e.end_s = r.end_s;
    e.lat_deg = r.lat_deg;
    e.lon_deg = r.lon_deg;
    e.port = r.port;
    e.source = in_.input + " mmsi=" + std::to_string(r.mmsi.value) +
               (r.other_mmsi ? "," + std::to_string(r.other_mmsi->value) : "") + " time=[" +
               FormatTime(r.start_s) + "," + FormatTime(r.end_s) + "]";
    e.json = r.json;
    return e;
  }

  council::Party PartyOf(const VesselIdentity& v) const {
    council::Party p;
    p.flag = v.flag;
    p.vessel_type = IsTankerType(v.ship_type) ? "tanker" : "";
    for (const Listing& l : v.listings) {
      // The regime's designations are UN references ("un:KPe.066" -> "KPe.066").
      std::string_view id = l.entity_id;
      if (const size_t colon = id.find(':'); colon != std::string_view::npos) id.remove_prefix(colon + 1);
      p.designations.emplace_back(id);
    }
    return p;
  }

  std::vector<AlertMeasure> Measures(Rule rule, std::string_view event_type, std::span<const council::Party> parties,
                                     int64_t time_s, std::string_view port_country, std::string_view why_prefix) const {
    const council::Date date = static_cast<council::Date>(time_s >= 0 ? time_s / 86400 : (time_s - 86399) / 86400);
    const std::vector<council::Implication> found =
        council::ImplicatedMeasures(in_.regime, event_type, parties, date, port_country);
    bool tanker = false;
    for (const council::Party& p : parties) tanker = tanker || p.vessel_type == "tanker";
    const std::vector<std::string_view> preferred = PreferredMeasures(rule, tanker);
    auto rank = [&](const council::Implication& i) {
      auto it = std::find(preferred.begin(), preferred.end(), i.measure->id);
      return it == preferred.end() ? preferred.size() : static_cast<size_t>(it - preferred.begin());
    };
    std::vector<const council::Implication*> order;
    for (const council::Implication& i : found) order.push_back(&i);
    std::stable_sort(order.begin(), order.end(), [&](auto* a, auto* b) { return rank(*a) < rank(*b); });
    std::vector<AlertMeasure> out;
    for (const council::Implication* i : order) {
      const council::Measure& m = *i->measure;
      AlertMeasure am;
      am.id = m.id;
      am.resolution = m.resolution;
      am.paragraph = m.paragraph;
      am.paragraph_verified = m.paragraph_verified;
      am.text_is_summary = m.text.empty();
      am.text = m.text.empty() ? m.title : m.text;
      am.text_source = m.text.empty() ? "the measure's summary in data/regimes/kp.json: the paragraph's text is not typed in yet"
                                      : m.text_source;
      am.why = std::string(why_prefix) + i->why;
      out.push_back(std::move(am));
    }
    return out;
  }

  // Adds one event's alert; an alert with the same key takes the event, the
  // higher severity and any measure it lacked.
  void Raise(Alert a) {
    a.detector_version = std::string(kDetectorVersion);
    a.input = in_.input;
    auto [it, fresh] = by_key_.try_emplace(a.key, a);
    if (fresh) return;
    Alert& open = it->second;
    open.start_s = std::min(open.start_s, a.start_s);
    open.end_s = std::max(open.end_s, a.end_s);
    for (AlertEvent& e : a.events) open.events.push_back(std::move(e));
    for (AlertMeasure& m : a.measures) {
      const bool have = std::any_of(open.measures.begin(), open.measures.end(),
                                    [&](const AlertMeasure& o) { return o.id == m.id; });
      if (!have) open.measures.push_back(std::move(m));
    }
    if (a.severity > open.severity) {
      open.severity = a.severity;
      open.severity_reason = a.severity_reason;
    }
  }

  Alert Start(Rule rule, std::string key_suffix, int64_t start_s, int64_t end_s) const {
    Alert a;
    a.rule = rule;
    a.key = std::string(RuleName(rule)) + ":" + key_suffix;
    a.start_s = start_s;
    a.end_s = end_s;
    return a;
  }

  // ---- The rules ------------------------------------------------------------
  // Rule 1: an encounter in which one party is DPRK-flagged or listed.
  void Encounters() {
    const size_t base = in_.events.port_calls.size();
    for (size_t i = 0; i < in_.events.encounters.size(); ++i) {
      const detect::Encounter& e = in_.events.encounters[i];
      const VesselIdentity& a = Identity(e.mmsi);
      const VesselIdentity& b = Identity(e.other_mmsi);
      if (!Involved(a) && !Involved(b)) continue;
      Alert al = Start(Rule::kDprkEncounter, std::to_string(e.mmsi.value) + "-" + std::to_string(e.other_mmsi.value),
                       e.start_s, e.end_s);
      al.vessels = {a, b};
      al.events.push_back(EventOf(base + i));
      const bool regime = RegimeFlagged(a) || RegimeFlagged(b);
      const bool both_regime = RegimeFlagged(a) && RegimeFlagged(b);
      const bool tanker = IsTankerType(a.ship_type) || IsTankerType(b.ship_type);
      const bool listed = a.listed() || b.listed();
      if (regime && !both_regime && tanker) {
        al.severity = Severity::kCritical;
        al.severity_reason = "a DPRK-flagged vessel met a foreign vessel at sea, a tanker among them: a possible "
                             "ship-to-ship transfer of petroleum";
      } else if (listed) {
        al.severity = Severity::kCritical;
        al.severity_reason = "a listed vessel met another vessel at sea";
      } else if (regime && !both_regime) {
        al.severity = Severity::kHigh;
        al.severity_reason = "a DPRK-flagged vessel met a foreign vessel at sea: a possible ship-to-ship transfer";
      } else {
        al.severity = Severity::kMedium;
        al.severity_reason = "two DPRK-flagged vessels met at sea";
      }
      const council::Party parties[] = {PartyOf(a), PartyOf(b)};
      al.measures = Measures(Rule::kDprkEncounter, "encounter", parties, e.start_s, "", "");
      Raise(std::move(al));
    }
  }

  // Rule 2: a port call in a DPRK port by a vessel not flagged in the DPRK.
  void PortCalls() {
    for (size_t i = 0; i < in_.events.port_calls.size(); ++i) {
      const detect::PortCall& c = in_.events.port_calls[i];
      if (!IsRegimePort(c.port)) continue;
      const VesselIdentity& v = Identity(c.mmsi);
      if (RegimeFlagged(v)) continue;
      Alert al = Start(Rule::kDprkPortCall, std::to_string(c.mmsi.value), c.start_s, c.end_s);
      al.vessels = {v};
      al.events.push_back(EventOf(i));
      const bool tanker = IsTankerType(v.ship_type);
      al.severity = v.listed() || tanker ? Severity::kCritical : Severity::kHigh;
      al.severity_reason = std::string("a vessel not flagged in the DPRK called at ") + PortAt(c.port).name +
                           (v.listed() ? "; the vessel is listed" : "") +
                           (tanker ? "; it is a tanker (refined petroleum cap)" : "");
      const council::Party parties[] = {PartyOf(v)};
      al.measures = Measures(Rule::kDprkPortCall, "port_call", parties, c.start_s, in_.regime.flag, "");
      Raise(std::move(al));
    }
  }

  // Rule 3: a dark gap that starts or ends near the DPRK coast, or during
  // which a DPRK port was within reach at the vessel's speed; no longer than
  // dark_max_gap_s.
  void Gaps() {
    const size_t base = in_.events.port_calls.size() + in_.events.encounters.size();
    for (size_t i = 0; i < in_.events.gaps.size(); ++i) {
      const detect::Gap& g = in_.events.gaps[i];
      if (g.after.time_s - g.before.time_s > config_.dark_max_gap_s) continue;
      std::vector<std::string> reachable;
      for (int p : g.reachable_ports)
        if (IsRegimePort(p)) reachable.push_back(PortAt(p).locode);
      std::string near_start, near_end;
      const double km_start = KmToRegimePort(g.before.lat_deg, g.before.lon_deg, &near_start);
      const double km_end = KmToRegimePort(g.after.lat_deg, g.after.lon_deg, &near_end);
      const bool near = km_start <= config_.dark_near_dprk_km || km_end <= config_.dark_near_dprk_km;
      if (reachable.empty() && !near) continue;
      const VesselIdentity& v = Identity(g.mmsi);
      Alert al = Start(Rule::kDarkNearDprk, std::to_string(g.mmsi.value), g.before.time_s, g.after.time_s);
      al.vessels = {v};
      al.events.push_back(EventOf(base + i));
      std::string why;
      if (!reachable.empty()) why = "a DPRK port (" + Join(reachable, ", ") + ") was within reach during the silence";
      if (near) {
        const bool at_start = km_start <= km_end;
        why += (why.empty() ? "" : "; ") + std::string("the silence ") + (at_start ? "began " : "ended ") +
               Fixed(at_start ? km_start : km_end, 0) + " km from " + (at_start ? near_start : near_end);
      }
      al.severity = v.listed() ? Severity::kCritical : !reachable.empty() ? Severity::kHigh : Severity::kMedium;
      al.severity_reason = why + (v.listed() ? "; the vessel is listed" : "");
      const council::Party parties[] = {PartyOf(v)};
      // What it may breach is what a call in the DPRK would: said as such.
      al.measures = Measures(Rule::kDarkNearDprk, "port_call", parties, g.before.time_s, in_.regime.flag,
                             "if the vessel called at a DPRK port while dark: ");
      std::vector<AlertMeasure> own = Measures(Rule::kDarkNearDprk, "gap", parties, g.before.time_s, "", "");
      al.measures.insert(al.measures.end(), own.begin(), own.end());
      Raise(std::move(al));
    }
  }

  // Rule 4: identity manipulation by a vessel that is listed, DPRK-flagged or
  // that traded with the DPRK in the window.
  void Identities() {
    const detect::Events& ev = in_.events;
    const size_t base = ev.port_calls.size() + ev.encounters.size() + ev.gaps.size() + ev.loitering.size();
    for (size_t k = 0; k < ev.identities(); ++k) {
      const detect::EventRow& r = rows_[base + k];
      const VesselIdentity& v = Identity(r.mmsi);
      const bool traded = TradedNear(r.mmsi, r.start_s, r.end_s);
      if (!Involved(v) && !traded) continue;
      Alert al = Start(Rule::kIdentityManipulation, std::to_string(r.mmsi.value), r.start_s, r.end_s);
      al.vessels = {v};
      al.events.push_back(EventOf(base + k));
      al.severity = v.listed() ? Severity::kCritical : Severity::kHigh;
      al.severity_reason = std::string(r.kind) + " by a vessel that " +
                           (v.listed() ? "is listed" : RegimeFlagged(v) ? "flies the DPRK flag"
                                                                       : "traded with the DPRK within the window");
      const council::Party parties[] = {PartyOf(v)};
      al.measures = Measures(Rule::kIdentityManipulation, "identity", parties, r.start_s, "", "");
      Raise(std::move(al));
    }
  }

  // Rule 5: a DPRK port and a foreign port in sequence.
  void PortSequences() {
    const detect::Events& ev = in_.events;
    const size_t base =
        ev.port_calls.size() + ev.encounters.size() + ev.gaps.size() + ev.loitering.size() + ev.identities();
    for (size_t i = 0; i < ev.port_sequences.size(); ++i) {
      const detect::PortSequence& s = ev.port_sequences[i];
      std::vector<std::string> foreign, names;
      bool regime = false, high = false;
      for (int p : s.ports) {
        names.push_back(PortAt(p).name + " (" + PortAt(p).locode + ")");
        if (IsRegimePort(p)) {
          regime = true;
          continue;
        }
        foreign.push_back(PortAt(p).country);
        for (const std::string& c : config_.sequence_high_risk_countries) high = high || c == PortAt(p).country;
      }
      if (!regime || foreign.empty()) continue;
      const VesselIdentity& v = Identity(s.mmsi);
      Alert al = Start(Rule::kDprkPortSequence, std::to_string(s.mmsi.value), s.start_s, s.end_s);
      al.vessels = {v};
      al.events.push_back(EventOf(base + i));
      al.severity = v.listed() || high ? Severity::kHigh : Severity::kMedium;
      al.severity_reason = "calls at " + Join(names, " then ") +
                           (high ? ": a route between the DPRK and the Russian Far East or China"
                                 : ": between the DPRK and a foreign port");
      const council::Party parties[] = {PartyOf(v)};
      al.measures = Measures(Rule::kDprkPortSequence, "port_call", parties, s.start_s, in_.regime.flag, "");
      Raise(std::move(al));
    }
  }

  // Rule 6: a listed vessel heard anywhere.
  void ListedVessels() {
    std::vector<detect::EventRow> rows;
    AppendEventRows(listed_, rows);
    for (size_t i = 0; i < listed_.size(); ++i) {
      const ListedVessel& l = listed_[i];
      if (l.field == "name" && l.score < config_.name_listing_min_score) continue;
      const VesselIdentity& v = Identity(l.mmsi);
      Alert al = Start(Rule::kListedVessel, std::to_string(l.mmsi.value), l.start_s, l.end_s);
      al.vessels = {v};
      AlertEvent e;
      e.type = "identity";
      e.kind = std::string(ListedVessel::kKind);
      e.mmsi = l.mmsi;
      e.start_s = l.start_s;
      e.end_s = l.end_s;
      e.lat_deg = l.lat_deg;
      e.lon_deg = l.lon_deg;
      e.source = in_.input + " mmsi=" + std::to_string(l.mmsi.value) + " " + l.field + "=" + l.value;
      e.json = rows[i].json;
      al.events.push_back(std::move(e));
      al.severity = l.field == "name" ? Severity::kHigh : Severity::kCritical;
      al.severity_reason = l.field == "name" ? "the broadcast name matches a listed vessel (score " +
                                                   Fixed(l.score, 2) + ")"
                                             : "the broadcast " + l.field + " is on a list";
      const council::Party parties[] = {PartyOf(v)};
      al.measures = Measures(Rule::kListedVessel, "listed", parties, l.start_s, "", "");
      Raise(std::move(al));
    }
  }

  // Rule 7: a tanker loitering near DPRK waters.
  void Loitering() {
    const size_t base = in_.events.port_calls.size() + in_.events.encounters.size() + in_.events.gaps.size();
    for (size_t i = 0; i < in_.events.loitering.size(); ++i) {
      const detect::Loitering& l = in_.events.loitering[i];
      const VesselIdentity& v = Identity(l.mmsi);
      if (!IsTankerType(v.ship_type)) continue;
      std::string port;
      const double km = KmToRegimePort(l.lat_deg, l.lon_deg, &port);
      if (km > config_.loitering_near_dprk_km) continue;
      Alert al = Start(Rule::kTankerLoitering, std::to_string(l.mmsi.value), l.start_s, l.end_s);
      al.vessels = {v};
      al.events.push_back(EventOf(base + i));
      al.severity = v.listed() || RegimeFlagged(v) ? Severity::kHigh : Severity::kMedium;
      al.severity_reason = "a tanker loitered " + Hours(l.end_s - l.start_s) + " " + Fixed(km, 0) + " km from " + port +
                           ", as tankers wait for a ship-to-ship transfer";
      council::Party regime_side;
      regime_side.flag = in_.regime.flag;
      const council::Party parties[] = {PartyOf(v), regime_side};
      al.measures = Measures(Rule::kTankerLoitering, "encounter", parties, l.start_s, "",
                             "if it met a DPRK-flagged vessel there: ");
      Raise(std::move(al));
    }
  }

  // ---- Summary --------------------------------------------------------------
  void Summarise(Alert& a) const {
    const VesselIdentity& v = a.vessels.front();
    const std::string when = FormatTime(a.start_s);
    const AlertEvent& e = a.events.front();
    std::string s;
    switch (a.rule) {
      case Rule::kDprkEncounter:
        s = Describe(v) + " met " + Describe(a.vessels.back()) + " at " + Place(e.lat_deg, e.lon_deg) + " from " +
            when + " for " + Hours(e.end_s - e.start_s);
        break;
      case Rule::kDprkPortCall:
        s = Describe(v) + " called at " + e.port + " from " + when + " to " + FormatTime(e.end_s);
        break;
      case Rule::kDarkNearDprk:
        s = Describe(v) + " went dark at " + Place(e.lat_deg, e.lon_deg) + " on " + when + " for " +
            Hours(e.end_s - e.start_s);
        break;
      case Rule::kIdentityManipulation:
        s = Describe(v) + ": " + e.kind + " from " + when;
        break;
      case Rule::kDprkPortSequence:
        s = Describe(v) + " called at " + e.port + " in sequence, " + when + " to " + FormatTime(a.end_s);
        break;
      case Rule::kListedVessel:
        s = Describe(v) + " was heard from " + when + " at " + Place(e.lat_deg, e.lon_deg);
        break;
      case Rule::kTankerLoitering:
        s = Describe(v) + " loitered at " + Place(e.lat_deg, e.lon_deg) + " from " + when + " for " +
            Hours(e.end_s - e.start_s);
        break;
    }
    if (a.events.size() > 1) s += " (and " + std::to_string(a.events.size() - 1) + " more events)";
    if (!a.measures.empty())
      s += "; may breach " + a.measures.front().resolution +
           (a.measures.front().paragraph.empty() ? "" : " para " + a.measures.front().paragraph);
    a.summary = std::move(s);
  }

  const AlertInputs& in_;
  const RuleConfig& config_;
  std::vector<detect::EventRow> rows_;
  std::vector<int> regime_ports_;
  std::unordered_map<uint32_t, VesselIdentity> identities_;
  std::unordered_map<uint32_t, std::vector<std::pair<int64_t, int64_t>>> trade_;
  std::vector<ListedVessel> listed_;
  std::map<std::string, Alert> by_key_;
};

}  // namespace

std::string_view RuleName(Rule rule) { return kRuleNames[static_cast<size_t>(rule)]; }
std::optional<Rule> ParseRule(std::string_view name) {
  for (Rule r : kAllRules)
    if (RuleName(r) == name) return r;
  return std::nullopt;
}
std::string_view SeverityName(Severity s) { return kSeverityNames[static_cast<size_t>(s)]; }
std::optional<Severity> ParseSeverity(std::string_view name) {
  for (int i = 1; i <= 4; ++i)
    if (kSeverityNames[i] == name) return static_cast<Severity>(i);
  return std::nullopt;
}

std::vector<Alert> DeriveAlerts(const AlertInputs& in, const RuleConfig& config) {
  std::vector<Alert> alerts = Deriver(in, config).Run();
  const std::string hash = HashHex(Fnv1a64(FormatRuleConfig(config)));
  int64_t from = INT64_MAX, to = INT64_MIN;
  for (size_t i = 0; i < in.traffic.tracks.size(); ++i) {
    std::span<const tracks::Fix> t = in.traffic.tracks.track(i);
    if (t.empty()) continue;
    from = std::min(from, t.front().time_s);
    to = std::max(to, t.back().time_s);
  }
  for (Alert& a : alerts) {
    a.config_hash = hash;
    a.input_from_s = from == INT64_MAX ? 0 : from;
    a.input_to_s = to == INT64_MIN ? 0 : to;
  }
  return alerts;
}

}  // namespace wk::alerts
