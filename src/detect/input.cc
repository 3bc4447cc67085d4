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

Status ReadStore(const std::string& db, const InputOptions& options, std::vector<Fix>& fixes,
                 std::vector<StaticInfo>& statics) {
  return MakeError(ErrorCode::kUnsupported,
                   db + ": reading tracks from the store needs the track store (watchkeeper "
                        "ingest), which this build does not have yet; pass the AIS files instead");
}

}  // namespace wk::detect
