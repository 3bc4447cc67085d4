// Routes: list versions, statistics, the latest diff of a source, a source's
// current entries, one entity, and (admins) importing a list file.
#include "api/audit_hook.h"
#include "api/service.h"
#include "core/core.h"

namespace wk::api {
namespace {

std::string CheckedSource(const Call& call) {
  const std::string source(call.Param("source"));
  for (std::string_view s : {"un", "ofac", "uk", "eu"})
    if (source == s) return source;
  Throw(404, "no list source '" + source + "' (un, ofac, uk, eu)");
}

void Versions(Call& call) {
  const std::string source = QueryText(call, "source");
  if (!source.empty() && source != "un" && source != "ofac" && source != "uk" && source != "eu")
    Throw(400, "must be un, ofac, uk or eu", "source");
  Result<std::vector<lists::ListVersion>> all = lists::ListVersions(call.db(), source);
  if (!all.ok()) ThrowError(all.error());
  std::shared_ptr<const ListsSnapshot> snap = call.lists();
  std::string out;
  JsonWriter w(out);
  w.BeginObject().Key("current");
  AppendVersionsJson(w, *snap);
  w.Key("versions").BeginArray();
  for (const lists::ListVersion& v : *all) {
    std::string one;
    lists::AppendListVersionJson(one, v);
    w.Raw(one);
  }
  w.EndArray().EndObject();
  call.Reply(200, std::move(out));
}

void StatsRoute(Call& call) {
  Result<std::vector<lists::SourceStats>> stats = lists::Stats(call.db());
  if (!stats.ok()) ThrowError(stats.error());
  std::string out;
  JsonWriter w(out);
  w.BeginObject().Key("sources").BeginArray();
  for (const lists::SourceStats& s : *stats) {
    std::string one;
    lists::AppendSourceStatsJson(one, s);
    w.Raw(one);
  }
  w.EndArray().EndObject();
  call.Reply(200, std::move(out));
}

void Diff(Call& call) {
  const std::string source = CheckedSource(call);
  const int64_t limit = QueryInt(call, "limit", 1, 10000).value_or(1000);
  Result<std::vector<lists::ListDiff>> diffs = lists::DiffLatest(call.db(), source);
  if (!diffs.ok()) ThrowError(diffs.error());
  std::string out;
  JsonWriter w(out);
  w.BeginObject();
  for (const lists::ListDiff& d : *diffs) {
    std::string summary;
    lists::AppendListDiffJson(summary, d);
    w.Key("summary").Raw(summary).Key("changes").BeginArray();
    int64_t n = 0;
    for (const lists::EntityChange& c : d.changes) {
      if (n++ >= limit) break;
      std::string one;
      lists::AppendEntityChangeJson(one, d.from.source, c);
      w.Raw(one);
    }
    w.EndArray().Field("truncated", static_cast<int64_t>(d.changes.size()) > limit);
  }
  w.EndObject();
  call.Reply(200, std::move(out));
}

void Entries(Call& call) {
  const std::string source = CheckedSource(call);
  const int64_t limit = QueryInt(call, "limit", 1, 1000).value_or(100);
  const int64_t offset = QueryInt(call, "offset", 0, 100000000).value_or(0);
  const std::string schema_text = QueryText(call, "schema");
  std::optional<lists::Schema> schema;
  if (!schema_text.empty()) {
    Result<lists::Schema> s = screen::ParseSchema(schema_text);
    if (!s.ok()) Throw(400, s.error().message, "schema");
    schema = *s;
  }
  std::shared_ptr<const ListsSnapshot> snap = call.lists();
  const lists::ListVersion* version = nullptr;
  for (const lists::ListVersion& v : snap->current)
    if (v.source == source) version = &v;
  if (!version) Throw(404, "no version of list '" + source + "' has been imported");
  std::string out;
  JsonWriter w(out);
  w.BeginObject().Field("source", source).Field("version", version->id).Field("generated", version->generated);
  w.Key("entries").BeginArray();
  int64_t total = 0;
  for (const lists::Entity& e : snap->index.entities()) {
    if (e.source != source || (schema && e.schema != *schema)) continue;
    if (total >= offset && total < offset + limit) {
      std::string one;
      lists::AppendEntityJson(one, e);
      w.Raw(one);
    }
    ++total;
  }
  w.EndArray().Field("total", total).Field("offset", offset).Field("limit", limit).EndObject();
  call.Reply(200, std::move(out));
}

void EntityRoute(Call& call) {
  const std::string id(call.Param("id"));
  if (id.size() > 128 || id.find(':') == std::string::npos) Throw(404, "no entity '" + id + "'");
  Result<lists::Entity> e = lists::LoadEntity(call.db(), id);
  if (!e.ok()) ThrowError(e.error());
  std::string out;
  lists::AppendEntityJson(out, *e);
  call.Reply(200, std::move(out));
}

void Import(Call& call) {
  Result<lists::ListFile> file = lists::ReadListFile(call.upload_path);
  if (!file.ok()) {
    // The message names the temporary file: name the upload instead.
    std::string message = file.error().message;
    if (size_t at = message.find(call.upload_path); at != std::string::npos)
      message.replace(at, call.upload_path.size(), "upload");
    Throw(400, message, "body");
  }
  // The version records the file's name as the uploader gave it (?filename=), not the temporary path.
  std::string name = QueryText(call, "filename");
  if (size_t slash = name.find_last_of("/\\"); slash != std::string::npos) name = name.substr(slash + 1);
  if (name.empty() || name.size() > 128) name = "upload";
  for (std::string& f : file->files)
    if (f == call.upload_path) f = "upload:" + name;
  // ?force=true lets an older list, or one that drops most entries, in (as `lists import --force`).
  lists::ImportPolicy policy;
  policy.force = QueryBool(call, "force").value_or(false);
  store::Store& db = call.db();
  // ImportLists runs its own transaction; the audit row follows in another.
  Result<std::vector<lists::ListVersion>> versions = lists::ImportLists(db, {*file}, policy);
  if (!versions.ok()) ThrowError(versions.error());
  std::string out;
  JsonWriter w(out);
  w.BeginObject().Key("versions").BeginArray();
  for (const lists::ListVersion& v : *versions) {
    std::string one;
    lists::AppendListVersionJson(one, v);
    w.Raw(one);
  }
  w.EndArray().EndObject();
  AuditInOwnTransaction(db, call.who.name, "lists.import", "list:" + file->source, "", out);
  call.Reply(201, std::move(out));
}

}  // namespace

void AddListsRoutes(std::vector<Route>& routes) {
  routes.push_back({"GET", "/api/v1/lists", Role::kViewer, true, BodyKind::kNone, Versions});
  routes.push_back({"POST", "/api/v1/lists", Role::kAdmin, true, BodyKind::kUpload, Import});
  routes.push_back({"GET", "/api/v1/lists/stats", Role::kViewer, true, BodyKind::kNone, StatsRoute});
  routes.push_back({"GET", "/api/v1/lists/{source}/diff", Role::kViewer, true, BodyKind::kNone, Diff});
  routes.push_back({"GET", "/api/v1/lists/{source}/entries", Role::kViewer, true, BodyKind::kNone, Entries});
  routes.push_back({"GET", "/api/v1/entities/{id}", Role::kViewer, true, BodyKind::kNone, EntityRoute});
}

}  // namespace wk::api
