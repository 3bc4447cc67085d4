#include <algorithm>
#include <array>

#include "core/core.h"

namespace wk {
namespace {

struct MidCountry {
  int mid;
  std::string_view iso2;
};

// ITU Maritime Identification Digits (ITU-R M.585 and the ITU MID table),
// sorted by MID. Facts typed in by hand.
constexpr MidCountry kMids[] = {
    {273, "RU"}, {412, "CN"}, {413, "CN"}, {414, "CN"}, {416, "TW"}, {431, "JP"},
    {432, "JP"}, {440, "KR"}, {441, "KR"}, {445, "KP"}, {453, "MO"}, {457, "MN"},
    {477, "HK"}, {563, "SG"}, {564, "SG"}, {565, "SG"}, {566, "SG"},
};

}  // namespace

int MidOfShipMmsi(Mmsi mmsi) {
  // Ship stations are MIDXXXXXX: nine digits whose first is 2..7.
  if (mmsi.value < 200000000 || mmsi.value > 799999999) return 0;
  return static_cast<int>(mmsi.value / 1000000);
}

std::string_view CountryOfMid(int mid) {
  auto it = std::lower_bound(std::begin(kMids), std::end(kMids), mid,
                             [](const MidCountry& m, int v) { return m.mid < v; });
  if (it == std::end(kMids) || it->mid != mid) return {};
  return it->iso2;
}

bool IsValidImo(uint32_t imo) {
  if (imo < 1000000 || imo > 9999999) return false;
  uint32_t sum = 0;
  uint32_t rest = imo / 10;
  for (uint32_t weight = 2; weight <= 7; ++weight) {
    sum += (rest % 10) * weight;
    rest /= 10;
  }
  return sum % 10 == imo % 10;
}

}  // namespace wk
