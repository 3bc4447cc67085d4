// Damaged input: random bytes, NUL bytes, invalid UTF-8, a 2 MB line without
// a newline, truncated multi-part messages and real captures with bytes
// flipped. Nothing crashes or hangs, the status is 0 (1 with --strict), and
// every intact sentence around the damage is still decoded.
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "ais/ais.h"
#include "sentences.h"
#include "testing.h"

namespace wk::ais {
namespace {

using namespace ::wk::testing;
using ::wk::testing::ReadFile;  // not core's wk::ReadFile
using nlohmann::json;

size_t CountMmsi(const std::string& out, const char* mmsi) {
  size_t n = 0;
  for (size_t pos = 0; (pos = out.find(mmsi, pos)) != std::string::npos; ++pos) ++n;
  return n;
}

std::string DecodeText(const std::string& input, DecodeStats* stats = nullptr) {
  std::string out;
  EXPECT_TRUE(DecodeBuffer(input, "test", DecodeOptions{}, out, stats).ok());
  return out;
}

// Garbage made by `make`, then a good sentence on its own line, `rounds` times.
template <typename Make>
void ExpectGoodSentencesSurvive(Make&& make, int rounds) {
  std::string input;
  for (int i = 0; i < rounds; ++i) {
    input += make(i);
    input += "\n";
    input += kType1;
    input += "\n";
  }
  DecodeStats stats;
  std::string out = DecodeText(input, &stats);
  EXPECT_EQ(CountMmsi(out, "\"mmsi\":371798000"), static_cast<size_t>(rounds));
  // The output is JSON Lines whatever came in.
  for (const std::string& line : SplitLines(out)) {
    if (!line.empty()) {
      EXPECT_FALSE(json::parse(line, nullptr, false).is_discarded()) << line;
    }
  }
}

TEST(BadInput, RandomBytes) {
  std::mt19937 rng(42);
  ExpectGoodSentencesSurvive([&](int) {
    std::string s(1 + rng() % 300, '\0');
    for (char& c : s) c = static_cast<char>(rng());
    return s;
  }, 2000);
}

TEST(BadInput, RandomBytesThatLookLikeNmea) {
  // Sentence-shaped noise: fields, tag blocks and checksums in random places.
  std::mt19937 rng(7);
  const std::string alphabet = "!\\$*,:0123456789ABCDEFVDMOaisgc-`wW@?";
  ExpectGoodSentencesSurvive([&](int) {
    std::string s = rng() % 2 ? "!AIVDM," : "\\c:1,";
    for (size_t n = rng() % 120; n > 0; --n) s += alphabet[rng() % alphabet.size()];
    return s;
  }, 2000);
}

TEST(BadInput, NulBytesAndInvalidUtf8) {
  ExpectGoodSentencesSurvive([](int i) {
    std::string s = "!AIVDM,1,1,,A,15RTgt0P";
    s += std::string(1 + i % 5, '\0');
    s += "\xC3\x28\xFF\xFE\xED\xA0\x80";
    s += "\\s:\xF0\x28\x8C\xBC,c:1704067200*00\\";
    return s;
  }, 500);
}

TEST(BadInput, TwoMegabyteLineWithoutNewline) {
  const std::string huge(2 << 20, 'A');
  // In memory, and through the command line's chunked reader.
  std::string out = DecodeText(std::string(kType1) + "\n" + huge + "\n" + kType1 + "\n" + huge);
  EXPECT_EQ(CountMmsi(out, "\"mmsi\":371798000"), 2u);
  TempDir dir;
  WriteFile(dir.File("big.nmea"), std::string(kType1) + "\n" + huge + "\n" + kType1 + "\n" + huge);
  auto r = RunCli({"ais", "decode", "--stats", dir.File("big.nmea")});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(CountMmsi(r.out, "\"mmsi\":371798000"), 2u);
  EXPECT_NE(r.err.find("malformed lines: 2"), std::string::npos) << r.err;
  auto strict = RunCli({"ais", "decode", "--strict", dir.File("big.nmea")});
  EXPECT_EQ(strict.status, 1);
  EXPECT_NE(strict.err.find(":2: line too long"), std::string::npos) << strict.err;
}

TEST(BadInput, TruncatedMultiPartMessages) {
  DecodeStats stats;
  std::string input;
  for (int i = 0; i < 100; ++i) input += std::string(kType5a) + "\n" + kType1 + "\n";
  input += kType5a;  // and one cut off at the end of the input, without a newline
  std::string out = DecodeText(input, &stats);
  EXPECT_EQ(CountMmsi(out, "\"mmsi\":371798000"), 100u);
  EXPECT_EQ(stats.by_type[5], 0u);
  EXPECT_EQ(stats.incomplete, 101u);
  std::string cut = kType5a;
  cut.resize(cut.size() / 2);
  out = DecodeText(cut + "\n" + kType1 + "\n" + cut);
  EXPECT_EQ(CountMmsi(out, "\"mmsi\":371798000"), 1u);
}

// The JSON objects of `out` without "t" (a damaged time header changes only
// the time of the sentence after it), as a multiset.
std::map<std::string, int> Messages(const std::string& out) {
  std::map<std::string, int> m;
  for (const std::string& line : SplitLines(out)) {
    if (line.empty()) continue;
    json j = json::parse(line);
    j.erase("t");
    ++m[j.dump()];
  }
  return m;
}

TEST(BadInput, RealCapturesWithBytesFlipped) {
  WK_REQUIRE_SHARED("ais/dma-aislib/stream_example.txt");
  const char* captures[] = {"ais/dma-aislib/stream_example.txt", "ais/gpsd-regress/sample.aivdm",
                            "ais/aisdb/test_data_20211101.nm4", "ais/gpsd-regress/ais-nmea.log",
                            "ais/libais/test.aivdm", "ais/dma-aislib/small_cb_example.txt"};
  std::mt19937 rng(2024);
  for (const char* rel : captures) {
    std::vector<std::string> lines = SplitLines(ReadFile(SharedData(rel)));
    std::string damaged, intact_only;
    size_t flipped = 0;
    for (size_t i = 0; i < lines.size(); ++i) {
      std::string line = lines[i];
      if (rng() % 10 == 0 && !line.empty()) {
        // Flip one byte (never into a line break) and drop the line from the
        // reference input: everything else must decode as if it were absent.
        size_t at = rng() % line.size();
        char c;
        do c = static_cast<char>(line[at] ^ static_cast<char>(1 + rng() % 255));
        while (c == '\n' || c == '\r');
        line[at] = c;
        damaged += line + "\n";
        ++flipped;
        continue;
      }
      damaged += line + "\n";
      intact_only += line + "\n";
    }
    ASSERT_GE(flipped, lines.size() / 20) << rel;
    auto expected = Messages(DecodeText(intact_only));
    auto got = Messages(DecodeText(damaged));
    size_t missing = 0, total = 0;
    for (const auto& [msg, n] : expected) {
      total += n;
      auto it = got.find(msg);
      const int have = it == got.end() ? 0 : it->second;
      if (have < n) missing += n - have;
    }
    EXPECT_EQ(missing, 0u) << rel << ": " << missing << " of " << total
                           << " messages from intact lines lost";
    EXPECT_GT(total, 0u);
    // The command line agrees: exit 0, or 1 with --strict.
    TempDir dir;
    WriteFile(dir.File("damaged"), damaged);
    EXPECT_EQ(RunCli({"ais", "decode", "--format", "none", dir.File("damaged")}).status, 0);
  }
}

TEST(BadInput, StrictModeFailsOnDamagedCapture) {
  WK_REQUIRE_SHARED("ais/gpsd-regress/sample.aivdm");
  std::string text = ReadFile(SharedData("ais/gpsd-regress/sample.aivdm"));
  size_t at = text.find("!AIVDM,1,1,,A,15RTgt0P");
  ASSERT_NE(at, std::string::npos);
  text[at + 20] ^= 0x01;  // a payload character: the checksum no longer matches
  TempDir dir;
  WriteFile(dir.File("damaged"), text);
  auto r = RunCli({"ais", "decode", "--strict", dir.File("damaged")});
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("bad checksum"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace wk::ais
