// Alerts in the store: one open alert per key, joined by later runs; listed
// with filters; their status changed with an audit row.
#include <algorithm>
#include <chrono>

#include "alerts/alerts.h"
#include "alerts/alerts_sql.h"
#include "store/store.h"

namespace wk::alerts {
namespace {

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Identifies an event within its alert, so a second run adds nothing.
std::string EventKey(const AlertEvent& e) {
  return e.type + "|" + e.kind + "|" + std::to_string(e.mmsi.value) + "|" +
         (e.other_mmsi ? std::to_string(e.other_mmsi->value) : "") + "|" + std::to_string(e.start_s) + "|" +
         std::to_string(e.end_s) + "|" + e.port;
}

std::string JsonOf(const Alert& a) {
  std::string out;
  AppendAlertJson(out, a);
  return out;
}

Status InsertChildren(store::Store& db, const Alert& a, std::span<const AlertEvent> events) {
  Result<store::Statement> v = db.Prepare(sql::kInsertAlertVessel);
  if (!v.ok()) return v.error();
  for (const VesselIdentity& vi : a.vessels) {
    v->Bind(1, a.id).Bind(2, static_cast<int64_t>(vi.mmsi.value));
    if (Status s = v->Run(); !s.ok()) return s;
  }
  Result<store::Statement> e = db.Prepare(sql::kInsertAlertEvent);
  if (!e.ok()) return e.error();
  for (const AlertEvent& ev : events) {
    e->Bind(1, a.id).Bind(2, EventKey(ev));
    if (std::isfinite(ev.lat_deg) && std::isfinite(ev.lon_deg)) e->Bind(3, ev.lat_deg).Bind(4, ev.lon_deg);
    else e->BindNull(3).BindNull(4);
    if (Status s = e->Run(); !s.ok()) return s;
  }
  return Ok{};
}

Status WriteAlert(store::Store& db, const Alert& a, int64_t now_ms) {
  Result<store::Statement> u = db.Prepare(sql::kUpdateAlert);
  if (!u.ok()) return u.error();
  u->Bind(1, static_cast<int64_t>(a.severity)).Bind(2, a.status).Bind(3, a.start_s).Bind(4, a.end_s);
  u->Bind(5, a.updated_at).Bind(6, now_ms).Bind(7, JsonOf(a)).Bind(8, a.id);
  return u->Run();
}

// The stored alert with the columns that change after it is written.
Result<Alert> ReadRow(store::Statement& q) {
  Result<Alert> a = ParseAlertJson(q.Text(1));
  if (!a.ok()) return a;
  Alert out = std::move(a).value();
  out.id = q.Int(0);
  out.status = std::string(q.Text(2));
  out.updated_at = std::string(q.Text(3));
  return out;
}

// Every change to an alert is a row of the audit chain, in the change's own
// transaction: both are written or neither.
Status RecordAudit(store::Store& db, std::string_view actor, std::string_view action, const std::string& subject,
                   const std::string& before, const std::string& after) {
  Result<AuditRecord> row = AppendAudit(db, actor, action, subject, before, after);
  if (!row.ok()) return row.error();
  return Ok{};
}

constexpr std::string_view kStatuses[] = {"open", "acknowledged", "closed"};

}  // namespace

Result<RunSummary> StoreAlerts(store::Store& db, std::span<const Alert> alerts, std::string_view actor) {
  if (Status s = EnsureAlertTables(db); !s.ok()) return s.error();
  RunSummary sum;
  store::Transaction tx(db);
  if (!tx.began()) return MakeError(ErrorCode::kIo, tx.error());
  Result<store::Statement> find = db.Prepare(sql::kFindOpenAlert);
  Result<store::Statement> known = db.Prepare(sql::kAlertEventExists);
  if (!find.ok()) return find.error();
  if (!known.ok()) return known.error();
  for (const Alert& derived : alerts) {
    ++sum.derived;
    const int64_t now_ms = NowMs();
    const std::string now = FormatTimeMs(now_ms);
    find->Reset();
    find->Bind(1, derived.key);
    Result<bool> row = find->Step();
    if (!row.ok()) return row.error();
    if (!*row) {
      Alert a = derived;
      a.status = "open";
      a.created_at = a.updated_at = now;
      Result<store::Statement> ins = db.Prepare(sql::kInsertAlert);
      if (!ins.ok()) return ins.error();
      ins->Bind(1, a.key).Bind(2, std::string(RuleName(a.rule))).Bind(3, static_cast<int64_t>(a.severity));
      ins->Bind(4, a.status).Bind(5, a.start_s).Bind(6, a.end_s).Bind(7, a.created_at).Bind(8, a.updated_at);
      ins->Bind(9, now_ms).Bind(10, std::string_view("{}"));
      Result<bool> id = ins->Step();
      if (!id.ok()) return id.error();
      a.id = ins->Int(0);
      if (Status s = WriteAlert(db, a, now_ms); !s.ok()) return s.error();
      if (Status s = InsertChildren(db, a, a.events); !s.ok()) return s.error();
      const std::string after = JsonOf(a);
      Status audit = RecordAudit(db, actor, "alert.open", "alert:" + std::to_string(a.id), "", after);
      if (!audit.ok()) return audit.error();
      ++sum.opened;
      sum.opened_ids.push_back(a.id);
      continue;
    }
    Result<Alert> open = ReadRow(*find);
    find->Reset();
    if (!open.ok()) return open.error();
    Alert a = std::move(open).value();
    std::vector<AlertEvent> fresh;
    for (const AlertEvent& e : derived.events) {
      known->Reset();
      known->Bind(1, a.id).Bind(2, EventKey(e));
      Result<bool> have = known->Step();
      if (!have.ok()) return have.error();
      if (!*have) fresh.push_back(e);
    }
    known->Reset();
    const bool higher = derived.severity > a.severity;
    if (fresh.empty() && !higher) {
      ++sum.unchanged;
      continue;
    }
    const std::string before = JsonOf(a);
    a.events.insert(a.events.end(), fresh.begin(), fresh.end());
    a.start_s = std::min(a.start_s, derived.start_s);
    a.end_s = std::max(a.end_s, derived.end_s);
    a.vessels = derived.vessels;  // the newest identity and listings
    for (const AlertMeasure& m : derived.measures)
      if (std::none_of(a.measures.begin(), a.measures.end(), [&](const AlertMeasure& o) { return o.id == m.id; }))
        a.measures.push_back(m);
    if (higher) {
      a.severity = derived.severity;
      a.severity_reason = derived.severity_reason;
    }
    a.summary = derived.summary;
    a.updated_at = now;
    if (Status s = WriteAlert(db, a, now_ms); !s.ok()) return s.error();
    if (Status s = InsertChildren(db, a, fresh); !s.ok()) return s.error();
    Status audit = RecordAudit(db, actor, higher ? "alert.escalate" : "alert.join",
                                            "alert:" + std::to_string(a.id), before, JsonOf(a));
    if (!audit.ok()) return audit.error();
    ++sum.joined;
    if (higher) {
      ++sum.escalated;
      sum.escalated_ids.push_back(a.id);
    }
  }
  if (Status s = tx.Commit(); !s.ok()) return s.error();
  return sum;
}

Result<std::vector<Alert>> ListAlerts(store::Store& db, const AlertFilter& f) {
  std::vector<Alert> out;
  if (!db.TableExists("alerts")) return out;
  std::string q(sql::kSelectAlerts);
  q += " WHERE 1 = 1";
  int n = 0;
  auto param = [&] { return "?" + std::to_string(++n); };
  if (f.rule) q += " AND a.rule = " + param();
  if (f.min_severity) q += " AND a.severity >= " + param();
  if (!f.status.empty()) q += " AND a.status = " + param();
  if (f.since_s) q += " AND a.end_s >= " + param();
  if (f.changed_since_s) q += " AND a.updated_ms >= " + param();
  if (f.mmsi) q += " AND EXISTS (SELECT 1 FROM alert_vessels v WHERE v.alert_id = a.id AND v.mmsi = " + param() + ")";
  if (f.bbox) {
    const std::string p1 = param(), p2 = param(), p3 = param(), p4 = param();
    q += " AND EXISTS (SELECT 1 FROM alert_events e WHERE e.alert_id = a.id AND e.lon >= " + p1 + " AND e.lat >= " +
         p2 + " AND e.lon <= " + p3 + " AND e.lat <= " + p4 + ")";
  }
  // Numbered one statement at a time: the order of two calls in one
  // expression is unspecified.
  const std::string limit = param();
  const std::string offset = param();
  q += " ORDER BY a.id LIMIT " + limit + " OFFSET " + offset;
  Result<store::Statement> st = db.Prepare(q);
  if (!st.ok()) return st.error();
  int i = 0;
  if (f.rule) st->Bind(++i, RuleName(*f.rule));
  if (f.min_severity) st->Bind(++i, static_cast<int64_t>(*f.min_severity));
  if (!f.status.empty()) st->Bind(++i, std::string_view(f.status));
  if (f.since_s) st->Bind(++i, *f.since_s);
  if (f.changed_since_s) st->Bind(++i, *f.changed_since_s * 1000);
  if (f.mmsi) st->Bind(++i, static_cast<int64_t>(f.mmsi->value));
  if (f.bbox)
    for (double v : *f.bbox) st->Bind(++i, v);
  st->Bind(i + 1, f.limit).Bind(i + 2, f.offset);
  for (;;) {
    Result<bool> row = st->Step();
    if (!row.ok()) return row.error();
    if (!*row) break;
    Result<Alert> a = ReadRow(*st);
    if (!a.ok()) return a.error();
    out.push_back(std::move(a).value());
  }
  return out;
}

Result<Alert> GetAlert(store::Store& db, int64_t id) {
  if (!db.TableExists("alerts")) return MakeError(ErrorCode::kNotFound, "no alert " + std::to_string(id));
  Result<store::Statement> st = db.Prepare(std::string(sql::kSelectAlerts) + " WHERE a.id = ?1");
  if (!st.ok()) return st.error();
  st->Bind(1, id);
  Result<bool> row = st->Step();
  if (!row.ok()) return row.error();
  if (!*row) return MakeError(ErrorCode::kNotFound, "no alert " + std::to_string(id));
  return ReadRow(*st);
}

Result<Alert> SetAlertStatus(store::Store& db, std::string_view actor, int64_t id, std::string_view status) {
  if (std::find(std::begin(kStatuses), std::end(kStatuses), status) == std::end(kStatuses))
    return MakeError(ErrorCode::kInvalidInput,
                     "status must be open, acknowledged or closed, not \"" + std::string(status) + "\"");
  if (Status s = EnsureAlertTables(db); !s.ok()) return s.error();
  store::Transaction tx(db);
  if (!tx.began()) return MakeError(ErrorCode::kIo, tx.error());
  Result<Alert> a = GetAlert(db, id);
  if (!a.ok()) return a;
  Alert alert = std::move(a).value();
  if (alert.status == status) return alert;
  if (status != "closed") {
    // Reopening must not make a second open alert for the key.
    Result<store::Statement> other = db.Prepare(sql::kFindOpenAlert);
    if (!other.ok()) return other.error();
    other->Bind(1, alert.key);
    Result<bool> row = other->Step();
    if (!row.ok()) return row.error();
    if (*row && other->Int(0) != id)
      return MakeError(ErrorCode::kInvalidInput, "alert " + std::to_string(other->Int(0)) +
                                                     " is open for the same rule and vessels; work on that one");
  }
  const std::string before = JsonOf(alert);
  const int64_t now_ms = NowMs();
  alert.status = std::string(status);
  alert.updated_at = FormatTimeMs(now_ms);
  if (Status s = WriteAlert(db, alert, now_ms); !s.ok()) return s.error();
  Status audit = RecordAudit(db, actor, "alert.status", "alert:" + std::to_string(id), before, JsonOf(alert));
  if (!audit.ok()) return audit.error();
  if (Status s = tx.Commit(); !s.ok()) return s.error();
  return alert;
}

}  // namespace wk::alerts
