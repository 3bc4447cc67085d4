// The readers (files, store) into the track model, and what the store knows
// of one vessel.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <limits>
#include <string>
#include <tuple>
#include <type_traits>
#include <vector>

#include "ais/ais.h"
#include "store/store.h"
#include "tracks/tracks.h"
#include "tracks/tracks_sql.h"

namespace wk::tracks {
namespace {

double Seconds(std::chrono::steady_clock::time_point a, std::chrono::steady_clock::time_point b) {
  return std::chrono::duration<double>(b - a).count();
}

float ColumnFloat(const store::Statement& s, int column) {
  return s.IsNull(column) ? NAN : static_cast<float>(s.Double(column));
}


// The broadcast identities (name, IMO, call sign) of the store as static
// reports: each value at the first and the last time it was heard, clipped
// to the window.
Status LoadStatics(store::Store& db, const TimeWindow& window, std::vector<StaticInfo>& statics) {
  // The query's bounds are inclusive; the window's end is not.
  Result<std::vector<BroadcastIdentity>> ids = LoadIdentities(
      db, window.from_s,
      window.to_s == std::numeric_limits<int64_t>::max() ? window.to_s : window.to_s - 1);
  if (!ids.ok()) return ids.error();
  const size_t first_new = statics.size();
  std::vector<std::pair<uint32_t, std::pair<int64_t, int>>> ship_types;  // mmsi -> (last heard, type)
  // mmsi -> (last heard, (length, beam))
  std::vector<std::pair<uint32_t, std::pair<int64_t, std::pair<int, int>>>> dimensions;
  for (const BroadcastIdentity& id : *ids) {
    if (id.kind == "ship_type") {
      ship_types.push_back({id.mmsi.value, {id.last_s, std::atoi(id.value.c_str())}});
      continue;
    }
    if (id.kind == "dimensions") {
      int length = 0, beam = 0;
      if (std::sscanf(id.value.c_str(), "%dx%d", &length, &beam) == 2)
        dimensions.push_back({id.mmsi.value, {id.last_s, {length, beam}}});
      continue;
    }
    if (id.kind != "name" && id.kind != "imo" && id.kind != "callsign") continue;
    const int64_t first = id.first_s, last = id.last_s;
    StaticInfo s;
    s.mmsi = id.mmsi;
    if (id.kind == "name") s.name = id.value;
    else if (id.kind == "callsign") s.callsign = id.value;
    else s.imo = static_cast<uint32_t>(std::strtoul(id.value.c_str(), nullptr, 10));
    for (int64_t t : {std::max(first, window.from_s), std::min(last, window.to_s - 1)}) {
      s.time_s = t;
      statics.push_back(s);
      if (first == last) break;
    }
  }
  // Each draught change as a report of its own (the one in force when the
  // window opens at its start).
  Result<std::vector<DraughtChange>> draughts = LoadDraughts(
      db, window.from_s,
      window.to_s == std::numeric_limits<int64_t>::max() ? window.to_s : window.to_s - 1);
  if (!draughts.ok()) return draughts.error();
  for (const DraughtChange& d : *draughts) {
    StaticInfo s;
    s.mmsi = d.mmsi;
    s.time_s = std::max(d.time_s, window.from_s);
    s.draught_m = d.draught_m;
    statics.push_back(std::move(s));
  }
  // Each vessel's last broadcast ship type and dimensions, on each of its
  // reports (no report of their own, so counts of static reports stay those
  // of files).
  std::sort(ship_types.begin(), ship_types.end());
  std::sort(dimensions.begin(), dimensions.end());
  auto last_of = [](const auto& list, uint32_t mmsi) {
    using Value = typename std::decay_t<decltype(list)>::value_type::second_type::second_type;
    auto it = std::upper_bound(
        list.begin(), list.end(),
        std::make_pair(mmsi, std::make_pair(std::numeric_limits<int64_t>::max(), Value{})),
        [](const auto& a, const auto& b) { return std::tie(a.first, a.second.first) < std::tie(b.first, b.second.first); });
    return it != list.begin() && std::prev(it)->first == mmsi ? &std::prev(it)->second.second : nullptr;
  };
  for (size_t k = first_new; k < statics.size(); ++k) {
    StaticInfo& s = statics[k];
    if (const int* type = last_of(ship_types, s.mmsi.value)) s.ship_type = *type;
    if (const auto* dims = last_of(dimensions, s.mmsi.value)) {
      s.length_m = dims->first;
      s.beam_m = dims->second;
    }
  }
  return Ok{};
}

// Groups the fixes read since `t0` into tracks and sorts the static reports.
void Finish(std::vector<Fix> fixes, Traffic& traffic, ReadStats& st,
            std::chrono::steady_clock::time_point t0) {
  const auto t1 = std::chrono::steady_clock::now();
  traffic.tracks = MakeTrackSet(std::move(fixes), &st.tracks);
  SortStatics(traffic.statics);
  st.decode_s += Seconds(t0, t1);
  st.tracks_s += Seconds(t1, std::chrono::steady_clock::now());
}

}  // namespace

Result<Traffic> ReadTraffic(std::span<const std::string> paths, const TimeWindow& window,
                            ReadStats* stats) {
  ReadStats local;
  ReadStats& st = stats ? *stats : local;
  const auto t0 = std::chrono::steady_clock::now();
  Traffic traffic;
  std::vector<Fix> fixes;
  auto in_window = [&](int64_t time_ms) {
    if (time_ms == ais::kUnknownTime) {
      ++st.without_time;
      return false;
    }
    const int64_t t = FloorSeconds(time_ms);
    if (t < window.from_s || t >= window.to_s) {
      ++st.outside_window;
      return false;
    }
    return true;
  };
  ais::ReportSink sink;
  sink.position = [&](const ais::PositionReport& r) {
    if (!IsVesselPositionType(r.type)) {
      ++st.not_vessels;
      return;
    }
    if (!in_window(r.time_ms)) return;
    fixes.push_back(
        Fix{r.mmsi, FloorSeconds(r.time_ms), r.lat_deg, r.lon_deg, r.speed_knots, r.course_deg});
    ++st.positions;
  };
  sink.static_report = [&](const ais::StaticReport& r) {
    if (r.name.empty() && r.imo == 0 && r.callsign.empty()) return;
    if (!in_window(r.time_ms)) return;
    StaticInfo s;
    s.mmsi = r.mmsi;
    s.time_s = FloorSeconds(r.time_ms);
    s.imo = r.imo;
    s.name = r.name;
    s.callsign = r.callsign;
    s.ship_type = r.ship_type > 0 ? r.ship_type : 0;
    s.draught_m = std::isfinite(r.draught_m) && r.draught_m > 0 ? r.draught_m : NAN;
    if (const auto [length, beam] = BroadcastDimensions(r); length > 0) {
      s.length_m = length;
      s.beam_m = beam;
    }
    traffic.statics.push_back(std::move(s));
    ++st.statics;
  };
  // Reserve for the positions the files may hold (an NMEA position with a
  // tag block is 75-80 bytes), so the vector does not grow by copying.
  uint64_t bytes = 0;
  for (const std::string& path : paths) {
    std::error_code ec;
    if (path != "-" && std::filesystem::is_regular_file(path, ec))
      bytes += std::filesystem::file_size(path, ec);
  }
  fixes.reserve(static_cast<size_t>(bytes / 72));
  for (const std::string& path : paths) {
    Status s = ais::ReadReports(path, sink, &st.decode);
    if (!s.ok()) return s.error();
  }
  Finish(std::move(fixes), traffic, st, t0);
  return traffic;
}

Result<Traffic> LoadTraffic(store::Store& db, const TimeWindow& window, ReadStats* stats) {
  ReadStats local;
  ReadStats& st = stats ? *stats : local;
  const auto t0 = std::chrono::steady_clock::now();
  if (Status s = EnsureSchema(db); !s.ok()) return s.error();
  Traffic traffic;
  std::vector<Fix> fixes;
  {
    auto query = db.Prepare(sql::kLoadTracks);
    if (!query.ok()) return query.error();
    // The query's bounds are inclusive; the window's end is not.
    query->Bind(1, window.from_s);
    query->Bind(2, window.to_s == std::numeric_limits<int64_t>::max() ? window.to_s
                                                                     : window.to_s - 1);
    while (true) {
      auto row = query->Step();
      if (!row.ok()) return row.error();
      if (!*row) break;
      fixes.push_back(Fix{Mmsi{static_cast<uint32_t>(query->Int(0))}, query->Int(1),
                          query->Double(2), query->Double(3), ColumnFloat(*query, 4),
                          ColumnFloat(*query, 5)});
    }
  }
  if (Status s = LoadStatics(db, window, traffic.statics); !s.ok()) return s.error();
  Finish(std::move(fixes), traffic, st, t0);
  return traffic;
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

Result<std::vector<Fix>> LoadTrack(store::Store& db, Mmsi mmsi, const TimeWindow& window) {
  auto query = db.Prepare(sql::kLoadTrack);
  if (!query.ok()) return query.error();
  query->Bind(1, static_cast<int64_t>(mmsi.value));
  query->Bind(2, window.from_s);
  query->Bind(3, window.to_s == std::numeric_limits<int64_t>::max() ? window.to_s : window.to_s - 1);
  std::vector<Fix> fixes;
  while (true) {
    auto row = query->Step();
    if (!row.ok()) return row.error();
    if (!*row) break;
    fixes.push_back(Fix{mmsi, query->Int(0), query->Double(1), query->Double(2), ColumnFloat(*query, 3),
                        ColumnFloat(*query, 4)});
  }
  return fixes;
}

void AppendTrackGeoJson(std::string& out, Mmsi mmsi, std::span<const Fix> track) {
  JsonWriter w(out);
  w.BeginObject().Field("type", "Feature").Key("geometry").BeginObject().Field("type", "LineString");
  w.Key("coordinates").BeginArray();
  for (const Fix& f : track) {
    w.BeginArray().Decimal(f.lon_deg, 6).Decimal(f.lat_deg, 6).Int(0).Int(f.time_s).EndArray();
  }
  w.EndArray().EndObject();
  w.Key("properties").BeginObject().Field("mmsi", mmsi.value).Key("flag");
  const std::string_view flag = CountryOfMid(MidOfShipMmsi(mmsi));
  if (flag.empty()) w.Null();
  else w.String(flag);
  w.Field("positions", track.size()).Key("start");
  if (track.empty()) w.Null();
  else w.TimeS(track.front().time_s);
  w.Key("end");
  if (track.empty()) w.Null();
  else w.TimeS(track.back().time_s);
  w.EndObject().EndObject();
}

std::string VesselJson(const VesselSummary& v) {
  std::string out;
  JsonWriter w(out);
  auto time_or_null = [&](std::string_view key, int64_t t) {
    w.Key(key);
    if (t == kAllTime) w.Null();
    else w.TimeS(t);
  };
  w.BeginObject().Field("mmsi", v.mmsi.value).Key("flag");
  const std::string_view flag = CountryOfMid(MidOfShipMmsi(v.mmsi));
  if (flag.empty()) w.Null();
  else w.String(flag);
  time_or_null("first_seen", v.first_seen_s);
  time_or_null("last_seen", v.last_seen_s);
  w.Field("positions", v.positions).Key("bbox");
  if (v.positions == 0) {
    w.Null();
  } else {
    w.BeginObject();
    w.Key("min_lat").Decimal(v.min_lat, 6).Key("min_lon").Decimal(v.min_lon, 6);
    w.Key("max_lat").Decimal(v.max_lat, 6).Key("max_lon").Decimal(v.max_lon, 6);
    w.EndObject();
  }
  static constexpr std::pair<std::string_view, std::string_view> kGroups[] = {
      {"name", "names"},          {"imo", "imos"},
      {"callsign", "callsigns"},  {"ship_type", "ship_types"},
      {"destination", "destinations"}};
  for (const auto& [kind, label] : kGroups) {
    w.Key(label).BeginArray();
    for (const Identity& id : v.identities) {
      if (id.kind != kind) continue;
      w.BeginObject().Key("value");
      const bool number = kind == "imo" || kind == "ship_type";  // stored as decimal digits
      if (number) w.Raw(id.value);
      else w.String(id.value);
      if (kind == "imo") w.Field("valid", IsValidImo(static_cast<uint32_t>(std::stoul(id.value))));
      time_or_null("first", id.first_s);
      time_or_null("last", id.last_s);
      w.EndObject();
    }
    w.EndArray();
  }
  w.EndObject();
  return out;
}

}  // namespace wk::tracks
