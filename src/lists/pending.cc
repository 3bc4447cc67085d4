// Formats whose parsers are not written yet: they fail with kUnsupported.
#include "lists/parse_util.h"

namespace wk::lists {
Result<ListFile> ParseOfacAdvancedXml(std::string_view, std::string_view n) {
  return MakeError(ErrorCode::kUnsupported,
                   std::string(n) + ": OFAC sdn_advanced.xml is recognised but not supported yet");
}
}  // namespace wk::lists
