// Shared pieces of the list parsers: scripts, identifiers, countries, CSV,
// dates, XML loading, errors with line numbers.
#include <unicode/locid.h>
#include <unicode/uloc.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <unordered_map>

#include "lists/parse_util.h"

namespace wk::lists {

using namespace internal;

namespace {

// Decodes one UTF-8 sequence at `s[i]`; returns the code point and advances
// `i`, or returns -1 (and advances one byte) on an invalid sequence.
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

struct ScriptRange {
  int32_t first, last;
  const char* script;
};

// Letter blocks by script (Unicode block boundaries), sorted.
constexpr ScriptRange kScripts[] = {
    {0x0041, 0x005A, "Latn"}, {0x0061, 0x007A, "Latn"}, {0x00C0, 0x024F, "Latn"},
    {0x0370, 0x03FF, "Grek"}, {0x0400, 0x052F, "Cyrl"}, {0x0530, 0x058F, "Armn"},
    {0x0590, 0x05FF, "Hebr"}, {0x0600, 0x06FF, "Arab"}, {0x0700, 0x074F, "Syrc"},
    {0x0750, 0x077F, "Arab"}, {0x0780, 0x07BF, "Thaa"}, {0x08A0, 0x08FF, "Arab"},
    {0x0900, 0x097F, "Deva"}, {0x0980, 0x09FF, "Beng"}, {0x0A00, 0x0A7F, "Guru"},
    {0x0A80, 0x0AFF, "Gujr"}, {0x0B80, 0x0BFF, "Taml"}, {0x0C00, 0x0C7F, "Telu"},
    {0x0D80, 0x0DFF, "Sinh"}, {0x0E00, 0x0E7F, "Thai"}, {0x0E80, 0x0EFF, "Laoo"},
    {0x0F00, 0x0FFF, "Tibt"}, {0x1000, 0x109F, "Mymr"}, {0x10A0, 0x10FF, "Geor"},
    {0x1100, 0x11FF, "Hang"}, {0x1200, 0x139F, "Ethi"}, {0x1780, 0x17FF, "Khmr"},
    {0x1800, 0x18AF, "Mong"}, {0x1C80, 0x1C8F, "Cyrl"}, {0x1E00, 0x1EFF, "Latn"},
    {0x1F00, 0x1FFF, "Grek"}, {0x2C00, 0x2C5F, "Glag"}, {0x2DE0, 0x2DFF, "Cyrl"},
    {0x2E80, 0x2FDF, "Hani"}, {0x3040, 0x309F, "Hira"}, {0x30A0, 0x30FF, "Kana"},
    {0x3130, 0x318F, "Hang"}, {0x3400, 0x4DBF, "Hani"}, {0x4E00, 0x9FFF, "Hani"},
    {0xA640, 0xA69F, "Cyrl"}, {0xA960, 0xA97F, "Hang"}, {0xAC00, 0xD7FF, "Hang"},
    {0xF900, 0xFAFF, "Hani"}, {0xFB1D, 0xFB4F, "Hebr"}, {0xFB50, 0xFDFF, "Arab"},
    {0xFE70, 0xFEFF, "Arab"}, {0xFF21, 0xFF3A, "Latn"}, {0xFF41, 0xFF5A, "Latn"},
    {0xFF66, 0xFF9F, "Kana"}, {0xFFA0, 0xFFDC, "Hang"}, {0x20000, 0x323AF, "Hani"},
};

const char* ScriptOf(int32_t cp) {
  auto it = std::upper_bound(std::begin(kScripts), std::end(kScripts), cp,
                             [](int32_t v, const ScriptRange& r) { return v < r.first; });
  if (it == std::begin(kScripts)) return nullptr;
  --it;
  return cp <= it->last ? it->script : nullptr;
}

std::string CountryKey(std::string_view name) {
  std::string key;
  for (size_t i = 0; i < name.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(name[i]);
    if (c == '&') {
      key += "and";
    } else if (std::isalnum(c)) {
      key += static_cast<char>(std::tolower(c));
    } else if (c >= 0x80) {
      key += static_cast<char>(c);  // keep non-ASCII (e.g. "Türkiye")
    }
  }
  if (key.rfind("the", 0) == 0 && key.size() > 6) key.erase(0, 3);
  return key;
}

struct CountryAlias {
  const char* name;
  const char* code;
};

// Spellings the lists use that ICU's English display names lack.
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

bool IsValidUtf8(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      ++i;
      continue;
    }
    if (DecodeUtf8(text, i) < 0) return false;
  }
  return true;
}

std::string DetectScript(std::string_view utf8) {
  std::array<std::pair<const char*, int>, 8> counts{};
  size_t n = 0;
  size_t i = 0;
  bool kana = false;
  while (i < utf8.size()) {
    const int32_t cp = DecodeUtf8(utf8, i);
    if (cp < 0) continue;
    const char* s = ScriptOf(cp);
    if (s == nullptr) continue;
    if (s[0] == 'H' ? std::strcmp(s, "Hira") == 0 : s[0] == 'K' && std::strcmp(s, "Kana") == 0) kana = true;
    size_t k = 0;
    while (k < n && counts[k].first != s && std::strcmp(counts[k].first, s) != 0) ++k;
    if (k == n) {
      if (n == counts.size()) continue;
      counts[n++] = {s, 0};
    }
    ++counts[k].second;
  }
  if (n == 0) return "";
  if (kana) return "Jpan";  // kana with or without kanji: Japanese
  const auto best = std::max_element(counts.begin(), counts.begin() + n,
                                     [](const auto& a, const auto& b) { return a.second < b.second; });
  return best->first;
}

std::string CountryCode(std::string_view name) {
  static const std::unordered_map<std::string, std::string> table = BuildCountryTable();
  name = Trim(name);
  if (name.empty()) return "";
  auto it = table.find(CountryKey(name));
  if (it != table.end()) return it->second;
  return "";
}

Identifier MakeIdentifier(IdType type, std::string_view raw, std::string country,
                          std::string note) {
  Identifier id;
  id.type = type;
  id.country = std::move(country);
  id.note = std::move(note);
  raw = Trim(raw);
  while (!raw.empty() && (raw.back() == '.' || raw.back() == ',' || raw.back() == ';'))
    raw.remove_suffix(1);
  switch (type) {
    case IdType::kImo:
    case IdType::kImoCompany:
    case IdType::kMmsi: {
      std::string digits;
      bool other = false;
      std::string_view r = raw;
      if (IStartsWith(r, "IMO")) r.remove_prefix(3);
      if (IStartsWith(r, "MMSI")) r.remove_prefix(4);
      for (char c : r) {
        if (std::isdigit(static_cast<unsigned char>(c)))
          digits += c;
        else if (c != ' ' && c != ':' && c != '-' && c != '.')
          other = true;
      }
      id.value = other || digits.empty() ? std::string(raw) : digits;
      if (type == IdType::kImo) {
        id.check_digit_valid = !other && digits.size() == 7 &&
                               IsValidImo(static_cast<uint32_t>(std::stoul(digits)));
      } else if (type == IdType::kImoCompany) {
        id.check_digit_valid = !other && digits.size() == 7;  // no check digit: shape only
      } else {
        id.check_digit_valid = !other && digits.size() == 9;
      }
      break;
    }
    case IdType::kSwiftBic: {
      std::string v;
      for (char c : raw)
        if (std::isalnum(static_cast<unsigned char>(c)))
          v += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      id.value = v;
      bool ok = v.size() == 8 || v.size() == 11;
      for (size_t k = 0; ok && k < v.size(); ++k) {
        const bool alpha = std::isalpha(static_cast<unsigned char>(v[k])) != 0;
        if (k >= 4 && k < 6 && !alpha) ok = false;  // ISO 3166 country letters
      }
      if (ok && CountryCode(v.substr(4, 2)).empty()) ok = false;
      id.check_digit_valid = ok;
      break;
    }
    default: {
      std::string v;
      for (char c : raw)
        if (c != ' ' && c != '\t')
          v += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      id.value = v;
      id.check_digit_valid = true;
      break;
    }
  }
  return id;
}

std::string_view SchemaName(Schema s) {
  switch (s) {
    case Schema::kPerson: return "person";
    case Schema::kOrganization: return "organization";
    case Schema::kVessel: return "vessel";
    case Schema::kAircraft: return "aircraft";
    case Schema::kUnknown: break;
  }
  return "unknown";
}

std::string_view NameKindName(NameKind k) {
  switch (k) {
    case NameKind::kPrimary: return "primary";
    case NameKind::kAlias: return "alias";
    case NameKind::kFormer: return "former";
    case NameKind::kWeakAlias: return "weak_alias";
  }
  return "alias";
}

std::string_view IdTypeName(IdType t) {
  switch (t) {
    case IdType::kImo: return "imo";
    case IdType::kMmsi: return "mmsi";
    case IdType::kPassport: return "passport";
    case IdType::kNationalId: return "national_id";
    case IdType::kSwiftBic: return "swift_bic";
    case IdType::kRegistration: return "registration";
    case IdType::kCallSign: return "call_sign";
    case IdType::kOther: return "other";
    case IdType::kImoCompany: return "imo_company";
  }
  return "other";
}

Schema ParseSchemaName(std::string_view s) {
  for (Schema v : {Schema::kPerson, Schema::kOrganization, Schema::kVessel, Schema::kAircraft})
    if (SchemaName(v) == s) return v;
  return Schema::kUnknown;
}

NameKind ParseNameKindName(std::string_view s) {
  for (NameKind v : {NameKind::kPrimary, NameKind::kAlias, NameKind::kFormer, NameKind::kWeakAlias})
    if (NameKindName(v) == s) return v;
  return NameKind::kAlias;
}

IdType ParseIdTypeName(std::string_view s) {
  for (int k = 0; k <= static_cast<int>(IdType::kImoCompany); ++k)
    if (IdTypeName(static_cast<IdType>(k)) == s) return static_cast<IdType>(k);
  return IdType::kOther;
}

void AppendEntityJson(std::string& out, const Entity& e) {
  auto strings = [&out](const char* key, const std::vector<std::string>& v) {
    out += ",\"";
    out += key;
    out += "\":[";
    for (size_t i = 0; i < v.size(); ++i) {
      if (i) out += ',';
      AppendJsonString(out, v[i]);
    }
    out += ']';
  };
  out += "{\"id\":";
  AppendJsonString(out, e.id);
  out += ",\"source\":";
  AppendJsonString(out, e.source);
  out += ",\"schema\":";
  AppendJsonString(out, SchemaName(e.schema));
  out += ",\"names\":[";
  for (size_t i = 0; i < e.names.size(); ++i) {
    if (i) out += ',';
    out += "{\"name\":";
    AppendJsonString(out, e.names[i].full);
    out += ",\"kind\":";
    AppendJsonString(out, NameKindName(e.names[i].kind));
    out += ",\"script\":";
    AppendJsonString(out, e.names[i].script);
    out += '}';
  }
  out += "],\"identifiers\":[";
  for (size_t i = 0; i < e.identifiers.size(); ++i) {
    const Identifier& id = e.identifiers[i];
    if (i) out += ',';
    out += "{\"type\":";
    AppendJsonString(out, IdTypeName(id.type));
    out += ",\"value\":";
    AppendJsonString(out, id.value);
    out += ",\"country\":";
    AppendJsonString(out, id.country);
    out += ",\"valid\":";
    out += id.check_digit_valid ? "true" : "false";
    out += ",\"note\":";
    AppendJsonString(out, id.note);
    out += '}';
  }
  out += ']';
  strings("birth_dates", e.birth_dates);
  strings("birth_places", e.birth_places);
  strings("nationalities", e.nationalities);
  strings("addresses", e.addresses);
  strings("countries", e.countries);
  strings("programmes", e.programmes);
  out += ",\"listed_on\":";
  AppendJsonString(out, e.listed_on);
  out += ",\"gender\":";
  AppendJsonString(out, e.gender);
  strings("same_as", e.same_as);
  out += ",\"remarks\":";
  AppendJsonString(out, e.remarks);
  out += '}';
}

// ---- internal ------------------------------------------------------------------

namespace internal {

Error ErrorAt(std::string_view name, size_t line, std::string_view reason) {
  std::string m(name);
  if (line > 0) {
    m += ':';
    m += std::to_string(line);
  }
  m += ": ";
  m += reason;
  return MakeError(ErrorCode::kInvalidInput, std::move(m));
}

size_t LineOfOffset(std::string_view text, size_t offset) {
  offset = std::min(offset, text.size());
  return 1 + static_cast<size_t>(std::count(text.begin(), text.begin() + offset, '\n'));
}

std::string_view Trim(std::string_view s) {
  auto space = [](std::string_view v, size_t i) {
    const unsigned char c = static_cast<unsigned char>(v[i]);
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
  };
  while (!s.empty()) {
    if (space(s, 0)) {
      s.remove_prefix(1);
    } else if (s.size() >= 2 && s.substr(0, 2) == "\xC2\xA0") {
      s.remove_prefix(2);
    } else {
      break;
    }
  }
  while (!s.empty()) {
    if (space(s, s.size() - 1)) {
      s.remove_suffix(1);
    } else if (s.size() >= 2 && s.substr(s.size() - 2) == "\xC2\xA0") {
      s.remove_suffix(2);
    } else {
      break;
    }
  }
  return s;
}

namespace {
// ASCII case folding without the locale machinery of std::tolower.
inline char AsciiLower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }
}  // namespace

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = AsciiLower(c);
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

std::string_view OfacField(std::string_view s) {
  s = Trim(s);
  if (s == "-0-") return {};
  return s;
}

Status CheckText(std::string_view text, std::string_view name) {
  if (text.size() > kMaxFileBytes)
    return ErrorAt(name, 0, "file larger than 1 GiB, refused");
  size_t i = 0;
  while (i < text.size()) {
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      ++i;
      continue;
    }
    const size_t at = i;
    if (DecodeUtf8(text, i) < 0)
      return ErrorAt(name, LineOfOffset(text, at),
                     "invalid UTF-8 (byte 0x" +
                         std::string(1, "0123456789ABCDEF"[static_cast<unsigned char>(text[at]) >> 4]) +
                         std::string(1, "0123456789ABCDEF"[static_cast<unsigned char>(text[at]) & 15]) +
                         " at offset " + std::to_string(at) + ")");
  }
  return Ok{};
}

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
    uint32_t cp = c;
    if (c < 0x80) {
      out += ch;
      continue;
    }
    if (c < 0xA0) cp = k80[c - 0x80] ? k80[c - 0x80] : 0xFFFD;
    if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }
  return out;
}

Result<bool> CsvReader::Next(std::vector<std::string>& fields) {
  // Reuses the strings already in `fields` to avoid reallocating per row.
  size_t n = 0;
  auto next_field = [&]() -> std::string& {
    if (n == fields.size()) fields.emplace_back();
    std::string& f = fields[n++];
    f.clear();
    return f;
  };
  // Skip blank lines between records.
  while (pos_ < text_.size() && (text_[pos_] == '\n' || text_[pos_] == '\r')) {
    if (text_[pos_] == '\n') ++line_;
    ++pos_;
  }
  if (pos_ >= text_.size()) {
    fields.clear();
    return false;
  }
  record_line_ = line_;
  std::string* field = &next_field();
  bool quoted = false;
  bool was_quoted = false;
  const char stops[4] = {sep_, '\n', '\r', '"'};
  const std::string_view unquoted_stops(stops, 4);
  while (true) {
    if (field->size() > kMaxFieldBytes) {
      fields.resize(n);
      return ErrorAt(name_, record_line_, "field longer than 1 MiB, refused");
    }
    if (pos_ >= text_.size()) {
      fields.resize(n);
      if (quoted) return ErrorAt(name_, record_line_, "unterminated quoted field (file truncated?)");
      return true;
    }
    if (quoted) {
      const size_t q = text_.find('"', pos_);
      const size_t end = q == std::string_view::npos ? text_.size() : q;
      const std::string_view chunk = text_.substr(pos_, end - pos_);
      line_ += static_cast<size_t>(std::count(chunk.begin(), chunk.end(), '\n'));
      field->append(chunk);
      pos_ = end;
      if (q == std::string_view::npos) continue;  // reports the unterminated quote
      if (pos_ + 1 < text_.size() && text_[pos_ + 1] == '"') {
        *field += '"';
        pos_ += 2;
      } else {
        quoted = false;
        ++pos_;
      }
      continue;
    }
    const size_t stop = text_.find_first_of(unquoted_stops, pos_);
    const size_t end = stop == std::string_view::npos ? text_.size() : stop;
    field->append(text_.substr(pos_, end - pos_));
    pos_ = end;
    if (pos_ >= text_.size()) continue;
    const char c = text_[pos_];
    if (c == sep_) {
      field = &next_field();
      was_quoted = false;
      ++pos_;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') ++pos_;
      ++pos_;
      ++line_;
      fields.resize(n);
      return true;
    } else if (!was_quoted && Trim(*field).empty()) {  // an opening quote
      field->clear();
      quoted = true;
      was_quoted = true;
      ++pos_;
    } else {  // a stray quote inside an unquoted field: keep it
      *field += c;
      ++pos_;
    }
  }
}

Header::Header(const std::vector<std::string>& names) {
  for (const auto& n : names) names_.push_back(Lower(Trim(n)));
}

int Header::Find(std::string_view name) const {
  for (size_t i = 0; i < names_.size(); ++i)
    if (IEquals(names_[i], name)) return static_cast<int>(i);
  return -1;
}

std::string_view Header::Get(const std::vector<std::string>& row, std::string_view name) const {
  const int i = Find(name);
  if (i < 0 || static_cast<size_t>(i) >= row.size()) return {};
  return Trim(row[static_cast<size_t>(i)]);
}

namespace {

int MonthOf(std::string_view m) {
  static constexpr const char* kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                            "jul", "aug", "sep", "oct", "nov", "dec"};
  if (m.size() < 3) return 0;
  for (int i = 0; i < 12; ++i)
    if (IStartsWith(m, kMonths[i])) return i + 1;
  return 0;
}

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(),
                                   [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

// Parses up to six digits; longer runs are no date part (-1).
int ToInt(std::string_view s) {
  if (s.size() > 6) return -1;
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

std::string Ymd(int y, int m, int d) {
  if (y < 1000 || y > 2999) return "";
  char buf[16];
  if (m < 1 || m > 12) {
    std::snprintf(buf, sizeof buf, "%04d", y);
  } else if (d < 1 || d > 31) {
    std::snprintf(buf, sizeof buf, "%04d-%02d", y, m);
  } else {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  }
  return buf;
}

}  // namespace

std::string NormalizeDate(std::string_view text) {
  std::string_view t = Trim(text);
  for (std::string_view p : {"circa ", "approximately ", "approx. ", "c. ", "ca. ", "about "})
    if (IStartsWith(t, p)) t = Trim(t.substr(p.size()));
  // Cut a time part ("2018-02-16T00:00:00" or "1960-01-31 00:00").
  if (t.size() > 10 && (t[10] == 'T' || t[10] == ' ') && t[4] == '-') t = t.substr(0, 10);
  if (AllDigits(t) && t.size() == 4) return Ymd(ToInt(t), 0, 0);
  // YYYY-MM-DD / YYYY-MM
  if (t.size() >= 7 && t[4] == '-' && AllDigits(t.substr(0, 4)) && AllDigits(t.substr(5, 2))) {
    const int d = t.size() == 10 && t[7] == '-' && AllDigits(t.substr(8, 2)) ? ToInt(t.substr(8, 2)) : 0;
    return Ymd(ToInt(t.substr(0, 4)), ToInt(t.substr(5, 2)), d);
  }
  // DD/MM/YYYY, DD.MM.YYYY, DD-MM-YYYY (00 for unknown parts), MM/YYYY
  for (char sep : {'/', '.', '-'}) {
    if (t.size() == 10 && t[2] == sep && t[5] == sep && AllDigits(t.substr(0, 2)) &&
        AllDigits(t.substr(3, 2)) && AllDigits(t.substr(6, 4)))
      return Ymd(ToInt(t.substr(6, 4)), ToInt(t.substr(3, 2)), ToInt(t.substr(0, 2)));
    if (t.size() == 7 && t[2] == sep && AllDigits(t.substr(0, 2)) && AllDigits(t.substr(3, 4)))
      return Ymd(ToInt(t.substr(3, 4)), ToInt(t.substr(0, 2)), 0);
  }
  // "31 Jan 1960", "Jan 1960", "31-Jan-1960"
  std::vector<std::string_view> parts;
  size_t start = 0;
  for (size_t i = 0; i <= t.size(); ++i) {
    if (i == t.size() || t[i] == ' ' || t[i] == '-') {
      if (i > start) parts.push_back(t.substr(start, i - start));
      start = i + 1;
    }
  }
  if (parts.size() == 3 && AllDigits(parts[0]) && parts[0].size() <= 2 && MonthOf(parts[1]) && AllDigits(parts[2]) &&
      parts[2].size() == 4)
    return Ymd(ToInt(parts[2]), MonthOf(parts[1]), ToInt(parts[0]));
  if (parts.size() == 2 && MonthOf(parts[0]) && AllDigits(parts[1]) && parts[1].size() == 4)
    return Ymd(ToInt(parts[1]), MonthOf(parts[0]), 0);
  return "";
}

std::vector<std::string> NumbersAfter(std::string_view text, std::string_view keyword, size_t digits) {
  std::vector<std::string> out;
  auto alpha = [](char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; };
  auto digit = [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; };
  if (keyword.empty()) return out;
  const char first = AsciiLower(keyword[0]);
  for (size_t i = 0; i + keyword.size() <= text.size(); ++i) {
    if (AsciiLower(text[i]) != first || !IEquals(text.substr(i, keyword.size()), keyword)) continue;
    if (i > 0 && alpha(text[i - 1])) continue;
    size_t j = i + keyword.size();
    if (j < text.size() && alpha(text[j]) && !IStartsWith(text.substr(j), " ")) {
      // "IMOVICH": not the keyword; but allow "IMO number" (space first).
      continue;
    }
    // Skip up to 20 characters of separators and the words "number"/"no".
    const size_t limit = std::min(text.size(), j + 20);
    while (j < limit && !digit(text[j]) && text[j] != '\n' && text[j] != ';') ++j;
    size_t k = j;
    while (k < text.size() && digit(text[k])) ++k;
    if (k - j == digits) out.emplace_back(text.substr(j, digits));
    i = k > i ? k - 1 : i;
  }
  return out;
}

void AddUnique(std::vector<std::string>& v, std::string_view s) {
  s = Trim(s);
  if (s.empty()) return;
  if (std::find(v.begin(), v.end(), s) == v.end()) v.emplace_back(s);
}

Status AddName(Entity& e, std::string_view full, NameKind kind, std::string_view name,
               size_t line) {
  if (full.size() > kMaxNameBytes)
    return ErrorAt(name, line, "name of " + std::to_string(full.size()) +
                                   " bytes is longer than the 4096-byte limit");
  std::string n = CollapseSpace(full);
  if (n.empty()) return Ok{};
  for (const Name& existing : e.names)
    if (existing.full == n && (existing.kind == kind || existing.kind == NameKind::kPrimary))
      return Ok{};
  Name nm;
  nm.script = DetectScript(n);
  nm.full = std::move(n);
  nm.kind = kind;
  if (kind == NameKind::kPrimary) {
    // One primary name; later "primary" names become aliases.
    const bool has_primary = !e.names.empty() && e.names[0].kind == NameKind::kPrimary;
    if (has_primary) {
      nm.kind = NameKind::kAlias;
      e.names.push_back(std::move(nm));
    } else {
      e.names.insert(e.names.begin(), std::move(nm));
    }
  } else {
    e.names.push_back(std::move(nm));
  }
  return Ok{};
}

void AddIdentifier(Entity& e, Identifier id) {
  if (id.value.empty()) return;
  for (Identifier& existing : e.identifiers) {
    if (existing.type == id.type && existing.value == id.value) {
      if (existing.country.empty()) existing.country = id.country;
      return;
    }
  }
  e.identifiers.push_back(std::move(id));
}

void AddNationality(Entity& e, std::string_view country) {
  country = Trim(country);
  if (country.empty()) return;
  const std::string cc = CountryCode(country);
  AddUnique(e.nationalities, cc.empty() ? country : std::string_view(cc));
}

namespace {
// Offsets of every newline of the document being parsed, built once per
// document (per thread), so that asking the line of each node is O(log n).
// LoadXml forgets it, so a new buffer at an old address is never confused.
thread_local const char* cached_data = nullptr;
thread_local size_t cached_size = 0;
thread_local std::vector<size_t> newlines;
}  // namespace

Status LoadXml(pugi::xml_document& doc, std::string_view xml, std::string_view name) {
  cached_data = nullptr;
  cached_size = 0;
  if (xml.size() > kMaxFileBytes) return ErrorAt(name, 0, "file larger than 1 GiB, refused");
  // A DOCTYPE with an internal subset is how entity-expansion attacks
  // (billion laughs, external entities) arrive; no list uses one.
  const size_t doctype = xml.find("<!DOCTYPE");
  if (doctype != std::string_view::npos) {
    const size_t end = xml.find('>', doctype);
    const size_t bracket = xml.find('[', doctype);
    if (bracket != std::string_view::npos && (end == std::string_view::npos || bracket < end))
      return ErrorAt(name, LineOfOffset(xml, doctype),
                     "DOCTYPE with an internal subset (entity declarations) refused");
  }
  if (Status s = CheckText(xml, name); !s.ok()) return s;
  // parse_default without parse_doctype: no DTD processing; pugixml never
  // expands custom entities (only the five predefined ones and &#...;).
  const unsigned options = pugi::parse_default & ~pugi::parse_doctype;
  pugi::xml_parse_result r = doc.load_buffer(xml.data(), xml.size(), options, pugi::encoding_utf8);
  if (!r) {
    std::string reason = "malformed XML: ";
    reason += r.description();
    // An error at the very end of the input: the file stops early.
    if (!xml.empty() && static_cast<size_t>(r.offset) + 1 >= xml.size()) reason += " (file truncated?)";
    return ErrorAt(name, LineOfOffset(xml, static_cast<size_t>(r.offset)), reason);
  }
  return Ok{};
}

size_t NodeLine(std::string_view xml, const pugi::xml_node& node) {
  const ptrdiff_t off = node.offset_debug();
  if (off < 0) return 0;
  if (cached_data != xml.data() || cached_size != xml.size()) {
    newlines.clear();
    for (size_t p = xml.find('\n'); p != std::string_view::npos; p = xml.find('\n', p + 1))
      newlines.push_back(p);
    cached_data = xml.data();
    cached_size = xml.size();
  }
  return 1 + static_cast<size_t>(std::lower_bound(newlines.begin(), newlines.end(),
                                                  static_cast<size_t>(off)) -
                                 newlines.begin());
}

std::string_view LocalName(const pugi::xml_node& node) {
  std::string_view n = node.name();
  const size_t colon = n.find(':');
  return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

pugi::xml_node Child(const pugi::xml_node& node, std::string_view local) {
  for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling())
    if (c.type() == pugi::node_element && LocalName(c) == local) return c;
  return {};
}

std::string_view ChildText(const pugi::xml_node& node, std::string_view local) {
  return Trim(Child(node, local).child_value());
}

std::string_view AttrText(const pugi::xml_node& node, const char* attr) {
  return Trim(node.attribute(attr).value());
}

Status CheckFieldSizes(const pugi::xml_node& root, std::string_view xml, std::string_view name) {
  // Iterative walk: hostile nesting must not overflow the stack.
  pugi::xml_node n = root;
  while (n) {
    if (n.type() == pugi::node_pcdata || n.type() == pugi::node_cdata) {
      if (std::strlen(n.value()) > kMaxFieldBytes)
        return ErrorAt(name, NodeLine(xml, n.parent()), "text longer than 1 MiB, refused");
    }
    for (pugi::xml_attribute a = n.first_attribute(); a; a = a.next_attribute())
      if (std::strlen(a.value()) > kMaxFieldBytes)
        return ErrorAt(name, NodeLine(xml, n), "attribute longer than 1 MiB, refused");
    if (n.first_child()) {
      n = n.first_child();
      continue;
    }
    while (n && n != root && !n.next_sibling()) n = n.parent();
    if (!n || n == root) break;
    n = n.next_sibling();
  }
  return Ok{};
}

void MergeEntity(Entity& into, const Entity& from) {
  for (const Name& n : from.names) {
    bool dup = false;
    for (const Name& m : into.names)
      if (m.full == n.full) dup = true;
    if (!dup) {
      Name copy = n;
      if (copy.kind == NameKind::kPrimary && !into.names.empty()) copy.kind = NameKind::kAlias;
      into.names.push_back(std::move(copy));
    }
  }
  for (const Identifier& id : from.identifiers) AddIdentifier(into, id);
  for (const auto& s : from.birth_dates) AddUnique(into.birth_dates, s);
  for (const auto& s : from.birth_places) AddUnique(into.birth_places, s);
  for (const auto& s : from.nationalities) AddUnique(into.nationalities, s);
  for (const auto& s : from.addresses) AddUnique(into.addresses, s);
  for (const auto& s : from.countries) AddUnique(into.countries, s);
  for (const auto& s : from.programmes) AddUnique(into.programmes, s);
  for (const auto& s : from.same_as) AddUnique(into.same_as, s);
  if (into.listed_on.empty() || (!from.listed_on.empty() && from.listed_on < into.listed_on))
    into.listed_on = from.listed_on;
  if (into.gender.empty()) into.gender = from.gender;
  if (into.schema == Schema::kUnknown) into.schema = from.schema;
  if (!from.remarks.empty() && into.remarks.find(from.remarks) == std::string::npos) {
    if (!into.remarks.empty()) into.remarks += "\n";
    into.remarks += from.remarks;
  }
}

void Finish(ListFile& list) {
  std::unordered_map<std::string, size_t> seen;
  std::vector<Entity> out;
  out.reserve(list.entities.size());
  for (Entity& e : list.entities) {
    auto [it, inserted] = seen.emplace(e.id, out.size());
    if (inserted) {
      out.push_back(std::move(e));
    } else {
      MergeEntity(out[it->second], e);
    }
  }
  for (Entity& e : out) {
    for (Name& n : e.names)
      if (n.script.empty()) n.script = DetectScript(n.full);
    // A primary name must come first; promote the first alias if none.
    if (!e.names.empty() && e.names[0].kind != NameKind::kPrimary) {
      auto p = std::find_if(e.names.begin(), e.names.end(),
                            [](const Name& n) { return n.kind == NameKind::kPrimary; });
      if (p != e.names.end()) {
        std::rotate(e.names.begin(), p, p + 1);
      } else {
        e.names[0].kind = NameKind::kPrimary;
      }
    }
  }
  list.entities = std::move(out);
}

}  // namespace internal
}  // namespace wk::lists
