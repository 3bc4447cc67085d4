// The audit chain: rows appended with the hash of the row before, the head
// kept beside them, and the verification that recomputes it all.
#include <sodium.h>

#include <algorithm>
#include <chrono>
#include <mutex>
#include <set>
#include <nlohmann/json.hpp>

#include "alerts/alerts.h"
#include "alerts/audit_internal.h"
#include "alerts/alerts_sql.h"
#include "store/store.h"

namespace wk::alerts {
namespace {

constexpr std::string_view kHashDomain = "wk-audit-v1\n";

void HashField(crypto_hash_sha256_state& st, std::string_view field) {
  const std::string len = std::to_string(field.size()) + ":";
  crypto_hash_sha256_update(&st, reinterpret_cast<const unsigned char*>(len.data()), len.size());
  crypto_hash_sha256_update(&st, reinterpret_cast<const unsigned char*>(field.data()), field.size());
  crypto_hash_sha256_update(&st, reinterpret_cast<const unsigned char*>("\n"), 1);
}

bool IsHexHash(std::string_view h) {
  if (h.size() != 64) return false;
  for (char c : h)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

// Empty, or one JSON object.
bool IsJsonObjectOrEmpty(std::string_view text) {
  if (text.empty()) return true;
  const nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  return !j.is_discarded() && j.is_object();
}

AuditRecord ReadRecord(const store::Statement& q) {
  AuditRecord r;
  r.seq = q.Int(0);
  r.at = std::string(q.Text(1));
  r.actor = std::string(q.Text(2));
  r.action = std::string(q.Text(3));
  r.subject = std::string(q.Text(4));
  r.before = std::string(q.Text(5));
  r.after = std::string(q.Text(6));
  r.prev_hash = std::string(q.Text(7));
  r.hash = std::string(q.Text(8));
  return r;
}

std::string Seq(int64_t seq) { return "row " + std::to_string(seq); }


// A JSON value that is stored text: raw when it parses (it was checked when
// appended), a string when someone has broken it since, null when empty.
void JsonOrString(JsonWriter& w, std::string_view text) {
  if (text.empty()) w.Null();
  else if (nlohmann::json::accept(text)) w.Raw(text);
  else w.String(text);
}

// Each case's last change must be an audit row that is still there, is about
// that case and holds the case as it is now.
struct CaseRef {
  int64_t id, seq;
};

Status CheckCaseRefs(store::Store& db, int64_t last_seq, AuditCheck& check) {
  if (!db.TableExists("cases")) return Ok{};
  std::vector<CaseRef> refs;
  {
    Result<store::Statement> q = db.Prepare(sql::kCaseAuditRefs);
    if (!q.ok()) return q.error();
    for (;;) {
      Result<bool> row = q->Step();
      if (!row.ok()) return row.error();
      if (!*row) break;
      refs.push_back({q->Int(0), q->Int(1)});
    }
  }
  Result<store::Statement> by_seq = db.Prepare(sql::kAuditRowBySeq);
  if (!by_seq.ok()) return by_seq.error();
  for (const CaseRef& ref : refs) {
    const std::string name = "case " + std::to_string(ref.id);
    if (ref.seq < 1 || ref.seq > last_seq) {
      check.bad_seq = ref.seq;
      check.problem = name + "'s last change is audit " + Seq(ref.seq) + ", which is not in the chain (rows " +
                      (last_seq ? "1.." + std::to_string(last_seq) : std::string("none")) +
                      "): audit rows were deleted, or the case was written behind the audit trail";
      return Ok{};
    }
    by_seq->Reset();
    by_seq->Bind(1, ref.seq);
    Result<bool> row = by_seq->Step();
    if (!row.ok()) return row.error();
    if (!*row) {
      check.bad_seq = ref.seq;
      check.problem = name + "'s last change is audit " + Seq(ref.seq) + ", which is missing (deleted)";
      return Ok{};
    }
    const std::string subject(by_seq->Text(0));
    const std::string after(by_seq->Text(1));
    by_seq->Reset();
    if (subject != "case:" + std::to_string(ref.id)) {
      check.bad_seq = ref.seq;
      check.problem = name + "'s last change is audit " + Seq(ref.seq) + ", which is about \"" + subject +
                      "\": the case row was edited behind the audit trail";
      return Ok{};
    }
    Result<Case> c = GetCase(db, ref.id);
    if (!c.ok()) return c.error();
    std::string now;
    AppendCaseJson(now, *c);
    if (now != after) {
      check.bad_seq = ref.seq;
      check.problem = name + " differs from its state in audit " + Seq(ref.seq) +
                      ", its last recorded change: the case was edited behind the audit trail";
      return Ok{};
    }
  }
  return Ok{};
}

}  // namespace

std::string NowIsoMs(int64_t* ms_out) {
  const int64_t ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count();
  if (ms_out) *ms_out = ms;
  std::string s = FormatTime(FloorSeconds(ms));  // "...:SSZ"
  const int64_t frac = ms - FloorSeconds(ms) * 1000;
  s.pop_back();
  s += '.';
  s += static_cast<char>('0' + frac / 100);
  s += static_cast<char>('0' + frac / 10 % 10);
  s += static_cast<char>('0' + frac % 10);
  s += 'Z';
  return s;
}

namespace {
std::mutex ensured_mutex;
std::set<std::string>& EnsuredUrls() {
  static std::set<std::string> urls;
  return urls;
}
}  // namespace

Status EnsureAlertTablesOnce(store::Store& db) {
  if (AlertTablesEnsured(db)) return Ok{};
  if (Status s = EnsureAlertTables(db); !s.ok()) return s;
  std::lock_guard<std::mutex> lock(ensured_mutex);
  EnsuredUrls().insert(db.url());
  return Ok{};
}

bool AlertTablesEnsured(const store::Store& db) {
  std::lock_guard<std::mutex> lock(ensured_mutex);
  return EnsuredUrls().count(db.url()) > 0;
}

std::string AuditRowHash(const AuditRecord& r) {
  static const int sodium_ready = sodium_init();  // thread-safe; >= 0 when usable
  (void)sodium_ready;
  crypto_hash_sha256_state st;
  crypto_hash_sha256_init(&st);
  crypto_hash_sha256_update(&st, reinterpret_cast<const unsigned char*>(kHashDomain.data()), kHashDomain.size());
  HashField(st, std::to_string(r.seq));
  HashField(st, r.at);
  HashField(st, r.actor);
  HashField(st, r.action);
  HashField(st, r.subject);
  HashField(st, r.before);
  HashField(st, r.after);
  HashField(st, r.prev_hash);
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&st, digest);
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return std::string(hex, crypto_hash_sha256_BYTES * 2);
}

Result<AuditRecord> AppendAudit(store::Store& db, std::string_view actor, std::string_view action,
                                std::string_view subject, std::string_view before_json,
                                std::string_view after_json) {
  std::vector<AuditEntry> one(1);
  one[0] = {std::string(actor), std::string(action), std::string(subject), std::string(before_json),
            std::string(after_json)};
  Result<std::vector<AuditRecord>> rows = AppendAuditBatch(db, std::move(one));
  if (!rows.ok()) return rows.error();
  return std::move(rows->front());
}

namespace {
Status CheckAuditEntry(const AuditEntry& e) {
  if (e.actor.empty()) return MakeError(ErrorCode::kInvalidInput, "audit: the actor is empty");
  if (e.action.empty()) return MakeError(ErrorCode::kInvalidInput, "audit: the action is empty");
  for (std::string_view field : {std::string_view(e.actor), std::string_view(e.action), std::string_view(e.subject)})
    if (!IsValidUtf8(field)) return MakeError(ErrorCode::kInvalidInput, "audit: actor, action and subject must be UTF-8");
  if (!IsJsonObjectOrEmpty(e.before))
    return MakeError(ErrorCode::kInvalidInput, "audit: before must be a JSON object or empty");
  if (!IsJsonObjectOrEmpty(e.after))
    return MakeError(ErrorCode::kInvalidInput, "audit: after must be a JSON object or empty");
  return Ok{};
}

// Rows per INSERT: 10 parameters each, well under both engines' limits.
constexpr size_t kAuditRowsPerInsert = 100;
}  // namespace

// The head is advanced once for the whole batch, the rows go in a few
// multi-row INSERTs and the head's hash is set once: three round trips for a
// batch, where one row at a time cost three per row (PostgreSQL's screening
// throughput was bound by them).
Result<std::vector<AuditRecord>> AppendAuditBatch(store::Store& db, std::vector<AuditEntry> entries) {
  if (!db.in_transaction())
    return MakeError(ErrorCode::kInvalidInput,
                     "an audit row is appended inside the transaction of the change it records; none is open");
  std::vector<AuditRecord> rows;
  if (entries.empty()) return rows;
  for (const AuditEntry& e : entries)
    if (Status s = CheckAuditEntry(e); !s.ok()) return s.error();
  if (Status s = EnsureAlertTablesOnce(db); !s.ok()) return s.error();

  Result<store::Statement> head = db.Prepare(sql::kLockAuditHead);
  if (!head.ok())
    return MakeError(head.error().code, head.error().message +
                                            " (the audit tables: alerts::EnsureAlertTables or watchkeeper db migrate)");
  head->Bind(1, static_cast<int64_t>(entries.size()));
  Result<bool> row = head->Step();
  if (!row.ok()) return row.error();
  if (!*row)
    return MakeError(ErrorCode::kIo,
                     "the audit chain's head (audit_head) is missing: nothing can be appended; run audit verify");
  const int64_t last_seq = head->Int(0);
  std::string prev_hash(head->Text(1));
  head->Reset();

  rows.reserve(entries.size());
  std::vector<int64_t> at_ms(entries.size());
  int64_t seq = last_seq - static_cast<int64_t>(entries.size()) + 1;
  for (size_t i = 0; i < entries.size(); ++i) {
    AuditRecord r;
    r.seq = seq++;
    r.prev_hash = prev_hash;
    r.at = NowIsoMs(&at_ms[i]);
    r.actor = std::move(entries[i].actor);
    r.action = std::move(entries[i].action);
    r.subject = std::move(entries[i].subject);
    r.before = std::move(entries[i].before);
    r.after = std::move(entries[i].after);
    r.hash = AuditRowHash(r);
    prev_hash = r.hash;
    rows.push_back(std::move(r));
  }

  for (size_t from = 0; from < rows.size(); from += kAuditRowsPerInsert) {
    const size_t n = std::min(kAuditRowsPerInsert, rows.size() - from);
    std::string text(sql::kInsertAuditHead);
    for (size_t k = 0; k < n; ++k) {
      text += k ? ", (" : " (";
      for (int c = 1; c <= 10; ++c) {
        if (c > 1) text += ", ";
        text += '?';
        text += std::to_string(k * 10 + c);
      }
      text += ')';
    }
    Result<store::Statement> ins = db.Prepare(text);
    if (!ins.ok()) return ins.error();
    for (size_t k = 0; k < n; ++k) {
      const AuditRecord& r = rows[from + k];
      const int b = static_cast<int>(k * 10);
      ins->Bind(b + 1, r.seq).Bind(b + 2, std::string_view(r.at)).Bind(b + 3, at_ms[from + k]);
      ins->Bind(b + 4, std::string_view(r.actor)).Bind(b + 5, std::string_view(r.action));
      ins->Bind(b + 6, std::string_view(r.subject)).Bind(b + 7, std::string_view(r.before));
      ins->Bind(b + 8, std::string_view(r.after)).Bind(b + 9, std::string_view(r.prev_hash));
      ins->Bind(b + 10, std::string_view(r.hash));
    }
    if (Status s = ins->Run(); !s.ok()) return s.error();
  }
  Result<store::Statement> set = db.Prepare(sql::kSetAuditHeadHash);
  if (!set.ok()) return set.error();
  set->Bind(1, std::string_view(rows.back().hash));
  if (Status s = set->Run(); !s.ok()) return s.error();
  return rows;
}

Result<AuditCheck> VerifyAudit(store::Store& db, std::string_view expect_hash) {
  if (!expect_hash.empty() && !IsHexHash(expect_hash))
    return MakeError(ErrorCode::kInvalidInput, "expected head: not a hash (64 lower-case hex digits): \"" +
                                                   std::string(expect_hash) + "\"");
  AuditCheck check;
  check.head_hash = std::string(kAuditGenesisHash);  // an empty chain's
  auto fail = [&check](int64_t seq, std::string problem) {
    if (!check.intact) return;
    check.intact = false;
    check.bad_seq = seq;
    check.problem = std::move(problem);
  };
  if (!db.TableExists("audit_log") || !db.TableExists("audit_head")) {
    if (db.TableExists("cases") || db.TableExists("audit_log") || db.TableExists("audit_head"))
      fail(1, "the audit tables are missing (audit_log or audit_head dropped)");
    if (!expect_hash.empty()) fail(1, "no row carries the expected hash: the store has no audit chain");
    return check;
  }

  // The seq of the row carrying `hash`, or 0: only asked when something is
  // wrong (and for expect_hash), so verify holds one row at a time.
  Result<store::Statement> by_hash = db.Prepare(sql::kAuditSeqByHash);
  if (!by_hash.ok()) return by_hash.error();
  auto seq_of = [&by_hash](const std::string& hash) -> Result<int64_t> {
    by_hash->Reset();
    by_hash->Bind(1, std::string_view(hash));
    Result<bool> row = by_hash->Step();
    if (!row.ok()) return row.error();
    const int64_t seq = *row ? by_hash->Int(0) : 0;
    by_hash->Reset();
    return seq;
  };
  std::string prev_hash(kAuditGenesisHash);
  int64_t expected = 1;
  {
    Result<store::Statement> q = db.Prepare(std::string(sql::kSelectAudit) + " ORDER BY seq");
    if (!q.ok()) return q.error();
    for (;;) {
      Result<bool> row = q->Step();
      if (!row.ok()) return row.error();
      if (!*row) break;
      const AuditRecord r = ReadRecord(*q);
      const int64_t at_ms = q->Int(9);
      ++check.rows;
      if (r.seq != expected) {
        if (r.seq > expected)
          fail(expected, expected + 1 == r.seq
                             ? Seq(expected) + " is missing (deleted): the chain jumps from " +
                                   Seq(expected - 1) + " to " + Seq(r.seq)
                             : "rows " + std::to_string(expected) + ".." + std::to_string(r.seq - 1) +
                                   " are missing (deleted)");
        else
          fail(r.seq, Seq(r.seq) + " is out of sequence (inserted: rows are numbered from 1)");
      }
      const bool self_ok = AuditRowHash(r) == r.hash;
      if (r.prev_hash != prev_hash && check.intact) {
        Result<int64_t> to = seq_of(r.prev_hash);
        if (!to.ok()) return to.error();
        const int64_t k = *to;
        if (k > 0 && k < r.seq - 1)
          fail(k + 1, (k + 2 == r.seq ? Seq(k + 1) + " was inserted: "
                                      : "rows " + std::to_string(k + 1) + ".." + std::to_string(r.seq - 1) +
                                            " were inserted: ") +
                          Seq(r.seq) + " chains to " + Seq(k));
        else if (!self_ok)
          fail(r.seq, Seq(r.seq) + " was edited or moved: its hash does not match its content at this place (" +
                          r.action + " by " + r.actor + " at " + r.at + ")");
        else
          fail(r.seq - 1, Seq(r.seq - 1) + " was replaced: " + Seq(r.seq) +
                              " does not chain to it (its prev_hash is another row's hash)");
      } else if (!self_ok) {
        fail(r.seq, Seq(r.seq) + " was edited: its hash does not match its content (" + r.action + " by " +
                        r.actor + " at " + r.at + ")");
      }
      const std::optional<int64_t> parsed = ParseTimeMs(r.at);
      if (!parsed || *parsed != at_ms)
        fail(r.seq, Seq(r.seq) + " was edited: its at_ms does not match its time " + r.at);
      prev_hash = r.hash;
      expected = r.seq + 1;
      check.head_seq = r.seq;
      check.head_hash = r.hash;
    }
  }

  Result<store::Statement> head = db.Prepare(sql::kReadAuditHead);
  if (!head.ok()) return head.error();
  Result<bool> hrow = head->Step();
  if (!hrow.ok()) return hrow.error();
  if (!*hrow) {
    fail(check.head_seq + 1, "the chain's head (audit_head) is missing: rows after " + Seq(check.head_seq) +
                                 " may have been deleted with it");
  } else {
    const int64_t head_seq = head->Int(0);
    const std::string head_hash(head->Text(1));
    if (head_seq > check.head_seq)
      fail(check.head_seq + 1, head_seq == check.head_seq + 1
                                   ? Seq(head_seq) + ", the last, is missing (deleted): the head is at " +
                                         Seq(head_seq)
                                   : "rows " + std::to_string(check.head_seq + 1) + ".." +
                                         std::to_string(head_seq) + " at the end are missing (deleted)");
    else if (head_seq < check.head_seq)
      fail(head_seq + 1, Seq(head_seq + 1) + " is past the chain's head (" + Seq(head_seq) +
                             "): inserted behind the audit trail");
    else if (head_hash != check.head_hash)
      fail(check.head_seq, Seq(check.head_seq) + " does not match the chain's head hash: the last row was "
                                                 "replaced, or the head edited");
  }
  head->Reset();

  if (check.intact) {
    AuditCheck cases;
    if (Status s = CheckCaseRefs(db, check.head_seq, cases); !s.ok()) return s.error();
    if (!cases.problem.empty()) fail(cases.bad_seq, cases.problem);
  }

  if (!expect_hash.empty()) {
    const std::string want(expect_hash);
    Result<int64_t> at = seq_of(want);
    if (!at.ok()) return at.error();
    if (*at > 0 && *at <= check.head_seq) check.expected_seq = *at;
    else
      fail(check.head_seq, "no row carries the expected hash " + want +
                               ": the chain was rewritten before it was written down (or it is another store's)");
  }
  return check;
}

Result<std::vector<AuditRecord>> ReadAudit(store::Store& db, std::optional<int64_t> from_s,
                                           std::optional<int64_t> to_s) {
  AuditQuery q;
  q.from_s = from_s;
  q.to_s = to_s;
  return ReadAudit(db, q);
}

Result<int64_t> AuditHeadSeq(store::Store& db) {
  if (!AlertTablesEnsured(db) && !db.TableExists("audit_head")) return int64_t{0};
  Result<store::Statement> q = db.Prepare(sql::kReadAuditHead);
  if (!q.ok()) return q.error();
  Result<bool> row = q->Step();
  if (!row.ok()) return row.error();
  return *row ? q->Int(0) : int64_t{0};
}

Result<std::vector<AuditRecord>> ReadAudit(store::Store& db, const AuditQuery& f) {
  std::vector<AuditRecord> out;
  if (!AlertTablesEnsured(db) && !db.TableExists("audit_log")) return out;
  std::string q(sql::kSelectAudit);
  q += " WHERE seq > ?1";
  int n = 1;
  auto param = [&n] {
    std::string p(1, '?');
    p += std::to_string(++n);
    return p;
  };
  if (f.from_s) q += " AND at_ms >= " + param();
  if (f.to_s) q += " AND at_ms < " + param();
  if (!f.subject.empty()) q += " AND subject = " + param();
  if (!f.actor.empty()) q += " AND actor = " + param();
  if (!f.action.empty()) q += " AND action = " + param();
  q += " ORDER BY seq";
  if (f.limit > 0) q += " LIMIT " + param();
  Result<store::Statement> st = db.Prepare(q);
  if (!st.ok()) return st.error();
  int i = 1;
  st->Bind(1, f.after_seq);
  if (f.from_s) st->Bind(++i, *f.from_s * 1000);
  if (f.to_s) st->Bind(++i, *f.to_s * 1000);
  if (!f.subject.empty()) st->Bind(++i, std::string_view(f.subject));
  if (!f.actor.empty()) st->Bind(++i, std::string_view(f.actor));
  if (!f.action.empty()) st->Bind(++i, std::string_view(f.action));
  if (f.limit > 0) st->Bind(++i, f.limit);
  for (;;) {
    Result<bool> row = st->Step();
    if (!row.ok()) return row.error();
    if (!*row) break;
    out.push_back(ReadRecord(*st));
  }
  return out;
}

void AppendAuditJson(std::string& out, const AuditRecord& r) {
  JsonWriter w(out);
  w.BeginObject().Field("seq", r.seq).Field("at", r.at).Field("actor", r.actor).Field("action", r.action);
  w.Field("subject", r.subject);
  w.Key("before");
  JsonOrString(w, r.before);
  w.Key("after");
  JsonOrString(w, r.after);
  w.Field("prev_hash", r.prev_hash).Field("hash", r.hash).EndObject();
}

void AppendAuditCheckJson(std::string& out, const AuditCheck& c) {
  JsonWriter w(out);
  w.BeginObject().Field("intact", c.intact).Field("rows", c.rows).Field("head_seq", c.head_seq);
  w.Field("head_hash", c.head_hash);
  if (!c.intact) w.Field("bad_seq", c.bad_seq).Field("problem", c.problem);
  if (c.expected_seq) w.Field("expected_seq", c.expected_seq);
  w.EndObject();
}

void AppendAuditCsv(std::string& out, const AuditRecord& r) {
  out += std::to_string(r.seq);
  for (std::string_view f : {std::string_view(r.at), std::string_view(r.actor), std::string_view(r.action),
                             std::string_view(r.subject), std::string_view(r.before), std::string_view(r.after),
                             std::string_view(r.prev_hash), std::string_view(r.hash)}) {
    out += ',';
    AppendCsvField(out, f);
  }
  out += '\n';
}

}  // namespace wk::alerts
