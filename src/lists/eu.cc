// EU Financial Sanctions Files (FSF): the XML export (schema 1.1), its CSV
// (1.1, ';'-separated, one row per name/address/birth date/document/
// citizenship of an entity), and the legacy CSV 1.0 (each line wrapped in
// quotes, columns prefixed Naal_/Addr_/Birt_/Iden_/Citi_, Windows-1252).
//
// <export generationDate="2024-01-10T17:24:13.181+01:00">
//   <sanctionEntity logicalId="13" euReferenceNumber="EU.27.28" unitedNationId="..."
//                   designationDate="...">
//     <remark/> <regulation programme="ZWE" publicationDate="2002-02-21" .../>
//     <subjectType code="person|enterprise" classificationCode="P|E"/>
//     <nameAlias firstName middleName lastName wholeName gender="M|F" title function
//                nameLanguage strong="true|false"/>
//     <citizenship countryIso2Code="ZW" countryDescription="ZIMBABWE"/>
//     <birthdate birthdate="1924-02-21" dayOfMonth monthOfYear year yearRangeFrom
//                yearRangeTo circa city place countryIso2Code countryDescription/>
//     <identification number latinNumber identificationTypeCode="passport|id|
//                regnumber|swiftbic|imo|..." identificationTypeDescription
//                countryIso2Code countryDescription/>
//     <address street city zipCode poBox region place countryIso2Code countryDescription/>
#include <algorithm>
#include <unordered_map>

#include "lists/xml.h"

namespace wk::lists {

using namespace internal;

namespace {

Schema SchemaOfEuType(std::string_view code) {
  const std::string c = Lower(Trim(code));
  if (c == "person" || c == "p") return Schema::kPerson;
  if (c == "enterprise" || c == "e" || c == "entity") return Schema::kOrganization;
  if (c == "vessel" || c == "v") return Schema::kVessel;
  if (c == "aircraft") return Schema::kAircraft;
  return Schema::kUnknown;
}

IdType IdTypeOfEuCode(std::string_view code, std::string_view description) {
  const std::string c = Lower(Trim(code));
  const std::string d = Lower(description);
  if (c == "passport" || d.find("passport") != std::string::npos) return IdType::kPassport;
  if (c == "id" || c == "nationalid" || d.find("national identi") != std::string::npos ||
      d.find("identity card") != std::string::npos)
    return IdType::kNationalId;
  if (c == "swiftbic" || d.find("swift") != std::string::npos) return IdType::kSwiftBic;
  if (c == "regnumber" || d.find("registration") != std::string::npos) return IdType::kRegistration;
  if (c == "imo" || d.find("imo") != std::string::npos) return IdType::kImo;
  return IdType::kOther;
}

std::string CountryOf(std::string_view iso2, std::string_view description) {
  iso2 = Trim(iso2);
  if (iso2.size() == 2 && iso2 != "00") return std::string(iso2);
  return CountryCode(description);
}

void AddEuBirthDate(Entity& e, std::string_view date, std::string_view day, std::string_view month,
                    std::string_view year, std::string_view from, std::string_view to) {
  std::string d = NormalizeDate(date);
  if (d.empty() && !Trim(year).empty()) {
    std::string t(Trim(year));
    if (!Trim(month).empty()) {
      t += "-" + std::string(Trim(month).size() == 1 ? "0" : "") + std::string(Trim(month));
      if (!Trim(day).empty()) t += "-" + std::string(Trim(day).size() == 1 ? "0" : "") + std::string(Trim(day));
    }
    d = NormalizeDate(t);
  }
  AddUnique(e.birth_dates, d);
  const std::string a = NormalizeDate(from), b = NormalizeDate(to);
  if (a.size() == 4 && b.size() == 4) {
    for (int y = std::stoi(a), z = std::stoi(b), y0 = y; y <= z && y - y0 <= 20; ++y)
      AddUnique(e.birth_dates, std::to_string(y));
  }
}

void SetGender(Entity& e, std::string_view g) {
  g = Trim(g);
  if (IEquals(g, "M") || IEquals(g, "male")) e.gender = "male";
  if (IEquals(g, "F") || IEquals(g, "female")) e.gender = "female";
}

void SetListedOn(Entity& e, std::string_view date) {
  const std::string d = NormalizeDate(date);
  if (d.empty()) return;
  if (e.listed_on.empty() || d < e.listed_on) e.listed_on = d;
}

}  // namespace

Result<ListFile> ParseEuFsfXml(std::string_view xml, std::string_view name) {
  pugi::xml_document doc;
  Result<pugi::xml_node> opened = OpenXmlList(doc, xml, name, "export", "an EU Financial Sanctions File");
  if (!opened.ok()) return opened.error();
  const pugi::xml_node root = *opened;
  ListFile list = NewListFile(Format::kEuFsfXml, name);
  list.generated = std::string(AttrText(root, "generationDate"));
  for (pugi::xml_node se = root.first_child(); se; se = se.next_sibling()) {
    if (se.type() != pugi::node_element || LocalName(se) != "sanctionEntity") continue;
    const size_t line = NodeLine(xml, se);
    ++list.records;
    Entity e;
    e.source = "eu";
    const std::string_view logical = AttrText(se, "logicalId");
    if (logical.empty()) return ErrorAt(name, line, "sanctionEntity without logicalId");
    e.id = "eu:" + std::string(logical);
    const std::string_view un = AttrText(se, "unitedNationId");
    if (!un.empty()) AddUnique(e.same_as, "un:" + std::string(un));
    SetListedOn(e, AttrText(se, "designationDate"));
    for (pugi::xml_node c = se.first_child(); c; c = c.next_sibling()) {
      if (c.type() != pugi::node_element) continue;
      const std::string_view tag = LocalName(c);
      if (tag == "remark") {
        const std::string_view r = Trim(c.child_value());
        if (!r.empty()) e.remarks += (e.remarks.empty() ? "" : "\n") + std::string(r);
      } else if (tag == "regulation") {
        AddUnique(e.programmes, AttrText(c, "programme"));
        SetListedOn(e, AttrText(c, "publicationDate"));
      } else if (tag == "subjectType") {
        Schema s = SchemaOfEuType(AttrText(c, "code"));
        if (s == Schema::kUnknown) s = SchemaOfEuType(AttrText(c, "classificationCode"));
        e.schema = s;
      } else if (tag == "nameAlias") {
        std::string full(AttrText(c, "wholeName"));
        if (full.empty())
          full = JoinNonEmpty({AttrText(c, "firstName"), AttrText(c, "middleName"), AttrText(c, "lastName")}, " ");
        const bool weak = IEquals(AttrText(c, "strong"), "false");
        const NameKind kind = e.names.empty() ? NameKind::kPrimary : weak ? NameKind::kWeakAlias : NameKind::kAlias;
        if (Status s = AddName(e, full, kind, name, NodeLine(xml, c)); !s.ok()) return s.error();
        SetGender(e, AttrText(c, "gender"));
      } else if (tag == "citizenship") {
        const std::string cc = CountryOf(AttrText(c, "countryIso2Code"), AttrText(c, "countryDescription"));
        AddUnique(e.nationalities, cc.empty() ? AttrText(c, "countryDescription") : std::string_view(cc));
      } else if (tag == "birthdate") {
        AddEuBirthDate(e, AttrText(c, "birthdate"), AttrText(c, "dayOfMonth"), AttrText(c, "monthOfYear"),
                       AttrText(c, "year"), AttrText(c, "yearRangeFrom"), AttrText(c, "yearRangeTo"));
        AddUnique(e.birth_places, JoinNonEmpty({AttrText(c, "city"), AttrText(c, "place"), AttrText(c, "region"),
                                             AttrText(c, "countryDescription")},
                                            ", "));
      } else if (tag == "identification") {
        std::string_view number = AttrText(c, "number");
        if (number.empty()) number = AttrText(c, "latinNumber");
        const std::string_view desc = AttrText(c, "identificationTypeDescription");
        AddIdentifier(e, MakeIdentifier(IdTypeOfEuCode(AttrText(c, "identificationTypeCode"), desc), number,
                                        CountryOf(AttrText(c, "countryIso2Code"), AttrText(c, "countryDescription")),
                                        std::string(desc)));
      } else if (tag == "address") {
        AddUnique(e.addresses, JoinNonEmpty({AttrText(c, "street"), AttrText(c, "poBox"), AttrText(c, "city"),
                                          AttrText(c, "zipCode"), AttrText(c, "region"), AttrText(c, "place"),
                                          AttrText(c, "countryDescription")},
                                         ", "));
        AddUnique(e.countries, CountryOf(AttrText(c, "countryIso2Code"), AttrText(c, "countryDescription")));
      }
    }
    if (e.names.empty()) return ErrorAt(name, line, "sanctionEntity " + std::string(logical) + " has no nameAlias");
    list.entities.push_back(std::move(e));
  }
  Finish(list);
  return list;
}

namespace {

// Applies one FSF CSV row (1.1 column names, lower-cased) to its entity.
Status ApplyFsfRow(Entity& e, const std::unordered_map<std::string, std::string_view>& f,
                   std::string_view name, size_t line) {
  auto get = [&f](const char* key) -> std::string_view {
    auto it = f.find(key);
    return it == f.end() ? std::string_view() : Trim(it->second);
  };
  if (e.schema == Schema::kUnknown) {
    e.schema = SchemaOfEuType(get("entity_subjecttype"));
    if (e.schema == Schema::kUnknown) e.schema = SchemaOfEuType(get("entity_subjecttype_classificationcode"));
  }
  AddUnique(e.programmes, get("entity_regulation_programme"));
  SetListedOn(e, get("entity_designationdate"));
  SetListedOn(e, get("entity_regulation_publicationdate"));
  const std::string_view remark = get("entity_remark");
  if (!remark.empty() && e.remarks.find(remark) == std::string::npos)
    e.remarks += (e.remarks.empty() ? "" : "\n") + std::string(remark);
  const std::string_view un = get("entity_unitednationid");
  if (!un.empty()) AddUnique(e.same_as, "un:" + std::string(un));
  std::string full(get("namealias_wholename"));
  if (full.empty())
    full = JoinNonEmpty({get("namealias_firstname"), get("namealias_middlename"), get("namealias_lastname")}, " ");
  if (!full.empty()) {
    const bool weak = IEquals(get("namealias_strong"), "false");
    const NameKind kind = e.names.empty() ? NameKind::kPrimary : weak ? NameKind::kWeakAlias : NameKind::kAlias;
    if (Status s = AddName(e, full, kind, name, line); !s.ok()) return s;
    SetGender(e, get("namealias_gender"));
  }
  const std::string addr = JoinNonEmpty({get("address_street"), get("address_pobox"), get("address_city"),
                                      get("address_zipcode"), get("address_region"), get("address_place"),
                                      get("address_countrydescription")},
                                     ", ");
  AddUnique(e.addresses, addr);
  if (!addr.empty())
    AddUnique(e.countries, CountryOf(get("address_countryiso2code"), get("address_countrydescription")));
  AddEuBirthDate(e, get("birthdate_birthdate"), get("birthdate_day"), get("birthdate_month"), get("birthdate_year"),
                 get("birthdate_yearrangefrom"), get("birthdate_yearrangeto"));
  AddUnique(e.birth_places, JoinNonEmpty({get("birthdate_city"), get("birthdate_place"), get("birthdate_region"),
                                       get("birthdate_countrydescription")},
                                      ", "));
  std::string_view number = get("identification_number");
  if (number.empty()) number = get("identification_latinnumber");
  if (!number.empty()) {
    const std::string_view desc = get("identification_typedescription");
    AddIdentifier(e, MakeIdentifier(IdTypeOfEuCode(get("identification_typecode"), desc), number,
                                    CountryOf(get("identification_countryiso2code"),
                                              get("identification_countrydescription")),
                                    std::string(desc)));
  }
  const std::string cit = CountryOf(get("citizenship_countryiso2code"), get("citizenship_countrydescription"));
  if (!cit.empty()) AddUnique(e.nationalities, cit);
  return Ok{};
}

}  // namespace

Result<ListFile> ParseEuFsfCsv(std::string_view csv, std::string_view name) {
  // FSF 1.1 files are UTF-8.
  if (Status s = CheckText(csv, name); !s.ok()) return s.error();
  CsvReader r(csv, ';', name);
  std::vector<std::string> row;
  Result<bool> more = r.Next(row);
  if (!more.ok()) return more.error();
  if (!*more) return ErrorAt(name, 1, "empty file");
  std::vector<std::string> keys;
  for (const auto& c : row) keys.push_back(Lower(Trim(c)));
  const auto id_col = std::find(keys.begin(), keys.end(), "entity_logicalid");
  if (id_col == keys.end()) return ErrorAt(name, 1, "header lacks the Entity_LogicalId column");
  const size_t id_index = static_cast<size_t>(id_col - keys.begin());
  ListFile list = NewListFile(Format::kEuFsfCsv, name);
  std::unordered_map<std::string, size_t> index;
  std::unordered_map<std::string, std::string_view> fields;
  while (true) {
    more = r.Next(row);
    if (!more.ok()) return more.error();
    if (!*more) break;
    if (row.size() == 1 && Trim(row[0]).empty()) continue;
    if (row.size() < keys.size())
      return ErrorAt(name, r.line(),
                     "row has " + std::to_string(row.size()) + " fields, the header " +
                         std::to_string(keys.size()) + " (truncated?)");
    ++list.records;
    const std::string_view logical = Trim(row[id_index]);
    if (logical.empty()) return ErrorAt(name, r.line(), "row without Entity_LogicalId");
    fields.clear();
    for (size_t i = 0; i < keys.size(); ++i) fields.emplace(keys[i], row[i]);
    if (list.generated.empty()) list.generated = std::string(Trim(fields["filegenerationdate"]));
    auto [it, fresh] = index.emplace(std::string(logical), list.entities.size());
    if (fresh) {
      list.entities.emplace_back();
      list.entities.back().id = "eu:" + std::string(logical);
      list.entities.back().source = "eu";
    }
    if (Status s = ApplyFsfRow(list.entities[it->second], fields, name, r.line()); !s.ok()) return s.error();
  }
  if (!list.generated.empty()) {
    const std::string d = NormalizeDate(list.generated);
    if (!d.empty() && list.generated.find('T') == std::string::npos) list.generated = d;
  }
  Finish(list);
  return list;
}

Result<ListFile> ParseEuLegacyCsv(std::string_view raw, std::string_view name) {
  if (raw.size() > kMaxFileBytes) return ErrorAt(name, 0, "file larger than 1 GiB, refused");
  std::string buffer;
  const std::string_view text = Utf8OrConverted(raw, buffer);
  ListFile list = NewListFile(Format::kEuLegacyCsv, name);
  std::vector<std::string> keys;
  std::unordered_map<std::string, size_t> index;
  std::vector<std::string_view> cols;
  std::string unwrapped;
  size_t line_no = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (line.size() > kMaxFieldBytes) return ErrorAt(name, line_no, "line longer than 1 MiB, refused");
    while (!line.empty() && (line.back() == '\r' || line.back() == '\t' || line.back() == ' '))
      line.remove_suffix(1);
    if (line.empty()) continue;
    // Each line is one quoted CSV field holding the ';'-separated record.
    unwrapped.clear();
    if (line.front() == '"') {
      if (line.size() < 2 || line.back() != '"')
        return ErrorAt(name, line_no, "line opens a quote it does not close (file truncated?)");
      line = line.substr(1, line.size() - 2);
      for (size_t i = 0; i < line.size(); ++i) {
        unwrapped += line[i];
        if (line[i] == '"' && i + 1 < line.size() && line[i + 1] == '"') ++i;
      }
    } else {
      unwrapped.assign(line);
    }
    while (!unwrapped.empty() && (unwrapped.back() == '\t' || unwrapped.back() == ' ')) unwrapped.pop_back();
    cols.clear();
    size_t start = 0;
    for (size_t i = 0; i <= unwrapped.size(); ++i) {
      if (i == unwrapped.size() || unwrapped[i] == ';') {
        cols.push_back(std::string_view(unwrapped).substr(start, i - start));
        start = i + 1;
      }
    }
    if (keys.empty()) {
      // Header: "Entity_logical_id" repeats in every section; qualify it by
      // the section prefix (Naal_, Addr_, Birt_, Iden_, Citi_) before it.
      std::string section;
      for (std::string_view c : cols) {
        std::string k = Lower(Trim(c));
        if (k.rfind("date_file", 0) == 0) k = "date_file";
        for (const char* p : {"naal_", "addr_", "birt_", "iden_", "citi_"})
          if (k.rfind(p, 0) == 0) section = p;
        if (k == "entity_logical_id" && !section.empty()) k = section + k;
        keys.push_back(k);
      }
      if (std::find(keys.begin(), keys.end(), "entity_logical_id") == keys.end())
        return ErrorAt(name, line_no, "header lacks the Entity_logical_id column");
      continue;
    }
    if (cols.size() < keys.size())
      return ErrorAt(name, line_no,
                     "row has " + std::to_string(cols.size()) + " fields, the header " +
                         std::to_string(keys.size()) + " (truncated?)");
    ++list.records;
    auto get = [&](std::string_view key) -> std::string_view {
      for (size_t i = 0; i < keys.size(); ++i)
        if (keys[i] == key) return Trim(cols[i]);
      return {};
    };
    const std::string_view logical = get("entity_logical_id");
    if (logical.empty()) return ErrorAt(name, line_no, "row without Entity_logical_id");
    if (list.generated.empty()) list.generated = NormalizeDate(get("date_file"));
    auto [it, fresh] = index.emplace(std::string(logical), list.entities.size());
    if (fresh) {
      list.entities.emplace_back();
      list.entities.back().id = "eu:" + std::string(logical);
      list.entities.back().source = "eu";
    }
    Entity& e = list.entities[it->second];
    if (e.schema == Schema::kUnknown) e.schema = SchemaOfEuType(get("subject_type"));
    AddUnique(e.programmes, get("programme"));
    SetListedOn(e, get("leba_publication_date"));
    // The legacy file writes line breaks in remarks as a backslash and 'n'.
    std::string remark;
    const std::string_view raw_remark = get("entity_remark");
    for (size_t k = 0; k < raw_remark.size(); ++k) {
      if (raw_remark[k] == '\\' && k + 1 < raw_remark.size() && raw_remark[k + 1] == 'n') {
        remark += '\n';
        ++k;
      } else {
        remark += raw_remark[k];
      }
    }
    if (!remark.empty() && e.remarks.find(remark) == std::string::npos)
      e.remarks += (e.remarks.empty() ? "" : "\n") + remark;
    std::string full(get("naal_wholename"));
    if (full.empty())
      full = JoinNonEmpty({get("naal_firstname"), get("naal_middlename"), get("naal_lastname")}, " ");
    if (!full.empty()) {
      const NameKind kind = e.names.empty() ? NameKind::kPrimary : NameKind::kAlias;
      if (Status s = AddName(e, full, kind, name, line_no); !s.ok()) return s.error();
      SetGender(e, get("naal_gender"));
    }
    const std::string addr = JoinNonEmpty({get("addr_number"), get("addr_street"), get("addr_zipcode"),
                                        get("addr_city"), get("addr_country"), get("addr_other")},
                                       ", ");
    AddUnique(e.addresses, addr);
    AddUnique(e.countries, CountryCode(get("addr_country")));
    AddUnique(e.birth_dates, NormalizeDate(get("birt_date")));
    AddUnique(e.birth_places, JoinNonEmpty({get("birt_place"), get("birt_country")}, ", "));
    const std::string_view number = get("iden_number");
    if (!number.empty())
      AddIdentifier(e, MakeIdentifier(IdType::kOther, number, CountryCode(get("iden_country")), "Iden_number"));
    const std::string_view citi = get("citi_country");
    if (!citi.empty()) {
      const std::string cc = CountryCode(citi);
      AddUnique(e.nationalities, cc.empty() ? citi : std::string_view(cc));
    }
  }
  if (keys.empty()) return ErrorAt(name, 1, "empty file");
  Finish(list);
  return list;
}

}  // namespace wk::lists
