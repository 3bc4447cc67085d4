// Routes: cases (create, list, show, assign, status, notes, tags, alerts,
// close, propose, approve, reject: analysts change, viewers read) and the
// audit trail (export and verify). Four-eyes is alerts' rule; a refusal by it
// is 403 here, any other refused change 400 naming the field.
#include "api/service.h"
#include "core/core.h"

namespace wk::api {
namespace {

int64_t CaseId(const Call& call) { return PathInt(call, "id", 1, INT64_MAX / 2); }

[[noreturn]] void CaseError(const Error& e, const char* field) {
  if (e.code == ErrorCode::kInvalidInput && e.message.rfind("four-eyes", 0) == 0) Throw(403, e.message);
  ThrowError(e, e.code == ErrorCode::kInvalidInput ? field : "");
}

void ReplyCase(Call& call, const Result<alerts::Case>& c, const char* field, int status = 200) {
  if (!c.ok()) CaseError(c.error(), field);
  std::string out;
  alerts::AppendCaseJson(out, *c);
  call.Reply(status, std::move(out));
}

std::vector<int64_t> AlertIds(const nlohmann::json& body, const char* field, bool required) {
  auto it = body.find(field);
  if (it == body.end() || it->is_null()) {
    if (required) Throw(400, "required: an array of alert ids", field);
    return {};
  }
  if (!it->is_array() || it->size() > alerts::kMaxCaseAlerts)
    Throw(400, "must be an array of at most " + std::to_string(alerts::kMaxCaseAlerts) + " alert ids", field);
  std::vector<int64_t> ids;
  for (const nlohmann::json& v : *it) {
    if (!v.is_number_integer() || v.get<int64_t>() < 1) Throw(400, "alert ids are positive integers", field);
    ids.push_back(v.get<int64_t>());
  }
  return ids;
}

alerts::CaseOutcome Outcome(const nlohmann::json& body) {
  std::optional<alerts::CaseOutcome> o = alerts::ParseCaseOutcome(GetString(body, "outcome", true, 32));
  if (!o) Throw(400, "must be confirmed, false_positive or inconclusive", "outcome");
  return *o;
}

void ListRoute(Call& call) {
  alerts::CaseFilter f;
  if (std::string s = QueryText(call, "status"); !s.empty()) {
    f.status = alerts::ParseCaseStatus(s);
    if (!f.status) Throw(400, "must be open, investigating or closed", "status");
  }
  f.assignee = QueryText(call, "assignee");
  f.tag = QueryText(call, "tag");
  f.alert_id = QueryInt(call, "alert", 1, INT64_MAX / 2);
  f.limit = QueryInt(call, "limit", 1, 1000).value_or(100);
  f.offset = QueryInt(call, "offset", 0, 100000000).value_or(0);
  Result<std::vector<alerts::Case>> cases = alerts::ListCases(call.db(), f);
  if (!cases.ok()) ThrowError(cases.error());
  std::string out;
  JsonWriter w(out);
  w.BeginObject().Key("cases").BeginArray();
  for (const alerts::Case& c : *cases) {
    std::string one;
    alerts::AppendCaseJson(one, c);
    w.Raw(one);
  }
  w.EndArray().Field("count", cases->size()).Field("offset", f.offset).Field("limit", f.limit).EndObject();
  call.Reply(200, std::move(out));
}

void Create(Call& call) {
  const nlohmann::json& body = call.Json();
  AllowOnly(body, {"title", "alerts"});
  const std::string title = GetString(body, "title", true, alerts::kMaxCaseTitleBytes);
  const std::vector<int64_t> ids = AlertIds(body, "alerts", false);
  Result<alerts::Case> c = alerts::CreateCase(call.db(), call.who.name, title, ids);
  if (!c.ok() && c.error().code == ErrorCode::kNotFound) Throw(400, c.error().message, "alerts");
  ReplyCase(call, c, "title", 201);
}

void Show(Call& call) { ReplyCase(call, alerts::GetCase(call.db(), CaseId(call)), ""); }

void Assign(Call& call) {
  const nlohmann::json& body = call.Json();
  AllowOnly(body, {"assignee"});
  auto it = body.find("assignee");
  if (it == body.end()) Throw(400, "required (\"\" or null unassigns)", "assignee");
  const std::string assignee = GetString(body, "assignee", false, 64);
  if (!assignee.empty())
    if (Status s = CheckAccountName(assignee); !s.ok()) Throw(400, s.error().message, "assignee");
  ReplyCase(call, alerts::AssignCase(call.db(), call.who.name, CaseId(call), assignee), "assignee");
}

void StatusRoute(Call& call) {
  const nlohmann::json& body = call.Json();
  AllowOnly(body, {"status"});
  std::optional<alerts::CaseStatus> to = alerts::ParseCaseStatus(GetString(body, "status", true, 32));
  if (!to) Throw(400, "must be open, investigating or closed", "status");
  ReplyCase(call, alerts::SetCaseStatus(call.db(), call.who.name, CaseId(call), *to), "status");
}

void Note(Call& call) {
  const nlohmann::json& body = call.Json();
  AllowOnly(body, {"text"});
  const std::string text = GetString(body, "text", true, alerts::kMaxCaseNoteBytes);
  ReplyCase(call, alerts::AddCaseNote(call.db(), call.who.name, CaseId(call), text), "text");
}

void Tag(Call& call) {
  const nlohmann::json& body = call.Json();
  AllowOnly(body, {"tag"});
  const std::string tag = GetString(body, "tag", true, alerts::kMaxCaseTagBytes);
  ReplyCase(call, alerts::TagCase(call.db(), call.who.name, CaseId(call), tag), "tag");
}

void Untag(Call& call) {
  const std::string tag(call.Param("tag"));
  if (tag.size() > alerts::kMaxCaseTagBytes) Throw(404, "no such tag");
  ReplyCase(call, alerts::UntagCase(call.db(), call.who.name, CaseId(call), tag), "tag");
}

void AddAlerts(Call& call) {
  const nlohmann::json& body = call.Json();
  AllowOnly(body, {"alerts"});
  const std::vector<int64_t> ids = AlertIds(body, "alerts", true);
  const int64_t id = CaseId(call);
  Result<alerts::Case> c = alerts::AddAlertsToCase(call.db(), call.who.name, id, ids);
  if (!c.ok() && c.error().code == ErrorCode::kNotFound && alerts::GetCase(call.db(), id).ok())
    Throw(400, c.error().message, "alerts");
  ReplyCase(call, c, "alerts");
}

void Close(Call& call) {
  const nlohmann::json& body = call.Json();
  AllowOnly(body, {"outcome"});
  ReplyCase(call, alerts::CloseCase(call.db(), call.who.name, CaseId(call), Outcome(body)), "outcome");
}

void Propose(Call& call) {
  const nlohmann::json& body = call.Json();
  AllowOnly(body, {"outcome"});
  ReplyCase(call, alerts::ProposeOutcome(call.db(), call.who.name, CaseId(call), Outcome(body)), "outcome");
}

void Approve(Call& call) { ReplyCase(call, alerts::ApproveOutcome(call.db(), call.who.name, CaseId(call)), ""); }

void Reject(Call& call) {
  const nlohmann::json& body = call.Json();
  AllowOnly(body, {"reason"});
  const std::string reason = GetString(body, "reason", true, alerts::kMaxCaseNoteBytes);
  ReplyCase(call, alerts::RejectProposal(call.db(), call.who.name, CaseId(call), reason), "reason");
}

void AuditExport(Call& call) {
  const std::string format = QueryText(call, "format");
  if (!format.empty() && format != "json" && format != "jsonl" && format != "csv")
    Throw(400, "must be json, jsonl or csv", "format");
  std::optional<int64_t> from = QueryTime(call, "from"), to = QueryTime(call, "to");
  Result<std::vector<alerts::AuditRecord>> rows = alerts::ReadAudit(call.db(), from, to);
  if (!rows.ok()) ThrowError(rows.error());
  std::string out;
  if (format == "csv") {
    out = std::string(alerts::kAuditCsvHeader);
    for (const alerts::AuditRecord& r : *rows) alerts::AppendAuditCsv(out, r);
    call.res.status = 200;
    call.res.set_content(std::move(out), "text/csv");
    return;
  }
  if (format == "jsonl") {
    for (const alerts::AuditRecord& r : *rows) {
      alerts::AppendAuditJson(out, r);
      out += '\n';
    }
    call.res.status = 200;
    call.res.set_content(std::move(out), "application/x-ndjson");
    return;
  }
  JsonWriter w(out);
  w.BeginObject().Key("records").BeginArray();
  for (const alerts::AuditRecord& r : *rows) {
    std::string one;
    alerts::AppendAuditJson(one, r);
    w.Raw(one);
  }
  w.EndArray().Field("count", rows->size()).EndObject();
  call.Reply(200, std::move(out));
}

void AuditVerify(Call& call) {
  const std::string expect = QueryText(call, "expect_head");
  Result<alerts::AuditCheck> check = alerts::VerifyAudit(call.db(), expect);
  if (!check.ok()) ThrowError(check.error(), "expect_head");
  std::string out;
  alerts::AppendAuditCheckJson(out, *check);
  call.Reply(200, std::move(out));
}

}  // namespace

void AddCaseRoutes(std::vector<Route>& routes) {
  const Role a = Role::kAnalyst;
  routes.push_back({"GET", "/api/v1/cases", Role::kViewer, true, BodyKind::kNone, ListRoute});
  routes.push_back({"POST", "/api/v1/cases", a, true, BodyKind::kJson, Create});
  routes.push_back({"GET", "/api/v1/cases/{id}", Role::kViewer, true, BodyKind::kNone, Show});
  routes.push_back({"POST", "/api/v1/cases/{id}/assign", a, true, BodyKind::kJson, Assign});
  routes.push_back({"POST", "/api/v1/cases/{id}/status", a, true, BodyKind::kJson, StatusRoute});
  routes.push_back({"POST", "/api/v1/cases/{id}/notes", a, true, BodyKind::kJson, Note});
  routes.push_back({"POST", "/api/v1/cases/{id}/tags", a, true, BodyKind::kJson, Tag});
  routes.push_back({"DELETE", "/api/v1/cases/{id}/tags/{tag}", a, true, BodyKind::kNone, Untag});
  routes.push_back({"POST", "/api/v1/cases/{id}/alerts", a, true, BodyKind::kJson, AddAlerts});
  routes.push_back({"POST", "/api/v1/cases/{id}/close", a, true, BodyKind::kJson, Close});
  routes.push_back({"POST", "/api/v1/cases/{id}/propose", a, true, BodyKind::kJson, Propose});
  routes.push_back({"POST", "/api/v1/cases/{id}/approve", a, true, BodyKind::kNone, Approve});
  routes.push_back({"POST", "/api/v1/cases/{id}/reject", a, true, BodyKind::kJson, Reject});
  routes.push_back({"GET", "/api/v1/audit", a, true, BodyKind::kNone, AuditExport});
  routes.push_back({"GET", "/api/v1/audit/verify", Role::kAdmin, true, BodyKind::kNone, AuditVerify});
}

}  // namespace wk::api
