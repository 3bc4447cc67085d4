// List versions in the store, diffs, the CLI, and the UN XML writer.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <sstream>

#include "lists/lists.h"
#include "store/store.h"
#include "testing.h"

namespace wk::lists {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::wk::testing::RunCli;
using ::wk::testing::SharedData;
using ::wk::testing::TempDir;

Entity Person(std::string id, std::string name, std::string dob) {
  Entity e;
  e.id = "un:" + std::move(id);
  e.source = "un";
  e.schema = Schema::kPerson;
  e.names.push_back({std::move(name), NameKind::kPrimary, "Latn"});
  e.birth_dates.push_back(std::move(dob));
  e.programmes.push_back("DPRK");
  e.nationalities.push_back("KP");
  e.listed_on = "2017-08-05";
  return e;
}

std::vector<Entity> Fictional() {
  std::vector<Entity> v;
  v.push_back(Person("KPi.901", "PAK CHOL-SU", "1961-03-02"));
  v.back().names.push_back({"Pak Cholsu", NameKind::kWeakAlias, "Latn"});
  v.back().names.push_back({"박철수", NameKind::kAlias, "Hang"});
  v.back().identifiers.push_back(MakeIdentifier(IdType::kPassport, "745321234", "KP", "Passport"));
  v.push_back(Person("KPi.902", "RI YONG-HO", "1970"));
  Entity ship;
  ship.id = "un:KPv.901";
  ship.source = "un";
  ship.schema = Schema::kVessel;
  ship.names.push_back({"SEA STAR 7", NameKind::kPrimary, "Latn"});
  ship.names.push_back({"HAE SONG 3", NameKind::kFormer, "Latn"});
  ship.identifiers.push_back(MakeIdentifier(IdType::kImo, "9191773"));
  ship.programmes.push_back("DPRK");
  ship.listed_on = "2018-03-30";
  v.push_back(ship);
  Entity company;
  company.id = "un:KPe.901";
  company.source = "un";
  company.schema = Schema::kOrganization;
  company.names.push_back({"KOREA FICTION SHIPPING CO., LTD.", NameKind::kPrimary, "Latn"});
  company.identifiers.push_back(MakeIdentifier(IdType::kImoCompany, "5123456"));
  company.addresses.push_back("Pyongyang");
  company.remarks = "Operates SEA STAR 7.";
  company.programmes.push_back("DPRK");
  v.push_back(company);
  return v;
}

std::string UnXml(const std::vector<Entity>& v, std::string_view date) {
  std::ostringstream out;
  WriteUnXml(v, date, out);
  return out.str();
}

TEST(WriteUnXml, RoundTripsThroughTheUnParser) {
  const std::vector<Entity> in = Fictional();
  Result<ListFile> list = ParseList(UnXml(in, "2026-01-02T03:04:05Z"), "fictional.xml");
  ASSERT_TRUE(list.ok()) << list.error().message;
  EXPECT_EQ(list->format, Format::kUnXml);
  EXPECT_EQ(list->generated, "2026-01-02T03:04:05Z");
  ASSERT_EQ(list->entities.size(), 4u);
  const Entity& pak = list->entities[0];
  EXPECT_EQ(pak.id, "un:KPi.901");
  EXPECT_EQ(pak.schema, Schema::kPerson);
  ASSERT_EQ(pak.names.size(), 3u);
  EXPECT_EQ(pak.names[1].kind, NameKind::kWeakAlias);
  EXPECT_EQ(pak.names[2].script, "Hang");
  EXPECT_THAT(pak.birth_dates, ElementsAre("1961-03-02"));
  EXPECT_THAT(pak.nationalities, ElementsAre("KP"));
  ASSERT_EQ(pak.identifiers.size(), 1u);
  EXPECT_EQ(pak.identifiers[0].type, IdType::kPassport);
  EXPECT_EQ(pak.identifiers[0].country, "KP");
  EXPECT_THAT(list->entities[1].birth_dates, ElementsAre("1970"));
  // Entities come after individuals in the UN file.
  const Entity& ship = list->entities[2];
  EXPECT_EQ(ship.schema, Schema::kVessel);
  ASSERT_EQ(ship.identifiers.size(), 1u);
  EXPECT_EQ(ship.identifiers[0].type, IdType::kImo);
  EXPECT_EQ(ship.identifiers[0].value, "9191773");
  EXPECT_EQ(ship.names[1].kind, NameKind::kFormer);
  const Entity& company = list->entities[3];
  EXPECT_EQ(company.schema, Schema::kOrganization);
  EXPECT_EQ(company.identifiers[0].type, IdType::kImoCompany);
  EXPECT_EQ(company.listed_on, "");
}

// The store-backed tests run on SQLite and on PostgreSQL.
class ListStoreTest : public ::wk::testing::StoreTest {};
WK_ON_EVERY_ENGINE(ListStoreTest);

TEST_P(ListStoreTest, ImportListsStoresVersionsAndLoadsTheCurrentOne) {
  Result<store::Store> db = store::Open(url());
  ASSERT_TRUE(db.ok());
  std::vector<Entity> v1 = Fictional();
  Result<ListFile> l1 = ParseList(UnXml(v1, "2026-01-01T00:00:00Z"), "v1.xml");
  ASSERT_TRUE(l1.ok());
  ASSERT_TRUE(ImportLists(*db, {*l1}).ok());
  // Version 2: KPi.902 removed, KPi.903 added, KPi.901 gains an alias and a new DOB.
  std::vector<Entity> v2 = Fictional();
  v2.erase(v2.begin() + 1);
  v2.push_back(Person("KPi.903", "KIM SONG-IL", "1980"));
  v2[0].names.push_back({"Park Cheol-su", NameKind::kAlias, "Latn"});
  v2[0].birth_dates = {"1961-03-03"};
  Result<ListFile> l2 = ParseList(UnXml(v2, "2026-02-01T00:00:00Z"), "v2.xml");
  ASSERT_TRUE(l2.ok());
  Result<std::vector<ListVersion>> imported = ImportLists(*db, {*l2});
  ASSERT_TRUE(imported.ok()) << imported.error().message;
  EXPECT_EQ((*imported)[0].generated, "2026-02-01T00:00:00Z");

  Result<std::vector<Entity>> current = LoadCurrentEntities(*db);
  ASSERT_TRUE(current.ok());
  ASSERT_EQ(current->size(), 4u);
  Result<Entity> kim = LoadEntity(*db, "un:KPi.903");
  ASSERT_TRUE(kim.ok()) << kim.error().message;
  EXPECT_EQ(kim->names[0].full, "KIM SONG-IL");
  Result<Entity> gone = LoadEntity(*db, "un:KPi.902");
  ASSERT_FALSE(gone.ok());
  EXPECT_EQ(gone.error().code, ErrorCode::kNotFound);

  Result<std::vector<ListDiff>> diffs = DiffLatest(*db, "un");
  ASSERT_TRUE(diffs.ok()) << diffs.error().message;
  ASSERT_EQ(diffs->size(), 1u);
  const ListDiff& d = (*diffs)[0];
  EXPECT_EQ(d.from.generated, "2026-01-01T00:00:00Z");
  EXPECT_EQ(d.to.generated, "2026-02-01T00:00:00Z");
  ASSERT_EQ(d.changes.size(), 3u);
  EXPECT_EQ(d.changes[0].kind, ChangeKind::kAdded);
  EXPECT_EQ(d.changes[0].id, "un:KPi.903");
  EXPECT_EQ(d.changes[1].kind, ChangeKind::kRemoved);
  EXPECT_EQ(d.changes[1].id, "un:KPi.902");
  EXPECT_EQ(d.changes[2].kind, ChangeKind::kChanged);
  EXPECT_EQ(d.changes[2].id, "un:KPi.901");
  ASSERT_EQ(d.changes[2].fields.size(), 2u);
  EXPECT_EQ(d.changes[2].fields[0].field, "names");
  EXPECT_THAT(d.changes[2].fields[0].added, ElementsAre("Park Cheol-su [alias]"));
  EXPECT_EQ(d.changes[2].fields[1].field, "birth_dates");
  EXPECT_THAT(d.changes[2].fields[1].added, ElementsAre("1961-03-03"));
  EXPECT_THAT(d.changes[2].fields[1].removed, ElementsAre("1961-03-02"));
}

// A store made before the judgments' kind (lists migration 5) is not read
// with an SQL error: the message says to migrate it, and after that it reads.
TEST_P(ListStoreTest, JudgmentsOfAStoreBeforeTheirKindAskForAMigration) {
  Result<store::Store> db = store::Open(url());
  ASSERT_TRUE(db.ok()) << db.error().message;
  ASSERT_TRUE(store::Migrate(*db, std::span(Migrations()).first(4)).ok());
  Result<std::vector<Judgment>> old = LoadJudgments(*db);
  ASSERT_FALSE(old.ok());
  EXPECT_THAT(old.error().message, ::testing::HasSubstr("was made by an older watchkeeper: run `watchkeeper db migrate"));
  ASSERT_TRUE(store::Migrate(*db, Migrations()).ok());
  Result<std::vector<Judgment>> now = LoadJudgments(*db);
  ASSERT_TRUE(now.ok()) << now.error().message;
  EXPECT_TRUE(now->empty());
}

TEST_P(ListStoreTest, ImportListsAFailedImportLeavesThePreviousVersion) {
  Result<store::Store> db = store::Open(url());
  ASSERT_TRUE(db.ok());
  Result<ListFile> good = ParseList(UnXml(Fictional(), "2026-01-01T00:00:00Z"), "v1.xml");
  ASSERT_TRUE(good.ok());
  ASSERT_TRUE(ImportLists(*db, {*good}).ok());
  // A second list whose entities collide fails at the second insert; the
  // first list of the same call must not stay behind either.
  ListFile bad = *good;
  bad.entities.push_back(bad.entities[0]);
  ListFile other = *good;
  other.source = "eu";
  Result<std::vector<ListVersion>> r = ImportLists(*db, {other, bad});
  ASSERT_FALSE(r.ok());
  Result<std::vector<ListVersion>> versions = ListVersions(*db);
  ASSERT_TRUE(versions.ok());
  ASSERT_EQ(versions->size(), 1u);
  EXPECT_EQ((*versions)[0].source, "un");
  Result<std::vector<Entity>> current = LoadCurrentEntities(*db);
  ASSERT_TRUE(current.ok());
  EXPECT_EQ(current->size(), 4u);
}

TEST_P(ListStoreTest, CliImportsShowsDiffsAndCountsTheRealLists) {
  WK_REQUIRE_SHARED("lists/un/UN_consolidated.xml");
  const std::string db = url();
  auto run = RunCli({"lists", "import", SharedData("lists/un/UN_consolidated.xml"),
                     SharedData("lists/ofac/watchman-bench-2021-07/sdn.csv"), "--db", db});
  ASSERT_EQ(run.status, 0) << run.err;
  auto lines = ::wk::testing::SplitLines(run.out);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_THAT(lines[0], HasSubstr("\"source\":\"un\""));
  EXPECT_THAT(lines[0], HasSubstr("\"generated\":\"2026-02-27T00:00:09.554Z\""));
  EXPECT_THAT(lines[0], HasSubstr("\"entities\":1003"));
  EXPECT_THAT(lines[1], HasSubstr("\"entities\":8976"));
  EXPECT_THAT(lines[1], HasSubstr("alt.csv"));

  run = RunCli({"lists", "show", "un:KPi.001", "--db", db});
  ASSERT_EQ(run.status, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr("\"id\":\"un:KPi.001\""));
  EXPECT_THAT(run.out, HasSubstr("\"programmes\":[\"DPRK\"]"));

  run = RunCli({"lists", "show", "un:KPi.999", "--db", db});
  EXPECT_EQ(run.status, 1);
  EXPECT_THAT(run.err, HasSubstr("no entity un:KPi.999"));

  run = RunCli({"lists", "diff", "--source", "un", "--db", db});
  EXPECT_EQ(run.status, 1);
  EXPECT_THAT(run.err, HasSubstr("a diff needs two"));

  // A newer OFAC file: the diff between the 2021 and 2024 copies.
  run = RunCli({"lists", "import", SharedData("lists/ofac/sdn-csv-2024-05-03/sdn.csv"), "--db", db});
  ASSERT_EQ(run.status, 0) << run.err;
  run = RunCli({"lists", "diff", "--source", "ofac", "--db", db});
  ASSERT_EQ(run.status, 0) << run.err;
  lines = ::wk::testing::SplitLines(run.out);
  ASSERT_GT(lines.size(), 1000u);
  EXPECT_THAT(lines[0], HasSubstr("\"from\":{\"version\":2"));
  EXPECT_THAT(lines[0], HasSubstr("\"to\":{\"version\":3"));
  EXPECT_THAT(run.out, HasSubstr("{\"source\":\"ofac\",\"change\":\"added\",\"id\":\"ofac:"));
  EXPECT_THAT(run.out, HasSubstr("\"change\":\"changed\""));

  run = RunCli({"lists", "versions", "--source", "ofac", "--db", db});
  ASSERT_EQ(run.status, 0) << run.err;
  lines = ::wk::testing::SplitLines(run.out);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_THAT(lines[0], HasSubstr("{\"version\":3,\"source\":\"ofac\""));
  EXPECT_THAT(lines[1], HasSubstr("{\"version\":2,\"source\":\"ofac\""));

  run = RunCli({"lists", "stats", "--db", db});
  ASSERT_EQ(run.status, 0) << run.err;
  lines = ::wk::testing::SplitLines(run.out);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_THAT(lines[0], HasSubstr("\"source\":\"ofac\",\"version\":3,\"versions\":2"));
  EXPECT_THAT(lines[0], HasSubstr("\"by_schema\":{\"aircraft\":376,\"organization\":6884,\"person\":6854,\"vessel\":851}"));
  EXPECT_THAT(lines[0], HasSubstr("\"imo\":844"));
  EXPECT_THAT(lines[1], HasSubstr("\"source\":\"un\""));
  EXPECT_THAT(lines[1], HasSubstr("\"by_schema\":{\"organization\":273,\"person\":730}"));
}

TEST_P(ListStoreTest, CliATruncatedFileNamesFileAndLineAndChangesNothing) {
  WK_REQUIRE_SHARED("lists/un/UN_consolidated.xml");
  TempDir dir;
  const std::string db = url();
  auto run = RunCli({"lists", "import", SharedData("lists/un/UN_consolidated.xml"), "--db", db});
  ASSERT_EQ(run.status, 0) << run.err;
  std::string xml = ::wk::testing::ReadFile(SharedData("lists/un/UN_consolidated.xml"));
  const std::string cut = dir.File("cut.xml");
  ::wk::testing::WriteFile(cut, xml.substr(0, xml.size() / 2));
  run = RunCli({"lists", "import", cut, "--db", db});
  EXPECT_EQ(run.status, 1);
  EXPECT_THAT(run.err, HasSubstr(cut + ":"));
  EXPECT_THAT(run.err, HasSubstr("truncated"));
  run = RunCli({"lists", "stats", "--db", db});
  ASSERT_EQ(run.status, 0);
  EXPECT_THAT(run.out, HasSubstr("\"version\":1,\"versions\":1"));
  EXPECT_THAT(run.out, HasSubstr("\"entities\":1003"));
}

TEST_P(ListStoreTest, LoadCurrentEntitiesOpensADatabaseByUrl) {
  const std::string path = url();
  {
    Result<store::Store> db = store::Open(path);
    ASSERT_TRUE(db.ok());
    Result<ListFile> l = ParseList(UnXml(Fictional(), "2026-01-01T00:00:00Z"), "f.xml");
    ASSERT_TRUE(l.ok());
    ASSERT_TRUE(ImportLists(*db, {*l}).ok());
  }
  Result<std::vector<Entity>> e = LoadCurrentEntities(path);
  ASSERT_TRUE(e.ok()) << e.error().message;
  EXPECT_EQ(e->size(), 4u);
  Result<std::vector<Entity>> none = LoadCurrentEntities(path, "ofac");
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
}

TEST(FictionalList, WritesAndReadsBackAsAUnList) {
  const std::vector<Entity> in = FictionalList();
  ASSERT_GE(in.size(), 10u);
  std::ostringstream xml;
  WriteUnXml(in, "2026-01-01T00:00:00Z", xml);
  Result<ListFile> list = ParseList(xml.str(), "demo.xml");
  ASSERT_TRUE(list.ok()) << list.error().message;
  ASSERT_EQ(list->entities.size(), in.size());
  int vessels = 0, hangul = 0, cyrillic = 0, han = 0;
  for (const Entity& e : list->entities) {
    EXPECT_THAT(e.remarks, HasSubstr("Fictional"));
    for (const Identifier& id : e.identifiers) EXPECT_TRUE(id.check_digit_valid) << e.id << " " << id.value;
    vessels += e.schema == Schema::kVessel;
    for (const Name& n : e.names) {
      hangul += n.script == "Hang";
      cyrillic += n.script == "Cyrl";
      han += n.script == "Hani";
    }
  }
  EXPECT_EQ(vessels, 3);
  const Entity& paekdu = *std::find_if(list->entities.begin(), list->entities.end(),
                                       [](const Entity& e) { return e.id == "un:KPv.801"; });
  ASSERT_EQ(paekdu.identifiers.size(), 2u);
  EXPECT_EQ(paekdu.identifiers[0].type, IdType::kImo);
  EXPECT_EQ(paekdu.identifiers[1].type, IdType::kMmsi);
  EXPECT_EQ(paekdu.identifiers[1].value, "445100001");
  EXPECT_GE(hangul, 3);
  EXPECT_EQ(cyrillic, 1);
  EXPECT_EQ(han, 1);
}

TEST_P(ListStoreTest, LoadCurrentEntitiesReturnsEveryFieldAsImported) {
  WK_REQUIRE_SHARED("lists/ofac/sdn-csv-2024-05-03/sdn.csv");
  Result<store::Store> db = store::Open(url());
  ASSERT_TRUE(db.ok());
  Result<std::vector<ListFile>> files = ReadListFiles(
      {SharedData("lists/un/UN_consolidated.xml"), SharedData("lists/ofac/sdn-csv-2024-05-03/sdn.csv")});
  ASSERT_TRUE(files.ok());
  ASSERT_TRUE(ImportLists(*db, *files).ok());
  Result<std::vector<Entity>> loaded = LoadCurrentEntities(*db);
  ASSERT_TRUE(loaded.ok()) << loaded.error().message;
  std::vector<Entity> all = (*files)[1].entities;  // sources load in name order: ofac, un
  all.insert(all.end(), (*files)[0].entities.begin(), (*files)[0].entities.end());
  ASSERT_EQ(loaded->size(), all.size());
  for (size_t i = 0; i < all.size(); ++i) {
    ASSERT_EQ((*loaded)[i].id, all[i].id);
    EXPECT_TRUE(all[i] == (*loaded)[i]) << all[i].id;
    EXPECT_EQ((*loaded)[i].identifiers.size(), all[i].identifiers.size());
  }
}

TEST_P(ListStoreTest, LoadCurrentEntitiesReadsRowsStoredAsJsonOnly) {
  Result<store::Store> db = store::Open(url());
  ASSERT_TRUE(db.ok());
  std::ostringstream xml;
  WriteUnXml(FictionalList(), "2026-01-01T00:00:00Z", xml);
  Result<ListFile> l = ParseList(xml.str(), "f.xml");
  ASSERT_TRUE(l.ok());
  ASSERT_TRUE(ImportLists(*db, {*l}).ok());
  // As a database written before the compact column existed.
  ASSERT_TRUE(db->Exec("UPDATE list_entities SET bin = NULL").ok());
  Result<std::vector<Entity>> loaded = LoadCurrentEntities(*db);
  ASSERT_TRUE(loaded.ok()) << loaded.error().message;
  ASSERT_EQ(loaded->size(), l->entities.size());
  for (size_t i = 0; i < loaded->size(); ++i) EXPECT_TRUE(l->entities[i] == (*loaded)[i]) << l->entities[i].id;
  Result<Entity> one = LoadEntity(*db, "un:KPv.801");
  ASSERT_TRUE(one.ok()) << one.error().message;
  EXPECT_EQ(one->names[0].full, "PAEKDU STAR");
}

}  // namespace
}  // namespace wk::lists

namespace wk::lists {
namespace {

// An entity with every field set to something other than its default, so a
// serialiser that drops or mangles any field fails the round trips below.
Entity EveryField() {
  Entity e;
  e.id = "un:KPi.999";
  e.source = "un";
  e.schema = Schema::kPerson;
  e.names = {{"KIM Chol", NameKind::kPrimary, "Latn"},
             {"김철", NameKind::kAlias, "Hang"},
             {"Kim Ch'ol", NameKind::kFormer, "Latn"},
             {"Chol", NameKind::kWeakAlias, ""}};
  e.identifiers = {{IdType::kPassport, "654321", "KP", true, "Passport no."},
                   {IdType::kImo, "1234568", "", false, "IMO number"}};
  e.birth_dates = {"1960-01-31", "1961"};
  e.birth_places = {"Pyongyang"};
  e.nationalities = {"KP"};
  e.addresses = {"Pyongyang, KP"};
  e.programmes = {"DPRK"};
  e.listed_on = "2016-03-02";
  e.remarks = "Fictional: \"quoted\", a line\nbreak and \\ a backslash.";
  e.gender = "male";
  e.same_as = {"ofac:99999"};
  e.countries = {"KP", "CN"};
  return e;
}

TEST(EntityRoundTrip, JsonOutAndInGiveTheSameEntity) {
  const Entity e = EveryField();
  std::string json;
  AppendEntityJson(json, e);
  Result<Entity> back = EntityFromJson(json);
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_TRUE(*back == e) << json;
}

TEST_P(ListStoreTest, EntityRoundTripStoreGivesTheSameEntityFromEitherColumn) {
  Result<store::Store> db = store::Open(url());
  ASSERT_TRUE(db.ok());
  ListFile list;
  list.source = "un";
  list.format = Format::kUnXml;
  list.entities = {EveryField()};
  ASSERT_TRUE(ImportLists(*db, {list}).ok());
  Result<Entity> compact = LoadEntity(*db, "un:KPi.999");
  ASSERT_TRUE(compact.ok()) << compact.error().message;
  EXPECT_TRUE(*compact == EveryField());
  ASSERT_TRUE(db->Exec("UPDATE list_entities SET bin = NULL").ok());
  Result<Entity> from_json = LoadEntity(*db, "un:KPi.999");
  ASSERT_TRUE(from_json.ok()) << from_json.error().message;
  EXPECT_TRUE(*from_json == EveryField());
}

TEST(EntityRoundTrip, EqualityAndDiffSeeEveryField) {
  const Entity e = EveryField();
  EXPECT_TRUE(DiffEntity(e, e).empty());
  // One change per field (id and source name the entity): == and the diff
  // both notice each.
  std::vector<std::function<void(Entity&)>> changes = {
      [](Entity& x) { x.schema = Schema::kVessel; },
      [](Entity& x) { x.names[1].full = "김정철"; },
      [](Entity& x) { x.names[2].kind = NameKind::kAlias; },
      [](Entity& x) { x.identifiers[0].value = "654322"; },
      [](Entity& x) { x.identifiers[0].country = "CN"; },
      [](Entity& x) { x.birth_dates.push_back("1962"); },
      [](Entity& x) { x.birth_places.push_back("Nampo"); },
      [](Entity& x) { x.nationalities.push_back("RU"); },
      [](Entity& x) { x.addresses.push_back("Nampo"); },
      [](Entity& x) { x.programmes.push_back("DPRK2"); },
      [](Entity& x) { x.listed_on = "2017-01-01"; },
      [](Entity& x) { x.remarks = "other"; },
      [](Entity& x) { x.gender = "female"; },
      [](Entity& x) { x.same_as.push_back("uk:1"); },
      [](Entity& x) { x.countries.push_back("RU"); },
  };
  for (size_t i = 0; i < changes.size(); ++i) {
    Entity changed = e;
    changes[i](changed);
    EXPECT_FALSE(changed == e) << "change " << i;
    EXPECT_FALSE(DiffEntity(e, changed).empty()) << "change " << i;
  }
}

// ---- Issue 13 item 5: lists that cannot go back in time silently ---------------------

TEST_P(ListStoreTest, Issue13CurrentVersionIsTheNewestByTheListsOwnDate) {
  Result<store::Store> db = store::Open(url());
  ASSERT_TRUE(db.ok());
  std::vector<Entity> newer = Fictional();
  newer.push_back(Person("KPi.903", "KIM SONG-IL", "1980"));
  Result<ListFile> feb = ParseList(UnXml(newer, "2026-02-01T00:00:00Z"), "feb.xml");
  Result<ListFile> jan = ParseList(UnXml(Fictional(), "2026-01-01T00:00:00Z"), "jan.xml");
  ASSERT_TRUE(feb.ok() && jan.ok());
  ASSERT_TRUE(ImportLists(*db, {*feb}).ok());
  // The January list, imported after, is refused with both dates and counts.
  Result<std::vector<ListVersion>> refused = ImportLists(*db, {*jan});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kInvalidInput);
  EXPECT_THAT(refused.error().message, HasSubstr("older than the current version"));
  EXPECT_THAT(refused.error().message, HasSubstr("(2026-01-01T00:00:00Z, 4 entries)"));
  EXPECT_THAT(refused.error().message, HasSubstr("(2026-02-01T00:00:00Z, 5 entries)"));
  ASSERT_EQ(ListVersions(*db)->size(), 1u);
  // Forced, it is kept as history, but the February list stays current.
  ImportPolicy force;
  force.force = true;
  ASSERT_TRUE(ImportLists(*db, {*jan}, force).ok());
  ASSERT_EQ(ListVersions(*db)->size(), 2u);
  Result<std::vector<ListVersion>> current = CurrentVersions(*db);
  ASSERT_TRUE(current.ok());
  ASSERT_EQ(current->size(), 1u);
  EXPECT_EQ((*current)[0].generated, "2026-02-01T00:00:00Z");
  EXPECT_EQ(LoadCurrentEntities(*db)->size(), 5u);
  EXPECT_TRUE(LoadEntity(*db, "un:KPi.903").ok());
  // The diff runs from the older list to the current one.
  Result<std::vector<ListDiff>> diffs = DiffLatest(*db, "un");
  ASSERT_TRUE(diffs.ok());
  EXPECT_EQ((*diffs)[0].to.generated, "2026-02-01T00:00:00Z");
  EXPECT_EQ((*diffs)[0].changes.size(), 1u);
  EXPECT_EQ((*diffs)[0].changes[0].kind, ChangeKind::kAdded);
}

TEST_P(ListStoreTest, Issue13AListThatDropsMostEntriesIsRefused) {
  Result<store::Store> db = store::Open(url());
  ASSERT_TRUE(db.ok());
  Result<ListFile> full = ParseList(UnXml(Fictional(), "2026-01-01T00:00:00Z"), "full.xml");
  ASSERT_TRUE(full.ok());
  ASSERT_TRUE(ImportLists(*db, {*full}).ok());
  // One of four dropped (25%) passes; two of four (50%) does not.
  std::vector<Entity> two = Fictional();
  two.resize(2);
  Result<ListFile> cut = ParseList(UnXml(two, "2026-02-01T00:00:00Z"), "cut.xml");
  ASSERT_TRUE(cut.ok());
  Result<std::vector<ListVersion>> refused = ImportLists(*db, {*cut});
  ASSERT_FALSE(refused.ok());
  EXPECT_THAT(refused.error().message, HasSubstr("drops 2 of the current 4 entries (50%, more than 25%)"));
  EXPECT_THAT(refused.error().message, HasSubstr("2 entries"));
  std::vector<Entity> three = Fictional();
  three.resize(3);
  Result<ListFile> one_less = ParseList(UnXml(three, "2026-02-01T00:00:00Z"), "three.xml");
  ASSERT_TRUE(one_less.ok());
  ASSERT_TRUE(ImportLists(*db, {*one_less}).ok());
  ImportPolicy force;
  force.force = true;
  Result<ListFile> later_cut = ParseList(UnXml(two, "2026-03-01T00:00:00Z"), "cut.xml");
  ASSERT_TRUE(later_cut.ok());
  EXPECT_FALSE(ImportLists(*db, {*later_cut}).ok());  // 1 of 3 is 33%
  ASSERT_TRUE(ImportLists(*db, {*later_cut}, force).ok());
  EXPECT_EQ(LoadCurrentEntities(*db)->size(), 2u);
}

TEST_P(ListStoreTest, Issue13IdenticalContentAddsNoVersion) {
  Result<store::Store> db = store::Open(url());
  ASSERT_TRUE(db.ok());
  Result<ListFile> l = ParseList(UnXml(Fictional(), "2026-01-01T00:00:00Z"), "l.xml");
  ASSERT_TRUE(l.ok());
  Result<std::vector<ListVersion>> first = ImportLists(*db, {*l});
  ASSERT_TRUE(first.ok());
  EXPECT_FALSE((*first)[0].unchanged);
  Result<std::vector<ListVersion>> again = ImportLists(*db, {*l});
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_TRUE((*again)[0].unchanged);
  EXPECT_EQ((*again)[0].id, (*first)[0].id);
  EXPECT_EQ(ListVersions(*db)->size(), 1u);
}

TEST_P(ListStoreTest, Issue13CliRefusesACutOfficialListWithBothCounts) {
  WK_REQUIRE_SHARED("lists/ofac/sdn-csv-2024-05-03/sdn.csv");
  TempDir dir;
  const std::string db = url();
  const std::string sdn = SharedData("lists/ofac/sdn-csv-2024-05-03/sdn.csv");
  auto run = RunCli({"lists", "import", sdn, "--db", db});
  ASSERT_EQ(run.status, 0) << run.err;
  // The same file again adds nothing, and says so.
  run = RunCli({"lists", "import", sdn, "--db", db});
  ASSERT_EQ(run.status, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr("\"unchanged\":true"));
  EXPECT_THAT(run.err, HasSubstr("no version added"));
  // The file cut to its first 100 lines.
  const std::string text = ::wk::testing::ReadFile(sdn);
  size_t at = 0;
  for (int i = 0; i < 100; ++i) at = text.find('\n', at) + 1;
  ::wk::testing::WriteFile(dir.File("sdn.csv"), text.substr(0, at));
  run = RunCli({"lists", "import", dir.File("sdn.csv"), "--db", db});
  EXPECT_EQ(run.status, 1);
  EXPECT_THAT(run.err, HasSubstr("nothing changed"));
  EXPECT_THAT(run.err, HasSubstr("(no date of its own, 100 entries)"));
  EXPECT_THAT(run.err, HasSubstr("drops 14865 of the current 14965 entries"));
  run = RunCli({"lists", "versions", "--db", db});
  ASSERT_EQ(run.status, 0);
  EXPECT_EQ(::wk::testing::SplitLines(run.out).size(), 1u);
  // --force lets it through, and it is current (the same undated day).
  run = RunCli({"lists", "import", dir.File("sdn.csv"), "--force", "--db", db});
  ASSERT_EQ(run.status, 0) << run.err;
  run = RunCli({"lists", "stats", "--db", db});
  EXPECT_THAT(run.out, HasSubstr("\"entities\":100"));
}

TEST_P(ListStoreTest, Issue13CliDatesAnUndatedFileAndRefusesAnOlderOne) {
  WK_REQUIRE_SHARED("lists/ofac/sdn-csv-2024-05-03/sdn.csv");
  const std::string db = url();
  auto run = RunCli({"lists", "import", SharedData("lists/ofac/sdn-csv-2024-05-03/sdn.csv"), "--date",
                     "2024-05-03", "--db", db});
  ASSERT_EQ(run.status, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr("\"generated\":\"2024-05-03\""));
  run = RunCli({"lists", "import", SharedData("lists/ofac/watchman-bench-2021-07/sdn.csv"), "--date",
                "2021-07-07", "--db", db});
  EXPECT_EQ(run.status, 1);
  EXPECT_THAT(run.err, HasSubstr("(2021-07-07, 8976 entries)"));
  EXPECT_THAT(run.err, HasSubstr("(2024-05-03, 14965 entries)"));
  EXPECT_THAT(run.err, HasSubstr("older than the current version"));
  // Forced in, it is history and says which version stays current.
  run = RunCli({"lists", "import", SharedData("lists/ofac/watchman-bench-2021-07/sdn.csv"), "--date",
                "2021-07-07", "--force", "--db", db});
  ASSERT_EQ(run.status, 0) << run.err;
  EXPECT_THAT(run.err, HasSubstr("version 2 is older than the current version 1 (2024-05-03), which stays current"));
  run = RunCli({"lists", "stats", "--db", db});
  EXPECT_THAT(run.out, HasSubstr("\"version\":1,\"versions\":2"));
  EXPECT_THAT(run.out, HasSubstr("\"entities\":14965"));
  run = RunCli({"lists", "versions", "--db", db});
  const std::vector<std::string> lines = ::wk::testing::SplitLines(run.out);
  ASSERT_EQ(lines.size(), 2u) << run.out;
  EXPECT_THAT(lines[0], ::testing::Not(HasSubstr("\"current\"")));  // version 2, imported last
  EXPECT_THAT(lines[1], HasSubstr("\"version\":1,"));
  EXPECT_THAT(lines[1], HasSubstr("\"current\":true}"));
  // Undated after dated cannot be placed: refused too.
  run = RunCli({"lists", "import", SharedData("lists/ofac/watchman-bench-2021-07/sdn.csv"), "--db", db});
  EXPECT_EQ(run.status, 1);
  EXPECT_THAT(run.err, HasSubstr("no date of its own"));
  EXPECT_EQ(RunCli({"lists", "import", SharedData("lists/un/UN_consolidated.xml"), "--date", "2026-01-01",
                    "--db", db}).status, 2);  // the UN file has a date
  EXPECT_EQ(RunCli({"lists", "import", SharedData("lists/ofac/watchman-bench-2021-07/sdn.csv"), "--date",
                    "2024-02-30", "--db", db}).status, 2);
}

// ---- Issue 13 item 6: matches carry their listing ------------------------------------

TEST_P(ListStoreTest, Issue13CliShowsAndScreensAVesselByImo) {
  WK_REQUIRE_SHARED("lists/ofac/sdn-csv-2024-05-03/sdn.csv");
  const std::string db = url();
  auto run = RunCli({"lists", "import", SharedData("lists/ofac/sdn-csv-2024-05-03/sdn.csv"), "--date",
                     "2024-05-03", "--db", db});
  ASSERT_EQ(run.status, 0) << run.err;
  run = RunCli({"lists", "show", "imo:8604917", "--db", db});
  ASSERT_EQ(run.status, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr("\"id\":\"ofac:23736\""));
  EXPECT_THAT(run.out, HasSubstr("YU JONG 2"));
  run = RunCli({"lists", "show", "imo:9999999", "--db", db});
  EXPECT_EQ(run.status, 1);
  EXPECT_THAT(run.err, HasSubstr("no entry of the current lists carries imo:9999999"));
  EXPECT_EQ(RunCli({"lists", "show", "imo:12", "--db", db}).status, 2);
  // Screening by number alone, each match naming its listing.
  run = RunCli({"screen", "--id", "imo:8604917", "--db", db});
  ASSERT_EQ(run.status, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr("\"id\":\"ofac:23736\""));
  EXPECT_THAT(run.out, HasSubstr("\"score\":1"));
  EXPECT_THAT(run.out, HasSubstr("\"listing\":{\"source\":\"ofac\",\"list_version\":1,"
                                 "\"list_date\":\"2024-05-03\",\"programmes\":[\"DPRK4\"],\"listed_on\":\"\"}"));
  run = RunCli({"screen", "--id", "imo:9999999", "--db", db});
  ASSERT_EQ(run.status, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr("\"matches\":[]"));
}

}  // namespace
}  // namespace wk::lists
