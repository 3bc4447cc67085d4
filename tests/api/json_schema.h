// A JSON-Schema checker for the subset our OpenAPI document uses: $ref (to
// #/components/schemas/...), type (one name or a list; "integer" is a
// number without a fraction), required, properties, items, enum, minItems and
// maxItems. Unknown keywords are ignored, as JSON Schema does.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace wk::testing {

inline bool HasType(const nlohmann::json& v, const std::string& type) {
  if (type == "object") return v.is_object();
  if (type == "array") return v.is_array();
  if (type == "string") return v.is_string();
  if (type == "integer") return v.is_number_integer() || (v.is_number_float() && v.get<double>() == static_cast<double>(static_cast<int64_t>(v.get<double>())));
  if (type == "number") return v.is_number();
  if (type == "boolean") return v.is_boolean();
  if (type == "null") return v.is_null();
  return false;
}

// Appends to `errors` each place where `value` breaks `schema`, as "PATH: why".
inline void CheckSchema(const nlohmann::json& value, const nlohmann::json& schema, const nlohmann::json& doc,
                        const std::string& path, std::vector<std::string>& errors, int depth = 0) {
  if (depth > 64) {
    errors.push_back(path + ": schema too deep");
    return;
  }
  if (schema.contains("$ref")) {
    const std::string ref = schema["$ref"];
    const std::string prefix = "#/components/schemas/";
    if (ref.rfind(prefix, 0) != 0 || !doc["components"]["schemas"].contains(ref.substr(prefix.size()))) {
      errors.push_back(path + ": unresolved $ref " + ref);
      return;
    }
    CheckSchema(value, doc["components"]["schemas"][ref.substr(prefix.size())], doc, path, errors, depth + 1);
    return;
  }
  if (schema.contains("type")) {
    bool ok = false;
    if (schema["type"].is_array()) {
      for (const auto& t : schema["type"]) ok = ok || HasType(value, t.get<std::string>());
    } else {
      ok = HasType(value, schema["type"].get<std::string>());
    }
    if (!ok) {
      errors.push_back(path + ": expected type " + schema["type"].dump() + ", got " + value.dump().substr(0, 80));
      return;
    }
  }
  if (schema.contains("enum")) {
    bool found = false;
    for (const auto& e : schema["enum"]) found = found || e == value;
    if (!found) errors.push_back(path + ": " + value.dump() + " not in " + schema["enum"].dump());
  }
  if (value.is_object()) {
    if (schema.contains("required"))
      for (const auto& r : schema["required"])
        if (!value.contains(r.get<std::string>())) errors.push_back(path + ": missing required '" + r.get<std::string>() + "'");
    if (schema.contains("properties"))
      for (auto it = schema["properties"].begin(); it != schema["properties"].end(); ++it)
        if (value.contains(it.key())) CheckSchema(value[it.key()], it.value(), doc, path + "." + it.key(), errors, depth + 1);
  }
  if (value.is_array()) {
    if (schema.contains("minItems") && value.size() < schema["minItems"].get<size_t>())
      errors.push_back(path + ": fewer than " + schema["minItems"].dump() + " items");
    if (schema.contains("maxItems") && value.size() > schema["maxItems"].get<size_t>())
      errors.push_back(path + ": more than " + schema["maxItems"].dump() + " items");
    if (schema.contains("items"))
      for (size_t i = 0; i < value.size(); ++i)
        CheckSchema(value[i], schema["items"], doc, path + "[" + std::to_string(i) + "]", errors, depth + 1);
  }
}

}  // namespace wk::testing
