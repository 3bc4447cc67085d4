#include "api/audit_hook.h"

#include "alerts/alerts.h"
#include "api/service.h"
#include "store/store.h"

namespace wk::api {

// The hash-chained audit trail is alerts' (alerts::AppendAudit): api writes
// its rows there, in the caller's open transaction.
Status RecordAudit(store::Store& db, std::string_view actor, std::string_view action, std::string_view subject,
                   std::string_view before_json, std::string_view after_json) {
  Result<alerts::AuditRecord> r = alerts::AppendAudit(db, actor, action, subject, before_json, after_json);
  if (!r.ok()) return MakeError(ErrorCode::kIo, "audit: " + r.error().message);
  return Ok{};
}

void AuditInOwnTransaction(store::Store& db, std::string_view actor, std::string_view action,
                           std::string_view subject, std::string_view before, std::string_view after) {
  store::Transaction tx(db);
  if (!tx.began()) ThrowError(MakeError(ErrorCode::kIo, tx.error()));
  if (Status s = RecordAudit(db, actor, action, subject, before, after); !s.ok()) ThrowError(s.error());
  if (Status s = tx.Commit(); !s.ok()) ThrowError(MakeError(ErrorCode::kIo, s.error().message));
}

}  // namespace wk::api
