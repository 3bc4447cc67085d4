// libFuzzer target: the NMEA path of `ais decode` (framing, tag blocks,
// assembly, every decoder, JSON and CSV output), lax and strict.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "ais/ais.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  wk::ais::DecodeOptions options;
  options.strict = size > 0 && (data[0] & 1);
  options.format = size > 1 && (data[1] & 1) ? wk::ais::OutputFormat::kCsv : wk::ais::OutputFormat::kJsonl;
  std::string out;
  wk::ais::DecodeStats stats;
  (void)wk::ais::DecodeBuffer(input, "fuzz", options, out, &stats);
  if (stats.messages > stats.sentences + stats.lines) __builtin_trap();
  return 0;
}
