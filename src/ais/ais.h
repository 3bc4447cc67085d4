// ais: NMEA 0183 AIVDM/AIVDO sentences, NMEA 4.0 tag blocks, multi-sentence
// assembly, message decoders (ITU-R M.1371-5) with gpsd's field names and
// scaling, and the Danish Maritime Authority and NOAA MarineCadastre CSV
// layouts. Also the encoder the simulator uses to write NMEA.
#pragma once

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/core.h"

namespace wk::ais {

inline constexpr int64_t kUnknownTime = INT64_MIN;

// A position report from any source: message types 1, 2, 3, 4 (base station),
// 9, 18, 19, 21, 27, or a CSV row. Sentinels ("not available") are NaN or -1.
struct PositionReport {
  Mmsi mmsi;
  int type = 0;                       // AIS message type; 0 for CSV rows
  int64_t time_ms = kUnknownTime;     // Unix ms UTC, from tag block/line/CSV
  double lat_deg = NAN, lon_deg = NAN;
  float speed_knots = NAN;
  float course_deg = NAN;
  float heading_deg = NAN;
  int nav_status = -1;                // 0..15 for types 1-3, -1 otherwise
};

// Static and voyage data: types 5, 19 (name/type), 24 A/B, or a CSV row.
struct StaticReport {
  Mmsi mmsi;
  int type = 0;
  char part = 0;                      // 'A' or 'B' for type 24, else 0
  int64_t time_ms = kUnknownTime;
  uint32_t imo = 0;                   // 0 when not sent
  std::string name;                   // trimmed of '@' and spaces; "" when not sent
  std::string callsign;
  std::string destination;
  int ship_type = -1;                 // 0..99, -1 when not sent
  int to_bow = -1, to_stern = -1, to_port = -1, to_starboard = -1;
  float draught_m = NAN;
};

// Counters for --stats. Bad lines are counted and skipped, never fatal
// unless the caller asked for strict mode.
struct DecodeStats {
  uint64_t lines = 0;
  uint64_t sentences = 0;
  uint64_t messages = 0;
  uint64_t by_type[64] = {};
  uint64_t bad_checksums = 0;
  uint64_t malformed = 0;
  uint64_t incomplete = 0;           // multi-part messages never completed
};

struct ReportSink {
  std::function<void(const PositionReport&)> position;
  std::function<void(const StaticReport&)> static_report;
};

// Reads NMEA or AIS CSV (detected from the content) from `path` ("-" for
// stdin) and hands each position and static report to `sink`, in file order.
// Fails when the file cannot be read or is a device (/dev/zero), when nothing
// in it is AIS ("no AIS in FILE": no NMEA sentence, no AIS CSV row), or on
// the first bad line when `strict` (the error says "FILE:LINE: reason").
Status ReadReports(const std::string& path, const ReportSink& sink, DecodeStats* stats = nullptr,
                   bool strict = false);

// ---- Decoding to text (`watchkeeper ais decode`) ----------------------------

enum class OutputFormat : uint8_t {
  kJsonl,  // one gpsd-compatible JSON object per message (docs/ais.md)
  kCsv,    // two tables: positions, then static data (docs/ais.md)
  kNone,   // decode everything, print nothing (for --stats and timing)
};

struct DecodeOptions {
  OutputFormat format = OutputFormat::kJsonl;
  bool strict = false;  // stop at the first bad line: "FILE:LINE: reason"
  int threads = 0;      // 0: two when a core is idle, 1, or 2+ (order kept either way)
};

// Decodes each file ("-" for stdin) in turn and writes the output to `out`.
// NMEA, Danish Maritime Authority CSV and NOAA MarineCadastre CSV are told
// apart from the content. Fails when a file cannot be read, holds no AIS
// ("no AIS in FILE") or, when strict, on the first bad line; `stats`
// (optional) adds up what was seen.
Status DecodeFiles(const std::vector<std::string>& paths, const DecodeOptions& options,
                   std::FILE* out, DecodeStats* stats);

// The same over a buffer already in memory (for tests and fuzzing); appends
// the output to `out`. `name` is used in strict-mode errors.
Status DecodeBuffer(std::string_view data, std::string_view name, const DecodeOptions& options,
                    std::string& out, DecodeStats* stats);

// Writes the --stats summary (human-readable, one item per line).
void PrintStats(const DecodeStats& stats, std::FILE* out);

// ---- Encoding (for the simulator and tests) --------------------------------

// Appends the !AIVDM sentence(s) of a message to `out`, each ending "\r\n"
// and preceded by an NMEA 4.0 tag block with `c:` (seconds) and `s:` when
// `station` is not empty. Sequence ids for multi-part messages cycle 0..9.
void EncodePosition(const PositionReport& report, std::string_view station, std::string& out);
void EncodeStatic(const StaticReport& report, std::string_view station, std::string& out);
// The same with an explicit sequence id (0..9) for the multi-sentence type 5;
// the overload above derives it from the MMSI and time. Type 24 with part 0
// writes both parts A and B.
void EncodeStatic(const StaticReport& report, std::string_view station, int sequence_id,
                  std::string& out);

}  // namespace wk::ais
