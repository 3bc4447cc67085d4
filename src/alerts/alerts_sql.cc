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

const std::vector<store::Migration> kMigrations = {
    {"alerts", 1, "alerts, alert_vessels, alert_events: one open alert per rule and vessels", kAlertsV1},
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

}  // namespace sql
}  // namespace wk::alerts
