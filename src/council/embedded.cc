// The default regime and membership files, built into the library with the
// assembler's .incbin (CMakeLists.txt defines WK_DATA_DIR and makes this object
// depend on the files, so editing them rebuilds it).
#include <string_view>

#include "council/council.h"

#ifndef WK_DATA_DIR
#error "WK_DATA_DIR must name the repository's data/ folder (set in CMakeLists.txt)"
#endif

#define WK_INCBIN(sym, file)                                  \
  __asm__(".section .rodata\n"                                \
          ".global " #sym "\n"                                \
          ".balign 16\n" #sym ":\n"                           \
          ".incbin \"" WK_DATA_DIR "/" file "\"\n"            \
          ".global " #sym "_end\n" #sym "_end:\n"             \
          ".byte 0\n"                                         \
          ".previous\n");                                     \
  extern "C" const char sym[];                                \
  extern "C" const char sym##_end[];

WK_INCBIN(wk_council_kp_json, "regimes/kp.json")
WK_INCBIN(wk_council_members_csv, "council/members.csv")
WK_INCBIN(wk_council_kp_paragraphs_json, "regimes/kp-paragraphs.json")

namespace wk::council {

std::string_view EmbeddedRegimeText() {
  return std::string_view(wk_council_kp_json, static_cast<size_t>(wk_council_kp_json_end - wk_council_kp_json));
}

std::string_view EmbeddedParagraphsText() {
  return std::string_view(wk_council_kp_paragraphs_json,
                          static_cast<size_t>(wk_council_kp_paragraphs_json_end - wk_council_kp_paragraphs_json));
}

std::string_view EmbeddedMembersText() {
  return std::string_view(wk_council_members_csv,
                          static_cast<size_t>(wk_council_members_csv_end - wk_council_members_csv));
}

}  // namespace wk::council
