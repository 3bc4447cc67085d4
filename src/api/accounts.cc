// Accounts, API tokens, passwords, sessions and the login throttle. Secrets
// are random 32-byte strings from randombytes_buf; the store keeps only their
// BLAKE2b-256 (crypto_generichash: the tokens are high-entropy, a slow hash
// adds nothing) and passwords only as Argon2id strings (crypto_pwhash_str).
#include <sodium.h>

#include <algorithm>
#include <chrono>
#include <mutex>

#include "api/api.h"
#include "api/api_sql.h"
#include "api/audit_hook.h"
#include "api/secrets.h"
#include "core/core.h"
#include "store/store.h"

namespace wk::api {
namespace {

Status SodiumReady() {
  static const int rc = sodium_init();
  if (rc < 0) return MakeError(ErrorCode::kIo, "libsodium could not be initialised");
  return Ok{};
}

Error StoreError(const Error& e) { return MakeError(ErrorCode::kIo, e.message); }

std::string NowText() {
  const int64_t ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count();
  return FormatTimeMs(ms);
}

std::string HashToken(std::string_view token) {
  unsigned char h[32];
  crypto_generichash(h, sizeof h, reinterpret_cast<const unsigned char*>(token.data()), token.size(), nullptr, 0);
  char hex[sizeof h * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, h, sizeof h);
  return std::string(hex, sizeof h * 2);
}

Account ReadAccount(const store::Statement& q) {
  Account a;
  a.id = q.Int(0);
  a.name = std::string(q.Text(1));
  a.role = ParseRole(q.Text(2)).value_or(Role::kViewer);
  a.disabled = q.Int(3) != 0;
  a.has_password = q.Int(4) != 0;
  a.created_at = std::string(q.Text(5));
  a.updated_at = std::string(q.Text(6));
  return a;
}

std::string AccountJson(const Account& a) {
  std::string out;
  AppendAccountJson(out, a);
  return out;
}

Result<Account> FindAccount(store::Store& db, std::string_view name) {
  Result<store::Statement> q = db.Prepare(sql::kAccountByName);
  if (!q.ok()) return StoreError(q.error());
  q->Bind(1, name);
  Result<bool> row = q->Step();
  if (!row.ok()) return StoreError(row.error());
  if (!*row) return MakeError(ErrorCode::kNotFound, "no account named '" + std::string(name) + "'");
  return ReadAccount(*q);
}

// An Argon2id string of a password nobody has, so that a login for an unknown
// account costs what a real one does.
const std::string& DummyHash() {
  static const std::string hash = [] {
    char out[crypto_pwhash_STRBYTES];
    const std::string secret = NewSecret("dummy-");
    if (crypto_pwhash_str(out, secret.data(), secret.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
      return std::string();
    return std::string(out);
  }();
  return hash;
}

struct ThrottleState {
  int64_t failures = 0, last_failure_ms = 0, locked_until_ms = 0;
};

Result<ThrottleState> ReadThrottle(store::Store& db, std::string_view key) {
  Result<store::Statement> q = db.Prepare(sql::kThrottleOf);
  if (!q.ok()) return StoreError(q.error());
  q->Bind(1, key);
  Result<bool> row = q->Step();
  if (!row.ok()) return StoreError(row.error());
  ThrottleState s;
  if (*row) s = {q->Int(0), q->Int(1), q->Int(2)};
  return s;
}

// Counts one failure of `key`; locks it once failures reach the policy's
// limit. Runs inside the caller's transaction.
Status CountFailure(store::Store& db, std::string_view key, const LoginPolicy& policy, int64_t now_ms) {
  int64_t failures = 1;
  {
    Result<store::Statement> q = db.Prepare(sql::kThrottleFail);
    if (!q.ok()) return StoreError(q.error());
    q->Bind(1, key).Bind(2, now_ms).Bind(3, now_ms - policy.window_s * 1000);
    Result<bool> row = q->Step();
    if (!row.ok()) return StoreError(row.error());
    if (*row) failures = q->Int(0);
  }
  if (failures < policy.max_failures) return Ok{};
  int64_t lock_s = policy.lock_s;
  for (int64_t i = policy.max_failures; i < failures && lock_s < policy.max_lock_s; ++i) lock_s *= 2;
  lock_s = std::min(lock_s, policy.max_lock_s);
  Result<store::Statement> lock = db.Prepare(sql::kThrottleLock);
  if (!lock.ok()) return StoreError(lock.error());
  lock->Bind(1, key).Bind(2, now_ms + lock_s * 1000);
  return lock->Run();
}

Status ClearThrottle(store::Store& db, std::string_view key) {
  Result<store::Statement> q = db.Prepare(sql::kThrottleClear);
  if (!q.ok()) return StoreError(q.error());
  q->Bind(1, key);
  return q->Run();
}

}  // namespace

std::string NewSecret(std::string_view prefix) {
  unsigned char raw[32];
  randombytes_buf(raw, sizeof raw);
  char b64[sodium_base64_ENCODED_LEN(sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
  sodium_bin2base64(b64, sizeof b64, raw, sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  sodium_memzero(raw, sizeof raw);
  return std::string(prefix) + b64;
}

std::string_view RoleName(Role role) {
  switch (role) {
    case Role::kViewer: return "viewer";
    case Role::kAnalyst: return "analyst";
    case Role::kAdmin: return "admin";
  }
  return "viewer";
}

std::optional<Role> ParseRole(std::string_view name) {
  if (name == "viewer") return Role::kViewer;
  if (name == "analyst") return Role::kAnalyst;
  if (name == "admin") return Role::kAdmin;
  return std::nullopt;
}

void AppendAccountJson(std::string& out, const Account& a) {
  JsonWriter w(out);
  w.BeginObject()
      .Field("name", a.name)
      .Field("role", RoleName(a.role))
      .Field("disabled", a.disabled)
      .Field("has_password", a.has_password)
      .Field("created_at", a.created_at)
      .Field("updated_at", a.updated_at)
      .EndObject();
}

Status CheckAccountName(std::string_view name) {
  if (name.empty() || name.size() > 64)
    return MakeError(ErrorCode::kInvalidInput, "an account name has 1 to 64 characters");
  for (char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    if (!ok) return MakeError(ErrorCode::kInvalidInput, "an account name holds only a-z, 0-9, '.', '_' and '-'");
  }
  if (name[0] == '.' || name[0] == '_' || name[0] == '-')
    return MakeError(ErrorCode::kInvalidInput, "an account name starts with a letter or a digit");
  return Ok{};
}

Status CheckPassword(std::string_view password) {
  if (password.size() < 8) return MakeError(ErrorCode::kInvalidInput, "a password has at least 8 bytes");
  if (password.size() > 1024) return MakeError(ErrorCode::kInvalidInput, "a password has at most 1024 bytes");
  if (!IsValidUtf8(password)) return MakeError(ErrorCode::kInvalidInput, "a password must be valid UTF-8");
  return Ok{};
}

Result<NewAccount> AddAccount(store::Store& db, std::string_view actor, std::string_view name, Role role) {
  if (Status s = SodiumReady(); !s.ok()) return s.error();
  if (Status s = CheckAccountName(name); !s.ok()) return s.error();
  if (Status s = EnsureApiTables(db); !s.ok()) return StoreError(s.error());
  NewAccount made;
  made.token = NewSecret("wk_");
  store::Transaction tx(db);
  if (!tx.began()) return MakeError(ErrorCode::kIo, tx.error());
  {
    Result<store::Statement> q = db.Prepare(sql::kInsertAccount);
    if (!q.ok()) return StoreError(q.error());
    q->Bind(1, name).Bind(2, RoleName(role)).Bind(3, HashToken(made.token)).Bind(4, NowText());
    Result<bool> row = q->Step();
    if (!row.ok()) return StoreError(row.error());
    if (!*row) return MakeError(ErrorCode::kInvalidInput, "an account named '" + std::string(name) + "' exists");
  }
  Result<Account> a = FindAccount(db, name);
  if (!a.ok()) return a.error();
  made.account = *a;
  if (Status s = RecordAudit(db, actor, "account.add", "account:" + made.account.name, "", AccountJson(*a)); !s.ok())
    return s.error();
  if (Status s = tx.Commit(); !s.ok()) return StoreError(s.error());
  return made;
}

Result<std::vector<Account>> ListAccounts(store::Store& db) {
  if (!db.TableExists("api_accounts")) return std::vector<Account>{};
  Result<store::Statement> q = db.Prepare(sql::kAllAccounts);
  if (!q.ok()) return StoreError(q.error());
  std::vector<Account> out;
  for (;;) {
    Result<bool> row = q->Step();
    if (!row.ok()) return StoreError(row.error());
    if (!*row) break;
    out.push_back(ReadAccount(*q));
  }
  return out;
}

Result<Account> GetAccount(store::Store& db, std::string_view name) {
  if (!db.TableExists("api_accounts"))
    return MakeError(ErrorCode::kNotFound, "no account named '" + std::string(name) + "'");
  return FindAccount(db, name);
}

Result<Account> DisableAccount(store::Store& db, std::string_view actor, std::string_view name) {
  if (Status s = EnsureApiTables(db); !s.ok()) return StoreError(s.error());
  store::Transaction tx(db);
  if (!tx.began()) return MakeError(ErrorCode::kIo, tx.error());
  Result<Account> before = FindAccount(db, name);
  if (!before.ok()) return before.error();
  {
    Result<store::Statement> q = db.Prepare(sql::kDisableAccount);
    if (!q.ok()) return StoreError(q.error());
    q->Bind(1, name).Bind(2, NowText());
    if (Status s = q->Run(); !s.ok()) return StoreError(s.error());
  }
  Result<Account> after = FindAccount(db, name);
  if (!after.ok()) return after.error();
  if (Status s = RecordAudit(db, actor, "account.disable", "account:" + after->name, AccountJson(*before),
                             AccountJson(*after));
      !s.ok())
    return s.error();
  if (Status s = tx.Commit(); !s.ok()) return StoreError(s.error());
  return after;
}

Result<Account> SetPassword(store::Store& db, std::string_view actor, std::string_view name,
                            std::string_view password, PasswordCost cost) {
  if (Status s = SodiumReady(); !s.ok()) return s.error();
  if (Status s = CheckPassword(password); !s.ok()) return s.error();
  if (Status s = EnsureApiTables(db); !s.ok()) return StoreError(s.error());
  char hashed[crypto_pwhash_STRBYTES];
  const bool minimum = cost == PasswordCost::kMinimum;
  if (crypto_pwhash_str(hashed, password.data(), password.size(),
                        minimum ? crypto_pwhash_OPSLIMIT_MIN : crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        minimum ? crypto_pwhash_MEMLIMIT_MIN : crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    return MakeError(ErrorCode::kIo, "out of memory hashing the password");
  store::Transaction tx(db);
  if (!tx.began()) return MakeError(ErrorCode::kIo, tx.error());
  Result<Account> before = FindAccount(db, name);
  if (!before.ok()) return before.error();
  {
    Result<store::Statement> q = db.Prepare(sql::kSetPassword);
    if (!q.ok()) return StoreError(q.error());
    q->Bind(1, name).Bind(2, std::string_view(hashed)).Bind(3, NowText());
    if (Status s = q->Run(); !s.ok()) return StoreError(s.error());
  }
  Result<Account> after = FindAccount(db, name);
  if (!after.ok()) return after.error();
  // The audit row says a password was set; it never holds the password or its hash.
  if (Status s = RecordAudit(db, actor, "account.password", "account:" + after->name, AccountJson(*before),
                             AccountJson(*after));
      !s.ok())
    return s.error();
  if (Status s = tx.Commit(); !s.ok()) return StoreError(s.error());
  return after;
}

Result<Principal> Authenticate(store::Store& db, std::string_view token, int64_t now_ms) {
  const bool session = token.starts_with("wks_");
  if (!session && !token.starts_with("wk_")) return MakeError(ErrorCode::kNotFound, "unknown token");
  if (token.size() > 128) return MakeError(ErrorCode::kNotFound, "unknown token");
  Result<store::Statement> q = db.Prepare(session ? sql::kSessionByToken : sql::kAccountByToken);
  if (!q.ok()) return StoreError(q.error());
  q->Bind(1, HashToken(token));
  if (session) q->Bind(2, now_ms);
  Result<bool> row = q->Step();
  if (!row.ok()) return StoreError(row.error());
  if (!*row) return MakeError(ErrorCode::kNotFound, "unknown token");
  Principal p;
  p.account_id = q->Int(0);
  p.name = std::string(q->Text(1));
  p.role = ParseRole(q->Text(2)).value_or(Role::kViewer);
  p.session = session;
  if (session) p.expires_ms = q->Int(3);
  return p;
}

Result<LoginResult> Login(store::Store& db, std::string_view name, std::string_view password,
                          std::string_view address, const LoginPolicy& policy, int64_t now_ms) {
  if (Status s = SodiumReady(); !s.ok()) return s.error();
  const std::string account_key = "account:" + std::string(name.substr(0, 64));
  const std::string address_key = "address:" + std::string(address.substr(0, 64));
  LoginResult result;
  // Locked keys are refused before the password is tried.
  for (const std::string* key : {&account_key, &address_key}) {
    Result<ThrottleState> t = ReadThrottle(db, *key);
    if (!t.ok()) return t.error();
    if (t->locked_until_ms > now_ms) {
      result.outcome = LoginResult::Outcome::kThrottled;
      result.retry_after_s = std::max<int64_t>(result.retry_after_s, (t->locked_until_ms - now_ms + 999) / 1000);
    }
  }
  if (result.outcome == LoginResult::Outcome::kThrottled) {
    store::Transaction tx(db);
    if (!tx.began()) return MakeError(ErrorCode::kIo, tx.error());
    std::string after;
    JsonWriter(after).BeginObject().Field("name", name.substr(0, 64)).Field("address", address)
        .Field("reason", "throttled").EndObject();
    if (Status s = RecordAudit(db, "anonymous", "login.fail", "account:" + std::string(name.substr(0, 64)), "", after);
        !s.ok())
      return s.error();
    if (Status s = tx.Commit(); !s.ok()) return StoreError(s.error());
    return result;
  }

  // The password is checked outside any transaction (Argon2 takes a while).
  std::string stored = DummyHash();
  bool usable = false;
  Principal p;
  if (CheckAccountName(name).ok() && db.TableExists("api_accounts")) {
    Result<store::Statement> q = db.Prepare(sql::kPasswordOf);
    if (!q.ok()) return StoreError(q.error());
    q->Bind(1, name);
    Result<bool> row = q->Step();
    if (!row.ok()) return StoreError(row.error());
    if (*row && !q->Text(3).empty()) {
      p.account_id = q->Int(0);
      p.name = std::string(q->Text(1));
      p.role = ParseRole(q->Text(2)).value_or(Role::kViewer);
      stored = std::string(q->Text(3));
      usable = q->Int(4) == 0;
    }
  }
  const bool verified =
      !stored.empty() && password.size() <= 1024 &&
      crypto_pwhash_str_verify(stored.c_str(), password.data(), password.size()) == 0;
  const bool ok = verified && usable;

  store::Transaction tx(db);
  if (!tx.began()) return MakeError(ErrorCode::kIo, tx.error());
  std::string after;
  if (!ok) {
    for (const std::string* key : {&account_key, &address_key})
      if (Status s = CountFailure(db, *key, policy, now_ms); !s.ok()) return StoreError(s.error());
    JsonWriter(after).BeginObject().Field("name", name.substr(0, 64)).Field("address", address)
        .Field("reason", "bad credentials").EndObject();
    if (Status s = RecordAudit(db, "anonymous", "login.fail", "account:" + std::string(name.substr(0, 64)), "", after);
        !s.ok())
      return s.error();
    if (Status s = tx.Commit(); !s.ok()) return StoreError(s.error());
    result.outcome = LoginResult::Outcome::kBadCredentials;
    return result;
  }
  for (const std::string* key : {&account_key, &address_key})
    if (Status s = ClearThrottle(db, *key); !s.ok()) return StoreError(s.error());
  {
    Result<store::Statement> clean = db.Prepare(sql::kDeleteExpiredSessions);
    if (!clean.ok()) return StoreError(clean.error());
    clean->Bind(1, now_ms);
    if (Status s = clean->Run(); !s.ok()) return StoreError(s.error());
  }
  result.token = NewSecret("wks_");
  p.session = true;
  p.expires_ms = now_ms + policy.session_ttl_s * 1000;
  {
    Result<store::Statement> q = db.Prepare(sql::kInsertSession);
    if (!q.ok()) return StoreError(q.error());
    q->Bind(1, HashToken(result.token)).Bind(2, p.account_id).Bind(3, now_ms).Bind(4, p.expires_ms).Bind(5, address);
    if (Status s = q->Run(); !s.ok()) return StoreError(s.error());
  }
  JsonWriter(after).BeginObject().Field("name", p.name).Field("address", address)
      .Key("expires").String(FormatTimeMs(p.expires_ms)).EndObject();
  if (Status s = RecordAudit(db, p.name, "login.ok", "account:" + p.name, "", after); !s.ok()) return s.error();
  if (Status s = tx.Commit(); !s.ok()) return StoreError(s.error());
  result.outcome = LoginResult::Outcome::kOk;
  result.principal = p;
  return result;
}

Status Logout(store::Store& db, std::string_view token) {
  if (!token.starts_with("wks_")) return Ok{};
  Result<store::Statement> q = db.Prepare(sql::kDeleteSession);
  if (!q.ok()) return StoreError(q.error());
  q->Bind(1, HashToken(token));
  return q->Run();
}

}  // namespace wk::api
