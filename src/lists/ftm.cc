// FollowTheMoney entity files (JSON Lines) read into entities and written
// from them: the subset of FtM's model in docs/ftm.md.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <optional>
#include <ostream>
#include <set>
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

bool IsRelation(std::string_view s) {
  return s == "Ownership" || s == "Directorship" || s == "Family" || s == "Associate" ||
         s == "Membership" || s == "Employment" || s == "UnknownLink";
}

std::vector<std::string> Values(const Json& props, const char* key) {
  std::vector<std::string> out;
  auto it = props.find(key);
  if (it == props.end() || !it->is_array()) return out;
  for (const Json& v : *it)
    if (v.is_string()) out.push_back(v.get<std::string>());
  return out;
}

std::string Upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}
std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

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
};

struct Reader {
  const FtmOptions& options;
  std::string_view name;
  FtmRead& r;
  std::vector<Entity> things;
  std::unordered_map<std::string, size_t> by_ftm_id;
  std::vector<std::string> ftm_ids;
  std::vector<std::vector<std::string>> referents;
  std::vector<Pending> linked;  // Sanction, Identification, Passport, Address: after every thing is known
  std::string source;

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
    if (std::optional<Schema> thing = ThingSchema(s)) {
      if (by_ftm_id.count(id->get<std::string>())) return Bad(line, "id " + id->get<std::string>() + " repeated");
      Thing(id->get<std::string>(), *thing, props);
      std::vector<std::string> refs;
      auto rf = j.find("referents");
      if (rf != j.end() && rf->is_array())
        for (const Json& v : *rf)
          if (v.is_string()) refs.push_back(v.get<std::string>());
      referents.push_back(std::move(refs));
      return Ok{};
    }
    if (s == "Sanction" || s == "Identification" || s == "Passport" || s == "Address") {
      linked.push_back({s, std::move(props), line});
      return Ok{};
    }
    if (IsRelation(s)) {
      ++r.relations;
      return Ok{};
    }
    ++r.unknown_schemata;
    return Ok{};
  }

  void Thing(const std::string& ftm_id, Schema schema, const Json& props) {
    CountUnknown(props, kThingProps);
    Entity e;
    e.id = ftm_id;  // the source is prefixed once every line is read
    e.schema = schema;
    auto names = [&](const char* key, NameKind kind) {
      for (const std::string& n : Values(props, key))
        if (!n.empty() && n.size() <= kMaxNameBytes) e.names.push_back({n, kind, DetectScript(n)});
    };
    names("name", NameKind::kPrimary);
    names("alias", NameKind::kAlias);
    names("previousName", NameKind::kFormer);
    names("weakAlias", NameKind::kWeakAlias);
    for (const std::string& v : Values(props, "birthDate")) AddUnique(e.birth_dates, v);
    for (const std::string& v : Values(props, "birthPlace")) AddUnique(e.birth_places, v);
    for (const std::string& v : Values(props, "nationality")) AddUnique(e.nationalities, Upper(v));
    for (const std::string& v : Values(props, "country")) AddUnique(e.countries, Upper(v));
    for (const std::string& v : Values(props, "flag")) AddUnique(e.countries, Upper(v));
    for (const std::string& v : Values(props, "address")) AddUnique(e.addresses, v);
    for (const std::string& v : Values(props, "program")) AddUnique(e.programmes, v);
    std::vector<std::string> notes = Values(props, "notes");
    for (size_t k = 0; k < notes.size(); ++k) e.remarks += (k ? "\n" : "") + notes[k];
    std::vector<std::string> gender = Values(props, "gender");
    if (!gender.empty()) e.gender = gender[0];
    auto ids = [&](const char* key, IdType type) {
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

  void Link(const Pending& p) {
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
    Entity& e = things[by_ftm_id[target[0]]];
    if (p.schema == "Sanction") {
      CountUnknown(p.props, kSanctionProps);
      for (const std::string& v : Values(p.props, "program")) AddUnique(e.programmes, v);
      for (const std::string& v : Values(p.props, "startDate"))
        if (e.listed_on.empty() || v < e.listed_on) e.listed_on = v.substr(0, 10);
      return;
    }
    CountUnknown(p.props, kIdentProps);
    std::vector<std::string> numbers = Values(p.props, "number");
    std::vector<std::string> types = Values(p.props, "type");
    std::vector<std::string> countries = Values(p.props, "country");
    std::vector<std::string> summary = Values(p.props, "summary");
    IdType type = p.schema == "Passport" ? IdType::kPassport : IdType::kNationalId;
    if (!types.empty()) {
      const IdType t = ParseIdTypeName(types[0]);
      if (t != IdType::kOther || types[0] == "other") type = t;
    }
    for (const std::string& n : numbers)
      AddIdentifier(e, MakeIdentifier(type, n, countries.empty() ? "" : Upper(countries[0]),
                                      summary.empty() ? "" : summary[0]));
  }

  void ReferentCycles() {
    // A referent that is itself an entity of the file whose referents lead back.
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
    }
  }
};

}  // namespace

Result<FtmRead> ParseFtm(std::string_view jsonl, std::string_view name, const FtmOptions& options) {
  FtmRead r;
  Reader rd{options, name, r, {}, {}, {}, {}, {}, options.source};
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
  if (rd.source.empty()) rd.source = "ftm";
  r.list.source = rd.source;
  r.list.format = Format::kUnknown;
  r.list.files.emplace_back(name);
  r.list.records = r.lines;
  for (size_t i = 0; i < rd.things.size(); ++i) {
    Entity& e = rd.things[i];
    e.source = rd.source;
    e.id = rd.source + ":" + e.id;
    for (const std::string& ref : rd.referents[i]) AddUnique(e.same_as, ref);
    r.list.entities.push_back(std::move(e));
  }
  Finish(r.list);
  return r;
}

void WriteFtm(const std::vector<Entity>& entities, std::ostream& out) {
  for (const Entity& e : entities) {
    const std::string ftm_id = e.id.substr(e.id.find(':') + 1);
    Json props = Json::object();
    auto put = [&](const char* key, const std::string& v) { props[key].push_back(v); };
    for (const Name& n : e.names) {
      switch (n.kind) {
        case NameKind::kPrimary: put("name", n.full); break;
        case NameKind::kAlias: put("alias", n.full); break;
        case NameKind::kFormer: put("previousName", n.full); break;
        case NameKind::kWeakAlias: put("weakAlias", n.full); break;
      }
    }
    for (const std::string& v : e.birth_dates) put("birthDate", v);
    for (const std::string& v : e.birth_places) put("birthPlace", v);
    for (const std::string& v : e.nationalities) put("nationality", Lower(v));
    for (const std::string& v : e.countries) put("country", Lower(v));
    for (const std::string& v : e.addresses) put("address", v);
    if (!e.remarks.empty()) put("notes", e.remarks);
    if (!e.gender.empty()) put("gender", e.gender);
    Json thing = {{"id", ftm_id}, {"schema", FtmSchemaOf(e.schema)}, {"properties", props},
                  {"datasets", Json::array({e.source})}};
    if (!e.same_as.empty()) thing["referents"] = e.same_as;
    out << thing.dump(-1, ' ', false, Json::error_handler_t::replace) << '\n';
    for (size_t k = 0; k < e.identifiers.size(); ++k) {
      const Identifier& id = e.identifiers[k];
      Json p = {{"holder", {ftm_id}}, {"number", {id.value}}, {"type", {std::string(IdTypeName(id.type))}}};
      if (!id.country.empty()) p["country"] = {Lower(id.country)};
      if (!id.note.empty()) p["summary"] = {id.note};
      Json line = {{"id", ftm_id + "-id-" + std::to_string(k)},
                   {"schema", id.type == IdType::kPassport ? "Passport" : "Identification"},
                   {"properties", p},
                   {"datasets", Json::array({e.source})}};
      out << line.dump(-1, ' ', false, Json::error_handler_t::replace) << '\n';
    }
    // One Sanction per programme; the listing date on the first (or alone).
    const size_t sanctions = std::max<size_t>(e.programmes.size(), e.listed_on.empty() ? 0 : 1);
    for (size_t k = 0; k < sanctions; ++k) {
      Json p = {{"entity", {ftm_id}}};
      if (k < e.programmes.size()) p["program"] = {e.programmes[k]};
      if (k == 0 && !e.listed_on.empty()) p["startDate"] = {e.listed_on};
      Json line = {{"id", ftm_id + "-sanction-" + std::to_string(k)},
                   {"schema", "Sanction"},
                   {"properties", p},
                   {"datasets", Json::array({e.source})}};
      out << line.dump(-1, ' ', false, Json::error_handler_t::replace) << '\n';
    }
  }
}

void AppendFtmReadJson(std::string& out, const FtmRead& r) {
  JsonWriter w(out);
  w.BeginObject().Field("ftm", r.list.files.empty() ? "" : r.list.files[0]).Field("source", r.list.source);
  w.Field("lines", r.lines).Field("entities", r.list.entities.size()).Field("bad_lines", r.bad_lines);
  w.Field("unknown_schemata", r.unknown_schemata).Field("unknown_properties", r.unknown_properties);
  w.Field("relations", r.relations).Field("dangling", r.dangling).Field("referent_cycles", r.referent_cycles);
  w.EndObject();
}

}  // namespace wk::lists
