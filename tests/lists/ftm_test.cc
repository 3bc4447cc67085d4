// FollowTheMoney JSON Lines: our export read back equal, each schema we read,
// and malformed files refused by line or counted.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>

#include "lists/lists.h"

namespace wk::lists {
namespace {

TEST(Ftm, ExportReadsBackToEqualEntities) {
  std::vector<Entity> entities = FictionalList();
  std::ostringstream out;
  WriteFtm(entities, out);
  Result<FtmRead> r = ParseFtm(out.str(), "fictional.ftm.json");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->unknown_properties, 0u);
  EXPECT_EQ(r->unknown_schemata, 0u);
  ASSERT_EQ(r->list.entities.size(), entities.size());
  for (size_t i = 0; i < entities.size(); ++i) EXPECT_EQ(r->list.entities[i], entities[i]) << entities[i].id;
}

TEST(Ftm, ReadsEachSchemaWithItsLinkedEntities) {
  const std::string jsonl =
      R"({"id":"p1","schema":"Person","properties":{"name":["Kim Chol"],"alias":["Kim Cheol"],"birthDate":["1960-01-31"],"nationality":["kp"]},"datasets":["os"],"referents":["un-KPi.901"]})"
      "\n"
      R"({"id":"c1","schema":"Company","properties":{"name":["Ryonha Trading Co"],"swiftBic":["KKBCKPPY"]}})" "\n"
      R"({"id":"o1","schema":"Organization","properties":{"name":["Second Committee"]}})" "\n"
      R"({"id":"l1","schema":"LegalEntity","properties":{"name":["Some Entity"]}})" "\n"
      R"({"id":"v1","schema":"Vessel","properties":{"name":["CHON MA SAN"],"imoNumber":["8660313"],"flag":["kp"]}})" "\n"
      R"({"id":"s1","schema":"Sanction","properties":{"entity":["p1"],"program":["DPRK"],"startDate":["2016-03-02"]}})" "\n"
      R"({"id":"i1","schema":"Identification","properties":{"holder":["c1"],"number":["123"],"type":["registration"]}})" "\n"
      R"({"id":"pp1","schema":"Passport","properties":{"holder":["p1"],"number":["PS472330208"],"country":["kp"]}})" "\n"
      R"({"id":"a1","schema":"Address","properties":{"full":["Pyongyang"]}})" "\n"
      R"({"id":"w1","schema":"Ownership","properties":{"owner":["p1"],"asset":["c1"]}})" "\n"
      R"({"id":"d1","schema":"Directorship","properties":{"director":["p1"],"organization":["c1"]}})" "\n"
      R"({"id":"f1","schema":"Family","properties":{"person":["p1"],"relative":["p1"]}})" "\n";
  Result<FtmRead> r = ParseFtm(jsonl, "hand.ftm.json");
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r->list.entities.size(), 5u);
  EXPECT_EQ(r->list.source, "os");
  const Entity& p = r->list.entities[0];
  EXPECT_EQ(p.id, "os:p1");
  EXPECT_EQ(p.schema, Schema::kPerson);
  EXPECT_THAT(p.programmes, ::testing::ElementsAre("DPRK"));
  EXPECT_EQ(p.listed_on, "2016-03-02");
  EXPECT_THAT(p.nationalities, ::testing::ElementsAre("KP"));
  ASSERT_EQ(p.identifiers.size(), 1u);
  EXPECT_EQ(p.identifiers[0].type, IdType::kPassport);
  EXPECT_EQ(p.identifiers[0].country, "KP");
  EXPECT_THAT(p.same_as, ::testing::ElementsAre("un-KPi.901"));
  EXPECT_EQ(r->list.entities[1].schema, Schema::kOrganization);
  EXPECT_EQ(r->list.entities[1].identifiers.size(), 2u);
  EXPECT_EQ(r->list.entities[4].identifiers[0].type, IdType::kImo);
  EXPECT_EQ(r->relations, 3u);
}

TEST(Ftm, MissingSchemaNamesTheLineUnlessLenient) {
  const std::string jsonl = R"({"id":"p1","schema":"Person","properties":{"name":["A B"]}})" "\n"
                            R"({"id":"p2","properties":{"name":["C D"]}})" "\n";
  Result<FtmRead> strict = ParseFtm(jsonl, "x.ftm.json");
  ASSERT_FALSE(strict.ok());
  EXPECT_EQ(strict.error().message, "x.ftm.json:2: no \"schema\" (use --lenient to skip bad lines)");
  FtmOptions lenient;
  lenient.lenient = true;
  Result<FtmRead> r = ParseFtm(jsonl, "x.ftm.json", lenient);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->list.entities.size(), 1u);
  EXPECT_EQ(r->bad_lines, 1u);
}

TEST(Ftm, UnknownSchemataAndPropertiesAreCounted) {
  const std::string jsonl =
      R"({"id":"p1","schema":"Person","properties":{"name":["A B"],"favouriteColour":["red","blue"]}})" "\n"
      R"({"id":"x1","schema":"Spaceship","properties":{"name":["Enterprise"]}})" "\n";
  Result<FtmRead> r = ParseFtm(jsonl, "x.ftm.json");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->unknown_properties, 2u);
  EXPECT_EQ(r->unknown_schemata, 1u);
  EXPECT_EQ(r->list.entities.size(), 1u);
}

TEST(Ftm, ACycleOfReferentsIsCountedNotFollowedForever) {
  const std::string jsonl =
      R"({"id":"a","schema":"Person","properties":{"name":["A B"]},"referents":["b"]})" "\n"
      R"({"id":"b","schema":"Person","properties":{"name":["A B"]},"referents":["a"]})" "\n";
  Result<FtmRead> r = ParseFtm(jsonl, "x.ftm.json");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->referent_cycles, 2u);
  EXPECT_EQ(r->list.entities.size(), 2u);
}

TEST(Ftm, A100MegabyteLineIsRefusedByLine) {
  std::string jsonl = R"({"id":"p1","schema":"Person","properties":{"name":["A B"]}})" "\n";
  jsonl += R"({"id":"big","schema":"Person","properties":{"notes":[")" + std::string(100u << 20, 'x') + "\"]}}\n";
  Result<FtmRead> strict = ParseFtm(jsonl, "big.ftm.json");
  ASSERT_FALSE(strict.ok());
  EXPECT_THAT(strict.error().message, ::testing::StartsWith("big.ftm.json:2: line of 104857"));
  FtmOptions lenient;
  lenient.lenient = true;
  Result<FtmRead> r = ParseFtm(jsonl, "big.ftm.json", lenient);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->list.entities.size(), 1u);
  EXPECT_EQ(r->bad_lines, 1u);
}

}  // namespace
}  // namespace wk::lists
