// Private to src/alerts/: what audit.cc shares with cases.cc.
#pragma once

#include <cstdint>
#include <string>

#include "core/result.h"

namespace wk::store {
class Store;
}

namespace wk::alerts {

// Now as "2026-12-02T12:42:12.345Z" (always three decimals, UTC), and its
// Unix milliseconds in `ms` when given.
std::string NowIsoMs(int64_t* ms = nullptr);

// EnsureAlertTables, once per store URL in this process: on PostgreSQL the
// catalogue queries behind it cost about 1.3 ms, three times an audit append.
// A store whose tables are dropped while the process runs then fails with the
// engine's "no such table" error, which AppendAudit explains.
Status EnsureAlertTablesOnce(store::Store& db);
// True when EnsureAlertTablesOnce has succeeded for this store's URL.
bool AlertTablesEnsured(const store::Store& db);

}  // namespace wk::alerts
