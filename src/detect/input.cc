#include <filesystem>

#include "detect/detect.h"

namespace wk::detect {
namespace {

// Floor division of Unix milliseconds to seconds.
int64_t Seconds(int64_t ms) { return ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000); }

}  // namespace

Status ReadAisFiles(const std::vector<std::string>& paths, const InputOptions& options,
                    std::vector<Fix>& fixes, std::vector<StaticInfo>& statics, InputStats* stats) {
  InputStats local;
  InputStats& st = stats ? *stats : local;
  auto in_window = [&](int64_t time_ms) {
    if (time_ms == ais::kUnknownTime) {
      ++st.without_time;
      return false;
    }
    const int64_t t = Seconds(time_ms);
    if (t < options.from_s || t >= options.to_s) {
      ++st.outside_window;
      return false;
    }
    return true;
  };
  ais::ReportSink sink;
  sink.position = [&](const ais::PositionReport& r) {
    if (r.type == 4 || r.type == 21 || r.type == 9) {
      ++st.not_vessels;
      return;
    }
    if (!in_window(r.time_ms)) return;
    fixes.push_back(Fix{r.mmsi, Seconds(r.time_ms), r.lat_deg, r.lon_deg, r.speed_knots, r.course_deg});
    ++st.positions;
  };
  sink.static_report = [&](const ais::StaticReport& r) {
    if (r.name.empty() && r.imo == 0 && r.callsign.empty()) return;
    if (!in_window(r.time_ms)) return;
    StaticInfo s;
    s.mmsi = r.mmsi;
    s.time_s = Seconds(r.time_ms);
    s.imo = r.imo;
    s.name = r.name;
    s.callsign = r.callsign;
    statics.push_back(std::move(s));
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
  fixes.reserve(fixes.size() + static_cast<size_t>(bytes / 72));
  for (const std::string& path : paths) {
    Status s = ais::ReadReports(path, sink, &st.decode);
    if (!s.ok()) return s;
  }
  return Ok{};
}

}  // namespace wk::detect

namespace wk::detect {

Status ReadStore(store::Store& db, const InputOptions& options, std::vector<Fix>& fixes,
                 std::vector<StaticInfo>& statics) {
  // LoadTracks' bounds are inclusive; --to is exclusive.
  const int64_t from = options.from_s == INT64_MIN ? tracks::kAllTime : options.from_s;
  const int64_t to = options.to_s == INT64_MAX ? tracks::kAllTime : options.to_s - 1;
  Result<std::vector<tracks::Track>> loaded = tracks::LoadTracks(db, from, to);
  if (!loaded.ok()) return loaded.error();
  size_t n = 0;
  for (const tracks::Track& t : *loaded) n += t.fixes.size();
  fixes.reserve(fixes.size() + n);
  for (const tracks::Track& t : *loaded) fixes.insert(fixes.end(), t.fixes.begin(), t.fixes.end());

  // The store keeps each identity value once with its first and last time;
  // both ends become static reports, so a change of name or IMO is seen
  // between the last time of the old value and the first of the new.
  Result<std::vector<tracks::BroadcastIdentity>> ids = tracks::LoadIdentities(db, from, to);
  if (!ids.ok()) return ids.error();
  for (const tracks::BroadcastIdentity& id : *ids) {
    if (id.kind != "name" && id.kind != "imo" && id.kind != "callsign") continue;
    const int64_t first = id.first_s, last = id.last_s;
    StaticInfo s;
    s.mmsi = id.mmsi;
    if (id.kind == "name") s.name = id.value;
    else if (id.kind == "callsign") s.callsign = id.value;
    else s.imo = static_cast<uint32_t>(std::strtoul(id.value.c_str(), nullptr, 10));
    for (int64_t t : {std::max(first, options.from_s), std::min(last, options.to_s - 1)}) {
      s.time_s = t;
      statics.push_back(s);
      if (first == last) break;
    }
  }
  return Ok{};
}

}  // namespace wk::detect
