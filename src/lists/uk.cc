// UK lists: the OFSI Consolidated List CSV (ConList, retired January 2026),
// the FCDO UK Sanctions List (CSV and XML) that replaced it, and the
// four-table derivative of the FCDO CSV published by covyr/uk-sanctions-list.
//
// ConList CSV: "Last Updated,DD/MM/YYYY" on line 1, the header on line 2,
// then one row per name, grouped by "Group ID". Name 6 is the surname (or an
// entity's whole name), Name 1..5 the others. "Alias Type" is "Prime Alias"
// ("Primary name" in later files), "AKA" or "FKA"; later files add
// "Alias Quality" (Good / Low) and non-Latin script columns.
// FCDO CSV: "Report Date: DD-Mon-YYYY" on line 1, then the header ("Unique
// ID", "OFSI Group ID", "UN Reference Number", "Name 1".."Name 6", "Name
// type", "Alias strength", "Designation Type", "D.O.B", "Nationality(/ies)",
// "Passport number", "National Identifier number", "IMO number", ...).
// FCDO XML: <Designations><DateGenerated/><Designation> UniqueID,
// OFSIGroupID, UNReferenceNumber, Names/Name{Name1..Name6,NameType,
// AliasStrength}, NonLatinNames, RegimeName, IndividualEntityShip, Addresses,
// IndividualDetails (DOB, Nationality, PassportNumber, ...), ShipDetails
// (IMONumber, ...), EntityDetails (BusinessRegistrationNumber, ...).
#include <cctype>
#include <unordered_map>

#include "lists/xml.h"

namespace wk::lists {

using namespace internal;

namespace {

// "Name type" / "Alias Type" / NameType values to a kind.
NameKind KindOfUkName(std::string_view type, std::string_view strength) {
  const std::string t = Lower(type);
  if (t.find("fka") != std::string::npos || t.find("formerly") != std::string::npos)
    return NameKind::kFormer;
  if (t.find("prim") != std::string::npos || t.find("prime") != std::string::npos) {
    if (t.find("variation") != std::string::npos) return NameKind::kAlias;
    return NameKind::kPrimary;
  }
  if (Lower(strength).find("low") != std::string::npos) return NameKind::kWeakAlias;
  return NameKind::kAlias;
}

Schema SchemaOfUkType(std::string_view type) {
  const std::string t = Lower(type);
  if (t.find("individual") != std::string::npos) return Schema::kPerson;
  if (t.find("ship") != std::string::npos || t.find("vessel") != std::string::npos)
    return Schema::kVessel;
  if (t.find("entity") != std::string::npos) return Schema::kOrganization;
  return Schema::kUnknown;
}

// Name 1..5 then Name 6 (the surname), as UK lists write them.
std::string UkFullName(std::initializer_list<std::string_view> first_five, std::string_view name6) {
  std::string out;
  for (std::string_view p : first_five) {
    p = Trim(p);
    if (p.empty()) continue;
    if (!out.empty()) out += ' ';
    out += p;
  }
  name6 = Trim(name6);
  if (!name6.empty()) {
    if (!out.empty()) out += ' ';
    out += name6;
  }
  return out;
}

// "1) Saudi Arabia 2) Qatar", "(1) German (2) Moroccan", "a) X b) Y" -> parts.
std::vector<std::string> SplitEnumerated(std::string_view text) {
  std::vector<std::string> out;
  auto push = [&out](std::string_view part) {
    part = Trim(part);
    while (!part.empty() && (part.back() == ',' || part.back() == ';' || part.back() == '.'))
      part.remove_suffix(1);
    part = Trim(part);
    if (!part.empty()) out.emplace_back(part);
  };
  // A marker: at the start or after a space, optional '(', 1-2 digits or one
  // letter a..h, then ')'.
  size_t start = 0, i = 0;
  while (i < text.size()) {
    const bool boundary = i == 0 || text[i - 1] == ' ';
    size_t j = i;
    if (boundary) {
      if (j < text.size() && text[j] == '(') ++j;
      size_t k = j;
      while (k < text.size() && k - j < 2 && std::isdigit(static_cast<unsigned char>(text[k]))) ++k;
      if (k == j && k < text.size() && text[k] >= 'a' && text[k] <= 'h') ++k;
      if (k > j && k < text.size() && text[k] == ')') {
        push(text.substr(start, i - start));
        i = k + 1;
        start = i;
        continue;
      }
    }
    ++i;
  }
  push(text.substr(start));
  return out;
}

// Country from a name or a demonym ("Indonesian", "North Korean", "Iraqi").
std::string CountryOrDemonym(std::string_view text) {
  text = Trim(text);
  std::string cc = CountryCode(text);
  if (!cc.empty() || text.size() < 4) return cc;
  struct Irregular {
    const char* demonym;
    const char* code;
  };
  static constexpr Irregular kIrregular[] = {
      {"british", "GB"}, {"french", "FR"}, {"dutch", "NL"}, {"german", "DE"},
      {"turkish", "TR"}, {"filipino", "PH"}, {"afghan", "AF"}, {"saudi", "SA"},
      {"emirati", "AE"}, {"swiss", "CH"}, {"belgian", "BE"}, {"danish", "DK"},
      {"swedish", "SE"}, {"spanish", "ES"}, {"polish", "PL"}, {"irish", "IE"},
      {"finnish", "FI"}, {"congolese", "CD"}, {"lebanese", "LB"}, {"sudanese", "SD"},
      {"chinese", "CN"}, {"japanese", "JP"}, {"vietnamese", "VN"}, {"burmese", "MM"},
      {"malian", "ML"}, {"yemeni", "YE"}, {"iraqi", "IQ"}, {"kuwaiti", "KW"},
      {"qatari", "QA"}, {"pakistani", "PK"}, {"bangladeshi", "BD"}, {"omani", "OM"},
      {"bahraini", "BH"}, {"israeli", "IL"}, {"somali", "SO"}, {"uzbek", "UZ"},
      {"tajik", "TJ"}, {"kazakh", "KZ"}, {"kyrgyz", "KG"}, {"belarusian", "BY"},
      {"ukrainian", "UA"}, {"north korean", "KP"}, {"south korean", "KR"},
      {"palestinian", "PS"}, {"moroccan", "MA"}, {"portuguese", "PT"}, {"senegalese", "SN"},
      {"nigerien", "NE"}, {"nigerian", "NG"}, {"trinidadian", "TT"}, {"thai", "TH"},
  };
  const std::string lower = Lower(text);
  for (const auto& i : kIrregular)
    if (lower == i.demonym) return i.code;
  // Regular demonyms: Indonesian, Syrian, Tunisian, Russian -> drop "n";
  // Iranian, Jordanian, Egyptian -> drop "ian"; Libyan -> drop "n".
  for (std::string_view suffix : {"n", "ian", "an", "i", "ese"}) {
    if (lower.size() > suffix.size() + 2 && lower.ends_with(suffix)) {
      cc = CountryCode(text.substr(0, text.size() - suffix.size()));
      if (!cc.empty()) return cc;
    }
  }
  return "";
}

void AddUkNationalities(Entity& e, std::string_view text) {
  for (const std::string& part : SplitEnumerated(text)) {
    const std::string cc = CountryOrDemonym(part);
    AddUnique(e.nationalities, cc.empty() ? std::string_view(part) : std::string_view(cc));
  }
}

void AddUkDobs(Entity& e, std::string_view text) {
  for (const std::string& part : SplitEnumerated(text)) {
    std::string p = part;
    // FCDO writes unknown parts as "dd" / "mm".
    for (const char* ph : {"dd", "mm", "DD", "MM"}) {
      size_t k;
      while ((k = p.find(ph)) != std::string::npos) p.replace(k, 2, "00");
    }
    AddUnique(e.birth_dates, NormalizeDate(p));
  }
}

// First token of free text that looks like a document number.
std::string DocumentNumber(std::string_view text) {
  std::string best;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == ',' || text[i] == ';' || text[i] == '(' ||
                               text[i] == ')' || text[i] == ':'))
      ++i;
    size_t j = i;
    while (j < text.size() && text[j] != ' ' && text[j] != ',' && text[j] != ';' && text[j] != '(' &&
           text[j] != ')')
      ++j;
    std::string_view tok = text.substr(i, j - i);
    while (!tok.empty() && tok.back() == '.') tok.remove_suffix(1);
    int digits = 0;
    for (char c : tok) digits += std::isdigit(static_cast<unsigned char>(c)) != 0;
    if (digits >= 4 && tok.size() >= 5) return std::string(tok);
    i = j;
  }
  return best;
}

// "UN Ref QDe.004", "UN Reference Number: KPi.001" -> "un:QDe.004": two or
// three capitals, 'i' or 'e', '.', three digits, as a whole word. After
// "Ref" the UK also writes "UN Ref.KPI.066" and "UN Ref.KPI. 076": upper-case
// I or E and a space before the digits are read there too.
void AddUnRefs(Entity& e, std::string_view text) {
  auto upper = [](char c) { return c >= 'A' && c <= 'Z'; };
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  auto after_ref = [&](size_t i) {
    const size_t from = i >= 16 ? i - 16 : 0;
    std::string_view before = text.substr(from, i - from);
    for (size_t k = 0; k + 3 <= before.size(); ++k)
      if (IEquals(before.substr(k, 3), "ref")) return true;
    return false;
  };
  for (size_t i = 0; i + 7 <= text.size(); ++i) {
    if (i > 0 && std::isalnum(static_cast<unsigned char>(text[i - 1]))) continue;
    size_t j = i;
    while (j < text.size() && upper(text[j]) && j - i < 4) ++j;
    // "KPI." : the last capital is the kind letter, when the text says "Ref" before.
    bool loose = false;
    if ((j - i == 3 || j - i == 4) && (text[j - 1] == 'I' || text[j - 1] == 'E') && j < text.size() &&
        text[j] == '.' && after_ref(i)) {
      --j;
      loose = true;
    }
    if (j - i < 2 || j - i > 3 || j + 5 > text.size()) continue;
    const char kind = static_cast<char>(text[j] | 0x20);
    if ((kind != 'i' && kind != 'e') || (!loose && text[j] != kind) || text[j + 1] != '.') continue;
    size_t d = j + 2;
    if (loose && d < text.size() && text[d] == ' ') ++d;
    if (d + 3 > text.size() || !digit(text[d]) || !digit(text[d + 1]) || !digit(text[d + 2])) continue;
    if (d + 3 < text.size() && std::isalnum(static_cast<unsigned char>(text[d + 3]))) continue;
    AddUnique(e.same_as, "un:" + std::string(text.substr(i, j - i)) + kind + "." + std::string(text.substr(d, 3)));
    i = d + 2;
  }
}

// Before 2015 the UN wrote its Al-Qaida and Taliban references as
// "QI.M.136.03" and "TE.H.12.12" (regime, kind, the name's first letter, the
// number, the year); the UK's 2018 list still cites them so. The number
// carried over: QE.E.131.11 is QDe.131 (Emarat Kavkaz), TE.H.12.12 TAe.012
// (the Haqqani Network). Only right after "Ref ", as the entry's own.
void AddPre2015UnRefs(Entity& e, std::string_view text) {
  auto upper = [](char c) { return c >= 'A' && c <= 'Z'; };
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  for (size_t i = 0; i + 9 <= text.size(); ++i) {
    if (i > 0 && std::isalnum(static_cast<unsigned char>(text[i - 1]))) continue;
    const char regime = text[i], kind = text[i + 1];
    if (i < 4 || text.substr(i - 4, 4) != "Ref ") continue;  // the entry's own "UN Ref", not a mention
    if ((regime != 'Q' && regime != 'T') || (kind != 'I' && kind != 'E') || text[i + 2] != '.' ||
        !upper(text[i + 3]) || text[i + 4] != '.')
      continue;
    size_t d = i + 5, n = d;
    while (n < text.size() && digit(text[n]) && n - d < 4) ++n;
    if (n == d || n - d > 3 || n + 3 > text.size() || text[n] != '.' || !digit(text[n + 1]) ||
        !digit(text[n + 2]) || (n + 3 < text.size() && std::isalnum(static_cast<unsigned char>(text[n + 3]))))
      continue;
    std::string number(text.substr(d, n - d));
    number.insert(0, 3 - number.size(), '0');
    AddUnique(e.same_as, std::string("un:") + (regime == 'Q' ? "QD" : "TA") +
                             static_cast<char>(kind | 0x20) + "." + number);
    i = n + 2;
  }
}

// The UN's Iran references before 2016 were "E.29.II.8" (entity, resolution
// 1929's annex II, item 8); the UK's 2018 list still cites some so, and the
// UN entry keeps it in its comments ("[Old Reference # E.29.II.8]"), where
// the parties find it. Only right after "UN Ref ", as the entry's own.
void AddOldIranUnRefs(Entity& e, std::string_view text) {
  for (size_t at = text.find("UN Ref "); at != std::string_view::npos; at = text.find("UN Ref ", at + 7)) {
    const std::string ref = OldUnReference(text.substr(at + 7));
    if (!ref.empty()) AddUnique(e.same_as, "un:" + ref);
  }
}

void AddImoFromText(Entity& e, std::string_view text) {
  for (const std::string& n : NumbersAfter(text, "IMO", 7))
    AddIdentifier(e, MakeIdentifier(e.schema == Schema::kVessel ? IdType::kImo : IdType::kImoCompany, n, "",
                                     "Other Information"));
  for (const std::string& n : NumbersAfter(text, "MMSI", 9))
    AddIdentifier(e, MakeIdentifier(IdType::kMmsi, n, "", "Other Information"));
}

// A ConList "Entity" that is a ship: an IMO ship number together with MMSI,
// "vessel" or "Annex XIV" (the DPRK vessels annex) in Other Information.
bool LooksLikeShip(std::string_view other) {
  const std::string o = Lower(other);
  if (o.find("imo") == std::string::npos) return false;
  return o.find("mmsi") != std::string::npos || o.find("vessel") != std::string::npos ||
         o.find("annex xiv") != std::string::npos || o.find("tanker") != std::string::npos ||
         o.find("ship") == 0;
}

// Reads CSV rows after `skip` leading lines into entities grouped by key.
struct Grouped {
  std::unordered_map<std::string, size_t> index;
  ListFile list;
  Entity& Get(const std::string& id, bool& fresh) {
    auto [it, inserted] = index.emplace(id, list.entities.size());
    fresh = inserted;
    if (inserted) {
      list.entities.emplace_back();
      list.entities.back().id = id;
      list.entities.back().source = "uk";
    }
    return list.entities[it->second];
  }
};

}  // namespace

Result<ListFile> ParseUkConListCsv(std::string_view raw, std::string_view name) {
  if (raw.size() > kMaxFileBytes) return ErrorAt(name, 0, "file larger than 1 GiB, refused");
  std::string buffer;
  const std::string_view csv = Utf8OrConverted(raw, buffer);
  CsvReader r(csv, ',', name);
  std::vector<std::string> row;
  Result<bool> more = r.Next(row);
  if (!more.ok()) return more.error();
  if (!*more || row.size() < 2 || !IEquals(Trim(row[0]), "Last Updated"))
    return ErrorAt(name, 1, "not an OFSI ConList CSV: line 1 should be 'Last Updated,DD/MM/YYYY'");
  Grouped g;
  g.list.source = "uk";
  g.list.format = Format::kUkConListCsv;
  g.list.generated = NormalizeDate(row[1]);
  g.list.files.emplace_back(name);
  more = r.Next(row);
  if (!more.ok()) return more.error();
  if (!*more) return ErrorAt(name, 2, "header line missing (file truncated?)");
  const CsvHeader h(row);
  for (const char* col : {"Name 6", "Group ID", "Group Type"})
    if (h.Find(col) < 0)
      return ErrorAt(name, r.line(), std::string("header lacks the '") + col + "' column");
  while (true) {
    more = r.Next(row);
    if (!more.ok()) return more.error();
    if (!*more) break;
    if (row.size() == 1 && Trim(row[0]).empty()) continue;
    if (row.size() < h.size())
      return ErrorAt(name, r.line(),
                     "row has " + std::to_string(row.size()) + " fields, the header " +
                         std::to_string(h.size()) + " (truncated?)");
    const std::string_view group = h.Get(row, "Group ID");
    if (group.empty()) return ErrorAt(name, r.line(), "row without a Group ID");
    ++g.list.records;
    bool fresh = false;
    Entity& e = g.Get("uk:" + std::string(group), fresh);
    const std::string_view other = h.Get(row, "Other Information");
    if (fresh) {
      e.schema = SchemaOfUkType(h.Get(row, "Group Type"));
      if (e.schema == Schema::kOrganization && LooksLikeShip(other)) e.schema = Schema::kVessel;
      e.listed_on = NormalizeDate(h.Get(row, "Listed On"));
      e.remarks = std::string(other);
    } else if (!other.empty() && e.remarks.find(other) == std::string::npos) {
      e.remarks += e.remarks.empty() ? "" : "\n";
      e.remarks += other;
    }
    const std::string full = UkFullName({h.Get(row, "Name 1"), h.Get(row, "Name 2"), h.Get(row, "Name 3"),
                                         h.Get(row, "Name 4"), h.Get(row, "Name 5")},
                                        h.Get(row, "Name 6"));
    const NameKind kind = KindOfUkName(h.Get(row, "Alias Type"), h.Get(row, "Alias Quality"));
    if (Status s = AddName(e, full, kind, name, r.line()); !s.ok()) return s.error();
    if (Status s = AddName(e, h.Get(row, "Name Non-Latin Script"), NameKind::kAlias, name, r.line()); !s.ok())
      return s.error();
    AddUnique(e.programmes, h.Get(row, "Regime"));
    AddUkDobs(e, h.Get(row, "DOB"));
    AddUnique(e.birth_places, JoinNonEmpty({h.Get(row, "Town of Birth"), h.Get(row, "Country of Birth")}, ", "));
    AddUkNationalities(e, h.Get(row, "Nationality"));
    const std::string_view passport = h.Get(row, "Passport Details");
    if (const std::string n = DocumentNumber(passport); !n.empty())
      AddIdentifier(e, MakeIdentifier(IdType::kPassport, n, "", std::string(passport)));
    const std::string_view ni = h.Get(row, "NI Number");
    if (const std::string n = DocumentNumber(ni); !n.empty())
      AddIdentifier(e, MakeIdentifier(IdType::kNationalId, n, "", std::string(ni)));
    const std::string_view imo = h.Get(row, "IMO number");
    if (!imo.empty()) AddIdentifier(e, MakeIdentifier(IdType::kImo, imo, "", "IMO number"));
    const std::string_view gender = h.Get(row, "Gender");
    if (IEquals(gender, "Male")) e.gender = "male";
    if (IEquals(gender, "Female")) e.gender = "female";
    AddUnique(e.addresses, JoinNonEmpty({h.Get(row, "Address 1"), h.Get(row, "Address 2"), h.Get(row, "Address 3"),
                                 h.Get(row, "Address 4"), h.Get(row, "Address 5"), h.Get(row, "Address 6"),
                                 h.Get(row, "Post/Zip Code"), h.Get(row, "Country")},
                                ", "));
    AddUnique(e.countries, CountryCode(h.Get(row, "Country")));
    AddUnRefs(e, other);
    AddPre2015UnRefs(e, other);
    AddOldIranUnRefs(e, other);
    AddUnique(e.same_as, h.Get(row, "UN Ref").empty() ? "" : "un:" + std::string(h.Get(row, "UN Ref")));
    AddImoFromText(e, other);
  }
  Finish(g.list);
  return std::move(g.list);
}

namespace {

// FCDO column names vary a little between releases; the first present wins.
std::string_view GetAny(const CsvHeader& h, const std::vector<std::string>& row,
                        std::initializer_list<std::string_view> names) {
  for (std::string_view n : names) {
    if (h.Find(n) < 0) continue;
    return h.Get(row, n);
  }
  return {};
}

}  // namespace

Result<ListFile> ParseUkSanctionsListCsv(std::string_view raw, std::string_view name) {
  if (raw.size() > kMaxFileBytes) return ErrorAt(name, 0, "file larger than 1 GiB, refused");
  std::string buffer;
  const std::string_view csv = Utf8OrConverted(raw, buffer);
  CsvReader r(csv, ',', name);
  std::vector<std::string> row;
  Grouped g;
  g.list.source = "uk";
  g.list.format = Format::kUkSanctionsListCsv;
  g.list.files.emplace_back(name);
  Result<bool> more = r.Next(row);
  if (!more.ok()) return more.error();
  if (!*more) return ErrorAt(name, 1, "empty file");
  if (IStartsWith(Trim(row[0]), "Report Date:")) {
    std::string_view d = Trim(Trim(row[0]).substr(12));
    g.list.generated = NormalizeDate(d);
    more = r.Next(row);
    if (!more.ok()) return more.error();
    if (!*more) return ErrorAt(name, 2, "header line missing (file truncated?)");
  }
  const CsvHeader h(row);
  if (h.Find("Unique ID") < 0 || h.Find("Name 6") < 0)
    return ErrorAt(name, r.line(), "header lacks the 'Unique ID' or 'Name 6' column");
  while (true) {
    more = r.Next(row);
    if (!more.ok()) return more.error();
    if (!*more) break;
    if (row.size() == 1 && Trim(row[0]).empty()) continue;
    if (row.size() < h.size())
      return ErrorAt(name, r.line(),
                     "row has " + std::to_string(row.size()) + " fields, the header " +
                         std::to_string(h.size()) + " (truncated?)");
    const std::string_view uid = h.Get(row, "Unique ID");
    if (uid.empty()) return ErrorAt(name, r.line(), "row without a Unique ID");
    ++g.list.records;
    bool fresh = false;
    Entity& e = g.Get("uk:" + std::string(uid), fresh);
    if (fresh) {
      e.schema = SchemaOfUkType(GetAny(h, row, {"Designation Type", "Individual, Entity, Ship", "Type"}));
      e.listed_on = NormalizeDate(GetAny(h, row, {"Date Designated", "Listed On"}));
      e.remarks = std::string(GetAny(h, row, {"Other Information"}));
      const std::string_view sor = GetAny(h, row, {"UK Statement of Reasons"});
      if (!sor.empty()) e.remarks += (e.remarks.empty() ? "" : "\n") + std::string(sor);
    }
    const std::string full = UkFullName({h.Get(row, "Name 1"), h.Get(row, "Name 2"), h.Get(row, "Name 3"),
                                         h.Get(row, "Name 4"), h.Get(row, "Name 5")},
                                        h.Get(row, "Name 6"));
    const NameKind kind = KindOfUkName(GetAny(h, row, {"Name type", "Name Type"}),
                                       GetAny(h, row, {"Alias strength", "Alias Strength"}));
    if (Status s = AddName(e, full, kind, name, r.line()); !s.ok()) return s.error();
    if (Status s = AddName(e, GetAny(h, row, {"Name non-latin script", "Name Non-Latin Script"}),
                           NameKind::kAlias, name, r.line());
        !s.ok())
      return s.error();
    AddUnique(e.programmes, GetAny(h, row, {"Regime Name", "Regime"}));
    AddUkDobs(e, GetAny(h, row, {"D.O.B", "DOB", "Date of birth"}));
    AddUnique(e.birth_places, JoinNonEmpty({GetAny(h, row, {"Town of birth"}), GetAny(h, row, {"Country of birth"})}, ", "));
    AddUkNationalities(e, GetAny(h, row, {"Nationality(/ies)", "Nationality", "Nationalities"}));
    const std::string_view passport = GetAny(h, row, {"Passport number", "Passport Number"});
    if (!passport.empty())
      AddIdentifier(e, MakeIdentifier(IdType::kPassport, passport, "",
                                      std::string(GetAny(h, row, {"Passport additional information"}))));
    const std::string_view nid = GetAny(h, row, {"National Identifier number", "National Identification Number"});
    if (!nid.empty())
      AddIdentifier(e, MakeIdentifier(IdType::kNationalId, nid, "",
                                      std::string(GetAny(h, row, {"National Identifier additional information"}))));
    for (const std::string& imo : SplitEnumerated(GetAny(h, row, {"IMO number", "IMO Number"})))
      AddIdentifier(e, MakeIdentifier(IdType::kImo, imo, "", "IMO number"));
    for (const std::string& reg :
         SplitEnumerated(GetAny(h, row, {"Business registration number (s)", "Business registration number(s)",
                                         "Business Registration Number"})))
      AddIdentifier(e, MakeIdentifier(IdType::kRegistration, reg, "", "Business registration number"));
    const std::string_view gender = GetAny(h, row, {"Gender"});
    if (IEquals(gender, "Male")) e.gender = "male";
    if (IEquals(gender, "Female")) e.gender = "female";
    AddUnique(e.addresses,
              JoinNonEmpty({GetAny(h, row, {"Address Line 1"}), GetAny(h, row, {"Address Line 2"}),
                    GetAny(h, row, {"Address Line 3"}), GetAny(h, row, {"Address Line 4"}),
                    GetAny(h, row, {"Address Line 5"}), GetAny(h, row, {"Address Line 6"}),
                    GetAny(h, row, {"Address Postal Code"}), GetAny(h, row, {"Address Country"})},
                   ", "));
    AddUnique(e.countries, CountryCode(GetAny(h, row, {"Address Country"})));
    AddUnique(e.countries, CountryCode(GetAny(h, row, {"Current believed flag of ship"})));
    const std::string_view un = GetAny(h, row, {"UN Reference Number"});
    if (!un.empty()) AddUnique(e.same_as, "un:" + std::string(un));
  }
  Finish(g.list);
  return std::move(g.list);
}

namespace {

// All descendants of `node` with local name `local`, document order.
template <typename F>
void ForEachNamed(const pugi::xml_node& node, std::string_view local, F&& f) {
  ForEachDescendant(node, [&](const pugi::xml_node& n) {
    if (n.type() == pugi::node_element && LocalName(n) == local) f(n);
  });
}

}  // namespace

Result<ListFile> ParseUkSanctionsListXml(std::string_view xml, std::string_view name) {
  pugi::xml_document doc;
  Result<pugi::xml_node> opened = OpenXmlList(doc, xml, name, "Designations", "a UK Sanctions List XML");
  if (!opened.ok()) return opened.error();
  const pugi::xml_node root = *opened;
  ListFile list = NewListFile(Format::kUkSanctionsListXml, name);
  list.generated = NormalizeDate(ChildText(root, "DateGenerated"));
  for (pugi::xml_node d = root.first_child(); d; d = d.next_sibling()) {
    if (d.type() != pugi::node_element || LocalName(d) != "Designation") continue;
    const size_t line = NodeLine(xml, d);
    ++list.records;
    Entity e;
    e.source = "uk";
    std::string_view uid = ChildText(d, "UniqueID");
    if (uid.empty()) uid = ChildText(d, "OFSIGroupID");
    if (uid.empty()) return ErrorAt(name, line, "Designation without UniqueID");
    e.id = "uk:" + std::string(uid);
    e.schema = SchemaOfUkType(ChildText(d, "IndividualEntityShip"));
    e.listed_on = NormalizeDate(ChildText(d, "DateDesignated"));
    e.remarks = std::string(ChildText(d, "OtherInformation"));
    const std::string_view sor = ChildText(d, "UKStatementofReasons");
    if (!sor.empty()) e.remarks += (e.remarks.empty() ? "" : "\n") + std::string(sor);
    AddUnique(e.programmes, ChildText(d, "RegimeName"));
    const std::string_view un = ChildText(d, "UNReferenceNumber");
    if (!un.empty()) AddUnique(e.same_as, "un:" + std::string(un));
    Status status = Ok{};
    for (pugi::xml_node names = Child(d, "Names"); names && status.ok(); names = pugi::xml_node()) {
      for (pugi::xml_node n = names.first_child(); n && status.ok(); n = n.next_sibling()) {
        if (LocalName(n) != "Name") continue;
        const std::string full = UkFullName({ChildText(n, "Name1"), ChildText(n, "Name2"), ChildText(n, "Name3"),
                                             ChildText(n, "Name4"), ChildText(n, "Name5")},
                                            ChildText(n, "Name6"));
        status = AddName(e, full, KindOfUkName(ChildText(n, "NameType"), ChildText(n, "AliasStrength")), name,
                         NodeLine(xml, n));
      }
    }
    if (!status.ok()) return status.error();
    ForEachNamed(d, "NameNonLatinScript", [&](const pugi::xml_node& n) {
      if (status.ok()) status = AddName(e, Trim(n.child_value()), NameKind::kAlias, name, NodeLine(xml, n));
    });
    if (!status.ok()) return status.error();
    ForEachNamed(d, "DOB", [&](const pugi::xml_node& n) { AddUkDobs(e, Trim(n.child_value())); });
    ForEachNamed(d, "Nationality", [&](const pugi::xml_node& n) { AddUkNationalities(e, Trim(n.child_value())); });
    ForEachNamed(d, "Gender", [&](const pugi::xml_node& n) {
      if (IEquals(Trim(n.child_value()), "Male")) e.gender = "male";
      if (IEquals(Trim(n.child_value()), "Female")) e.gender = "female";
    });
    ForEachNamed(d, "Location", [&](const pugi::xml_node& n) {
      AddUnique(e.birth_places, JoinNonEmpty({ChildText(n, "TownOfBirth"), ChildText(n, "CountryOfBirth")}, ", "));
    });
    ForEachNamed(d, "PassportDetail", [&](const pugi::xml_node& n) {
      AddIdentifier(e, MakeIdentifier(IdType::kPassport, ChildText(n, "PassportNumber"), "",
                                      std::string(ChildText(n, "PassportAdditionalInformation"))));
    });
    ForEachNamed(d, "NationalIdentifierDetail", [&](const pugi::xml_node& n) {
      AddIdentifier(e, MakeIdentifier(IdType::kNationalId, ChildText(n, "NationalIdentifierNumber"), "",
                                      std::string(ChildText(n, "NationalIdentifierAdditionalInformation"))));
    });
    ForEachNamed(d, "IMONumber", [&](const pugi::xml_node& n) {
      AddIdentifier(e, MakeIdentifier(e.schema == Schema::kVessel ? IdType::kImo : IdType::kImoCompany,
                                      Trim(n.child_value()), "", "IMONumber"));
    });
    ForEachNamed(d, "BusinessRegistrationNumber", [&](const pugi::xml_node& n) {
      AddIdentifier(e, MakeIdentifier(IdType::kRegistration, Trim(n.child_value()), "", "BusinessRegistrationNumber"));
    });
    ForEachNamed(d, "CurrentBelievedFlagOfShip", [&](const pugi::xml_node& n) {
      AddUnique(e.countries, CountryCode(Trim(n.child_value())));
    });
    ForEachNamed(d, "Address", [&](const pugi::xml_node& n) {
      AddUnique(e.addresses, JoinNonEmpty({ChildText(n, "AddressLine1"), ChildText(n, "AddressLine2"),
                                   ChildText(n, "AddressLine3"), ChildText(n, "AddressLine4"),
                                   ChildText(n, "AddressLine5"), ChildText(n, "AddressLine6"),
                                   ChildText(n, "AddressPostalCode"), ChildText(n, "AddressCountry")},
                                  ", "));
      AddUnique(e.countries, CountryCode(ChildText(n, "AddressCountry")));
    });
    if (e.names.empty()) return ErrorAt(name, line, "Designation " + std::string(uid) + " has no name");
    list.entities.push_back(std::move(e));
  }
  Finish(list);
  return list;
}

Result<ListFile> ParseUkDerivedCsv(const UkDerivedInput& in) {
  for (auto [text, n] : {std::pair{in.subjects, std::string_view(in.subjects_name)},
                         {in.names, std::string_view("subject_names.csv")},
                         {in.dobs, std::string_view("subject_dobs.csv")},
                         {in.identifiers, std::string_view("subject_identifiers.csv")}})
    if (Status s = CheckText(text, n); !s.ok()) return s.error();
  Grouped g;
  g.list.source = "uk";
  g.list.format = Format::kUkDerivedCsv;
  g.list.files.emplace_back(in.subjects_name);
  std::vector<std::string> row;
  auto each = [&](std::string_view text, std::string_view fname, std::initializer_list<std::string_view> need,
                  auto&& fn) -> Status {
    if (text.empty()) return Ok{};
    CsvReader r(text, ',', fname);
    Result<bool> more = r.Next(row);
    if (!more.ok()) return more.error();
    if (!*more) return Ok{};
    const CsvHeader h(row);
    for (std::string_view col : need)
      if (h.Find(col) < 0) return ErrorAt(fname, 1, "header lacks the '" + std::string(col) + "' column");
    while (true) {
      more = r.Next(row);
      if (!more.ok()) return more.error();
      if (!*more) return Ok{};
      if (row.size() < h.size()) return ErrorAt(fname, r.line(), "row shorter than the header (truncated?)");
      ++g.list.records;
      if (Status s = fn(h, r); !s.ok()) return s;
    }
  };
  Status s = each(in.subjects, in.subjects_name, {"unique_id", "subject_type"}, [&](const CsvHeader& h, CsvReader& r) -> Status {
    const std::string_view uid = h.Get(row, "unique_id");
    if (uid.empty()) return ErrorAt(r.name(), r.line(), "row without unique_id");
    bool fresh;
    Entity& e = g.Get("uk:" + std::string(uid), fresh);
    e.schema = SchemaOfUkType(h.Get(row, "subject_type"));
    e.listed_on = NormalizeDate(h.Get(row, "date_designated"));
    const std::string_view un = h.Get(row, "un_reference_number");
    if (!un.empty()) AddUnique(e.same_as, "un:" + std::string(un));
    return Ok{};
  });
  if (!s.ok()) return s.error();
  auto find = [&](const CsvHeader& h) -> Entity* {
    auto it = g.index.find("uk:" + std::string(h.Get(row, "unique_id")));
    if (it == g.index.end()) {
      ++g.list.orphan_records;
      return nullptr;
    }
    return &g.list.entities[it->second];
  };
  s = each(in.names, "subject_names.csv", {"unique_id", "full_name"}, [&](const CsvHeader& h, CsvReader& r) -> Status {
    Entity* e = find(h);
    if (!e) return Ok{};
    return AddName(*e, h.Get(row, "full_name"), KindOfUkName(h.Get(row, "name_type"), h.Get(row, "alias_strength")),
                   r.name(), r.line());
  });
  if (!s.ok()) return s.error();
  s = each(in.dobs, "subject_dobs.csv", {"unique_id", "year"}, [&](const CsvHeader& h, CsvReader&) -> Status {
    Entity* e = find(h);
    if (!e) return Ok{};
    const std::string_view y = h.Get(row, "year"), m = h.Get(row, "month"), d = h.Get(row, "day");
    std::string date(y);
    if (!m.empty()) date += "-" + std::string(m);
    if (!m.empty() && !d.empty()) date += "-" + std::string(d);
    AddUnique(e->birth_dates, NormalizeDate(date));
    return Ok{};
  });
  if (!s.ok()) return s.error();
  s = each(in.identifiers, "subject_identifiers.csv", {"unique_id", "raw_value", "identifier_type"},
           [&](const CsvHeader& h, CsvReader&) -> Status {
             Entity* e = find(h);
             if (!e) return Ok{};
             const std::string t = Lower(h.Get(row, "identifier_type"));
             IdType type = IdType::kOther;
             if (t == "passport") type = IdType::kPassport;
             if (t == "national") type = IdType::kNationalId;
             if (t.find("registration") != std::string::npos) type = IdType::kRegistration;
             if (t == "imo") type = e->schema == Schema::kVessel ? IdType::kImo : IdType::kImoCompany;
             AddIdentifier(*e, MakeIdentifier(type, h.Get(row, "raw_value"), "",
                                              std::string(h.Get(row, "additional_info"))));
             return Ok{};
           });
  if (!s.ok()) return s.error();
  for (const Entity& e : g.list.entities)
    if (e.names.empty() && !in.names.empty())
      return ErrorAt(in.subjects_name, 0, "subject " + e.id + " has no name in subject_names.csv");
  Finish(g.list);
  return std::move(g.list);
}

}  // namespace wk::lists
