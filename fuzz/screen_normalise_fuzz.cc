// Fuzzes the query normaliser: any bytes in, tokens or a clear error out.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "screen/screen.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  wk::Result<wk::screen::NormalisedName> n = wk::screen::NormaliseName(in);
  if (n.ok()) {
    for (const wk::screen::Token& t : n->tokens) {
      for (char c : t.text)
        if (static_cast<unsigned char>(c) >= 0x80 || c == ' ') __builtin_trap();
      (void)wk::screen::PhoneticKey(t.text);
      (void)wk::screen::BoundedDamerauLevenshtein(t.text, t.key, 2);
    }
  } else if (n.error().message.empty()) {
    __builtin_trap();  // every refusal says why
  }
  wk::screen::NormalisedName list = wk::screen::NormaliseListName(in);
  if (list.tokens.size() > wk::screen::kMaxTokens) __builtin_trap();
  return 0;
}
