// The decode hot loop leaves the heap alone after warm-up: a counting
// operator new for this test binary, and a second pass over real captures
// that must not allocate, for every output and for the report sink.
#include <atomic>
#include <cstdlib>
#include <new>
#include <string>
#include <vector>

#include "ais/input.h"
#include "testing.h"

namespace {
std::atomic<bool> g_counting{false};
std::atomic<uint64_t> g_allocations{0};
}  // namespace

void* operator new(std::size_t n) {
  if (g_counting.load(std::memory_order_relaxed)) g_allocations.fetch_add(1);
  if (void* p = std::malloc(n ? n : 1)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t n) { return operator new(n); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }

namespace wk::ais {
namespace {

using testing::ReadFile;
using testing::SharedData;
using testing::SplitLines;

uint64_t AllocationsInSecondPass(const std::vector<std::string>& lines, OutputFormat format,
                                 bool with_sink) {
  DecodeOptions options;
  options.format = format;
  OutBuffer out, static_out;
  uint64_t positions = 0, statics = 0;
  ReportSink sink;
  sink.position = [&positions](const PositionReport&) { ++positions; };
  sink.static_report = [&statics](const StaticReport&) { ++statics; };
  DecodeStats stats;
  InputDecoder dec(options, "test", format == OutputFormat::kNone ? nullptr : &out, &static_out,
                   with_sink ? &sink : nullptr, &stats);
  for (const std::string& line : lines) dec.Line(line);  // warm-up
  out.clear();
  static_out.clear();
  g_allocations = 0;
  g_counting = true;
  for (const std::string& line : lines) dec.Line(line);
  g_counting = false;
  EXPECT_GT(stats.messages, 1000u);
  return g_allocations.load();
}

std::vector<std::string> CaptureLines() {
  std::vector<std::string> lines;
  for (const char* rel : {"ais/dma-aislib/stream_example.txt", "ais/gpsd-regress/sample.aivdm",
                          "ais/aisdb/test_data_20211101.nm4", "ais/gpsd-regress/ais-nmea-type6-fid55.log",
                          "ais/libais/tagblock.nmea", "ais/dma-aislib/ais250.txt"}) {
    for (std::string& l : SplitLines(ReadFile(SharedData(rel)))) lines.push_back(std::move(l));
  }
  return lines;
}

TEST(DecodeHotLoop, NoAllocationPerMessageAfterWarmUp) {
  WK_REQUIRE_SHARED("ais/dma-aislib/stream_example.txt");
  const std::vector<std::string> lines = CaptureLines();
  EXPECT_EQ(AllocationsInSecondPass(lines, OutputFormat::kJsonl, false), 0u);
  EXPECT_EQ(AllocationsInSecondPass(lines, OutputFormat::kCsv, false), 0u);
  EXPECT_EQ(AllocationsInSecondPass(lines, OutputFormat::kNone, true), 0u);
}

TEST(DecodeHotLoop, CsvInputDoesNotAllocateEither) {
  WK_REQUIRE_SHARED("ais/csv/aisdb_test_data_noaa_20230101.csv");
  const std::vector<std::string> lines =
      SplitLines(ReadFile(SharedData("ais/csv/aisdb_test_data_noaa_20230101.csv")));
  DecodeOptions options;
  OutBuffer out;
  DecodeStats stats;
  InputDecoder dec(options, "test", &out, nullptr, nullptr, &stats);
  for (const std::string& line : lines) dec.Line(line);
  // The same rows again (the header is read only once per input).
  out.clear();
  g_allocations = 0;
  g_counting = true;
  for (size_t i = 1; i < lines.size(); ++i) dec.Line(lines[i]);
  g_counting = false;
  EXPECT_EQ(g_allocations.load(), 0u);
  EXPECT_EQ(stats.messages, 2 * (lines.size() - 1) - (lines.back().empty() ? 2 : 0));
}

}  // namespace
}  // namespace wk::ais
