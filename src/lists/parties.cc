// Parties: list entries joined into one subject by the evidence the lists
// give (citations, ship and document numbers, name with date of birth and
// nationality) and by analysts' judgments; and their JSON.
#include <algorithm>
#include <cctype>
#include <map>
#include <numeric>
#include <set>
#include <unordered_map>

#include "lists/parsing.h"

namespace wk::lists {

std::string_view LinkKindName(LinkKind k) {
  switch (k) {
    case LinkKind::kCitation: return "citation";
    case LinkKind::kImo: return "imo";
    case LinkKind::kPassport: return "passport";
    case LinkKind::kNationalId: return "national_id";
    case LinkKind::kSwiftBic: return "swift_bic";
    case LinkKind::kNameDob: return "name_dob";
    case LinkKind::kReferent: return "referent";
    case LinkKind::kJudgment: return "judgment";
    case LinkKind::kUnDoubleListing: return "un_double_listing";
    case LinkKind::kNameCountry: return "name_country";
  }
  return "citation";
}

namespace {

int SourceRank(std::string_view source) {
  if (source == "un") return 0;
  if (source == "ofac") return 1;
  if (source == "uk") return 2;
  if (source == "eu") return 3;
  return 4;
}

// Union-find over entity rows that remembers which sources each set holds,
// so a rule can refuse a join that would put two entries of one source together.
class Groups {
 public:
  Groups(const std::vector<Entity>& entities) : parent_(entities.size()), sources_(entities.size()) {
    std::iota(parent_.begin(), parent_.end(), 0u);
    for (size_t i = 0; i < entities.size(); ++i) sources_[i].insert(entities[i].source);
  }
  uint32_t Find(uint32_t x) {
    while (parent_[x] != x) x = parent_[x] = parent_[parent_[x]];
    return x;
  }
  bool SharesSource(uint32_t a, uint32_t b) {
    a = Find(a);
    b = Find(b);
    if (a == b) return false;
    for (const std::string& s : sources_[a])
      if (sources_[b].count(s)) return true;
    return false;
  }
  void Join(uint32_t a, uint32_t b) {
    a = Find(a);
    b = Find(b);
    if (a == b) return;
    if (sources_[a].size() < sources_[b].size()) std::swap(a, b);
    parent_[b] = a;
    sources_[a].insert(sources_[b].begin(), sources_[b].end());
    sources_[b].clear();
  }

 private:
  std::vector<uint32_t> parent_;
  std::vector<std::set<std::string>> sources_;
};

// The countries an entry is tied to: nationalities, address countries, and
// the country of a country sanctions programme ("DPRK3", "North Korea
// (Democratic People's Republic of Korea)", "IRAN", "SYRIA").
std::set<std::string> CountryHints(const Entity& e) {
  std::set<std::string> out;
  for (const std::string& c : e.nationalities)
    if (c.size() == 2) out.insert(c);
  for (const std::string& c : e.countries)
    if (c.size() == 2) out.insert(c);
  static const std::pair<std::string_view, std::string_view> kProgrammes[] = {
      {"DPRK", "KP"}, {"KOREA", "KP"}, {"IRAN", "IR"}, {"IRGC", "IR"}, {"IFSR", "IR"}, {"SYRIA", "SY"},
      {"IRAQ", "IQ"}, {"LIBYA", "LY"}, {"CUBA", "CU"}, {"VENEZUELA", "VE"}, {"BELARUS", "BY"},
      {"SOMALIA", "SO"}, {"SUDAN", "SD"}, {"YEMEN", "YE"}, {"ZIMBABWE", "ZW"}, {"BURMA", "MM"},
      {"MYANMAR", "MM"}, {"CONGO", "CD"}, {"DRC", "CD"}, {"SOUTH SUDAN", "SS"}, {"SOUTHSUDAN", "SS"},
      {"CENTRAL AFRICAN", "CF"}, {"LEBANON", "LB"}, {"GUINEA-BISSAU", "GW"}, {"BURUNDI", "BI"},
      {"NICARAGUA", "NI"}};
  // OFAC lists many DPRK firms under NPWMD alone; its remarks name the
  // country's regulations ("Secondary sanctions risk: North Korea Sanctions Regulations").
  static const std::pair<std::string_view, std::string_view> kRegulations[] = {
      {"North Korea Sanctions Regulations", "KP"}, {"Iranian Transactions and Sanctions Regulations", "IR"},
      {"Iranian Financial Sanctions Regulations", "IR"}, {"Syrian Sanctions Regulations", "SY"}};
  for (const auto& [words, code] : kRegulations)
    if (e.remarks.find(words) != std::string::npos) out.insert(std::string(code));
  // Regimes that are not one country's, named as hints are: an entry's
  // programmes say which of them it is listed under on each list (OFAC's
  // UKRAINE-EO13661 and the UK's "Ukraine (Sovereignty)"; SDGT and the UN's Al-Qaida).
  static const std::pair<std::string_view, std::string_view> kRegimes[] = {
      {"UKRAINE", "Russia/Ukraine programmes"}, {"RUSSIA", "Russia/Ukraine programmes"},
      {"SDGT", "counter-terrorism programmes"}, {"QAIDA", "counter-terrorism programmes"},
      {"ISIL", "counter-terrorism programmes"}, {"TALIBAN", "counter-terrorism programmes"},
      {"TERROR", "counter-terrorism programmes"}};
  for (const std::string& p : e.programmes) {
    std::string up;
    for (char c : p) up += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    for (const auto& [word, code] : kProgrammes)
      if (up.find(word) != std::string::npos && !(word == "SUDAN" && up.find("SOUTH") != std::string::npos))
        out.insert(std::string(code));
    // Whole words only: "CAR" is in other words, "MALI" in SOMALIA.
    if (up == "CAR") out.insert("CF");
    // Short codes, whole: the EU's TERR and TAQA (Taliban and Al-Qaida), OFAC's FTO and SDT.
    if (up == "TERR" || up == "TAQA" || up == "FTO" || up == "SDT") out.insert("counter-terrorism programmes");
    if (up.starts_with("MALI")) out.insert("ML");
    for (const auto& [word, regime] : kRegimes)
      if (up.find(word) != std::string::npos) out.insert(std::string(regime));
  }
  return out;
}

// "nationality KP", or "both listed under counter-terrorism programmes".
std::string HintText(std::string_view what, std::string_view hint) {
  return hint.size() == 2 ? std::string(what) + " " + std::string(hint) : "both listed under " + std::string(hint);
}

// A person never cites an organisation or a ship as itself (the UK's
// individuals cite their group's reference); lists disagree on company
// against ship, so only that one contradiction counts.
bool CitationSchemasAgree(Schema a, Schema b) {
  return (a == Schema::kPerson) == (b == Schema::kPerson) || a == Schema::kUnknown || b == Schema::kUnknown;
}

struct Builder {
  const std::vector<Entity>& entities;
  const NameRules& rules;
  Parties& out;
  Groups groups;
  std::unordered_map<std::string, uint32_t> row;
  std::set<std::pair<uint32_t, uint32_t>> apart;  // analysts' "not the same"
  std::vector<PartyLink> links;                     // accepted, with rows below
  std::vector<std::pair<uint32_t, uint32_t>> link_rows;

  Builder(const std::vector<Entity>& e, const NameRules& r, Parties& o)
      : entities(e), rules(r), out(o), groups(e) {
    for (uint32_t i = 0; i < e.size(); ++i) row.emplace(e[i].id, i);
  }

  bool KeptApart(uint32_t a, uint32_t b) {
    // A join is refused when any pair the analyst kept apart would end up together.
    const uint32_t ra = groups.Find(a), rb = groups.Find(b);
    for (const auto& [x, y] : apart) {
      const uint32_t rx = groups.Find(x), ry = groups.Find(y);
      if ((rx == ra && ry == rb) || (rx == rb && ry == ra)) return true;
    }
    return false;
  }

  // Only `strong` links (an analyst's judgment, the UN's own double listing)
  // may join two entries of one source.
  void Link(uint32_t a, uint32_t b, LinkKind kind, std::string reason, double strength, bool strong) {
    if (a == b) return;
    if (KeptApart(a, b)) {
      ++out.refused;
      return;
    }
    if (!strong && (entities[a].source == entities[b].source || groups.SharesSource(a, b))) {
      ++out.refused;
      return;
    }
    groups.Join(a, b);
    links.push_back({entities[a].id, entities[b].id, kind, std::move(reason), strength});
    link_rows.emplace_back(a, b);
  }

  void Judgments(std::vector<Judgment>& judgments) {
    for (Judgment& j : judgments) {
      auto ia = row.find(j.a), ib = row.find(j.b);
      j.stale = ia == row.end() || ib == row.end();
      if (j.stale || j.same) continue;
      apart.emplace(ia->second, ib->second);
    }
    for (Judgment& j : judgments) {
      if (j.stale || !j.same) continue;
      // An FtM file's merge links as an analyst's does: it may join two entries of one source.
      Link(row[j.a], row[j.b], j.kind, j.kind == LinkKind::kJudgment ? "analyst: " + j.reason : j.reason, 1, true);
    }
  }

  void Citations() {
    // The UN's Iran entries keep their pre-2016 reference in their comments
    // ("[Old Reference # E.29.II.8]"), which the UK's 2018 list still cites.
    std::unordered_map<std::string, uint32_t> old_refs;
    for (uint32_t i = 0; i < entities.size(); ++i) {
      if (entities[i].source != "un") continue;
      const std::string& remarks = entities[i].remarks;
      for (size_t at = remarks.find("Old Reference #"); at != std::string::npos;
           at = remarks.find("Old Reference #", at + 15)) {
        size_t ref = at + 15;  // the UN's file sometimes breaks the line after '#'
        while (ref < remarks.size() && std::isspace(static_cast<unsigned char>(remarks[ref]))) ++ref;
        if (std::string old = internal::OldUnReference(std::string_view(remarks).substr(ref)); !old.empty())
          old_refs.emplace("un:" + old, i);
      }
    }
    for (uint32_t i = 0; i < entities.size(); ++i) {
      const Entity& e = entities[i];
      for (const std::string& ref : e.same_as) {
        auto it = row.find(ref);
        auto old = old_refs.find(ref);
        if (it == row.end() && old == old_refs.end()) {
          ++out.unresolved_citations;
          continue;
        }
        const uint32_t cited_row = it != row.end() ? it->second : old->second;
        const Entity& cited = entities[cited_row];
        if (cited.source == e.source) continue;
        ++out.citations;
        const bool agree =
            CitationSchemasAgree(e.schema, cited.schema) && (!rules.agree || rules.agree(e, cited));
        if (!agree) {
          out.suspects.push_back({e.id, cited.id, e.names.empty() ? "" : e.names[0].full,
                                  cited.names.empty() ? "" : cited.names[0].full});
          continue;
        }
        const std::string_view ref_text = std::string_view(ref).substr(ref.find(':') + 1);
        Link(i, cited_row, LinkKind::kCitation,
             e.id + " cites " + std::string(cited.source == "un" ? "UN Ref " : cited.source + " ") +
                 std::string(ref_text) + (it == row.end() ? ", the old reference of " + cited.id : std::string()),
             1, false);
      }
    }
  }

  // Entries sharing a key are linked to the first of them.
  void LinkByKey(const std::map<std::string, std::vector<uint32_t>>& by_key, LinkKind kind,
                 double strength, const std::function<std::string(const std::string&)>& reason) {
    for (const auto& [key, rows] : by_key) {
      for (size_t k = 1; k < rows.size(); ++k) {
        if (groups.Find(rows[k]) == groups.Find(rows[0])) continue;
        Link(rows[0], rows[k], kind, reason(key), strength, false);
      }
    }
  }

  void Identifiers() {
    std::map<std::string, std::vector<uint32_t>> imo, passport, national, bic;
    for (uint32_t i = 0; i < entities.size(); ++i) {
      const Entity& e = entities[i];
      std::set<std::string> seen;  // one entry counts once per key
      auto add = [&](std::map<std::string, std::vector<uint32_t>>& m, std::string key) {
        if (seen.insert(key).second) m[key].push_back(i);
      };
      for (const Identifier& id : e.identifiers) {
        if (id.value.empty() || !id.check_digit_valid) continue;
        switch (id.type) {
          case IdType::kImo:
            if (e.schema == Schema::kVessel || e.schema == Schema::kUnknown) add(imo, "IMO " + id.value);
            break;
          case IdType::kImoCompany:
            if (e.schema != Schema::kPerson && e.schema != Schema::kVessel)
              add(imo, "IMO company " + id.value);
            break;
          case IdType::kPassport:
          case IdType::kNationalId: {
            // A document without its issuer is taken as issued by the
            // holder's one nationality ("Passport PS472330208; nationality Korea, North").
            std::string country = id.country;
            if (country.empty() && e.nationalities.size() == 1 && e.nationalities[0].size() == 2)
              country = e.nationalities[0];
            if (country.size() == 2 && id.value.size() >= 5)
              add(id.type == IdType::kPassport ? passport : national, country + " " + id.value);
            break;
          }
          case IdType::kSwiftBic:
            add(bic, id.value.size() == 11 && id.value.ends_with("XXX") ? id.value.substr(0, 8) : id.value);
            break;
          default: break;
        }
      }
    }
    LinkByKey(imo, LinkKind::kImo, 1, [](const std::string& k) { return "same " + k; });
    LinkByKey(bic, LinkKind::kSwiftBic, 1, [](const std::string& k) { return "same SWIFT/BIC " + k; });
    LinkByKey(passport, LinkKind::kPassport, 0.9,
              [](const std::string& k) { return "same passport " + k.substr(3) + " (" + k.substr(0, 2) + ")"; });
    LinkByKey(national, LinkKind::kNationalId, 0.9, [](const std::string& k) {
      return "same national id " + k.substr(3) + " (" + k.substr(0, 2) + ")";
    });
  }

  // Companies have no birth date: the same name under the same country
  // (its address, or the country programme it is listed under) on two lists.
  void OrganisationNames() {
    if (!rules.key) return;
    std::map<std::string, std::vector<uint32_t>> by_key;
    for (uint32_t i = 0; i < entities.size(); ++i) {
      const Entity& e = entities[i];
      if (e.schema != Schema::kOrganization) continue;
      const std::set<std::string> countries = CountryHints(e);
      if (countries.empty()) continue;
      std::set<std::string> keys;
      for (const Name& n : e.names) {
        if (n.kind == NameKind::kWeakAlias) continue;
        std::string k = rules.key(n.full);
        if (k.find(' ') == std::string::npos) continue;  // one word is too little
        for (const std::string& c : countries) keys.insert(k + "|" + c);
      }
      for (const std::string& k : keys) by_key[k].push_back(i);
    }
    LinkByKey(by_key, LinkKind::kNameCountry, 0.6, [](const std::string& k) {
      const size_t a = k.find('|');
      return "same name '" + k.substr(0, a) + "', " + HintText("country", k.substr(a + 1));
    });
  }

  // The same name and nationality, born the same day; or the same year when
  // a list knows only the year: the UN's "1954" is OFAC's "DOB 01 Jan 1954 to
  // 31 Dec 1955" (read as 1954-01-01 and 1955-12-31). A 1 January or 31
  // December date counts as a year for this, as lists write unknown days so;
  // a year links only while the entries in it that give a day agree on it.
  void NamesWithBirth() {
    if (!rules.key) return;
    std::map<std::string, std::vector<uint32_t>> by_day;
    std::map<std::string, std::vector<std::pair<uint32_t, std::string>>> by_year;  // (row, day or "")
    for (uint32_t i = 0; i < entities.size(); ++i) {
      const Entity& e = entities[i];
      if (e.schema != Schema::kPerson || e.birth_dates.empty()) continue;
      // OFAC often gives no nationality but lists under DPRK2: its country stands in.
      const std::set<std::string> countries = CountryHints(e);
      std::set<std::string> day_keys;
      std::map<std::string, std::string> year_keys;
      for (const Name& n : e.names) {
        if (n.kind == NameKind::kWeakAlias) continue;
        std::string k = rules.key(n.full);
        if (k.empty()) continue;
        for (const std::string& dob : e.birth_dates) {
          if (dob.size() < 4) continue;
          const bool whole_day = dob.size() == 10 && !dob.ends_with("-01-01") && !dob.ends_with("-12-31");
          for (const std::string& nat : countries) {
            if (dob.size() == 10) day_keys.insert(k + "|" + dob + "|" + nat);
            year_keys.emplace(k + "|" + dob.substr(0, 4) + "|" + nat, whole_day ? dob : std::string());
          }
        }
      }
      for (const std::string& k : day_keys) by_day[k].push_back(i);
      for (const auto& [k, day] : year_keys) by_year[k].push_back({i, day});
    }
    auto reason = [](const std::string& k) {
      const size_t a = k.find('|'), b = k.rfind('|');
      return "same name '" + k.substr(0, a) + "', born " + k.substr(a + 1, b - a - 1) + ", " +
             HintText("nationality", k.substr(b + 1));
    };
    LinkByKey(by_day, LinkKind::kNameDob, 0.7, reason);
    std::map<std::string, std::vector<uint32_t>> agreeing_years;
    for (const auto& [k, rows] : by_year) {
      std::set<std::string> days;
      bool some_year_only = false;
      for (const auto& r : rows) {
        if (r.second.empty()) some_year_only = true;
        else days.insert(r.second);
      }
      if (!some_year_only || days.size() > 1) continue;  // whole days: linked above or they disagree
      for (const auto& r : rows) agreeing_years[k].push_back(r.first);
    }
    LinkByKey(agreeing_years, LinkKind::kNameDob, 0.6, reason);
  }

  // A person one list gives no date of birth for: the same name and
  // nationality link only where the name is rare enough to be evidence. The
  // name (three words or more) is on no other person of either entry's list,
  // no other entry of either list shares the name and nationality, and
  // every entry there with a date of birth is already one party (so an
  // undated entry never chooses between two dated people of one name).
  void PersonNamesWithoutBirth() {
    if (!rules.key) return;
    std::map<std::string, size_t> persons_named;  // "source|key" -> persons of that source with the name
    std::map<std::string, std::vector<uint32_t>> by_key;      // "key|country" -> entries
    for (uint32_t i = 0; i < entities.size(); ++i) {
      const Entity& e = entities[i];
      if (e.schema != Schema::kPerson) continue;
      std::set<std::string> keys;
      for (const Name& n : e.names) {
        if (n.kind == NameKind::kWeakAlias) continue;
        std::string k = rules.key(n.full);
        if (std::count(k.begin(), k.end(), ' ') >= 2) keys.insert(std::move(k));
      }
      const std::set<std::string> countries = CountryHints(e);
      for (const std::string& k : keys) {
        ++persons_named[e.source + "|" + k];
        for (const std::string& c : countries)
          if (c.size() == 2) by_key[k + "|" + c].push_back(i);  // a country, not a regime's hint
      }
    }
    for (auto& [key, rows] : by_key) {
      const std::string name = key.substr(0, key.find('|'));
      std::set<std::string> sources;
      bool rare = true, undated = false;
      std::set<uint32_t> dated_parties;
      for (uint32_t r : rows) {
        const Entity& e = entities[r];
        rare &= sources.insert(e.source).second && persons_named[e.source + "|" + name] == 1;
        if (e.birth_dates.empty()) undated = true;
        else dated_parties.insert(groups.Find(r));
      }
      if (rows.size() < 2 || !rare || !undated || dated_parties.size() > 1) continue;
      // Dated first, so the reason names the undated entries' side.
      std::stable_sort(rows.begin(), rows.end(),
                       [&](uint32_t a, uint32_t b) { return !entities[a].birth_dates.empty() > !entities[b].birth_dates.empty(); });
      for (size_t k = 1; k < rows.size(); ++k) {
        if (groups.Find(rows[k]) == groups.Find(rows[0])) continue;
        Link(rows[0], rows[k], LinkKind::kNameCountry,
             "same name '" + name + "', on no other person of either list, " +
                 HintText("nationality", key.substr(key.find('|') + 1)) + "; no date of birth on " +
                 entities[rows[k]].id,
             0.5, false);
      }
    }
  }

  // The UN lists a few people under two committees (Hassan Dahir Aweys is
  // QDi.042 under Al-Qaida and SOi.002 under Somalia): two UN entries with
  // the same name, date of birth and nationality under different reference
  // prefixes are the UN's own double listing, joined and said so.
  void UnDoubleListings() {
    if (!rules.key) return;
    std::map<std::string, std::vector<uint32_t>> by_key;
    for (uint32_t i = 0; i < entities.size(); ++i) {
      const Entity& e = entities[i];
      if (e.source != "un" || e.schema != Schema::kPerson || e.names.empty() || e.birth_dates.empty() ||
          e.nationalities.empty())
        continue;
      std::string k = rules.key(e.names[0].full);
      if (k.empty()) continue;
      for (const std::string& d : e.birth_dates) k += "|" + d;
      for (const std::string& n : e.nationalities) k += "|" + n;
      by_key[k].push_back(i);
    }
    auto prefix = [](const std::string& id) { return id.substr(0, id.find('.')); };
    for (const auto& [key, rows] : by_key)
      for (size_t k = 1; k < rows.size(); ++k)
        if (prefix(entities[rows[k]].id) != prefix(entities[rows[0]].id))
          Link(rows[0], rows[k], LinkKind::kUnDoubleListing,
               "the UN lists " + entities[rows[0]].names[0].full + " twice, under " +
                   prefix(entities[rows[0]].id).substr(3) + " and " + prefix(entities[rows[k]].id).substr(3),
               1, true);
  }

  void Assemble() {
    std::unordered_map<uint32_t, uint32_t> party_of_root;
    std::vector<std::vector<uint32_t>> members;
    for (uint32_t i = 0; i < entities.size(); ++i) {
      auto [it, added] = party_of_root.emplace(groups.Find(i), members.size());
      if (added) members.emplace_back();
      members[it->second].push_back(i);
    }
    auto before = [&](uint32_t a, uint32_t b) {
      const int ra = SourceRank(entities[a].source), rb = SourceRank(entities[b].source);
      return ra != rb ? ra < rb : entities[a].id < entities[b].id;
    };
    out.party_of.assign(entities.size(), 0);
    out.parties.resize(members.size());
    out.entry_rows.resize(members.size());
    for (size_t p = 0; p < members.size(); ++p) {
      std::sort(members[p].begin(), members[p].end(), before);
      Party& party = out.parties[p];
      const Entity& first = entities[members[p][0]];
      party.id = "party:" + first.id;
      party.name = first.names.empty() ? "" : first.names[0].full;
      party.schema = first.schema;
      std::vector<std::string> un;
      for (uint32_t r : members[p]) {
        party.entries.push_back(entities[r].id);
        out.party_of[r] = static_cast<uint32_t>(p);
        if (party.schema == Schema::kUnknown) party.schema = entities[r].schema;
        if (entities[r].source == "un") un.push_back(entities[r].id);
      }
      out.entry_rows[p] = members[p];
      if (un.size() > 1) {
        std::string note = "the UN lists this subject " + std::to_string(un.size()) + " times:";
        for (size_t k = 0; k < un.size(); ++k) note += (k ? " and " : " ") + un[k];
        party.notes.push_back(std::move(note));
      }
    }
    for (size_t k = 0; k < links.size(); ++k)
      out.parties[out.party_of[link_rows[k].first]].links.push_back(std::move(links[k]));
  }
};

}  // namespace

Parties BuildParties(const std::vector<Entity>& entities, const NameRules& rules,
                     std::vector<Judgment> judgments) {
  Parties out;
  Builder b(entities, rules, out);
  // Strongest evidence first, so a weak rule never pre-empts a strong one.
  b.Judgments(judgments);
  b.UnDoubleListings();
  b.Citations();
  b.Identifiers();
  b.NamesWithBirth();
  b.PersonNamesWithoutBirth();
  b.OrganisationNames();
  b.Assemble();
  out.judgments = std::move(judgments);
  return out;
}

size_t CountLinks(const Parties& p, LinkKind kind) {
  size_t n = 0;
  for (const Party& party : p.parties)
    for (const PartyLink& l : party.links) n += l.kind == kind;
  return n;
}

void AppendPartyJson(std::string& out, const Party& p,
                     const std::unordered_map<std::string, const Entity*>& by_id,
                     const std::vector<std::pair<std::string, int64_t>>& versions) {
  JsonWriter w(out);
  w.BeginObject().Field("party", p.id).Field("name", p.name).Field("schema", SchemaName(p.schema));
  w.Field("entries", p.entries.size());
  w.Key("listings").BeginArray();
  for (const std::string& id : p.entries) {
    w.BeginObject().Field("id", id);
    auto it = by_id.find(id);
    if (it != by_id.end()) {
      const Entity& e = *it->second;
      w.Field("source", e.source).Field("name", e.names.empty() ? "" : e.names[0].full);
      w.Field("schema", SchemaName(e.schema));
      w.Key("programmes").BeginArray();
      for (const std::string& s : e.programmes) w.String(s);
      w.EndArray();
      w.Field("listed_on", e.listed_on);
      for (const auto& [source, version] : versions)
        if (source == e.source) w.Field("version", version);
    }
    w.EndObject();
  }
  w.EndArray();
  w.Key("links").BeginArray();
  for (const PartyLink& l : p.links) {
    w.BeginObject().Field("a", l.a).Field("b", l.b).Field("kind", LinkKindName(l.kind));
    w.Field("reason", l.reason).Key("strength").Decimal(l.strength, 2).EndObject();
  }
  w.EndArray();
  w.Key("notes").BeginArray();
  for (const std::string& n : p.notes) w.String(n);
  w.EndArray();
  w.EndObject();
}

std::vector<PartyChange> DiffParties(const Parties& before, const Parties& after) {
  std::unordered_map<std::string, uint32_t> before_of;  // entry id -> party before
  for (uint32_t p = 0; p < before.parties.size(); ++p)
    for (const std::string& id : before.parties[p].entries) before_of.emplace(id, p);
  std::vector<bool> before_seen(before.parties.size());
  std::vector<PartyChange> out;
  for (const Party& a : after.parties) {
    std::set<uint32_t> olds;
    for (const std::string& id : a.entries) {
      auto it = before_of.find(id);
      if (it != before_of.end()) olds.insert(it->second);
    }
    if (olds.empty()) {
      out.push_back({"gained", a.id, a.name, {}, {}});
      continue;
    }
    // Compared with the older party of its first entry (a merge of two older
    // parties adds the other's entries).
    for (uint32_t o : olds) before_seen[o] = true;
    auto first = before_of.find(a.entries[0]);
    const uint32_t main_old = first != before_of.end() ? first->second : *olds.begin();
    const std::set<std::string> old_entries(before.parties[main_old].entries.begin(),
                                            before.parties[main_old].entries.end());
    const std::set<std::string> new_entries(a.entries.begin(), a.entries.end());
    if (old_entries == new_entries) continue;
    PartyChange c{"changed", a.id, a.name, {}, {}};
    for (const std::string& id : new_entries)
      if (!old_entries.count(id)) c.entries_added.push_back(id);
    for (const std::string& id : old_entries)
      if (!new_entries.count(id)) c.entries_removed.push_back(id);
    out.push_back(std::move(c));
  }
  for (uint32_t p = 0; p < before.parties.size(); ++p)
    if (!before_seen[p]) out.push_back({"lost", before.parties[p].id, before.parties[p].name, {}, {}});
  return out;
}

void AppendPartyChangeJson(std::string& out, const PartyChange& c) {
  JsonWriter w(out);
  w.BeginObject().Field("party_change", c.kind).Field("party", c.party).Field("name", c.name);
  if (c.kind == "changed") {
    w.Key("entries_added").BeginArray();
    for (const std::string& id : c.entries_added) w.String(id);
    w.EndArray().Key("entries_removed").BeginArray();
    for (const std::string& id : c.entries_removed) w.String(id);
    w.EndArray();
  }
  w.EndObject();
}

void AppendSuspectCitationJson(std::string& out, const SuspectCitation& s) {
  JsonWriter w(out);
  w.BeginObject().Key("suspect_citation").BeginObject();
  w.Field("from", s.from).Field("to", s.to).Field("from_name", s.from_name).Field("to_name", s.to_name);
  w.EndObject().EndObject();
}

}  // namespace wk::lists
