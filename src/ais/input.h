// Private to src/ais/: one input (file or buffer) line by line. Tells the
// layout apart from the first meaningful line (NMEA, DMA CSV, NOAA CSV),
// decodes, writes the chosen output into a caller-owned buffer and/or hands
// reports to a sink, and counts. No allocation per line after warm-up.
#pragma once

#include <cstdio>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ais/ais.h"
#include "ais/bits.h"
#include "ais/csv.h"
#include "ais/decode.h"
#include "ais/nmea.h"

namespace wk::ais {

class InputDecoder {
 public:
  // `out` receives JSON lines or position CSV rows; `static_out` (CSV only)
  // the static-data rows. `sink` may be null.
  InputDecoder(const DecodeOptions& options, std::string_view name, OutBuffer* out,
               OutBuffer* static_out, const ReportSink* sink, DecodeStats* stats);

  // One line without its newline. False when strict mode stops: error().
  bool Line(std::string_view line);
  // A line longer than the reader can hold: counted as malformed.
  bool LongLine();
  // End of input: pending fragments count as incomplete.
  void Finish();
  const std::string& error() const { return error_; }
  uint64_t line_no() const { return line_no_; }

  // ---- Parallel decoding (see reader.cc) ----
  // This decoder will read a region that follows one another decoder reads:
  // its NMEA state starts empty and later fragments that may belong to the
  // other region are kept as orphans.
  void StartRegion();
  // Undoes everything since StartRegion() (counts, line numbers, orphans).
  void DiscardRegion();
  // This decoder holds the state of the stream (orphans are not kept).
  void ContinueStream() { nmea_.StopOrphans(); }
  bool is_nmea() const { return layout_ == Layout::kNmea; }
  void AssumeNmea() { layout_ = Layout::kNmea; }
  bool has_pending_time() const { return nmea_.has_pending_time(); }
  // Feeds `next`'s orphans, in order, to this decoder (which read the region
  // before `next`'s); the messages they complete go to `splice`, and
  // `splices` gets (offset in next's output, end in splice) for each. Then
  // drops this decoder's unfinished messages (counted as incomplete).
  void AdoptOrphans(InputDecoder& next, OutBuffer& splice,
                    std::vector<std::pair<size_t, size_t>>& splices);

 private:
  enum class Layout : uint8_t { kUnknown, kNmea, kCsv };
  bool Fail(const char* reason);
  // Decodes an assembled message, writes and hands on its output; returns
  // why it is malformed (nothing written) or null.
  const char* Message(const RawMessage& m);

  DecodeOptions options_;
  std::string_view name_;
  OutBuffer* out_;
  OutBuffer* static_out_;
  std::string scratch_;  // CSV formatting, reused
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
  struct Orphan {
    std::string_view line;  // into the caller's block, alive until the merge
    size_t out_offset;
    uint64_t line_no;
  };
  std::vector<Orphan> orphans_;
  uint64_t region_start_line_ = 0;
  DecodeStats region_start_stats_;
  uint64_t region_start_incomplete_ = 0;
};

// CSV output of the report types (docs/ais.md).
void AppendPositionCsvHeader(std::string& out);
void AppendStaticCsvHeader(std::string& out);
void AppendPositionCsv(const PositionReport& p, std::string& out);
void AppendStaticCsv(const StaticReport& s, std::string& out);

}  // namespace wk::ais
