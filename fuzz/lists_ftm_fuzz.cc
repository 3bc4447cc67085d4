// libFuzzer target for the FollowTheMoney JSON Lines reader, strict and lenient.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "lists/lists.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  (void)wk::lists::ParseFtm(in, "fuzz.ftm.json");
  wk::lists::FtmOptions lenient;
  lenient.lenient = true;
  (void)wk::lists::ParseFtm(in, "fuzz.ftm.json", lenient);
  return 0;
}
