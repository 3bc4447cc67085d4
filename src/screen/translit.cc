// Script conversion: UTF-8 in any script to lower-case ASCII. Hangul goes
// through our own McCune-Reischauer tables (ICU 72 has no MR transform);
// Cyrillic through ICU Russian-Latin/BGN (the lists' English spellings),
// Hanzi through Han-Latin (toneless pinyin), the rest through
// Any-Latin; Latin-ASCII. ICU transliterators are built once per thread.
// Compatibility letters (mathematical bold, circled, full-width) fold to
// plain letters by NFKC first.
#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <cstring>
#include <memory>
#include <vector>

#include "core/core.h"
#include "screen/screen.h"

namespace wk::screen {
namespace {

// ----------------------------------------------------------------- UTF-8

// Decodes `in` into code points. Returns the byte offset of the first
// invalid sequence, or -1 if all is valid. With `lossy`, invalid bytes
// become U+FFFD and decoding goes on.
long DecodeToCodePoints(std::string_view in, std::u32string& out, bool lossy) {
  out.clear();
  size_t i = 0;
  const size_t n = in.size();
  long first_bad = -1;
  while (i < n) {
    unsigned char c = static_cast<unsigned char>(in[i]);
    char32_t cp;
    size_t len;
    if (c < 0x80) {
      cp = c;
      len = 1;
    } else if ((c & 0xE0) == 0xC0) {
      cp = c & 0x1F;
      len = 2;
    } else if ((c & 0xF0) == 0xE0) {
      cp = c & 0x0F;
      len = 3;
    } else if ((c & 0xF8) == 0xF0) {
      cp = c & 0x07;
      len = 4;
    } else {
      len = 0;
      cp = 0;
    }
    bool ok = len > 0 && i + len <= n;
    for (size_t k = 1; ok && k < len; ++k) {
      unsigned char cc = static_cast<unsigned char>(in[i + k]);
      if ((cc & 0xC0) != 0x80) ok = false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if (ok) {
      // Overlong forms, surrogates and values past U+10FFFF are invalid.
      if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
          (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
        ok = false;
    }
    if (!ok) {
      if (first_bad < 0) first_bad = static_cast<long>(i);
      if (!lossy) return first_bad;
      out.push_back(0xFFFD);
      ++i;
      continue;
    }
    out.push_back(cp);
    i += len;
  }
  return first_bad;
}

// ----------------------------------------------------------------- Hangul

constexpr char32_t kHangulFirst = 0xAC00;
constexpr char32_t kHangulLast = 0xD7A3;

bool IsHangulSyllable(char32_t c) { return c >= kHangulFirst && c <= kHangulLast; }

// McCune-Reischauer without breves and apostrophes, as the UN and OFAC lists
// write North Korean names. Initial consonants are written as at the start
// of a word (k, t, p), except ㅈ, which the lists write "j" (Jong, Je).
constexpr const char* kInitials[19] = {
    "k", "kk", "n", "t", "tt", "r", "m", "p", "pp", "s",
    "ss", "", "j", "tch", "ch", "k", "t", "p", "h"};
constexpr const char* kVowels[21] = {
    "a", "ae", "ya", "yae", "o", "e", "yo", "ye", "o", "wa", "wae",
    "oe", "yo", "u", "wo", "we", "wi", "yu", "u", "ui", "i"};
// Final consonants are neutralised to k, n, t, l, m, p, ng.
constexpr const char* kFinals[28] = {
    "", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l",
    "p", "l", "m", "p", "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t"};

// Family names whose list spelling is not the plain syllable reading.
struct Surname {
  char32_t syllable;
  const char* romanised;
};
constexpr Surname kSurnames[] = {
    {U'이', "ri"},  // Ri (DPRK), Lee/Yi (South); ri/lee/yi share a key
    {U'리', "ri"},
    {U'임', "rim"}, {U'림', "rim"},
    {U'류', "ryu"}, {U'유', "yu"},
    {U'노', "ro"},  {U'로', "ro"},
    {U'양', "yang"}, {U'량', "ryang"},
};

void RomaniseSyllable(char32_t s, bool family_name, std::string& out) {
  if (family_name) {
    for (const Surname& sn : kSurnames) {
      if (sn.syllable == s) {
        out += sn.romanised;
        return;
      }
    }
  }
  const unsigned index = static_cast<unsigned>(s - kHangulFirst);
  const unsigned initial = index / (21 * 28);
  const unsigned vowel = (index / 28) % 21;
  const unsigned final_ = index % 28;
  // 시, 샤, 셔... : MR writes "shi"; the lists write "si" as often; the key
  // folds "sh" to "s", so keep "s".
  out += kInitials[initial];
  out += kVowels[vowel];
  out += kFinals[final_];
}

// Rivers, mountains and peaks (강, 산, 봉) name ships and firms (압록강
// Amnokkang, 무두봉 Mu Du Bong). Such place names are written with the
// sound changes between syllables; personal names, in the lists, are not.
bool IsPlaceName(std::u32string_view run) {
  if (run.size() < 2) return false;
  const char32_t last = run.back();
  return last == U'강' || last == U'산' || last == U'봉';
}

// MR's consonant assimilation at a syllable boundary inside a place name:
// ㄹ after k, p, t, m, ng reads n (압록 ap-rok: am-nok), n before ㄹ reads l
// (신라 Silla), and k, p, t before n or m read ng, m, n.
void Assimilate(std::string& previous, std::string& syllable) {
  auto ends = [&](std::string_view e) {
    return previous.size() > e.size() &&
           previous.compare(previous.size() - e.size(), e.size(), e) == 0;
  };
  auto replace_end = [&](size_t n, std::string_view with) {
    previous.replace(previous.size() - n, n, with);
  };
  if (syllable[0] == 'r') {
    if (ends("n")) {
      replace_end(1, "l");
      syllable[0] = 'l';
    } else if (ends("l")) {
      syllable[0] = 'l';
    } else if (ends("k") || ends("p") || ends("t") || ends("m") || ends("ng")) {
      syllable[0] = 'n';
    }
  }
  if (syllable[0] == 'n' || syllable[0] == 'm') {
    if (ends("ng")) return;
    if (ends("k")) replace_end(1, "ng");
    else if (ends("p")) replace_end(1, "m");
    else if (ends("t")) replace_end(1, "n");
  }
}

}  // namespace

std::string RomaniseHangul(std::u32string_view text) {
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    if (!IsHangulSyllable(text[i])) {
      AppendUtf8(out, text[i]);
      ++i;
      continue;
    }
    size_t j = i;
    while (j < text.size() && IsHangulSyllable(text[j])) ++j;
    // One token per syllable: given names are written syllable by syllable
    // (Jong Un, Jong-un); matching joins them back when a list writes one
    // word (Jongun).
    if (!out.empty() && out.back() != ' ') out.push_back(' ');
    const bool place = IsPlaceName(text.substr(i, j - i));
    std::vector<std::string> syllables(j - i);
    for (size_t k = i; k < j; ++k) {
      RomaniseSyllable(text[k], !place && k == i && j - i <= 4, syllables[k - i]);
      if (place && k > i) Assimilate(syllables[k - i - 1], syllables[k - i]);
    }
    for (size_t k = 0; k < syllables.size(); ++k) {
      if (k > 0) out.push_back(' ');
      out += syllables[k];
    }
    if (j < text.size()) out.push_back(' ');
    i = j;
  }
  return out;
}

namespace {

// ----------------------------------------------------------------- ICU

struct Transliterators {
  std::unique_ptr<icu::Transliterator> cyrillic;  // Russian-Latin/BGN
  std::unique_ptr<icu::Transliterator> han;       // Han-Latin
  std::unique_ptr<icu::Transliterator> any;       // Any-Latin; Latin-ASCII

  Transliterators() {
    cyrillic.reset(Make("Russian-Latin/BGN"));
    han.reset(Make("Han-Latin"));
    any.reset(Make("Any-Latin; Latin-ASCII"));
  }
  static icu::Transliterator* Make(const char* id) {
    UErrorCode status = U_ZERO_ERROR;
    icu::Transliterator* t = icu::Transliterator::createInstance(
        icu::UnicodeString::fromUTF8(id), UTRANS_FORWARD, status);
    if (U_FAILURE(status)) {
      delete t;
      return nullptr;
    }
    return t;
  }
};

// One set per thread, built on the thread's first non-ASCII name.
Transliterators& ThreadTransliterators() {
  thread_local Transliterators t;
  return t;
}

bool IsCyrillic(char32_t c) { return c >= 0x400 && c <= 0x52F; }
bool IsHan(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x2FA1F);
}
bool IsControl(char32_t c) { return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0xFFFD; }

// Lower-cases ASCII in place; everything else that is not ASCII becomes a
// space.
void FoldAscii(std::string& s) {
  for (char& c : s) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u >= 0x80 || u < 0x20 || u == 0x7F)
      c = ' ';
    else if (u >= 'A' && u <= 'Z')
      c = static_cast<char>(u + 32);
  }
}

// Mathematical bold or circled letters and full-width forms, written to get
// past filters, are letters: NFKC folds them. Names already in NFKC (nearly
// all) are left as they are.
void FoldCompatibilityForms(std::u32string& cps) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  if (U_FAILURE(status)) return;
  bool inert = true;
  for (char32_t c : cps) inert = inert && (c < 0x80 || nfkc->isInert(static_cast<UChar32>(c)));
  if (inert) return;
  icu::UnicodeString u = icu::UnicodeString::fromUTF32(
      reinterpret_cast<const UChar32*>(cps.data()), static_cast<int32_t>(cps.size()));
  if (nfkc->quickCheck(u, status) == UNORM_YES || U_FAILURE(status)) return;
  icu::UnicodeString n = nfkc->normalize(u, status);
  if (U_FAILURE(status)) return;
  cps.resize(static_cast<size_t>(n.countChar32()));
  n.toUTF32(reinterpret_cast<UChar32*>(cps.data()), static_cast<int32_t>(cps.size()), status);
}

std::string Convert(std::u32string& cps, uint8_t* flags) {
  FoldCompatibilityForms(cps);
  uint8_t f = kTranslitNone;
  bool hangul = false, cyr = false, han = false, other = false;
  for (char32_t& c : cps) {
    if (IsControl(c)) c = U' ';
    if (c < 0x80) continue;
    if (IsHangulSyllable(c)) hangul = true;
    else if (IsCyrillic(c)) cyr = true;
    else if (IsHan(c)) han = true;
    else other = true;
  }
  std::u32string_view view(cps);
  std::string romanised;
  if (hangul) {
    romanised = RomaniseHangul(view);
    f |= kTranslitHangul;
  } else {
    romanised.reserve(cps.size() * 2);
    for (char32_t c : cps) AppendUtf8(romanised, c);
  }
  if (cyr || han || other) {
    Transliterators& t = ThreadTransliterators();
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(romanised);
    if (cyr && t.cyrillic) {
      t.cyrillic->transliterate(u);
      f |= kTranslitCyrillic;
    }
    if (han && t.han) {
      // Han-Latin writes syllables without separators between characters
      // of one word only when they are in its dictionary; add spaces
      // around each character so "金铁三" reads "jin tie san".
      icu::UnicodeString spaced;
      for (int32_t i = 0; i < u.length();) {
        UChar32 c = u.char32At(i);
        bool h = IsHan(static_cast<char32_t>(c));
        if (h) spaced.append(static_cast<UChar>(' '));
        spaced.append(c);
        if (h) spaced.append(static_cast<UChar>(' '));
        i += U16_LENGTH(c);
      }
      u = spaced;
      t.han->transliterate(u);
      f |= kTranslitHan;
    }
    if (t.any) t.any->transliterate(u);
    if (other) f |= kTranslitOther;
    romanised.clear();
    u.toUTF8String(romanised);
  }
  FoldAscii(romanised);
  if (flags) *flags = f;
  return romanised;
}

}  // namespace

namespace internal {

// Used by normalise.cc: returns ASCII text, or an error for invalid input.
Result<std::string> ToAscii(std::string_view utf8, bool lossy, uint8_t* flags) {
  if (flags) *flags = kTranslitNone;
  bool ascii = true;
  for (char c : utf8) {
    if (static_cast<unsigned char>(c) >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) {
    std::string s(utf8);
    FoldAscii(s);
    return s;
  }
  thread_local std::u32string cps;
  long bad = DecodeToCodePoints(utf8, cps, lossy);
  if (bad >= 0 && !lossy)
    return MakeError(ErrorCode::kInvalidInput,
                     "name is not valid UTF-8 (bad byte at offset " + std::to_string(bad) + ")");
  return Convert(cps, flags);
}

}  // namespace internal

Result<std::string> TransliterateToAscii(std::string_view utf8, uint8_t* flags) {
  return internal::ToAscii(utf8, false, flags);
}

}  // namespace wk::screen
