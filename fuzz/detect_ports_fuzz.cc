// Ports CSV (detect --ports) and the WPI / UN/LOCODE importer: no crash, no
// hang, and a table that parses is usable.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "detect/detect.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto ports = wk::detect::ParsePortsCsv(text, "fuzz.csv");
  if (ports.ok()) {
    (void)ports->Containing(38.7, 125.4);
    (void)ports->AnyWithin(-89.9, 179.9, 20000);
    (void)wk::detect::FormatPortsCsv(*ports);
  }
  auto imported = wk::detect::ImportPorts(text, "fuzz.csv");
  if (imported.ok()) (void)imported->Containing(0.5, 0.5);
  return 0;
}
