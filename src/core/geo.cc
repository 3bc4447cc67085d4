#include <cmath>

#include "core/core.h"

namespace wk {

double HaversineM(double lat1_deg, double lon1_deg, double lat2_deg, double lon2_deg) {
  const double lat1 = lat1_deg * kDegToRad, lat2 = lat2_deg * kDegToRad;
  const double dlat = lat2 - lat1;
  const double dlon = (lon2_deg - lon1_deg) * kDegToRad;
  const double a = std::sin(dlat / 2) * std::sin(dlat / 2) +
                   std::cos(lat1) * std::cos(lat2) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * kEarthRadiusM * std::asin(std::min(1.0, std::sqrt(a)));
}

}  // namespace wk
