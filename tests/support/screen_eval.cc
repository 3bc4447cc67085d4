// The labelled evaluation set, built from the real lists at run time:
// positives are listed names written the ways the matcher must understand
// (romanisation swaps, order swaps, typos, spacing, hyphens, case,
// diacritics, legal forms, vessel prefixes and numbers, Hangul and the
// lists' own original-script names), negatives are names that are not on
// the lists but look like those that are.
#include "support/screen_eval.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <random>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "core/core.h"

namespace wk::screen_eval {

using namespace screen;

namespace {

using Rng = std::mt19937_64;

size_t Pick(Rng& rng, size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(rng); }

std::vector<std::string> SplitWords(std::string_view s) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == ' ' || c == '\t') {
      if (!cur.empty()) out.push_back(std::move(cur));
      cur.clear();
    } else {
      cur.push_back(c);
    }
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

bool IsAsciiLetters(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) return false;
  return true;
}

bool IsKorean(const lists::Entity& e) {
  for (const std::string& p : e.programmes)
    if (p.rfind("DPRK", 0) == 0 || p == "1718") return true;
  for (const std::string& n : e.nationalities)
    if (n == "KP" || n == "KR") return true;
  return e.id.rfind("un:KP", 0) == 0;
}

// A typing error at a random place of a random token of 4+ letters.
bool AddTypo(std::vector<std::string>& words, Rng& rng, size_t min_len = 4, int exclude = -1) {
  std::vector<size_t> eligible;
  for (size_t i = 0; i < words.size(); ++i)
    if (static_cast<int>(i) != exclude && words[i].size() >= min_len && IsAsciiLetters(words[i]))
      eligible.push_back(i);
  if (eligible.empty()) return false;
  std::string& w = words[eligible[Pick(rng, eligible.size())]];
  const bool upper = std::isupper(static_cast<unsigned char>(w.back()));
  char letter = static_cast<char>((upper ? 'A' : 'a') + Pick(rng, 26));
  size_t pos = 1 + Pick(rng, w.size() - 1);  // keep the first letter
  switch (Pick(rng, 4)) {
    case 0:
      if (w[pos] == letter) letter = letter == 'a' || letter == 'A' ? letter + 1 : letter - 1;
      w[pos] = letter;
      break;
    case 1: w.erase(pos, 1); break;
    case 2: w.insert(w.begin() + static_cast<long>(pos), letter); break;
    default:
      if (pos + 1 < w.size() && w[pos] != w[pos + 1]) std::swap(w[pos], w[pos + 1]);
      else w.erase(pos, 1);
  }
  return true;
}

// South Korean, Revised Romanization and Chinese spellings of syllables the
// lists write in McCune-Reischauer.
struct Spelling {
  const char* mr;
  std::vector<const char*> others;
};
const std::vector<Spelling>& Spellings() {
  static const std::vector<Spelling> k = {
      {"choe", {"Choi", "Chwe"}},   {"ri", {"Lee", "Yi", "Rhee", "Li"}},
      {"pak", {"Park", "Bak"}},     {"paek", {"Baek", "Paik"}},
      {"jong", {"Jeong", "Chung", "Chong"}}, {"chong", {"Jeong", "Jong", "Cheong"}},
      {"kwang", {"Gwang"}},         {"chol", {"Cheol", "Chul"}},
      {"kyong", {"Gyeong", "Kyung"}}, {"song", {"Seong", "Sung"}},
      {"hyon", {"Hyun", "Hyeon"}},  {"yong", {"Young", "Yeong"}},
      {"ryong", {"Yong", "Ryong"}}, {"kim", {"Gim"}},
      {"hyok", {"Hyuk", "Hyeok"}},  {"un", {"Eun"}},
      {"yun", {"Yoon"}},            {"ryu", {"Yu", "Yoo"}},
      {"o", {"Oh"}},                {"ro", {"Roh", "Noh"}},
      {"sin", {"Shin"}},            {"rim", {"Lim", "Im"}},
      {"ju", {"Joo"}},              {"jo", {"Cho"}},
      {"chon", {"Jeon", "Chun"}},   {"jon", {"Jeon"}},
      {"yang", {"Ryang"}},          {"kang", {"Gang"}},
      {"il", {"Il"}},               {"myong", {"Myeong", "Myung"}},
      {"hak", {"Hak"}},             {"tong", {"Dong"}},
      {"pyong", {"Byeong", "Byung"}}, {"sok", {"Seok", "Suk"}},
      {"son", {"Seon", "Sun"}},     {"hun", {"Hoon"}},
  };
  return k;
}

std::string MatchCase(std::string_view model, std::string_view word) {
  bool all_upper = true;
  for (char c : model)
    if (std::islower(static_cast<unsigned char>(c))) all_upper = false;
  std::string out(word);
  if (all_upper)
    for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

// Reverse of our romanisation, keyed by phonetic key: "jong" -> 정.
const std::unordered_map<std::string, char32_t>& SyllablesByKey() {
  static const std::unordered_map<std::string, char32_t> map = [] {
    std::unordered_map<std::string, char32_t> m;
    for (char32_t c = 0xAC00; c <= 0xD7A3; ++c) {
      std::u32string one(1, c);
      std::string r = RomaniseHangul(one);
      while (!r.empty() && r.back() == ' ') r.pop_back();
      m.emplace(PhoneticKey(r), c);
    }
    // Family names: the lists' spellings.
    m[PhoneticKey("ri")] = U'리';
    m[PhoneticKey("choe")] = U'최';
    m[PhoneticKey("pak")] = U'박';
    m[PhoneticKey("kim")] = U'김';
    return m;
  }();
  return map;
}

// Hangul for a Korean name whose every syllable has a Hangul reading.
std::optional<std::string> ToHangul(std::string_view name) {
  NormalisedName n = NormaliseListName(name);
  if (n.tokens.size() < 2 || n.tokens.size() > 5) return std::nullopt;
  std::string out;
  const auto& map = SyllablesByKey();
  for (size_t i = 0; i < n.tokens.size(); ++i) {
    const Token& t = n.tokens[i];
    if (t.cls != TokenClass::kWord) return std::nullopt;
    auto it = map.find(t.key);
    if (it == map.end()) return std::nullopt;
    AppendUtf8(out, it->second);
  }
  return out;
}

const char* kLegalSwaps[][2] = {
    {"CORPORATION", "Corp."}, {"COMPANY", "Co."}, {"LIMITED", "Ltd"}, {"LTD", "Limited"},
    {"CO", "Company"},        {"CORP", "Corporation"}, {"LLC", "L.L.C."}, {"JSC", "Joint Stock Company"},
    {"INC", "Incorporated"},  {"OOO", "LLC"},
};

struct Variant {
  std::string query;
  std::string name;
};

// Applies variant `kind` to `name` of entity `e`; nullopt when it does not
// apply (or would leave the name unchanged).
std::optional<std::string> MakeVariant(const std::string& kind, const lists::Entity& e,
                                       const std::string& name, Rng& rng) {
  std::vector<std::string> w = SplitWords(name);
  if (w.empty()) return std::nullopt;
  std::string out;
  if (kind == "exact") {
    out = name;
  } else if (kind == "case") {
    out = Pick(rng, 2) ? Lower(name) : name;
    if (out == name) {
      for (size_t i = 0; i < out.size(); ++i)
        out[i] = static_cast<char>(i == 0 || out[i - 1] == ' ' || out[i - 1] == '-'
                                       ? std::toupper(static_cast<unsigned char>(out[i]))
                                       : std::tolower(static_cast<unsigned char>(out[i])));
    }
  } else if (kind == "order") {
    if (w.size() < 2) return std::nullopt;
    for (std::string& x : w)
      if (!x.empty() && x.back() == ',') x.pop_back();
    std::rotate(w.begin(), w.begin() + 1, w.end());
    out = Join(w, " ");
  } else if (kind == "typo1") {
    if (!AddTypo(w, rng)) return std::nullopt;
    out = Join(w, " ");
  } else if (kind == "typo2") {
    if (!AddTypo(w, rng, 8)) {
      // Two errors in two different tokens.
      std::vector<std::string> copy = w;
      if (!AddTypo(copy, rng)) return std::nullopt;
      int changed = -1;
      for (size_t i = 0; i < w.size(); ++i)
        if (copy[i] != w[i]) changed = static_cast<int>(i);
      if (!AddTypo(copy, rng, 4, changed)) return std::nullopt;
      w = copy;
    } else {
      if (!AddTypo(w, rng, 8)) return std::nullopt;
    }
    out = Join(w, " ");
  } else if (kind == "spacing") {
    // Two adjacent name parts written as one ("Jong Un" -> "Jongun").
    // Only name words: legal forms and stop words keep their space.
    auto plain = [](const std::string& word) {
      NormalisedName n = NormaliseListName(word);
      return n.tokens.size() == 1 && n.tokens[0].cls == TokenClass::kWord;
    };
    std::vector<size_t> at;
    for (size_t i = 0; i + 1 < w.size(); ++i)
      if (IsAsciiLetters(w[i]) && IsAsciiLetters(w[i + 1]) && w[i].size() + w[i + 1].size() <= 12 &&
          plain(w[i]) && plain(w[i + 1]))
        at.push_back(i);
    if (at.empty()) return std::nullopt;
    size_t i = at[Pick(rng, at.size())];
    std::string joined = w[i] + Lower(w[i + 1]);
    w[i] = joined;
    w.erase(w.begin() + static_cast<long>(i) + 1);
    out = Join(w, " ");
  } else if (kind == "hyphen") {
    if (name.find('-') != std::string::npos) {
      out = name;
      std::replace(out.begin(), out.end(), '-', Pick(rng, 2) ? ' ' : '-');
      if (out == name) out.erase(std::remove(out.begin(), out.end(), '-'), out.end());
    } else {
      if (w.size() < 3) return std::nullopt;
      out = w[0] + " " + Join(std::vector<std::string>(w.begin() + 1, w.end()), "-");
    }
  } else if (kind == "diacritics") {
    // Accents and punctuation a keyboard adds.
    static const char* kAccent[][2] = {{"a", "á"}, {"e", "é"}, {"o", "ö"}, {"u", "ü"},
                                       {"A", "Á"}, {"E", "É"}, {"O", "Ö"}, {"U", "Ü"}};
    out = name;
    int changed = 0;
    for (int tries = 0; tries < 6 && changed < 2; ++tries) {
      const auto& acc = kAccent[Pick(rng, 8)];
      size_t pos = out.find(acc[0], Pick(rng, std::max<size_t>(1, out.size())));
      if (pos == std::string::npos) continue;
      out.replace(pos, 1, acc[1]);
      ++changed;
    }
    size_t sp = out.find(' ');
    if (sp != std::string::npos && out[sp - 1] != ',') out.insert(sp, ",");
    else if (changed == 0) return std::nullopt;
  } else if (kind == "romanisation") {
    if (!IsKorean(e)) return std::nullopt;
    bool changed = false;
    // Split hyphenated syllables first: KY'ONG-SU -> KY'ONG SU.
    std::vector<std::string> parts;
    for (const std::string& x : w) {
      std::string cur;
      for (char c : x) {
        if (c == '-') {
          parts.push_back(cur);
          cur.clear();
        } else {
          cur.push_back(c);
        }
      }
      parts.push_back(cur);
    }
    for (std::string& x : parts) {
      std::string bare;
      for (char c : x)
        if (std::isalpha(static_cast<unsigned char>(c))) bare.push_back(static_cast<char>(std::tolower(c)));
      for (const Spelling& s : Spellings()) {
        if (bare == s.mr && Pick(rng, 3) != 0) {
          x = MatchCase(x, s.others[Pick(rng, s.others.size())]);
          changed = true;
          break;
        }
      }
    }
    if (!changed) return std::nullopt;
    out = Join(parts, " ");
  } else if (kind == "hangul") {
    if (!IsKorean(e) || e.schema != lists::Schema::kPerson) return std::nullopt;
    std::optional<std::string> h = ToHangul(name);
    if (!h) return std::nullopt;
    out = *h;
  } else if (kind == "legal") {
    if (e.schema != lists::Schema::kOrganization) return std::nullopt;
    bool changed = false;
    for (std::string& x : w) {
      std::string bare;
      for (char c : x)
        if (std::isalpha(static_cast<unsigned char>(c))) bare.push_back(static_cast<char>(std::toupper(c)));
      for (const auto& sw : kLegalSwaps) {
        if (bare == sw[0]) {
          x = sw[1];
          changed = true;
          break;
        }
      }
    }
    if (!changed) {
      w.push_back(Pick(rng, 2) ? "Co., Ltd." : "LLC");
    }
    out = Join(w, " ");
  } else if (kind == "vessel") {
    if (e.schema != lists::Schema::kVessel) return std::nullopt;
    // A prefix, and a number joined to the name ("YU JONG 2" -> "YUJONG-2").
    std::string prefix = Pick(rng, 2) ? "M/V " : "MT ";
    if (w.size() >= 3 && std::isdigit(static_cast<unsigned char>(w.back()[0])) &&
        IsAsciiLetters(w[w.size() - 2]) && IsAsciiLetters(w[w.size() - 3])) {
      std::string num = w.back();
      w.pop_back();
      std::string last = w.back();
      w.pop_back();
      w.back() += last;
      w.back() += "-" + num;
    }
    out = prefix + Join(w, " ");
  } else {
    return std::nullopt;
  }
  if (out.empty() || (kind != "exact" && out == name)) return std::nullopt;
  return out;
}

// Index of listed names by phonetic keys, to tell whether a made-up name is
// in fact listed.
class ListedNames {
 public:
  explicit ListedNames(const std::vector<lists::Entity>& entities) {
    for (const lists::Entity& e : entities) {
      for (const lists::Name& n : e.names) {
        std::vector<std::string> keys = Keys(n.full);
        if (keys.empty()) continue;
        const uint32_t id = static_cast<uint32_t>(names_.size());
        std::sort(keys.begin(), keys.end());
        exact_.insert(Join(keys, " "));
        for (const std::string& k : keys) by_key_[k].push_back(id);
        names_.push_back(std::move(keys));
      }
    }
  }
  static std::vector<std::string> Keys(std::string_view name) {
    std::vector<std::string> keys;
    for (const Token& t : NormaliseListName(name).tokens)
      if (t.cls == TokenClass::kWord || t.cls == TokenClass::kNumber)
        keys.push_back(t.cls == TokenClass::kWord ? t.key : t.text);
    return keys;
  }
  // True when a listed name has the same words, or holds all of them.
  bool Listed(std::string_view name) const {
    std::vector<std::string> keys = Keys(name);
    if (keys.empty()) return true;
    std::sort(keys.begin(), keys.end());
    if (exact_.count(Join(keys, " "))) return true;
    auto it = by_key_.find(keys[0]);
    if (it == by_key_.end()) return false;
    for (uint32_t id : it->second) {
      const std::vector<std::string>& nk = names_[id];
      bool all = true;
      for (const std::string& k : keys) all &= std::binary_search(nk.begin(), nk.end(), k);
      if (all) return true;
    }
    return false;
  }

 private:
  std::vector<std::vector<std::string>> names_;
  std::unordered_set<std::string> exact_;
  std::unordered_map<std::string, std::vector<uint32_t>> by_key_;
};

// The non-blank values of `column` (named exactly so in the header); none
// when the file cannot be read.
std::vector<std::string> ReadCsvColumn(const std::string& path, std::string_view column) {
  std::vector<std::string> out;
  Result<std::string> text = ReadFile(path);
  if (!text.ok()) return out;
  CsvReader reader(*text, ',', path);
  std::vector<std::string> fields;
  Result<bool> more = reader.Next(fields);
  if (!more.ok() || !*more) return out;
  int col = -1;
  for (size_t i = 0; i < fields.size(); ++i)
    if (fields[i] == column) col = static_cast<int>(i);
  if (col < 0) return out;
  while ((more = reader.Next(fields)).ok() && *more) {
    if (static_cast<size_t>(col) < fields.size() && !fields[col].empty() &&
        fields[col].find_first_not_of(' ') != std::string::npos)
      out.push_back(fields[col]);
  }
  return out;
}

bool UsableName(const lists::Name& n) {
  if (n.kind == lists::NameKind::kWeakAlias) return false;
  if (n.full.size() < 4 || n.full.size() > 120) return false;
  return !NormaliseListName(n.full).tokens.empty();
}

}  // namespace

std::vector<EvalCase> BuildEvalSet(const std::vector<lists::Entity>& entities,
                                   const EvalSources& sources, size_t positives, uint64_t seed) {
  Rng rng(seed);
  std::vector<EvalCase> cases;
  std::vector<size_t> all, korean;
  for (size_t i = 0; i < entities.size(); ++i) {
    bool usable = false;
    for (const lists::Name& n : entities[i].names) usable |= UsableName(n);
    if (!usable) continue;
    all.push_back(i);
    if (IsKorean(entities[i])) korean.push_back(i);
  }
  if (all.empty()) return cases;
  static const std::vector<std::string> kKinds = {
      "exact", "case", "order", "typo1", "typo2", "spacing", "hyphen", "diacritics",
      "romanisation", "hangul", "legal", "vessel"};
  // Original-script names the lists carry (Cyrillic, Hanzi, Arabic...).
  std::vector<std::pair<size_t, size_t>> scripts;
  for (size_t i : all) {
    const lists::Entity& e = entities[i];
    for (size_t k = 0; k < e.names.size(); ++k)
      if (!e.names[k].script.empty() && e.names[k].script != "Latn" && UsableName(e.names[k]))
        scripts.emplace_back(i, k);
  }
  const size_t script_cases = std::min(scripts.size(), positives / 20);
  for (size_t k = 0; k < script_cases; ++k) {
    auto [i, n] = scripts[Pick(rng, scripts.size())];
    cases.push_back({entities[i].names[n].full, std::nullopt, entities[i].id,
                     "script:" + entities[i].names[n].script, entities[i].names[n].full});
  }
  size_t attempts = 0;
  while (cases.size() < positives && attempts < positives * 40) {
    ++attempts;
    const bool kor = !korean.empty() && Pick(rng, 5) < 2;
    const size_t ei = kor ? korean[Pick(rng, korean.size())] : all[Pick(rng, all.size())];
    const lists::Entity& e = entities[ei];
    std::vector<size_t> usable;
    for (size_t k = 0; k < e.names.size(); ++k)
      if (UsableName(e.names[k]) && (e.names[k].script.empty() || e.names[k].script == "Latn"))
        usable.push_back(k);
    if (usable.empty()) continue;
    // The primary name most of the time, an alias otherwise.
    const size_t ni = Pick(rng, 3) ? usable[0] : usable[Pick(rng, usable.size())];
    const std::string& name = e.names[ni].full;
    const std::string& kind = kKinds[Pick(rng, kKinds.size())];
    std::optional<std::string> q = MakeVariant(kind, e, name, rng);
    if (!q) continue;
    EvalCase c;
    c.query = *q;
    c.expected_id = e.id;
    c.variant = kind;
    c.origin = name;
    if (Pick(rng, 4) == 0 && e.schema != lists::Schema::kUnknown) c.schema = e.schema;
    cases.push_back(std::move(c));
  }

  // ---- negatives
  ListedNames listed(entities);
  const size_t want = cases.size();
  std::vector<EvalCase> neg;
  auto add_neg = [&](std::string q, std::optional<lists::Schema> schema, std::string variant,
                     std::string origin) {
    if (q.size() < 3 || listed.Listed(q)) return;
    neg.push_back({std::move(q), schema, "", std::move(variant), std::move(origin)});
  };
  // People: outside fixtures of non-listed persons.
  std::vector<std::string> people;
  for (const std::string& path : sources.person_csvs)
    for (std::string& n : ReadCsvColumn(path, "full_name")) people.push_back(std::move(n));
  std::shuffle(people.begin(), people.end(), rng);
  for (size_t k = 0; k < people.size() && neg.size() < want * 45 / 100; ++k)
    add_neg(people[k], Pick(rng, 2) ? std::optional(lists::Schema::kPerson) : std::nullopt,
            "negative:person", people[k]);
  // Ports as ship names and as company names.
  std::vector<std::string> ports = ReadCsvColumn(sources.wpi_csv, "Main Port Name");
  std::shuffle(ports.begin(), ports.end(), rng);
  static const char* kTrades[] = {"Shipping", "Trading", "Marine", "Logistics", "Industrial",
                                  "Holdings", "Petroleum", "Fisheries", "Navigation"};
  static const char* kForms[] = {"Co., Ltd.", "LLC", "JSC", "Pte Ltd", "Corporation", "GmbH", "S.A."};
  size_t pk = 0;
  const size_t port_target = neg.size() + want * 30 / 100;
  while (pk < ports.size() && neg.size() < port_target) {
    const std::string& p = ports[pk++];
    if (Pick(rng, 2)) {
      add_neg((Pick(rng, 2) ? "M/V " : "") + p + (Pick(rng, 3) ? "" : " " + std::to_string(1 + Pick(rng, 9))),
              lists::Schema::kVessel, "negative:vessel", p);
    } else {
      add_neg(p + " " + kTrades[Pick(rng, std::size(kTrades))] + " " +
                  kForms[Pick(rng, std::size(kForms))],
              lists::Schema::kOrganization, "negative:company", p);
    }
  }
  // Korean names recombined from listed family and given names.
  std::vector<std::string> families, givens;
  for (size_t i : korean) {
    const lists::Entity& e = entities[i];
    if (e.schema != lists::Schema::kPerson) continue;
    std::vector<std::string> w = SplitWords(e.names[0].full);
    if (w.size() < 2) continue;
    std::string fam = w[0];
    if (!fam.empty() && fam.back() == ',') fam.pop_back();
    families.push_back(fam);
    givens.push_back(Join(std::vector<std::string>(w.begin() + 1, w.end()), " "));
  }
  size_t tries = 0;
  while (!families.empty() && neg.size() < want && tries < want * 20) {
    ++tries;
    std::string q = families[Pick(rng, families.size())] + " " + givens[Pick(rng, givens.size())];
    add_neg(q, std::nullopt, "negative:recombined", q);
  }
  for (EvalCase& c : neg) cases.push_back(std::move(c));
  return cases;
}

namespace {

std::string NormalisedText(std::string_view name) {
  std::string out;
  for (const Token& t : NormaliseListName(name).tokens) {
    if (t.cls == TokenClass::kVesselPrefix) continue;
    if (!out.empty()) out += ' ';
    out += t.text;
  }
  return out;
}

}  // namespace

EvalResult RunEval(const Index& index, const std::vector<EvalCase>& cases, double threshold,
                   unsigned threads) {
  // The same subject is often on several lists (UN, OFAC, UK): finding its
  // entry on another list, linked by the lists or under the very same name,
  // is finding it.
  std::unordered_map<std::string, uint32_t> by_id;
  for (uint32_t i = 0; i < index.entities().size(); ++i) by_id.emplace(index.entities()[i].id, i);
  auto same_subject = [&](const lists::Entity& got, const EvalCase& c) {
    if (got.id == c.expected_id) return true;
    for (const std::string& s : got.same_as)
      if (s == c.expected_id) return true;
    auto it = by_id.find(c.expected_id);
    if (it == by_id.end()) return false;
    const lists::Entity& want = index.entities()[it->second];
    for (const std::string& s : want.same_as)
      if (s == got.id) return true;
    const std::string origin = NormalisedText(c.origin);
    for (const lists::Name& n : got.names)
      if (NormalisedText(n.full) == origin) return true;
    return false;
  };
  threads = WorkerThreads(threads);
  struct Outcome {
    bool hit = false;
    bool other = false;
    std::string got;
    double score = 0;
    double expected_score = -1;
  };
  std::vector<Outcome> outcomes(cases.size());
  std::vector<Scratch> scratches(threads);
  ParallelForChunks(cases.size(), 1, threads, [&](size_t begin, size_t end, unsigned worker) {
    Scratch& scratch = scratches[worker];
    for (size_t i = begin; i < end; ++i) {
      const EvalCase& c = cases[i];
      Query q;
      q.name = c.query;
      q.schema = c.schema;
      q.threshold = threshold;
      q.limit = 10;
      Result<std::vector<Match>> m = index.Screen(q, scratch);
      Outcome& o = outcomes[i];
      if (!m.ok()) {
        o.got = "error: " + m.error().message;
        continue;
      }
      for (const Match& mm : *m) {
        const std::string& id = index.entities()[mm.entity].id;
        if (!c.expected_id.empty() && same_subject(index.entities()[mm.entity], c)) {
          o.hit = true;
          o.expected_score = mm.score;
        } else if (!o.other) {
          o.other = true;
          o.got = id + " '" + index.entities()[mm.entity].names[mm.name].full + "'";
          o.score = mm.score;
        }
      }
      if (!o.hit && !c.expected_id.empty()) {
        // How far below the threshold the expected entity was.
        Query q0 = q;
        q0.threshold = 0;
        q0.limit = 200;
        Result<std::vector<Match>> all = index.Screen(q0, scratch);
        if (all.ok())
          for (const Match& mm : *all)
            if (same_subject(index.entities()[mm.entity], c)) {
              o.expected_score = mm.score;
              break;
            }
      }
    }
  });
  EvalResult r;
  char buf[64];
  auto shown = [](std::string s) {  // queries may hold line breaks
    for (char& c : s)
      if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    return s;
  };
  for (size_t i = 0; i < cases.size(); ++i) {
    const EvalCase& c = cases[i];
    const Outcome& o = outcomes[i];
    if (!c.expected_id.empty()) {
      if (o.hit) {
        ++r.tp;
      } else {
        ++r.fn;
        std::snprintf(buf, sizeof(buf), "%.3f", o.expected_score);
        r.confusions.push_back("MISS [" + c.variant + "] '" + shown(c.query) + "' should find " +
                               c.expected_id + " '" + c.origin + "' (its score " + buf + ")" +
                               (o.other ? "; found instead " + o.got : ""));
        if (o.other) ++r.fp;
      }
    } else if (o.other) {
      ++r.fp;
      std::snprintf(buf, sizeof(buf), "%.3f", o.score);
      r.confusions.push_back("FALSE ALARM [" + c.variant + "] '" + shown(c.query) + "' matched " + o.got +
                             " at " + buf);
    } else {
      ++r.tn;
    }
  }
  return r;
}

std::vector<std::string> SharedListFiles(const std::string& shared_data) {
  namespace fs = std::filesystem;
  std::vector<std::string> out;
  const std::string base = shared_data + "/lists/";
  for (const char* rel : {"un/UN_consolidated.xml", "ofac/sdn-csv-2024-05-03/sdn.csv",
                          "uk/sanctionsconlist-2018-04-13.csv",
                          "eu/EUSanctionsShort-2018-07-04.csv"}) {
    if (fs::exists(base + rel)) out.push_back(base + rel);
  }
  return out;
}

Result<std::vector<lists::Entity>> ReadSharedLists(const std::string& shared_data) {
  std::vector<lists::Entity> all;
  for (const std::string& path : SharedListFiles(shared_data)) {
    Result<lists::ListFile> f = lists::ReadListFile(path);
    if (!f.ok()) return MakeError(f.error().code, path + ": " + f.error().message);
    for (lists::Entity& e : f->entities) all.push_back(std::move(e));
  }
  return all;
}

}  // namespace wk::screen_eval
