#include <gtest/gtest.h>

#include "screen/screen.h"

namespace wk::screen {
namespace {

std::string Texts(std::string_view name) {
  Result<NormalisedName> n = NormaliseName(name);
  if (!n.ok()) return "error: " + n.error().message;
  std::string out;
  for (const Token& t : n->tokens) {
    if (!out.empty()) out += ' ';
    out += t.text;
  }
  return out;
}

std::u32string U32(std::string_view utf8) {
  std::u32string out;
  for (size_t i = 0; i < utf8.size();) {
    unsigned char c = static_cast<unsigned char>(utf8[i]);
    int len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
    for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3F);
    out.push_back(cp);
    i += len;
  }
  return out;
}

TEST(RomaniseHangul, WritesNamesAsTheListsDo) {
  EXPECT_EQ(RomaniseHangul(U32("김정은")), "kim jong un");
  EXPECT_EQ(RomaniseHangul(U32("최룡해")), "choe ryong hae");
  EXPECT_EQ(RomaniseHangul(U32("리병철")), "ri pyong chol");
  EXPECT_EQ(RomaniseHangul(U32("이병철")), "ri pyong chol");  // 이 is Ri in the North
  EXPECT_EQ(RomaniseHangul(U32("박봉주")), "pak pong ju");
  EXPECT_EQ(RomaniseHangul(U32("정경택")), "jong kyong taek");
}

TEST(RomaniseHangul, NeutralisesFinalConsonants) {
  // 옷 (ot), 밖 (pak), 닭 (tak): finals fold to k, t, p, l, m, n, ng.
  EXPECT_EQ(RomaniseHangul(U32("옷")), "ot");
  EXPECT_EQ(RomaniseHangul(U32("닭")), "tak");
}

TEST(PhoneticKey, FoldsKoreanRomanisationSystems) {
  const std::vector<std::vector<std::string>> same = {
      {"choe", "choi", "chwe"},       {"ri", "lee", "yi", "rhee", "li"},
      {"pak", "park", "bak"},         {"paek", "baek", "paik"},
      {"jong", "chong", "jeong", "chung"}, {"kwang", "gwang"},
      {"chol", "cheol", "chul"},      {"kyong", "gyeong"},
      {"un", "eun"},                  {"ryong", "yong", "young"},
  };
  for (const auto& group : same)
    for (const std::string& s : group)
      EXPECT_EQ(PhoneticKey(s), PhoneticKey(group[0])) << s << " vs " << group[0];
  EXPECT_NE(PhoneticKey("kim"), PhoneticKey("pak"));
  EXPECT_NE(PhoneticKey("song"), PhoneticKey("yong"));
}

// Issue 13 item 3: the spellings of one Russian given name share a key.
TEST(PhoneticKey, FoldsRussianGivenNameSpellings) {
  const std::vector<std::vector<std::string>> same = {
      {"alexey", "aleksey", "alexei", "aleksei", "aleksej"},
      {"alexander", "aleksandr", "alexandr", "aleksander"},
      {"maxim", "maksim"},
      {"yuriy", "yuri", "yury", "yurij"},
      {"dmitriy", "dmitri", "dmitry"},
      {"nikolay", "nikolai", "nikolaj"},
  };
  for (const auto& group : same)
    for (const std::string& s : group)
      EXPECT_EQ(PhoneticKey(s), PhoneticKey(group[0])) << s << " vs " << group[0];
  EXPECT_NE(PhoneticKey("alexey"), PhoneticKey("alexander"));
  EXPECT_NE(PhoneticKey("sergey"), PhoneticKey("sergo"));
}

TEST(NormaliseName, FoldsCompatibilityLetters) {
  EXPECT_EQ(Texts("𝐊𝐈𝐌 𝐉𝐎𝐍𝐆 𝐔𝐍"), "kim jong un");
  EXPECT_EQ(Texts("ⓀⒾⓂ ⒿⓄⓃⒼ ⓊⓃ"), "kim jong un");
  EXPECT_EQ(Texts("ＫＩＭ　ＪＯＮＧ　ＵＮ"), "kim jong un");
}

// Issue 13 item 2: a Hangul ship name is a place (river, mountain, peak), not
// a person: no surname rule, and consonants assimilate as McCune-Reischauer
// writes the place (압록강 is Amnok-kang, written AM NOK GANG in the lists).
TEST(NormaliseName, RomanisesHangulPlaceNamesWithAssimilation) {
  EXPECT_EQ(Texts("압록강"), "am nok kang");
  EXPECT_EQ(Texts("리병철"), "ri pyong chol");  // a person keeps the surname rule
}

TEST(BoundedDamerauLevenshtein, CountsTranspositionsAsOne) {
  EXPECT_EQ(BoundedDamerauLevenshtein("choe", "chow", 2), 1);
  EXPECT_EQ(BoundedDamerauLevenshtein("research", "rsearhc", 3), 2);
  EXPECT_EQ(BoundedDamerauLevenshtein("abcd", "abdc", 2), 1);
  EXPECT_EQ(BoundedDamerauLevenshtein("kim", "kim", 1), 0);
  EXPECT_EQ(BoundedDamerauLevenshtein("alpha", "omega", 1), 2);  // capped at max + 1
  std::string long_a(200, 'a'), long_b(200, 'a');
  EXPECT_EQ(BoundedDamerauLevenshtein(long_a, long_b, 2), 0);
}

TEST(NormaliseName, FoldsCasePunctuationAndDiacritics) {
  EXPECT_EQ(Texts("  Müller-Lüdenscheidt, HANS  "), "muller ludenscheidt hans");
  EXPECT_EQ(Texts("YO'N CHO'NG NAM"), "yon chong nam");
  EXPECT_EQ(Texts("Ri Pyo’ng-ch’o’l"), "ri pyong chol");
}

TEST(NormaliseName, SpellsOutLegalForms) {
  Result<NormalisedName> n = NormaliseName("Korea Mining Development Trading Corp.");
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(n->tokens.back().text, "corporation");
  EXPECT_EQ(n->tokens.back().cls, TokenClass::kLegalForm);
  EXPECT_EQ(Texts("Funsaga Pte. Co., Ltd"), "funsaga pte company limited");
  EXPECT_EQ(Texts("OOO Zenit"), "ooo zenit");
}

TEST(NormaliseName, SeparatesVesselPrefixAndNumbers) {
  Result<NormalisedName> n = NormaliseName("M/V YUJONG-2");
  ASSERT_TRUE(n.ok());
  ASSERT_EQ(n->tokens.size(), 3u);
  EXPECT_EQ(n->tokens[0].cls, TokenClass::kVesselPrefix);
  EXPECT_EQ(n->tokens[1].text, "yujong");
  EXPECT_EQ(n->tokens[2].text, "2");
  EXPECT_EQ(n->tokens[2].cls, TokenClass::kNumber);
  EXPECT_EQ(Texts("MT SAM MA 02"), "mt sam ma 2");
  EXPECT_EQ(Texts("JI SONG6"), "ji song 6");
}

TEST(NormaliseName, JoinsDottedAcronyms) {
  EXPECT_EQ(Texts("B.N.C."), "bnc");
  EXPECT_EQ(Texts("K. J. Un"), "k j un");
}

TEST(NormaliseName, TransliteratesOtherScripts) {
  EXPECT_EQ(Texts("Нарышкин Сергей"), "naryshkin sergey");
  EXPECT_EQ(Texts("Захарова"), "zakharova");
  EXPECT_EQ(Texts("金铁三"), "jin tie san");
  EXPECT_EQ(Texts("최룡해"), "choe ryong hae");
}

TEST(NormaliseName, RefusesBadInputClearly) {
  Result<NormalisedName> empty = NormaliseName("");
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().message, "name is empty");
  Result<NormalisedName> punct = NormaliseName("--- ,,, ...");
  ASSERT_FALSE(punct.ok());
  EXPECT_NE(punct.error().message.find("no letters"), std::string::npos);
  Result<NormalisedName> bad = NormaliseName("Kim \xC3\x28 Jong");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("not valid UTF-8"), std::string::npos);
  EXPECT_NE(bad.error().message.find("offset 4"), std::string::npos);
  Result<NormalisedName> huge = NormaliseName(std::string(1 << 20, 'a'));
  ASSERT_FALSE(huge.ok());
  EXPECT_NE(huge.error().message.find("limit"), std::string::npos);
  // Overlong encodings and surrogates are invalid too.
  EXPECT_FALSE(NormaliseName("\xC0\xAF").ok());
  EXPECT_FALSE(NormaliseName("\xED\xA0\x80").ok());
}

TEST(NormaliseName, TreatsControlCharactersAsSpaces) {
  EXPECT_EQ(Texts("Kim\tJong\x01Un\r\n"), "kim jong un");
  EXPECT_EQ(Texts(std::string("Kim\0Jong", 8)), "kim jong");
}

TEST(NormaliseListName, NeverFails) {
  EXPECT_EQ(NormaliseListName("Kim \xFF Jong").tokens.size(), 2u);
  EXPECT_TRUE(NormaliseListName("").tokens.empty());
  EXPECT_FALSE(NormaliseListName(std::string(5000, 'x') + "\xE4\xB8").tokens.empty());
}

}  // namespace
}  // namespace wk::screen
