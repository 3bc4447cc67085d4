// libFuzzer target: the OFAC parsers. The input is split at the first two
// 0x00 bytes into sdn.csv, alt.csv and add.csv; the whole input also goes
// through the sdn.xml parser.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "lists/lists.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  wk::lists::OfacCsvInput in;
  const size_t a = text.find('\0');
  in.sdn = text.substr(0, a);
  if (a != std::string_view::npos) {
    const size_t b = text.find('\0', a + 1);
    in.alt = text.substr(a + 1, b == std::string_view::npos ? std::string_view::npos : b - a - 1);
    if (b != std::string_view::npos) in.add = text.substr(b + 1);
  }
  (void)wk::lists::ParseOfacCsv(in);
  (void)wk::lists::ParseOfacSdnXml(text, "sdn.xml");
  return 0;
}
