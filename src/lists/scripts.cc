// The script of a name: ISO 15924 code of the dominant script among its
// letters, from the Unicode block of each code point.
#include <algorithm>
#include <array>
#include <cstring>

#include "lists/parsing.h"

namespace wk::lists {

namespace {


struct ScriptRange {
  int32_t first, last;
  const char* script;
};

// Letter blocks by script (Unicode block boundaries), sorted.
constexpr ScriptRange kScripts[] = {
    {0x0041, 0x005A, "Latn"}, {0x0061, 0x007A, "Latn"}, {0x00C0, 0x024F, "Latn"},
    {0x0370, 0x03FF, "Grek"}, {0x0400, 0x052F, "Cyrl"}, {0x0530, 0x058F, "Armn"},
    {0x0590, 0x05FF, "Hebr"}, {0x0600, 0x06FF, "Arab"}, {0x0700, 0x074F, "Syrc"},
    {0x0750, 0x077F, "Arab"}, {0x0780, 0x07BF, "Thaa"}, {0x08A0, 0x08FF, "Arab"},
    {0x0900, 0x097F, "Deva"}, {0x0980, 0x09FF, "Beng"}, {0x0A00, 0x0A7F, "Guru"},
    {0x0A80, 0x0AFF, "Gujr"}, {0x0B80, 0x0BFF, "Taml"}, {0x0C00, 0x0C7F, "Telu"},
    {0x0D80, 0x0DFF, "Sinh"}, {0x0E00, 0x0E7F, "Thai"}, {0x0E80, 0x0EFF, "Laoo"},
    {0x0F00, 0x0FFF, "Tibt"}, {0x1000, 0x109F, "Mymr"}, {0x10A0, 0x10FF, "Geor"},
    {0x1100, 0x11FF, "Hang"}, {0x1200, 0x139F, "Ethi"}, {0x1780, 0x17FF, "Khmr"},
    {0x1800, 0x18AF, "Mong"}, {0x1C80, 0x1C8F, "Cyrl"}, {0x1E00, 0x1EFF, "Latn"},
    {0x1F00, 0x1FFF, "Grek"}, {0x2C00, 0x2C5F, "Glag"}, {0x2DE0, 0x2DFF, "Cyrl"},
    {0x2E80, 0x2FDF, "Hani"}, {0x3040, 0x309F, "Hira"}, {0x30A0, 0x30FF, "Kana"},
    {0x3130, 0x318F, "Hang"}, {0x3400, 0x4DBF, "Hani"}, {0x4E00, 0x9FFF, "Hani"},
    {0xA640, 0xA69F, "Cyrl"}, {0xA960, 0xA97F, "Hang"}, {0xAC00, 0xD7FF, "Hang"},
    {0xF900, 0xFAFF, "Hani"}, {0xFB1D, 0xFB4F, "Hebr"}, {0xFB50, 0xFDFF, "Arab"},
    {0xFE70, 0xFEFF, "Arab"}, {0xFF21, 0xFF3A, "Latn"}, {0xFF41, 0xFF5A, "Latn"},
    {0xFF66, 0xFF9F, "Kana"}, {0xFFA0, 0xFFDC, "Hang"}, {0x20000, 0x323AF, "Hani"},
};

const char* ScriptOf(int32_t cp) {
  auto it = std::upper_bound(std::begin(kScripts), std::end(kScripts), cp,
                             [](int32_t v, const ScriptRange& r) { return v < r.first; });
  if (it == std::begin(kScripts)) return nullptr;
  --it;
  return cp <= it->last ? it->script : nullptr;
}

}  // namespace

std::string DetectScript(std::string_view utf8) {
  // Most list names are plain ASCII: Latin if they hold a letter.
  bool ascii = true, letter = false;
  for (char c : utf8) {
    if (static_cast<unsigned char>(c) >= 0x80) {
      ascii = false;
      break;
    }
    letter |= (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  }
  if (ascii) return letter ? "Latn" : "";
  std::array<std::pair<const char*, int>, 8> counts{};
  size_t n = 0;
  size_t i = 0;
  bool kana = false;
  while (i < utf8.size()) {
    const int32_t cp = DecodeUtf8(utf8, i);
    if (cp < 0) continue;
    const char* s = ScriptOf(cp);
    if (s == nullptr) continue;
    if (s[0] == 'H' ? std::strcmp(s, "Hira") == 0 : s[0] == 'K' && std::strcmp(s, "Kana") == 0) kana = true;
    size_t k = 0;
    while (k < n && counts[k].first != s && std::strcmp(counts[k].first, s) != 0) ++k;
    if (k == n) {
      if (n == counts.size()) continue;
      counts[n++] = {s, 0};
    }
    ++counts[k].second;
  }
  if (n == 0) return "";
  if (kana) return "Jpan";  // kana with or without kanji: Japanese
  const auto best = std::max_element(counts.begin(), counts.begin() + n,
                                     [](const auto& a, const auto& b) { return a.second < b.second; });
  return best->first;
}

}  // namespace wk::lists
