// Alerts as JSON (written with core's JsonWriter, read back with nlohmann for
// the store), as text for people, and the rules' config file.
#include <charconv>
#include <nlohmann/json.hpp>

#include "alerts/alerts.h"

namespace wk::alerts {
namespace {

using nlohmann::json;

void AppendListing(JsonWriter& w, const Listing& l) {
  w.BeginObject().Field("entity_id", l.entity_id).Field("entity_name", l.entity_name).Field("source", l.source);
  w.Field("list_version", l.list_version).Field("list_generated", l.list_generated);
  w.Field("field", l.field).Field("value", l.value).Key("score").Decimal(l.score, 3);
  if (!l.matched_name.empty()) w.Field("matched_name", l.matched_name);
  w.Key("programmes").BeginArray();
  for (const std::string& p : l.programmes) w.String(p);
  w.EndArray().Field("listed_on", l.listed_on);
  if (l.party.empty()) w.Key("party").Null();
  else w.Field("party", l.party);
  w.Key("party_listings").BeginArray();
  for (const PartyListing& o : l.party_listings) {
    w.BeginObject().Field("entity_id", o.entity_id).Field("entity_name", o.entity_name).Field("source", o.source);
    w.Key("programmes").BeginArray();
    for (const std::string& p : o.programmes) w.String(p);
    w.EndArray().Field("listed_on", o.listed_on).EndObject();
  }
  w.EndArray();
  w.EndObject();
}

}  // namespace

void AppendListingsJson(std::string& out, const std::vector<Listing>& listings) {
  JsonWriter w(out);
  w.BeginArray();
  for (const Listing& l : listings) AppendListing(w, l);
  w.EndArray();
}

namespace {

void AppendVessel(JsonWriter& w, const VesselIdentity& v) {
  w.BeginObject().Field("mmsi", v.mmsi.value);
  if (v.imo) w.Field("imo", v.imo);
  else w.Key("imo").Null();
  w.Field("name", v.name).Field("callsign", v.callsign);
  if (v.flag.empty()) w.Key("flag").Null();
  else w.Field("flag", v.flag);
  w.Field("ship_type", v.ship_type);
  w.Key("listings").BeginArray();
  for (const Listing& l : v.listings) AppendListing(w, l);
  w.EndArray().EndObject();
}

void AppendEvent(JsonWriter& w, const AlertEvent& e) {
  w.BeginObject().Field("type", e.type);
  if (!e.kind.empty()) w.Field("kind", e.kind);
  w.Field("mmsi", e.mmsi.value);
  if (e.other_mmsi) w.Field("other_mmsi", e.other_mmsi->value);
  w.Key("start").TimeS(e.start_s).Key("end").TimeS(e.end_s);
  w.Key("lat").Decimal(e.lat_deg, 6).Key("lon").Decimal(e.lon_deg, 6);
  if (!e.port.empty()) w.Field("port", e.port);
  w.Field("source", e.source);
  w.Key("event");
  if (e.json.empty()) w.Null();
  else w.Raw(e.json);
  w.EndObject();
}

void AppendMeasure(JsonWriter& w, const AlertMeasure& m, bool primary) {
  w.BeginObject().Field("id", m.id).Field("resolution", m.resolution).Field("paragraph", m.paragraph);
  w.Field("paragraph_verified", m.paragraph_verified).Field("text", m.text);
  w.Field("text_is_summary", m.text_is_summary).Field("text_source", m.text_source);
  w.Field("why", m.why).Field("primary", primary).EndObject();
}

int64_t TimeOf(const json& j, std::string_view key) {
  if (!j.contains(key) || !j[std::string(key)].is_string()) return 0;
  const std::optional<int64_t> ms = ParseTimeMs(j[std::string(key)].get<std::string>());
  return ms ? FloorSeconds(*ms) : 0;
}
std::string Str(const json& j, std::string_view key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}
double Num(const json& j, std::string_view key) {
  auto it = j.find(key);
  return it != j.end() && it->is_number() ? it->get<double>() : NAN;
}
int64_t Int(const json& j, std::string_view key) {
  auto it = j.find(key);
  return it != j.end() && it->is_number_integer() ? it->get<int64_t>() : 0;
}

struct ConfigKey {
  std::string_view name;
  double RuleConfig::*real = nullptr;
  int64_t RuleConfig::*seconds = nullptr;
  std::string_view doc;
};
const ConfigKey kConfigKeys[] = {
    {"alerts.dark_near_dprk_km", &RuleConfig::dark_near_dprk_km, nullptr,
     "rule 3: a gap starting or ending this close to a DPRK port is near the DPRK coast"},
    {"alerts.dark_max_gap_s", nullptr, &RuleConfig::dark_max_gap_s,
     "rule 3: a silence longer than this is two unrelated captures, not a voyage"},
    {"alerts.loitering_near_dprk_km", &RuleConfig::loitering_near_dprk_km, nullptr,
     "rule 7: a tanker loitering this close to a DPRK port"},
    {"alerts.traded_window_s", nullptr, &RuleConfig::traded_window_s,
     "rule 4: identity events count within this long of a DPRK call or a meeting with a DPRK vessel"},
    {"alerts.name_listing_min_score", &RuleConfig::name_listing_min_score, nullptr,
     "a listing by name alone needs at least this screening score"},
};

}  // namespace

void AppendAlertJson(std::string& out, const Alert& a) {
  JsonWriter w(out);
  w.BeginObject().Field("id", a.id).Field("rule", RuleName(a.rule)).Field("severity", SeverityName(a.severity));
  w.Field("severity_reason", a.severity_reason).Field("status", a.status);
  w.Key("start").TimeS(a.start_s).Key("end").TimeS(a.end_s).Field("key", a.key);
  w.Key("vessels").BeginArray();
  for (const VesselIdentity& v : a.vessels) AppendVessel(w, v);
  w.EndArray().Key("events").BeginArray();
  for (const AlertEvent& e : a.events) AppendEvent(w, e);
  w.EndArray().Key("measures").BeginArray();
  for (size_t i = 0; i < a.measures.size(); ++i) AppendMeasure(w, a.measures[i], i == 0);
  w.EndArray().Field("summary", a.summary);
  w.Key("provenance").BeginObject().Field("detector_version", a.detector_version);
  w.Field("config_hash", a.config_hash).Field("input", a.input);
  w.Key("window").BeginObject().Key("from").TimeS(a.input_from_s).Key("to").TimeS(a.input_to_s).EndObject();
  w.EndObject();
  w.Field("created_at", a.created_at).Field("updated_at", a.updated_at).EndObject();
}

void AppendAlertText(std::string& out, const Alert& a) {
  out += "#" + std::to_string(a.id) + " " + std::string(RuleName(a.rule)) + " " + std::string(SeverityName(a.severity)) +
         " " + a.status + " " + FormatTime(a.start_s) + "  " + a.summary + "\n";
  if (!a.measures.empty()) {
    const AlertMeasure& m = a.measures.front();
    out += "    " + m.resolution + (m.paragraph.empty() ? "" : " para " + m.paragraph) + ": " + m.text + "\n";
  }
}

Result<Alert> ParseAlertJson(std::string_view text) {
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return MakeError(ErrorCode::kInvalidInput, "alert: not a JSON object");
  Alert a;
  a.id = Int(j, "id");
  std::optional<Rule> rule = ParseRule(Str(j, "rule"));
  std::optional<Severity> severity = ParseSeverity(Str(j, "severity"));
  if (!rule || !severity) return MakeError(ErrorCode::kInvalidInput, "alert: unknown rule or severity");
  a.rule = *rule;
  a.severity = *severity;
  a.severity_reason = Str(j, "severity_reason");
  a.status = Str(j, "status");
  a.start_s = TimeOf(j, "start");
  a.end_s = TimeOf(j, "end");
  a.key = Str(j, "key");
  for (const json& v : j.value("vessels", json::array())) {
    VesselIdentity vi;
    vi.mmsi = Mmsi{static_cast<uint32_t>(Int(v, "mmsi"))};
    vi.imo = static_cast<uint32_t>(Int(v, "imo"));
    vi.name = Str(v, "name");
    vi.callsign = Str(v, "callsign");
    vi.flag = Str(v, "flag");
    vi.ship_type = static_cast<int>(Int(v, "ship_type"));
    for (const json& l : v.value("listings", json::array())) {
      Listing li;
      li.entity_id = Str(l, "entity_id");
      li.entity_name = Str(l, "entity_name");
      li.source = Str(l, "source");
      li.list_version = Int(l, "list_version");
      li.list_generated = Str(l, "list_generated");
      li.field = Str(l, "field");
      li.value = Str(l, "value");
      li.score = Num(l, "score");
      li.matched_name = Str(l, "matched_name");
      for (const json& p : l.value("programmes", json::array()))  // alerts stored before carry none
        if (p.is_string()) li.programmes.push_back(p.get<std::string>());
      li.listed_on = Str(l, "listed_on");
      li.party = Str(l, "party");  // alerts stored before parties carry none
      for (const json& o : l.value("party_listings", json::array())) {
        PartyListing pl;
        pl.entity_id = Str(o, "entity_id");
        pl.entity_name = Str(o, "entity_name");
        pl.source = Str(o, "source");
        for (const json& p : o.value("programmes", json::array()))
          if (p.is_string()) pl.programmes.push_back(p.get<std::string>());
        pl.listed_on = Str(o, "listed_on");
        li.party_listings.push_back(std::move(pl));
      }
      vi.listings.push_back(std::move(li));
    }
    a.vessels.push_back(std::move(vi));
  }
  for (const json& e : j.value("events", json::array())) {
    AlertEvent ev;
    ev.type = Str(e, "type");
    ev.kind = Str(e, "kind");
    ev.mmsi = Mmsi{static_cast<uint32_t>(Int(e, "mmsi"))};
    if (e.contains("other_mmsi")) ev.other_mmsi = Mmsi{static_cast<uint32_t>(Int(e, "other_mmsi"))};
    ev.start_s = TimeOf(e, "start");
    ev.end_s = TimeOf(e, "end");
    ev.lat_deg = Num(e, "lat");
    ev.lon_deg = Num(e, "lon");
    ev.port = Str(e, "port");
    ev.source = Str(e, "source");
    if (e.contains("event") && !e["event"].is_null()) ev.json = e["event"].dump();
    a.events.push_back(std::move(ev));
  }
  for (const json& m : j.value("measures", json::array())) {
    AlertMeasure am;
    am.id = Str(m, "id");
    am.resolution = Str(m, "resolution");
    am.paragraph = Str(m, "paragraph");
    am.paragraph_verified = m.value("paragraph_verified", false);
    am.text = Str(m, "text");
    am.text_is_summary = m.value("text_is_summary", false);
    am.text_source = Str(m, "text_source");
    am.why = Str(m, "why");
    a.measures.push_back(std::move(am));
  }
  a.summary = Str(j, "summary");
  if (j.contains("provenance") && j["provenance"].is_object()) {
    const json& p = j["provenance"];
    a.detector_version = Str(p, "detector_version");
    a.config_hash = Str(p, "config_hash");
    a.input = Str(p, "input");
    if (p.contains("window") && p["window"].is_object()) {
      a.input_from_s = TimeOf(p["window"], "from");
      a.input_to_s = TimeOf(p["window"], "to");
    }
  }
  a.created_at = Str(j, "created_at");
  a.updated_at = Str(j, "updated_at");
  return a;
}

Result<RuleConfig> ParseRuleConfig(std::string_view text, std::string_view source_name) {
  RuleConfig c;
  size_t line_no = 0;
  for (std::string_view rest = text; !rest.empty();) {
    const size_t nl = rest.find('\n');
    std::string_view line = Trim(rest.substr(0, nl));
    rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
    ++line_no;
    if (const size_t hash = line.find('#'); hash != std::string_view::npos) line = Trim(line.substr(0, hash));
    if (line.empty()) continue;
    const size_t eq = line.find('=');
    auto fail = [&](const std::string& why) {
      return MakeError(ErrorCode::kInvalidInput,
                       std::string(source_name) + ":" + std::to_string(line_no) + ": " + why);
    };
    if (eq == std::string_view::npos) return fail("expected key = value");
    const std::string_view key = Trim(line.substr(0, eq)), value = Trim(line.substr(eq + 1));
    if (!IStartsWith(key, "alerts.")) continue;  // detect's keys share the file
    const ConfigKey* k = nullptr;
    for (const ConfigKey& ck : kConfigKeys)
      if (ck.name == key) k = &ck;
    if (!k) return fail("unknown key " + std::string(key));
    double v = 0;
    auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
    if (ec != std::errc() || end != value.data() + value.size() || !std::isfinite(v) || v < 0)
      return fail(std::string(key) + ": expected a non-negative number, got \"" + std::string(value) + "\"");
    if (k->real) c.*(k->real) = v;
    if (k->seconds) c.*(k->seconds) = static_cast<int64_t>(v);
  }
  return c;
}

Result<RuleConfig> LoadRuleConfig(const std::string& path) {
  Result<std::string> text = ReadFile(path, size_t{1} << 20);
  if (!text.ok()) return text.error();
  return ParseRuleConfig(*text, path);
}

std::string FormatRuleConfig(const RuleConfig& c) {
  std::string out = "# alerts: the rules' thresholds (docs/alerts.md)\n";
  for (const ConfigKey& k : kConfigKeys) {
    out += "# " + std::string(k.doc) + "\n" + std::string(k.name) + " = ";
    if (k.real) AppendDouble(out, c.*(k.real));
    else out += std::to_string(c.*(k.seconds));
    out += "\n";
  }
  out += "# rule 5: high severity for sequences with a port in: " + Join(c.sequence_high_risk_countries, " ") + "\n";
  return out;
}

void AppendRunSummaryJson(std::string& out, const RunSummary& s) {
  JsonWriter w(out);
  w.BeginObject().Field("type", "alerts_run").Field("derived", s.derived).Field("opened", s.opened);
  w.Field("joined", s.joined).Field("escalated", s.escalated).Field("unchanged", s.unchanged);
  w.Key("opened_ids").BeginArray();
  for (int64_t id : s.opened_ids) w.Int(id);
  w.EndArray().Key("escalated_ids").BeginArray();
  for (int64_t id : s.escalated_ids) w.Int(id);
  w.EndArray().EndObject();
}

}  // namespace wk::alerts
