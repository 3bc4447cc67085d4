// api's one door to the audit trail: every login, failed login, account
// change, screening query and upload made through api writes its row here,
// inside the caller's open transaction.
#pragma once

#include <string_view>

#include "core/result.h"

namespace wk::store {
class Store;
}

namespace wk::api {

Status RecordAudit(store::Store& db, std::string_view actor, std::string_view action, std::string_view subject,
                   std::string_view before_json, std::string_view after_json);

}  // namespace wk::api
