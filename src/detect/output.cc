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
  Num(out, "duration_h", static_cast<double>(e.end_s - e.start_s) / 3600, 2);
  out += ",\"evidence\":{\"positions\":";
  AppendInt(out, static_cast<int64_t>(e.positions));
  out += ",\"first\":";
  SampleJson(out, e.first);
  out += ",\"last\":";
  SampleJson(out, e.last);
  out += "}}";
}

void EventJson(std::string& out, const Encounter& e, const PortTable&) {
  Head(out, "encounter", e.mmsi);
  Key(out, "other_mmsi");
  AppendInt(out, e.other_mmsi.value);
  Time(out, "start", e.start_s);
  Time(out, "end", e.end_s);
  Num(out, "lat", e.lat_deg, 6);
  Num(out, "lon", e.lon_deg, 6);
  Num(out, "median_distance_m", e.median_distance_m, 1);
  Num(out, "duration_h", static_cast<double>(e.end_s - e.start_s) / 3600, 2);
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
  Num(out, "duration_h", static_cast<double>(e.after.time_s - e.before.time_s) / 3600, 2);
  Num(out, "distance_km", e.distance_m / 1000, 2);
  Num(out, "implied_speed_kn", e.implied_speed_kn, 2);
  out += ",\"reachable_ports\":[";
  for (size_t i = 0; i < e.reachable_ports.size(); ++i) {
    if (i) out += ',';
    AppendJsonString(out, PortAt(ports, e.reachable_ports[i]).locode);
  }
  out += "],\"evidence\":{\"before\":";
  SampleJson(out, e.before);
  out += ",\"after\":";
  SampleJson(out, e.after);
  Num(out, "speed_used_kn", e.speed_used_kn, 2);
  Str(out, "speed_source", e.speed_observed ? "highest plausible speed over the previous 30 days"
                                            : "default (no speed observed before the gap)");
  out += "}}";
}

void EventJson(std::string& out, const Loitering& e, const PortTable&) {
  Head(out, "loitering", e.mmsi);
  Time(out, "start", e.start_s);
  Time(out, "end", e.end_s);
  Num(out, "lat", e.lat_deg, 6);
  Num(out, "lon", e.lon_deg, 6);
  Num(out, "duration_h", static_cast<double>(e.end_s - e.start_s) / 3600, 2);
  out += ",\"evidence\":{\"positions\":";
  AppendInt(out, static_cast<int64_t>(e.positions));
  Num(out, "max_speed_kn", e.max_speed_kn, 2);
  Num(out, "max_drift_m", e.max_drift_m, 1);
  out += "}}";
}

void EventJson(std::string& out, const Identity& e, const PortTable&) {
  Head(out, "identity", e.mmsi);
  Str(out, "kind", IdentityKindName(e.kind));
  Time(out, "start", e.start_s);
  Time(out, "end", e.end_s);
  Num(out, "lat", e.lat_deg, 6);
  Num(out, "lon", e.lon_deg, 6);
  Str(out, "field", e.field);
  if (e.kind == IdentityKind::kIdentityChange) Str(out, "old_value", e.old_value);
  Str(out, "value", e.value);
  Str(out, "reason", e.reason);
  if (e.kind == IdentityKind::kListedVessel) {
    out += ",\"list_entry\":{\"id\":";
    AppendJsonString(out, e.entity_id);
    Str(out, "name", e.entity_name);
    Str(out, "source", e.list_source);
    out += '}';
    if (e.field == "name") {
      out += ",\"evidence\":{\"matched_name\":";
      AppendJsonString(out, e.matched_name);
      Num(out, "score", e.match_score, 3);
      Str(out, "explanation", e.match_explanation);
      Str(out, "matcher", "screen (default threshold)");
      out += '}';
    }
  }
  if (e.kind == IdentityKind::kMmsiConflict) {
    out += ",\"evidence\":{\"jumps\":";
    AppendInt(out, static_cast<int64_t>(e.jumps));
    Num(out, "max_implied_speed_kn", e.max_implied_speed_kn, 1);
    out += ",\"examples\":[";
    for (size_t i = 0; i < e.jump_examples.size(); ++i) {
      if (i) out += ',';
      out += '[';
      SampleJson(out, e.jump_examples[i].first);
      out += ',';
      SampleJson(out, e.jump_examples[i].second);
      out += ']';
    }
    out += "]}";
  }
  out += '}';
}

void EventJson(std::string& out, const PortSequence& e, const PortTable& ports) {
  Head(out, "port_sequence", e.mmsi);
  out += ",\"ports\":[";
  for (size_t i = 0; i < e.ports.size(); ++i) {
    if (i) out += ',';
    AppendJsonString(out, PortAt(ports, e.ports[i]).locode);
  }
  out += ']';
  Time(out, "start", e.start_s);
  Time(out, "end", e.end_s);
  // The position is the DPRK port's.
  int at = e.ports.front();
  for (int p : e.ports)
    if (PortAt(ports, p).country == "KP") at = p;
  Num(out, "lat", PortAt(ports, at).lat_deg, 6);
  Num(out, "lon", PortAt(ports, at).lon_deg, 6);
  out += ",\"evidence\":{\"calls\":[";
  for (size_t i = 0; i < e.ports.size(); ++i) {
    if (i) out += ',';
    out += "{\"port\":";
    AppendJsonString(out, PortAt(ports, e.ports[i]).locode);
    Str(out, "country", PortAt(ports, e.ports[i]).country);
    Time(out, "start", e.calls[i].first);
    Time(out, "end", e.calls[i].second);
    out += '}';
  }
  out += "]}}";
}

// One entry per event, for sorting all types together.
struct Ref {
  int64_t start;
  int type;
  uint32_t mmsi;
  size_t index;
};

std::vector<Ref> Order(const Events& ev) {
  std::vector<Ref> refs;
  refs.reserve(ev.size());
  for (size_t i = 0; i < ev.port_calls.size(); ++i)
    refs.push_back({ev.port_calls[i].start_s, 0, ev.port_calls[i].mmsi.value, i});
  for (size_t i = 0; i < ev.encounters.size(); ++i)
    refs.push_back({ev.encounters[i].start_s, 1, ev.encounters[i].mmsi.value, i});
  for (size_t i = 0; i < ev.gaps.size(); ++i)
    refs.push_back({ev.gaps[i].before.time_s, 2, ev.gaps[i].mmsi.value, i});
  for (size_t i = 0; i < ev.loitering.size(); ++i)
    refs.push_back({ev.loitering[i].start_s, 3, ev.loitering[i].mmsi.value, i});
  for (size_t i = 0; i < ev.identity.size(); ++i)
    refs.push_back({ev.identity[i].start_s, 4, ev.identity[i].mmsi.value, i});
  for (size_t i = 0; i < ev.port_sequences.size(); ++i)
    refs.push_back({ev.port_sequences[i].start_s, 5, ev.port_sequences[i].mmsi.value, i});
  std::stable_sort(refs.begin(), refs.end(), [](const Ref& a, const Ref& b) {
    if (a.start != b.start) return a.start < b.start;
    if (a.type != b.type) return a.type < b.type;
    return a.mmsi < b.mmsi;
  });
  return refs;
}

void RefJson(std::string& out, const Events& ev, const Ref& r, const PortTable& ports) {
  switch (r.type) {
    case 0: EventJson(out, ev.port_calls[r.index], ports); break;
    case 1: EventJson(out, ev.encounters[r.index], ports); break;
    case 2: EventJson(out, ev.gaps[r.index], ports); break;
    case 3: EventJson(out, ev.loitering[r.index], ports); break;
    case 4: EventJson(out, ev.identity[r.index], ports); break;
    case 5: EventJson(out, ev.port_sequences[r.index], ports); break;
  }
}

void CsvField(std::string& out, std::string_view v) {
  if (v.find_first_of(",\"\n") == std::string_view::npos) {
    out += v;
    return;
  }
  out += '"';
  for (char c : v) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

}  // namespace

void AppendJsonLines(const Events& events, const PortTable& ports, std::string& out) {
  for (const Ref& r : Order(events)) {
    RefJson(out, events, r, ports);
    out += '\n';
  }
}

void AppendCsv(const Events& events, const PortTable& ports, std::string& out) {
  out += "type,kind,mmsi,other_mmsi,port,start,end,lat,lon,details\n";
  std::string json;
  for (const Ref& r : Order(events)) {
    json.clear();
    RefJson(json, events, r, ports);
    static constexpr const char* kTypes[] = {"port_call", "encounter", "gap",
                                             "loitering", "identity",  "port_sequence"};
    out += kTypes[r.type];
    out += ',';
    double lat = NAN, lon = NAN;
    int64_t start = 0, end = 0;
    std::string other, port, kind;
    switch (r.type) {
      case 0: {
        const PortCall& e = events.port_calls[r.index];
        port = ports.ports()[static_cast<size_t>(e.port)].locode;
        lat = ports.ports()[static_cast<size_t>(e.port)].lat_deg;
        lon = ports.ports()[static_cast<size_t>(e.port)].lon_deg;
        start = e.start_s, end = e.end_s;
        break;
      }
      case 1: {
        const Encounter& e = events.encounters[r.index];
        other = std::to_string(e.other_mmsi.value);
        lat = e.lat_deg, lon = e.lon_deg, start = e.start_s, end = e.end_s;
        break;
      }
      case 2: {
        const Gap& e = events.gaps[r.index];
        lat = e.before.lat_deg, lon = e.before.lon_deg;
        start = e.before.time_s, end = e.after.time_s;
        break;
      }
      case 3: {
        const Loitering& e = events.loitering[r.index];
        lat = e.lat_deg, lon = e.lon_deg, start = e.start_s, end = e.end_s;
        break;
      }
      case 4: {
        const Identity& e = events.identity[r.index];
        kind = std::string(IdentityKindName(e.kind));
        lat = e.lat_deg, lon = e.lon_deg, start = e.start_s, end = e.end_s;
        break;
      }
      case 5: {
        const PortSequence& e = events.port_sequences[r.index];
        for (size_t i = 0; i < e.ports.size(); ++i) {
          if (i) port += ' ';
          port += ports.ports()[static_cast<size_t>(e.ports[i])].locode;
        }
        start = e.start_s, end = e.end_s;
        break;
      }
    }
    out += kind;
    out += ',';
    AppendInt(out, r.mmsi);
    out += ',';
    out += other;
    out += ',';
    CsvField(out, port);
    out += ',';
    AppendTime(out, start);
    out += ',';
    AppendTime(out, end);
    out += ',';
    if (std::isfinite(lat)) AppendDecimal(out, lat, 6);
    out += ',';
    if (std::isfinite(lon)) AppendDecimal(out, lon, 6);
    out += ',';
    CsvField(out, json);
    out += '\n';
  }
}

void AppendGeoJson(const Events& events, const TrackSet& tracks, const PortTable& ports,
                   std::string& out) {
  out += "{\"type\":\"FeatureCollection\",\"features\":[";
  bool first = true;
  auto sep = [&]() {
    if (!first) out += ",\n";
    else out += '\n';
    first = false;
  };
  for (size_t v = 0; v < tracks.size(); ++v) {
    std::span<const Fix> t = tracks.track(v);
    sep();
    out += "{\"type\":\"Feature\",\"geometry\":{\"type\":";
    out += t.size() == 1 ? "\"Point\",\"coordinates\":" : "\"LineString\",\"coordinates\":[";
    for (size_t i = 0; i < t.size(); ++i) {
      if (i) out += ',';
      out += '[';
      AppendDecimal(out, t[i].lon_deg, 6);
      out += ',';
      AppendDecimal(out, t[i].lat_deg, 6);
      out += ']';
    }
    if (t.size() != 1) out += ']';
    out += "},\"properties\":{\"type\":\"track\",\"mmsi\":";
    AppendInt(out, t.front().mmsi.value);
    Key(out, "positions");
    AppendInt(out, static_cast<int64_t>(t.size()));
    Time(out, "start", t.front().time_s);
    Time(out, "end", t.back().time_s);
    out += "}}";
  }
  std::string json;
  for (const Ref& r : Order(events)) {
    json.clear();
    RefJson(json, events, r, ports);
    // Find the event's point from its own fields.
    double lat = NAN, lon = NAN;
    switch (r.type) {
      case 0: {
        const Port& p = ports.ports()[static_cast<size_t>(events.port_calls[r.index].port)];
        lat = p.lat_deg, lon = p.lon_deg;
        break;
      }
      case 1: lat = events.encounters[r.index].lat_deg, lon = events.encounters[r.index].lon_deg; break;
      case 2: lat = events.gaps[r.index].before.lat_deg, lon = events.gaps[r.index].before.lon_deg; break;
      case 3: lat = events.loitering[r.index].lat_deg, lon = events.loitering[r.index].lon_deg; break;
      case 4: lat = events.identity[r.index].lat_deg, lon = events.identity[r.index].lon_deg; break;
      case 5: {
        const PortSequence& e = events.port_sequences[r.index];
        int at = e.ports.front();
        for (int p : e.ports)
          if (ports.ports()[static_cast<size_t>(p)].country == "KP") at = p;
        lat = ports.ports()[static_cast<size_t>(at)].lat_deg;
        lon = ports.ports()[static_cast<size_t>(at)].lon_deg;
        break;
      }
    }
    sep();
    out += "{\"type\":\"Feature\",\"geometry\":";
    if (std::isfinite(lat) && std::isfinite(lon)) {
      out += "{\"type\":\"Point\",\"coordinates\":[";
      AppendDecimal(out, lon, 6);
      out += ',';
      AppendDecimal(out, lat, 6);
      out += "]}";
    } else {
      out += "null";
    }
    out += ",\"properties\":";
    out += json;
    out += '}';
  }
  out += "\n]}\n";
}

}  // namespace wk::detect
