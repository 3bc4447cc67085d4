// Malformed, truncated and hostile list files: clear errors naming the file,
// the line and the reason; never a crash, never a hang.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "lists/lists.h"
#include "testing.h"

namespace wk::lists {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;
using ::wk::testing::SharedData;
using ::wk::testing::TempDir;

constexpr char kUnHead[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<CONSOLIDATED_LIST dateGenerated=\"2026-01-01T00:00:00Z\">\n"
    "<INDIVIDUALS>\n";
constexpr char kUnTail[] = "</INDIVIDUALS>\n<ENTITIES/>\n</CONSOLIDATED_LIST>\n";

std::string UnIndividual(const std::string& ref, const std::string& first_name) {
  return "<INDIVIDUAL><DATAID>1</DATAID><FIRST_NAME>" + first_name + "</FIRST_NAME><UN_LIST_TYPE>DPRK</UN_LIST_TYPE>"
         "<REFERENCE_NUMBER>" + ref + "</REFERENCE_NUMBER><LISTED_ON>2016-11-30</LISTED_ON></INDIVIDUAL>\n";
}

TEST(BadInput, BillionLaughsIsRefusedWithoutExpansion) {
  std::string xml =
      "<?xml version=\"1.0\"?>\n"
      "<!DOCTYPE CONSOLIDATED_LIST [\n"
      " <!ENTITY lol \"lol\">\n";
  for (int i = 1; i <= 9; ++i) {
    xml += " <!ENTITY lol" + std::to_string(i) + " \"";
    for (int k = 0; k < 10; ++k) xml += "&lol" + (i == 1 ? std::string() : std::to_string(i - 1)) + ";";
    xml += "\">\n";
  }
  xml += "]>\n<CONSOLIDATED_LIST><INDIVIDUALS>" + UnIndividual("KPi.001", "&lol9;") + "</INDIVIDUALS></CONSOLIDATED_LIST>\n";
  Result<ListFile> r = ParseList(xml, "laughs.xml");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, "laughs.xml:2: DOCTYPE with an internal subset (entity declarations) refused");
}

TEST(BadInput, UndeclaredEntitiesAreNeverExpanded) {
  // Without a DTD pugixml leaves an unknown reference as text.
  Result<ListFile> r = ParseList(std::string(kUnHead) + UnIndividual("KPi.001", "A &lol9; B") + kUnTail, "u.xml");
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r->entities.size(), 1u);
  EXPECT_EQ(r->entities[0].names[0].full, "A &lol9; B");
}

TEST(BadInput, AHugeNameIsCappedWithFileAndLine) {
  // A field of 2 MiB stands for the 1 GB name: the cap is what is tested.
  const std::string big(2u << 20, 'A');
  Result<ListFile> r =
      ParseList(std::string(kUnHead) + UnIndividual("KPi.001", "OK") + UnIndividual("KPi.002", big) + kUnTail, "big.xml");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, "big.xml:5: text longer than 1 MiB, refused");
  // A name over the 4096-byte name limit but under the field cap.
  r = ParseList(std::string(kUnHead) + UnIndividual("KPi.001", std::string(5000, 'B')) + kUnTail, "long.xml");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, "long.xml:4: name of 5000 bytes is longer than the 4096-byte limit");
  // The same in a CSV field.
  const std::string csv = "1,\"" + big + "\",-0- ,\"X\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n";
  r = ParseList(csv, "sdn.csv");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, "sdn.csv:1: field longer than 1 MiB, refused");
}

TEST(BadInput, InvalidUtf8NamesTheLine) {
  Result<ListFile> r =
      ParseList(std::string(kUnHead) + UnIndividual("KPi.001", "OK") + UnIndividual("KPi.002", "K\xC3\x28M") + kUnTail,
                "bad.xml");
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.error().message, StartsWith("bad.xml:5: invalid UTF-8 (byte 0xC3 at offset "));
  const std::string csv =
      "1,\"GOOD\",-0- ,\"X\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n"
      "2,\"B\xFF" "AD\",-0- ,\"X\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n";
  r = ParseList(csv, "sdn.csv");
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.error().message, StartsWith("sdn.csv:2: invalid UTF-8 (byte 0xFF"));
  // Overlong encodings and surrogates are invalid too.
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));
  EXPECT_TRUE(IsValidUtf8("Ri Chol \xEB\xA6\xAC\xEC\xB2\xA0"));
}

TEST(BadInput, TruncatedFilesNameFileLineAndReason) {
  WK_REQUIRE_SHARED("lists/un/UN_consolidated.xml");
  const std::string xml = ::wk::testing::ReadFile(SharedData("lists/un/UN_consolidated.xml"));
  Result<ListFile> r = ParseList(std::string_view(xml).substr(0, 100000), "un.xml");
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.error().message, StartsWith("un.xml:"));
  EXPECT_THAT(r.error().message, HasSubstr("malformed XML"));
  EXPECT_THAT(r.error().message, HasSubstr("truncated"));
  const std::string sdn = ::wk::testing::ReadFile(SharedData("lists/ofac/sdn-csv-2024-05-03/sdn.csv"));
  // Cut inside a quoted remarks field.
  const size_t cut = sdn.find("\"Secondary sanctions risk") + 10;
  r = ParseList(std::string_view(sdn).substr(0, cut), "sdn.csv");
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.error().message, HasSubstr("unterminated quoted field (file truncated?)"));
  // Cut between fields.
  const size_t cut2 = sdn.find(",\"vessel\",") + 1;
  r = ParseList(std::string_view(sdn).substr(0, cut2), "sdn.csv");
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.error().message, HasSubstr("expected 12 (truncated or not an OFAC file?)"));
  const std::string uk = ::wk::testing::ReadFile(SharedData("lists/uk/sanctionsconlist-2018-04-13.csv"));
  r = ParseList(std::string_view(uk).substr(0, uk.size() / 2), "ConList.csv");
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.error().message, StartsWith("ConList.csv:"));
  EXPECT_THAT(r.error().message, HasSubstr("truncated"));
  const std::string eu = ::wk::testing::ReadFile(SharedData("lists/eu/EUSanctionsShort-2018-07-04.csv"));
  r = ParseList(std::string_view(eu).substr(0, eu.size() / 2), "eu.csv");
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.error().message, StartsWith("eu.csv:"));
  EXPECT_THAT(r.error().message, HasSubstr("truncated"));
}

TEST(BadInput, WrongFormatsAreNamed) {
  for (const char* text : {"", "{\"name\":\"json\"}", "\x7f" "ELF\x02\x01", "name,dob\nKIM,1960\n",
                           "<?xml version=\"1.0\"?><rss><channel/></rss>"}) {
    Result<ListFile> r = ParseList(text, "x.bin");
    ASSERT_FALSE(r.ok()) << text;
    EXPECT_THAT(r.error().message, StartsWith("x.bin:"));
  }
  TempDir dir;
  Result<ListFile> r = ReadListFile(dir.File("missing.xml"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kIo);
  EXPECT_THAT(r.error().message, HasSubstr("missing.xml: cannot open"));
  r = ReadListFile(dir.path().string());
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.error().message, HasSubstr("is a directory"));
}

TEST(BadInput, DeepNestingAndManyAttributesDoNotCrash) {
  std::string xml = std::string(kUnHead) + "<INDIVIDUAL>";
  for (int i = 0; i < 200000; ++i) xml += "<X>";
  for (int i = 0; i < 200000; ++i) xml += "</X>";
  xml += "</INDIVIDUAL>" + std::string(kUnTail);
  Result<ListFile> r = ParseList(xml, "deep.xml");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, "deep.xml:4: entry without REFERENCE_NUMBER or DATAID");
}

TEST(BadInput, EntriesWithoutNamesOrReferencesAreErrors) {
  Result<ListFile> r = ParseList(std::string(kUnHead) + UnIndividual("KPi.001", "") + kUnTail, "n.xml");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, "n.xml:4: entry KPi.001 has no name");
  r = ParseList("1,\"\",-0- ,\"X\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n", "sdn.csv");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, "sdn.csv:1: entry 1 has no name");
  r = ParseList("1x,\"A\",-0- ,\"X\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n", "sdn.csv");
  ASSERT_FALSE(r.ok());
}

TEST(BadInput, Issue1FuzzOverlongDatePartsAreNoDates) {
  // Found by lists_uk_fuzz: a day of nine digits overflowed an int.
  Result<ListFile> r = ParseList(
      "Report Date: 01-Feb-2026\nUnique ID,Name 6,Name type,Designation Type,D.O.B\n"
      "X1,A,Primary Name,Individual,777777777 Jan 1960\n",
      "uk.csv");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_TRUE(r->entities[0].birth_dates.empty());
}

TEST(BadInput, RepeatedReferencesMergeIntoOneEntity) {
  Result<ListFile> r = ParseList(std::string(kUnHead) + UnIndividual("KPi.001", "RI CHOL") +
                                     UnIndividual("KPi.001 ", "RI CHOL SU") + kUnTail,
                                 "dup.xml");
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r->entities.size(), 1u);
  ASSERT_EQ(r->entities[0].names.size(), 2u);
  EXPECT_EQ(r->entities[0].names[1].kind, NameKind::kAlias);
}

}  // namespace
}  // namespace wk::lists
