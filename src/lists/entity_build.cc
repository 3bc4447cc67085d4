// The pieces a parser builds an Entity with: names, identifiers,
// nationalities and lists of values, each added once.
#include <algorithm>

#include <cctype>

#include "lists/parsing.h"

namespace wk::lists::internal {

std::string OldUnReference(std::string_view text) {
  auto digits = [&](size_t at, size_t most) {
    size_t n = 0;
    while (at + n < text.size() && n < most && text[at + n] >= '0' && text[at + n] <= '9') ++n;
    return n;
  };
  if (text.size() < 8 || (text[0] != 'E' && text[0] != 'I') || text[1] != '.') return "";
  size_t at = 2, n = digits(at, 2);
  if (n != 2 || at + n >= text.size() || text[at + n] != '.') return "";
  at += n + 1;
  n = 0;
  while (at + n < text.size() && n < 4 && (text[at + n] == 'I' || text[at + n] == 'V' || text[at + n] == 'X')) ++n;
  if (n == 0 || at + n >= text.size() || text[at + n] != '.') return "";
  at += n + 1;
  n = digits(at, 3);
  if (n == 0 || (at + n < text.size() && std::isalnum(static_cast<unsigned char>(text[at + n])))) return "";
  return std::string(text.substr(0, at + n));
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

void AddRelation(Entity& e, Relation r) {
  if (std::find(e.relations.begin(), e.relations.end(), r) == e.relations.end()) e.relations.push_back(std::move(r));
}

void AddNationality(Entity& e, std::string_view country) {
  country = Trim(country);
  if (country.empty()) return;
  const std::string cc = CountryCode(country);
  AddUnique(e.nationalities, cc.empty() ? country : std::string_view(cc));
}

}  // namespace wk::lists::internal
