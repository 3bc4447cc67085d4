// core: time, geodesy, identifiers, text, CSV, files, hashing, parallel
// loops and JSON output. Below every other domain; the one header they include.
#pragma once

#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/csv.h"
#include "core/file.h"
#include "core/hash.h"
#include "core/json.h"
#include "core/parallel.h"
#include "core/result.h"
#include "core/text.h"

namespace wk {

// ---- Time (UTC everywhere) ----------------------------------------------

// Days since 1970-01-01 of a proleptic Gregorian civil date.
constexpr int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

// Unix milliseconds to whole seconds, rounding toward the past (so a time
// before 1970 is not rounded up into the next second).
constexpr int64_t FloorSeconds(int64_t unix_ms) {
  return unix_ms >= 0 ? unix_ms / 1000 : -((-unix_ms + 999) / 1000);
}

struct CivilTime {
  int year;
  int month, day, hour, minute, second;
};
CivilTime ToCivil(int64_t unix_s);

// "2024-01-01T00:00:00Z"; with milliseconds ("...00.250Z") only when nonzero.
std::string FormatTime(int64_t unix_s);
std::string FormatTimeMs(int64_t unix_ms);
// Appends the same text to `out` without allocating a temporary.
void AppendTime(std::string& out, int64_t unix_s);
void AppendTimeMs(std::string& out, int64_t unix_ms);

// Parses "YYYY-MM-DD", "YYYY-MM-DD[T ]HH:MM[:SS[.fff]][Z]" and
// "DD/MM/YYYY HH:MM:SS" (Danish Maritime Authority). Returns Unix ms, UTC.
std::optional<int64_t> ParseTimeMs(std::string_view text);

// ---- Geodesy ---------------------------------------------------------------

inline constexpr double kEarthRadiusM = 6371008.8;  // mean radius (IUGG)
inline constexpr double kMetersPerNauticalMile = 1852.0;
inline constexpr double kDegToRad = 3.14159265358979323846 / 180.0;

// Great-circle distance on the mean sphere; within 0.5% of the ellipsoid.
double HaversineM(double lat1_deg, double lon1_deg, double lat2_deg, double lon2_deg);

inline bool IsValidLatLon(double lat_deg, double lon_deg) {
  return std::isfinite(lat_deg) && std::isfinite(lon_deg) && lat_deg >= -90 &&
         lat_deg <= 90 && lon_deg >= -180 && lon_deg <= 180;
}

// ---- Identifiers -----------------------------------------------------------

struct Mmsi {
  uint32_t value = 0;
  friend bool operator==(Mmsi, Mmsi) = default;
  friend auto operator<=>(Mmsi, Mmsi) = default;
};

// The Maritime Identification Digits of a ship station's MMSI (first three of
// nine digits), or 0 when the MMSI is not a ship station's (ITU-R M.585).
int MidOfShipMmsi(Mmsi mmsi);
// ISO 3166 alpha-2 of a MID ("KP" for 445), or "" when unassigned.
std::string_view CountryOfMid(int mid);

// IMO ship numbers: seven digits, the last a check digit over the first six
// weighted 7..2 (IMO Resolution A.1117(30)).
bool IsValidImo(uint32_t imo);

}  // namespace wk
