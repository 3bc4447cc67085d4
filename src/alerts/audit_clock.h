// Private to src/alerts/: the time audit rows and cases are stamped with.
#pragma once

#include <cstdint>
#include <string>

namespace wk::alerts {

// Now as "2026-12-02T12:42:12.345Z" (always three decimals, UTC), and its
// Unix milliseconds in `ms` when given.
std::string NowIsoMs(int64_t* ms = nullptr);

}  // namespace wk::alerts
