// Events as rows (sort key, CSV columns, JSON object) and the three writers
// over rows: JSON Lines, CSV and GeoJSON. The per-event JSON is the hot path
// of a large run, so it is written with core's Append* pieces directly.
#include <algorithm>

#include "detect/detect.h"

namespace wk::detect {
namespace {

void Key(std::string& out, const char* key) {
  out += ",\"";
  out += key;
  out += "\":";
}

void Time(std::string& out, const char* key, int64_t t) {
  Key(out, key);
  out += '"';
  AppendTime(out, t);
  out += '"';
}

void Num(std::string& out, const char* key, double v, int decimals) {
  Key(out, key);
  if (std::isfinite(v)) AppendDecimal(out, v, decimals);
  else out += "null";
}

void Str(std::string& out, const char* key, std::string_view v) {
  Key(out, key);
  AppendJsonString(out, v);
}

void SampleJson(std::string& out, const Sample& s) {
  out += "{\"time\":\"";
  AppendTime(out, s.time_s);
  out += "\",\"lat\":";
  AppendDecimal(out, s.lat_deg, 6);
  out += ",\"lon\":";
  AppendDecimal(out, s.lon_deg, 6);
  if (std::isfinite(s.speed_knots)) {
    out += ",\"sog\":";
    AppendDecimal(out, s.speed_knots, 1);
  }
  out += '}';
}

void Head(std::string& out, std::string_view type, Mmsi mmsi) {
  out += "{\"type\":";
  AppendJsonString(out, type);
  out += ",\"mmsi\":";
  AppendInt(out, mmsi.value);
}

const Port& PortAt(const PortTable& ports, int i) { return ports.ports()[static_cast<size_t>(i)]; }

// "duration_h": hours between two times, two decimals.
void Duration(std::string& out, int64_t start_s, int64_t end_s) {
  Num(out, "duration_h", static_cast<double>(end_s - start_s) / 3600, 2);
}

// A JSON array of the ports' locodes.
void Locodes(std::string& out, std::span<const int> ports, const PortTable& table) {
  out += '[';
  for (size_t i = 0; i < ports.size(); ++i) {
    if (i) out += ',';
    AppendJsonString(out, PortAt(table, ports[i]).locode);
  }
  out += ']';
}

void EventJson(std::string& out, const PortCall& e, const PortTable& ports) {
  const Port& p = PortAt(ports, e.port);
  Head(out, "port_call", e.mmsi);
  Str(out, "port", p.locode);
  Str(out, "port_name", p.name);
  Str(out, "country", p.country);
  Time(out, "start", e.start_s);
  Time(out, "end", e.end_s);
  Num(out, "lat", p.lat_deg, 6);
  Num(out, "lon", p.lon_deg, 6);
  Duration(out, e.start_s, e.end_s);
  out += ",\"evidence\":{\"positions\":";
  AppendInt(out, static_cast<int64_t>(e.positions));
  out += ",\"first\":";
  SampleJson(out, e.first);
  out += ",\"last\":";
  SampleJson(out, e.last);
  out += "}}";
}

void EventJson(std::string& out, const Encounter& e) {
  Head(out, "encounter", e.mmsi);
  Key(out, "other_mmsi");
  AppendInt(out, e.other_mmsi.value);
  Time(out, "start", e.start_s);
  Time(out, "end", e.end_s);
  Num(out, "lat", e.lat_deg, 6);
  Num(out, "lon", e.lon_deg, 6);
  Num(out, "median_distance_m", e.median_distance_m, 1);
  Duration(out, e.start_s, e.end_s);
  out += ",\"evidence\":{\"close_bins\":";
  AppendInt(out, static_cast<int64_t>(e.bins));
  Num(out, "min_distance_m", e.min_distance_m, 1);
  out += ",\"method\":\"positions resampled every 10 min; both under the speed limit, "
         "offshore and within the distance in each bin\"}}";
}

void EventJson(std::string& out, const Gap& e, const PortTable& ports) {
  Head(out, "gap", e.mmsi);
  Time(out, "start", e.before.time_s);
  Time(out, "end", e.after.time_s);
  Num(out, "lat", e.before.lat_deg, 6);
  Num(out, "lon", e.before.lon_deg, 6);
  Num(out, "start_lat", e.before.lat_deg, 6);
  Num(out, "start_lon", e.before.lon_deg, 6);
  Num(out, "end_lat", e.after.lat_deg, 6);
  Num(out, "end_lon", e.after.lon_deg, 6);
  Duration(out, e.before.time_s, e.after.time_s);
  Num(out, "distance_km", e.distance_m / 1000, 2);
  Num(out, "implied_speed_kn", e.implied_speed_kn, 2);
  Key(out, "reachable_ports");
  Locodes(out, e.reachable_ports, ports);
  out += ",\"evidence\":{\"before\":";
  SampleJson(out, e.before);
  out += ",\"after\":";
  SampleJson(out, e.after);
  Num(out, "speed_used_kn", e.speed_used_kn, 2);
  Num(out, "feed_heard_h", static_cast<double>(e.heard_s) / 3600, 2);
  Str(out, "speed_source", e.speed_observed ? "highest plausible speed over the previous 30 days"
                                            : "default (no speed observed before the gap)");
  out += "}}";
}

void EventJson(std::string& out, const Loitering& e) {
  Head(out, "loitering", e.mmsi);
  Time(out, "start", e.start_s);
  Time(out, "end", e.end_s);
  Num(out, "lat", e.lat_deg, 6);
  Num(out, "lon", e.lon_deg, 6);
  Duration(out, e.start_s, e.end_s);
  out += ",\"evidence\":{\"positions\":";
  AppendInt(out, static_cast<int64_t>(e.positions));
  Num(out, "max_speed_kn", e.max_speed_kn, 2);
  Num(out, "max_drift_m", e.max_drift_m, 1);
  out += "}}";
}

// The fields every identity kind starts with, through "field".
template <typename E>
void IdentityHead(std::string& out, const E& e, std::string_view field) {
  Head(out, "identity", e.mmsi);
  Str(out, "kind", E::kKind);
  Time(out, "start", e.start_s);
  Time(out, "end", e.end_s);
  Num(out, "lat", e.lat_deg, 6);
  Num(out, "lon", e.lon_deg, 6);
  Str(out, "field", field);
}

void EventJson(std::string& out, const MmsiConflict& e) {
  IdentityHead(out, e, "mmsi");
  Key(out, "value");
  out += '"';
  AppendInt(out, e.mmsi.value);
  out += '"';
  Str(out, "reason", "positions no single ship could join");
  out += ",\"evidence\":{\"jumps\":";
  AppendInt(out, static_cast<int64_t>(e.jumps));
  // Two places in one second imply no speed at all: counted, not printed as one.
  if (e.simultaneous_jumps < e.jumps) Num(out, "max_implied_speed_kn", e.max_implied_speed_kn, 1);
  else out += ",\"max_implied_speed_kn\":null";
  out += ",\"simultaneous_jumps\":";
  AppendInt(out, static_cast<int64_t>(e.simultaneous_jumps));
  out += ",\"examples\":[";
  for (size_t i = 0; i < e.jump_examples.size(); ++i) {
    if (i) out += ',';
    out += '[';
    SampleJson(out, e.jump_examples[i].first);
    out += ',';
    SampleJson(out, e.jump_examples[i].second);
    out += ']';
  }
  out += "]}}";
}

void EventJson(std::string& out, const IdentityChange& e) {
  IdentityHead(out, e, e.field);
  Str(out, "old_value", e.old_value);
  Str(out, "value", e.value);
  Key(out, "reason");
  AppendJsonString(out, "the MMSI broadcasts a different " + e.field);
  out += '}';
}

void EventJson(std::string& out, const InvalidIdentity& e) {
  IdentityHead(out, e, e.field);
  Str(out, "value", e.value);
  Str(out, "reason", e.reason);
  out += '}';
}

// The port a port sequence is placed at: the DPRK one (the last, when more).
const Port& SequencePort(const PortSequence& e, const PortTable& ports) {
  int at = e.ports.front();
  for (int p : e.ports)
    if (PortAt(ports, p).country == "KP") at = p;
  return PortAt(ports, at);
}

void EventJson(std::string& out, const PortSequence& e, const PortTable& ports) {
  Head(out, "port_sequence", e.mmsi);
  Key(out, "ports");
  Locodes(out, e.ports, ports);
  Time(out, "start", e.start_s);
  Time(out, "end", e.end_s);
  const Port& at = SequencePort(e, ports);
  Num(out, "lat", at.lat_deg, 6);
  Num(out, "lon", at.lon_deg, 6);
  out += ",\"evidence\":{\"calls\":[";
  for (size_t i = 0; i < e.ports.size(); ++i) {
    if (i) out += ',';
    const Port& p = PortAt(ports, e.ports[i]);
    out += "{\"port\":";
    AppendJsonString(out, p.locode);
    Str(out, "country", p.country);
    Time(out, "start", e.calls[i].first);
    Time(out, "end", e.calls[i].second);
    out += '}';
  }
  out += "]}}";
}

EventRow& AddRow(std::vector<EventRow>& rows, EventType type, Mmsi mmsi, int64_t start_s,
                 int64_t end_s, double lat_deg, double lon_deg) {
  EventRow& r = rows.emplace_back();
  r.type = type;
  r.mmsi = mmsi;
  r.start_s = start_s;
  r.end_s = end_s;
  r.lat_deg = lat_deg;
  r.lon_deg = lon_deg;
  return r;
}

template <typename E>
void AddIdentityRows(const std::vector<E>& events, std::vector<EventRow>& rows) {
  for (const E& e : events) {
    EventRow& r = AddRow(rows, EventType::kIdentity, e.mmsi, e.start_s, e.end_s, e.lat_deg, e.lon_deg);
    r.kind = E::kKind;
    EventJson(r.json, e);
  }
}

// The rows in print order: start time, then type, then MMSI; stable.
std::vector<const EventRow*> Sorted(std::span<const EventRow> rows) {
  std::vector<const EventRow*> order;
  order.reserve(rows.size());
  for (const EventRow& r : rows) order.push_back(&r);
  std::stable_sort(order.begin(), order.end(), [](const EventRow* a, const EventRow* b) {
    if (a->start_s != b->start_s) return a->start_s < b->start_s;
    if (a->type != b->type) return a->type < b->type;
    return a->mmsi < b->mmsi;
  });
  return order;
}


// Appends "[lon,lat]" with six decimals.
void Coordinates(std::string& out, double lat_deg, double lon_deg) {
  out += '[';
  AppendDecimal(out, lon_deg, 6);
  out += ',';
  AppendDecimal(out, lat_deg, 6);
  out += ']';
}

}  // namespace

std::string_view EventTypeName(EventType type) {
  switch (type) {
    case EventType::kPortCall: return "port_call";
    case EventType::kEncounter: return "encounter";
    case EventType::kGap: return "gap";
    case EventType::kLoitering: return "loitering";
    case EventType::kIdentity: return "identity";
    case EventType::kPortSequence: return "port_sequence";
  }
  return "unknown";
}

std::vector<EventRow> EventRows(const Events& ev, const PortTable& ports) {
  std::vector<EventRow> rows;
  rows.reserve(ev.size());
  for (const PortCall& e : ev.port_calls) {
    const Port& p = PortAt(ports, e.port);
    EventRow& r = AddRow(rows, EventType::kPortCall, e.mmsi, e.start_s, e.end_s, p.lat_deg, p.lon_deg);
    r.port = p.locode;
    EventJson(r.json, e, ports);
  }
  for (const Encounter& e : ev.encounters) {
    EventRow& r = AddRow(rows, EventType::kEncounter, e.mmsi, e.start_s, e.end_s, e.lat_deg, e.lon_deg);
    r.other_mmsi = e.other_mmsi;
    EventJson(r.json, e);
  }
  for (const Gap& e : ev.gaps) {
    EventRow& r = AddRow(rows, EventType::kGap, e.mmsi, e.before.time_s, e.after.time_s,
                         e.before.lat_deg, e.before.lon_deg);
    EventJson(r.json, e, ports);
  }
  for (const Loitering& e : ev.loitering) {
    EventRow& r = AddRow(rows, EventType::kLoitering, e.mmsi, e.start_s, e.end_s, e.lat_deg, e.lon_deg);
    EventJson(r.json, e);
  }
  AddIdentityRows(ev.mmsi_conflicts, rows);
  AddIdentityRows(ev.identity_changes, rows);
  AddIdentityRows(ev.invalid_identities, rows);
  for (const PortSequence& e : ev.port_sequences) {
    const Port& at = SequencePort(e, ports);
    EventRow& r = AddRow(rows, EventType::kPortSequence, e.mmsi, e.start_s, e.end_s, at.lat_deg,
                         at.lon_deg);
    for (size_t i = 0; i < e.ports.size(); ++i) {
      if (i) r.port += ' ';
      r.port += PortAt(ports, e.ports[i]).locode;
    }
    EventJson(r.json, e, ports);
  }
  return rows;
}

void AppendJsonLines(std::span<const EventRow> rows, std::string& out) {
  for (const EventRow* r : Sorted(rows)) {
    out += r->json;
    out += '\n';
  }
}

void AppendCsv(std::span<const EventRow> rows, std::string& out) {
  out += "type,kind,mmsi,other_mmsi,port,start,end,lat,lon,details\n";
  for (const EventRow* r : Sorted(rows)) {
    out += EventTypeName(r->type);
    out += ',';
    out += r->kind;
    out += ',';
    AppendInt(out, r->mmsi.value);
    out += ',';
    if (r->other_mmsi) AppendInt(out, r->other_mmsi->value);
    out += ',';
    AppendCsvField(out, r->port);
    out += ',';
    AppendTime(out, r->start_s);
    out += ',';
    AppendTime(out, r->end_s);
    out += ',';
    // A port sequence spans several ports: its lat/lon columns stay empty
    // (its JSON and GeoJSON point are the DPRK port's).
    const bool located = r->type != EventType::kPortSequence;
    if (located && std::isfinite(r->lat_deg)) AppendDecimal(out, r->lat_deg, 6);
    out += ',';
    if (located && std::isfinite(r->lon_deg)) AppendDecimal(out, r->lon_deg, 6);
    out += ',';
    AppendCsvField(out, r->json);
    out += '\n';
  }
}

void AppendGeoJson(std::span<const EventRow> rows, const TrackSet& tracks, std::string& out) {
  out += "{\"type\":\"FeatureCollection\",\"features\":[";
  bool first = true;
  auto sep = [&]() {
    out += first ? "\n" : ",\n";
    first = false;
  };
  for (size_t v = 0; v < tracks.size(); ++v) {
    std::span<const Fix> t = tracks.track(v);
    sep();
    out += "{\"type\":\"Feature\",\"geometry\":{\"type\":";
    if (t.size() == 1) {
      out += "\"Point\",\"coordinates\":";
      Coordinates(out, t[0].lat_deg, t[0].lon_deg);
    } else {
      out += "\"LineString\",\"coordinates\":[";
      for (size_t i = 0; i < t.size(); ++i) {
        if (i) out += ',';
        Coordinates(out, t[i].lat_deg, t[i].lon_deg);
      }
      out += ']';
    }
    out += "},\"properties\":{\"type\":\"track\",\"mmsi\":";
    AppendInt(out, t.front().mmsi.value);
    Key(out, "positions");
    AppendInt(out, static_cast<int64_t>(t.size()));
    Time(out, "start", t.front().time_s);
    Time(out, "end", t.back().time_s);
    out += "}}";
  }
  for (const EventRow* r : Sorted(rows)) {
    sep();
    out += "{\"type\":\"Feature\",\"geometry\":";
    if (std::isfinite(r->lat_deg) && std::isfinite(r->lon_deg)) {
      out += "{\"type\":\"Point\",\"coordinates\":";
      Coordinates(out, r->lat_deg, r->lon_deg);
      out += '}';
    } else {
      out += "null";
    }
    out += ",\"properties\":";
    out += r->json;
    out += '}';
  }
  out += "\n]}\n";
}

void AppendJsonLines(const Events& events, const PortTable& ports, std::string& out) {
  AppendJsonLines(EventRows(events, ports), out);
}

void AppendCsv(const Events& events, const PortTable& ports, std::string& out) {
  AppendCsv(EventRows(events, ports), out);
}

void AppendGeoJson(const Events& events, const TrackSet& tracks, const PortTable& ports,
                   std::string& out) {
  AppendGeoJson(EventRows(events, ports), tracks, out);
}

}  // namespace wk::detect
