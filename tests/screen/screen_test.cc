#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sstream>

#include "lists/lists.h"
#include "screen/screen.h"
#include "support/screen_eval.h"
#include "testing.h"

namespace wk::screen {
namespace {

using lists::Entity;
using lists::Schema;

Entity Make(std::string id, Schema schema, std::vector<std::string> names) {
  Entity e;
  e.id = std::move(id);
  e.source = e.id.substr(0, e.id.find(':'));
  e.schema = schema;
  for (size_t i = 0; i < names.size(); ++i)
    e.names.push_back({names[i], i == 0 ? lists::NameKind::kPrimary : lists::NameKind::kAlias, "Latn"});
  return e;
}

// A small list written by hand (names as the UN and OFAC lists write them).
const Index& TestIndex() {
  static const Index index = [] {
    std::vector<Entity> v;
    Entity choe = Make("un:KPi.900", Schema::kPerson, {"CHOE RYONG HAE"});
    choe.birth_dates = {"1950-01-15"};
    choe.nationalities = {"KP"};
    v.push_back(choe);
    v.push_back(Make("un:KPe.001", Schema::kOrganization,
                     {"KOREA MINING DEVELOPMENT TRADING CORPORATION", "KOMID"}));
    Entity ship = Make("ofac:23736", Schema::kVessel, {"YU JONG 2"});
    ship.identifiers.push_back(lists::MakeIdentifier(lists::IdType::kImo, "8604917"));
    v.push_back(ship);
    v.push_back(Make("ofac:16691", Schema::kPerson, {"NARYSHKIN, Sergey Yevgenyevich"}));
    v.push_back(Make("ofac:20157", Schema::kPerson, {"KIM, Jong Un"}));
    v.push_back(Make("un:KPi.077", Schema::kPerson, {"PAK KWANG CHOL"}));
    v.push_back(Make("un:KPi.078", Schema::kPerson, {"RI PYONG CHOL"}));
    v.push_back(Make("ofac:1", Schema::kOrganization, {"KOREA KWANGSON BANKING CORP"}));
    return Index::Build(std::move(v));
  }();
  return index;
}

std::vector<Match> Hits(const Query& q) {
  Scratch scratch;
  Result<std::vector<Match>> m = TestIndex().Screen(q, scratch);
  EXPECT_TRUE(m.ok()) << (m.ok() ? "" : m.error().message);
  return m.ok() ? *m : std::vector<Match>{};
}

std::vector<Match> Hits(std::string name) {
  Query q;
  q.name = std::move(name);
  return Hits(q);
}

std::string TopId(const std::vector<Match>& m) {
  return m.empty() ? "" : TestIndex().entities()[m[0].entity].id;
}

TEST(Screen, FindsKoreanRomanisationVariants) {
  for (const char* q : {"Choi Ryong-hae", "Choe Ryonghae", "CH'OE RYONG HAE", "Choi Yong Hae",
                        "Hae Ryong Choe", "최룡해"}) {
    std::vector<Match> m = Hits(q);
    ASSERT_FALSE(m.empty()) << q;
    EXPECT_EQ(TopId(m), "un:KPi.900") << q;
    EXPECT_GE(m[0].score, kDefaultThreshold) << q;
  }
  for (const char* q : {"Park Gwang Cheol", "Bak Kwang-chul"}) EXPECT_EQ(TopId(Hits(q)), "un:KPi.077") << q;
  for (const char* q : {"Lee Byong Chol", "Yi Pyong-chol", "Rhee Pyongchol"})
    EXPECT_EQ(TopId(Hits(q)), "un:KPi.078") << q;
}

TEST(Screen, ExplainsHowTokensMet) {
  std::vector<Match> m = Hits("Choi Ryong-hae");
  ASSERT_FALSE(m.empty());
  const Explanation& ex = m[0].explanation;
  bool romanised = false;
  for (const TokenMatch& t : ex.tokens)
    if (t.query == "choi" && t.listed == "choe" && t.kind == MatchKind::kRomanisation) romanised = true;
  EXPECT_TRUE(romanised);
  std::string text = ExplainText(TestIndex().entities()[m[0].entity], m[0]);
  EXPECT_NE(text.find("'choi' ~ 'choe' (romanisation variant"), std::string::npos) << text;
}

TEST(Screen, SpacingAndOrder) {
  EXPECT_EQ(TopId(Hits("Kim Jongun")), "ofac:20157");
  EXPECT_EQ(TopId(Hits("Jong Un Kim")), "ofac:20157");
  EXPECT_EQ(TopId(Hits("KIMJONG UN")), "ofac:20157");
}

TEST(Screen, ToleratesOneOrTwoTypingErrors) {
  EXPECT_EQ(TopId(Hits("Naryshkn Sergey Yevgenyevich")), "ofac:16691");
  EXPECT_EQ(TopId(Hits("Naryshkin Sergey Yevgenyevihc")), "ofac:16691");
  EXPECT_EQ(TopId(Hits("Korea Minning Developmnet Trading Corporation")), "un:KPe.001");
}

TEST(Screen, WeighsLegalFormsLowAndFindsAcronyms) {
  std::vector<Match> m = Hits("Korea Mining Development Trading Co., Ltd.");
  ASSERT_FALSE(m.empty());
  EXPECT_EQ(TopId(m), "un:KPe.001");
  EXPECT_GT(m[0].score, 0.9);
  EXPECT_EQ(TopId(Hits("KOMID")), "un:KPe.001");
  EXPECT_EQ(TopId(Hits("Korea Kwangson Banking Corporation")), "ofac:1");
}

TEST(Screen, VesselPrefixesAndNumbers) {
  for (const char* q : {"M/V YU JONG 2", "YUJONG-2", "MT Yu Jong 2"}) {
    std::vector<Match> m = Hits(q);
    ASSERT_FALSE(m.empty()) << q;
    EXPECT_EQ(TopId(m), "ofac:23736") << q;
    EXPECT_GT(m[0].score, 0.95) << q;
  }
  // Another number is another ship.
  for (const Match& x : Hits("YU JONG 7")) EXPECT_LT(x.score, kDefaultThreshold);
}

TEST(Screen, ImoNumberIsDecisive) {
  Query q;
  q.name = "Ocean Star";
  Result<QueryId> id = ParseQueryId("imo:8604917");
  ASSERT_TRUE(id.ok());
  q.ids.push_back(*id);
  std::vector<Match> m = Hits(q);
  ASSERT_FALSE(m.empty());
  EXPECT_EQ(TopId(m), "ofac:23736");
  EXPECT_DOUBLE_EQ(m[0].score, 1.0);
  bool explained = false;
  for (const Feature& f : m[0].explanation.features) explained |= f.name == "id";
  EXPECT_TRUE(explained);
  // A different IMO number lowers the name match below the threshold.
  Query other;
  other.name = "YU JONG 2";
  other.ids.push_back(*ParseQueryId("imo:9123456"));
  for (const Match& x : Hits(other)) EXPECT_LT(x.score, kDefaultThreshold);
}

TEST(Screen, DateOfBirthRaisesOrLowers) {
  Query q;
  q.name = "Choi Ryong Hae";
  q.threshold = 0;
  double base = Hits(q)[0].score;
  q.dob = "1950-01-15";
  double agree = Hits(q)[0].score;
  q.dob = "1979";
  double contradict = Hits(q)[0].score;
  EXPECT_GT(agree, base - 1e-9);
  EXPECT_LT(contradict, base - 0.1);
  q.dob = "1951";  // within a year: neither
  EXPECT_NEAR(Hits(q)[0].score, base, 1e-9);
}

TEST(Screen, CountryAndSchemaCount) {
  Query q;
  q.name = "Choe Ryong Hae";
  q.country = "KP";
  q.threshold = 0;
  double same = Hits(q)[0].score;
  q.country = "FR";
  double other = Hits(q)[0].score;
  EXPECT_GT(same, other);
  Query s;
  s.name = "YU JONG 2";
  s.schema = Schema::kPerson;
  EXPECT_TRUE(Hits(s).empty());
}

TEST(Screen, UnrelatedNamesDoNotMatch) {
  for (const char* q : {"John Smith", "Pak Song Nam", "Korea Fisheries Company", "Rotterdam"})
    EXPECT_TRUE(Hits(q).empty()) << q << " matched " << TopId(Hits(q));
}

TEST(Screen, BadQueriesGetErrorsNotCrashes) {
  Scratch scratch;
  for (std::string bad : {std::string(), std::string("\xFF\xFE"), std::string(1 << 20, 'K'),
                          std::string("!!!")}) {
    Query q;
    q.name = bad;
    Result<std::vector<Match>> m = TestIndex().Screen(q, scratch);
    EXPECT_FALSE(m.ok());
  }
  Query ctl;
  ctl.name = "Choe\x07Ryong\x1BHae";
  EXPECT_EQ(TopId(Hits(ctl)), "un:KPi.900");
}

TEST(FormatMatchesJson, HasTheAgreedFields) {
  Query q;
  q.name = "Choi Ryong Hae";
  std::vector<Match> m = Hits(q);
  nlohmann::json j = nlohmann::json::parse(FormatMatchesJson(TestIndex(), q, m));
  EXPECT_EQ(j["query"]["name"], "Choi Ryong Hae");
  ASSERT_FALSE(j["matches"].empty());
  const auto& first = j["matches"][0];
  for (const char* f : {"id", "name", "schema", "score", "matched_name", "explanation"})
    EXPECT_TRUE(first.contains(f)) << f;
  EXPECT_EQ(first["id"], "un:KPi.900");
  EXPECT_EQ(first["schema"], "person");
  EXPECT_TRUE(first["explanation"]["summary"].is_string());
}

TEST(ScreenBatch, KeepsInputOrderAndReportsBadRows) {
  std::ostringstream csv;
  csv << "name,schema,dob,id\n";
  std::vector<std::string> names;
  for (int i = 0; i < 700; ++i) {
    std::string n = i % 3 == 0 ? "Choi Ryong Hae" : i % 3 == 1 ? "Nobody Atall " + std::to_string(i) : "YUJONG-2";
    names.push_back(n);
    csv << '"' << n << "\",,,\n";
  }
  csv << "\"Kim, Jong Un\",person,1984-13,\n";  // bad month
  csv << "\"Ocean\",vessel,,imo:8604917\n";
  std::istringstream in(csv.str());
  std::ostringstream out;
  BatchOptions o;
  o.threads = 2;
  Result<size_t> n = ScreenBatch(TestIndex(), in, out, o);
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(*n, 702u);
  std::vector<std::string> lines = testing::SplitLines(out.str());
  ASSERT_EQ(lines.size(), 702u);
  for (size_t i = 0; i < names.size(); ++i)
    ASSERT_EQ(nlohmann::json::parse(lines[i])["query"]["name"], names[i]) << i;
  nlohmann::json bad = nlohmann::json::parse(lines[700]);
  EXPECT_NE(bad["error"].get<std::string>().find("line 702"), std::string::npos);
  nlohmann::json ship = nlohmann::json::parse(lines[701]);
  EXPECT_EQ(ship["matches"][0]["id"], "ofac:23736");
}

TEST(ScreenBatch, NeedsANameColumn) {
  std::istringstream in("who,dob\nx,1990\n");
  std::ostringstream out;
  Result<size_t> n = ScreenBatch(TestIndex(), in, out, BatchOptions{});
  ASSERT_FALSE(n.ok());
  EXPECT_NE(n.error().message.find("'name'"), std::string::npos);
}

TEST(ParseQueryId, ChecksTypeAndValue) {
  EXPECT_TRUE(ParseQueryId("IMO:8604917").ok());
  EXPECT_EQ(ParseQueryId("imo:IMO 8604917")->value, "8604917");
  EXPECT_FALSE(ParseQueryId("imo:123").ok());
  EXPECT_FALSE(ParseQueryId("shoe:123").ok());
  EXPECT_FALSE(ParseQueryId("8604917").ok());
  EXPECT_EQ(ParseQueryId("passport:ab 12-345")->value, "AB12345");
  EXPECT_TRUE(ParseQueryDate("1984").ok());
  EXPECT_TRUE(ParseQueryDate("1984-01-08").ok());
  EXPECT_FALSE(ParseQueryDate("84-1-8").ok());
  EXPECT_FALSE(ParseQueryDate("1984-00").ok());
}

// ---- on the real lists

// The index over every real list. A list that fails to parse fails every
// test that screens against it, naming the file and the error, instead of
// leaving its names out.
const Index& RealIndex() {
  static const Result<std::vector<lists::Entity>> all =
      screen_eval::ReadSharedLists(testing::SharedData(""));
  static const Index index = Index::Build(all.ok() ? *all : std::vector<lists::Entity>{});
  if (!all.ok()) ADD_FAILURE() << all.error().message;
  return index;
}

std::vector<std::string> RealIds(const std::string& name) {
  Scratch scratch;
  Query q;
  q.name = name;
  Result<std::vector<Match>> m = RealIndex().Screen(q, scratch);
  std::vector<std::string> ids;
  if (m.ok())
    for (const Match& x : *m) ids.push_back(RealIndex().entities()[x.entity].id);
  return ids;
}

TEST(ScreenRealLists, FindsDprkNamesWrittenOtherWays) {
  WK_REQUIRE_SHARED("lists/un/UN_consolidated.xml");
  auto has = [](const std::vector<std::string>& ids, const std::string& id) {
    return std::find(ids.begin(), ids.end(), id) != ids.end();
  };
  // FIELD-NOTES: the open peers miss this one.
  std::vector<std::string> ids = RealIds("Choi Chun-sik");
  EXPECT_FALSE(ids.empty());
  bool un = false;
  for (const std::string& id : ids) un |= id.rfind("un:KPi.", 0) == 0;
  EXPECT_TRUE(un);
  EXPECT_TRUE(has(RealIds("Yun Hojin"), "un:KPi.001"));
  EXPECT_TRUE(has(RealIds("Korea Mining Development Trading Corp"), "un:KPe.001"));
  EXPECT_TRUE(has(RealIds("KOMID"), "un:KPe.001"));
  EXPECT_TRUE(has(RealIds("金铁三"), "un:KPi.035"));
}

TEST(ScreenRealLists, FindsShipsAndCyrillic) {
  WK_REQUIRE_SHARED("lists/ofac/sdn-csv-2024-05-03/sdn.csv");
  auto has = [](const std::vector<std::string>& ids, const std::string& id) {
    return std::find(ids.begin(), ids.end(), id) != ids.end();
  };
  EXPECT_TRUE(has(RealIds("M/V YUJONG-2"), "ofac:23736"));
  EXPECT_TRUE(has(RealIds("Нарышкин Сергей Евгеньевич"), "ofac:16691"));
  EXPECT_TRUE(RealIds("Annapolis Harbour Trading LLC").empty());
}

// The score the real lists give `id` for `name`, 0 when it is not reported.
double RealScore(const std::string& name, const std::string& id) {
  Scratch scratch;
  Query q;
  q.name = name;
  Result<std::vector<Match>> m = RealIndex().Screen(q, scratch);
  if (m.ok())
    for (const Match& x : *m)
      if (RealIndex().entities()[x.entity].id == id) return x.score;
  return 0;
}

// Issue 13 item 2: AIS carries DPRK ship names as one word or in Hangul.
TEST(ScreenRealLists, FindsShipNamesAsAisCarriesThem) {
  WK_REQUIRE_SHARED("lists/ofac/sdn-csv-2024-05-03/sdn.csv");
  const std::vector<std::pair<std::string, std::string>> ships = {
      {"CHONMASAN", "ofac:23729"},      {"Chongchongang", "ofac:17069"},
      {"Taedonggang", "ofac:17105"},    {"Mudubong", "ofac:17092"},
      {"Sobaeksan", "ofac:23187"},      {"Amnokgang", "ofac:17084"},
      {"Hwanggeumsan 2", "ofac:17087"}, {"압록강", "ofac:17084"},
      {"무두봉", "ofac:17092"},         {"청천강", "ofac:17069"},
      {"대동강", "ofac:17105"},         {"소백산", "ofac:23187"},
      {"천마산", "ofac:23729"},
  };
  for (const auto& [name, id] : ships) {
    std::vector<std::string> ids = RealIds(name);
    ASSERT_FALSE(ids.empty()) << name;
    EXPECT_EQ(ids.front(), id) << name;
    EXPECT_GE(RealScore(name, id), 0.9) << name;
  }
}

// Issue 13 item 3: Russian given names as the lists spell them, and names in
// styled Unicode letters.
TEST(ScreenRealLists, FindsRussianSpellingVariantsAndStyledLetters) {
  WK_REQUIRE_SHARED("lists/ofac/sdn-csv-2024-05-03/sdn.csv");
  EXPECT_GE(RealScore("Aleksandr Bortnikov", "ofac:31126"), 0.8);  // BORTNIKOV, Alexander
  EXPECT_GE(RealScore("Alexandr Bortnikov", "ofac:31126"), 0.8);
  EXPECT_GE(RealScore("Миллер Алексей Борисович", "ofac:24083"), 0.95);  // MILLER, Alexey
  EXPECT_GE(RealScore("Aleksei Miller", "ofac:24083"), 0.85);
  std::vector<std::string> bold = RealIds("𝐊𝐈𝐌 𝐉𝐎𝐍𝐆 𝐔𝐍");
  ASSERT_FALSE(bold.empty());
  EXPECT_GE(RealScore("𝐊𝐈𝐌 𝐉𝐎𝐍𝐆 𝐔𝐍", "ofac:20157"), 0.99);  // KIM, Jong Un
  EXPECT_GE(RealScore("ⓀⒾⓂ ⒿⓄⓃⒼ ⓊⓃ", "ofac:20157"), 0.99);
}

}  // namespace
}  // namespace wk::screen

namespace wk::screen {
namespace {

TEST(FictionalList, RoundTripsThroughTheUnParserAndScreens) {
  testing::TempDir dir;
  const std::string path = dir.File("fictional_un.xml");
  testing::CliRun w = testing::RunCli({"lists", "fictional", "--out", path});
  ASSERT_EQ(w.status, 0) << w.err;
  Result<lists::ListFile> f = lists::ReadListFile(path);
  ASSERT_TRUE(f.ok()) << f.error().message;
  EXPECT_EQ(f->entities.size(), 11u);
  Index index = Index::Build(f->entities);
  Scratch scratch;
  auto top = [&](const std::string& name) {
    Query q;
    q.name = name;
    Result<std::vector<Match>> m = index.Screen(q, scratch);
    return m.ok() && !m->empty() ? index.entities()[(*m)[0].entity].id : std::string();
  };
  EXPECT_EQ(top("Choi Seong Chol"), "un:KPi.801");
  EXPECT_EQ(top("최성철"), "un:KPi.801");
  EXPECT_EQ(top("Lee Yong-su"), "un:KPi.802");
  EXPECT_EQ(top("Волков Сергей"), "un:KPi.805");
  EXPECT_EQ(top("Haegum Trading Corp"), "un:KPe.801");
  EXPECT_EQ(top("M/V YUJONG-7"), "un:KPv.802");
  testing::CliRun t = testing::RunCli({"screen", "Choi Song Cheol", "--format", "text", "--lists", path});
  ASSERT_EQ(t.status, 0) << t.err;
  EXPECT_NE(t.out.find("un:KPi.801"), std::string::npos) << t.out;
  EXPECT_NE(t.out.find("romanisation variant"), std::string::npos) << t.out;
}

}  // namespace
}  // namespace wk::screen

namespace wk::screen {
namespace {

TEST(ScreenBatch, SurvivesHostileRows) {
  std::string csv = "name\n";
  csv += std::string(3 << 20, 'A') + "\n";          // a 3 MiB name
  csv += "\"Choi Ryong Hae\"\n";
  csv += "\"unclosed " + std::string(2 << 20, 'x') + "\n";  // a quote never closed
  std::istringstream in(csv);
  std::ostringstream out;
  BatchOptions o;
  o.threads = 2;
  Result<size_t> n = ScreenBatch(TestIndex(), in, out, o);
  ASSERT_TRUE(n.ok());
  std::vector<std::string> lines = testing::SplitLines(out.str());
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_NE(lines[0].find("record longer than"), std::string::npos);
  EXPECT_NE(lines[1].find("un:KPi.900"), std::string::npos);
  EXPECT_NE(lines[2].find("error"), std::string::npos);
}

}  // namespace
}  // namespace wk::screen
