// Tracks in memory (from decoded files) and from the store, and what the
// store knows of one vessel.
#include <algorithm>
#include <cmath>
#include <string>
#include <tuple>
#include <vector>

#include "ais/ais.h"
#include "store/store.h"
#include "tracks/tracks.h"
#include "tracks/tracks_sql.h"

namespace wk::tracks {
namespace {

bool IsVesselPositionType(int type) {
  return type == 0 || type == 1 || type == 2 || type == 3 || type == 18 || type == 19 ||
         type == 27;
}

float ColumnFloat(const store::Statement& s, int column) {
  return s.IsNull(column) ? NAN : static_cast<float>(s.Double(column));
}

void AppendTimeOrNull(std::string& out, int64_t t) {
  if (t == kAllTime) {
    out += "null";
  } else {
    out.push_back('"');
    AppendTime(out, t);
    out.push_back('"');
  }
}

}  // namespace

std::vector<Track> BuildTracks(std::vector<Fix> fixes) {
  std::sort(fixes.begin(), fixes.end(), [](const Fix& a, const Fix& b) {
    return std::tie(a.mmsi, a.time_s, a.lat_deg, a.lon_deg) <
           std::tie(b.mmsi, b.time_s, b.lat_deg, b.lon_deg);
  });
  std::vector<Track> tracks;
  for (size_t i = 0; i < fixes.size();) {
    size_t j = i;
    while (j < fixes.size() && fixes[j].mmsi == fixes[i].mmsi) ++j;
    Track& track = tracks.emplace_back();
    track.mmsi = fixes[i].mmsi;
    track.fixes.reserve(j - i);
    for (size_t k = i; k < j; ++k) {
      const Fix& f = fixes[k];
      if (!track.fixes.empty()) {
        const Fix& prev = track.fixes.back();
        if (prev.time_s == f.time_s && prev.lat_deg == f.lat_deg && prev.lon_deg == f.lon_deg)
          continue;
      }
      track.fixes.push_back(f);
    }
    i = j;
  }
  return tracks;
}

Result<std::vector<Track>> ReadTracks(std::span<const std::string> paths,
                                      ais::DecodeStats* stats) {
  std::vector<Fix> fixes;
  ais::ReportSink sink;
  sink.position = [&](const ais::PositionReport& r) {
    if (!IsVesselPositionType(r.type) || r.time_ms == ais::kUnknownTime ||
        !IsValidLatLon(r.lat_deg, r.lon_deg))
      return;
    int64_t t = r.time_ms >= 0 ? r.time_ms / 1000 : -((-r.time_ms + 999) / 1000);
    fixes.push_back(Fix{r.mmsi, t, r.lat_deg, r.lon_deg, r.speed_knots, r.course_deg});
  };
  sink.static_report = [](const ais::StaticReport&) {};
  for (const std::string& path : paths) {
    Status s = ais::ReadReports(path, sink, stats);
    if (!s.ok()) return s.error();
  }
  return BuildTracks(std::move(fixes));
}

Result<std::vector<Track>> LoadTracks(store::Store& db, int64_t from_s, int64_t to_s) {
  if (Status s = EnsureSchema(db); !s.ok()) return s.error();
  auto query = db.Prepare(sql::kLoadTracks);
  if (!query.ok()) return query.error();
  query->Bind(1, from_s == kAllTime ? std::numeric_limits<int64_t>::min() : from_s);
  query->Bind(2, to_s == kAllTime ? std::numeric_limits<int64_t>::max() : to_s);
  std::vector<Track> tracks;
  while (true) {
    auto row = query->Step();
    if (!row.ok()) return row.error();
    if (!*row) break;
    Mmsi mmsi{static_cast<uint32_t>(query->Int(0))};
    if (tracks.empty() || tracks.back().mmsi != mmsi) tracks.emplace_back().mmsi = mmsi;
    tracks.back().fixes.push_back(Fix{mmsi, query->Int(1), query->Double(2), query->Double(3),
                                      ColumnFloat(*query, 4), ColumnFloat(*query, 5)});
  }
  return tracks;
}

Result<VesselSummary> LoadVessel(store::Store& db, Mmsi mmsi) {
  if (Status s = EnsureSchema(db); !s.ok()) return s.error();
  VesselSummary v;
  v.mmsi = mmsi;
  auto stats = db.Prepare(sql::kVesselStats);
  if (!stats.ok()) return stats.error();
  stats->Bind(1, static_cast<int64_t>(mmsi.value));
  auto row = stats->Step();
  if (!row.ok()) return row.error();
  v.positions = static_cast<uint64_t>(stats->Int(0));
  if (v.positions > 0) {
    v.first_seen_s = stats->Int(1);
    v.last_seen_s = stats->Int(2);
    v.min_lat = stats->Double(3);
    v.max_lat = stats->Double(4);
    v.min_lon = stats->Double(5);
    v.max_lon = stats->Double(6);
  }
  auto ids = db.Prepare(sql::kVesselIdentities);
  if (!ids.ok()) return ids.error();
  ids->Bind(1, static_cast<int64_t>(mmsi.value));
  while (true) {
    auto r = ids->Step();
    if (!r.ok()) return r.error();
    if (!*r) break;
    Identity& id = v.identities.emplace_back();
    id.kind = ids->Text(0);
    id.value = ids->Text(1);
    if (!ids->IsNull(2)) id.first_s = ids->Int(2);
    if (!ids->IsNull(3)) id.last_s = ids->Int(3);
    if (id.first_s != kAllTime &&
        (v.first_seen_s == kAllTime || id.first_s < v.first_seen_s))
      v.first_seen_s = id.first_s;
    if (id.last_s != kAllTime && (v.last_seen_s == kAllTime || id.last_s > v.last_seen_s))
      v.last_seen_s = id.last_s;
  }
  if (v.positions == 0 && v.identities.empty()) {
    return MakeError(ErrorCode::kNotFound,
                     "vessel " + std::to_string(mmsi.value) + " is not in the store");
  }
  return v;
}

std::string VesselJson(const VesselSummary& v) {
  std::string out = "{\"mmsi\":";
  AppendInt(out, v.mmsi.value);
  out += ",\"flag\":";
  std::string_view flag = CountryOfMid(MidOfShipMmsi(v.mmsi));
  if (flag.empty()) {
    out += "null";
  } else {
    AppendJsonString(out, flag);
  }
  out += ",\"first_seen\":";
  AppendTimeOrNull(out, v.first_seen_s);
  out += ",\"last_seen\":";
  AppendTimeOrNull(out, v.last_seen_s);
  out += ",\"positions\":";
  AppendInt(out, static_cast<int64_t>(v.positions));
  out += ",\"bbox\":";
  if (v.positions == 0) {
    out += "null";
  } else {
    out += "{\"min_lat\":";
    AppendDecimal(out, v.min_lat, 6);
    out += ",\"min_lon\":";
    AppendDecimal(out, v.min_lon, 6);
    out += ",\"max_lat\":";
    AppendDecimal(out, v.max_lat, 6);
    out += ",\"max_lon\":";
    AppendDecimal(out, v.max_lon, 6);
    out.push_back('}');
  }
  static constexpr std::pair<std::string_view, std::string_view> kGroups[] = {
      {"name", "names"},          {"imo", "imos"},
      {"callsign", "callsigns"},  {"ship_type", "ship_types"},
      {"destination", "destinations"}};
  for (const auto& [kind, label] : kGroups) {
    out += ",\"";
    out += label;
    out += "\":[";
    bool first = true;
    for (const Identity& id : v.identities) {
      if (id.kind != kind) continue;
      if (!first) out.push_back(',');
      first = false;
      out += "{\"value\":";
      if (kind == "imo" || kind == "ship_type") {
        out += id.value;  // stored as decimal digits
      } else {
        AppendJsonString(out, id.value);
      }
      if (kind == "imo") {
        out += ",\"valid\":";
        out += IsValidImo(static_cast<uint32_t>(std::stoul(id.value))) ? "true" : "false";
      }
      out += ",\"first\":";
      AppendTimeOrNull(out, id.first_s);
      out += ",\"last\":";
      AppendTimeOrNull(out, id.last_s);
      out.push_back('}');
    }
    out.push_back(']');
  }
  out.push_back('}');
  return out;
}

}  // namespace wk::tracks
