#include <charconv>

#include "detect/detect.h"

namespace wk::detect {
namespace {

struct Key {
  std::string_view name;
  double Config::*real = nullptr;
  int64_t Config::*seconds = nullptr;
  int Config::*count = nullptr;
  std::string_view doc;
};

// Every key of the config file, in the order FormatConfig prints them.
const Key kKeys[] = {
    {"port_call.min_s", nullptr, &Config::port_call_min_s, nullptr,
     "a port call lasts at least this long (first to last position inside)"},
    {"encounter.max_distance_m", &Config::encounter_max_distance_m, nullptr, nullptr,
     "the two vessels are within this distance"},
    {"encounter.max_speed_kn", &Config::encounter_max_speed_kn, nullptr, nullptr,
     "both vessels are under this speed"},
    {"encounter.min_port_distance_m", &Config::encounter_min_port_distance_m, nullptr, nullptr,
     "both vessels are at least this far from every port centre"},
    {"encounter.min_s", nullptr, &Config::encounter_min_s, nullptr,
     "for at least this long (first to last close bin)"},
    {"encounter.bin_s", nullptr, &Config::encounter_bin_s, nullptr,
     "tracks are resampled at multiples of this many seconds"},
    {"encounter.max_interpolation_gap_s", nullptr, &Config::encounter_max_interpolation_gap_s,
     nullptr, "no resampled position inside a silence longer than this"},
    {"gap.min_s", nullptr, &Config::gap_min_s, nullptr,
     "consecutive positions at least this far apart in time are a gap"},
    {"gap.min_heard_share", &Config::gap_min_heard_share, nullptr, nullptr,
     "and the feed heard other vessels for at least this share of the silence"},
    {"gap.speed_history_s", nullptr, &Config::gap_speed_history_s, nullptr,
     "reachable ports use the highest speed over this long before the gap"},
    {"gap.max_plausible_speed_kn", &Config::max_plausible_speed_kn, nullptr, nullptr,
     "speeds above this (reported, or implied by jumps) are ignored"},
    {"gap.default_speed_kn", &Config::gap_default_speed_kn, nullptr, nullptr,
     "speed assumed when the vessel has no observed speed before the gap"},
    {"loitering.max_speed_kn", &Config::loitering_max_speed_kn, nullptr, nullptr,
     "every position under this speed"},
    {"loitering.min_s", nullptr, &Config::loitering_min_s, nullptr, "for at least this long"},
    {"loitering.min_port_distance_m", &Config::loitering_min_port_distance_m, nullptr, nullptr,
     "every position at least this far from every port centre"},
    {"loitering.max_silence_s", nullptr, &Config::loitering_max_silence_s, nullptr,
     "a silence longer than this ends the run"},
    {"identity.conflict_speed_kn", &Config::conflict_speed_kn, nullptr, nullptr,
     "implied speed above this between consecutive positions is a jump"},
    {"identity.conflict_min_distance_m", &Config::conflict_min_distance_m, nullptr, nullptr,
     "and the two positions are at least this far apart"},
    {"identity.conflict_min_jumps", nullptr, nullptr, &Config::conflict_min_jumps,
     "this many jumps make an mmsi_conflict"},
    {"identity.conflict_window_s", nullptr, &Config::conflict_window_s, nullptr,
     "each jump within this long of the previous one"},
    {"port_sequence.max_s", nullptr, &Config::port_sequence_max_s, nullptr,
     "a DPRK call and another country's call at most this far apart"},
};

Error LineError(std::string_view source, size_t line, const std::string& reason) {
  return MakeError(ErrorCode::kInvalidInput,
                   std::string(source) + ":" + std::to_string(line) + ": " + reason);
}

}  // namespace

Result<Config> ParseConfig(std::string_view text, std::string_view source_name) {
  Config config;
  size_t line_no = 0;
  while (!text.empty()) {
    size_t eol = text.find('\n');
    std::string_view line = text.substr(0, eol);
    text = eol == std::string_view::npos ? std::string_view() : text.substr(eol + 1);
    ++line_no;
    if (size_t hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
    line = Trim(line);
    if (line.empty()) continue;
    size_t eq = line.find('=');
    if (eq == std::string_view::npos)
      return LineError(source_name, line_no, "expected 'key = value'");
    std::string_view key = Trim(line.substr(0, eq));
    std::string_view value = Trim(line.substr(eq + 1));
    const Key* found = nullptr;
    for (const Key& k : kKeys)
      if (k.name == key) found = &k;
    if (!found) return LineError(source_name, line_no, "unknown key '" + std::string(key) + "'");
    const char* begin = value.data();
    const char* end = value.data() + value.size();
    if (found->real) {
      double v = 0;
      auto [p, ec] = std::from_chars(begin, end, v);
      if (ec != std::errc() || p != end || !std::isfinite(v) || v < 0)
        return LineError(source_name, line_no,
                         std::string(key) + ": expected a non-negative number, got '" +
                             std::string(value) + "'");
      config.*(found->real) = v;
    } else {
      int64_t v = 0;
      auto [p, ec] = std::from_chars(begin, end, v);
      if (ec != std::errc() || p != end || v < 0 ||
          (found->count && v > 1000000) || (found->seconds && found->name.ends_with("bin_s") && v == 0))
        return LineError(source_name, line_no,
                         std::string(key) + ": expected a non-negative integer" +
                             (found->name.ends_with("bin_s") ? " (not 0)" : "") + ", got '" +
                             std::string(value) + "'");
      if (found->seconds) config.*(found->seconds) = v;
      else config.*(found->count) = static_cast<int>(v);
    }
  }
  return config;
}

Result<Config> LoadConfig(const std::string& path) {
  Result<std::string> text = ReadFile(path, size_t{1} << 20);  // a thresholds file: 1 MiB is plenty
  if (!text.ok()) return text.error();
  return ParseConfig(*text, path);
}

std::string FormatConfig(const Config& config) {
  std::string out =
      "# Watchkeeper detector thresholds (watchkeeper detect --config FILE).\n"
      "# Defaults: Global Fishing Watch's published methods; see docs/detect.md.\n";
  for (const Key& k : kKeys) {
    out += "\n# ";
    out += k.doc;
    out += "\n";
    out += k.name;
    out += " = ";
    if (k.real) AppendDouble(out, config.*(k.real));
    else if (k.seconds) AppendInt(out, config.*(k.seconds));
    else AppendInt(out, config.*(k.count));
    out += "\n";
  }
  return out;
}

}  // namespace wk::detect
