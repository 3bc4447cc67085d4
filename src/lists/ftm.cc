// FollowTheMoney entity files (JSON Lines) read into entities and written
// from them: the subset of FtM's model in docs/ftm.md.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <optional>
#include <ostream>
#include <set>
#include <tuple>
#include <unordered_map>

#include "lists/parsing.h"

namespace wk::lists {

using namespace internal;

namespace {

using Json = nlohmann::json;

// FtM schema of each of ours, and back.
std::string_view FtmSchemaOf(Schema s) {
  switch (s) {
    case Schema::kPerson: return "Person";
    case Schema::kOrganization: return "Organization";
    case Schema::kVessel: return "Vessel";
    case Schema::kAircraft: return "Airplane";
    case Schema::kUnknown: break;
  }
  return "LegalEntity";
}

std::optional<Schema> ThingSchema(std::string_view s) {
  if (s == "Person") return Schema::kPerson;
  if (s == "Organization" || s == "Company" || s == "PublicBody") return Schema::kOrganization;
  if (s == "Vessel") return Schema::kVessel;
  if (s == "Airplane") return Schema::kAircraft;
  if (s == "LegalEntity") return Schema::kUnknown;
  return std::nullopt;
}

// FtM's relations between two things (followthemoney/schema/*.yaml): the
// two ends (the edge's source first) and the property FtM captions the edge
// with, kept as Relation::detail.
struct RelationSchema {
  const char *schema, *kind, *first, *second, *caption;
};
constexpr RelationSchema kRelationSchemata[] = {
    {"Ownership", "ownership", "owner", "asset", "percentage"},
    {"Directorship", "directorship", "director", "organization", "role"},
    {"Family", "family", "person", "relative", "relationship"},
    {"Associate", "associate", "person", "associate", "relationship"},
    {"Membership", "membership", "member", "organization", "role"},
    {"Employment", "employment", "employee", "employer", "role"},
    {"UnknownLink", "unknown_link", "subject", "object", "role"},
};
const RelationSchema* RelationOf(std::string_view schema) {
  for (const RelationSchema& r : kRelationSchemata)
    if (schema == r.schema) return &r;
  return nullptr;
}
const RelationSchema* RelationKind(std::string_view kind) {
  for (const RelationSchema& r : kRelationSchemata)
    if (kind == r.kind) return &r;
  return nullptr;
}

std::vector<std::string> Values(const Json& props, const char* key) {
  std::vector<std::string> out;
  auto it = props.find(key);
  if (it == props.end() || !it->is_array()) return out;
  for (const Json& v : *it)
    if (v.is_string()) out.push_back(v.get<std::string>());
  return out;
}

// What FtM's property types take (followthemoney/types/*.py): a country is
// a lower-case ISO 3166-1 alpha-2 code, a date an ISO 8601 prefix, a gender
// male, female or other.
bool FtmCountry(std::string_view code) {
  return code.size() == 2 && std::all_of(code.begin(), code.end(), [](char c) { return c >= 'A' && c <= 'Z'; }) &&
         CountryCode(code) == code;
}
bool FtmDate(std::string_view d) {
  // YYYY, YYYY-MM or YYYY-MM-DD, each part in range.
  auto digits = [&](size_t at, size_t n) {
    if (d.size() < at + n) return -1;
    int v = 0;
    for (size_t i = at; i < at + n; ++i) {
      if (d[i] < '0' || d[i] > '9') return -1;
      v = v * 10 + (d[i] - '0');
    }
    return v;
  };
  if (d.size() != 4 && d.size() != 7 && d.size() != 10) return false;
  if (digits(0, 4) < 0) return false;
  if (d.size() >= 7 && (d[4] != '-' || digits(5, 2) < 1 || digits(5, 2) > 12)) return false;
  if (d.size() == 10 && (d[7] != '-' || digits(8, 2) < 1 || digits(8, 2) > 31)) return false;
  return true;
}
bool FtmGender(std::string_view g) { return g == "male" || g == "female" || g == "other"; }

// FtM's Identification and Passport are held by a LegalEntity: a ship's or
// an aircraft's numbers are properties of the thing itself.
bool LegalEntitySchema(Schema s) { return s != Schema::kVessel && s != Schema::kAircraft; }

// The properties each schema's reader uses; any other is counted as unknown.
const std::set<std::string_view> kThingProps = {
    "name", "alias", "previousName", "weakAlias", "birthDate", "birthPlace", "nationality", "country",
    "address", "notes", "gender", "imoNumber", "mmsi", "callSign", "swiftBic", "registrationNumber",
    "passportNumber", "idNumber", "flag", "topics", "sourceUrl", "program", "createdAt", "modifiedAt",
    "firstName", "lastName", "middleName", "fatherName", "title", "position", "incorporationDate",
    "jurisdiction", "legalForm", "type", "buildDate", "tonnage", "grossRegisteredTonnage", "wikidataId",
    "summary", "keywords", "status", "addressEntity", "website", "email", "phone", "innCode", "ogrnCode",
    "leiCode", "taxNumber", "dunsCode"};
const std::set<std::string_view> kSanctionProps = {"entity", "program", "startDate", "endDate", "authority",
                                                   "reason", "listingDate", "sourceUrl", "country",
                                                   "authorityId", "unscId", "programId", "summary",
                                                   "modifiedAt", "provisions", "status"};
const std::set<std::string_view> kIdentProps = {"holder", "number", "country", "type", "summary", "authority",
                                                "startDate", "endDate", "passportNumber"};
const std::set<std::string_view> kAddressProps = {"full", "country", "city", "street", "postalCode", "region",
                                                  "summary", "remarks", "state", "postOfficeBox"};

struct Pending {
  std::string schema;
  Json props;
  size_t line = 0;
  Json extra;  // its "watchkeeper" object
};

// A relation whose two ends are things of the file (by place in `things`).
struct FoundRelation {
  const RelationSchema* schema;
  size_t first, second;
  std::string detail;
};

struct Reader {
  const FtmOptions& options;
  std::string_view name;
  FtmRead& r;
  std::vector<Entity> things;
  std::unordered_map<std::string, size_t> by_ftm_id;
  std::vector<std::string> ftm_ids;
  std::vector<std::vector<std::string>> referents;
  std::vector<std::string> sources;   // each thing's
  std::vector<bool> exact_ids;        // identifiers given whole in "watchkeeper": Identification lines add none
  std::vector<bool> same_as;          // same_as given whole in "watchkeeper"
  std::vector<Pending> linked;  // Sanction, Identification, Passport, Address, relations: after every thing is known
  std::vector<FoundRelation> relations;
  std::string source;           // the file's: --source, else the first line's first dataset, else "ftm"

  void CountUnknown(const Json& props, const std::set<std::string_view>& known) {
    for (auto it = props.begin(); it != props.end(); ++it)
      if (!known.count(it.key())) r.unknown_properties += it->is_array() ? it->size() : 1;
  }

  Status Bad(size_t line, const std::string& why) {
    const std::string msg = std::string(name) + ":" + std::to_string(line) + ": " + why;
    if (!options.lenient) return MakeError(ErrorCode::kInvalidInput, msg + " (use --lenient to skip bad lines)");
    ++r.bad_lines;
    if (r.first_errors.size() < 5) r.first_errors.push_back(msg);
    return Ok{};
  }

  Status Line(std::string_view text, size_t line) {
    if (text.size() > kMaxFtmLineBytes)
      return Bad(line, "line of " + std::to_string(text.size()) + " bytes, longer than 16 MiB");
    Json j = Json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return Bad(line, "not a JSON object");
    auto id = j.find("id");
    if (id == j.end() || !id->is_string() || id->get<std::string>().empty()) return Bad(line, "no \"id\"");
    auto schema = j.find("schema");
    if (schema == j.end() || !schema->is_string()) return Bad(line, "no \"schema\"");
    Json props = j.value("properties", Json::object());
    if (!props.is_object()) return Bad(line, "\"properties\" is not an object");
    const std::string s = schema->get<std::string>();
    if (source.empty()) {
      auto ds = j.find("datasets");
      source = ds != j.end() && ds->is_array() && !ds->empty() && (*ds)[0].is_string()
                   ? (*ds)[0].get<std::string>()
                   : "ftm";
    }
    Json extra = j.value("watchkeeper", Json::object());
    if (!extra.is_object()) extra = Json::object();
    if (std::optional<Schema> thing = ThingSchema(s)) {
      if (by_ftm_id.count(id->get<std::string>())) return Bad(line, "id " + id->get<std::string>() + " repeated");
      // Each thing is of its own first dataset unless --source says otherwise.
      std::string own = source;
      auto ds = j.find("datasets");
      if (options.source.empty() && ds != j.end() && ds->is_array() && !ds->empty() && (*ds)[0].is_string() &&
          !(*ds)[0].get<std::string>().empty())
        own = (*ds)[0].get<std::string>();
      sources.push_back(own);
      Thing(id->get<std::string>(), *thing, props, extra);
      std::vector<std::string> refs;
      auto rf = j.find("referents");
      if (rf != j.end() && rf->is_array())
        for (const Json& v : *rf)
          if (v.is_string()) refs.push_back(v.get<std::string>());
      referents.push_back(std::move(refs));
      return Ok{};
    }
    if (s == "Sanction" || s == "Identification" || s == "Passport" || s == "Address" || RelationOf(s)) {
      linked.push_back({s, std::move(props), line, std::move(extra)});
      return Ok{};
    }
    ++r.unknown_schemata;
    return Ok{};
  }

  void Thing(const std::string& ftm_id, Schema schema, const Json& props, const Json& extra) {
    CountUnknown(props, kThingProps);
    Entity e;
    e.id = ftm_id;  // the source is prefixed once every line is read
    e.schema = schema;
    auto names = [&](const char* key, NameKind kind) {
      for (const std::string& n : Values(props, key))
        if (!n.empty() && n.size() <= kMaxNameBytes) e.names.push_back({n, kind, DetectScript(n)});
    };
    if (extra.contains("names") && extra["names"].is_array()) {
      // Our export's names in the list's own order, kinds interleaved.
      for (const Json& n : extra["names"]) {
        if (!n.is_object() || !n.contains("full") || !n["full"].is_string()) continue;
        e.names.push_back({n["full"].get<std::string>(), ParseNameKindName(n.value("kind", std::string("alias"))),
                           n.value("script", std::string())});
      }
    } else {
      names("name", NameKind::kPrimary);
      names("alias", NameKind::kAlias);
      names("previousName", NameKind::kFormer);
      names("weakAlias", NameKind::kWeakAlias);
    }
    // A field our export could not write exactly in FtM's properties comes
    // whole from "watchkeeper".
    auto field = [&](const char* key, std::vector<std::string>& to, const std::vector<const char*>& props_of,
                     bool upper) {
      if (extra.contains(key)) {
        for (const std::string& v : Values(extra, key)) AddUnique(to, v);
        return;
      }
      for (const char* prop : props_of)
        for (const std::string& v : Values(props, prop)) AddUnique(to, upper ? Upper(v) : v);
    };
    field("birth_dates", e.birth_dates, {"birthDate"}, false);
    field("birth_places", e.birth_places, {"birthPlace"}, false);
    field("nationalities", e.nationalities, {"nationality"}, true);
    field("countries", e.countries, {"country", "flag"}, true);
    for (const std::string& v : Values(props, "address")) AddUnique(e.addresses, v);
    for (const std::string& v : Values(props, "program")) AddUnique(e.programmes, v);
    std::vector<std::string> notes = Values(props, "notes");
    for (size_t k = 0; k < notes.size(); ++k) e.remarks += (k ? "\n" : "") + notes[k];
    std::vector<std::string> gender = Values(props, "gender");
    if (!gender.empty()) e.gender = gender[0];
    if (extra.contains("gender") && extra["gender"].is_string()) e.gender = extra["gender"].get<std::string>();
    if (extra.contains("listed_on") && extra["listed_on"].is_string())
      e.listed_on = extra["listed_on"].get<std::string>();
    const bool exact = extra.contains("identifiers") && extra["identifiers"].is_array();
    if (exact) {
      for (const Json& id : extra["identifiers"]) {
        if (!id.is_object() || !id.contains("value") || !id["value"].is_string()) continue;
        Identifier i;
        i.type = ParseIdTypeName(id.value("type", std::string("other")));
        i.value = id["value"].get<std::string>();
        i.country = id.value("country", std::string());
        i.note = id.value("note", std::string());
        i.check_digit_valid = id.value("check_digit_valid", true);
        AddIdentifier(e, std::move(i));
      }
    }
    exact_ids.push_back(exact);
    same_as.push_back(extra.contains("same_as"));
    for (const std::string& v : Values(extra, "same_as")) AddUnique(e.same_as, v);
    auto ids = [&](const char* key, IdType type) {
      if (exact) return;  // the same numbers, given whole above
      for (const std::string& v : Values(props, key)) AddIdentifier(e, MakeIdentifier(type, v));
    };
    ids("imoNumber", IdType::kImo);
    ids("mmsi", IdType::kMmsi);
    ids("callSign", IdType::kCallSign);
    ids("swiftBic", IdType::kSwiftBic);
    ids("registrationNumber", IdType::kRegistration);
    ids("passportNumber", IdType::kPassport);
    ids("idNumber", IdType::kNationalId);
    by_ftm_id.emplace(ftm_id, things.size());
    ftm_ids.push_back(ftm_id);
    things.push_back(std::move(e));
  }

  void Relate(const Pending& p, const RelationSchema& rs) {
    ++r.relations;
    CountUnknown(p.props, {rs.first, rs.second, rs.caption});
    const std::vector<std::string> a = Values(p.props, rs.first);
    const std::vector<std::string> b = Values(p.props, rs.second);
    if (a.empty() || b.empty() || !by_ftm_id.count(a[0]) || !by_ftm_id.count(b[0])) {
      ++r.dangling;
      return;
    }
    const std::vector<std::string> caption = Values(p.props, rs.caption);
    relations.push_back({&rs, by_ftm_id[a[0]], by_ftm_id[b[0]], caption.empty() ? "" : caption[0]});
  }

  void Link(const Pending& p) {
    if (const RelationSchema* rs = RelationOf(p.schema)) return Relate(p, *rs);
    const char* ref = p.schema == "Sanction" ? "entity" : p.schema == "Address" ? "" : "holder";
    if (p.schema == "Address") {
      // An Address names no thing: things name it in addressEntity.
      CountUnknown(p.props, kAddressProps);
      return;
    }
    std::vector<std::string> target = Values(p.props, ref);
    if (target.empty() || !by_ftm_id.count(target[0])) {
      ++r.dangling;
      return;
    }
    const size_t holder = by_ftm_id[target[0]];
    Entity& e = things[holder];
    if (p.schema == "Sanction") {
      CountUnknown(p.props, kSanctionProps);
      for (const std::string& v : Values(p.props, "program")) AddUnique(e.programmes, v);
      for (const std::string& v : Values(p.props, "startDate"))
        if (e.listed_on.empty() || v < e.listed_on) e.listed_on = v.substr(0, 10);
      return;
    }
    CountUnknown(p.props, kIdentProps);
    if (exact_ids[holder]) return;
    std::vector<std::string> numbers = Values(p.props, "number");
    std::vector<std::string> types = Values(p.props, "type");
    std::vector<std::string> countries = Values(p.props, "country");
    std::vector<std::string> summary = Values(p.props, "summary");
    IdType type = p.schema == "Passport" ? IdType::kPassport : IdType::kNationalId;
    if (!types.empty()) {
      const IdType t = ParseIdTypeName(types[0]);
      if (t != IdType::kOther || types[0] == "other") type = t;
    }
    std::string country = countries.empty() ? "" : Upper(countries[0]);
    if (p.extra.contains("country") && p.extra["country"].is_string()) country = p.extra["country"].get<std::string>();
    for (const std::string& n : numbers)
      AddIdentifier(e, MakeIdentifier(type, n, country, summary.empty() ? "" : summary[0]));
  }

  std::vector<bool> in_cycle;  // per thing: its referents lead back to it

  void ReferentCycles() {
    // A referent that is itself an entity of the file whose referents lead back.
    in_cycle.assign(things.size(), false);
    for (size_t i = 0; i < things.size(); ++i) {
      std::set<size_t> seen{i};
      std::vector<size_t> stack;
      for (const std::string& ref : referents[i])
        if (by_ftm_id.count(ref)) stack.push_back(by_ftm_id[ref]);
      bool cycle = false;
      while (!stack.empty() && !cycle) {
        size_t k = stack.back();
        stack.pop_back();
        if (k == i) cycle = true;
        if (!seen.insert(k).second) continue;
        for (const std::string& ref : referents[k]) {
          auto it = by_ftm_id.find(ref);
          if (it != by_ftm_id.end()) stack.push_back(it->second);
        }
      }
      r.referent_cycles += cycle;
      in_cycle[i] = cycle;
    }
  }
};

}  // namespace

Result<FtmRead> ParseFtm(std::string_view jsonl, std::string_view name, const FtmOptions& options) {
  FtmRead r;
  Reader rd{options, name, r, {}, {}, {}, {}, {}, {}, {}, {}, {}, options.source};
  if (jsonl.size() > kMaxFileBytes) return MakeError(ErrorCode::kInvalidInput, std::string(name) + ": file larger than 1 GiB, refused");
  size_t line = 0, pos = 0;
  while (pos < jsonl.size()) {
    size_t end = jsonl.find('\n', pos);
    if (end == std::string_view::npos) end = jsonl.size();
    std::string_view text = Trim(jsonl.substr(pos, end - pos));
    pos = end + 1;
    ++line;
    if (text.empty()) continue;
    ++r.lines;
    if (Status s = rd.Line(text, line); !s.ok()) return s.error();
  }
  for (const Pending& p : rd.linked) rd.Link(p);
  rd.ReferentCycles();
  // A thing whose referents name other things of the file is their merge,
  // as OpenSanctions publishes a deduplicated entity beside the entries it
  // came from: not an entry itself, it links them into one party (kind
  // referent). In a cycle of referents nothing is a merge.
  std::vector<bool> merge(rd.things.size(), false);
  std::vector<std::vector<size_t>> merged_entries(rd.things.size());
  for (size_t i = 0; i < rd.things.size(); ++i) {
    if (rd.in_cycle[i]) continue;
    for (const std::string& ref : rd.referents[i]) {
      auto it = rd.by_ftm_id.find(ref);
      if (it != rd.by_ftm_id.end() && it->second != i) merged_entries[i].push_back(it->second);
    }
    merge[i] = !merged_entries[i].empty();
  }
  // Entity ids: "SOURCE:FTM_ID", without the "SOURCE-" our export puts in front.
  std::vector<std::string> entity_ids(rd.things.size());
  for (size_t i = 0; i < rd.things.size(); ++i) {
    const std::string& own = rd.sources[i];
    std::string_view ftm_id = rd.ftm_ids[i];
    if (ftm_id.size() > own.size() + 1 && ftm_id.starts_with(own) && ftm_id[own.size()] == '-')
      ftm_id.remove_prefix(own.size() + 1);
    entity_ids[i] = own + ":" + std::string(ftm_id);
  }
  for (size_t i = 0; i < rd.things.size(); ++i) {
    if (!merge[i]) continue;
    ++r.merged;
    std::vector<size_t> entries;
    for (size_t k : merged_entries[i])
      if (!merge[k] && std::find(entries.begin(), entries.end(), k) == entries.end()) entries.push_back(k);
    for (size_t k = 1; k < entries.size(); ++k) {
      Judgment j;
      j.a = entity_ids[entries[0]];
      j.b = entity_ids[entries[k]];
      j.reason = "FtM referents of " + rd.ftm_ids[i] + " in " + std::string(name);
      j.kind = LinkKind::kReferent;
      r.referents.push_back(std::move(j));
    }
  }
  // A relation joins two entries, kept on both; one with a merged thing at
  // an end joins no entry.
  for (const FoundRelation& f : rd.relations) {
    if (merge[f.first] || merge[f.second]) {
      ++r.dangling;
      continue;
    }
    AddRelation(rd.things[f.first], {f.schema->kind, f.schema->first, entity_ids[f.second], f.detail});
    AddRelation(rd.things[f.second], {f.schema->kind, f.schema->second, entity_ids[f.first], f.detail});
  }
  // In one order whatever the order of the lines, so an export reads back equal.
  auto by_text = [](const Relation& a, const Relation& b) {
    return std::tie(a.kind, a.role, a.other, a.detail) < std::tie(b.kind, b.role, b.other, b.detail);
  };
  for (Entity& e : rd.things) std::sort(e.relations.begin(), e.relations.end(), by_text);
  for (size_t i = 0; i < rd.things.size(); ++i) {
    if (merge[i]) continue;
    Entity& e = rd.things[i];
    e.source = rd.sources[i];
    e.id = entity_ids[i];
    // Our export's same_as (other lists' entries it cites) come whole from
    // "watchkeeper"; anyone else's referents are kept as written.
    if (!rd.same_as[i])
      for (const std::string& ref : rd.referents[i]) AddUnique(e.same_as, ref);
    auto list = std::find_if(r.lists.begin(), r.lists.end(), [&](const ListFile& l) { return l.source == e.source; });
    if (list == r.lists.end()) {
      list = r.lists.emplace(r.lists.end());
      list->source = e.source;
      list->format = Format::kUnknown;
      list->files.emplace_back(name);
    }
    ++list->records;
    list->entities.push_back(std::move(e));
  }
  if (r.lists.empty()) {  // no thing: still a version of the file's source
    r.lists.emplace_back();
    r.lists[0].source = rd.source.empty() ? "ftm" : rd.source;
    r.lists[0].files.emplace_back(name);
  }
  if (r.lists.size() == 1) r.lists[0].records = r.lines;
  for (ListFile& l : r.lists) Finish(l);
  return r;
}

namespace {

// FtM ids are "SOURCE-REFERENCE" ("un-KPi.013", "ofac-19498"): unique across
// the sources of one export, and in FtM's entity id alphabet (no ':').
std::string FtmIdOf(std::string_view entity_id) {
  std::string id(entity_id);
  if (const size_t colon = id.find(':'); colon != std::string::npos) id[colon] = '-';
  return id;
}

void WriteLine(const Json& j, std::ostream& out) {
  out << j.dump(-1, ' ', false, Json::error_handler_t::replace) << '\n';
}

// The FtM property of a ship's or aircraft's number, "" when FtM has none.
const char* ThingIdProperty(IdType t) {
  switch (t) {
    case IdType::kImo: return "imoNumber";
    case IdType::kMmsi: return "mmsi";
    case IdType::kCallSign: return "callSign";
    case IdType::kRegistration: return "registrationNumber";
    default: return "";
  }
}

Json IdentifierJson(const Identifier& id) {
  return {{"type", std::string(IdTypeName(id.type))}, {"value", id.value}, {"country", id.country},
          {"note", id.note}, {"check_digit_valid", id.check_digit_valid}};
}

// An organization some entity owns is an asset: FtM's Company, which is
// both (Organization is not an Asset); ParseFtm reads either back as one.
bool OwnedOrganization(const Entity& e) {
  return e.schema == Schema::kOrganization && std::any_of(e.relations.begin(), e.relations.end(), [](const Relation& r) {
           return r.kind == "ownership" && r.role == "asset";
         });
}

// The thing itself, with what FtM's properties cannot carry exactly in
// "watchkeeper" (see docs/ftm.md).
Json ThingJson(const Entity& e, const std::string& ftm_id) {
  const bool person = e.schema == Schema::kPerson;
  Json props = Json::object();
  Json extra = Json::object();
  auto put = [&](const char* key, const std::string& v) { props[key].push_back(v); };
  for (const Name& n : e.names) {
    switch (n.kind) {
      case NameKind::kPrimary: put("name", n.full); break;
      case NameKind::kAlias: put("alias", n.full); break;
      case NameKind::kFormer: put("previousName", n.full); break;
      case NameKind::kWeakAlias: put("weakAlias", n.full); break;
    }
  }
  // FtM keeps names by kind: a list's own order, kinds interleaved (or a
  // script other than the one the reader would detect), is kept whole.
  bool names_exact = true;
  for (size_t k = 0; k < e.names.size(); ++k)
    names_exact &= !e.names[k].full.empty() && e.names[k].full.size() <= kMaxNameBytes &&
                   e.names[k].script == DetectScript(e.names[k].full) &&
                   (k == 0 || e.names[k - 1].kind <= e.names[k].kind);
  if (!names_exact) {
    extra["names"] = Json::array();
    for (const Name& n : e.names)
      extra["names"].push_back({{"full", n.full}, {"kind", std::string(NameKindName(n.kind))}, {"script", n.script}});
  }
  // A field goes into its property when FtM takes every value (and the
  // schema has the property); otherwise the whole field, in order, goes
  // into "watchkeeper" and only the values FtM takes into the property.
  auto field = [&](const char* key, const char* prop, const std::vector<std::string>& values,
                   const std::function<bool(const std::string&)>& takes, bool lower) {
    bool all = prop != nullptr;
    for (const std::string& v : values) {
      if (prop && takes(v)) put(prop, lower ? Lower(v) : v);
      else all = false;
    }
    if (!all && !values.empty()) extra[key] = values;
  };
  auto any = [](const std::string&) { return true; };
  field("birth_dates", person ? "birthDate" : nullptr, e.birth_dates, [](const std::string& d) { return FtmDate(d); },
        false);
  field("birth_places", person ? "birthPlace" : nullptr, e.birth_places, any, false);
  field("nationalities", person ? "nationality" : nullptr, e.nationalities,
        [](const std::string& c) { return FtmCountry(c); }, true);
  field("countries", "country", e.countries, [](const std::string& c) { return FtmCountry(c); }, true);
  for (const std::string& v : e.addresses) put("address", v);
  if (!e.remarks.empty()) put("notes", e.remarks);
  if (!e.gender.empty()) {
    if (person && FtmGender(e.gender)) put("gender", e.gender);
    else extra["gender"] = e.gender;
  }
  if (!LegalEntitySchema(e.schema) && !e.identifiers.empty()) {
    for (const Identifier& id : e.identifiers)
      if (*ThingIdProperty(id.type)) put(ThingIdProperty(id.type), id.value);
    extra["identifiers"] = Json::array();
    for (const Identifier& id : e.identifiers) extra["identifiers"].push_back(IdentifierJson(id));
  }
  if (!e.listed_on.empty() && !FtmDate(e.listed_on)) extra["listed_on"] = e.listed_on;
  Json thing = {{"id", ftm_id}, {"schema", OwnedOrganization(e) ? "Company" : FtmSchemaOf(e.schema)}, {"properties", props},
                {"datasets", Json::array({e.source})}};
  // FtM's referents are the ids an entity was merged from; the entries an
  // entry cites ("UN Ref KPi.013") are no such thing.
  if (!e.same_as.empty()) extra["same_as"] = e.same_as;
  if (!extra.empty()) thing["watchkeeper"] = extra;
  return thing;
}

}  // namespace

void WriteFtm(const std::vector<Entity>& entities, std::ostream& out, const Parties* parties) {
  for (const Entity& e : entities) {
    const std::string ftm_id = FtmIdOf(e.id);
    WriteLine(ThingJson(e, ftm_id), out);
    // Identification (Passport for passports) is held by a legal entity.
    for (size_t k = 0; LegalEntitySchema(e.schema) && k < e.identifiers.size(); ++k) {
      const Identifier& id = e.identifiers[k];
      Json p = {{"holder", {ftm_id}}, {"number", {id.value}}, {"type", {std::string(IdTypeName(id.type))}}};
      if (FtmCountry(id.country)) p["country"] = {Lower(id.country)};
      if (!id.note.empty()) p["summary"] = {id.note};
      Json line = {{"id", ftm_id + "-id-" + std::to_string(k)},
                   {"schema", id.type == IdType::kPassport ? "Passport" : "Identification"},
                   {"properties", p},
                   {"datasets", Json::array({e.source})}};
      // An issuer FtM's country type cannot take is kept as written.
      if (!id.country.empty() && !FtmCountry(id.country)) line["watchkeeper"] = {{"country", id.country}};
      WriteLine(line, out);
    }
    // Each relation once, from the end FtM's edge starts at; the other end
    // reads it back onto both. A relation our model cannot name is skipped.
    for (size_t k = 0; k < e.relations.size(); ++k) {
      const Relation& rel = e.relations[k];
      const RelationSchema* rs = RelationKind(rel.kind);
      if (!rs || rel.role != rs->first) continue;
      Json p = {{rs->first, {ftm_id}}, {rs->second, {FtmIdOf(rel.other)}}};
      if (!rel.detail.empty()) p[rs->caption] = {rel.detail};
      WriteLine({{"id", ftm_id + "-rel-" + std::to_string(k)},
                 {"schema", rs->schema},
                 {"properties", p},
                 {"datasets", Json::array({e.source})}},
                out);
    }
    // One Sanction per programme; the listing date on the first (or alone).
    const size_t sanctions = std::max<size_t>(e.programmes.size(), e.listed_on.empty() ? 0 : 1);
    for (size_t k = 0; k < sanctions; ++k) {
      Json p = {{"entity", {ftm_id}}};
      if (k < e.programmes.size()) p["program"] = {e.programmes[k]};
      if (k == 0 && FtmDate(e.listed_on)) p["startDate"] = {e.listed_on};
      WriteLine({{"id", ftm_id + "-sanction-" + std::to_string(k)},
                 {"schema", "Sanction"},
                 {"properties", p},
                 {"datasets", Json::array({e.source})}},
                out);
    }
  }
  if (!parties) return;
  // Each party of two or more entries as one merged thing, the way
  // OpenSanctions publishes its deduplicated entities: its own id, the
  // party's schema, its entries' names, their FtM ids as referents.
  std::unordered_map<std::string, const Entity*> by_id;
  for (const Entity& e : entities) by_id.emplace(e.id, &e);
  size_t n = 0;
  for (const Party& party : parties->parties) {
    if (party.entries.size() < 2) continue;
    Json names = Json::array(), referents = Json::array(), datasets = Json::array();
    for (const std::string& id : party.entries) {
      auto it = by_id.find(id);
      if (it == by_id.end()) continue;
      const Entity& e = *it->second;
      if (!e.names.empty() && std::find(names.begin(), names.end(), e.names[0].full) == names.end())
        names.push_back(e.names[0].full);
      referents.push_back(FtmIdOf(id));
      if (std::find(datasets.begin(), datasets.end(), e.source) == datasets.end()) datasets.push_back(e.source);
    }
    if (referents.size() < 2) continue;
    Json props = Json::object();
    if (!names.empty()) props["name"] = names;
    WriteLine({{"id", "wk-party-" + std::to_string(++n)},
               {"schema", FtmSchemaOf(party.schema)},
               {"properties", props},
               {"referents", referents},
               {"datasets", datasets}},
              out);
  }
}

void AppendFtmReadJson(std::string& out, const FtmRead& r) {
  JsonWriter w(out);
  size_t entities = 0;
  for (const ListFile& l : r.lists) entities += l.entities.size();
  w.BeginObject().Field("ftm", r.lists.empty() || r.lists[0].files.empty() ? "" : r.lists[0].files[0]);
  w.Field("source", r.lists.empty() ? "" : r.lists[0].source);
  w.Key("sources").BeginArray();
  for (const ListFile& l : r.lists) w.String(l.source);
  w.EndArray();
  w.Field("lines", r.lines).Field("entities", entities).Field("bad_lines", r.bad_lines);
  w.Field("unknown_schemata", r.unknown_schemata).Field("unknown_properties", r.unknown_properties);
  w.Field("relations", r.relations).Field("dangling", r.dangling).Field("referent_cycles", r.referent_cycles);
  w.Field("merged", r.merged);
  w.EndObject();
}

}  // namespace wk::lists
