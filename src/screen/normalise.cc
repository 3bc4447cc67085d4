// Tokenising, legal forms, vessel prefixes, the romanisation-independent
// phonetic key and the bounded edit distance.
#include <algorithm>
#include <array>
#include <cstring>

#include "screen/screen.h"

namespace wk::screen {
namespace internal {
Result<std::string> ToAscii(std::string_view utf8, bool lossy, uint8_t* flags);
}  // namespace internal

namespace {

bool IsAlpha(char c) { return c >= 'a' && c <= 'z'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlnum(char c) { return IsAlpha(c) || IsDigit(c); }
bool IsApostrophe(char c) { return c == '\'' || c == '`'; }

struct Canonical {
  const char* spelled;
  const char* canonical;
};

// Legal forms and their abbreviations, spelled out to one canonical word so
// "Co." meets "Company". They weigh little in a score.
constexpr Canonical kLegalForms[] = {
    {"co", "company"},          {"company", "company"},   {"cos", "company"},
    {"corp", "corporation"},    {"corporation", "corporation"},
    {"inc", "incorporated"},    {"incorporated", "incorporated"},
    {"ltd", "limited"},         {"limited", "limited"},   {"ltda", "limited"},
    {"llc", "llc"},             {"ooo", "ooo"},           {"oao", "oao"},
    {"zao", "zao"},             {"pao", "pao"},           {"ao", "ao"},
    {"jsc", "jsc"},             {"ojsc", "jsc"},          {"cjsc", "jsc"},
    {"pjsc", "jsc"},            {"pte", "pte"},           {"plc", "plc"},
    {"gmbh", "gmbh"},           {"ag", "ag"},             {"sa", "sa"},
    {"sarl", "sarl"},           {"srl", "srl"},           {"spa", "spa"},
    {"bv", "bv"},               {"nv", "nv"},             {"llp", "llp"},
    {"lp", "lp"},               {"fze", "fze"},           {"fzco", "fzco"},
    {"fzc", "fzc"},             {"fzllc", "fzllc"},       {"bhd", "bhd"},
    {"sdn", "sdn"},             {"tov", "tov"},           {"kft", "kft"},
    {"sas", "sas"},             {"cia", "company"},       {"joint", "joint"},
    {"stock", "stock"},         {"liability", "liability"},
    {"jointstock", "jointstock"}, {"ltdco", "limited"},   {"dmcc", "dmcc"},
    {"pvt", "private"},         {"private", "private"},   {"sl", "sl"},
};

constexpr const char* kStopWords[] = {"of", "the", "and", "for", "de", "del", "la", "le", "du", "des"};

// Whole-token spellings of Korean syllables (mostly family names) that the
// character rules below cannot fold: each maps to the key of its family.
constexpr Canonical kSyllableKeys[] = {
    // 이/리: Ri (DPRK), Lee, Yi, Rhee (South), Li (Chinese reading)
    {"ri", "i"},      {"rhee", "i"},   {"lee", "i"},     {"yi", "i"},
    {"li", "i"},      {"i", "i"},      {"rhie", "i"},    {"lie", "i"},
    {"rie", "i"},     {"reeh", "i"},
    // 최: Choe (MR), Choi, Chwe
    {"choe", "choe"}, {"choi", "choe"}, {"chwe", "choe"}, {"choy", "choe"},
    {"chey", "choe"}, {"tsui", "choe"},
    // 박: Pak, Park, Bak, Pag
    {"pak", "pak"},   {"park", "pak"}, {"bak", "pak"},   {"pag", "pak"},
    {"bahk", "pak"},  {"parck", "pak"},
    // 백: Paek, Baek, Paik, Baik
    {"paek", "paek"}, {"baek", "paek"}, {"paik", "paek"}, {"baik", "paek"},
    {"pack", "paek"},
    // 정: Jong, Chong, Jeong, Cheong, Chung, Jung
    {"jong", "chong"}, {"chong", "chong"}, {"jeong", "chong"}, {"cheong", "chong"},
    {"chung", "chong"}, {"jung", "chong"}, {"joung", "chong"},
    // 김
    {"kim", "kim"},   {"gim", "kim"},  {"ghim", "kim"},
    // 노/로: Ro, Roh, No, Noh
    {"ro", "ro"},     {"roh", "ro"},   {"no", "ro"},     {"noh", "ro"},
    // 오
    {"o", "o"},       {"oh", "o"},
    // 윤, 유/류, 임/림, 양/량, 신
    {"yun", "yun"},   {"yoon", "yun"}, {"youn", "yun"},
    {"yu", "yu"},     {"ryu", "yu"},   {"yoo", "yu"},    {"you", "yu"},
    {"ryoo", "yu"},   {"rhyu", "yu"},
    {"im", "im"},     {"lim", "im"},   {"rim", "im"},
    {"yang", "yang"}, {"ryang", "yang"},
    {"sin", "sin"},   {"shin", "sin"},
    // 철: Chol, Cheol, Chul; 성: Song, Sung, Seong; 현: Hyon, Hyun, Hyeon
    {"chol", "chor"}, {"cheol", "chor"}, {"chul", "chor"}, {"chuel", "chor"},
    {"song", "song"}, {"sung", "song"}, {"seong", "song"},
    {"hyon", "hyon"}, {"hyun", "hyon"}, {"hyeon", "hyon"},
    // 영/룡: Yong, Young, Yeong, Ryong, Lyong
    {"yong", "yong"}, {"young", "yong"}, {"yeong", "yong"}, {"ryong", "yong"},
    {"lyong", "yong"},
    // 혁, 석, 광
    {"hyok", "hyok"}, {"hyuk", "hyok"}, {"hyeok", "hyok"},
    {"sok", "sok"},   {"seok", "sok"}, {"suk", "sok"},
    {"kwang", "kwang"}, {"gwang", "kwang"},
    // 은: Un, Eun
    {"un", "un"},     {"eun", "un"},
    // 주: Ju, Joo, Chu; 조: Jo, Cho
    {"ju", "chu"},    {"joo", "chu"},  {"chu", "chu"},
    {"jo", "cho"},    {"cho", "cho"},
};

template <size_t N>
const char* Lookup(const Canonical (&table)[N], std::string_view s) {
  for (const Canonical& c : table)
    if (s == c.spelled) return c.canonical;
  return nullptr;
}

// Single letters joined by dots ("B.N.C.", "U.S.A") become one token.
void JoinDottedAcronyms(std::string& s) {
  const size_t n = s.size();
  auto single = [&](size_t j) {  // s[j] is a letter standing alone
    return IsAlpha(s[j]) && (j == 0 || !IsAlnum(s[j - 1])) && (j + 1 >= n || !IsAlnum(s[j + 1]));
  };
  std::string out;
  out.reserve(n);
  size_t i = 0;
  while (i < n) {
    if (single(i) && i + 2 < n && s[i + 1] == '.' && single(i + 2)) {
      size_t j = i;
      std::string run;
      while (j < n && single(j)) {
        run.push_back(s[j]);
        ++j;
        if (j < n && s[j] == '.') ++j;
        else break;
      }
      out += run;
      out.push_back(' ');
      i = j;
      continue;
    }
    out.push_back(s[i]);
    ++i;
  }
  s.swap(out);
}

// "m/v", "m.v.", "mv", "m/t", "mt" at the start of a name, followed by more.
size_t VesselPrefixLength(std::string_view s) {
  static constexpr const char* kPrefixes[] = {"m/v ", "m.v. ", "m/v.", "m.v ", "mv ",
                                              "m/t ", "m.t. ", "m/t.", "m.t ", "mt "};
  size_t start = 0;
  while (start < s.size() && s[start] == ' ') ++start;
  std::string_view rest = s.substr(start);
  for (const char* p : kPrefixes) {
    size_t n = std::strlen(p);
    if (rest.size() > n && rest.substr(0, n) == p) {
      // Something alphanumeric must follow.
      for (size_t k = n; k < rest.size(); ++k)
        if (IsAlnum(rest[k])) return start + n;
      return 0;
    }
  }
  return 0;
}

void Tokenise(std::string& ascii, NormalisedName& out) {
  JoinDottedAcronyms(ascii);
  std::string_view s(ascii);
  size_t prefix = VesselPrefixLength(s);
  if (prefix > 0) {
    const bool tanker = s.substr(0, prefix).find('t') != std::string_view::npos;
    out.tokens.push_back(
        Token{std::string(tanker ? "mt" : "mv"), std::string(), TokenClass::kVesselPrefix});
  }
  std::string cur;
  auto flush = [&]() {
    if (cur.empty()) return;
    if (out.tokens.size() < kMaxTokens) {
      Token t;
      if (IsDigit(cur[0])) {
        // Leading zeros do not make another number.
        size_t z = 0;
        while (z + 1 < cur.size() && cur[z] == '0') ++z;
        t.text = cur.substr(z);
        t.cls = TokenClass::kNumber;
      } else if (const char* legal = Lookup(kLegalForms, cur)) {
        t.text = legal;
        t.cls = TokenClass::kLegalForm;
        t.key = t.text;
      } else {
        t.text = cur;
        t.cls = TokenClass::kWord;
        for (const char* w : kStopWords)
          if (cur == w) t.cls = TokenClass::kStopWord;
        t.key = PhoneticKey(t.text);
      }
      out.tokens.push_back(std::move(t));
    }
    cur.clear();
  };
  for (size_t i = prefix; i < s.size(); ++i) {
    char c = s[i];
    if (IsAlnum(c)) {
      // A letter-digit boundary separates tokens: "YUJONG2" = "yujong 2".
      if (!cur.empty() && IsDigit(cur.back()) != IsDigit(c)) flush();
      cur.push_back(c);
    } else if (IsApostrophe(c) && !cur.empty() && i + 1 < s.size() && IsAlpha(s[i + 1])) {
      // Apostrophes inside a word are MR aspiration marks or elisions:
      // YO'N -> yon, CH'OE -> choe, O'Brien -> obrien.
      continue;
    } else {
      flush();
    }
  }
  flush();
  // A name that is only a vessel prefix and nothing else is not a prefix.
  if (!out.tokens.empty() && out.tokens[0].cls == TokenClass::kVesselPrefix &&
      out.tokens.size() == 1)
    out.tokens[0].cls = TokenClass::kWord;
}

// Russian names as the lists romanise them (BGN, ALA-LC, passport, English
// usage): the endings -ey/-ei/-ej, -iy/-ii/-yy/-y, -ay/-aj are one sound
// (Aleksey, Alexei; Dmitriy, Dmitry; Nikolay, Nikolai), and Alexander is
// written Aleksandr as often. Rewrites the spelling before the key is made.
constexpr Canonical kRussianEndings[] = {
    {"ey", "ei"}, {"ej", "ei"}, {"iy", "i"}, {"ii", "i"}, {"yy", "i"},
    {"ij", "i"},  {"ay", "ai"}, {"aj", "ai"}, {"xander", "xandr"},
};

std::string RussianSpelling(std::string_view token) {
  std::string s;
  s.reserve(token.size());
  for (size_t i = 0; i < token.size(); ++i) {
    if (token[i] == 'k' && i + 1 < token.size() && token[i + 1] == 's') {
      s.push_back('x');  // Aleksey = Alexey, Maksim = Maxim
      ++i;
    } else {
      s.push_back(token[i]);
    }
  }
  if (s.size() < 4) return s;  // short syllables are Korean or Chinese: keep them
  for (const Canonical& e : kRussianEndings) {
    std::string_view end(e.spelled);
    if (s.size() > end.size() + 2 && s.compare(s.size() - end.size(), end.size(), end) == 0) {
      s.replace(s.size() - end.size(), end.size(), e.canonical);
      return s;
    }
  }
  // A final y after a consonant (Dmitry, Vitaly, Yury) reads i.
  if (s.back() == 'y' && !std::strchr("aeiouy", s[s.size() - 2])) s.back() = 'i';
  return s;
}

}  // namespace

std::string PhoneticKey(std::string_view token) {
  if (const char* k = Lookup(kSyllableKeys, token)) return k;
  const std::string spelled = RussianSpelling(token);
  token = spelled;
  std::string s;
  s.reserve(token.size());
  const size_t n = token.size();
  for (size_t i = 0; i < n; ++i) {
    char c = token[i];
    char next = i + 1 < n ? token[i + 1] : '\0';
    switch (c) {
      case 'e':
        if (next == 'o') {  // RR eo = MR o (ŏ)
          s.push_back('o');
          ++i;
          continue;
        }
        if (next == 'u') {  // RR eu = MR u (ŭ)
          s.push_back('u');
          ++i;
          continue;
        }
        if (next == 'e') {  // ee = i
          s.push_back('i');
          ++i;
          continue;
        }
        s.push_back('e');
        continue;
      case 'o':
        if (next == 'o') {  // oo = u
          s.push_back('u');
          ++i;
          continue;
        }
        if (next == 'i' && i + 2 == n) {  // final oi = oe (choi/choe)
          s += "oe";
          ++i;
          continue;
        }
        s.push_back('o');
        continue;
      case 'g': s.push_back('k'); continue;   // MR k = RR g
      case 'd': s.push_back('t'); continue;   // MR t = RR d
      case 'b': s.push_back('p'); continue;   // MR p = RR b
      case 'l': s.push_back('r'); continue;   // ㄹ: r/l
      case 'j': s += "ch"; continue;          // MR ch = RR j
      case 'c':
        if (next == 'k') continue;            // ck = k
        s.push_back(c);
        continue;
      case 's':
        if (next == 'h') {                    // shi = si
          s.push_back('s');
          ++i;
          continue;
        }
        s.push_back('s');
        continue;
      case 't':
        if (next == 'c' && i + 2 < n && token[i + 2] == 'h') continue;  // tch = ch
        s.push_back('t');
        continue;
      case 'h':
        // A final h after a vowel is silent (oh, roh, shah).
        if (i + 1 == n && i > 0 && std::strchr("aeiouy", token[i - 1])) continue;
        s.push_back('h');
        continue;
      default:
        s.push_back(c);
    }
  }
  // Initial r before i or y is dropped in the South (Ri/I, Ryu/Yu).
  if (s.size() >= 2 && s[0] == 'r' && (s[1] == 'i' || s[1] == 'y')) s.erase(0, 1);
  // Doubled letters fold: kk = k, ll = l, ss = s.
  std::string out;
  out.reserve(s.size());
  for (char c : s)
    if (out.empty() || out.back() != c) out.push_back(c);
  return out;
}

int BoundedDamerauLevenshtein(std::string_view a, std::string_view b, int max_distance) {
  constexpr size_t kMax = 63;
  if (a.size() > kMax) a = a.substr(0, kMax);
  if (b.size() > kMax) b = b.substr(0, kMax);
  const int la = static_cast<int>(a.size());
  const int lb = static_cast<int>(b.size());
  if (std::abs(la - lb) > max_distance) return max_distance + 1;
  if (la == 0) return lb;
  if (lb == 0) return la;
  // Three rolling rows of the optimal-string-alignment table.
  std::array<int, kMax + 1> prev2{}, prev{}, cur{};
  for (int j = 0; j <= lb; ++j) prev[j] = j;
  for (int i = 1; i <= la; ++i) {
    cur[0] = i;
    int row_min = cur[0];
    for (int j = 1; j <= lb; ++j) {
      int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      int v = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        v = std::min(v, prev2[j - 2] + 1);
      cur[j] = v;
      row_min = std::min(row_min, v);
    }
    if (row_min > max_distance) return max_distance + 1;
    prev2 = prev;
    prev = cur;
  }
  return std::min(prev[lb], max_distance + 1);
}

Result<NormalisedName> NormaliseName(std::string_view utf8) {
  if (utf8.size() > kMaxNameBytes)
    return MakeError(ErrorCode::kInvalidInput,
                     "name is " + std::to_string(utf8.size()) + " bytes long; the limit is " +
                         std::to_string(kMaxNameBytes));
  NormalisedName out;
  Result<std::string> ascii = internal::ToAscii(utf8, false, &out.translit);
  if (!ascii.ok()) return ascii.error();
  Tokenise(*ascii, out);
  bool any = false;
  for (const Token& t : out.tokens)
    if (t.cls != TokenClass::kVesselPrefix) any = true;
  if (!any)
    return MakeError(ErrorCode::kInvalidInput,
                     utf8.empty() ? "name is empty" : "name has no letters or digits");
  return out;
}

NormalisedName NormaliseListName(std::string_view utf8) {
  if (utf8.size() > kMaxNameBytes) {
    utf8 = utf8.substr(0, kMaxNameBytes);
    // Do not cut a UTF-8 sequence in half.
    while (!utf8.empty() && (static_cast<unsigned char>(utf8.back()) & 0xC0) == 0x80)
      utf8.remove_suffix(1);
    if (!utf8.empty() && static_cast<unsigned char>(utf8.back()) >= 0xC0) utf8.remove_suffix(1);
  }
  NormalisedName out;
  Result<std::string> ascii = internal::ToAscii(utf8, true, &out.translit);
  if (ascii.ok()) Tokenise(*ascii, out);
  return out;
}

}  // namespace wk::screen
