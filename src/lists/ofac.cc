// OFAC Specially Designated Nationals: the legacy CSV set (sdn.csv, alt.csv,
// add.csv, sdn_comments.csv) and its remarks mini-language.
//
// sdn.csv has no header: ent_num, SDN_Name, SDN_Type, Program, Title,
// Call_Sign, Vess_type, Tonnage, GRT, Vess_flag, Vess_owner, Remarks.
// alt.csv: ent_num, alt_num, alt_type (aka/fka/nka), alt_name, alt_remarks.
// add.csv: ent_num, add_num, address, city/state/postal, country, add_remarks.
// sdn_comments.csv: ent_num, remarks continued (the tail of over-long remarks).
// "-0- " marks an empty field; the files end with a DOS EOF byte (0x1A).
#include <algorithm>
#include <cctype>
#include <unordered_map>

#include "lists/parsing.h"

namespace wk::lists {

using namespace internal;

namespace internal {
namespace {

// OFAC's "-0- " marks an empty field.
std::string_view OfacField(std::string_view s) {
  s = Trim(s);
  if (s == "-0-") return {};
  return s;
}

// Splits remarks at "; " outside parentheses.
std::vector<std::string_view> SplitRemarks(std::string_view text) {
  std::vector<std::string_view> parts;
  int depth = 0;
  size_t start = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '(') ++depth;
    if (c == ')' && depth > 0) --depth;
    if (c == ';' && depth == 0) {
      parts.push_back(Trim(text.substr(start, i - start)));
      start = i + 1;
    }
  }
  parts.push_back(Trim(text.substr(start)));
  return parts;
}

std::string_view StripQuotes(std::string_view s) {
  s = Trim(s);
  if (s.size() >= 2 && (s.front() == '\'' || s.front() == '"') && s.back() == s.front())
    s = s.substr(1, s.size() - 2);
  return Trim(s);
}

// "X123 (Iran) issued 01 Jan 2010" -> number "X123", country "IR".
struct NumberCountry {
  std::string number;
  std::string country;
  std::string rest;
};

NumberCountry SplitNumber(std::string_view rest) {
  NumberCountry out;
  rest = Trim(rest);
  size_t end = rest.size();
  for (std::string_view stop : {" (", " issued", " expires", " Issue Date", " Expiration Date"}) {
    const size_t p = rest.find(stop);
    if (p != std::string_view::npos && p < end) end = p;
  }
  out.number = std::string(Trim(rest.substr(0, end)));
  std::string_view tail = rest.substr(end);
  const size_t open = tail.find('(');
  const size_t close = tail.find(')', open == std::string_view::npos ? 0 : open);
  if (open != std::string_view::npos && close != std::string_view::npos) {
    std::string_view inside = tail.substr(open + 1, close - open - 1);
    out.country = CountryCode(inside);
  }
  out.rest = std::string(Trim(tail));
  return out;
}

struct IdLabel {
  std::string_view label;
  IdType type;
};

// Labels OFAC puts before a number, longest first where one is a prefix of another.
constexpr IdLabel kIdLabels[] = {
    {"Vessel Registration Identification", IdType::kImo},
    {"Identification Number IMO", IdType::kImoCompany},
    {"Diplomatic Passport", IdType::kPassport},
    {"Passport No.", IdType::kPassport},
    {"Passport", IdType::kPassport},
    {"National ID No.", IdType::kNationalId},
    {"National Foreign ID Number", IdType::kNationalId},
    {"Personal ID Card", IdType::kNationalId},
    {"Identification Number", IdType::kNationalId},
    {"Cedula No.", IdType::kNationalId},
    {"C.U.R.P.", IdType::kNationalId},
    {"D.N.I.", IdType::kNationalId},
    {"Citizen's Card Number", IdType::kNationalId},
    {"Kenyan ID No.", IdType::kNationalId},
    {"Turkish Identification Number", IdType::kNationalId},
    {"Residency Number", IdType::kNationalId},
    {"Business Registration Number", IdType::kRegistration},
    {"Business Registration Document #", IdType::kRegistration},
    {"Commercial Registry Number", IdType::kRegistration},
    {"Registration Number", IdType::kRegistration},
    {"Registration ID", IdType::kRegistration},
    {"Company Number", IdType::kRegistration},
    {"Legal Entity Number", IdType::kRegistration},
    {"Unified Social Credit Code", IdType::kRegistration},
    {"Government Gazette Number", IdType::kRegistration},
    {"Economic Register Number", IdType::kRegistration},
    {"Folio Mercantil No.", IdType::kRegistration},
    {"Trade License No.", IdType::kRegistration},
    {"C.R. No.", IdType::kRegistration},
    {"Aircraft Tail Number", IdType::kRegistration},
    {"Tax ID No.", IdType::kOther},
    {"R.F.C.", IdType::kOther},
    {"V.A.T. Number", IdType::kOther},
    {"NIT #", IdType::kOther},
    {"C.U.I.T.", IdType::kOther},
    {"Aircraft Manufacturer's Serial Number (MSN)", IdType::kOther},
    {"SWIFT/BIC", IdType::kSwiftBic},
    {"MMSI", IdType::kMmsi},
    {"Call Sign", IdType::kCallSign},
};

bool AllDigitsN(std::string_view s, size_t n) {
  if (s.size() != n) return false;
  for (char c : s)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

void AddDates(Entity& e, std::string_view text) {
  // "1960 to 1962" expands to each year; otherwise one date.
  const size_t to = text.find(" to ");
  if (to != std::string_view::npos) {
    const std::string a = NormalizeDate(text.substr(0, to));
    const std::string b = NormalizeDate(text.substr(to + 4));
    if (a.size() == 4 && b.size() == 4) {
      for (int y = std::stoi(a), z = std::stoi(b), y0 = y; y <= z && y - y0 <= 20; ++y)
        AddUnique(e.birth_dates, std::to_string(y));
      return;
    }
    AddUnique(e.birth_dates, a);
    AddUnique(e.birth_dates, b);
    return;
  }
  AddUnique(e.birth_dates, NormalizeDate(text));
}

}  // namespace

Status ApplyOfacRemarks(Entity& e, std::string_view remarks, std::string_view name, size_t line) {
  for (std::string_view part : SplitRemarks(remarks)) {
    if (!part.empty() && part.back() == '.') part.remove_suffix(1);  // the sentence's full stop
    if (IStartsWith(part, "alt. ")) part = Trim(part.substr(5));
    if (part.empty()) continue;
    if (part.rfind("a.k.a. ", 0) == 0 || part.rfind("n.k.a. ", 0) == 0) {
      if (Status s = AddName(e, StripQuotes(part.substr(7)), NameKind::kWeakAlias, name, line); !s.ok())
        return s;
      continue;
    }
    if (part.rfind("f.k.a. ", 0) == 0) {
      if (Status s = AddName(e, StripQuotes(part.substr(7)), NameKind::kFormer, name, line); !s.ok())
        return s;
      continue;
    }
    if (part.rfind("DOB ", 0) == 0) {
      AddDates(e, part.substr(4));
      continue;
    }
    if (part.rfind("POB ", 0) == 0) {
      AddUnique(e.birth_places, part.substr(4));
      continue;
    }
    if (part.rfind("nationality ", 0) == 0 || part.rfind("citizen ", 0) == 0) {
      AddNationality(e, part.substr(part.find(' ') + 1));
      continue;
    }
    if (part.rfind("Gender ", 0) == 0) {
      const std::string g = Lower(Trim(part.substr(7)));
      if (g == "male" || g == "female") e.gender = g;
      continue;
    }
    bool matched = false;
    for (const IdLabel& l : kIdLabels) {
      if (part[0] != l.label[0] || part.rfind(l.label, 0) != 0 || part.size() <= l.label.size() + 1 ||
          part[l.label.size()] != ' ')
        continue;
      std::string_view rest = Trim(part.substr(l.label.size()));
      IdType type = l.type;
      if (type == IdType::kImo || type == IdType::kImoCompany) {
        bool imo = l.label.ends_with("IMO");
        if (IStartsWith(rest, "IMO ")) {
          rest = Trim(rest.substr(4));
          imo = true;
        }
        if (imo) {
          if (type == IdType::kImo && e.schema != Schema::kVessel && e.schema != Schema::kUnknown)
            type = IdType::kImoCompany;
          if (type == IdType::kImoCompany && e.schema == Schema::kVessel) type = IdType::kImo;
        } else {
          // "Vessel Registration Identification RS 150443 (Russia)": a flag
          // state's registration, not an IMO number.
          type = IdType::kRegistration;
        }
      }
      NumberCountry nc = SplitNumber(rest);
      if (nc.number.empty()) break;
      AddIdentifier(e, MakeIdentifier(type, nc.number, nc.country, std::string(l.label)));
      matched = true;
      break;
    }
    if (matched) continue;
    // A bare "IMO 1234567" anywhere in a part: ship number for vessels,
    // company number otherwise.
    for (size_t p = part.find("IMO "); p != std::string_view::npos; p = part.find("IMO ", p + 4)) {
      std::string_view digits = part.substr(p + 4, 7);
      if (AllDigitsN(digits, 7) && (p + 11 == part.size() || !std::isdigit(static_cast<unsigned char>(part[p + 11])))) {
        AddIdentifier(e, MakeIdentifier(e.schema == Schema::kVessel ? IdType::kImo : IdType::kImoCompany,
                                        digits, "", "remarks"));
      }
    }
    if (part.rfind("Linked To: ", 0) == 0) continue;
  }
  return Ok{};
}

}  // namespace internal

namespace {

Schema SchemaOfOfacType(std::string_view t) {
  t = OfacField(t);
  if (IEquals(t, "individual")) return Schema::kPerson;
  if (IEquals(t, "vessel")) return Schema::kVessel;
  if (IEquals(t, "aircraft")) return Schema::kAircraft;
  return Schema::kOrganization;  // OFAC writes "-0- " for entities
}

// "SDGT] [IFSR" -> SDGT, IFSR.
void AddPrograms(Entity& e, std::string_view text) {
  text = OfacField(text);
  size_t start = 0;
  for (size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == '[' || text[i] == ']') {
      AddUnique(e.programmes, Trim(text.substr(start, i - start)));
      start = i + 1;
    }
  }
}

Status CheckColumns(const CsvReader& r, const std::vector<std::string>& row, size_t want,
                    std::string_view what) {
  if (row.size() < want)
    return ErrorAt(r.name(), r.line(),
                   std::string(what) + " row has " + std::to_string(row.size()) + " fields, expected " +
                       std::to_string(want) + " (truncated or not an OFAC file?)");
  return Ok{};
}

Result<int64_t> EntNum(const CsvReader& r, std::string_view field) {
  field = Trim(field);
  if (field.empty() || field.size() > 12) return ErrorAt(r.name(), r.line(), "ent_num is not a number");
  int64_t v = 0;
  for (char c : field) {
    if (!std::isdigit(static_cast<unsigned char>(c)))
      return ErrorAt(r.name(), r.line(), "ent_num '" + std::string(field.substr(0, 40)) + "' is not a number");
    v = v * 10 + (c - '0');
  }
  return v;
}

}  // namespace

Result<ListFile> ParseOfacCsv(const OfacCsvInput& in) {
  ListFile list;
  list.source = "ofac";
  list.format = Format::kOfacSdnCsv;
  for (auto [text, fname] : {std::pair{in.sdn, &in.sdn_name}, {in.alt, &in.alt_name},
                             {in.add, &in.add_name}, {in.comments, &in.comments_name}}) {
    if (text.empty()) continue;
    list.files.push_back(*fname);
    if (Status s = CheckText(text, *fname); !s.ok()) return s.error();
  }
  std::unordered_map<int64_t, size_t> index;
  const size_t lines = static_cast<size_t>(std::count(in.sdn.begin(), in.sdn.end(), '\n')) + 1;
  index.reserve(lines);
  list.entities.reserve(lines);
  std::vector<std::string> row;
  std::vector<std::string> raw_remarks;
  {
    CsvReader r(in.sdn, ',', in.sdn_name);
    while (true) {
      Result<bool> more = r.Next(row);
      if (!more.ok()) return more.error();
      if (!*more) break;
      if (Status s = CheckColumns(r, row, 12, "sdn.csv"); !s.ok()) return s.error();
      Result<int64_t> num = EntNum(r, row[0]);
      if (!num.ok()) return num.error();
      ++list.records;
      Entity e;
      e.source = "ofac";
      e.id = "ofac:" + std::to_string(*num);
      e.schema = SchemaOfOfacType(row[2]);
      if (Status s = AddName(e, OfacField(row[1]), NameKind::kPrimary, in.sdn_name, r.line()); !s.ok())
        return s.error();
      if (e.names.empty()) return ErrorAt(in.sdn_name, r.line(), "entry " + std::to_string(*num) + " has no name");
      AddPrograms(e, row[3]);
      if (!OfacField(row[5]).empty())
        AddIdentifier(e, MakeIdentifier(IdType::kCallSign, OfacField(row[5]), "", "Call_Sign"));
      const std::string flag = CountryCode(OfacField(row[9]));
      AddUnique(e.countries, flag);
      e.remarks = std::string(OfacField(row[11]));
      if (Status s = ApplyOfacRemarks(e, e.remarks, in.sdn_name, r.line()); !s.ok()) return s.error();
      index.emplace(*num, list.entities.size());
      list.entities.push_back(std::move(e));
    }
  }
  // The companion files: each row starts with the ent_num of an sdn.csv
  // entry; rows naming no known entry are counted as orphans.
  auto for_each_companion_row = [&](std::string_view text, std::string_view file_name,
                                    size_t columns, std::string_view label,
                                    auto&& apply) -> Status {
    CsvReader r(text, ',', file_name);
    while (true) {
      Result<bool> more = r.Next(row);
      if (!more.ok()) return more.error();
      if (!*more) return Ok{};
      if (Status s = CheckColumns(r, row, columns, label); !s.ok()) return s;
      Result<int64_t> num = EntNum(r, row[0]);
      if (!num.ok()) return num.error();
      ++list.records;
      auto it = index.find(*num);
      if (it == index.end()) {
        ++list.orphan_records;
        continue;
      }
      if (Status s = apply(list.entities[it->second], r.line()); !s.ok()) return s;
    }
  };
  if (Status s = for_each_companion_row(
          in.alt, in.alt_name, 4, "alt.csv", [&](Entity& e, size_t line) -> Status {
            const std::string type = Lower(OfacField(row[2]));
            const NameKind kind = type == "fka" ? NameKind::kFormer : NameKind::kAlias;
            return AddName(e, OfacField(row[3]), kind, in.alt_name, line);
          });
      !s.ok())
    return s.error();
  if (Status s = for_each_companion_row(
          in.add, in.add_name, 5, "add.csv", [&](Entity& e, size_t) -> Status {
            std::string text;
            for (size_t k = 2; k <= 4; ++k) {
              std::string_view f = OfacField(row[k]);
              if (f.empty()) continue;
              if (!text.empty()) text += ", ";
              text += f;
            }
            AddUnique(e.addresses, text);
            AddUnique(e.countries, CountryCode(OfacField(row[4])));
            return Ok{};
          });
      !s.ok())
    return s.error();
  // sdn_comments.csv continues remarks cut at the sdn.csv field limit.
  if (Status s = for_each_companion_row(
          in.comments, in.comments_name, 2, "sdn_comments.csv",
          [&](Entity& e, size_t line) -> Status {
            e.remarks += OfacField(row[1]);
            return ApplyOfacRemarks(e, e.remarks, in.comments_name, line);
          });
      !s.ok())
    return s.error();
  if (in.sdn.empty() && list.records > 0 && list.entities.empty())
    return ErrorAt(in.alt.empty() ? in.add_name : in.alt_name, 0,
                   "OFAC companion file without sdn.csv: give sdn.csv (it holds the entries)");
  Finish(list);
  return list;
}

}  // namespace wk::lists
