// libFuzzer target: the UK parsers (OFSI ConList CSV, FCDO UK Sanctions List
// CSV and XML), chosen by the first byte so each sees every shape.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "lists/lists.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0] % 4) {
    case 0: (void)wk::lists::ParseUkConListCsv(text, "ConList.csv"); break;
    case 1: (void)wk::lists::ParseUkSanctionsListCsv(text, "UK-Sanctions-List.csv"); break;
    case 2: (void)wk::lists::ParseUkSanctionsListXml(text, "UK-Sanctions-List.xml"); break;
    default: {
      wk::lists::UkDerivedInput in;
      in.subjects = text;
      (void)wk::lists::ParseUkDerivedCsv(in);
    }
  }
  return 0;
}
