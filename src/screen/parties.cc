// Parties seen from screening: the matcher's normalisation lent to the party
// builder (lists/ cannot include screen/), and per-entry matches folded into
// one result per party.
#include <algorithm>
#include <unordered_map>

#include "core/core.h"
#include "screen/screen.h"

namespace wk::screen {
namespace {

bool NameWord(const Token& t) { return t.cls == TokenClass::kWord || t.cls == TokenClass::kNumber; }

std::vector<const Token*> Words(const NormalisedName& n) {
  std::vector<const Token*> out;
  for (const Token& t : n.tokens)
    if (NameWord(t)) out.push_back(&t);
  return out;
}

// No typing errors here: "Daesong" and "Daedong" are two banks.
bool TokensMeet(const Token& a, const Token& b) {
  if (a.text == b.text) return true;
  if (a.cls == TokenClass::kNumber || b.cls == TokenClass::kNumber) return false;
  return !a.key.empty() && a.key == b.key;
}

// Words many company names share: meeting on these alone is no agreement
// ("KORYO CREDIT DEVELOPMENT BANK" is not "DAEDONG CREDIT BANK").
bool GenericWord(std::string_view w) {
  static constexpr std::string_view kGeneric[] = {
      "bank", "credit", "trading", "trade", "corporation", "company", "shipping", "general", "international",
      "group", "development", "industrial", "industry", "industries", "import", "export", "foreign",
      "national", "korea", "korean", "investment", "finance", "financial", "insurance", "maritime",
      "management", "commercial", "enterprise", "association", "society", "front", "organization",
      "organisation", "islamic", "al", "el", "co", "ltd", "limited", "services", "service", "technology",
      "network", "foundation", "movement", "brigade", "battalion", "army", "central", "committee",
      "department", "bureau", "office", "ministry", "union", "federation", "council", "iran", "iraq",
      "syria", "democratic", "people", "peoples", "republic", "the", "of", "and"};
  for (std::string_view g : kGeneric)
    if (w == g) return true;
  return false;
}

// How many words of the shorter name meet a word of the other, a word
// written as one on one side and two on the other counting as two.
size_t WordsMet(const std::vector<const Token*>& a, const std::vector<const Token*>& b, bool& distinctive) {
  std::vector<bool> used(b.size());
  size_t met = 0;
  std::vector<const Token*> left;
  for (const Token* t : a) {
    bool found = false;
    for (size_t k = 0; k < b.size() && !found; ++k)
      if (!used[k] && TokensMeet(*t, *b[k])) used[k] = found = true;
    if (found) {
      ++met;
      distinctive |= !GenericWord(t->text);
    } else {
      left.push_back(t);
    }
  }
  // "Chunsik" against "chun sik": two adjacent unmet words joined.
  for (const Token* t : left)
    for (size_t k = 0; k + 1 < b.size(); ++k)
      if (!used[k] && !used[k + 1] && t->text == b[k]->text + b[k + 1]->text) {
        used[k] = used[k + 1] = true;
        met += 2;
        distinctive = true;
        break;
      }
  return met;
}

bool NameAgrees(const NormalisedName& x, const NormalisedName& y) {
  std::vector<const Token*> a = Words(x), b = Words(y);
  if (a.empty() || b.empty()) return false;
  if (a.size() > b.size()) std::swap(a, b);
  bool distinctive = false;
  const size_t met = std::min(WordsMet(a, b, distinctive), a.size() + 1);
  const size_t shorter = a.size();
  if (!distinctive) return false;
  if (shorter == 1) return met >= 1 && b.size() <= 2;
  // Most of the shorter name's words, and never one shared word alone.
  return met >= 2 && met * 3 >= shorter * 2;
}

// Every name, weak aliases too: a citation is the evidence and the names
// only have to not contradict it (the UK cites QDi.058 under "Abu Bakr
// AL-JAZIRI", a name the UN gives him as a low-quality alias).
std::vector<NormalisedName> UsableNames(const lists::Entity& e) {
  std::vector<NormalisedName> out;
  for (const lists::Name& n : e.names) {
    NormalisedName nn = NormaliseListName(n.full);
    if (!nn.tokens.empty()) out.push_back(std::move(nn));
    if (out.size() == 32) break;  // bounds the pairs compared
  }
  return out;
}

}  // namespace

std::string PartyNameKey(std::string_view name) {
  std::vector<std::string> words;
  for (const Token& t : NormaliseListName(name).tokens)
    if (NameWord(t)) words.push_back(t.text);
  std::sort(words.begin(), words.end());
  std::string out;
  for (const std::string& w : words) {
    if (!out.empty()) out += ' ';
    out += w;
  }
  return out;
}

bool PartyNamesAgree(const lists::Entity& a, const lists::Entity& b) {
  const std::vector<NormalisedName> na = UsableNames(a), nb = UsableNames(b);
  for (const NormalisedName& x : na)
    for (const NormalisedName& y : nb)
      if (NameAgrees(x, y)) return true;
  return false;
}

lists::NameRules PartyNameRules() { return {PartyNameKey, PartyNamesAgree}; }

std::vector<PartyMatch> GroupByParty(const lists::Parties& parties, const std::vector<Match>& matches,
                                     size_t limit) {
  std::vector<PartyMatch> out;
  for (const Match& m : matches) {
    if (m.entity >= parties.party_of.size()) continue;  // parties built from other entities
    const uint32_t p = parties.party_of[m.entity];
    auto it = std::find_if(out.begin(), out.end(), [p](const PartyMatch& pm) { return pm.party == p; });
    if (it != out.end()) {
      it->matched.push_back(m.entity);
    } else if (out.size() < limit) {
      out.push_back({p, m, {m.entity}});
    }
  }
  return out;
}

// A party has at most a few entries (one per source, the UN's rare double
// listings aside), so this many entries leave `limit` parties after folding.
constexpr size_t kEntriesPerParty = 4;

Result<std::vector<PartyMatch>> ScreenParties(const Index& index, const lists::Parties& parties,
                                              const Query& query, Scratch& scratch) {
  Query q = query;
  q.limit = query.limit * kEntriesPerParty;
  Result<std::vector<Match>> m = index.Screen(q, scratch);
  if (!m.ok()) return m.error();
  return GroupByParty(parties, *m, query.limit);
}

std::string FormatPartyMatchesJson(const Index& index, const lists::Parties& parties, const Query& query,
                                   const std::vector<PartyMatch>& matches) {
  std::string out;
  out.reserve(128 + matches.size() * 768);
  out += "{\"query\":";
  AppendQueryJson(out, query);
  out += ",\"matches\":[";
  for (size_t k = 0; k < matches.size(); ++k) {
    const PartyMatch& pm = matches[k];
    const lists::Party& party = parties.parties[pm.party];
    if (k) out += ',';
    out += "{\"party\":";
    AppendJsonString(out, party.id);
    out += ',';
    const lists::Entity& best = index.entities()[pm.best.entity];
    AppendMatchJsonFields(out, best, pm.best, index.VersionOf(best.source));
    out += ",\"listings\":[";
    const std::vector<uint32_t>& rows = parties.entry_rows[pm.party];
    for (size_t i = 0; i < rows.size(); ++i) {
      const lists::Entity* e = &index.entities()[rows[i]];
      const std::string& id = e->id;
      const bool matched = std::find(pm.matched.begin(), pm.matched.end(), rows[i]) != pm.matched.end();
      if (i) out += ',';
      JsonWriter w(out);
      w.BeginObject().Field("id", id);
      w.Field("source", e->source).Field("name", e->names.empty() ? "" : e->names[0].full);
      w.Key("list_version");
      if (const lists::ListVersion* v = index.VersionOf(e->source); v && v->id > 0) w.Int(v->id);
      else w.Null();
      w.Key("programmes").BeginArray();
      for (const std::string& p : e->programmes) w.String(p);
      w.EndArray().Field("listed_on", e->listed_on);
      w.Field("matched", matched).EndObject();
    }
    out += "]}";
  }
  out += "]}";
  return out;
}

Result<std::string> ScreenJson(const Index& index, const lists::Parties* parties, const Query& query,
                               Scratch& scratch) {
  if (!parties) {
    Result<std::vector<Match>> m = index.Screen(query, scratch);
    if (!m.ok()) return m.error();
    return FormatMatchesJson(index, query, *m);
  }
  Result<std::vector<PartyMatch>> m = ScreenParties(index, *parties, query, scratch);
  if (!m.ok()) return m.error();
  return FormatPartyMatchesJson(index, *parties, query, *m);
}

std::string FormatPartyMatchesText(const Index& index, const lists::Parties& parties, const Query& query,
                                   const std::vector<PartyMatch>& matches) {
  std::string out = "screen \"" + query.name + "\"";
  if (matches.empty()) return out + ": no match\n";
  out += ":\n";
  for (const PartyMatch& pm : matches) {
    const lists::Party& party = parties.parties[pm.party];
    const lists::Entity& e = index.entities()[pm.best.entity];
    out += "  ";
    AppendDecimal(out, pm.best.score, 3);
    out += "  " + party.name + " (" + std::string(lists::SchemaName(party.schema)) + "), listed as";
    for (size_t i = 0; i < party.entries.size(); ++i) out += (i ? ", " : " ") + party.entries[i];
    out += "\n      matched " + e.id + " '" +
           (pm.best.name < e.names.size() ? e.names[pm.best.name].full : std::string()) + "', " +
           ListingText(e, index.VersionOf(e.source)) + ": " + ExplainText(e, pm.best) + "\n";
  }
  return out;
}

}  // namespace wk::screen
