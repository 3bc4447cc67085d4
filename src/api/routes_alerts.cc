// Routes: the stored alerts with filters (and changed_since for polling),
// one alert, and (analysts) an alert's status and a run of the rules.
#include <cmath>
#include <cstdlib>
#include <utility>

#include "alerts/alerts.h"
#include "api/service.h"
#include "core/core.h"
#include "detect/detect.h"

namespace wk::api {

std::array<double, 4> ParseBbox(const std::string& text) {
  std::array<double, 4> b{};
  size_t start = 0;
  for (int i = 0; i < 4; ++i) {
    size_t comma = text.find(',', start);
    if ((i < 3) != (comma != std::string::npos)) Throw(400, "must be min_lon,min_lat,max_lon,max_lat", "bbox");
    const std::string part = text.substr(start, i < 3 ? comma - start : std::string::npos);
    char* end = nullptr;
    b[i] = std::strtod(part.c_str(), &end);
    if (part.empty() || !end || *end != '\0' || !std::isfinite(b[i]))
      Throw(400, "must be min_lon,min_lat,max_lon,max_lat", "bbox");
    start = comma + 1;
  }
  if (b[0] > b[2] || b[1] > b[3] || b[0] < -180 || b[2] > 180 || b[1] < -90 || b[3] > 90)
    Throw(400, "must be min_lon,min_lat,max_lon,max_lat within [-180,180] x [-90,90]", "bbox");
  return b;
}

namespace {

void ListRoute(Call& call) {
  alerts::AlertFilter f;
  if (std::string r = QueryText(call, "rule"); !r.empty()) {
    f.rule = alerts::ParseRule(r);
    if (!f.rule) Throw(400, "unknown rule", "rule");
  }
  if (std::string s = QueryText(call, "severity"); !s.empty()) {
    f.min_severity = alerts::ParseSeverity(s);
    if (!f.min_severity) Throw(400, "must be low, medium, high or critical", "severity");
  }
  if (std::string s = QueryText(call, "status"); !s.empty()) {
    if (s != "open" && s != "acknowledged" && s != "closed")
      Throw(400, "must be open, acknowledged or closed", "status");
    f.status = s;
  }
  if (auto m = QueryInt(call, "mmsi", 1, 999999999)) f.mmsi = Mmsi{static_cast<uint32_t>(*m)};
  f.since_s = QueryTime(call, "since");
  f.changed_since_s = QueryTime(call, "changed_since");
  if (std::string b = QueryText(call, "bbox"); !b.empty()) f.bbox = ParseBbox(b);
  f.limit = QueryInt(call, "limit", 1, 1000).value_or(100);
  f.offset = QueryInt(call, "offset", 0, 100000000).value_or(0);
  Result<std::vector<alerts::Alert>> found = alerts::ListAlerts(call.db(), f);
  if (!found.ok()) ThrowError(found.error());
  std::string out;
  JsonWriter w(out);
  w.BeginObject().Key("alerts").BeginArray();
  for (const alerts::Alert& a : *found) {
    std::string one;
    alerts::AppendAlertJson(one, a);
    w.Raw(one);
  }
  w.EndArray().Field("count", found->size()).Field("offset", f.offset).Field("limit", f.limit).EndObject();
  call.Reply(200, std::move(out));
}

void GetRoute(Call& call) {
  Result<alerts::Alert> a = alerts::GetAlert(call.db(), PathInt(call, "id", 1, INT64_MAX / 2));
  if (!a.ok()) ThrowError(a.error());
  std::string out;
  alerts::AppendAlertJson(out, *a);
  call.Reply(200, std::move(out));
}

void StatusRoute(Call& call) {
  const int64_t id = PathInt(call, "id", 1, INT64_MAX / 2);
  const nlohmann::json& body = call.Json();
  AllowOnly(body, {"status"});
  const std::string status = GetString(body, "status", true, 32);
  if (status != "open" && status != "acknowledged" && status != "closed")
    Throw(400, "must be open, acknowledged or closed", "status");
  Result<alerts::Alert> a = alerts::SetAlertStatus(call.db(), call.who.name, id, status);
  if (!a.ok()) ThrowError(a.error(), a.error().code == ErrorCode::kInvalidInput ? "status" : "");
  std::string out;
  alerts::AppendAlertJson(out, *a);
  call.Reply(200, std::move(out));
}

// The rules over the store as it is now: after a list import, say.
void RunRoute(Call& call) { call.Reply(200, RunAlertsJson(call)); }

}  // namespace

std::string RunAlertsJson(Call& call) {
  alerts::StoreRun run;
  run.actor = call.who.name;
  if (!call.config().ports_file.empty()) {
    Result<detect::PortTable> ports = detect::LoadPortsCsv(call.config().ports_file);
    if (!ports.ok()) ThrowError(MakeError(ErrorCode::kIo, ports.error().message));
    run.ports = std::move(ports).value();
  }
  Result<alerts::RunSummary> sum = alerts::RunAlertsOnStore(call.db(), run);
  if (!sum.ok()) ThrowError(MakeError(ErrorCode::kIo, "deriving alerts: " + sum.error().message));
  std::string out;
  alerts::AppendRunSummaryJson(out, *sum);
  return out;
}

void AddAlertRoutes(std::vector<Route>& routes) {
  routes.push_back({"GET", "/api/v1/alerts", Role::kViewer, true, BodyKind::kNone, ListRoute});
  routes.push_back({"GET", "/api/v1/alerts/{id}", Role::kViewer, true, BodyKind::kNone, GetRoute});
  routes.push_back({"POST", "/api/v1/alerts/{id}/status", Role::kAnalyst, true, BodyKind::kJson, StatusRoute});
  routes.push_back({"POST", "/api/v1/alert-runs", Role::kAnalyst, true, BodyKind::kNone, RunRoute});
}

}  // namespace wk::api
