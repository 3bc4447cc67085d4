#include "api/audit_hook.h"
#include "api/service.h"
#include "store/store.h"

namespace wk::api {

// TODO(cases merge): alerts::AppendAudit (the hash-chained audit trail) lands
// on main with the cases work; until then api records nothing here.
Status RecordAudit(store::Store&, std::string_view, std::string_view, std::string_view, std::string_view,
                   std::string_view) {
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
