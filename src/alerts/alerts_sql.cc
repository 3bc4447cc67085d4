// Every table and SQL statement of alerts: its migrations and the statements
// alert_store.cc runs.
#include <vector>

#include "alerts/alerts.h"
#include "alerts/alerts_sql.h"
#include "store/store.h"

namespace wk::alerts {
namespace {

// One row per alert; its whole content as JSON (AppendAlertJson), with the
// columns filters use beside it. At most one alert per key is not closed.
constexpr std::string_view kAlertsV1 = R"sql(
CREATE TABLE IF NOT EXISTS alerts (
  id {{id}},
  alert_key {{text}} NOT NULL,
  rule {{text}} NOT NULL,
  severity BIGINT NOT NULL,
  status {{text}} NOT NULL,
  start_s BIGINT NOT NULL,
  end_s BIGINT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_ms BIGINT NOT NULL,
  json TEXT NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS alerts_one_open_per_key ON alerts(alert_key) WHERE status <> 'closed';
CREATE INDEX IF NOT EXISTS alerts_updated ON alerts(updated_ms);
CREATE INDEX IF NOT EXISTS alerts_rule ON alerts(rule, severity);
CREATE TABLE IF NOT EXISTS alert_vessels (
  alert_id BIGINT NOT NULL REFERENCES alerts(id),
  mmsi BIGINT NOT NULL,
  PRIMARY KEY (alert_id, mmsi)
);
CREATE INDEX IF NOT EXISTS alert_vessels_mmsi ON alert_vessels(mmsi);
CREATE TABLE IF NOT EXISTS alert_events (
  alert_id BIGINT NOT NULL REFERENCES alerts(id),
  event_key {{text}} NOT NULL,
  lat DOUBLE PRECISION,
  lon DOUBLE PRECISION,
  PRIMARY KEY (alert_id, event_key)
);
)sql";

// The audit chain: one row per change, never updated or deleted, each hash
// covering the row before (audit.cc). at_ms is `at` as Unix milliseconds, for
// time filters (verify checks that it agrees with `at`, which the hash covers).
// audit_head holds the last seq and hash, updated with every append in the
// same transaction: deleting the last rows leaves it pointing past them.
constexpr std::string_view kAuditV2 = R"sql(
CREATE TABLE IF NOT EXISTS audit_log (
  seq BIGINT PRIMARY KEY,
  at TEXT NOT NULL,
  at_ms BIGINT NOT NULL,
  actor {{text}} NOT NULL,
  action {{text}} NOT NULL,
  subject {{text}} NOT NULL,
  before_json TEXT NOT NULL,
  after_json TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_log_at ON audit_log(at_ms);
CREATE TABLE IF NOT EXISTS audit_head (
  id BIGINT PRIMARY KEY,
  seq BIGINT NOT NULL,
  hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000')
ON CONFLICT (id) DO NOTHING;
)sql";

// Cases (cases.cc). Unset text fields are '' (assignee, outcome, ...);
// audit_seq is the audit row of the case's last change. case_alerts has no
// foreign key to alerts: CreateCase and AddAlertsToCase check the ids.
constexpr std::string_view kCasesV3 = R"sql(
CREATE TABLE IF NOT EXISTS cases (
  id {{id}},
  title TEXT NOT NULL,
  status {{text}} NOT NULL,
  assignee {{text}} NOT NULL,
  outcome {{text}} NOT NULL,
  proposed_outcome {{text}} NOT NULL,
  proposed_by {{text}} NOT NULL,
  approved_by {{text}} NOT NULL,
  created_at TEXT NOT NULL,
  created_by {{text}} NOT NULL,
  updated_at TEXT NOT NULL,
  audit_seq BIGINT NOT NULL
);
CREATE INDEX IF NOT EXISTS cases_status ON cases(status);
CREATE INDEX IF NOT EXISTS cases_assignee ON cases(assignee);
CREATE TABLE IF NOT EXISTS case_alerts (
  case_id BIGINT NOT NULL REFERENCES cases(id),
  alert_id BIGINT NOT NULL,
  PRIMARY KEY (case_id, alert_id)
);
CREATE INDEX IF NOT EXISTS case_alerts_alert ON case_alerts(alert_id);
CREATE TABLE IF NOT EXISTS case_notes (
  id {{id}},
  case_id BIGINT NOT NULL REFERENCES cases(id),
  at TEXT NOT NULL,
  author {{text}} NOT NULL,
  text TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS case_notes_case ON case_notes(case_id, id);
CREATE TABLE IF NOT EXISTS case_tags (
  case_id BIGINT NOT NULL REFERENCES cases(id),
  tag {{text}} NOT NULL,
  PRIMARY KEY (case_id, tag)
);
CREATE INDEX IF NOT EXISTS case_tags_tag ON case_tags(tag);
)sql";

const std::vector<store::Migration> kMigrations = {
    {"alerts", 1, "alerts, alert_vessels, alert_events: one open alert per rule and vessels", kAlertsV1},
    {"alerts", 2, "audit_log, audit_head: the hash-chained audit trail", kAuditV2},
    {"alerts", 3, "cases, case_alerts, case_notes, case_tags: cases with four-eyes review", kCasesV3},
};

}  // namespace

const std::vector<store::Migration>& Migrations() { return kMigrations; }

Status EnsureAlertTables(store::Store& db) { return store::Migrate(db, kMigrations); }

namespace sql {

const std::string_view kFindOpenAlert =
    "SELECT id, json, status, updated_at FROM alerts WHERE alert_key = ?1 AND status <> 'closed'";
const std::string_view kAlertEventExists = "SELECT 1 FROM alert_events WHERE alert_id = ?1 AND event_key = ?2";
const std::string_view kInsertAlert =
    "INSERT INTO alerts (alert_key, rule, severity, status, start_s, end_s, created_at, updated_at, updated_ms, "
    "json) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) RETURNING id";
const std::string_view kUpdateAlert =
    "UPDATE alerts SET severity = ?1, status = ?2, start_s = ?3, end_s = ?4, updated_at = ?5, updated_ms = ?6, "
    "json = ?7 WHERE id = ?8";
const std::string_view kInsertAlertVessel =
    "INSERT INTO alert_vessels (alert_id, mmsi) VALUES (?1, ?2) ON CONFLICT (alert_id, mmsi) DO NOTHING";
const std::string_view kInsertAlertEvent =
    "INSERT INTO alert_events (alert_id, event_key, lat, lon) VALUES (?1, ?2, ?3, ?4) "
    "ON CONFLICT (alert_id, event_key) DO NOTHING";
const std::string_view kSelectAlerts = "SELECT a.id, a.json, a.status, a.updated_at FROM alerts a";


// ---- Audit trail (audit.cc)
// The head row is updated before anything is read, so that on PostgreSQL a
// second writer waits on its row lock until the first commits.
const std::string_view kLockAuditHead =
    "UPDATE audit_head SET seq = seq + ?1 WHERE id = 1 RETURNING seq, hash";
const std::string_view kSetAuditHeadHash = "UPDATE audit_head SET hash = ?1 WHERE id = 1";
const std::string_view kReadAuditHead = "SELECT seq, hash FROM audit_head WHERE id = 1";
const std::string_view kInsertAuditHead =
    "INSERT INTO audit_log (seq, at, at_ms, actor, action, subject, before_json, after_json, prev_hash, hash) "
    "VALUES";
const std::string_view kSelectAudit =
    "SELECT seq, at, actor, action, subject, before_json, after_json, prev_hash, hash, at_ms FROM audit_log";
const std::string_view kAuditSeqByHash = "SELECT seq FROM audit_log WHERE hash = ?1 ORDER BY seq LIMIT 1";
const std::string_view kAuditRowBySeq =
    "SELECT subject, after_json FROM audit_log WHERE seq = ?1";

// ---- Cases (cases.cc)
const std::string_view kInsertCase =
    "INSERT INTO cases (title, status, assignee, outcome, proposed_outcome, proposed_by, approved_by, "
    "created_at, created_by, updated_at, audit_seq) VALUES (?1, 'open', '', '', '', '', '', ?2, ?3, ?2, 0) "
    "RETURNING id";
const std::string_view kUpdateCase =
    "UPDATE cases SET status = ?1, assignee = ?2, outcome = ?3, proposed_outcome = ?4, proposed_by = ?5, "
    "approved_by = ?6, updated_at = ?7 WHERE id = ?8";
const std::string_view kSetCaseAuditSeq = "UPDATE cases SET audit_seq = ?1 WHERE id = ?2";
// Written first in every change, so that on PostgreSQL a second change to the
// same case waits for the first to commit and then reads what it wrote.
const std::string_view kLockCase = "UPDATE cases SET audit_seq = audit_seq WHERE id = ?1";
const std::string_view kSelectCases =
    "SELECT c.id, c.title, c.status, c.assignee, c.outcome, c.proposed_outcome, c.proposed_by, c.approved_by, "
    "c.created_at, c.created_by, c.updated_at, c.audit_seq FROM cases c";
const std::string_view kSelectCaseAlerts =
    "SELECT alert_id FROM case_alerts WHERE case_id = ?1 ORDER BY alert_id";
const std::string_view kSelectCaseTags = "SELECT tag FROM case_tags WHERE case_id = ?1 ORDER BY tag";
const std::string_view kSelectCaseNotes =
    "SELECT id, at, author, text FROM case_notes WHERE case_id = ?1 ORDER BY id";
const std::string_view kInsertCaseAlert =
    "INSERT INTO case_alerts (case_id, alert_id) VALUES (?1, ?2) ON CONFLICT (case_id, alert_id) DO NOTHING";
const std::string_view kInsertCaseTag = "INSERT INTO case_tags (case_id, tag) VALUES (?1, ?2)";
const std::string_view kDeleteCaseTag = "DELETE FROM case_tags WHERE case_id = ?1 AND tag = ?2";
const std::string_view kInsertCaseNote =
    "INSERT INTO case_notes (case_id, at, author, text) VALUES (?1, ?2, ?3, ?4) RETURNING id";
const std::string_view kAlertExists = "SELECT 1 FROM alerts WHERE id = ?1";
const std::string_view kCaseAuditRefs = "SELECT id, audit_seq FROM cases ORDER BY id";

}  // namespace sql
}  // namespace wk::alerts
