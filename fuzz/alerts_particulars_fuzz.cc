// The cap ledger's inputs: particulars.csv (cap ledger --particulars) and the
// ledger config file (ledger.* keys, the rest detect's): no crash, no hang,
// and what parses is usable.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "alerts/alerts.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto particulars = wk::alerts::ParseParticulars(text, "fuzz.csv");
  if (particulars.ok())
    for (const wk::alerts::Particulars& p : *particulars)
      (void)(wk::alerts::ScenarioBarrels(p.deadweight_t * 7.45, 90) + p.tanker());
  auto config = wk::alerts::ParseLedgerConfig(text, "fuzz.conf");
  if (config.ok()) (void)wk::alerts::FormatLedgerConfig(*config);
  return 0;
}
