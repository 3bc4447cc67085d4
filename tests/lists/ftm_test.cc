// FollowTheMoney JSON Lines: our export read back equal, each schema we read,
// and malformed files refused by line or counted.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <unordered_map>

#include "lists/lists.h"
#include "screen/screen.h"
#include "testing.h"

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
  ASSERT_EQ(r->lists[0].entities.size(), entities.size());
  for (size_t i = 0; i < entities.size(); ++i) EXPECT_EQ(r->lists[0].entities[i], entities[i]) << entities[i].id;
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
      R"({"id":"w1","schema":"Ownership","properties":{"owner":["p1"],"asset":["c1"],"percentage":["51"]}})" "\n"
      R"({"id":"d1","schema":"Directorship","properties":{"director":["p1"],"organization":["c1"],"role":["Director"]}})" "\n"
      R"({"id":"f1","schema":"Family","properties":{"person":["p1"],"relative":["p2"],"relationship":["brother"]}})" "\n"
      R"({"id":"p2","schema":"Person","properties":{"name":["Kim Chan"]}})" "\n";
  Result<FtmRead> r = ParseFtm(jsonl, "hand.ftm.json");
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r->lists[0].entities.size(), 6u);
  EXPECT_EQ(r->lists[0].source, "os");
  const Entity& p = r->lists[0].entities[0];
  EXPECT_EQ(p.id, "os:p1");
  EXPECT_EQ(p.schema, Schema::kPerson);
  EXPECT_THAT(p.programmes, ::testing::ElementsAre("DPRK"));
  EXPECT_EQ(p.listed_on, "2016-03-02");
  EXPECT_THAT(p.nationalities, ::testing::ElementsAre("KP"));
  ASSERT_EQ(p.identifiers.size(), 1u);
  EXPECT_EQ(p.identifiers[0].type, IdType::kPassport);
  EXPECT_EQ(p.identifiers[0].country, "KP");
  EXPECT_THAT(p.same_as, ::testing::ElementsAre("un-KPi.901"));
  EXPECT_EQ(r->lists[0].entities[1].schema, Schema::kOrganization);
  EXPECT_EQ(r->lists[0].entities[1].identifiers.size(), 2u);
  EXPECT_EQ(r->lists[0].entities[4].identifiers[0].type, IdType::kImo);
  // Ownership, Directorship and Family kept on both ends, with their captions, in order.
  EXPECT_EQ(r->relations, 3u);
  EXPECT_EQ(r->dangling, 0u);
  EXPECT_THAT(p.relations, ::testing::ElementsAre(Relation{"directorship", "director", "os:c1", "Director"},
                                                  Relation{"family", "person", "os:p2", "brother"},
                                                  Relation{"ownership", "owner", "os:c1", "51"}));
  EXPECT_THAT(r->lists[0].entities[1].relations,
              ::testing::ElementsAre(Relation{"directorship", "organization", "os:p1", "Director"},
                                     Relation{"ownership", "asset", "os:p1", "51"}));
  EXPECT_THAT(r->lists[0].entities[5].relations, ::testing::ElementsAre(Relation{"family", "relative", "os:p1", "brother"}));
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
  EXPECT_EQ(r->lists[0].entities.size(), 1u);
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
  EXPECT_EQ(r->lists[0].entities.size(), 1u);
}

TEST(Ftm, ACycleOfReferentsIsCountedNotFollowedForever) {
  const std::string jsonl =
      R"({"id":"a","schema":"Person","properties":{"name":["A B"]},"referents":["b"]})" "\n"
      R"({"id":"b","schema":"Person","properties":{"name":["A B"]},"referents":["a"]})" "\n";
  Result<FtmRead> r = ParseFtm(jsonl, "x.ftm.json");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->referent_cycles, 2u);
  EXPECT_EQ(r->lists[0].entities.size(), 2u);
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
  EXPECT_EQ(r->lists[0].entities.size(), 1u);
  EXPECT_EQ(r->bad_lines, 1u);
}

// ---- The shape of an export against FtM's schema definitions ----------------

using Json = nlohmann::json;

const char* kRealFiles[] = {"lists/un/UN_consolidated.xml", "lists/ofac/sdn-csv-2024-05-03/sdn.csv",
                            "lists/uk/sanctionsconlist-2018-04-13.csv",
                            "lists/eu/EUSanctionsShort-2018-07-04.csv"};

// The four real lists, as tests/lists/parties_test.cc reads them.
const std::vector<Entity>& RealEntities() {
  static const std::vector<Entity> all = [] {
    std::vector<Entity> out;
    for (const char* f : kRealFiles) {
      Result<ListFile> l = ReadListFile(wk::testing::SharedData(f));
      if (!l.ok()) return std::vector<Entity>{};
      for (Entity& e : l->entities) out.push_back(std::move(e));
    }
    return out;
  }();
  return all;
}

#define REQUIRE_REAL_LISTS()                                \
  do {                                                      \
    for (const char* f : kRealFiles) WK_REQUIRE_SHARED(f);  \
    ASSERT_FALSE(RealEntities().empty());                   \
  } while (0)

// tests/lists/ftm_schemata.json: FtM's schemata as far as we use them.
class FtmModel {
 public:
  FtmModel() {
    std::ifstream in(std::string(WK_SOURCE_DIR) + "/tests/lists/ftm_schemata.json");
    const Json j = Json::parse(in, nullptr, false);
    if (j.is_discarded()) return;
    schemata_ = j["schemata"];
    for (const Json& c : j["countries_beyond_iso"]["codes"]) beyond_iso_.insert(c.get<std::string>());
  }
  bool loaded() const { return schemata_.is_object() && !schemata_.empty(); }
  bool Known(const std::string& schema) const {
    return schemata_.contains(schema) && !schemata_[schema].value("abstract", false);
  }
  // `schema` is `ancestor` or extends it.
  bool IsA(const std::string& schema, const std::string& ancestor) const {
    if (schema == ancestor) return true;
    if (!schemata_.contains(schema)) return false;
    for (const Json& parent : schemata_[schema]["extends"])
      if (IsA(parent.get<std::string>(), ancestor)) return true;
    return false;
  }
  // The property's definition on `schema` or an ancestor; null when none.
  Json Property(const std::string& schema, const std::string& name) const {
    if (!schemata_.contains(schema)) return nullptr;
    const Json& s = schemata_[schema];
    if (s["properties"].contains(name)) {
      const Json& p = s["properties"][name];
      return p.is_string() ? Json{{"type", p}} : p;
    }
    for (const Json& parent : s["extends"]) {
      Json p = Property(parent.get<std::string>(), name);
      if (!p.is_null()) return p;
    }
    return nullptr;
  }
  // Lower-case ISO 3166-1 alpha-2, or one of FtM's own codes.
  bool Country(const std::string& v) const {
    if (beyond_iso_.count(v)) return true;
    std::string upper;
    for (char c : v) {
      if (c < 'a' || c > 'z') return false;
      upper += static_cast<char>(c - 'a' + 'A');
    }
    return v.size() == 2 && CountryCode(upper) == upper;
  }

 private:
  Json schemata_;
  std::set<std::string> beyond_iso_;
};

// FtM's date type: an ISO 8601 prefix (2021, 2021-02, 2021-02-16, 2021-02-16T21:48:52).
bool FtmDate(const std::string& v) {
  static const std::regex kDate(R"(^(\d{4})(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01])(T([01]\d|2[0-3])(:[0-5]\d(:[0-5]\d)?)?)?)?)?$)");
  return std::regex_match(v, kDate);
}

bool FtmEntityId(const std::string& v) {
  static const std::regex kId(R"(^[0-9a-zA-Z]([0-9a-zA-Z.\-]*[0-9a-zA-Z])?$)");
  return std::regex_match(v, kId);
}

// Every way `lines` departs from the model, one string each ("line N: why").
std::vector<std::string> ShapeProblems(const FtmModel& model, const std::vector<std::string>& lines) {
  std::vector<std::string> problems;
  std::map<std::string, std::string> schema_of;  // id -> schema
  std::vector<Json> parsed;
  for (size_t i = 0; i < lines.size(); ++i) {
    Json j = Json::parse(lines[i], nullptr, false);
    const std::string at = "line " + std::to_string(i + 1) + ": ";
    if (j.is_discarded() || !j.is_object()) {
      problems.push_back(at + "not a JSON object");
      parsed.emplace_back();
      continue;
    }
    if (!j.contains("id") || !j["id"].is_string() || !FtmEntityId(j["id"].get<std::string>()))
      problems.push_back(at + "no id, or one FtM's entity type refuses: " + j.value("id", Json()).dump());
    if (!j.contains("schema") || !j["schema"].is_string() || !model.Known(j["schema"].get<std::string>()))
      problems.push_back(at + "unknown schema " + j.value("schema", Json()).dump());
    if (!j.contains("properties") || !j["properties"].is_object()) problems.push_back(at + "no properties object");
    if (j.contains("id") && j["id"].is_string() && j.contains("schema") && j["schema"].is_string() &&
        !schema_of.emplace(j["id"].get<std::string>(), j["schema"].get<std::string>()).second)
      problems.push_back(at + "id " + j["id"].get<std::string>() + " repeated");
    parsed.push_back(std::move(j));
  }
  for (size_t i = 0; i < parsed.size(); ++i) {
    const Json& j = parsed[i];
    if (!j.is_object() || !j.contains("schema") || !j["schema"].is_string() || !j.contains("properties") ||
        !j["properties"].is_object())
      continue;
    const std::string at = "line " + std::to_string(i + 1) + ": ";
    const std::string schema = j["schema"].get<std::string>();
    for (const char* key : {"referents", "datasets"}) {
      if (!j.contains(key)) continue;
      if (!j[key].is_array()) problems.push_back(at + key + " is not an array");
      else
        for (const Json& v : j[key])
          if (!v.is_string() || (std::string_view(key) == "referents" && !FtmEntityId(v.get<std::string>())))
            problems.push_back(at + key + " holds " + v.dump());
    }
    for (auto it = j["properties"].begin(); it != j["properties"].end(); ++it) {
      const std::string where = at + schema + "." + it.key();
      const Json def = model.Property(schema, it.key());
      if (def.is_null()) {
        problems.push_back(where + ": not a property of " + schema + " or its ancestors");
        continue;
      }
      if (!it->is_array() || it->empty()) {
        problems.push_back(where + ": not an array of strings");
        continue;
      }
      const std::string type = def["type"].get<std::string>();
      for (const Json& v : *it) {
        if (!v.is_string() || v.get<std::string>().empty()) {
          problems.push_back(where + ": holds " + v.dump());
          continue;
        }
        const std::string s = v.get<std::string>();
        if (type == "date" && !FtmDate(s)) problems.push_back(where + ": not an ISO 8601 prefix: " + s);
        if (type == "country" && !model.Country(s)) problems.push_back(where + ": not a country code: " + s);
        if (type == "gender" && s != "male" && s != "female" && s != "other")
          problems.push_back(where + ": not a gender: " + s);
        if (type == "entity") {
          auto target = schema_of.find(s);
          if (target == schema_of.end()) problems.push_back(where + ": names no entity of the file: " + s);
          else if (def.contains("range") && !model.IsA(target->second, def["range"].get<std::string>()))
            problems.push_back(where + ": names a " + target->second + ", not a " + def["range"].get<std::string>());
        }
      }
    }
  }
  return problems;
}

// A problem of each kind once (the line number dropped), for a readable failure.
std::string Summary(const std::vector<std::string>& problems) {
  std::map<std::string, size_t> kinds;
  for (const std::string& p : problems) {
    const std::string rest = p.substr(p.find(": ") + 2);
    ++kinds[rest.substr(0, rest.find(": "))];
  }
  std::string out;
  for (const auto& [kind, n] : kinds) out += "  " + std::to_string(n) + " x " + kind + "\n";
  for (size_t i = 0; i < problems.size() && i < 10; ++i) out += "  e.g. " + problems[i] + "\n";
  return out;
}

TEST(FtmShape, TheModelFileLoadsAndChecks) {
  const FtmModel model;
  ASSERT_TRUE(model.loaded());
  EXPECT_TRUE(model.IsA("Passport", "Interval"));
  EXPECT_FALSE(model.IsA("Vessel", "LegalEntity"));  // so an Identification cannot hold a ship
  EXPECT_EQ(model.Property("Vessel", "name")["type"], "name");
  EXPECT_TRUE(model.Property("Vessel", "nationality").is_null());
  EXPECT_TRUE(model.Country("kp"));
  EXPECT_FALSE(model.Country("KP"));
  EXPECT_FALSE(model.Country("qq"));
  EXPECT_TRUE(FtmDate("1960"));
  EXPECT_TRUE(FtmDate("1960-01-31"));
  EXPECT_FALSE(FtmDate("circa 1960"));
  EXPECT_FALSE(FtmDate("1960-13"));
  // The checker itself: a Vessel with a nationality, an Identification held
  // by a ship and a Sanction naming nobody are each caught.
  const std::vector<std::string> bad = {
      R"({"id":"v1","schema":"Vessel","properties":{"name":["X"],"nationality":["kp"]}})",
      R"({"id":"i1","schema":"Identification","properties":{"holder":["v1"],"number":["1"]}})",
      R"({"id":"s1","schema":"Sanction","properties":{"entity":["nobody"]}})"};
  EXPECT_EQ(ShapeProblems(model, bad).size(), 3u) << Summary(ShapeProblems(model, bad));
}

TEST(FtmShape, RealListsExportFollowsFtmSchemaDefinitions) {
  REQUIRE_REAL_LISTS();
  const FtmModel model;
  ASSERT_TRUE(model.loaded());
  std::ostringstream out;
  WriteFtm(RealEntities(), out);
  const std::vector<std::string> lines = wk::testing::SplitLines(out.str());
  ASSERT_GT(lines.size(), RealEntities().size());
  const std::vector<std::string> problems = ShapeProblems(model, lines);
  EXPECT_TRUE(problems.empty()) << problems.size() << " problems in " << lines.size() << " lines:\n"
                                << Summary(problems);
}

// Each relation schema we read: written back once per relation, in FtM's
// shape (an owned organization becomes a Company, FtM's Asset), and read
// back to equal entities; an end naming no thing of the file is dangling.
TEST(Ftm, RelationsReadBackEqualInFtmsShape) {
  const std::string jsonl =
      R"({"id":"p1","schema":"Person","properties":{"name":["Kim Chol"]},"datasets":["os"]})" "\n"
      R"({"id":"p2","schema":"Person","properties":{"name":["Ri Su"]}})" "\n"
      R"({"id":"o1","schema":"Organization","properties":{"name":["Korea Ryonbong General Corporation"]}})" "\n"
      R"({"id":"o2","schema":"Organization","properties":{"name":["Ryonbong Trading"]}})" "\n"
      R"({"id":"v1","schema":"Vessel","properties":{"name":["CHON MA SAN"],"imoNumber":["8660313"]}})" "\n"
      R"({"id":"r1","schema":"Ownership","properties":{"owner":["o1"],"asset":["o2"],"percentage":["100"]}})" "\n"
      R"({"id":"r2","schema":"Ownership","properties":{"owner":["o2"],"asset":["v1"]}})" "\n"
      R"({"id":"r3","schema":"Directorship","properties":{"director":["p1"],"organization":["o1"],"role":["President"]}})" "\n"
      R"({"id":"r4","schema":"Family","properties":{"person":["p1"],"relative":["p2"],"relationship":["spouse"]}})" "\n"
      R"({"id":"r5","schema":"Associate","properties":{"person":["p2"],"associate":["p1"]}})" "\n"
      R"({"id":"r6","schema":"Membership","properties":{"member":["p2"],"organization":["o1"],"role":["member"]}})" "\n"
      R"({"id":"r7","schema":"Employment","properties":{"employee":["p2"],"employer":["o2"],"role":["clerk"]}})" "\n"
      R"({"id":"r8","schema":"UnknownLink","properties":{"subject":["v1"],"object":["o1"],"role":["operated for"]}})" "\n"
      R"({"id":"r9","schema":"Ownership","properties":{"owner":["nobody"],"asset":["o2"],"sharesCount":["10"]}})" "\n";
  Result<FtmRead> r = ParseFtm(jsonl, "relations.ftm.json");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->relations, 9u);
  EXPECT_EQ(r->dangling, 1u);            // r9's owner is no thing of the file
  EXPECT_EQ(r->unknown_properties, 1u);  // its sharesCount: read by FtM, not by us
  const std::vector<Entity>& entities = r->lists[0].entities;
  ASSERT_EQ(entities.size(), 5u);
  size_t ends = 0;
  for (const Entity& e : entities) ends += e.relations.size();
  EXPECT_EQ(ends, 16u);  // eight relations, each on both ends
  EXPECT_THAT(entities[4].relations,
              ::testing::ElementsAre(Relation{"ownership", "asset", "os:o2", ""},
                                     Relation{"unknown_link", "subject", "os:o1", "operated for"}));

  std::ostringstream out;
  WriteFtm(entities, out);
  const std::vector<std::string> lines = wk::testing::SplitLines(out.str());
  size_t written = 0;
  for (const std::string& line : lines) {
    const Json j = Json::parse(line);
    const std::string schema = j["schema"];
    written += schema == "Ownership" || schema == "Directorship" || schema == "Family" || schema == "Associate" ||
               schema == "Membership" || schema == "Employment" || schema == "UnknownLink";
    if (j["id"] == "os-o2") EXPECT_EQ(schema, "Company");  // owned by o1
  }
  EXPECT_EQ(written, 8u);
  const FtmModel model;
  ASSERT_TRUE(model.loaded());
  const std::vector<std::string> problems = ShapeProblems(model, lines);
  EXPECT_TRUE(problems.empty()) << Summary(problems);
  Result<FtmRead> back = ParseFtm(out.str(), "again.ftm.json");
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(back->dangling, 0u);
  EXPECT_EQ(back->lists[0].entities, entities);
}

// Issue 11: parties in FtM both ways. The real lists written with their
// parties (one merged thing per party of two or more entries, as
// OpenSanctions publishes deduplicated entities) read back to equal entries,
// and the merged things' referents join the same parties again.
TEST(FtmParties, RealListsWithPartiesReadBackToEqualEntriesAndTheSameParties) {
  REQUIRE_REAL_LISTS();
  const std::vector<Entity>& entities = RealEntities();
  const Parties before = BuildParties(entities, screen::PartyNameRules());
  size_t multi = 0, links = 0;
  for (const Party& p : before.parties)
    if (p.entries.size() > 1) ++multi, links += p.entries.size() - 1;
  ASSERT_GT(multi, 900u);
  std::ostringstream out;
  WriteFtm(entities, out, &before);
  const std::vector<std::string> lines = wk::testing::SplitLines(out.str());
  const FtmModel model;
  const std::vector<std::string> problems = ShapeProblems(model, lines);
  EXPECT_TRUE(problems.empty()) << Summary(problems);
  Result<FtmRead> r = ParseFtm(out.str(), "real.ftm.json");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->merged, multi);
  EXPECT_EQ(r->referents.size(), links);
  EXPECT_EQ(r->unknown_properties, 0u);
  std::vector<Entity> back;
  for (const ListFile& l : r->lists)
    for (const Entity& e : l.entities) back.push_back(e);
  ASSERT_EQ(back.size(), entities.size());
  std::unordered_map<std::string, const Entity*> by_id;
  for (const Entity& e : back) by_id.emplace(e.id, &e);
  size_t unequal = 0;
  for (const Entity& e : entities) {
    auto it = by_id.find(e.id);
    const bool equal = it != by_id.end() && *it->second == e;
    if (!equal && ++unequal <= 5) ADD_FAILURE() << e.id << " does not read back equal";
  }
  EXPECT_EQ(unequal, 0u);
  // The same parties, by their members, with every join also a referent link.
  const Parties after = BuildParties(back, screen::PartyNameRules(), r->referents);
  auto members = [](const Parties& p) {
    std::set<std::set<std::string>> out;
    for (const Party& party : p.parties) out.emplace(party.entries.begin(), party.entries.end());
    return out;
  };
  EXPECT_EQ(after.parties.size(), before.parties.size());
  EXPECT_TRUE(members(after) == members(before));
  EXPECT_EQ(CountLinks(after, LinkKind::kReferent), links);
  // The referents alone hold the parties together: with no rule but them
  // (no name rules, and none of the entries' own evidence), no party of
  // several entries comes apart.
  std::vector<Entity> bare = back;
  for (Entity& e : bare) e.identifiers.clear(), e.same_as.clear(), e.birth_dates.clear();
  const Parties only = BuildParties(bare, NameRules{}, r->referents);
  EXPECT_TRUE(members(only) == members(before));
}

// A merged thing of someone else's file (OpenSanctions' deduplicated entity
// beside the entries it came from) links them; it is no entry itself.
TEST(FtmParties, AMergedThingsReferentsLinkItsEntriesIntoOneParty) {
  const std::string jsonl =
      R"({"id":"un-KPi.901","schema":"Person","properties":{"name":["KIM CHOL"]},"datasets":["un"]})" "\n"
      R"({"id":"ofac-901","schema":"Person","properties":{"name":["KIM, Chol"]},"datasets":["ofac"]})" "\n"
      R"({"id":"NK-abc","schema":"Person","properties":{"name":["Kim Chol"]},"referents":["un-KPi.901","ofac-901"],"datasets":["un","ofac"]})" "\n";
  Result<FtmRead> r = ParseFtm(jsonl, "os.ftm.json");
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r->lists.size(), 2u);
  EXPECT_EQ(r->lists[0].entities[0].id, "un:KPi.901");
  EXPECT_EQ(r->lists[1].entities[0].id, "ofac:901");
  EXPECT_EQ(r->merged, 1u);
  ASSERT_EQ(r->referents.size(), 1u);
  EXPECT_EQ(r->referents[0].kind, LinkKind::kReferent);
  std::vector<Entity> e = {r->lists[0].entities[0], r->lists[1].entities[0]};
  const Parties p = BuildParties(e, screen::PartyNameRules(), r->referents);
  ASSERT_EQ(p.parties.size(), 1u);
  ASSERT_EQ(p.parties[0].links.size(), 1u);
  EXPECT_EQ(p.parties[0].links[0].kind, LinkKind::kReferent);
  EXPECT_EQ(p.parties[0].links[0].reason, "FtM referents of NK-abc in os.ftm.json");
}

}  // namespace
}  // namespace wk::lists
