// Private to src/ais/: one input (file or buffer) line by line. Tells the
// layout apart from the first meaningful line (NMEA, DMA CSV, NOAA CSV),
// decodes, writes the chosen output into a caller-owned buffer and/or hands
// reports to a sink, and counts. No allocation per line after warm-up.
#pragma once

#include <cstdio>
#include <string>
#include <string_view>

#include "ais/ais.h"
#include "ais/bits.h"
#include "ais/csv.h"
#include "ais/nmea.h"

namespace wk::ais {

class InputDecoder {
 public:
  // `out` receives JSON lines or position CSV rows; `static_out` (CSV only)
  // the static-data rows. `sink` may be null.
  InputDecoder(const DecodeOptions& options, std::string_view name, std::string* out,
               std::string* static_out, const ReportSink* sink, DecodeStats* stats);

  // One line without its newline. False when strict mode stops: error().
  bool Line(std::string_view line);
  // A line longer than the reader can hold: counted as malformed.
  bool LongLine();
  // End of input: pending fragments count as incomplete.
  void Finish();
  const std::string& error() const { return error_; }
  uint64_t line_no() const { return line_no_; }

 private:
  enum class Layout : uint8_t { kUnknown, kNmea, kCsv };
  bool Fail(const char* reason);
  void Message(const RawMessage& m);

  DecodeOptions options_;
  std::string_view name_;
  std::string* out_;
  std::string* static_out_;
  const ReportSink* sink_;
  DecodeStats* stats_;
  DecodeStats local_stats_;
  Layout layout_ = Layout::kUnknown;
  uint64_t line_no_ = 0;
  std::string error_;
  NmeaReader nmea_;
  CsvReader csv_;
  Bits bits_;
  PositionReport pos_;
  StaticReport stat_;
};

// CSV output of the report types (docs/ais.md).
void AppendPositionCsvHeader(std::string& out);
void AppendStaticCsvHeader(std::string& out);
void AppendPositionCsv(const PositionReport& p, std::string& out);
void AppendStaticCsv(const StaticReport& s, std::string& out);

}  // namespace wk::ais
