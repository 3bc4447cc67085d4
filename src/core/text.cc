#include "core/text.h"

#include <unicode/locid.h>
#include <unicode/uloc.h>
#include <unicode/unistr.h>

#include <cctype>
#include <cstring>
#include <unordered_map>

namespace wk {

std::string_view Trim(std::string_view s) {
  auto space = [](char ch) {
    const unsigned char c = static_cast<unsigned char>(ch);
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
  };
  while (!s.empty()) {
    if (space(s.front())) {
      s.remove_prefix(1);
    } else if (s.size() >= 2 && s.substr(0, 2) == "\xC2\xA0") {
      s.remove_prefix(2);
    } else {
      break;
    }
  }
  while (!s.empty()) {
    if (space(s.back())) {
      s.remove_suffix(1);
    } else if (s.size() >= 2 && s.substr(s.size() - 2) == "\xC2\xA0") {
      s.remove_suffix(2);
    } else {
      break;
    }
  }
  return s;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = AsciiLower(c);
  return out;
}

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = AsciiUpper(c);
  return out;
}

bool IEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (AsciiLower(a[i]) != AsciiLower(b[i])) return false;
  return true;
}

bool IStartsWith(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && IEquals(s.substr(0, prefix.size()), prefix);
}

std::string CollapseSpace(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (char c : Trim(s)) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

std::string Join(std::span<const std::string> parts, std::string_view sep) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i) out += sep;
    out += parts[i];
  }
  return out;
}

std::string JoinNonEmpty(std::initializer_list<std::string_view> parts, std::string_view sep) {
  std::string out;
  for (std::string_view p : parts) {
    p = Trim(p);
    if (p.empty()) continue;
    if (!out.empty()) out += sep;
    out += p;
  }
  return out;
}

int32_t DecodeUtf8(std::string_view s, size_t& i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) {
    ++i;
    return b0;
  }
  int len;
  int32_t cp;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    len = 2;
    cp = b0 & 0x1F;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    len = 3;
    cp = b0 & 0x0F;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    len = 4;
    cp = b0 & 0x07;
  } else {
    ++i;
    return -1;
  }
  if (i + len > s.size()) {
    ++i;
    return -1;
  }
  for (int k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) {
      ++i;
      return -1;
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  // Overlong forms, surrogates, beyond U+10FFFF.
  if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
      (cp >= 0xD800 && cp <= 0xDFFF)) {
    ++i;
    return -1;
  }
  i += len;
  return cp;
}

void AppendUtf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

size_t FirstInvalidUtf8(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    // Eight ASCII bytes at a time: most list and AIS text is ASCII.
    if (i + 8 <= text.size()) {
      uint64_t word;
      std::memcpy(&word, text.data() + i, 8);
      if ((word & 0x8080808080808080ULL) == 0) {
        i += 8;
        continue;
      }
    }
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      ++i;
      continue;
    }
    const size_t at = i;
    if (DecodeUtf8(text, i) < 0) return at;
  }
  return std::string_view::npos;
}

bool IsValidUtf8(std::string_view text) { return FirstInvalidUtf8(text) == std::string_view::npos; }

std::string Cp1252ToUtf8(std::string_view text) {
  // 0x80..0x9F in Windows-1252; 0 where undefined (then U+FFFD).
  static constexpr uint16_t k80[32] = {
      0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
      0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
      0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x80) {
      out += ch;
      continue;
    }
    char32_t cp = c;
    if (c < 0xA0) cp = k80[c - 0x80] ? k80[c - 0x80] : 0xFFFD;
    AppendUtf8(out, cp);
  }
  return out;
}

std::string_view Utf8OrConverted(std::string_view text, std::string& buffer) {
  if (IsValidUtf8(text)) return text;
  buffer = Cp1252ToUtf8(text);
  return buffer;
}

namespace {

// Lower-case letters and digits only ("&" read as "and"), non-ASCII kept
// ("Türkiye"), a leading "the" dropped.
std::string CountryKey(std::string_view name) {
  std::string key;
  for (char ch : name) {
    const unsigned char c = static_cast<unsigned char>(ch);
    if (c == '&') {
      key += "and";
    } else if (std::isalnum(c)) {
      key += static_cast<char>(std::tolower(c));
    } else if (c >= 0x80) {
      key += ch;
    }
  }
  if (key.rfind("the", 0) == 0 && key.size() > 6) key.erase(0, 3);
  return key;
}

struct CountryAlias {
  const char* name;
  const char* code;
};

// Spellings the lists and the World Port Index use that ICU's English
// display names lack.
constexpr CountryAlias kCountryAliases[] = {
    {"Democratic People's Republic of Korea", "KP"}, {"DPRK", "KP"},
    {"Korea, North", "KP"}, {"North Korea", "KP"},
    {"Korea, Democratic People's Republic of", "KP"},
    {"Korea (Democratic People's Republic of)", "KP"}, {"Korea DPR", "KP"},
    {"Republic of Korea", "KR"}, {"Korea, South", "KR"}, {"South Korea", "KR"},
    {"Korea, Republic of", "KR"}, {"Russian Federation", "RU"}, {"Russia", "RU"},
    {"Iran (Islamic Republic of)", "IR"}, {"Iran, Islamic Republic of", "IR"},
    {"Islamic Republic of Iran", "IR"}, {"Syrian Arab Republic", "SY"}, {"Syria", "SY"},
    {"United States of America", "US"}, {"USA", "US"}, {"United States", "US"},
    {"United Kingdom of Great Britain and Northern Ireland", "GB"}, {"UK", "GB"},
    {"United Kingdom", "GB"}, {"Great Britain", "GB"},
    {"Democratic Republic of the Congo", "CD"}, {"Congo, Democratic Republic of the", "CD"},
    {"Congo (Kinshasa)", "CD"}, {"Congo, The Democratic Republic of the", "CD"},
    {"Republic of the Congo", "CG"}, {"Congo", "CG"}, {"Congo (Brazzaville)", "CG"},
    {"Viet Nam", "VN"}, {"Vietnam", "VN"}, {"Lao People's Democratic Republic", "LA"},
    {"Laos", "LA"}, {"Venezuela (Bolivarian Republic of)", "VE"},
    {"Bolivia (Plurinational State of)", "BO"}, {"United Republic of Tanzania", "TZ"},
    {"Tanzania", "TZ"}, {"Republic of Moldova", "MD"}, {"Moldova", "MD"}, {"Turkey", "TR"},
    {"Türkiye", "TR"}, {"Turkiye", "TR"}, {"Burma", "MM"}, {"Myanmar", "MM"},
    {"Czech Republic", "CZ"}, {"Cote d'Ivoire", "CI"}, {"Côte d'Ivoire", "CI"},
    {"Ivory Coast", "CI"}, {"State of Palestine", "PS"}, {"Palestinian Territories", "PS"},
    {"Palestine", "PS"}, {"West Bank", "PS"}, {"Gaza", "PS"}, {"Hong Kong", "HK"},
    {"Macau", "MO"}, {"Macao", "MO"}, {"Taiwan", "TW"}, {"United Arab Emirates", "AE"},
    {"UAE", "AE"}, {"Bosnia and Herzegovina", "BA"}, {"North Macedonia", "MK"},
    {"Macedonia", "MK"}, {"The former Yugoslav Republic of Macedonia", "MK"},
    {"Kosovo", "XK"}, {"China", "CN"}, {"People's Republic of China", "CN"},
    {"Brunei Darussalam", "BN"}, {"Cabo Verde", "CV"}, {"Cape Verde", "CV"},
    {"Eswatini", "SZ"}, {"Swaziland", "SZ"}, {"Micronesia", "FM"},
    {"Micronesia, Federated States of", "FM"}, {"Saint Kitts and Nevis", "KN"},
    {"Saint Lucia", "LC"}, {"Saint Vincent and the Grenadines", "VC"},
    {"Libyan Arab Jamahiriya", "LY"}, {"Libya", "LY"}, {"Holy See", "VA"},
    {"Sudan", "SD"}, {"South Sudan", "SS"}, {"Gambia", "GM"}, {"Bahamas", "BS"},
    {"Netherlands", "NL"}, {"Philippines", "PH"}, {"Belarus", "BY"},
    {"Kyrgyzstan", "KG"}, {"Slovakia", "SK"}, {"Timor-Leste", "TL"},
    {"Curacao", "CW"},
};

std::unordered_map<std::string, std::string> BuildCountryTable() {
  std::unordered_map<std::string, std::string> table;
  for (const char* const* code = uloc_getISOCountries(); *code != nullptr; ++code) {
    std::string cc(*code);
    icu::UnicodeString display;
    icu::Locale("", cc.c_str()).getDisplayCountry(icu::Locale::getEnglish(), display);
    std::string utf8;
    display.toUTF8String(utf8);
    table.emplace(CountryKey(utf8), cc);
    // ICU writes "St. Kitts & Nevis"; lists write "Saint".
    if (utf8.rfind("St. ", 0) == 0) table.emplace(CountryKey("Saint " + utf8.substr(4)), cc);
    table.emplace(CountryKey(cc), cc);  // "KP" itself
    const char* iso3 = icu::Locale("", cc.c_str()).getISO3Country();
    if (iso3 != nullptr && std::strlen(iso3) == 3) table.emplace(CountryKey(iso3), cc);  // "PRK"
  }
  for (const auto& a : kCountryAliases) table[CountryKey(a.name)] = a.code;
  return table;
}

}  // namespace

std::string CountryCode(std::string_view name) {
  static const std::unordered_map<std::string, std::string> table = BuildCountryTable();
  name = Trim(name);
  if (name.empty()) return "";
  auto it = table.find(CountryKey(name));
  return it == table.end() ? "" : it->second;
}

}  // namespace wk
