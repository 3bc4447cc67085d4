// Every table and SQL statement of api: its migrations and the statements
// accounts.cc runs.
#include <vector>

#include "api/api.h"
#include "api/api_sql.h"
#include "store/store.h"

namespace wk::api {
namespace {

// Accounts keep hashes only: token_hash is the hex BLAKE2b-256 of the API
// token, password_hash an Argon2id string ("" when no password is set).
// Sessions likewise keep the hash of their token. The throttle rows count
// failed logins per key ("account:NAME", "address:IP").
constexpr std::string_view kApiV1 = R"sql(
CREATE TABLE IF NOT EXISTS api_accounts (
  id {{id}},
  name {{text}} NOT NULL UNIQUE,
  role {{text}} NOT NULL,
  token_hash {{text}} NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  disabled BIGINT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS api_sessions (
  token_hash {{text}} PRIMARY KEY,
  account_id BIGINT NOT NULL REFERENCES api_accounts(id),
  created_ms BIGINT NOT NULL,
  expires_ms BIGINT NOT NULL,
  address TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS api_sessions_expiry ON api_sessions(expires_ms);
CREATE TABLE IF NOT EXISTS api_login_throttle (
  throttle_key {{text}} PRIMARY KEY,
  failures BIGINT NOT NULL,
  last_failure_ms BIGINT NOT NULL,
  locked_until_ms BIGINT NOT NULL
);
)sql";

// Webhooks (webhooks.cc). The secret is kept as issued: it signs each POST.
// after_seq is the last audit row the webhook is done with.
constexpr std::string_view kApiV2 = R"sql(
CREATE TABLE IF NOT EXISTS api_webhooks (
  id {{id}},
  url TEXT NOT NULL,
  secret TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  after_seq BIGINT NOT NULL,
  delivered BIGINT NOT NULL,
  failures BIGINT NOT NULL,
  next_attempt_ms BIGINT NOT NULL,
  last_error TEXT NOT NULL
);
)sql";

const std::vector<store::Migration> kMigrations = {
    {"api", 1, "api_accounts, api_sessions, api_login_throttle: accounts, sessions, failed logins", kApiV1},
    {"api", 2, "api_webhooks: where new and escalated alerts are POSTed", kApiV2},
};

}  // namespace

const std::vector<store::Migration>& Migrations() { return kMigrations; }

Status EnsureApiTables(store::Store& db) { return store::Migrate(db, kMigrations); }

namespace sql {

const std::string_view kInsertAccount =
    "INSERT INTO api_accounts (name, role, token_hash, password_hash, disabled, created_at, updated_at) "
    "VALUES (?1, ?2, ?3, '', 0, ?4, ?4) ON CONFLICT (name) DO NOTHING RETURNING id";
const std::string_view kAccountByName =
    "SELECT id, name, role, disabled, CASE WHEN password_hash <> '' THEN 1 ELSE 0 END, created_at, updated_at "
    "FROM api_accounts WHERE name = ?1";
const std::string_view kAllAccounts =
    "SELECT id, name, role, disabled, CASE WHEN password_hash <> '' THEN 1 ELSE 0 END, created_at, updated_at "
    "FROM api_accounts ORDER BY name";
const std::string_view kDisableAccount =
    "UPDATE api_accounts SET disabled = 1, updated_at = ?2 WHERE name = ?1";
const std::string_view kSetPassword =
    "UPDATE api_accounts SET password_hash = ?2, updated_at = ?3 WHERE name = ?1";
const std::string_view kAccountByToken =
    "SELECT id, name, role FROM api_accounts WHERE token_hash = ?1 AND disabled = 0";
const std::string_view kSessionByToken =
    "SELECT a.id, a.name, a.role, s.expires_ms FROM api_sessions s JOIN api_accounts a ON a.id = s.account_id "
    "WHERE s.token_hash = ?1 AND a.disabled = 0 AND s.expires_ms > ?2";
const std::string_view kInsertSession =
    "INSERT INTO api_sessions (token_hash, account_id, created_ms, expires_ms, address) "
    "VALUES (?1, ?2, ?3, ?4, ?5)";
const std::string_view kDeleteSession = "DELETE FROM api_sessions WHERE token_hash = ?1";
const std::string_view kDeleteExpiredSessions = "DELETE FROM api_sessions WHERE expires_ms <= ?1";
const std::string_view kPasswordOf =
    "SELECT id, name, role, password_hash, disabled FROM api_accounts WHERE name = ?1";
const std::string_view kThrottleOf =
    "SELECT failures, last_failure_ms, locked_until_ms FROM api_login_throttle WHERE throttle_key = ?1";
// One more failure: the count restarts when the last one is older than the
// window (?3 = now - window).
const std::string_view kThrottleFail =
    "INSERT INTO api_login_throttle (throttle_key, failures, last_failure_ms, locked_until_ms) "
    "VALUES (?1, 1, ?2, 0) ON CONFLICT (throttle_key) DO UPDATE SET "
    "failures = CASE WHEN api_login_throttle.last_failure_ms < ?3 THEN 1 ELSE api_login_throttle.failures + 1 END, "
    "last_failure_ms = ?2 RETURNING failures";
const std::string_view kThrottleLock =
    "UPDATE api_login_throttle SET locked_until_ms = ?2 WHERE throttle_key = ?1";
const std::string_view kThrottleClear = "DELETE FROM api_login_throttle WHERE throttle_key = ?1";

const std::string_view kInsertWebhook =
    "INSERT INTO api_webhooks (url, secret, created_by, created_at, after_seq, delivered, failures, "
    "next_attempt_ms, last_error) VALUES (?1, ?2, ?3, ?4, ?5, 0, 0, 0, '') RETURNING id";
const std::string_view kAllWebhooks =
    "SELECT id, url, secret, created_by, created_at, after_seq, delivered, failures, next_attempt_ms, last_error "
    "FROM api_webhooks ORDER BY id";
const std::string_view kDeleteWebhook = "DELETE FROM api_webhooks WHERE id = ?1";
// Only from the after_seq it was read at: a webhook removed meanwhile stays removed.
const std::string_view kWebhookDone =
    "UPDATE api_webhooks SET after_seq = ?2, delivered = delivered + ?3, failures = 0, next_attempt_ms = 0, "
    "last_error = '' WHERE id = ?1";
const std::string_view kWebhookFailed =
    "UPDATE api_webhooks SET after_seq = ?2, delivered = delivered + ?3, failures = failures + 1, "
    "next_attempt_ms = ?4, last_error = ?5 WHERE id = ?1";

}  // namespace sql
}  // namespace wk::api
