// OFAC sdn_advanced.xml (the Advanced Sanctions List Standard, ADVANCED_XML.xsd).
// A normalised document: reference value sets give the meaning of every *ID
// attribute; parties, locations, documents and sanctions entries are
// separate sections joined by IDs.
//
// <Sanctions>
//   <DateOfIssue><Year/><Month/><Day/></DateOfIssue>
//   <ReferenceValueSets> AliasTypeValues/AliasType, FeatureTypeValues/FeatureType,
//     IDRegDocTypeValues/IDRegDocType, PartySubTypeValues/PartySubType,
//     NamePartTypeValues/NamePartType, CountryValues/Country (ISO2=),
//     DetailReferenceValues/DetailReference, ...
//   <Locations><Location ID><LocationCountry CountryID/><LocationPart><LocationPartValue><Value/>...
//   <IDRegDocuments><IDRegDocument IDRegDocTypeID IdentityID IssuedBy-CountryID>
//     <IDRegistrationNo/>
//   <DistinctParties><DistinctParty FixedRef><Comment/><Profile ID PartySubTypeID>
//     <Identity ID><Alias AliasTypeID Primary LowQuality><DocumentedName>
//       <DocumentedNamePart><NamePartValue NamePartGroupID ScriptID>...</NamePartValue>
//     <NamePartGroups><MasterNamePartGroup><NamePartGroup ID NamePartTypeID/>
//     <Feature FeatureTypeID><FeatureVersion><DatePeriod><Start><From><Year/>...
//       <VersionDetail DetailReferenceID>text</VersionDetail><VersionLocation LocationID/>
//   <SanctionsEntries><SanctionsEntry ProfileID><EntryEvent><Date>...</Date></EntryEvent>
//     <SanctionsMeasure><Comment>PROGRAM</Comment>
#include <map>
#include <unordered_map>

#include "lists/xml.h"

namespace wk::lists {

using namespace internal;

namespace {

using IdMap = std::unordered_map<std::string, std::string>;

// ID -> text of every child of a *Values set (e.g. AliasTypeValues/AliasType).
void ReadValues(const pugi::xml_node& sets, std::string_view set, IdMap& out, IdMap* iso2 = nullptr) {
  for (pugi::xml_node v = Child(sets, set).first_child(); v; v = v.next_sibling()) {
    if (v.type() != pugi::node_element) continue;
    const std::string id(AttrText(v, "ID"));
    out[id] = std::string(Trim(v.child_value()));
    if (iso2 != nullptr && !AttrText(v, "ISO2").empty()) (*iso2)[id] = std::string(AttrText(v, "ISO2"));
  }
}

std::string Lookup(const IdMap& m, std::string_view id) {
  auto it = m.find(std::string(id));
  return it == m.end() ? std::string() : it->second;
}

// "YYYY[-MM[-DD]]" from a <Date> or <From> with Year/Month/Day children.
std::string DateOf(const pugi::xml_node& n) {
  const std::string_view y = ChildText(n, "Year"), m = ChildText(n, "Month"), d = ChildText(n, "Day");
  if (y.empty()) return "";
  std::string t(y);
  if (!m.empty()) {
    t += (m.size() == 1 ? "-0" : "-") + std::string(m);
    if (!d.empty()) t += (d.size() == 1 ? "-0" : "-") + std::string(d);
  }
  return NormalizeDate(t);
}

struct Place {
  std::string text;
  std::string country;  // ISO2 or name
};

}  // namespace

Result<ListFile> ParseOfacAdvancedXml(std::string_view xml, std::string_view name) {
  pugi::xml_document doc;
  Result<pugi::xml_node> opened = OpenXmlList(doc, xml, name, "Sanctions", "an OFAC sdn_advanced.xml");
  if (!opened.ok()) return opened.error();
  const pugi::xml_node root = *opened;
  ListFile list = NewListFile(Format::kOfacAdvancedXml, name);
  list.generated = DateOf(Child(root, "DateOfIssue"));

  IdMap alias_types, feature_types, doc_types, sub_types, name_part_types, countries, country_iso2, details,
      programs;
  const pugi::xml_node sets = Child(root, "ReferenceValueSets");
  ReadValues(sets, "AliasTypeValues", alias_types);
  ReadValues(sets, "FeatureTypeValues", feature_types);
  ReadValues(sets, "IDRegDocTypeValues", doc_types);
  ReadValues(sets, "PartySubTypeValues", sub_types);
  ReadValues(sets, "NamePartTypeValues", name_part_types);
  ReadValues(sets, "CountryValues", countries, &country_iso2);
  ReadValues(sets, "DetailReferenceValues", details);
  ReadValues(sets, "SanctionsProgramValues", programs);
  // The published defaults when the file omits the set.
  if (sub_types.empty()) sub_types = {{"1", "Vessel"}, {"2", "Aircraft"}, {"3", "Entity"}, {"4", "Individual"}};
  if (alias_types.empty()) alias_types = {{"1400", "A.K.A."}, {"1401", "F.K.A."}, {"1402", "N.K.A."}, {"1403", "Name"}};
  auto country_code = [&](std::string_view id) {
    std::string iso = Lookup(country_iso2, id);
    if (!iso.empty()) return iso;
    const std::string n = Lookup(countries, id);
    iso = CountryCode(n);
    return iso.empty() ? n : iso;
  };

  std::unordered_map<std::string, Place> locations;
  for (pugi::xml_node l = Child(Child(root, "Locations"), "Location"); l; l = l.next_sibling()) {
    if (LocalName(l) != "Location") continue;
    Place p;
    for (pugi::xml_node part = l.first_child(); part; part = part.next_sibling()) {
      if (LocalName(part) == "LocationPart") {
        const std::string_view v = ChildText(Child(part, "LocationPartValue"), "Value");
        if (v.empty()) continue;
        if (!p.text.empty()) p.text += ", ";
        p.text += v;
      } else if (LocalName(part) == "LocationCountry") {
        p.country = country_code(AttrText(part, "CountryID"));
        const std::string cname = Lookup(countries, AttrText(part, "CountryID"));
        if (!cname.empty()) p.text += (p.text.empty() ? "" : ", ") + cname;
      }
    }
    locations[std::string(AttrText(l, "ID"))] = std::move(p);
  }

  std::unordered_multimap<std::string, Identifier> documents;  // IdentityID -> document
  for (pugi::xml_node d = Child(Child(root, "IDRegDocuments"), "IDRegDocument"); d; d = d.next_sibling()) {
    if (LocalName(d) != "IDRegDocument") continue;
    const std::string type_text = Lookup(doc_types, AttrText(d, "IDRegDocTypeID"));
    const std::string_view number = ChildText(d, "IDRegistrationNo");
    const std::string l = Lower(type_text);
    IdType t = IdType::kOther;
    if (l.find("passport") != std::string::npos) t = IdType::kPassport;
    else if (l.find("swift") != std::string::npos) t = IdType::kSwiftBic;
    else if (l.find("mmsi") != std::string::npos) t = IdType::kMmsi;
    else if (l.find("imo") != std::string::npos || IStartsWith(number, "IMO ")) t = IdType::kImo;
    else if (l.find("national id") != std::string::npos || l.find("cedula") != std::string::npos ||
             l.find("identification number") != std::string::npos)
      t = IdType::kNationalId;
    else if (l.find("registration") != std::string::npos || l.find("company number") != std::string::npos)
      t = IdType::kRegistration;
    documents.emplace(std::string(AttrText(d, "IdentityID")),
                      MakeIdentifier(t, number, country_code(AttrText(d, "IssuedBy-CountryID")), type_text));
  }

  std::unordered_map<std::string, std::vector<std::string>> profile_programs;
  std::unordered_map<std::string, std::string> profile_listed;
  for (pugi::xml_node s = Child(Child(root, "SanctionsEntries"), "SanctionsEntry"); s; s = s.next_sibling()) {
    if (LocalName(s) != "SanctionsEntry") continue;
    const std::string profile(AttrText(s, "ProfileID"));
    for (pugi::xml_node c = s.first_child(); c; c = c.next_sibling()) {
      if (LocalName(c) == "SanctionsMeasure") {
        const std::string_view comment = ChildText(c, "Comment");
        if (!comment.empty()) AddUnique(profile_programs[profile], comment);
      } else if (LocalName(c) == "EntryEvent") {
        const std::string d = DateOf(Child(c, "Date"));
        std::string& cur = profile_listed[profile];
        if (!d.empty() && (cur.empty() || d < cur)) cur = d;
      }
    }
  }

  for (pugi::xml_node dp = Child(Child(root, "DistinctParties"), "DistinctParty"); dp; dp = dp.next_sibling()) {
    if (LocalName(dp) != "DistinctParty") continue;
    const size_t line = NodeLine(xml, dp);
    ++list.records;
    const std::string_view ref = AttrText(dp, "FixedRef");
    if (ref.empty()) return ErrorAt(name, line, "DistinctParty without FixedRef");
    Entity e;
    e.source = "ofac";
    e.id = "ofac:" + std::string(ref);
    e.remarks = std::string(ChildText(dp, "Comment"));
    const pugi::xml_node profile = Child(dp, "Profile");
    const std::string sub = Lower(Lookup(sub_types, AttrText(profile, "PartySubTypeID")));
    e.schema = sub == "individual" ? Schema::kPerson
               : sub == "vessel"   ? Schema::kVessel
               : sub == "aircraft" ? Schema::kAircraft
                                   : Schema::kOrganization;
    const std::string profile_id(AttrText(profile, "ID"));
    for (const std::string& p : profile_programs[profile_id]) AddUnique(e.programmes, p);
    e.listed_on = profile_listed[profile_id];
    for (pugi::xml_node identity = profile.first_child(); identity; identity = identity.next_sibling()) {
      if (LocalName(identity) != "Identity") continue;
      // NamePartGroupID -> its type ("Last Name", "First Name", "Entity Name"...).
      IdMap group_type;
      for (pugi::xml_node m = Child(Child(identity, "NamePartGroups"), "MasterNamePartGroup"); m; m = m.next_sibling())
        for (pugi::xml_node g = m.first_child(); g; g = g.next_sibling())
          group_type[std::string(AttrText(g, "ID"))] = Lookup(name_part_types, AttrText(g, "NamePartTypeID"));
      for (pugi::xml_node alias = identity.first_child(); alias; alias = alias.next_sibling()) {
        if (LocalName(alias) != "Alias") continue;
        const std::string type = Lower(Lookup(alias_types, AttrText(alias, "AliasTypeID")));
        NameKind kind = NameKind::kAlias;
        if (IEquals(AttrText(alias, "Primary"), "true")) kind = NameKind::kPrimary;
        else if (type.find("f.k.a") != std::string::npos) kind = NameKind::kFormer;
        else if (IEquals(AttrText(alias, "LowQuality"), "true")) kind = NameKind::kWeakAlias;
        for (pugi::xml_node dn = alias.first_child(); dn; dn = dn.next_sibling()) {
          if (LocalName(dn) != "DocumentedName") continue;
          std::string last, rest;
          for (pugi::xml_node part = dn.first_child(); part; part = part.next_sibling()) {
            const pugi::xml_node v = Child(part, "NamePartValue");
            const std::string_view text = Trim(v.child_value());
            if (text.empty()) continue;
            const std::string t = Lower(Lookup(group_type, AttrText(v, "NamePartGroupID")));
            std::string& dst = t == "last name" ? last : rest;
            if (!dst.empty()) dst += ' ';
            dst += text;
          }
          // As the CSV writes individuals: "LAST, First Middle".
          const std::string full = last.empty() ? rest : rest.empty() ? last : last + ", " + rest;
          const NameKind k = kind == NameKind::kPrimary && !e.names.empty() && e.names[0].kind == NameKind::kPrimary
                                 ? NameKind::kAlias
                                 : kind;
          if (Status s = AddName(e, full, k, name, NodeLine(xml, dn)); !s.ok()) return s.error();
        }
      }
      auto range = documents.equal_range(std::string(AttrText(identity, "ID")));
      for (auto it = range.first; it != range.second; ++it) {
        Identifier id = it->second;
        if (id.type == IdType::kImo && e.schema != Schema::kVessel) id.type = IdType::kImoCompany;
        if (id.type == IdType::kImo || id.type == IdType::kImoCompany) id = MakeIdentifier(id.type, id.value, id.country, id.note);
        AddIdentifier(e, std::move(id));
      }
    }
    for (pugi::xml_node f = profile.first_child(); f; f = f.next_sibling()) {
      if (LocalName(f) != "Feature") continue;
      const std::string type = Lower(Lookup(feature_types, AttrText(f, "FeatureTypeID")));
      for (pugi::xml_node fv = f.first_child(); fv; fv = fv.next_sibling()) {
        if (LocalName(fv) != "FeatureVersion") continue;
        const pugi::xml_node detail = Child(fv, "VersionDetail");
        std::string detail_text(Trim(detail.child_value()));
        if (detail_text.empty()) detail_text = Lookup(details, AttrText(detail, "DetailReferenceID"));
        const Place* place = nullptr;
        if (pugi::xml_node vl = Child(fv, "VersionLocation")) {
          auto it = locations.find(std::string(AttrText(vl, "LocationID")));
          if (it != locations.end()) place = &it->second;
        }
        if (type == "birthdate") {
          const pugi::xml_node start = Child(Child(fv, "DatePeriod"), "Start");
          const std::string from = DateOf(Child(start, "From")), to = DateOf(Child(start, "To"));
          AddUnique(e.birth_dates, from);
          if (to != from) AddUnique(e.birth_dates, to);
        } else if (type == "place of birth") {
          AddUnique(e.birth_places, place ? std::string_view(place->text) : std::string_view(detail_text));
        } else if (type.find("nationality") != std::string::npos || type.find("citizenship") != std::string::npos) {
          if (place) AddNationality(e, place->country.empty() ? place->text : place->country);
        } else if (type == "location" || type == "address") {
          if (place) {
            AddUnique(e.addresses, place->text);
            AddUnique(e.countries, place->country.size() == 2 ? place->country : "");
          }
        } else if (type == "gender") {
          const std::string g = Lower(detail_text);
          if (g == "male" || g == "female") e.gender = g;
        } else if (type.find("call sign") != std::string::npos) {
          AddIdentifier(e, MakeIdentifier(IdType::kCallSign, detail_text, "", "Vessel Call Sign"));
        } else if (type.find("mmsi") != std::string::npos) {
          AddIdentifier(e, MakeIdentifier(IdType::kMmsi, detail_text, "", "MMSI"));
        } else if (type.find("vessel flag") != std::string::npos) {
          if (place && place->country.size() == 2) AddUnique(e.countries, place->country);
          else AddUnique(e.countries, CountryCode(detail_text));
        } else if (type.find("swift") != std::string::npos) {
          AddIdentifier(e, MakeIdentifier(IdType::kSwiftBic, detail_text, "", "SWIFT/BIC"));
        }
      }
    }
    if (e.names.empty()) return ErrorAt(name, line, "DistinctParty " + std::string(ref) + " has no name");
    list.entities.push_back(std::move(e));
  }
  Finish(list);
  return list;
}

}  // namespace wk::lists
