// libFuzzer target: the EU parsers (FSF XML, FSF CSV 1.1, legacy CSV 1.0),
// chosen by the first byte.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "lists/lists.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0] % 3) {
    case 0: (void)wk::lists::ParseEuFsfXml(text, "eu.xml"); break;
    case 1: (void)wk::lists::ParseEuFsfCsv(text, "eu.csv"); break;
    default: (void)wk::lists::ParseEuLegacyCsv(text, "eu-legacy.csv"); break;
  }
  return 0;
}
