// UN Security Council Consolidated List XML (sc-sanctions.xsd): reading and
// writing.
//
// <CONSOLIDATED_LIST dateGenerated="...">
//   <INDIVIDUALS><INDIVIDUAL> FIRST_NAME..FOURTH_NAME, UN_LIST_TYPE,
//     REFERENCE_NUMBER, LISTED_ON, GENDER, COMMENTS1, NATIONALITY/VALUE,
//     INDIVIDUAL_ALIAS{QUALITY,ALIAS_NAME}, INDIVIDUAL_ADDRESS, _DATE_OF_BIRTH,
//     _PLACE_OF_BIRTH, _DOCUMENT{TYPE_OF_DOCUMENT,NUMBER,ISSUING_COUNTRY}
//   <ENTITIES><ENTITY> FIRST_NAME, ENTITY_ALIAS, ENTITY_ADDRESS, ...
#include <unicode/locid.h>
#include <unicode/unistr.h>


#include "lists/xml.h"

namespace wk::lists {

using namespace internal;

namespace {

NameKind KindOfQuality(std::string_view q) {
  if (IEquals(q, "Low")) return NameKind::kWeakAlias;
  if (IEquals(q, "f.k.a.") || IEquals(q, "fka")) return NameKind::kFormer;
  return NameKind::kAlias;  // Good, a.k.a., empty
}

// IMO numbers written in COMMENTS1 ("IMO number: 5342883", "(IMO) Number:
// 1790183", "IMO 5434358"). For entities these are company numbers.
void ImoNumbersFromText(Entity& e, std::string_view text, IdType type) {
  for (const std::string& n : NumbersAfter(text, "IMO", 7))
    AddIdentifier(e, MakeIdentifier(type, n, "", "COMMENTS1"));
}

Status ParseEntry(const pugi::xml_node& node, bool individual, std::string_view xml,
                  std::string_view name, Entity& e) {
  const size_t line = NodeLine(xml, node);
  std::string_view ref = ChildText(node, "REFERENCE_NUMBER");
  if (ref.empty()) ref = ChildText(node, "DATAID");
  if (ref.empty()) return ErrorAt(name, line, "entry without REFERENCE_NUMBER or DATAID");
  e.source = "un";
  e.id = "un:" + std::string(ref);
  e.schema = individual ? Schema::kPerson : Schema::kOrganization;
  const std::string primary =
      JoinNonEmpty({ChildText(node, "FIRST_NAME"), ChildText(node, "SECOND_NAME"),
                    ChildText(node, "THIRD_NAME"), ChildText(node, "FOURTH_NAME")},
                   " ");
  if (primary.empty()) return ErrorAt(name, line, "entry " + std::string(ref) + " has no name");
  if (Status s = AddName(e, primary, NameKind::kPrimary, name, line); !s.ok()) return s;
  if (Status s = AddName(e, ChildText(node, "NAME_ORIGINAL_SCRIPT"), NameKind::kAlias, name, line);
      !s.ok())
    return s;
  AddUnique(e.programmes, ChildText(node, "UN_LIST_TYPE"));
  e.listed_on = NormalizeDate(ChildText(node, "LISTED_ON"));
  const std::string_view gender = ChildText(node, "GENDER");
  if (IEquals(gender, "Male")) e.gender = "male";
  if (IEquals(gender, "Female")) e.gender = "female";
  e.remarks = std::string(ChildText(node, "COMMENTS1"));
  // Our own convention for fictional lists (WriteUnXml): an ENTITY whose
  // COMMENTS1 starts with "Vessel." is a ship and its IMO numbers are ship
  // numbers. The real list has no vessel entries.
  const bool vessel = !individual && IStartsWith(e.remarks, "Vessel.");
  if (vessel) e.schema = Schema::kVessel;
  ImoNumbersFromText(e, e.remarks,
                     individual ? IdType::kOther : vessel ? IdType::kImo : IdType::kImoCompany);
  if (vessel)
    for (const std::string& n : NumbersAfter(e.remarks, "MMSI", 9))
      AddIdentifier(e, MakeIdentifier(IdType::kMmsi, n, "", "COMMENTS1"));
  for (pugi::xml_node nat = Child(node, "NATIONALITY"); nat; nat = nat.next_sibling("NATIONALITY"))
    for (pugi::xml_node v = nat.child("VALUE"); v; v = v.next_sibling("VALUE"))
      AddNationality(e, Trim(v.child_value()));
  const char* alias_tag = individual ? "INDIVIDUAL_ALIAS" : "ENTITY_ALIAS";
  for (pugi::xml_node a = node.child(alias_tag); a; a = a.next_sibling(alias_tag)) {
    if (Status s = AddName(e, ChildText(a, "ALIAS_NAME"), KindOfQuality(ChildText(a, "QUALITY")),
                           name, NodeLine(xml, a));
        !s.ok())
      return s;
  }
  const char* addr_tag = individual ? "INDIVIDUAL_ADDRESS" : "ENTITY_ADDRESS";
  for (pugi::xml_node a = node.child(addr_tag); a; a = a.next_sibling(addr_tag)) {
    const std::string text =
        JoinNonEmpty({ChildText(a, "STREET"), ChildText(a, "CITY"), ChildText(a, "STATE_PROVINCE"),
                      ChildText(a, "ZIP_CODE"), ChildText(a, "COUNTRY")},
                     ", ");
    AddUnique(e.addresses, text);
    const std::string cc = CountryCode(ChildText(a, "COUNTRY"));
    AddUnique(e.countries, cc);
  }
  for (pugi::xml_node d = node.child("INDIVIDUAL_DATE_OF_BIRTH"); d;
       d = d.next_sibling("INDIVIDUAL_DATE_OF_BIRTH")) {
    AddUnique(e.birth_dates, NormalizeDate(ChildText(d, "DATE")));
    AddUnique(e.birth_dates, NormalizeDate(ChildText(d, "YEAR")));
    const std::string from = NormalizeDate(ChildText(d, "FROM_YEAR"));
    const std::string to = NormalizeDate(ChildText(d, "TO_YEAR"));
    if (from.size() == 4 && to.size() == 4) {
      const int a = std::stoi(from), b = std::stoi(to);
      for (int y = a; y <= b && y - a <= 20; ++y) AddUnique(e.birth_dates, std::to_string(y));
    } else {
      AddUnique(e.birth_dates, from);
      AddUnique(e.birth_dates, to);
    }
  }
  for (pugi::xml_node p = node.child("INDIVIDUAL_PLACE_OF_BIRTH"); p;
       p = p.next_sibling("INDIVIDUAL_PLACE_OF_BIRTH")) {
    AddUnique(e.birth_places, JoinNonEmpty({ChildText(p, "CITY"), ChildText(p, "STATE_PROVINCE"),
                                            ChildText(p, "COUNTRY")},
                                           ", "));
  }
  for (pugi::xml_node d = node.child("INDIVIDUAL_DOCUMENT"); d;
       d = d.next_sibling("INDIVIDUAL_DOCUMENT")) {
    const std::string_view number = ChildText(d, "NUMBER");
    if (number.empty()) continue;
    const std::string type_text = Lower(ChildText(d, "TYPE_OF_DOCUMENT"));
    IdType type = IdType::kOther;
    if (type_text.find("pass") != std::string::npos) type = IdType::kPassport;
    if (type_text.find("national") != std::string::npos) type = IdType::kNationalId;
    std::string_view country = ChildText(d, "ISSUING_COUNTRY");
    if (country.empty()) country = ChildText(d, "COUNTRY_OF_ISSUE");
    std::string note = JoinNonEmpty({ChildText(d, "TYPE_OF_DOCUMENT"), ChildText(d, "TYPE_OF_DOCUMENT2"),
                                     ChildText(d, "NOTE")},
                                    "; ");
    AddIdentifier(e, MakeIdentifier(type, number, CountryCode(country), std::move(note)));
  }
  return Ok{};
}

}  // namespace

Result<ListFile> ParseUnXml(std::string_view xml, std::string_view name) {
  pugi::xml_document doc;
  Result<pugi::xml_node> opened = OpenXmlList(doc, xml, name, "CONSOLIDATED_LIST", "a UN Consolidated List");
  if (!opened.ok()) return opened.error();
  const pugi::xml_node root = *opened;
  ListFile list = NewListFile(Format::kUnXml, name);
  list.generated = std::string(AttrText(root, "dateGenerated"));
  for (int pass = 0; pass < 2; ++pass) {
    const bool individual = pass == 0;
    pugi::xml_node group = root.child(individual ? "INDIVIDUALS" : "ENTITIES");
    const char* tag = individual ? "INDIVIDUAL" : "ENTITY";
    for (pugi::xml_node n = group.child(tag); n; n = n.next_sibling(tag)) {
      Entity e;
      if (Status s = ParseEntry(n, individual, xml, name, e); !s.ok()) return s.error();
      ++list.records;
      list.entities.push_back(std::move(e));
    }
  }
  Finish(list);
  return list;
}

// ---- Writing ---------------------------------------------------------------

namespace {

void Text(pugi::xml_node parent, const char* tag, std::string_view value) {
  parent.append_child(tag).text().set(std::string(value).c_str());
}

std::string CountryText(std::string_view code_or_name) {
  // Codes are written as the English name, as the UN does.
  if (code_or_name.size() == 2) {
    icu::UnicodeString display;
    icu::Locale("", std::string(code_or_name).c_str()).getDisplayCountry(icu::Locale::getEnglish(), display);
    std::string utf8;
    display.toUTF8String(utf8);
    if (!utf8.empty() && utf8 != code_or_name) {
      if (code_or_name == "KP") return "Democratic People's Republic of Korea";
      return utf8;
    }
  }
  return std::string(code_or_name);
}

}  // namespace

void WriteUnXml(const std::vector<Entity>& entities, std::string_view date_generated,
                std::ostream& out) {
  pugi::xml_document doc;
  pugi::xml_node decl = doc.append_child(pugi::node_declaration);
  decl.append_attribute("version") = "1.0";
  decl.append_attribute("encoding") = "UTF-8";
  pugi::xml_node root = doc.append_child("CONSOLIDATED_LIST");
  root.append_attribute("dateGenerated") = std::string(date_generated).c_str();
  pugi::xml_node individuals = root.append_child("INDIVIDUALS");
  pugi::xml_node others = root.append_child("ENTITIES");
  int dataid = 1;
  for (const Entity& e : entities) {
    const bool person = e.schema == Schema::kPerson;
    pugi::xml_node n = (person ? individuals : others).append_child(person ? "INDIVIDUAL" : "ENTITY");
    Text(n, "DATAID", std::to_string(dataid++));
    Text(n, "VERSIONNUM", "1");
    const std::string primary = e.names.empty() ? e.id : e.names[0].full;
    Text(n, "FIRST_NAME", primary);
    Text(n, "UN_LIST_TYPE", e.programmes.empty() ? "" : e.programmes[0]);
    const size_t colon = e.id.find(':');
    Text(n, "REFERENCE_NUMBER", colon == std::string::npos ? e.id : e.id.substr(colon + 1));
    Text(n, "LISTED_ON", e.listed_on);
    if (person && !e.gender.empty())
      Text(n, "GENDER", e.gender == "male" ? "Male" : e.gender == "female" ? "Female" : e.gender);
    std::string comments = e.remarks;
    if (e.schema == Schema::kVessel && !IStartsWith(comments, "Vessel."))
      comments = comments.empty() ? "Vessel." : "Vessel. " + comments;
    for (const Identifier& id : e.identifiers) {
      if ((id.type == IdType::kImo || id.type == IdType::kImoCompany) &&
          comments.find(id.value) == std::string::npos) {
        if (!comments.empty()) comments += ' ';
        comments += "IMO number: " + id.value + ".";
      }
      if (id.type == IdType::kMmsi && e.schema == Schema::kVessel && comments.find(id.value) == std::string::npos)
        comments += " MMSI: " + id.value + ".";
    }
    Text(n, "COMMENTS1", comments);
    if (person && !e.nationalities.empty()) {
      pugi::xml_node nat = n.append_child("NATIONALITY");
      for (const auto& c : e.nationalities) Text(nat, "VALUE", CountryText(c));
    }
    pugi::xml_node lt = n.append_child("LIST_TYPE");
    Text(lt, "VALUE", "UN List");
    for (size_t i = 1; i < e.names.size(); ++i) {
      const Name& a = e.names[i];
      pugi::xml_node al = n.append_child(person ? "INDIVIDUAL_ALIAS" : "ENTITY_ALIAS");
      Text(al, "QUALITY", a.kind == NameKind::kWeakAlias ? "Low"
                          : a.kind == NameKind::kFormer  ? "f.k.a."
                                                         : "Good");
      Text(al, "ALIAS_NAME", a.full);
    }
    for (const auto& addr : e.addresses) {
      pugi::xml_node ad = n.append_child(person ? "INDIVIDUAL_ADDRESS" : "ENTITY_ADDRESS");
      Text(ad, "STREET", addr);
    }
    if (person) {
      for (const auto& d : e.birth_dates) {
        pugi::xml_node dob = n.append_child("INDIVIDUAL_DATE_OF_BIRTH");
        Text(dob, "TYPE_OF_DATE", "EXACT");
        Text(dob, d.size() == 4 ? "YEAR" : "DATE", d);
      }
      for (const auto& p : e.birth_places) {
        pugi::xml_node pob = n.append_child("INDIVIDUAL_PLACE_OF_BIRTH");
        Text(pob, "CITY", p);
      }
      for (const Identifier& id : e.identifiers) {
        if (id.type != IdType::kPassport && id.type != IdType::kNationalId) continue;
        pugi::xml_node doc_node = n.append_child("INDIVIDUAL_DOCUMENT");
        Text(doc_node, "TYPE_OF_DOCUMENT",
             id.type == IdType::kPassport ? "Passport" : "National Identification Number");
        Text(doc_node, "NUMBER", id.value);
        if (!id.country.empty()) Text(doc_node, "ISSUING_COUNTRY", CountryText(id.country));
      }
    }
  }
  doc.save(out, "  ", pugi::format_default, pugi::encoding_utf8);
}

}  // namespace wk::lists
