// libFuzzer target: the UN Security Council Consolidated List XML parser.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "lists/lists.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  wk::Result<wk::lists::ListFile> r = wk::lists::ParseUnXml(text, "fuzz.xml");
  if (r.ok()) {
    for (const auto& e : r->entities) {
      std::string json;
      wk::lists::AppendEntityJson(json, e);
    }
  }
  (void)wk::lists::DetectFormat(text);
  return 0;
}
