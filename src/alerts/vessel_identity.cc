// A vessel's broadcast identity against a listed vessel's: what a name match
// must not contradict before it is reported (docs/detect-real-captures.md).
#include <algorithm>

#include "alerts/alerts.h"
#include "lists/lists.h"

namespace wk::alerts {
namespace {

std::string Digits(std::string_view v) {
  std::string out;
  for (char c : v)
    if (c >= '0' && c <= '9') out.push_back(c);
  return out;
}

std::string CallSignKey(std::string_view v) {
  std::string out;
  for (char c : v) {
    if (c >= 'a' && c <= 'z') out.push_back(static_cast<char>(c - 'a' + 'A'));
    else if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) out.push_back(c);
  }
  return out;
}

void AddUnique(std::vector<std::string>& v, std::string s) {
  if (!s.empty() && std::find(v.begin(), v.end(), s) == v.end()) v.push_back(std::move(s));
}

// One field: agrees when a broadcast value is listed, disagrees when both
// sides give values and none meet; nothing when either side is silent.
void Check(const char* field, const std::vector<std::string>& broadcast,
           const std::vector<std::string>& listed, std::vector<IdentityCheck>& out) {
  if (broadcast.empty() || listed.empty()) return;
  for (const std::string& b : broadcast)
    if (std::find(listed.begin(), listed.end(), b) != listed.end()) {
      out.push_back({field, b, b, true});
      return;
    }
  out.push_back({field, Join(broadcast, "; "), Join(listed, "; "), false});
}

}  // namespace

std::vector<IdentityCheck> CheckVesselIdentity(const lists::Entity& listed, Mmsi mmsi,
                                               std::span<const tracks::StaticInfo> statics) {
  std::vector<std::string> l_mmsi, l_imo, l_call;
  for (const lists::Identifier& id : listed.identifiers) {
    if (id.type == lists::IdType::kMmsi) AddUnique(l_mmsi, Digits(id.value));
    if (id.type == lists::IdType::kImo) AddUnique(l_imo, Digits(id.value));
    if (id.type == lists::IdType::kCallSign) AddUnique(l_call, CallSignKey(id.value));
  }
  std::vector<std::string> b_imo, b_call;
  for (const tracks::StaticInfo& s : statics) {
    // A number that fails its check digit is not an IMO number (US
    // documentation numbers, 0000000): it says nothing either way.
    if (s.imo != 0 && IsValidImo(s.imo)) AddUnique(b_imo, std::to_string(s.imo));
    AddUnique(b_call, CallSignKey(s.callsign));
  }
  std::vector<IdentityCheck> out;
  Check("mmsi", {std::to_string(mmsi.value)}, l_mmsi, out);
  Check("imo", b_imo, l_imo, out);
  Check("call_sign", b_call, l_call, out);
  // The flag the MMSI's MID gives against every flag the list records for
  // the vessel (current, former and other flags).
  const std::string_view flag = CountryOfMid(MidOfShipMmsi(mmsi));
  if (!flag.empty()) Check("flag", {std::string(flag)}, listed.countries, out);
  return out;
}

bool Contradicts(std::span<const IdentityCheck> checks) {
  return std::any_of(checks.begin(), checks.end(), [](const IdentityCheck& c) { return !c.agrees; });
}

}  // namespace wk::alerts
