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

}  // namespace wk::alerts::sql
