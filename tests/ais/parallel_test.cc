// The two-thread path prints exactly what one thread prints, counts the same,
// and keeps the order, also when a block boundary falls between the
// fragments of a message or after a time header.
#include <cstdio>
#include <string>

#include "ais/ais.h"
#include "testing.h"

namespace wk::ais {
namespace {

using testing::ReadFile;
using testing::SharedData;
using testing::TempDir;
using testing::WriteFile;

struct Run {
  std::string out;
  DecodeStats stats;
};

Run Decode(const std::string& path, OutputFormat format, int threads) {
  Run r;
  DecodeOptions options;
  options.format = format;
  options.threads = threads;
  std::FILE* f = std::tmpfile();
  EXPECT_TRUE(DecodeFiles({path}, options, f, &r.stats).ok());
  std::rewind(f);
  char buf[1 << 16];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) r.out.append(buf, n);
  std::fclose(f);
  return r;
}

void ExpectSameAsOneThread(const std::string& input) {
  TempDir dir;
  const std::string path = dir.File("in.nmea");
  WriteFile(path, input);
  for (OutputFormat format : {OutputFormat::kJsonl, OutputFormat::kNone}) {
    Run one = Decode(path, format, 1), two = Decode(path, format, 2);
    EXPECT_EQ(one.out.size(), two.out.size());
    EXPECT_TRUE(one.out == two.out);
    EXPECT_EQ(one.stats.lines, two.stats.lines);
    EXPECT_EQ(one.stats.sentences, two.stats.sentences);
    EXPECT_EQ(one.stats.messages, two.stats.messages);
    EXPECT_EQ(one.stats.malformed, two.stats.malformed);
    EXPECT_EQ(one.stats.bad_checksums, two.stats.bad_checksums);
    EXPECT_EQ(one.stats.incomplete, two.stats.incomplete);
    for (int t = 0; t < 64; ++t) EXPECT_EQ(one.stats.by_type[t], two.stats.by_type[t]) << t;
    EXPECT_GT(one.stats.messages, 1000u);
  }
}

std::string Repeat(const std::string& s, size_t min_bytes) {
  std::string out;
  while (out.size() < min_bytes) out += s;
  return out;
}

TEST(ParallelDecode, SameOutputAsOneThreadOnRealCaptures) {
  WK_REQUIRE_SHARED("ais/dma-aislib/stream_example.txt");
  std::string all;
  for (const char* rel : {"ais/dma-aislib/stream_example.txt", "ais/aisdb/test_data_20211101.nm4",
                          "ais/gpsd-regress/ais-nmea-type6-fid55.log", "ais/libais/tagblock.nmea",
                          "ais/dma-aislib/small_cb_example.txt", "ais/gpsd-regress/sample.aivdm"}) {
    all += ReadFile(SharedData(rel));
  }
  ExpectSameAsOneThread(Repeat(all, 10u << 20));
}

TEST(ParallelDecode, BoundariesBetweenFragmentsAndAfterTimeHeaders) {
  const std::string two_part =
      "!AIVDM,2,1,1,A,55?MbV02;H;s<HtKR20EHE:0@T4@Dn2222222216L961O5Gf0NSQEp6ClRp8,0*1C\n"
      "!AIVDM,2,2,1,A,88888888880,2*25\n";
  const std::string pghp = "$PGHP,1,2010,6,11,11,46,11,390,231,45,992190934,1,2B*5B\n";
  const std::string type1 = "!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A\n";
  // Every other line a second fragment; every other line a time header.
  ExpectSameAsOneThread(Repeat(two_part, 9u << 20));
  ExpectSameAsOneThread(Repeat(pghp + type1 + pghp + two_part, 9u << 20));
  // Lone first fragments (never finished) and lone second fragments.
  ExpectSameAsOneThread(Repeat(two_part.substr(0, two_part.find('\n') + 1) + type1 +
                                   two_part.substr(two_part.find('\n') + 1),
                               9u << 20));
}

}  // namespace
}  // namespace wk::ais
