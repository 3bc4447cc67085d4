// OFAC sdn.xml (SDN.XSD, namespace http://tempuri.org/sdnList.xsd).
//
// <sdnList>
//   <publshInformation><Publish_Date>05/03/2024</Publish_Date><Record_Count/></publshInformation>
//   <sdnEntry>
//     <uid/> <firstName/> <lastName/> <title/> <sdnType>Individual|Entity|Vessel|Aircraft</sdnType>
//     <remarks/> <programList><program/></programList>
//     <idList><id><uid/><idType/><idNumber/><idCountry/><issueDate/><expirationDate/></id></idList>
//     <akaList><aka><uid/><type>a.k.a.|f.k.a.|n.k.a.</type><category>strong|weak</category>
//       <lastName/><firstName/></aka></akaList>
//     <addressList><address><uid/><address1/><address2/><address3/><city/>
//       <stateOrProvince/><postalCode/><country/></address></addressList>
//     <nationalityList><nationality><uid/><country/><mainEntry/></nationality></nationalityList>
//     <citizenshipList>...same...</citizenshipList>
//     <dateOfBirthList><dateOfBirthItem><uid/><dateOfBirth>01 Jan 1960</dateOfBirth></dateOfBirthItem></dateOfBirthList>
//     <placeOfBirthList><placeOfBirthItem><uid/><placeOfBirth/></placeOfBirthItem></placeOfBirthList>
//     <vesselInfo><callSign/><vesselType/><vesselFlag/><vesselOwner/><tonnage/><grossRegisteredTonnage/></vesselInfo>
//   </sdnEntry>
#include "lists/xml.h"

namespace wk::lists {

using namespace internal;

namespace {

Schema SchemaOfSdnType(std::string_view t) {
  if (IEquals(t, "Individual")) return Schema::kPerson;
  if (IEquals(t, "Vessel")) return Schema::kVessel;
  if (IEquals(t, "Aircraft")) return Schema::kAircraft;
  return Schema::kOrganization;
}

// OFAC writes individuals "LAST, First" in the CSV; the XML splits them.
std::string OfacName(std::string_view last, std::string_view first) {
  last = Trim(last);
  first = Trim(first);
  if (first.empty()) return std::string(last);
  if (last.empty()) return std::string(first);
  return std::string(last) + ", " + std::string(first);
}

IdType IdTypeOfOfac(std::string_view t) {
  const std::string l = Lower(t);
  if (l.find("imo") != std::string::npos) return IdType::kImo;
  if (l.find("mmsi") != std::string::npos) return IdType::kMmsi;
  if (l.find("swift") != std::string::npos) return IdType::kSwiftBic;
  if (l.find("passport") != std::string::npos) return IdType::kPassport;
  if (l.find("call sign") != std::string::npos) return IdType::kCallSign;
  if (l.find("national id") != std::string::npos || l.find("cedula") != std::string::npos ||
      l.find("identification number") != std::string::npos || l.find("c.u.r.p") != std::string::npos ||
      l.find("d.n.i") != std::string::npos || l.find("personal id") != std::string::npos)
    return IdType::kNationalId;
  if (l.find("registration") != std::string::npos || l.find("company number") != std::string::npos ||
      l.find("tail number") != std::string::npos || l.find("registry") != std::string::npos ||
      l.find("legal entity number") != std::string::npos || l.find("credit code") != std::string::npos)
    return IdType::kRegistration;
  return IdType::kOther;
}

}  // namespace

Result<ListFile> ParseOfacSdnXml(std::string_view xml, std::string_view name) {
  pugi::xml_document doc;
  Result<pugi::xml_node> opened = OpenXmlList(doc, xml, name, "sdnList", "an OFAC sdn.xml");
  if (!opened.ok()) return opened.error();
  const pugi::xml_node root = *opened;
  ListFile list = NewListFile(Format::kOfacSdnXml, name);
  pugi::xml_node info = Child(root, "publshInformation");  // sic, OFAC's spelling
  if (!info) info = Child(root, "publishInformation");
  list.generated = NormalizeDate(ChildText(info, "Publish_Date"));
  // Publish_Date is MM/DD/YYYY: NormalizeDate reads DD/MM; swap.
  const std::string_view pd = ChildText(info, "Publish_Date");
  if (pd.size() == 10 && pd[2] == '/' && pd[5] == '/')
    list.generated = std::string(pd.substr(6, 4)) + "-" + std::string(pd.substr(0, 2)) + "-" +
                     std::string(pd.substr(3, 2));
  for (pugi::xml_node se = root.first_child(); se; se = se.next_sibling()) {
    if (se.type() != pugi::node_element || LocalName(se) != "sdnEntry") continue;
    const size_t line = NodeLine(xml, se);
    ++list.records;
    Entity e;
    e.source = "ofac";
    const std::string_view uid = ChildText(se, "uid");
    if (uid.empty()) return ErrorAt(name, line, "sdnEntry without uid");
    e.id = "ofac:" + std::string(uid);
    e.schema = SchemaOfSdnType(ChildText(se, "sdnType"));
    const std::string primary = OfacName(ChildText(se, "lastName"), ChildText(se, "firstName"));
    if (primary.empty()) return ErrorAt(name, line, "sdnEntry " + std::string(uid) + " has no name");
    if (Status s = AddName(e, primary, NameKind::kPrimary, name, line); !s.ok()) return s.error();
    for (pugi::xml_node p = Child(Child(se, "programList"), "program"); p; p = p.next_sibling())
      AddUnique(e.programmes, Trim(p.child_value()));
    for (pugi::xml_node a = Child(se, "akaList").first_child(); a; a = a.next_sibling()) {
      if (LocalName(a) != "aka") continue;
      const std::string_view type = ChildText(a, "type");
      const std::string_view category = ChildText(a, "category");
      NameKind kind = NameKind::kAlias;
      if (IEquals(type, "f.k.a.")) kind = NameKind::kFormer;
      else if (IEquals(category, "weak")) kind = NameKind::kWeakAlias;
      if (Status s = AddName(e, OfacName(ChildText(a, "lastName"), ChildText(a, "firstName")), kind, name,
                             NodeLine(xml, a));
          !s.ok())
        return s.error();
    }
    for (pugi::xml_node i = Child(se, "idList").first_child(); i; i = i.next_sibling()) {
      if (LocalName(i) != "id") continue;
      const std::string_view type = ChildText(i, "idType");
      IdType t = IdTypeOfOfac(type);
      if (IStartsWith(ChildText(i, "idNumber"), "IMO ")) t = IdType::kImo;
      if (t == IdType::kImo && e.schema != Schema::kVessel) t = IdType::kImoCompany;
      AddIdentifier(e, MakeIdentifier(t, ChildText(i, "idNumber"), CountryCode(ChildText(i, "idCountry")),
                                      std::string(type)));
    }
    for (pugi::xml_node a = Child(se, "addressList").first_child(); a; a = a.next_sibling()) {
      if (LocalName(a) != "address") continue;
      std::string text;
      for (const char* f : {"address1", "address2", "address3", "city", "stateOrProvince", "postalCode", "country"}) {
        const std::string_view v = ChildText(a, f);
        if (v.empty()) continue;
        if (!text.empty()) text += ", ";
        text += v;
      }
      AddUnique(e.addresses, text);
      AddUnique(e.countries, CountryCode(ChildText(a, "country")));
    }
    for (const char* list_tag : {"nationalityList", "citizenshipList"})
      for (pugi::xml_node n = Child(se, list_tag).first_child(); n; n = n.next_sibling())
        AddNationality(e, ChildText(n, "country"));
    for (pugi::xml_node d = Child(se, "dateOfBirthList").first_child(); d; d = d.next_sibling()) {
      const std::string_view dob = ChildText(d, "dateOfBirth");
      const size_t to = dob.find(" to ");
      if (to != std::string_view::npos) {
        AddUnique(e.birth_dates, NormalizeDate(dob.substr(0, to)));
        AddUnique(e.birth_dates, NormalizeDate(dob.substr(to + 4)));
      } else {
        AddUnique(e.birth_dates, NormalizeDate(dob));
      }
    }
    for (pugi::xml_node p = Child(se, "placeOfBirthList").first_child(); p; p = p.next_sibling())
      AddUnique(e.birth_places, ChildText(p, "placeOfBirth"));
    pugi::xml_node vessel = Child(se, "vesselInfo");
    if (vessel) {
      const std::string_view cs = ChildText(vessel, "callSign");
      if (!cs.empty()) AddIdentifier(e, MakeIdentifier(IdType::kCallSign, cs, "", "callSign"));
      AddUnique(e.countries, CountryCode(ChildText(vessel, "vesselFlag")));
    }
    e.remarks = std::string(ChildText(se, "remarks"));
    if (Status s = ApplyOfacRemarks(e, e.remarks, name, line); !s.ok()) return s.error();
    list.entities.push_back(std::move(e));
  }
  Finish(list);
  return list;
}

}  // namespace wk::lists
