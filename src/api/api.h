// api: the HTTP service and its accounts. `watchkeeper serve` runs a Server:
// JSON REST under /api/v1 over the same library the command line uses
// (screening, lists, vessels and tracks, events, alerts, council, uploads,
// audit), with accounts (viewer, analyst, admin) whose tokens and passwords
// are kept only as hashes (libsodium), sessions that expire, failed logins
// slowed per account and per address, bodies capped and timed, and CORS
// closed unless an origin is named. docs/service.md lists every route;
// src/api/openapi.json is the contract, served at /api/v1/openapi.json.
//
// Example:
//   Result<store::Store> db = store::Open("watchkeeper.db");
//   Result<api::NewAccount> a = api::AddAccount(*db, "cli:root", "alice", api::Role::kAnalyst);
//   std::cout << a->token;                 // "wk_..." shown once, stored as a hash
//
//   api::ServerConfig config;
//   config.store_url = "watchkeeper.db";
//   config.port = 0;                       // any free port
//   Result<std::unique_ptr<api::Server>> s = api::Server::Start(config);
//   std::cout << (*s)->port();
//   (*s)->Wait();                          // until Stop() or a signal handler calls it
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace wk::store {
class Store;
struct Migration;
}  // namespace wk::store

namespace wk::api {

// ---- Accounts --------------------------------------------------------------

// Viewers read; analysts also change alerts and cases and upload AIS files;
// admins also manage accounts and lists.
enum class Role : uint8_t { kViewer = 1, kAnalyst = 2, kAdmin = 3 };
std::string_view RoleName(Role role);  // "viewer", "analyst", "admin"
std::optional<Role> ParseRole(std::string_view name);
inline bool RoleAtLeast(Role have, Role need) { return static_cast<int>(have) >= static_cast<int>(need); }

struct Account {
  int64_t id = 0;
  std::string name;
  Role role = Role::kViewer;
  bool disabled = false;
  bool has_password = false;
  std::string created_at, updated_at;  // ISO 8601 UTC
};
// {"name","role","disabled","has_password","created_at","updated_at"}: never a hash.
void AppendAccountJson(std::string& out, const Account& a);

// Account names: 1 to 64 of a-z, 0-9, '.', '_', '-', starting with a letter
// or digit. The message says what is wrong.
Status CheckAccountName(std::string_view name);
// Passwords: 8 to 1024 bytes of valid UTF-8.
Status CheckPassword(std::string_view password);

// Argon2id cost (crypto_pwhash_str). kInteractive is libsodium's INTERACTIVE
// limits (about 64 MiB, a tenth of a second); kMinimum its MIN limits, for
// tests only.
enum class PasswordCost : uint8_t { kInteractive, kMinimum };

// api's migrations (api/api_sql.cc), for `watchkeeper db migrate`:
//   api_accounts(id, name, role, token_hash, password_hash, disabled, created_at, updated_at)
//   api_sessions(token_hash, account_id, created_ms, expires_ms, address)
//   api_login_throttle(throttle_key, failures, last_failure_ms, locked_until_ms)
//   api_webhooks(id, url, secret, created_by, created_at, after_seq, delivered, failures, next_attempt_ms, last_error)
const std::vector<store::Migration>& Migrations();
Status EnsureApiTables(store::Store& db);

// A new account and its API token ("wk_" + 43 base64url characters: 32 random
// bytes), returned once; the store keeps only its BLAKE2b hash. kInvalidInput
// for a bad or taken name.
struct NewAccount {
  Account account;
  std::string token;
};
Result<NewAccount> AddAccount(store::Store& db, std::string_view actor, std::string_view name, Role role);
Result<std::vector<Account>> ListAccounts(store::Store& db);
Result<Account> GetAccount(store::Store& db, std::string_view name);
// Refuses every token and session of the account from now on.
Result<Account> DisableAccount(store::Store& db, std::string_view actor, std::string_view name);
// Stores the password as an Argon2id string (crypto_pwhash_str).
Result<Account> SetPassword(store::Store& db, std::string_view actor, std::string_view name,
                            std::string_view password, PasswordCost cost = PasswordCost::kInteractive);

// Who a request is: an account, through its API token or a login session.
struct Principal {
  int64_t account_id = 0;
  std::string name;
  Role role = Role::kViewer;
  bool session = false;     // a login session (else the account's API token)
  int64_t expires_ms = 0;   // sessions: when it ends
};
// The account of a bearer token, or kNotFound (unknown, disabled, expired:
// the caller answers 401 without saying which).
Result<Principal> Authenticate(store::Store& db, std::string_view token, int64_t now_ms);

// How logins are slowed: after `max_failures` failures in a row (each within
// `window_s` of the last) for an account name or for an address, that key is
// locked for `lock_s`, doubled at each further failure up to `max_lock_s`;
// a login while locked is refused (429, Retry-After) without trying the
// password. A success clears both keys. The counts are rows in the store, so
// they hold across threads, processes and restarts.
struct LoginPolicy {
  int max_failures = 5;
  int64_t window_s = 15 * 60;
  int64_t lock_s = 30;
  int64_t max_lock_s = 3600;
  int64_t session_ttl_s = 8 * 3600;
};
struct LoginResult {
  enum class Outcome : uint8_t { kOk, kBadCredentials, kThrottled };
  Outcome outcome = Outcome::kBadCredentials;
  Principal principal;      // kOk
  std::string token;        // kOk: "wks_" + 43 base64url characters, shown once
  int64_t retry_after_s = 0;  // kThrottled
};
// Checks the password (Argon2id; an unknown or disabled account costs the same
// time), counts a failure or opens a session. kIo only when the store fails.
Result<LoginResult> Login(store::Store& db, std::string_view name, std::string_view password,
                          std::string_view address, const LoginPolicy& policy, int64_t now_ms);
// Ends a session; ending one that is not there is not an error.
Status Logout(store::Store& db, std::string_view token);

// ---- Webhooks -----------------------------------------------------------------
//
// A new or escalated alert is POSTed to every URL an admin set, signed with
// that webhook's secret. The audit chain is the outbox: a webhook keeps the
// seq of the last audit row it has been through, and the server's deliverer
// sends each later alert.open and alert.escalate row in order, whoever wrote
// it (the server, or `watchkeeper alerts run` beside it). Delivery is at least
// once: a POST that fails (no 2xx within the timeout) is sent again, with the
// same delivery id, after a back-off doubling from 1 s to 5 min, and the rows
// behind it wait, so a receiver sees them in order. One server per store
// delivers; a second would send each row twice.
//
// Each POST carries
//   Content-Type: application/json
//   X-Watchkeeper-Event: alert.open | alert.escalate
//   X-Watchkeeper-Delivery: "<webhook id>-<audit seq>" (the same on a retry)
//   X-Watchkeeper-Timestamp: Unix seconds when it was signed
//   X-Watchkeeper-Signature: "sha256=" + hex HMAC-SHA256(secret, timestamp "." body)
// and the body {"event","delivery","audit_seq","at","alert":{the alert as GET /alerts/{id}}}.
// A receiver recomputes the signature over the bytes it got and refuses old
// timestamps (replays). The secret is stored as given to the admin (it must
// sign), unlike tokens and passwords.
//
// Example:
//   Result<api::NewWebhook> w = api::AddWebhook(db, "admin", "https://example.org/hook");
//   std::cout << w->secret;                 // "whsec_...", shown once
//   Result<int64_t> sent = api::DeliverWebhooks(db, api::DeliveryPolicy{}, now_ms);

struct Webhook {
  int64_t id = 0;
  std::string url;
  std::string created_by, created_at;  // who added it, when (ISO 8601 UTC)
  int64_t after_seq = 0;        // audit rows up to this seq are done with
  int64_t delivered = 0;        // POSTs answered 2xx
  int64_t failures = 0;         // failed attempts in a row at the row after after_seq
  int64_t next_attempt_ms = 0;  // no attempt before this (back-off)
  std::string last_error;       // "" after a success
};

struct NewWebhook {
  Webhook webhook;
  std::string secret;  // "whsec_" + 43 base64url characters, returned once
};

// http:// or https:// (certificates checked against the system's CAs), a host,
// an optional port and path; no user or password in it; at most 2,048 bytes.
Status CheckWebhookUrl(std::string_view url);

// Adds a webhook that receives the alerts opened or escalated from now on.
// Writes a webhook.add audit row (never the secret). kInvalidInput for a bad URL.
Result<NewWebhook> AddWebhook(store::Store& db, std::string_view actor, std::string_view url);
Result<std::vector<Webhook>> ListWebhooks(store::Store& db);
// Writes a webhook.remove audit row. kNotFound for an unknown id.
Status RemoveWebhook(store::Store& db, std::string_view actor, int64_t id);
// {"id","url","created_by","created_at","after_seq","delivered","failures","next_attempt","last_error"}: never the secret.
void AppendWebhookJson(std::string& out, const Webhook& w);

// "sha256=" + lower-case hex HMAC-SHA256 (libsodium) of timestamp + "." + body.
std::string WebhookSignature(std::string_view secret, std::string_view timestamp, std::string_view body);

struct DeliveryPolicy {
  int64_t timeout_ms = 5000;        // connecting, and each read and write
  int64_t first_backoff_ms = 1000;  // after the first failure, doubled after each next
  int64_t max_backoff_ms = 300000;
  int64_t batch = 200;              // audit rows looked at per webhook and call
};

// One round: for each webhook due, the audit rows after its after_seq (up to
// `batch`), POSTing the alert rows in order and stopping at the first that
// fails. Returns how many POSTs were answered 2xx. kIo when the store fails.
Result<int64_t> DeliverWebhooks(store::Store& db, const DeliveryPolicy& policy, int64_t now_ms);

// ---- The server --------------------------------------------------------------

struct ServerConfig {
  std::string store_url = "watchkeeper.db";
  std::string host = "127.0.0.1";
  int port = 8080;              // 0: any free port (see Server::port)
  unsigned threads = 8;         // worker threads, each serving one connection at a time
  std::string cors_origin;      // "" (default): no Access-Control-Allow-Origin at all
  size_t max_json_bytes = size_t{1} << 20;      // 1 MiB: any JSON body
  size_t max_upload_bytes = size_t{256} << 20;  // 256 MiB: POST /uploads, POST /lists/{name}
  int64_t read_timeout_s = 5;   // each read from a connection
  int64_t body_timeout_s = 60;  // a whole request body, however it trickles
  int64_t reload_interval_s = 2;  // how often a new list version is looked for
  size_t max_batch = 1000;      // POST /screen/batch queries
  std::string upload_dir;       // temporary files of uploads; "" for the system's
  std::string web_dir;          // the desk (web/ built: index.html, assets/); "" serves none
  LoginPolicy login;
  PasswordCost password_cost = PasswordCost::kInteractive;  // passwords set through the API
  std::string ports_file;        // ports for the alert rules (watchkeeper ports CSV); "": the built-in table
  int64_t webhook_interval_ms = 1000;  // how often the deliverer looks for alert rows to send
  DeliveryPolicy webhooks;
};

class Server {
 public:
  // Opens the store, applies every domain's pending migrations, builds the
  // screening index from the lists' current versions, binds and starts
  // serving on worker threads. kInvalidInput for a bad config, kIo when the
  // store cannot be opened or the address bound.
  static Result<std::unique_ptr<Server>> Start(const ServerConfig& config);
  ~Server();
  int port() const;
  // Blocks until Stop().
  void Wait();
  // Stops accepting, lets running requests finish. Safe from any thread.
  void Stop();
  struct State;

 private:
  explicit Server(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

// One route the server answers: "GET", "/api/v1/vessels/{mmsi}/track".
struct RouteInfo {
  std::string method, path;
  Role role = Role::kViewer;  // the least role allowed
  bool authenticated = true;  // false for health and login
};
std::vector<RouteInfo> Routes();

// The OpenAPI 3.1 document (src/api/openapi.json, built into the binary).
std::string_view OpenApiText();

}  // namespace wk::api
