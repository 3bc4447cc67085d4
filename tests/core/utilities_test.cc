// core's small shared pieces: each behaviour a caller in another domain relies on.
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <vector>

#include "core/core.h"
#include "testing.h"

namespace wk {
namespace {

TEST(Trim, RemovesAsciiSpaceAndNoBreakSpace) {
  EXPECT_EQ(Trim(" \t KP\xC2\xA0\r\n"), "KP");
  EXPECT_EQ(Trim("\xC2\xA0"), "");
  EXPECT_EQ(Trim("a b"), "a b");
}

TEST(Lower, FoldsAsciiOnlyAndLeavesUtf8Alone) {
  EXPECT_EQ(Lower("CHOE Ŏ"), "choe Ŏ");
  EXPECT_EQ(Upper("rajin"), "RAJIN");
  EXPECT_TRUE(IEquals("Nampo", "NAMPO"));
  EXPECT_TRUE(IStartsWith("IMO 8604917", "imo"));
  EXPECT_EQ(CollapseSpace("  KUM \t UN\nSAN 3 "), "KUM UN SAN 3");
}

TEST(Join, PlainAndNonEmpty) {
  const std::vector<std::string> parts = {"a", "", "b"};
  EXPECT_EQ(Join(parts, ", "), "a, , b");
  EXPECT_EQ(JoinNonEmpty({" Pyongyang ", "", " ", "DPRK"}, ", "), "Pyongyang, DPRK");
}

TEST(Utf8, DecodesFourByteSequencesAndRefusesSurrogates) {
  std::string s;
  AppendUtf8(s, U'𝐀');  // U+1D400 MATHEMATICAL BOLD CAPITAL A
  AppendUtf8(s, U'한');
  EXPECT_EQ(s, "\xF0\x9D\x90\x80\xED\x95\x9C");
  size_t i = 0;
  EXPECT_EQ(DecodeUtf8(s, i), 0x1D400);
  EXPECT_EQ(DecodeUtf8(s, i), 0xD55C);
  EXPECT_TRUE(IsValidUtf8(s));
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));  // a surrogate
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));      // overlong '/'
  EXPECT_EQ(FirstInvalidUtf8("abcdefghij\xFF"), 10u);
}

TEST(Utf8OrConverted, ReadsWindows1252WhenNotUtf8) {
  std::string buffer;
  EXPECT_EQ(Utf8OrConverted("caf\xC3\xA9", buffer), "caf\xC3\xA9");
  EXPECT_EQ(Utf8OrConverted("caf\xE9 \x80", buffer), "caf\xC3\xA9 \xE2\x82\xAC");
}

TEST(CountryCode, ReadsTheListsSpellings) {
  EXPECT_EQ(CountryCode("Korea, North"), "KP");
  EXPECT_EQ(CountryCode("Democratic People's Republic of Korea"), "KP");
  EXPECT_EQ(CountryCode("PRK"), "KP");
  EXPECT_EQ(CountryCode("Russian Federation"), "RU");
  EXPECT_EQ(CountryCode("the Netherlands"), "NL");
  EXPECT_EQ(CountryCode("Cote d'Ivoire"), "CI");
  EXPECT_EQ(CountryCode("Atlantis"), "");
}

TEST(CsvReader, QuotedNewlinesAndLineNumbers) {
  CsvReader r("a,b\n\"x\ny\",\"say \"\"hi\"\"\"\n\nlast,1\n", ',', "t.csv");
  std::vector<std::string> row;
  ASSERT_TRUE(*r.Next(row));
  EXPECT_EQ(row, (std::vector<std::string>{"a", "b"}));
  ASSERT_TRUE(*r.Next(row));
  EXPECT_EQ(r.line(), 2u);
  EXPECT_EQ(row, (std::vector<std::string>{"x\ny", "say \"hi\""}));
  ASSERT_TRUE(*r.Next(row));
  EXPECT_EQ(r.line(), 5u);
  EXPECT_EQ(row, (std::vector<std::string>{"last", "1"}));
  EXPECT_FALSE(*r.Next(row));
}

TEST(CsvReader, ReportsAnUnterminatedQuoteWithItsLine) {
  CsvReader r("a,b\nc,\"open\n", ',', "t.csv");
  std::vector<std::string> row;
  ASSERT_TRUE(*r.Next(row));
  Result<bool> bad = r.Next(row);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().message, "t.csv:2: unterminated quoted field (file truncated?)");
}

TEST(CsvReader, RefusesAFieldOverTheCap) {
  CsvReader r("short,01234567890\n", ',', "t.csv", 8);
  std::vector<std::string> row;
  Result<bool> bad = r.Next(row);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().message, "t.csv:1: field longer than 8 bytes, refused");
}

TEST(SplitCsvLine, TabSeparatedWithQuotes) {
  std::vector<std::string> f;
  ASSERT_TRUE(SplitCsvLine("\"a\tb\"\tc\t", '\t', f));
  EXPECT_EQ(f, (std::vector<std::string>{"a\tb", "c", ""}));
  ASSERT_TRUE(SplitCsvLine("", ',', f));
  EXPECT_EQ(f, (std::vector<std::string>{""}));
  EXPECT_FALSE(SplitCsvLine("\"open,x", ',', f));
}

TEST(CsvHeader, FindsColumnsByNameCaseInsensitively) {
  CsvHeader h({" LOCODE", "Name ", "lat"});
  EXPECT_EQ(h.Find("locode"), 0);
  EXPECT_EQ(h.Get({"KPNAM", " Nampo ", "38.7"}, "name"), "Nampo");
  EXPECT_EQ(h.Get({"KPNAM"}, "lat"), "");
  EXPECT_EQ(h.Find("radius_km"), -1);
}

TEST(ReadFile, ReadsRefusesDirectoriesAndOversizeFiles) {
  testing::TempDir dir;
  testing::WriteFile(dir.File("a.txt"), "0123456789");
  Result<std::string> ok = ReadFile(dir.File("a.txt"));
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(*ok, "0123456789");
  Result<std::string> big = ReadFile(dir.File("a.txt"), 9);
  ASSERT_FALSE(big.ok());
  EXPECT_EQ(big.error().code, ErrorCode::kInvalidInput);
  EXPECT_NE(big.error().message.find("a.txt: larger than 9 bytes"), std::string::npos);
  Result<std::string> d = ReadFile(dir.path().string());
  ASSERT_FALSE(d.ok());
  EXPECT_NE(d.error().message.find("a directory"), std::string::npos);
  Result<std::string> missing = ReadFile(dir.File("none"));
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::kIo);
}

TEST(ContentHash, IsFnv1a64OfTheConcatenation) {
  // FNV-1a's step (xor the byte, multiply by the prime) from the project's
  // offset basis, which stored list versions depend on (core/hash.h).
  EXPECT_EQ(Fnv1a64(""), 1469598103934665603ULL);
  EXPECT_EQ(Fnv1a64("a"), (1469598103934665603ULL ^ 'a') * 1099511628211ULL);
  EXPECT_EQ(Fnv1a64("ab"), Fnv1a64("b", Fnv1a64("a")));
  EXPECT_EQ(ContentHash().Add("fo").Add("obar").Hex(), HashHex(Fnv1a64("foobar")));
  EXPECT_EQ(HashHex(0xaf63dc4c8601ec8cULL), "af63dc4c8601ec8c");
}

TEST(ParallelForChunks, VisitsEveryItemOnceFromEveryWorker) {
  std::vector<std::atomic<int>> seen(10007);
  std::atomic<unsigned> max_worker{0};
  ParallelForChunks(seen.size(), 100, 4, [&](size_t begin, size_t end, unsigned worker) {
    for (size_t i = begin; i < end; ++i) ++seen[i];
    unsigned m = max_worker.load();
    while (worker > m && !max_worker.compare_exchange_weak(m, worker)) {
    }
  });
  for (const auto& s : seen) ASSERT_EQ(s.load(), 1);
  EXPECT_LT(max_worker.load(), 4u);
  EXPECT_GE(WorkerThreads(), 1u);
  EXPECT_LE(WorkerThreads(), 8u);
  EXPECT_EQ(WorkerThreads(3), 3u);
}

TEST(JsonWriter, NestsAndSeparatesValues) {
  std::string out;
  JsonWriter w(out);
  w.BeginObject().Field("mmsi", 445619452).Field("name", "CHON \"MA\" SAN");
  w.Key("seen").BeginArray().TimeS(1704067200).Null().BeginObject().EndObject().EndArray();
  w.Key("speed").Decimal(10.50, 1).Field("ok", true).Field("nan", std::nan(""));
  w.Field("none", std::optional<int>()).Key("raw").Raw("[1,2]");
  w.EndObject();
  EXPECT_EQ(out,
            "{\"mmsi\":445619452,\"name\":\"CHON \\\"MA\\\" SAN\",\"seen\":[\"2024-01-01T00:00:00Z\","
            "null,{}],\"speed\":10.5,\"ok\":true,\"nan\":null,\"none\":null,\"raw\":[1,2]}");
}

TEST(FloorSeconds, RoundsTowardThePast) {
  EXPECT_EQ(FloorSeconds(1999), 1);
  EXPECT_EQ(FloorSeconds(0), 0);
  EXPECT_EQ(FloorSeconds(-1), -1);
  EXPECT_EQ(FloorSeconds(-1000), -1);
  EXPECT_EQ(FloorSeconds(-1001), -2);
}

}  // namespace
}  // namespace wk
