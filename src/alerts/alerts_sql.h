// Private to src/alerts/: the SQL alerts_sql.cc holds for the other files.
#pragma once

#include <string_view>

namespace wk::alerts::sql {

extern const std::string_view kFindOpenAlert;     // ?1 key -> id, json, status, updated_at
extern const std::string_view kAlertEventExists;  // ?1 alert id, ?2 event key
extern const std::string_view kInsertAlert;       // -> id
extern const std::string_view kUpdateAlert;
extern const std::string_view kInsertAlertVessel;
extern const std::string_view kInsertAlertEvent;
extern const std::string_view kSelectAlerts;      // "SELECT id, json, status, updated_at FROM alerts a"


// Audit trail (audit.cc).
extern const std::string_view kLockAuditHead;     // ?1 rows -> last new seq, prev hash
extern const std::string_view kSetAuditHeadHash;  // ?1 hash
extern const std::string_view kReadAuditHead;     // -> seq, hash
extern const std::string_view kInsertAuditHead;   // + " (?1..?10), (?11..?20)..."
extern const std::string_view kSelectAudit;       // seq, at, actor, action, subject, before, after, prev, hash, at_ms
extern const std::string_view kAuditSeqByHash;    // ?1 hash -> seq
extern const std::string_view kAuditRowBySeq;     // ?1 seq -> subject, after_json

// Cases (cases.cc).
extern const std::string_view kInsertCase;        // ?1 title, ?2 now, ?3 actor -> id
extern const std::string_view kUpdateCase;
extern const std::string_view kSetCaseAuditSeq;   // ?1 seq, ?2 id
extern const std::string_view kLockCase;          // ?1 id
extern const std::string_view kSelectCases;       // "... FROM cases c"
extern const std::string_view kSelectCaseAlerts;
extern const std::string_view kSelectCaseTags;
extern const std::string_view kSelectCaseNotes;
extern const std::string_view kInsertCaseAlert;
extern const std::string_view kInsertCaseTag;
extern const std::string_view kDeleteCaseTag;
extern const std::string_view kInsertCaseNote;    // -> id
extern const std::string_view kAlertExists;       // ?1 alert id
extern const std::string_view kCaseAuditRefs;     // -> id, audit_seq

}  // namespace wk::alerts::sql
