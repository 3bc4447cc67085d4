// Routes: health, the OpenAPI document, login, logout and "who am I".
#include "api/audit_hook.h"
#include "api/service.h"
#include "core/core.h"

namespace wk::api {
namespace {

void Health(Call& call) {
  store::Store& db = call.db();
  Result<store::Statement> ping = db.Prepare("SELECT 1");
  const bool ok = ping.ok() && ping->Step().ok();
  std::shared_ptr<const ListsSnapshot> lists = call.lists();
  std::string out;
  JsonWriter w(out);
  w.BeginObject().Field("status", ok ? "ok" : "store unavailable");
  w.Field("engine", db.engine() == store::Engine::kSqlite ? "sqlite" : "postgresql");
  w.Key("lists");
  AppendVersionsJson(w, *lists);
  w.EndObject();
  call.Reply(ok ? 200 : 503, std::move(out));
}

void OpenApi(Call& call) { call.Reply(200, std::string(OpenApiText())); }

void LoginRoute(Call& call) {
  const nlohmann::json& body = call.Json();
  AllowOnly(body, {"name", "password"});
  const std::string name = GetString(body, "name", true, 64);
  const std::string password = GetString(body, "password", true, 1024);
  Result<LoginResult> r = Login(call.db(), name, password, call.req.remote_addr, call.config().login, NowMs());
  if (!r.ok()) ThrowError(r.error());
  if (r->outcome == LoginResult::Outcome::kThrottled)
    throw HttpError{429, "too many failed logins: try again later", "", r->retry_after_s};
  if (r->outcome == LoginResult::Outcome::kBadCredentials) Throw(401, "wrong name or password");
  std::string out;
  JsonWriter w(out);
  w.BeginObject().Field("token", r->token).Field("name", r->principal.name)
      .Field("role", RoleName(r->principal.role)).Key("expires").String(FormatTimeMs(r->principal.expires_ms))
      .EndObject();
  call.Reply(200, std::move(out));
}

void LogoutRoute(Call& call) {
  if (!call.who.session) Throw(400, "only a login session can log out (API tokens stay until disabled)");
  const std::string header = call.req.get_header_value("Authorization");
  const std::string token(Trim(std::string_view(header).substr(7)));
  store::Store& db = call.db();
  store::Transaction tx(db);
  if (!tx.began()) ThrowError(MakeError(ErrorCode::kIo, tx.error()));
  if (Status s = Logout(db, token); !s.ok()) ThrowError(MakeError(ErrorCode::kIo, s.error().message));
  if (Status s = RecordAudit(db, call.who.name, "logout", "account:" + call.who.name, "", ""); !s.ok())
    ThrowError(s.error());
  if (Status s = tx.Commit(); !s.ok()) ThrowError(MakeError(ErrorCode::kIo, s.error().message));
  call.ForgetTokens();
  call.Reply(200, R"({"logged_out":true})");
}

void Me(Call& call) {
  std::string out;
  JsonWriter w(out);
  w.BeginObject().Field("name", call.who.name).Field("role", RoleName(call.who.role))
      .Field("session", call.who.session).Key("expires");
  if (call.who.session) w.String(FormatTimeMs(call.who.expires_ms));
  else w.Null();
  w.EndObject();
  call.Reply(200, std::move(out));
}

}  // namespace

void AddCoreRoutes(std::vector<Route>& routes) {
  routes.push_back({"GET", "/api/v1/health", Role::kViewer, false, BodyKind::kNone, Health});
  routes.push_back({"GET", "/api/v1/openapi.json", Role::kViewer, true, BodyKind::kNone, OpenApi});
  routes.push_back({"POST", "/api/v1/login", Role::kViewer, false, BodyKind::kJson, LoginRoute});
  routes.push_back({"POST", "/api/v1/logout", Role::kViewer, true, BodyKind::kNone, LogoutRoute});
  routes.push_back({"GET", "/api/v1/me", Role::kViewer, true, BodyKind::kNone, Me});
}

}  // namespace wk::api
