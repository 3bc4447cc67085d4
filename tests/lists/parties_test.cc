// Parties on the real UN, OFAC 2024, UK 2018 and EU 2018 lists, and the
// rules one by one on small hand-made entries.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <map>
#include <set>

#include "lists/lists.h"
#include "screen/screen.h"
#include "testing.h"

namespace wk::lists {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::wk::testing::SharedData;

const char* kFiles[] = {"lists/un/UN_consolidated.xml", "lists/ofac/sdn-csv-2024-05-03/sdn.csv",
                        "lists/uk/sanctionsconlist-2018-04-13.csv", "lists/eu/EUSanctionsShort-2018-07-04.csv"};

// The four real lists, read once for every test here.
const std::vector<Entity>& RealEntities() {
  static const std::vector<Entity> all = [] {
    std::vector<Entity> out;
    for (const char* f : kFiles) {
      Result<ListFile> l = ReadListFile(SharedData(f));
      if (!l.ok()) return std::vector<Entity>{};
      for (Entity& e : l->entities) out.push_back(std::move(e));
    }
    return out;
  }();
  return all;
}

const Parties& RealParties() {
  static const Parties p = BuildParties(RealEntities(), screen::PartyNameRules());
  return p;
}

#define REQUIRE_REAL_LISTS()                        \
  do {                                              \
    for (const char* f : kFiles) WK_REQUIRE_SHARED(f); \
    ASSERT_FALSE(RealEntities().empty());           \
  } while (0)

const Party& PartyOf(const Parties& p, const std::vector<Entity>& entities, const std::string& id) {
  for (size_t i = 0; i < entities.size(); ++i)
    if (entities[i].id == id) return p.parties[p.party_of[i]];
  static const Party none;
  ADD_FAILURE() << "no entry " << id;
  return none;
}

TEST(PartiesReal, ChoeChunSikIsOnePartyOfThreeListings) {
  REQUIRE_REAL_LISTS();
  const Party& p = PartyOf(RealParties(), RealEntities(), "un:KPi.013");
  EXPECT_THAT(p.entries, Contains("uk:13324"));
  EXPECT_EQ(p.entries[0], "un:KPi.013");
  EXPECT_EQ(p.id, "party:un:KPi.013");
}

TEST(PartiesReal, EveryAgreeingUnCitationIsFollowed) {
  REQUIRE_REAL_LISTS();
  const std::vector<Entity>& all = RealEntities();
  const Parties& p = RealParties();
  std::map<std::string, size_t> row;
  for (size_t i = 0; i < all.size(); ++i) row.emplace(all[i].id, i);
  std::set<std::pair<std::string, std::string>> suspect;
  for (const SuspectCitation& s : p.suspects) suspect.emplace(s.from, s.to);
  size_t followed = 0;
  for (size_t i = 0; i < all.size(); ++i) {
    if (all[i].source != "uk" && all[i].source != "eu") continue;
    for (const std::string& ref : all[i].same_as) {
      auto it = row.find(ref);
      if (it == row.end() || suspect.count({all[i].id, ref})) continue;
      // An entry citing two UN entries joins the first whose names agree:
      // the other is a mention ("splinter group of ... (QDe.132)").
      bool other_un = false;
      for (const std::string& id : p.parties[p.party_of[i]].entries) other_un |= id.starts_with("un:");
      if (p.party_of[i] != p.party_of[it->second]) {
        EXPECT_TRUE(other_un) << all[i].id << " cites " << ref;
        continue;
      }
      ++followed;
    }
  }
  EXPECT_GE(followed, 253u);
}

TEST(PartiesReal, UkCitationsTheNamesContradictAreSuspects) {
  REQUIRE_REAL_LISTS();
  const Parties& p = RealParties();
  size_t uk = 0, uk_citations = 0;
  std::set<std::pair<std::string, std::string>> suspect;
  for (const SuspectCitation& s : p.suspects) {
    suspect.emplace(s.from, s.to);
    if (s.from.starts_with("uk:")) ++uk;
    std::printf("suspect %s '%s' cites %s '%s'\n", s.from.c_str(), s.from_name.c_str(), s.to.c_str(),
                s.to_name.c_str());
  }
  std::map<std::string, size_t> row;
  const std::vector<Entity>& all = RealEntities();
  for (size_t i = 0; i < all.size(); ++i) row.emplace(all[i].id, i);
  for (const Entity& e : all)
    if (e.source == "uk")
      for (const std::string& ref : e.same_as) uk_citations += row.count(ref);
  std::printf("uk citations of existing UN refs %zu, suspect %zu; all suspects %zu, citations %zu\n",
              uk_citations, uk, p.suspects.size(), p.citations);
  // docs/parties.md: 591 citations of UN references that exist (the issue
  // counted 262 before "UN Ref.KPI. 076" and "UN Ref:QDI.282" were read, 287
  // before the pre-2015 "UN Ref QE.E.131.11" form was); 33 contradicted: 19 an
  // individual citing an entity reference (its group), 14 another person or
  // firm (five DPRK firms cite KPe.023).
  EXPECT_EQ(uk_citations, 591u);
  EXPECT_EQ(uk, 33u);
  size_t to_group = 0;
  for (const SuspectCitation& s : p.suspects)
    to_group += all[row[s.from]].schema == Schema::kPerson && all[row[s.to]].schema != Schema::kPerson;
  EXPECT_EQ(to_group, 19u);
  // "Ri Chun Song" cites KPi.076, who is RI PYONG CHUL.
  bool ri = false;
  for (const SuspectCitation& s : p.suspects) ri |= s.to == "un:KPi.076" && s.from.starts_with("uk:");
  EXPECT_TRUE(ri);
  size_t kpe023 = 0;
  for (const SuspectCitation& s : p.suspects) kpe023 += s.to == "un:KPe.023" && s.from.starts_with("uk:");
  EXPECT_EQ(kpe023, 5u);
}

// The UK's 2018 list cites Al-Qaida and Taliban entries by the UN's
// references of before 2015.
TEST(PartiesReal, Pre2015UnReferencesAreFollowed) {
  REQUIRE_REAL_LISTS();
  const Parties& p = RealParties();
  EXPECT_THAT(PartyOf(p, RealEntities(), "uk:12031").entries, Contains("un:QDe.131"));  // QE.E.131.11, Emarat Kavkaz
  EXPECT_THAT(PartyOf(p, RealEntities(), "uk:12811").entries, Contains("un:TAe.012"));  // TE.H.12.12, Haqqani Network
}

// OFAC gives CHOE Hwi's birth as "01 Jan 1954 to 31 Dec 1955" and no
// nationality (DPRK2 stands in); the UN gives 1954 and 1955 and KP.
TEST(PartiesReal, ABirthYearRangeMeetsTheUnsYears) {
  REQUIRE_REAL_LISTS();
  EXPECT_THAT(PartyOf(RealParties(), RealEntities(), "un:KPi.042").entries, Contains("ofac:21306"));
}

TEST(PartiesReal, NoPartyHoldsTwoUnEntriesButTheUnsOwnDoubleListing) {
  REQUIRE_REAL_LISTS();
  const Parties& p = RealParties();
  std::vector<std::string> doubles;
  for (const Party& party : p.parties) {
    size_t un = 0;
    for (const std::string& id : party.entries) un += id.starts_with("un:");
    if (un > 1) {
      doubles.push_back(party.id);
      EXPECT_FALSE(party.notes.empty()) << party.id;
      for (const std::string& n : party.notes) std::printf("%s: %s\n", party.id.c_str(), n.c_str());
    }
  }
  EXPECT_THAT(doubles, ElementsAre("party:un:QDi.042"));
  const Party& aweys = PartyOf(p, RealEntities(), "un:SOi.002");
  EXPECT_THAT(aweys.notes, ElementsAre("the UN lists this subject 2 times: un:QDi.042 and un:SOi.002"));
}

// The EU's 2018 list gives Saddam Hussein's officials and others no date of
// birth; their rare names and nationalities join them to the dated entries,
// while KIM Yong Chol, a common name with two birth dates, stays apart.
TEST(PartiesReal, UndatedEntriesOfRareNamesJoinTheirDatedListings) {
  REQUIRE_REAL_LISTS();
  const Parties& p = RealParties();
  EXPECT_EQ(PartyOf(p, RealEntities(), "eu:95").id, PartyOf(p, RealEntities(), "ofac:7876").id);
  EXPECT_EQ(PartyOf(p, RealEntities(), "eu:189").id, PartyOf(p, RealEntities(), "ofac:6926").id);
  EXPECT_EQ(PartyOf(p, RealEntities(), "eu:133").id, PartyOf(p, RealEntities(), "un:IQi.045").id);
  EXPECT_NE(PartyOf(p, RealEntities(), "un:KPi.024").id, PartyOf(p, RealEntities(), "ofac:12211").id);
}

// The EU lists terrorist organisations under TERR, OFAC under SDGT and FTO,
// the UK under its terrorism regime: one counter-terrorism hint, so the PKK
// is one party of three listings.
TEST(PartiesReal, TerroristGroupsMeetAcrossListsUnderCounterTerrorismProgrammes) {
  REQUIRE_REAL_LISTS();
  const Parties& p = RealParties();
  const Party& pkk = PartyOf(p, RealEntities(), "eu:212");
  EXPECT_THAT(pkk.entries, ::testing::UnorderedElementsAre("ofac:4702", "uk:7231", "eu:212"));
  EXPECT_EQ(PartyOf(p, RealEntities(), "eu:206").id, PartyOf(p, RealEntities(), "ofac:4694").id);
}

// The UK's 2018 list cites Iranian firms by the UN's pre-2016 references
// ("UN Ref E.29.II.8"), which the UN entries keep in their comments.
TEST(PartiesReal, OldIranReferencesAreFollowedThroughTheUnsComments) {
  REQUIRE_REAL_LISTS();
  const Parties& p = RealParties();
  const Party& makin = PartyOf(p, RealEntities(), "uk:11142");
  EXPECT_THAT(makin.entries, ::testing::Contains("un:IRe.039"));
  ASSERT_FALSE(makin.links.empty());
  EXPECT_THAT(makin.links, ::testing::Contains(::testing::Field(
                               &PartyLink::reason, "uk:11142 cites UN Ref E.29.II.8, the old reference of un:IRe.039")));
}

TEST(PartiesReal, PrintsTheCounts) {
  REQUIRE_REAL_LISTS();
  const Parties& p = RealParties();
  std::printf("entries %zu parties %zu citations %zu suspects %zu unresolved %zu refused %zu\n",
              p.party_of.size(), p.parties.size(), p.citations, p.suspects.size(), p.unresolved_citations,
              p.refused);
  for (LinkKind k : {LinkKind::kCitation, LinkKind::kImo, LinkKind::kPassport, LinkKind::kNationalId,
                     LinkKind::kSwiftBic, LinkKind::kNameDob, LinkKind::kNameCountry, LinkKind::kUnDoubleListing})
    std::printf("links %s %zu\n", std::string(LinkKindName(k)).c_str(), CountLinks(p, k));
  if (std::getenv("WK_PRINT_NAME_DOB")) {
    for (const Party& party : p.parties)
      for (const PartyLink& l : party.links)
        if (l.kind == LinkKind::kNameDob) std::printf("name_dob %s %s: %s\n", l.a.c_str(), l.b.c_str(), l.reason.c_str());
  }
  EXPECT_LT(p.parties.size(), p.party_of.size());
}

Entity Person(std::string id, std::string name, std::string dob, std::string nat) {
  Entity e;
  e.id = id;
  e.source = id.substr(0, id.find(':'));
  e.schema = Schema::kPerson;
  e.names = {{name, NameKind::kPrimary, "Latn"}};
  e.birth_dates = {dob};
  e.nationalities = {nat};
  return e;
}

TEST(Parties, SameNameBirthAndNationalityLinkAcrossLists) {
  std::vector<Entity> e = {Person("un:KPi.901", "KIM, Chol Su", "1960-01-31", "KP"),
                           Person("ofac:1", "Kim Chol-su", "1960-01-31", "KP")};
  Parties p = BuildParties(e, screen::PartyNameRules());
  ASSERT_EQ(p.parties.size(), 1u);
  ASSERT_EQ(p.parties[0].links.size(), 1u);
  EXPECT_EQ(p.parties[0].links[0].kind, LinkKind::kNameDob);
  EXPECT_EQ(p.parties[0].links[0].reason, "same name 'chol kim su', born 1960-01-31, nationality KP");
}

TEST(Parties, NameAloneNeverLinks) {
  std::vector<Entity> e = {Person("un:KPi.901", "KIM Chol Su", "1960-01-31", "KP"),
                           Person("ofac:1", "KIM Chol Su", "1961-01-31", "KP")};
  EXPECT_EQ(BuildParties(e, screen::PartyNameRules()).parties.size(), 2u);
}

TEST(Parties, ABirthYearMeetsTheSameYearInADateRange) {
  Entity ofac = Person("ofac:1", "Choe Hwi", "1954-01-01", "KP");
  ofac.birth_dates.push_back("1955-12-31");
  std::vector<Entity> e = {Person("un:KPi.901", "CHOE HWI", "1954", "KP"), ofac};
  Parties p = BuildParties(e, screen::PartyNameRules());
  ASSERT_EQ(p.parties.size(), 1u);
  EXPECT_EQ(p.parties[0].links[0].kind, LinkKind::kNameDob);
  EXPECT_EQ(p.parties[0].links[0].reason, "same name 'choe hwi', born 1954, nationality KP");
}

// A year alone would join two people born on different days of it.
TEST(Parties, ABirthYearDoesNotJoinEntriesThatGiveDifferentDays) {
  std::vector<Entity> e = {Person("un:KPi.901", "KIM Chol Su", "1960-03-02", "KP"),
                           Person("ofac:1", "KIM Chol Su", "1960-07-09", "KP"),
                           Person("uk:1", "KIM Chol Su", "1960", "KP")};
  EXPECT_EQ(BuildParties(e, screen::PartyNameRules()).parties.size(), 3u);
}

// OFAC lists DPRK firms under NPWMD alone; its remarks name North Korea's regulations.
TEST(Parties, OfacRemarksNamingACountrysRegulationsGiveTheCountry) {
  auto firm = [](std::string id, std::string programme, std::string remarks) {
    Entity e;
    e.id = id;
    e.source = id.substr(0, id.find(':'));
    e.schema = Schema::kOrganization;
    e.names = {{"DCB FINANCE LIMITED", NameKind::kPrimary, "Latn"}};
    e.programmes = {programme};
    e.remarks = remarks;
    return e;
  };
  std::vector<Entity> e = {firm("un:KPe.901", "DPRK", ""),
                           firm("ofac:1", "NPWMD", "Secondary sanctions risk: North Korea Sanctions Regulations, "
                                                   "sections 510.201 and 510.210")};
  Parties p = BuildParties(e, screen::PartyNameRules());
  ASSERT_EQ(p.parties.size(), 1u);
  EXPECT_EQ(p.parties[0].links[0].kind, LinkKind::kNameCountry);
  e[1].remarks.clear();
  EXPECT_EQ(BuildParties(e, screen::PartyNameRules()).parties.size(), 2u);
}

// The EU's 2018 list gives most of Saddam Hussein's officials no date of
// birth: a rare name with the same nationality joins them to OFAC's.
TEST(Parties, ARareNameAndNationalityJoinAnEntryWithoutBirthDate) {
  Entity undated = Person("eu:1", "Husam Muhammad Amin Al-Yassin", "", "IQ");
  undated.birth_dates.clear();
  std::vector<Entity> e = {Person("ofac:1", "AL-YASSIN, Husam Muhammad Amin", "1953", "IQ"), undated};
  Parties p = BuildParties(e, screen::PartyNameRules());
  ASSERT_EQ(p.parties.size(), 1u);
  ASSERT_EQ(p.parties[0].links.size(), 1u);
  EXPECT_EQ(p.parties[0].links[0].kind, LinkKind::kNameCountry);
  EXPECT_EQ(p.parties[0].links[0].reason,
            "same name 'al amin husam muhammad yassin', on no other person of either list, nationality IQ; no date of "
            "birth on eu:1");
  EXPECT_EQ(p.parties[0].links[0].strength, 0.5);
}

TEST(Parties, ANameWithoutBirthDateLinksOnlyWhereItIsRare) {
  auto undated = [](std::string id, std::string name, std::string nat) {
    Entity x = Person(std::move(id), std::move(name), "", std::move(nat));
    x.birth_dates.clear();
    return x;
  };
  // Another person of that name on one of the lists, whatever their nationality.
  std::vector<Entity> e = {Person("ofac:1", "KIM Chol Su", "1960-01-31", "KP"),
                           Person("ofac:2", "KIM Chol Su", "1971-05-02", "KR"), undated("eu:1", "Kim Chol Su", "KP")};
  EXPECT_EQ(BuildParties(e, screen::PartyNameRules()).parties.size(), 3u);
  // Two dated people of one name on two lists: the undated entry cannot choose.
  e = {Person("un:KPi.901", "KIM Chol Su", "1960-01-31", "KP"), Person("ofac:1", "KIM Chol Su", "1971-05-02", "KP"),
       undated("eu:1", "Kim Chol Su", "KP")};
  EXPECT_EQ(BuildParties(e, screen::PartyNameRules()).parties.size(), 3u);
  // Two words are too common a name; another nationality, or none, is no evidence.
  e = {Person("ofac:1", "KIM Chol", "1960-01-31", "KP"), undated("eu:1", "Kim Chol", "KP")};
  EXPECT_EQ(BuildParties(e, screen::PartyNameRules()).parties.size(), 2u);
  e = {Person("ofac:1", "KIM Chol Su", "1960-01-31", "KP"), undated("eu:1", "Kim Chol Su", "KR")};
  EXPECT_EQ(BuildParties(e, screen::PartyNameRules()).parties.size(), 2u);
  e = {Person("ofac:1", "KIM Chol Su", "1960-01-31", ""), undated("eu:1", "Kim Chol Su", "")};
  e[0].nationalities.clear();
  e[1].nationalities.clear();
  EXPECT_EQ(BuildParties(e, screen::PartyNameRules()).parties.size(), 2u);
}

TEST(Parties, TwoEntriesOfOneListAreNeverJoinedByName) {
  std::vector<Entity> e = {Person("ofac:1", "KIM Chol Su", "1960-01-31", "KP"),
                           Person("ofac:2", "KIM Chol Su", "1960-01-31", "KP")};
  Parties p = BuildParties(e, screen::PartyNameRules());
  EXPECT_EQ(p.parties.size(), 2u);
  EXPECT_EQ(p.refused, 1u);
}

TEST(Parties, SameImoLinksVessels) {
  Entity a, b;
  a.id = "un:KPe.901";
  a.source = "un";
  b.id = "uk:77";
  b.source = "uk";
  a.schema = b.schema = Schema::kVessel;
  a.names = {{"CHON MA SAN", NameKind::kPrimary, "Latn"}};
  b.names = {{"CHONMASAN", NameKind::kPrimary, "Latn"}};
  a.identifiers = {MakeIdentifier(IdType::kImo, "8660313")};
  b.identifiers = {MakeIdentifier(IdType::kImo, "IMO 8660313")};
  Parties p = BuildParties({a, b}, screen::PartyNameRules());
  ASSERT_EQ(p.parties.size(), 1u);
  EXPECT_EQ(p.parties[0].links[0].kind, LinkKind::kImo);
  EXPECT_EQ(p.parties[0].links[0].reason, "same IMO 8660313");
}

TEST(Parties, JudgmentsLinkAndKeepApart) {
  std::vector<Entity> e = {Person("un:KPi.901", "KIM Chol Su", "1960-01-31", "KP"),
                           Person("ofac:1", "KIM Chol Su", "1960-01-31", "KP"),
                           Person("uk:5", "PAK Yong Il", "1970", "KP")};
  Judgment apart{"un:KPi.901", "ofac:1", false, "different fathers' names"};
  Judgment same{"uk:5", "ofac:1", true, "same passport in the case file"};
  Judgment gone{"uk:5", "eu:9", true, "was the same"};
  Parties p = BuildParties(e, screen::PartyNameRules(), {apart, same, gone});
  EXPECT_NE(p.party_of[0], p.party_of[1]);
  EXPECT_EQ(p.party_of[1], p.party_of[2]);
  EXPECT_FALSE(p.judgments[0].stale);
  EXPECT_TRUE(p.judgments[2].stale);
}

TEST(Parties, CitationOfAnotherPersonIsSuspect) {
  Entity un = Person("un:KPi.076", "RI PYONG CHUL", "1948", "KP");
  Entity uk = Person("uk:13571", "Ri Chun SONG", "1965-10-30", "KP");
  uk.same_as = {"un:KPi.076"};
  Parties p = BuildParties({un, uk}, screen::PartyNameRules());
  EXPECT_EQ(p.parties.size(), 2u);
  ASSERT_EQ(p.suspects.size(), 1u);
  EXPECT_EQ(p.suspects[0].from_name, "Ri Chun SONG");
  EXPECT_EQ(p.suspects[0].to_name, "RI PYONG CHUL");
}

TEST(Parties, DiffMatchesPartiesByTheirEntries) {
  Entity un = Person("un:KPi.901", "KIM Chol Su", "1960-01-31", "KP");
  Entity ofac = Person("ofac:1", "KIM Chol Su", "1960-01-31", "KP");
  Entity gone = Person("ofac:2", "PAK Il", "1950", "KP");
  Entity added = Person("uk:3", "RI Song", "1970", "KP");
  Entity ofac_before = ofac;
  ofac_before.birth_dates = {"1961"};  // not yet linked
  Parties before = BuildParties({un, ofac_before, gone}, screen::PartyNameRules());
  Parties after = BuildParties({un, ofac, added}, screen::PartyNameRules());
  std::vector<PartyChange> c = DiffParties(before, after);
  ASSERT_EQ(c.size(), 3u);
  EXPECT_EQ(c[0].kind, "changed");
  EXPECT_EQ(c[0].party, "party:un:KPi.901");
  EXPECT_THAT(c[0].entries_added, ElementsAre("ofac:1"));
  EXPECT_EQ(c[1].kind, "gained");
  EXPECT_EQ(c[1].party, "party:uk:3");
  EXPECT_EQ(c[2].kind, "lost");
  EXPECT_EQ(c[2].party, "party:ofac:2");
}

}  // namespace
}  // namespace wk::lists
