#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <sstream>

#include "lists/lists.h"
#include "testing.h"

namespace wk::lists {
namespace {

using ::wk::testing::SharedData;

const Entity* FindId(const std::vector<Entity>& v, std::string_view id) {
  for (const Entity& e : v)
    if (e.id == id) return &e;
  return nullptr;
}

bool HasId(const Entity& e, IdType type, std::string_view value) {
  for (const Identifier& id : e.identifiers)
    if (id.type == type && id.value == value) return true;
  return false;
}

std::map<Schema, int> CountSchemas(const std::vector<Entity>& v) {
  std::map<Schema, int> m;
  for (const Entity& e : v) ++m[e.schema];
  return m;
}

TEST(ParseUnXml, ImportsEveryEntryOfTheRealList) {
  WK_REQUIRE_SHARED("lists/un/UN_consolidated.xml");
  Result<ListFile> list = ReadListFile(SharedData("lists/un/UN_consolidated.xml"));
  ASSERT_TRUE(list.ok()) << list.error().message;
  EXPECT_EQ(list->format, Format::kUnXml);
  EXPECT_EQ(list->generated, "2026-02-27T00:00:09.554Z");
  // SOURCES.md: 1,003 entries (730 INDIVIDUAL + 273 ENTITY).
  EXPECT_EQ(list->entities.size(), 1003u);
  auto schemas = CountSchemas(list->entities);
  EXPECT_EQ(schemas[Schema::kPerson], 730);
  EXPECT_EQ(schemas[Schema::kOrganization], 273);
  int dprk = 0;
  for (const Entity& e : list->entities)
    if (std::find(e.programmes.begin(), e.programmes.end(), "DPRK") != e.programmes.end()) ++dprk;
  EXPECT_EQ(dprk, 155);
  // SOURCES.md: 2,752 non-empty aliases; 11 repeat another alias of the same
  // entry and are kept once; plus 378 NAME_ORIGINAL_SCRIPT names.
  size_t other_names = 0;
  for (const Entity& e : list->entities) other_names += e.names.size() - 1;
  EXPECT_EQ(other_names, 2752u - 11u + 378u);
}

TEST(ParseUnXml, TrimsReferenceNumbersAndReadsImoCompanyNumbers) {
  WK_REQUIRE_SHARED("lists/un/UN_consolidated.xml");
  Result<std::vector<Entity>> e = ParseListFile(SharedData("lists/un/UN_consolidated.xml"));
  ASSERT_TRUE(e.ok()) << e.error().message;
  EXPECT_NE(FindId(*e, "un:KPe.056"), nullptr);  // "KPe.056 " in the file
  const Entity* omm = FindId(*e, "un:KPe.020");
  ASSERT_NE(omm, nullptr);
  EXPECT_EQ(omm->names[0].full, "OCEAN MARITIME MANAGEMENT COMPANY, LIMITED (OMM)");
  EXPECT_TRUE(HasId(*omm, IdType::kImoCompany, "1790183"));
  int with_imo = 0;
  for (const Entity& x : *e)
    for (const Identifier& id : x.identifiers)
      if (id.type == IdType::kImoCompany && x.id.rfind("un:KPe.", 0) == 0) {
        ++with_imo;
        break;
      }
  EXPECT_EQ(with_imo, 16);  // SOURCES.md: 16 KPe entities carry an IMO company number
}

TEST(ParseUnXml, ReadsAliasesWithQualityDatesAndDocuments) {
  WK_REQUIRE_SHARED("lists/un/UN_consolidated.xml");
  Result<std::vector<Entity>> e = ParseListFile(SharedData("lists/un/UN_consolidated.xml"));
  ASSERT_TRUE(e.ok()) << e.error().message;
  const Entity* kp = FindId(*e, "un:KPi.001");
  ASSERT_NE(kp, nullptr);
  EXPECT_EQ(kp->schema, Schema::kPerson);
  EXPECT_EQ(kp->names[0].kind, NameKind::kPrimary);
  EXPECT_EQ(kp->names[0].script, "Latn");
  EXPECT_THAT(kp->programmes, ::testing::Contains("DPRK"));
  EXPECT_FALSE(kp->listed_on.empty());
  int weak = 0, good = 0, arabic = 0, passports = 0, nat = 0;
  for (const Entity& x : *e) {
    for (const Name& n : x.names) {
      if (n.kind == NameKind::kWeakAlias) ++weak;
      if (n.kind == NameKind::kAlias) ++good;
      if (n.script == "Arab") ++arabic;
    }
    for (const Identifier& id : x.identifiers) passports += id.type == IdType::kPassport;
    for (const auto& c : x.nationalities) nat += c == "KP";
  }
  EXPECT_GT(weak, 500);  // 615 QUALITY Low in the file
  EXPECT_GT(good, 1500);
  EXPECT_GT(arabic, 100);  // NAME_ORIGINAL_SCRIPT
  EXPECT_GT(passports, 250);
  EXPECT_GT(nat, 50);
}

TEST(ParseOfacCsv, ImportsEveryEntryOfThe2024SdnCsv) {
  WK_REQUIRE_SHARED("lists/ofac/sdn-csv-2024-05-03/sdn.csv");
  Result<ListFile> list = ReadListFile(SharedData("lists/ofac/sdn-csv-2024-05-03/sdn.csv"));
  ASSERT_TRUE(list.ok()) << list.error().message;
  EXPECT_EQ(list->format, Format::kOfacSdnCsv);
  // SOURCES.md: 14,965 (6,884 entity, 6,854 individual, 851 vessel, 376 aircraft).
  EXPECT_EQ(list->entities.size(), 14965u);
  auto s = CountSchemas(list->entities);
  EXPECT_EQ(s[Schema::kOrganization], 6884);
  EXPECT_EQ(s[Schema::kPerson], 6854);
  EXPECT_EQ(s[Schema::kVessel], 851);
  EXPECT_EQ(s[Schema::kAircraft], 376);
  // 844 of 851 vessels carry "IMO nnnnnnn" in remarks.
  int vessels_with_imo = 0, dprk_vessels = 0;
  for (const Entity& e : list->entities) {
    if (e.schema != Schema::kVessel) continue;
    bool imo = std::any_of(e.identifiers.begin(), e.identifiers.end(),
                           [](const Identifier& id) { return id.type == IdType::kImo; });
    vessels_with_imo += imo;
    for (const auto& p : e.programmes)
      if (p.rfind("DPRK", 0) == 0) {
        ++dprk_vessels;
        break;
      }
  }
  EXPECT_EQ(vessels_with_imo, 844);
  EXPECT_EQ(dprk_vessels, 105);
  const Entity* ccg = FindId(list->entities, "ofac:17069");
  ASSERT_NE(ccg, nullptr);
  EXPECT_EQ(ccg->names[0].full, "CHONG CHON GANG");
  EXPECT_TRUE(HasId(*ccg, IdType::kImo, "7937317"));
  EXPECT_TRUE(ccg->identifiers[0].check_digit_valid);
  EXPECT_THAT(ccg->countries, ::testing::Contains("KP"));
}

TEST(ParseOfacCsv, ReadsRemarksIntoDatesPlacesDocumentsAndWeakAliases) {
  WK_REQUIRE_SHARED("lists/ofac/sdn-csv-2024-05-03/sdn.csv");
  Result<std::vector<Entity>> e = ParseListFile(SharedData("lists/ofac/sdn-csv-2024-05-03/sdn.csv"));
  ASSERT_TRUE(e.ok()) << e.error().message;
  const Entity* paek = FindId(*e, "ofac:15667");
  ASSERT_NE(paek, nullptr);
  EXPECT_EQ(paek->schema, Schema::kPerson);
  EXPECT_EQ(paek->names[0].full, "PAEK, Chang-Ho");
  EXPECT_THAT(paek->birth_dates, ::testing::ElementsAre("1964-06-18"));
  EXPECT_THAT(paek->birth_places, ::testing::ElementsAre("Kaesong, DPRK"));
  EXPECT_TRUE(HasId(*paek, IdType::kPassport, "381420754"));
  const Entity* kim = FindId(*e, "ofac:12211");
  ASSERT_NE(kim, nullptr);
  EXPECT_THAT(kim->birth_dates, ::testing::UnorderedElementsAre("1947", "1946"));
  const Entity* bnc = FindId(*e, "ofac:306");
  ASSERT_NE(bnc, nullptr);
  ASSERT_EQ(bnc->names.size(), 2u);
  EXPECT_EQ(bnc->names[1].full, "BNC");
  EXPECT_EQ(bnc->names[1].kind, NameKind::kWeakAlias);
  int bics = 0, bad_bics = 0;
  for (const Entity& x : *e)
    for (const Identifier& id : x.identifiers)
      if (id.type == IdType::kSwiftBic) {
        ++bics;
        bad_bics += !id.check_digit_valid;
      }
  EXPECT_GT(bics, 100);
  EXPECT_LT(bad_bics, bics / 20);
}

TEST(ParseOfacCsv, JoinsAltAndAddFromTheSameFolder) {
  WK_REQUIRE_SHARED("lists/ofac/watchman-bench-2021-07/sdn.csv");
  Result<ListFile> list = ReadListFile(SharedData("lists/ofac/watchman-bench-2021-07/sdn.csv"));
  ASSERT_TRUE(list.ok()) << list.error().message;
  EXPECT_EQ(list->files.size(), 4u);
  // SOURCES.md: sdn 8,976; alt 11,910 rows; add 13,837 rows; comments 5.
  EXPECT_EQ(list->entities.size(), 8976u);
  EXPECT_EQ(list->records, 8976u + 11910u + 13837u + 5u);
  EXPECT_EQ(list->orphan_records, 0u);
  auto s = CountSchemas(list->entities);
  EXPECT_EQ(s[Schema::kOrganization], 3673);
  EXPECT_EQ(s[Schema::kPerson], 4620);
  EXPECT_EQ(s[Schema::kVessel], 406);
  EXPECT_EQ(s[Schema::kAircraft], 277);
  // Entities whose names alt.csv adds to: compare with sdn.csv alone.
  OfacCsvInput alone;
  const std::string sdn = ::wk::testing::ReadFile(SharedData("lists/ofac/watchman-bench-2021-07/sdn.csv"));
  const std::string comments =
      ::wk::testing::ReadFile(SharedData("lists/ofac/watchman-bench-2021-07/sdn_comments.csv"));
  alone.sdn = sdn;
  alone.comments = comments;
  Result<ListFile> bare = ParseOfacCsv(alone);
  ASSERT_TRUE(bare.ok());
  int with_alias = 0;
  for (size_t i = 0; i < list->entities.size(); ++i)
    with_alias += list->entities[i].names.size() > bare->entities[i].names.size();
  // alt.csv names 4,139 SDNs; for one (20125 "KIM, Kyong Ok") the alias
  // repeats the primary name, which is kept once.
  EXPECT_EQ(with_alias, 4138);
  const Entity* cuba = FindId(list->entities, "ofac:306");
  ASSERT_NE(cuba, nullptr);
  EXPECT_THAT(cuba->addresses, ::testing::Contains("Zweierstrasse 35, Zurich CH-8022, Switzerland"));
  EXPECT_THAT(cuba->countries, ::testing::Contains("CH"));
}

TEST(ParseOfacCsv, RefusesACompanionWithoutSdnCsv) {
  WK_REQUIRE_SHARED("lists/ofac/watchman-tfidf-2025-12-partial/alt.csv");
  Result<ListFile> list = ReadListFile(SharedData("lists/ofac/watchman-tfidf-2025-12-partial/alt.csv"));
  ASSERT_FALSE(list.ok());
  EXPECT_THAT(list.error().message, ::testing::HasSubstr("needs its sdn.csv"));
}

TEST(ParseOfacCsv, CountsEveryRowOfThePartial2025Companions) {
  WK_REQUIRE_SHARED("lists/ofac/watchman-tfidf-2025-12-partial/alt.csv");
  const std::string dir = SharedData("lists/ofac/watchman-tfidf-2025-12-partial/");
  const std::string alt = ::wk::testing::ReadFile(dir + "alt.csv");
  const std::string add = ::wk::testing::ReadFile(dir + "add.csv");
  // A one-line sdn.csv naming no one: every companion row is an orphan.
  OfacCsvInput in;
  in.sdn = "1,\"NOBODY\",-0- ,\"X\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n";
  in.alt = alt;
  in.add = add;
  Result<ListFile> list = ParseOfacCsv(in);
  ASSERT_TRUE(list.ok()) << list.error().message;
  EXPECT_EQ(list->records, 1u + 20107u + 24244u);
  EXPECT_EQ(list->orphan_records, 20107u + 24244u);
}

}  // namespace
}  // namespace wk::lists
