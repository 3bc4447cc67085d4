// The SQL statements of api (defined in api_sql.cc, beside its migrations).
#pragma once

#include <string_view>

namespace wk::api::sql {

extern const std::string_view kInsertAccount, kAccountByName, kAllAccounts, kDisableAccount,
    kSetPassword, kAccountByToken, kSessionByToken, kInsertSession, kDeleteSession,
    kDeleteExpiredSessions, kPasswordOf, kThrottleOf, kThrottleFail, kThrottleLock, kThrottleClear, kInsertWebhook, kAllWebhooks, kDeleteWebhook, kWebhookDone, kWebhookFailed;

}  // namespace wk::api::sql
