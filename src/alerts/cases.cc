// Cases: alerts grouped for review, their transitions and the four-eyes rule.
// Every change runs in one transaction with its audit row.
#include <algorithm>
#include <functional>

#include "alerts/alerts.h"
#include "alerts/alerts_sql.h"
#include "alerts/audit_internal.h"
#include "store/store.h"

namespace wk::alerts {
namespace {

constexpr std::string_view kStatusNames[] = {"open", "investigating", "closed"};
constexpr std::string_view kOutcomeNames[] = {"confirmed", "false_positive", "inconclusive"};

Error Refused(std::string message) { return MakeError(ErrorCode::kInvalidInput, std::move(message)); }

std::string Name(int64_t id) { return "case " + std::to_string(id); }

Error NoCase(int64_t id) { return MakeError(ErrorCode::kNotFound, "no " + Name(id)); }

// Text people type: not empty after trimming, valid UTF-8, at most `max` bytes.
Status CheckText(std::string_view what, std::string_view text, size_t max) {
  if (Trim(text).empty()) return Refused(std::string(what) + " is empty");
  if (!IsValidUtf8(text)) return Refused(std::string(what) + " is not valid UTF-8");
  if (text.size() > max)
    return Refused(std::string(what) + " is " + std::to_string(text.size()) + " bytes; at most " +
                   std::to_string(max));
  return Ok{};
}

Status CheckActor(std::string_view actor) {
  if (actor.empty()) return Refused("the actor (who makes the change) is empty");
  if (!IsValidUtf8(actor) || actor.size() > 200) return Refused("the actor must be UTF-8 of at most 200 bytes");
  return Ok{};
}

// Tags are lower-cased; a-z, 0-9, '-', '_', '.', ':'.
Result<std::string> NormaliseTag(std::string_view tag) {
  const std::string t = Lower(Trim(tag));
  if (t.empty()) return Refused("the tag is empty");
  if (t.size() > kMaxCaseTagBytes)
    return Refused("the tag is longer than " + std::to_string(kMaxCaseTagBytes) + " bytes");
  for (char c : t)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == ':'))
      return Refused("tag \"" + std::string(tag) + "\": only letters, digits and - _ . : are allowed");
  return t;
}

std::optional<CaseOutcome> OutcomeColumn(std::string_view text) {
  if (text.empty()) return std::nullopt;
  return ParseCaseOutcome(text);
}

std::string_view OutcomeText(const std::optional<CaseOutcome>& o) { return o ? CaseOutcomeName(*o) : ""; }

Result<Case> ReadCaseRow(const store::Statement& q) {
  Case c;
  c.id = q.Int(0);
  c.title = std::string(q.Text(1));
  const std::optional<CaseStatus> status = ParseCaseStatus(q.Text(2));
  if (!status) return MakeError(ErrorCode::kIo, Name(c.id) + ": unknown status \"" + std::string(q.Text(2)) + "\"");
  c.status = *status;
  c.assignee = std::string(q.Text(3));
  c.outcome = OutcomeColumn(q.Text(4));
  c.proposed_outcome = OutcomeColumn(q.Text(5));
  c.proposed_by = std::string(q.Text(6));
  c.approved_by = std::string(q.Text(7));
  c.created_at = std::string(q.Text(8));
  c.created_by = std::string(q.Text(9));
  c.updated_at = std::string(q.Text(10));
  c.audit_seq = q.Int(11);
  return c;
}

// The case's alerts, tags and notes.
Status ReadChildren(store::Store& db, Case& c) {
  Result<store::Statement> a = db.Prepare(sql::kSelectCaseAlerts);
  if (!a.ok()) return a.error();
  a->Bind(1, c.id);
  for (Result<bool> row = a->Step();; row = a->Step()) {
    if (!row.ok()) return row.error();
    if (!*row) break;
    c.alert_ids.push_back(a->Int(0));
  }
  Result<store::Statement> t = db.Prepare(sql::kSelectCaseTags);
  if (!t.ok()) return t.error();
  t->Bind(1, c.id);
  for (Result<bool> row = t->Step();; row = t->Step()) {
    if (!row.ok()) return row.error();
    if (!*row) break;
    c.tags.emplace_back(t->Text(0));
  }
  Result<store::Statement> n = db.Prepare(sql::kSelectCaseNotes);
  if (!n.ok()) return n.error();
  n->Bind(1, c.id);
  for (Result<bool> row = n->Step();; row = n->Step()) {
    if (!row.ok()) return row.error();
    if (!*row) break;
    c.notes.push_back(CaseNote{n->Int(0), std::string(n->Text(1)), std::string(n->Text(2)), std::string(n->Text(3))});
  }
  return Ok{};
}

Result<Case> LoadCase(store::Store& db, int64_t id) {
  if (!AlertTablesEnsured(db) && !db.TableExists("cases")) return NoCase(id);
  Result<store::Statement> q = db.Prepare(std::string(sql::kSelectCases) + " WHERE c.id = ?1");
  if (!q.ok()) return q.error();
  q->Bind(1, id);
  Result<bool> row = q->Step();
  if (!row.ok()) return row.error();
  if (!*row) return NoCase(id);
  Result<Case> c = ReadCaseRow(*q);
  q->Reset();
  if (!c.ok()) return c;
  if (Status s = ReadChildren(db, *c); !s.ok()) return s.error();
  return c;
}

std::string JsonOf(const Case& c) {
  std::string out;
  AppendCaseJson(out, c);
  return out;
}

// Each id must be an alert in the store (the alerts table is this domain's).
Status CheckAlertsExist(store::Store& db, std::span<const int64_t> ids) {
  if (ids.size() > kMaxCaseAlerts)
    return Refused("at most " + std::to_string(kMaxCaseAlerts) + " alerts at once, not " + std::to_string(ids.size()));
  if (ids.empty()) return Ok{};
  for (int64_t id : ids)
    if (id < 1) return Refused("alert ids are positive numbers, not " + std::to_string(id));
  Result<store::Statement> q = db.Prepare(sql::kAlertExists);
  if (!q.ok()) return q.error();
  for (int64_t id : ids) {
    q->Reset();
    q->Bind(1, id);
    Result<bool> row = q->Step();
    if (!row.ok()) return row.error();
    if (!*row) return MakeError(ErrorCode::kNotFound, "no alert " + std::to_string(id));
  }
  q->Reset();
  return Ok{};
}

Status InsertAlerts(store::Store& db, int64_t case_id, std::span<const int64_t> ids) {
  Result<store::Statement> ins = db.Prepare(sql::kInsertCaseAlert);
  if (!ins.ok()) return ins.error();
  for (int64_t id : ids) {
    ins->Bind(1, case_id).Bind(2, id);
    if (Status s = ins->Run(); !s.ok()) return s;
  }
  return Ok{};
}

Status InsertNote(store::Store& db, int64_t case_id, std::string_view at, std::string_view author,
                  std::string_view text) {
  Result<store::Statement> ins = db.Prepare(sql::kInsertCaseNote);
  if (!ins.ok()) return ins.error();
  ins->Bind(1, case_id).Bind(2, at).Bind(3, author).Bind(4, text);
  Result<bool> row = ins->Step();
  if (!row.ok()) return row.error();
  ins->Reset();
  return Ok{};
}

// Writes the case's own columns and updated_at.
Status WriteCase(store::Store& db, const Case& c) {
  Result<store::Statement> u = db.Prepare(sql::kUpdateCase);
  if (!u.ok()) return u.error();
  u->Bind(1, CaseStatusName(c.status)).Bind(2, std::string_view(c.assignee)).Bind(3, OutcomeText(c.outcome));
  u->Bind(4, OutcomeText(c.proposed_outcome)).Bind(5, std::string_view(c.proposed_by));
  u->Bind(6, std::string_view(c.approved_by)).Bind(7, std::string_view(c.updated_at)).Bind(8, c.id);
  return u->Run();
}

// Reads the case as stored, records the audit row of the change that led to
// it and points the case at that row. In the open transaction.
Result<Case> RecordChange(store::Store& db, std::string_view actor, std::string_view action, int64_t id,
                          std::string_view before) {
  Result<Case> after = LoadCase(db, id);
  if (!after.ok()) return after;
  Result<AuditRecord> r = AppendAudit(db, actor, action, "case:" + std::to_string(id), before, JsonOf(*after));
  if (!r.ok()) return r.error();
  Result<store::Statement> set = db.Prepare(sql::kSetCaseAuditSeq);
  if (!set.ok()) return set.error();
  set->Bind(1, r->seq).Bind(2, id);
  if (Status s = set->Run(); !s.ok()) return s.error();
  after->audit_seq = r->seq;
  return after;
}

// One change to an existing case: the case row locked (PostgreSQL: changes to
// one case run one after the other; SQLite: BEGIN IMMEDIATE already does),
// then `change` refuses (an error, nothing written) or edits `c` and writes
// its child rows; then the case row, the audit row and the commit.
using Change = std::function<Status(store::Store&, Case& c, const std::string& now)>;

Result<Case> Mutate(store::Store& db, std::string_view actor, int64_t id, std::string_view action,
                    const Change& change) {
  if (Status s = CheckActor(actor); !s.ok()) return s.error();
  if (Status s = EnsureAlertTablesOnce(db); !s.ok()) return s.error();
  store::Transaction tx(db);
  if (!tx.began()) return MakeError(ErrorCode::kIo, tx.error());
  Result<store::Statement> lock = db.Prepare(sql::kLockCase);
  if (!lock.ok()) return lock.error();
  lock->Bind(1, id);
  if (Status s = lock->Run(); !s.ok()) return s.error();
  if (db.Changes() == 0) return NoCase(id);
  Result<Case> loaded = LoadCase(db, id);
  if (!loaded.ok()) return loaded;
  Case c = std::move(loaded).value();
  const std::string before = JsonOf(c);
  const std::string now = NowIsoMs();
  if (Status s = change(db, c, now); !s.ok()) return s.error();
  c.updated_at = now;
  if (Status s = WriteCase(db, c); !s.ok()) return s.error();
  Result<Case> after = RecordChange(db, actor, action, id, before);
  if (!after.ok()) return after;
  if (Status s = tx.Commit(); !s.ok()) return s.error();
  return after;
}

Status RefuseIfClosed(const Case& c, std::string_view what) {
  if (c.status == CaseStatus::kClosed)
    return Refused(Name(c.id) + " is closed: reopen it (status open) before " + std::string(what));
  return Ok{};
}

Status RefuseIfProposed(const Case& c) {
  if (c.proposed_outcome)
    return Refused(Name(c.id) + " has a proposed outcome (" + std::string(CaseOutcomeName(*c.proposed_outcome)) +
                   ", by " + c.proposed_by + ") waiting for approval: approve or reject it first");
  return Ok{};
}

void Close(Case& c, CaseOutcome outcome) {
  c.status = CaseStatus::kClosed;
  c.outcome = outcome;
}

void AppendIdList(std::string& out, const std::vector<int64_t>& ids) {
  for (size_t i = 0; i < ids.size(); ++i) {
    if (i) out += ", ";
    out += std::to_string(ids[i]);
  }
}

}  // namespace

std::string_view CaseStatusName(CaseStatus s) { return kStatusNames[static_cast<size_t>(s)]; }

std::optional<CaseStatus> ParseCaseStatus(std::string_view name) {
  for (size_t i = 0; i < std::size(kStatusNames); ++i)
    if (kStatusNames[i] == name) return static_cast<CaseStatus>(i);
  return std::nullopt;
}

std::string_view CaseOutcomeName(CaseOutcome o) { return kOutcomeNames[static_cast<size_t>(o)]; }

std::optional<CaseOutcome> ParseCaseOutcome(std::string_view name) {
  for (size_t i = 0; i < std::size(kOutcomeNames); ++i)
    if (kOutcomeNames[i] == name) return static_cast<CaseOutcome>(i);
  return std::nullopt;
}

Result<Case> CreateCase(store::Store& db, std::string_view actor, std::string_view title,
                        std::span<const int64_t> alert_ids) {
  if (Status s = CheckActor(actor); !s.ok()) return s.error();
  if (Status s = CheckText("the title", title, kMaxCaseTitleBytes); !s.ok()) return s.error();
  if (Status s = EnsureAlertTablesOnce(db); !s.ok()) return s.error();
  store::Transaction tx(db);
  if (!tx.began()) return MakeError(ErrorCode::kIo, tx.error());
  if (Status s = CheckAlertsExist(db, alert_ids); !s.ok()) return s.error();
  const std::string now = NowIsoMs();
  Result<store::Statement> ins = db.Prepare(sql::kInsertCase);
  if (!ins.ok()) return ins.error();
  ins->Bind(1, title).Bind(2, std::string_view(now)).Bind(3, actor);
  Result<bool> row = ins->Step();
  if (!row.ok()) return row.error();
  if (!*row) return MakeError(ErrorCode::kIo, "the new case has no id");
  const int64_t id = ins->Int(0);
  ins->Reset();
  if (Status s = InsertAlerts(db, id, alert_ids); !s.ok()) return s.error();
  Result<Case> c = RecordChange(db, actor, "case.create", id, "");
  if (!c.ok()) return c;
  if (Status s = tx.Commit(); !s.ok()) return s.error();
  return c;
}

Result<Case> GetCase(store::Store& db, int64_t id) { return LoadCase(db, id); }

Result<std::vector<Case>> ListCases(store::Store& db, const CaseFilter& f) {
  std::vector<Case> out;
  if (!AlertTablesEnsured(db) && !db.TableExists("cases")) return out;
  std::string q(sql::kSelectCases);
  q += " WHERE 1 = 1";
  int n = 0;
  auto param = [&n] {
    std::string p(1, '?');
    p += std::to_string(++n);
    return p;
  };
  if (f.status) q += " AND c.status = " + param();
  if (!f.assignee.empty()) q += " AND c.assignee = " + param();
  if (!f.tag.empty()) q += " AND EXISTS (SELECT 1 FROM case_tags t WHERE t.case_id = c.id AND t.tag = " + param() + ")";
  if (f.alert_id)
    q += " AND EXISTS (SELECT 1 FROM case_alerts a WHERE a.case_id = c.id AND a.alert_id = " + param() + ")";
  const std::string limit = param();
  const std::string offset = param();
  q += " ORDER BY c.id LIMIT " + limit + " OFFSET " + offset;
  Result<store::Statement> st = db.Prepare(q);
  if (!st.ok()) return st.error();
  int i = 0;
  if (f.status) st->Bind(++i, CaseStatusName(*f.status));
  if (!f.assignee.empty()) st->Bind(++i, std::string_view(f.assignee));
  const std::string tag = Lower(Trim(f.tag));
  if (!f.tag.empty()) st->Bind(++i, std::string_view(tag));
  if (f.alert_id) st->Bind(++i, *f.alert_id);
  st->Bind(++i, std::max<int64_t>(f.limit, 0));
  st->Bind(++i, std::max<int64_t>(f.offset, 0));
  for (;;) {
    Result<bool> row = st->Step();
    if (!row.ok()) return row.error();
    if (!*row) break;
    Result<Case> c = ReadCaseRow(*st);
    if (!c.ok()) return c.error();
    out.push_back(std::move(c).value());
  }
  st->Reset();
  for (Case& c : out)
    if (Status s = ReadChildren(db, c); !s.ok()) return s.error();
  return out;
}

Result<Case> AssignCase(store::Store& db, std::string_view actor, int64_t id, std::string_view assignee) {
  if (!assignee.empty())
    if (Status s = CheckText("the assignee", assignee, 200); !s.ok()) return s.error();
  return Mutate(db, actor, id, "case.assign", [assignee](store::Store&, Case& c, const std::string&) -> Status {
    if (Status s = RefuseIfClosed(c, "assigning it"); !s.ok()) return s;
    if (c.assignee == assignee)
      return Refused(Name(c.id) + (assignee.empty() ? " is not assigned" : " is already assigned to " + c.assignee));
    c.assignee = std::string(assignee);
    return Ok{};
  });
}

Result<Case> SetCaseStatus(store::Store& db, std::string_view actor, int64_t id, CaseStatus to) {
  return Mutate(db, actor, id, "case.status", [to](store::Store&, Case& c, const std::string&) -> Status {
    if (c.status == to) return Refused(Name(c.id) + " is already " + std::string(CaseStatusName(to)));
    if (to == CaseStatus::kClosed)
      return Refused(Name(c.id) + ": closing needs an outcome: close it as false_positive or inconclusive, "
                                  "or propose confirmed for another account to approve");
    if (c.status == CaseStatus::kClosed && to == CaseStatus::kInvestigating)
      return Refused(Name(c.id) + " is closed: reopen it (status open) before investigating it again");
    if (c.status == CaseStatus::kClosed) {  // reopened: the outcome no longer stands
      c.outcome.reset();
      c.proposed_by.clear();
      c.approved_by.clear();
    }
    c.status = to;
    return Ok{};
  });
}

Result<Case> AddCaseNote(store::Store& db, std::string_view actor, int64_t id, std::string_view text) {
  if (Status s = CheckText("the note", text, kMaxCaseNoteBytes); !s.ok()) return s.error();
  return Mutate(db, actor, id, "case.note",
                [actor, text](store::Store& d, Case& c, const std::string& now) -> Status {
                  return InsertNote(d, c.id, now, actor, text);
                });
}

Result<Case> TagCase(store::Store& db, std::string_view actor, int64_t id, std::string_view tag) {
  Result<std::string> t = NormaliseTag(tag);
  if (!t.ok()) return t.error();
  const std::string norm = *t;
  return Mutate(db, actor, id, "case.tag", [&norm](store::Store& d, Case& c, const std::string&) -> Status {
    if (std::find(c.tags.begin(), c.tags.end(), norm) != c.tags.end())
      return Refused(Name(c.id) + " is already tagged " + norm);
    Result<store::Statement> ins = d.Prepare(sql::kInsertCaseTag);
    if (!ins.ok()) return ins.error();
    ins->Bind(1, c.id).Bind(2, std::string_view(norm));
    return ins->Run();
  });
}

Result<Case> UntagCase(store::Store& db, std::string_view actor, int64_t id, std::string_view tag) {
  Result<std::string> t = NormaliseTag(tag);
  if (!t.ok()) return t.error();
  const std::string norm = *t;
  return Mutate(db, actor, id, "case.untag", [&norm](store::Store& d, Case& c, const std::string&) -> Status {
    if (std::find(c.tags.begin(), c.tags.end(), norm) == c.tags.end())
      return Refused(Name(c.id) + " is not tagged " + norm);
    Result<store::Statement> del = d.Prepare(sql::kDeleteCaseTag);
    if (!del.ok()) return del.error();
    del->Bind(1, c.id).Bind(2, std::string_view(norm));
    return del->Run();
  });
}

Result<Case> AddAlertsToCase(store::Store& db, std::string_view actor, int64_t id,
                             std::span<const int64_t> alert_ids) {
  if (alert_ids.empty()) return Refused("no alerts given");
  return Mutate(db, actor, id, "case.alerts", [alert_ids](store::Store& d, Case& c, const std::string&) -> Status {
    if (Status s = RefuseIfClosed(c, "adding alerts"); !s.ok()) return s;
    std::vector<int64_t> fresh;
    for (int64_t a : alert_ids)
      if (std::find(c.alert_ids.begin(), c.alert_ids.end(), a) == c.alert_ids.end() &&
          std::find(fresh.begin(), fresh.end(), a) == fresh.end())
        fresh.push_back(a);
    if (fresh.empty()) return Refused(Name(c.id) + " holds every one of these alerts already");
    if (Status s = CheckAlertsExist(d, fresh); !s.ok()) return s;
    return InsertAlerts(d, c.id, fresh);
  });
}

Result<Case> CloseCase(store::Store& db, std::string_view actor, int64_t id, CaseOutcome outcome) {
  if (outcome == CaseOutcome::kConfirmed)
    return Refused("four-eyes: a confirmed outcome is proposed by one account and approved by another: "
                   "propose it (cases propose) instead of closing");
  return Mutate(db, actor, id, "case.close", [outcome](store::Store&, Case& c, const std::string&) -> Status {
    if (c.status == CaseStatus::kClosed) return Refused(Name(c.id) + " is already closed");
    if (Status s = RefuseIfProposed(c); !s.ok()) return s;
    Close(c, outcome);
    c.approved_by.clear();
    return Ok{};
  });
}

Result<Case> ProposeOutcome(store::Store& db, std::string_view actor, int64_t id, CaseOutcome outcome) {
  return Mutate(db, actor, id, "case.propose",
                [actor, outcome](store::Store&, Case& c, const std::string&) -> Status {
                  if (Status s = RefuseIfClosed(c, "proposing an outcome"); !s.ok()) return s;
                  if (Status s = RefuseIfProposed(c); !s.ok()) return s;
                  c.proposed_outcome = outcome;
                  c.proposed_by = std::string(actor);
                  return Ok{};
                });
}

Result<Case> ApproveOutcome(store::Store& db, std::string_view actor, int64_t id) {
  return Mutate(db, actor, id, "case.approve", [actor](store::Store&, Case& c, const std::string&) -> Status {
    if (!c.proposed_outcome) return Refused(Name(c.id) + " has no proposed outcome to approve");
    if (c.proposed_by == actor)
      return Refused("four-eyes: " + c.proposed_by + " proposed this outcome and cannot approve it; "
                     "another account must");
    Close(c, *c.proposed_outcome);
    c.approved_by = std::string(actor);
    c.proposed_outcome.reset();
    // proposed_by stays: the approved outcome names both its proposer and its approver.
    return Ok{};
  });
}

Result<Case> RejectProposal(store::Store& db, std::string_view actor, int64_t id, std::string_view reason) {
  if (Status s = CheckText("the reason", reason, kMaxCaseNoteBytes); !s.ok()) return s.error();
  return Mutate(db, actor, id, "case.reject",
                [actor, reason](store::Store& d, Case& c, const std::string& now) -> Status {
                  if (!c.proposed_outcome) return Refused(Name(c.id) + " has no proposed outcome to reject");
                  const std::string note = (c.proposed_by == actor ? "withdrew the proposed outcome "
                                                                   : "rejected the proposed outcome ") +
                                           std::string(CaseOutcomeName(*c.proposed_outcome)) + " (proposed by " +
                                           c.proposed_by + "): " + std::string(reason);
                  c.proposed_outcome.reset();
                  c.proposed_by.clear();
                  return InsertNote(d, c.id, now, actor, note);
                });
}

void AppendCaseJson(std::string& out, const Case& c) {
  JsonWriter w(out);
  auto text_or_null = [&w](std::string_view key, const std::string& v) {
    if (v.empty()) w.Key(key).Null();
    else w.Field(key, v);
  };
  w.BeginObject().Field("id", c.id).Field("title", c.title).Field("status", CaseStatusName(c.status));
  text_or_null("assignee", c.assignee);
  w.Key("alerts").BeginArray();
  for (int64_t a : c.alert_ids) w.Int(a);
  w.EndArray().Key("tags").BeginArray();
  for (const std::string& t : c.tags) w.String(t);
  w.EndArray().Key("notes").BeginArray();
  for (const CaseNote& n : c.notes)
    w.BeginObject().Field("id", n.id).Field("at", n.at).Field("author", n.author).Field("text", n.text).EndObject();
  w.EndArray();
  w.Key("outcome");
  if (c.outcome) w.String(CaseOutcomeName(*c.outcome));
  else w.Null();
  w.Key("proposed_outcome");
  if (c.proposed_outcome) w.String(CaseOutcomeName(*c.proposed_outcome));
  else w.Null();
  text_or_null("proposed_by", c.proposed_by);
  text_or_null("approved_by", c.approved_by);
  w.Field("created_at", c.created_at).Field("created_by", c.created_by).Field("updated_at", c.updated_at);
  w.EndObject();
}

void AppendCaseText(std::string& out, const Case& c) {
  out += "#" + std::to_string(c.id) + " [" + std::string(CaseStatusName(c.status)) + "] " + c.title + " (";
  out += c.assignee.empty() ? "unassigned" : "assignee " + c.assignee;
  if (!c.alert_ids.empty()) {
    out += "; alerts ";
    AppendIdList(out, c.alert_ids);
  }
  if (!c.tags.empty()) out += "; tags " + Join(c.tags, ", ");
  out += ")\n";
  out += "  created " + c.created_at + " by " + c.created_by + ", updated " + c.updated_at + "\n";
  if (c.outcome) {
    out += "  outcome " + std::string(CaseOutcomeName(*c.outcome));
    if (!c.approved_by.empty()) out += " (proposed by " + c.proposed_by + ", approved by " + c.approved_by + ")";
    out += "\n";
  }
  if (c.proposed_outcome)
    out += "  proposed " + std::string(CaseOutcomeName(*c.proposed_outcome)) + " by " + c.proposed_by +
           ", waiting for another account's approval\n";
  for (const CaseNote& n : c.notes) out += "  note " + n.at + " " + n.author + ": " + n.text + "\n";
}

}  // namespace wk::alerts
