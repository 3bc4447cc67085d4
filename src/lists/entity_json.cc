// Entity as JSON: written by AppendEntityJson, read back by EntityFromJson,
// and the content hash of a list version over it.
#include <nlohmann/json.hpp>

#include "lists/parsing.h"

namespace wk::lists {

using namespace internal;

namespace {

std::vector<std::string> StringsOf(const nlohmann::json& j, const char* key) {
  std::vector<std::string> out;
  auto it = j.find(key);
  if (it == j.end() || !it->is_array()) return out;
  for (const auto& v : *it)
    if (v.is_string()) out.push_back(v.get<std::string>());
  return out;
}

std::string StringOf(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_string()) return "";
  return it->get<std::string>();
}

}  // namespace

// Every field of Entity, Name and Identifier is written here and read back
// in EntityFromJson; a new field must join both (then update the counts).
static_assert(FieldCount<Entity>() == 16 && FieldCount<Name>() == 3 && FieldCount<Identifier>() == 5,
              "Entity, Name or Identifier changed: update AppendEntityJson and EntityFromJson");

void AppendEntityJson(std::string& out, const Entity& e) {
  auto strings = [&out](const char* key, const std::vector<std::string>& v) {
    out += ",\"";
    out += key;
    out += "\":[";
    for (size_t i = 0; i < v.size(); ++i) {
      if (i) out += ',';
      AppendJsonString(out, v[i]);
    }
    out += ']';
  };
  out += "{\"id\":";
  AppendJsonString(out, e.id);
  out += ",\"source\":";
  AppendJsonString(out, e.source);
  out += ",\"schema\":";
  AppendJsonString(out, SchemaName(e.schema));
  out += ",\"names\":[";
  for (size_t i = 0; i < e.names.size(); ++i) {
    if (i) out += ',';
    out += "{\"name\":";
    AppendJsonString(out, e.names[i].full);
    out += ",\"kind\":";
    AppendJsonString(out, NameKindName(e.names[i].kind));
    out += ",\"script\":";
    AppendJsonString(out, e.names[i].script);
    out += '}';
  }
  out += "],\"identifiers\":[";
  for (size_t i = 0; i < e.identifiers.size(); ++i) {
    const Identifier& id = e.identifiers[i];
    if (i) out += ',';
    out += "{\"type\":";
    AppendJsonString(out, IdTypeName(id.type));
    out += ",\"value\":";
    AppendJsonString(out, id.value);
    out += ",\"country\":";
    AppendJsonString(out, id.country);
    out += ",\"valid\":";
    out += id.check_digit_valid ? "true" : "false";
    out += ",\"note\":";
    AppendJsonString(out, id.note);
    out += '}';
  }
  out += ']';
  strings("birth_dates", e.birth_dates);
  strings("birth_places", e.birth_places);
  strings("nationalities", e.nationalities);
  strings("addresses", e.addresses);
  strings("countries", e.countries);
  strings("programmes", e.programmes);
  out += ",\"listed_on\":";
  AppendJsonString(out, e.listed_on);
  out += ",\"gender\":";
  AppendJsonString(out, e.gender);
  strings("same_as", e.same_as);
  out += ",\"remarks\":";
  AppendJsonString(out, e.remarks);
  // Only when there are any: a version without relations hashes as before.
  if (!e.relations.empty()) {
    out += ",\"relations\":[";
    for (size_t i = 0; i < e.relations.size(); ++i) {
      const Relation& r = e.relations[i];
      if (i) out += ',';
      JsonWriter w(out);
      w.BeginObject().Field("kind", r.kind).Field("role", r.role).Field("other", r.other).Field("detail", r.detail);
      w.EndObject();
    }
    out += ']';
  }
  out += '}';
}


Result<Entity> EntityFromJson(std::string_view text) {
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return MakeError(ErrorCode::kInvalidInput, "entity JSON is malformed");
  Entity e;
  e.id = StringOf(j, "id");
  e.source = StringOf(j, "source");
  e.schema = ParseSchemaName(StringOf(j, "schema"));
  if (auto it = j.find("names"); it != j.end() && it->is_array()) {
    for (const auto& n : *it) {
      if (!n.is_object()) continue;
      Name name;
      name.full = StringOf(n, "name");
      name.kind = ParseNameKindName(StringOf(n, "kind"));
      name.script = StringOf(n, "script");
      e.names.push_back(std::move(name));
    }
  }
  if (auto it = j.find("identifiers"); it != j.end() && it->is_array()) {
    for (const auto& i : *it) {
      if (!i.is_object()) continue;
      Identifier id;
      id.type = ParseIdTypeName(StringOf(i, "type"));
      id.value = StringOf(i, "value");
      id.country = StringOf(i, "country");
      auto v = i.find("valid");
      id.check_digit_valid = v == i.end() || !v->is_boolean() || v->get<bool>();
      id.note = StringOf(i, "note");
      e.identifiers.push_back(std::move(id));
    }
  }
  e.birth_dates = StringsOf(j, "birth_dates");
  e.birth_places = StringsOf(j, "birth_places");
  e.nationalities = StringsOf(j, "nationalities");
  e.addresses = StringsOf(j, "addresses");
  e.countries = StringsOf(j, "countries");
  e.programmes = StringsOf(j, "programmes");
  e.listed_on = StringOf(j, "listed_on");
  e.gender = StringOf(j, "gender");
  e.same_as = StringsOf(j, "same_as");
  e.remarks = StringOf(j, "remarks");
  if (auto it = j.find("relations"); it != j.end() && it->is_array()) {
    for (const auto& r : *it)
      if (r.is_object())
        e.relations.push_back({StringOf(r, "kind"), StringOf(r, "role"), StringOf(r, "other"), StringOf(r, "detail")});
  }
  return e;
}

namespace internal {

std::string EntitiesContentHash(const std::vector<Entity>& entities, std::vector<std::string>* jsons) {
  ContentHash hash;
  std::string json;
  if (jsons) jsons->reserve(jsons->size() + entities.size());
  for (const Entity& e : entities) {
    json.clear();
    AppendEntityJson(json, e);
    hash.Add(json);
    if (jsons) jsons->push_back(json);
  }
  return hash.Hex();
}

}  // namespace internal
}  // namespace wk::lists
