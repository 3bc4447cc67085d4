// The OpenAPI document, built into the library with the assembler's .incbin
// (CMakeLists.txt defines WK_API_DIR and makes this object depend on the
// file, so editing it rebuilds it).
#include <string_view>

#include "api/api.h"

#ifndef WK_API_DIR
#error "WK_API_DIR must name src/api (set in CMakeLists.txt)"
#endif

__asm__(".section .rodata\n"
        ".global wk_api_openapi_json\n"
        ".balign 16\n"
        "wk_api_openapi_json:\n"
        ".incbin \"" WK_API_DIR "/openapi.json\"\n"
        ".global wk_api_openapi_json_end\n"
        "wk_api_openapi_json_end:\n"
        ".byte 0\n"
        ".previous\n");
extern "C" const char wk_api_openapi_json[];
extern "C" const char wk_api_openapi_json_end[];

namespace wk::api {

std::string_view OpenApiText() {
  return std::string_view(wk_api_openapi_json,
                          static_cast<size_t>(wk_api_openapi_json_end - wk_api_openapi_json));
}

}  // namespace wk::api
