// JSON of the values lists/ returns about versions: a version, a diff and its
// changes, a source's statistics, a fetch's outcome. One object each, no
// newline; cold paths, written with core's JsonWriter.
#include "lists/lists.h"

namespace wk::lists {
namespace {

void WriteVersion(JsonWriter& w, const ListVersion& v) {
  w.BeginObject()
      .Field("version", v.id)
      .Field("source", v.source)
      .Field("format", v.format)
      .Field("generated", v.generated)
      .Field("imported_at", v.imported_at)
      .Field("entities", v.entities);
  w.Key("files").BeginArray();
  for (const std::string& f : v.files) w.String(f);
  w.EndArray();
  if (v.unchanged) w.Field("unchanged", true);  // an import that added nothing says so
  w.EndObject();
}

void WriteCounts(JsonWriter& w, const std::vector<std::pair<std::string, int64_t>>& counts) {
  w.BeginObject();
  for (const auto& [key, n] : counts) w.Field(key, n);
  w.EndObject();
}

void WriteStrings(JsonWriter& w, const std::vector<std::string>& values) {
  w.BeginArray();
  for (const std::string& v : values) w.String(v);
  w.EndArray();
}

}  // namespace

void AppendListVersionJson(std::string& out, const ListVersion& v) {
  JsonWriter w(out);
  WriteVersion(w, v);
}

void AppendListDiffJson(std::string& out, const ListDiff& d) {
  int64_t added = 0, removed = 0, changed = 0;
  for (const EntityChange& c : d.changes) {
    added += c.kind == ChangeKind::kAdded;
    removed += c.kind == ChangeKind::kRemoved;
    changed += c.kind == ChangeKind::kChanged;
  }
  JsonWriter w(out);
  w.BeginObject().Field("source", d.to.source);
  w.Key("from");
  WriteVersion(w, d.from);
  w.Key("to");
  WriteVersion(w, d.to);
  w.Field("added", added).Field("removed", removed).Field("changed", changed).EndObject();
}

void AppendEntityChangeJson(std::string& out, std::string_view source, const EntityChange& c) {
  JsonWriter w(out);
  w.BeginObject()
      .Field("source", source)
      .Field("change", ChangeKindName(c.kind))
      .Field("id", c.id)
      .Field("name", c.name);
  if (c.kind == ChangeKind::kChanged) {
    w.Key("fields").BeginObject();
    for (const FieldChange& f : c.fields) {
      w.Key(f.field).BeginObject();
      w.Key("added");
      WriteStrings(w, f.added);
      w.Key("removed");
      WriteStrings(w, f.removed);
      w.EndObject();
    }
    w.EndObject();
  }
  w.EndObject();
}

void AppendSourceStatsJson(std::string& out, const SourceStats& s) {
  JsonWriter w(out);
  w.BeginObject()
      .Field("source", s.version.source)
      .Field("version", s.version.id)
      .Field("versions", s.versions)
      .Field("format", s.version.format)
      .Field("generated", s.version.generated)
      .Field("imported_at", s.version.imported_at)
      .Field("entities", s.version.entities);
  w.Key("by_schema");
  WriteCounts(w, s.by_schema);
  w.Field("names", s.names).Field("identifiers", s.identifiers);
  w.Key("identifiers_by_type");
  WriteCounts(w, s.identifiers_by_type);
  w.EndObject();
}

void AppendFetchResultJson(std::string& out, const FetchResult& r) {
  JsonWriter w(out);
  w.BeginObject()
      .Field("source", r.source)
      .Field("status", FetchStatusName(r.status))
      .Field("bytes", r.bytes);
  if (!r.error.empty()) w.Field("error", r.error);
  w.Key("version");
  WriteVersion(w, r.version);
  w.EndObject();
}

}  // namespace wk::lists
