// Formats whose parsers are not written yet: they fail with kUnsupported.
#include "lists/parse_util.h"

namespace wk::lists {
namespace {
Error Pending(std::string_view name, std::string_view what) {
  return MakeError(ErrorCode::kUnsupported, std::string(name) + ": " + std::string(what) +
                                                " is recognised but not supported yet");
}
}  // namespace
Result<ListFile> ParseOfacSdnXml(std::string_view, std::string_view n) { return Pending(n, "OFAC sdn.xml"); }
Result<ListFile> ParseOfacAdvancedXml(std::string_view, std::string_view n) { return Pending(n, "OFAC sdn_advanced.xml"); }
Result<ListFile> ParseUkConListCsv(std::string_view, std::string_view n) { return Pending(n, "UK ConList CSV"); }
Result<ListFile> ParseUkSanctionsListCsv(std::string_view, std::string_view n) { return Pending(n, "UK Sanctions List CSV"); }
Result<ListFile> ParseUkSanctionsListXml(std::string_view, std::string_view n) { return Pending(n, "UK Sanctions List XML"); }
Result<ListFile> ParseUkDerivedCsv(const UkDerivedInput& in) { return Pending(in.subjects_name, "UK derived CSV"); }
Result<ListFile> ParseEuFsfXml(std::string_view, std::string_view n) { return Pending(n, "EU FSF XML"); }
Result<ListFile> ParseEuFsfCsv(std::string_view, std::string_view n) { return Pending(n, "EU FSF CSV"); }
Result<ListFile> ParseEuLegacyCsv(std::string_view, std::string_view n) { return Pending(n, "EU legacy CSV"); }
}  // namespace wk::lists
