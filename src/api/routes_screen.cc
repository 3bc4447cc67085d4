// Routes: screening one name and batches of up to max_batch, against the
// lists' current versions (the snapshot the server keeps); one result per
// party, or per entry with ?entries=true (as `screen --entries`); each call
// is an audit row naming who asked, the names asked and the list versions
// used.
#include "api/audit_hook.h"
#include "api/service.h"
#include "core/core.h"

namespace wk::api {
namespace {

// One query object: {"name", "schema", "dob", "country", "ids":["imo:..."],
// "threshold", "limit"}. `prefix` names the field in errors ("queries[3].").
screen::Query ParseQuery(const nlohmann::json& q, const std::string& prefix) {
  if (!q.is_object()) Throw(400, "must be an object", prefix.empty() ? "body" : prefix.substr(0, prefix.size() - 1));
  for (auto it = q.begin(); it != q.end(); ++it) {
    static constexpr std::string_view kKnown[] = {"name", "schema", "dob", "country", "ids", "threshold", "limit"};
    bool known = false;
    for (std::string_view k : kKnown) known = known || it.key() == k;
    if (!known) Throw(400, "unknown field", prefix + it.key());
  }
  auto field = [&](const char* f) { return prefix + f; };
  screen::Query query;
  try {
    query.name = GetString(q, "name", true, screen::kMaxNameBytes);
    if (std::string s = GetString(q, "schema", false, 32); !s.empty()) {
      Result<lists::Schema> schema = screen::ParseSchema(s);
      if (!schema.ok()) Throw(400, schema.error().message, "schema");
      query.schema = *schema;
    }
    if (std::string d = GetString(q, "dob", false, 16); !d.empty()) {
      Result<std::string> dob = screen::ParseQueryDate(d);
      if (!dob.ok()) Throw(400, dob.error().message, "dob");
      query.dob = *dob;
    }
    if (std::string c = GetString(q, "country", false, 2); !c.empty()) {
      if (c.size() != 2 || !std::isalpha(static_cast<unsigned char>(c[0])) ||
          !std::isalpha(static_cast<unsigned char>(c[1])))
        Throw(400, "must be an ISO 3166 alpha-2 code", "country");
      query.country = Upper(c);
    }
    if (auto it = q.find("ids"); it != q.end() && !it->is_null()) {
      if (!it->is_array() || it->size() > 16) Throw(400, "must be an array of at most 16 \"type:value\" strings", "ids");
      for (const nlohmann::json& id : *it) {
        if (!id.is_string() || id.get_ref<const std::string&>().size() > 128) Throw(400, "must be a \"type:value\" string", "ids");
        Result<screen::QueryId> parsed = screen::ParseQueryId(id.get<std::string>());
        if (!parsed.ok()) Throw(400, parsed.error().message, "ids");
        query.ids.push_back(*parsed);
      }
    }
    if (auto t = GetNumber(q, "threshold", 0, 1)) query.threshold = *t;
    if (auto l = GetInt(q, "limit", 1, 100)) query.limit = static_cast<size_t>(*l);
  } catch (HttpError& e) {
    if (!e.field.empty()) e.field = field(e.field.c_str());
    throw;
  }
  Result<screen::NormalisedName> normal = screen::NormaliseName(query.name);
  if (!normal.ok()) Throw(400, normal.error().message, field("name"));
  return query;
}

std::string VersionsText(const ListsSnapshot& lists) {
  std::string out;
  JsonWriter w(out);
  AppendVersionsJson(w, lists);
  return out;
}

void AuditScreening(Call& call, std::string_view action, const std::vector<std::string>& names,
                    const ListsSnapshot& lists) {
  std::string after;
  JsonWriter w(after);
  w.BeginObject().Key("names").BeginArray();
  for (const std::string& n : names) w.String(n);
  w.EndArray().Key("list_versions").Raw(VersionsText(lists)).EndObject();
  if (Status s = call.audit().Append(call.who.name, std::string(action), "", "", std::move(after)); !s.ok())
    ThrowError(MakeError(ErrorCode::kIo, s.error().message));
}

screen::Scratch& ThreadScratch() {
  thread_local screen::Scratch scratch;
  return scratch;
}

// One query's result object, by party unless `entries`.
Result<std::string> ScreenJson(const ListsSnapshot& lists, const screen::Query& query, bool entries,
                               screen::Scratch& scratch) {
  return screen::ScreenJson(lists.index, entries ? nullptr : &lists.parties, query, scratch);
}

void ScreenOne(Call& call) {
  const screen::Query query = ParseQuery(call.Json(), "");
  const bool entries = QueryBool(call, "entries").value_or(false);
  std::shared_ptr<const ListsSnapshot> lists = call.lists();
  Result<std::string> result = ScreenJson(*lists, query, entries, ThreadScratch());
  if (!result.ok()) Throw(400, result.error().message, "name");
  AuditScreening(call, "screen.query", {query.name}, *lists);
  std::string out;
  JsonWriter w(out);
  w.BeginObject().Key("list_versions").Raw(VersionsText(*lists));
  w.Key("result").Raw(*result).EndObject();
  call.Reply(200, std::move(out));
}

void ScreenBatch(Call& call) {
  const nlohmann::json& body = call.Json();
  AllowOnly(body, {"queries"});
  auto it = body.find("queries");
  if (it == body.end() || !it->is_array()) Throw(400, "required: an array of query objects", "queries");
  if (it->empty()) Throw(400, "must hold at least one query", "queries");
  if (it->size() > call.config().max_batch)
    Throw(400, "at most " + std::to_string(call.config().max_batch) + " queries in one batch", "queries");
  std::vector<screen::Query> queries;
  queries.reserve(it->size());
  for (size_t i = 0; i < it->size(); ++i)
    queries.push_back(ParseQuery((*it)[i], "queries[" + std::to_string(i) + "]."));
  const bool entries = QueryBool(call, "entries").value_or(false);
  std::shared_ptr<const ListsSnapshot> lists = call.lists();
  std::vector<std::string> results(queries.size());
  const unsigned threads = WorkerThreads();
  std::vector<screen::Scratch> scratch(threads);
  ParallelForChunks(queries.size(), 16, threads, [&](size_t begin, size_t end, unsigned worker) {
    for (size_t i = begin; i < end; ++i) {
      Result<std::string> r = ScreenJson(*lists, queries[i], entries, scratch[worker]);
      results[i] = r.ok() ? std::move(r).value() : screen::FormatErrorJson(queries[i], r.error().message);
    }
  });
  std::vector<std::string> names;
  for (const screen::Query& q : queries) names.push_back(q.name);
  AuditScreening(call, "screen.batch", names, *lists);
  std::string out;
  JsonWriter w(out);
  w.BeginObject().Key("list_versions").Raw(VersionsText(*lists)).Key("results").BeginArray();
  for (const std::string& r : results) w.Raw(r);
  w.EndArray().EndObject();
  call.Reply(200, std::move(out));
}

}  // namespace

void AddScreenRoutes(std::vector<Route>& routes) {
  routes.push_back({"POST", "/api/v1/screen", Role::kViewer, true, BodyKind::kJson, ScreenOne});
  routes.push_back({"POST", "/api/v1/screen/batch", Role::kViewer, true, BodyKind::kJson, ScreenBatch});
}

}  // namespace wk::api
