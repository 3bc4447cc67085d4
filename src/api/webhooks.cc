// Webhooks: new and escalated alerts POSTed, signed, to the URLs admins set.
// The audit chain is the outbox (api.h, "Webhooks"): nothing here keeps a
// queue of its own, so what a killed server had not yet sent is sent after
// its restart.
#include <sodium.h>

#include <httplib.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <string>

#include "alerts/alerts.h"
#include "api/api.h"
#include "api/api_sql.h"
#include "api/audit_hook.h"
#include "api/secrets.h"
#include "core/core.h"
#include "store/store.h"

namespace wk::api {
namespace {

constexpr size_t kMaxUrlBytes = 2048;

Error StoreError(const Error& e) { return MakeError(ErrorCode::kIo, e.message); }

// A URL taken apart for httplib: "https://host:port" and "/path?query".
struct Target {
  std::string origin, path;
};

Result<Target> SplitUrl(std::string_view url) {
  auto bad = [&](const std::string& why) {
    return MakeError(ErrorCode::kInvalidInput, "the webhook URL " + why);
  };
  if (url.size() > kMaxUrlBytes) return bad("is longer than 2,048 bytes");
  for (char c : url)
    if (static_cast<unsigned char>(c) <= 0x20 || static_cast<unsigned char>(c) >= 0x7f)
      return bad("has a space, a control character or a non-ASCII byte (percent-encode it)");
  std::string_view rest;
  if (url.substr(0, 7) == "http://") rest = url.substr(7);
  else if (url.substr(0, 8) == "https://") rest = url.substr(8);
  else return bad("must start with http:// or https://");
  const size_t end = std::min(rest.find_first_of("/?#"), rest.size());
  const std::string_view authority = rest.substr(0, end);
  if (authority.find('@') != std::string_view::npos) return bad("must not hold a user or password");
  std::string_view host = authority;
  if (const size_t colon = authority.rfind(':');
      colon != std::string_view::npos && authority.find(']', colon) == std::string_view::npos) {
    host = authority.substr(0, colon);
    const std::string_view port = authority.substr(colon + 1);
    int64_t n = 0;
    if (port.empty() || port.size() > 5 || !std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; }))
      return bad("has a bad port");
    for (char c : port) n = n * 10 + (c - '0');
    if (n < 1 || n > 65535) return bad("has a bad port");
  }
  if (host.empty()) return bad("has no host");
  if (rest.find('#') != std::string_view::npos) return bad("must not have a fragment (#)");
  Target t;
  t.origin = std::string(url.substr(0, url.size() - rest.size())) + std::string(authority);
  t.path = end < rest.size() ? std::string(rest.substr(end)) : "/";
  if (t.path[0] == '?') t.path.insert(0, "/");
  return t;
}

std::string NowText() {
  return FormatTimeMs(std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count());
}

std::string WebhookText(const Webhook& w) {
  std::string out;
  AppendWebhookJson(out, w);
  return out;
}

struct StoredWebhook {
  Webhook webhook;
  std::string secret;
};

Result<std::vector<StoredWebhook>> AllWebhooks(store::Store& db) {
  std::vector<StoredWebhook> out;
  if (!db.TableExists("api_webhooks")) return out;
  Result<store::Statement> q = db.Prepare(sql::kAllWebhooks);
  if (!q.ok()) return StoreError(q.error());
  for (;;) {
    Result<bool> row = q->Step();
    if (!row.ok()) return StoreError(row.error());
    if (!*row) break;
    StoredWebhook s;
    Webhook& w = s.webhook;
    w.id = q->Int(0);
    w.url = std::string(q->Text(1));
    s.secret = std::string(q->Text(2));
    w.created_by = std::string(q->Text(3));
    w.created_at = std::string(q->Text(4));
    w.after_seq = q->Int(5);
    w.delivered = q->Int(6);
    w.failures = q->Int(7);
    w.next_attempt_ms = q->Int(8);
    w.last_error = std::string(q->Text(9));
    out.push_back(std::move(s));
  }
  return out;
}

// The POST of one alert row; "" when the receiver answered 2xx, else why not.
std::string Post(const Target& target, const StoredWebhook& hook, const alerts::AuditRecord& row,
                 const DeliveryPolicy& policy, int64_t now_ms) {
  const std::string delivery = std::to_string(hook.webhook.id) + "-" + std::to_string(row.seq);
  std::string body;
  {
    JsonWriter w(body);
    w.BeginObject().Field("event", row.action).Field("delivery", delivery).Field("audit_seq", row.seq);
    w.Field("at", row.at).Key("alert").Raw(row.after).EndObject();
  }
  const std::string timestamp = std::to_string(now_ms / 1000);
  httplib::Client client(target.origin);
  const time_t sec = static_cast<time_t>(policy.timeout_ms / 1000);
  const time_t usec = static_cast<time_t>((policy.timeout_ms % 1000) * 1000);
  client.set_connection_timeout(sec, usec);
  client.set_read_timeout(sec, usec);
  client.set_write_timeout(sec, usec);
  client.set_follow_location(false);  // a redirect is not a delivery
  const httplib::Headers headers = {{"X-Watchkeeper-Event", row.action},
                                    {"X-Watchkeeper-Delivery", delivery},
                                    {"X-Watchkeeper-Timestamp", timestamp},
                                    {"X-Watchkeeper-Signature", WebhookSignature(hook.secret, timestamp, body)},
                                    {"User-Agent", "watchkeeper-webhook/1"}};
  httplib::Result res = client.Post(target.path, headers, body, "application/json");
  if (!res) return "no answer: " + httplib::to_string(res.error());
  if (res->status < 200 || res->status > 299) return "answered " + std::to_string(res->status);
  return "";
}

// Where the webhook got to; after a failure, when to try again: first_backoff_ms
// doubled per earlier failure in a row, at most max_backoff_ms.
Status Record(store::Store& db, const StoredWebhook& hook, int64_t after_seq, int64_t delivered,
              const std::string& error, int64_t failures_before, const DeliveryPolicy& policy, int64_t now_ms) {
  Result<store::Statement> q = db.Prepare(error.empty() ? sql::kWebhookDone : sql::kWebhookFailed);
  if (!q.ok()) return StoreError(q.error());
  q->Bind(1, hook.webhook.id).Bind(2, after_seq).Bind(3, delivered);
  if (!error.empty()) {
    int64_t wait = policy.first_backoff_ms;
    for (int64_t i = 0; i < failures_before && wait < policy.max_backoff_ms; ++i) wait *= 2;
    q->Bind(4, now_ms + std::min(wait, policy.max_backoff_ms)).Bind(5, std::string_view(error).substr(0, 500));
  }
  return q->Run();
}

}  // namespace

Status CheckWebhookUrl(std::string_view url) {
  Result<Target> t = SplitUrl(url);
  if (!t.ok()) return t.error();
  return Ok{};
}

std::string WebhookSignature(std::string_view secret, std::string_view timestamp, std::string_view body) {
  crypto_auth_hmacsha256_state st;
  crypto_auth_hmacsha256_init(&st, reinterpret_cast<const unsigned char*>(secret.data()), secret.size());
  crypto_auth_hmacsha256_update(&st, reinterpret_cast<const unsigned char*>(timestamp.data()), timestamp.size());
  crypto_auth_hmacsha256_update(&st, reinterpret_cast<const unsigned char*>("."), 1);
  crypto_auth_hmacsha256_update(&st, reinterpret_cast<const unsigned char*>(body.data()), body.size());
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_final(&st, mac);
  char hex[sizeof mac * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, mac, sizeof mac);
  return "sha256=" + std::string(hex, sizeof mac * 2);
}

void AppendWebhookJson(std::string& out, const Webhook& w) {
  JsonWriter j(out);
  j.BeginObject().Field("id", w.id).Field("url", w.url).Field("created_by", w.created_by);
  j.Field("created_at", w.created_at).Field("after_seq", w.after_seq).Field("delivered", w.delivered);
  j.Field("failures", w.failures).Key("next_attempt");
  if (w.next_attempt_ms > 0) j.String(FormatTimeMs(w.next_attempt_ms));
  else j.Null();
  j.Field("last_error", w.last_error).EndObject();
}

Result<NewWebhook> AddWebhook(store::Store& db, std::string_view actor, std::string_view url) {
  if (Status s = CheckWebhookUrl(url); !s.ok()) return s.error();
  if (Status s = EnsureApiTables(db); !s.ok()) return StoreError(s.error());
  if (Status s = alerts::EnsureAlertTables(db); !s.ok()) return StoreError(s.error());
  NewWebhook made;
  made.secret = NewSecret("whsec_");
  store::Transaction tx(db);
  if (!tx.began()) return MakeError(ErrorCode::kIo, tx.error());
  // Rows already in the chain are history: the webhook starts at the head.
  Result<int64_t> head = alerts::AuditHeadSeq(db);
  if (!head.ok()) return StoreError(head.error());
  Webhook& w = made.webhook;
  w.url = std::string(url);
  w.created_by = std::string(actor);
  w.created_at = NowText();
  w.after_seq = *head;
  {
    Result<store::Statement> q = db.Prepare(sql::kInsertWebhook);
    if (!q.ok()) return StoreError(q.error());
    q->Bind(1, url).Bind(2, std::string_view(made.secret)).Bind(3, actor).Bind(4, std::string_view(w.created_at));
    q->Bind(5, w.after_seq);
    Result<bool> row = q->Step();
    if (!row.ok()) return StoreError(row.error());
    w.id = q->Int(0);
  }
  if (Status s = RecordAudit(db, actor, "webhook.add", "webhook:" + std::to_string(w.id), "", WebhookText(w)); !s.ok())
    return s.error();
  if (Status s = tx.Commit(); !s.ok()) return StoreError(s.error());
  return made;
}

Result<std::vector<Webhook>> ListWebhooks(store::Store& db) {
  Result<std::vector<StoredWebhook>> all = AllWebhooks(db);
  if (!all.ok()) return all.error();
  std::vector<Webhook> out;
  for (StoredWebhook& s : *all) out.push_back(std::move(s.webhook));
  return out;
}

Status RemoveWebhook(store::Store& db, std::string_view actor, int64_t id) {
  store::Transaction tx(db);
  if (!tx.began()) return MakeError(ErrorCode::kIo, tx.error());
  Result<std::vector<Webhook>> all = ListWebhooks(db);
  if (!all.ok()) return all.error();
  auto it = std::find_if(all->begin(), all->end(), [id](const Webhook& w) { return w.id == id; });
  if (it == all->end()) return MakeError(ErrorCode::kNotFound, "no webhook " + std::to_string(id));
  Result<store::Statement> q = db.Prepare(sql::kDeleteWebhook);
  if (!q.ok()) return StoreError(q.error());
  q->Bind(1, id);
  if (Status s = q->Run(); !s.ok()) return StoreError(s.error());
  if (Status s = RecordAudit(db, actor, "webhook.remove", "webhook:" + std::to_string(id), WebhookText(*it), "");
      !s.ok())
    return s.error();
  if (Status s = tx.Commit(); !s.ok()) return StoreError(s.error());
  return Ok{};
}

Result<int64_t> DeliverWebhooks(store::Store& db, const DeliveryPolicy& policy, int64_t now_ms) {
  Result<std::vector<StoredWebhook>> hooks = AllWebhooks(db);
  if (!hooks.ok()) return hooks.error();
  int64_t sent = 0;
  for (const StoredWebhook& hook : *hooks) {
    if (hook.webhook.next_attempt_ms > now_ms) continue;
    Result<Target> target = SplitUrl(hook.webhook.url);
    if (!target.ok()) continue;  // checked when added; a row edited by hand is left alone
    alerts::AuditQuery query;
    query.after_seq = hook.webhook.after_seq;
    query.limit = policy.batch;
    Result<std::vector<alerts::AuditRecord>> rows = alerts::ReadAudit(db, query);
    if (!rows.ok()) return StoreError(rows.error());
    if (rows->empty()) continue;
    int64_t done = hook.webhook.after_seq, delivered = 0;
    std::string error;
    for (const alerts::AuditRecord& row : *rows) {
      if (row.action == "alert.open" || row.action == "alert.escalate") {
        error = Post(*target, hook, row, policy, now_ms);
        if (!error.empty()) break;
        ++delivered;
        // Each success is recorded at once, so a restart resends as little as can be.
        if (Status s = Record(db, hook, row.seq, 1, "", 0, policy, now_ms); !s.ok()) return s.error();
      }
      done = row.seq;
    }
    sent += delivered;
    const int64_t failures_before = delivered > 0 ? 0 : hook.webhook.failures;
    if (Status s = Record(db, hook, done, 0, error, failures_before, policy, now_ms); !s.ok()) return s.error();
  }
  return sent;
}

}  // namespace wk::api
