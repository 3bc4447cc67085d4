// The detect --config file: errors, never crashes.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "detect/detect.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto config = wk::detect::ParseConfig(text, "fuzz.conf");
  if (config.ok()) (void)wk::detect::FormatConfig(*config);
  return 0;
}
