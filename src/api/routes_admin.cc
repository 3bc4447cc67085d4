// Routes: accounts and webhooks (admins), uploads of AIS files for ingest (analysts).
#include "api/audit_hook.h"
#include "api/service.h"
#include "core/core.h"
#include "tracks/tracks.h"

namespace wk::api {
namespace {

std::string AccountText(const Account& a) {
  std::string out;
  AppendAccountJson(out, a);
  return out;
}

void ListUsers(Call& call) {
  Result<std::vector<Account>> all = ListAccounts(call.db());
  if (!all.ok()) ThrowError(all.error());
  std::string out;
  JsonWriter w(out);
  w.BeginObject().Key("users").BeginArray();
  for (const Account& a : *all) w.Raw(AccountText(a));
  w.EndArray().EndObject();
  call.Reply(200, std::move(out));
}

void AddUser(Call& call) {
  const nlohmann::json& body = call.Json();
  AllowOnly(body, {"name", "role", "password"});
  const std::string name = GetString(body, "name", true, 64);
  if (Status s = CheckAccountName(name); !s.ok()) Throw(400, s.error().message, "name");
  const std::string role_text = GetString(body, "role", true, 16);
  std::optional<Role> role = ParseRole(role_text);
  if (!role) Throw(400, "must be viewer, analyst or admin", "role");
  const std::string password = GetString(body, "password", false, 1024);
  if (!password.empty())
    if (Status s = CheckPassword(password); !s.ok()) Throw(400, s.error().message, "password");
  Result<NewAccount> made = AddAccount(call.db(), call.who.name, name, *role);
  if (!made.ok()) ThrowError(made.error(), made.error().code == ErrorCode::kInvalidInput ? "name" : "");
  Account account = made->account;
  if (!password.empty()) {
    Result<Account> a = SetPassword(call.db(), call.who.name, name, password, call.config().password_cost);
    if (!a.ok()) ThrowError(a.error(), "password");
    account = *a;
  }
  std::string out;
  JsonWriter w(out);
  w.BeginObject().Key("user").Raw(AccountText(account)).Field("token", made->token).EndObject();
  call.Reply(201, std::move(out));
}

void DisableUser(Call& call) {
  const std::string name(call.Param("name"));
  if (!CheckAccountName(name).ok()) Throw(404, "no account named '" + name + "'");
  Result<Account> a = DisableAccount(call.db(), call.who.name, name);
  if (!a.ok()) ThrowError(a.error());
  call.ForgetTokens();
  call.Reply(200, AccountText(*a));
}

// Admins set anyone's password; every account may set its own.
void SetUserPassword(Call& call) {
  const std::string name(call.Param("name"));
  if (!CheckAccountName(name).ok()) Throw(404, "no account named '" + name + "'");
  if (name != call.who.name && !RoleAtLeast(call.who.role, Role::kAdmin))
    Throw(403, "only an admin sets another account's password");
  const nlohmann::json& body = call.Json();
  AllowOnly(body, {"password"});
  const std::string password = GetString(body, "password", true, 1024);
  if (Status s = CheckPassword(password); !s.ok()) Throw(400, s.error().message, "password");
  Result<Account> a = SetPassword(call.db(), call.who.name, name, password, call.config().password_cost);
  if (!a.ok()) ThrowError(a.error(), a.error().code == ErrorCode::kInvalidInput ? "password" : "");
  call.Reply(200, AccountText(*a));
}

void Upload(Call& call) {
  const std::string paths[] = {call.upload_path};
  Result<tracks::IngestSummary> sum = tracks::Ingest(call.db(), paths, tracks::IngestOptions{});
  if (!sum.ok()) {
    std::string message = sum.error().message;
    if (size_t at = message.find(call.upload_path); at != std::string::npos)
      message.replace(at, call.upload_path.size(), "upload");
    if (sum.error().code == ErrorCode::kIo) ThrowError(MakeError(ErrorCode::kIo, message));
    Throw(400, message, "body");
  }
  const std::string summary = tracks::IngestSummaryJson(*sum);
  // Ingest commits on its own; the audit row follows in a transaction of its own.
  AuditInOwnTransaction(call.db(), call.who.name, "upload", "", "", summary);
  // Then the rules see the new positions (a retry of a failed run skips the
  // file, already in, and derives again).
  const std::string alerts = RunAlertsJson(call);
  std::string out;
  JsonWriter w(out);
  w.BeginObject().Key("ingest").Raw(summary).Key("alerts").Raw(alerts).EndObject();
  call.Reply(201, std::move(out));
}

std::string WebhookText(const Webhook& w) {
  std::string out;
  AppendWebhookJson(out, w);
  return out;
}

void ListHooks(Call& call) {
  Result<std::vector<Webhook>> all = ListWebhooks(call.db());
  if (!all.ok()) ThrowError(all.error());
  std::string out;
  JsonWriter w(out);
  w.BeginObject().Key("webhooks").BeginArray();
  for (const Webhook& h : *all) w.Raw(WebhookText(h));
  w.EndArray().EndObject();
  call.Reply(200, std::move(out));
}

void AddHook(Call& call) {
  const nlohmann::json& body = call.Json();
  AllowOnly(body, {"url"});
  const std::string url = GetString(body, "url", true, 4096);
  if (Status s = CheckWebhookUrl(url); !s.ok()) Throw(400, s.error().message, "url");
  Result<NewWebhook> made = AddWebhook(call.db(), call.who.name, url);
  if (!made.ok()) ThrowError(made.error(), made.error().code == ErrorCode::kInvalidInput ? "url" : "");
  std::string out;
  JsonWriter w(out);
  w.BeginObject().Key("webhook").Raw(WebhookText(made->webhook)).Field("secret", made->secret).EndObject();
  call.Reply(201, std::move(out));
}

void RemoveHook(Call& call) {
  const int64_t id = PathInt(call, "id", 1, INT64_MAX);
  if (Status s = RemoveWebhook(call.db(), call.who.name, id); !s.ok()) ThrowError(s.error());
  call.Reply(200, R"({"removed":true})");
}

}  // namespace

void AddAdminRoutes(std::vector<Route>& routes) {
  routes.push_back({"GET", "/api/v1/users", Role::kAdmin, true, BodyKind::kNone, ListUsers});
  routes.push_back({"POST", "/api/v1/users", Role::kAdmin, true, BodyKind::kJson, AddUser});
  routes.push_back({"POST", "/api/v1/users/{name}/disable", Role::kAdmin, true, BodyKind::kNone, DisableUser});
  routes.push_back({"PUT", "/api/v1/users/{name}/password", Role::kViewer, true, BodyKind::kJson, SetUserPassword});
  routes.push_back({"POST", "/api/v1/uploads", Role::kAnalyst, true, BodyKind::kUpload, Upload});
  routes.push_back({"GET", "/api/v1/webhooks", Role::kAdmin, true, BodyKind::kNone, ListHooks});
  routes.push_back({"POST", "/api/v1/webhooks", Role::kAdmin, true, BodyKind::kJson, AddHook});
  routes.push_back({"DELETE", "/api/v1/webhooks/{id}", Role::kAdmin, true, BodyKind::kNone, RemoveHook});
}

}  // namespace wk::api
