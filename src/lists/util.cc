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

}  // namespace

std::string DetectScript(std::string_view utf8) {
  // Most list names are plain ASCII: Latin if they hold a letter.
  bool ascii = true, letter = false;
  for (char c : utf8) {
    if (static_cast<unsigned char>(c) >= 0x80) {
      ascii = false;
      break;
    }
    letter |= (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  }
  if (ascii) return letter ? "Latn" : "";
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

std::string_view OfacField(std::string_view s) {
  s = Trim(s);
  if (s == "-0-") return {};
  return s;
}

Status CheckText(std::string_view text, std::string_view name) {
  if (text.size() > kMaxFileBytes)
    return ErrorAt(name, 0, "file larger than 1 GiB, refused");
  const size_t at = FirstInvalidUtf8(text);
  if (at == std::string_view::npos) return Ok{};
  static constexpr char kHex[] = "0123456789ABCDEF";
  const auto b = static_cast<unsigned char>(text[at]);
  return ErrorAt(name, LineOfOffset(text, at),
                 std::string("invalid UTF-8 (byte 0x") + kHex[b >> 4] + kHex[b & 15] +
                     " at offset " + std::to_string(at) + ")");
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
