// Private to src/api: the random secrets it hands out (API tokens, session
// tokens, webhook secrets).
#pragma once

#include <string>
#include <string_view>

namespace wk::api {

// `prefix` + base64url (no padding) of 32 random bytes from libsodium.
std::string NewSecret(std::string_view prefix);

}  // namespace wk::api
