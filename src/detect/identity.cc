// Identity detectors (MMSI conflicts, identity changes, invalid identifiers)
// and the identifier tables they use (ITU call sign series, MMSI ranges).
#include <algorithm>

#include "detect/detect.h"
#include "detect/internal.h"

namespace wk::detect {
namespace {

struct CallsignSeries {
  char from[3];  // two characters, or one and '\0' for a whole letter (B, F, G, I, K, M, N, R, W)
  char to[3];
  char iso2[3];
};

// ITU Radio Regulations Appendix 42: the international call sign series and
// the country each is allocated to. Facts typed in by hand; two-character
// ranges first, single letters after.
constexpr CallsignSeries kSeries[] = {
    {"2A", "2Z", "GB"}, {"3A", "3A", "MC"}, {"3B", "3B", "MU"}, {"3C", "3C", "GQ"},
    {"3D", "3D", "FJ"}, {"3E", "3F", "PA"}, {"3G", "3G", "CL"}, {"3H", "3U", "CN"},
    {"3V", "3V", "TN"}, {"3W", "3W", "VN"}, {"3X", "3X", "GN"}, {"3Y", "3Y", "NO"},
    {"3Z", "3Z", "PL"}, {"4A", "4C", "MX"}, {"4D", "4I", "PH"}, {"4J", "4K", "AZ"},
    {"4L", "4L", "GE"}, {"4M", "4M", "VE"}, {"4O", "4O", "ME"}, {"4P", "4S", "LK"},
    {"4T", "4T", "PE"}, {"4V", "4V", "HT"}, {"4W", "4W", "TL"}, {"4X", "4X", "IL"},
    {"4Z", "4Z", "IL"}, {"5A", "5A", "LY"}, {"5B", "5B", "CY"}, {"5C", "5G", "MA"},
    {"5H", "5I", "TZ"}, {"5J", "5K", "CO"}, {"5L", "5M", "LR"}, {"5N", "5O", "NG"},
    {"5P", "5Q", "DK"}, {"5R", "5S", "MG"}, {"5T", "5T", "MR"}, {"5U", "5U", "NE"},
    {"5V", "5V", "TG"}, {"5W", "5W", "WS"}, {"5X", "5X", "UG"}, {"5Y", "5Z", "KE"},
    {"6A", "6B", "EG"}, {"6C", "6C", "SY"}, {"6D", "6J", "MX"}, {"6K", "6N", "KR"},
    {"6O", "6O", "SO"}, {"6P", "6S", "PK"}, {"6T", "6U", "SD"}, {"6V", "6W", "SN"},
    {"6X", "6X", "MG"}, {"6Y", "6Y", "JM"}, {"6Z", "6Z", "LR"}, {"7A", "7I", "ID"},
    {"7J", "7N", "JP"}, {"7O", "7O", "YE"}, {"7P", "7P", "LS"}, {"7Q", "7Q", "MW"},
    {"7R", "7R", "DZ"}, {"7S", "7S", "SE"}, {"7T", "7Y", "DZ"}, {"7Z", "7Z", "SA"},
    {"8A", "8I", "ID"}, {"8J", "8N", "JP"}, {"8O", "8O", "BW"}, {"8P", "8P", "BB"},
    {"8Q", "8Q", "MV"}, {"8R", "8R", "GY"}, {"8S", "8S", "SE"}, {"8T", "8Y", "IN"},
    {"8Z", "8Z", "SA"}, {"9A", "9A", "HR"}, {"9B", "9D", "IR"}, {"9E", "9F", "ET"},
    {"9G", "9G", "GH"}, {"9H", "9H", "MT"}, {"9I", "9J", "ZM"}, {"9K", "9K", "KW"},
    {"9L", "9L", "SL"}, {"9M", "9M", "MY"}, {"9N", "9N", "NP"}, {"9O", "9T", "CD"},
    {"9U", "9U", "BI"}, {"9V", "9V", "SG"}, {"9W", "9W", "MY"}, {"9X", "9X", "RW"},
    {"9Y", "9Z", "TT"}, {"A2", "A2", "BW"}, {"A3", "A3", "TO"}, {"A4", "A4", "OM"},
    {"A5", "A5", "BT"}, {"A6", "A6", "AE"}, {"A7", "A7", "QA"}, {"A8", "A8", "LR"},
    {"A9", "A9", "BH"}, {"AA", "AL", "US"}, {"AM", "AO", "ES"}, {"AP", "AS", "PK"},
    {"AT", "AW", "IN"}, {"AX", "AX", "AU"}, {"AY", "AZ", "AR"}, {"BM", "BQ", "TW"},
    {"BU", "BX", "TW"}, {"C2", "C2", "NR"}, {"C3", "C3", "AD"}, {"C4", "C4", "CY"},
    {"C5", "C5", "GM"}, {"C6", "C6", "BS"}, {"C8", "C9", "MZ"}, {"CA", "CE", "CL"},
    {"CF", "CK", "CA"}, {"CL", "CM", "CU"}, {"CN", "CN", "MA"}, {"CO", "CO", "CU"},
    {"CP", "CP", "BO"}, {"CQ", "CU", "PT"}, {"CV", "CX", "UY"}, {"CY", "CZ", "CA"},
    {"D2", "D3", "AO"}, {"D4", "D4", "CV"}, {"D5", "D5", "LR"}, {"D6", "D6", "KM"},
    {"D7", "D9", "KR"}, {"DA", "DR", "DE"}, {"DS", "DT", "KR"}, {"DU", "DZ", "PH"},
    {"E2", "E2", "TH"}, {"E3", "E3", "ER"}, {"E4", "E4", "PS"}, {"E5", "E5", "CK"},
    {"E6", "E6", "NU"}, {"E7", "E7", "BA"}, {"EA", "EH", "ES"}, {"EI", "EJ", "IE"},
    {"EK", "EK", "AM"}, {"EL", "EL", "LR"}, {"EM", "EO", "UA"}, {"EP", "EQ", "IR"},
    {"ER", "ER", "MD"}, {"ES", "ES", "EE"}, {"ET", "ET", "ET"}, {"EU", "EW", "BY"},
    {"EX", "EX", "KG"}, {"EY", "EY", "TJ"}, {"EZ", "EZ", "TM"}, {"H2", "H2", "CY"},
    {"H3", "H3", "PA"}, {"H4", "H4", "SB"}, {"H6", "H7", "NI"}, {"H8", "H9", "PA"},
    {"HA", "HA", "HU"}, {"HB", "HB", "CH"}, {"HC", "HD", "EC"}, {"HE", "HE", "CH"},
    {"HF", "HF", "PL"}, {"HG", "HG", "HU"}, {"HH", "HH", "HT"}, {"HI", "HI", "DO"},
    {"HJ", "HK", "CO"}, {"HL", "HL", "KR"}, {"HM", "HM", "KP"}, {"HN", "HN", "IQ"},
    {"HO", "HP", "PA"}, {"HQ", "HR", "HN"}, {"HS", "HS", "TH"}, {"HT", "HT", "NI"},
    {"HU", "HU", "SV"}, {"HV", "HV", "VA"}, {"HW", "HY", "FR"}, {"HZ", "HZ", "SA"},
    {"J2", "J2", "DJ"}, {"J3", "J3", "GD"}, {"J4", "J4", "GR"}, {"J5", "J5", "GW"},
    {"J6", "J6", "LC"}, {"J7", "J7", "DM"}, {"J8", "J8", "VC"}, {"JA", "JS", "JP"},
    {"JT", "JV", "MN"}, {"JW", "JX", "NO"}, {"JY", "JY", "JO"}, {"JZ", "JZ", "ID"},
    {"L2", "L9", "AR"}, {"LA", "LN", "NO"}, {"LO", "LW", "AR"}, {"LX", "LX", "LU"},
    {"LY", "LY", "LT"}, {"LZ", "LZ", "BG"}, {"OA", "OC", "PE"}, {"OD", "OD", "LB"},
    {"OE", "OE", "AT"}, {"OF", "OJ", "FI"}, {"OK", "OL", "CZ"}, {"OM", "OM", "SK"},
    {"ON", "OT", "BE"}, {"OU", "OZ", "DK"}, {"P2", "P2", "PG"}, {"P3", "P3", "CY"},
    {"P4", "P4", "AW"}, {"P5", "P9", "KP"}, {"PA", "PI", "NL"}, {"PJ", "PJ", "CW"},
    {"PK", "PO", "ID"}, {"PP", "PY", "BR"}, {"PZ", "PZ", "SR"}, {"S2", "S3", "BD"},
    {"S5", "S5", "SI"}, {"S6", "S6", "SG"}, {"S7", "S7", "SC"}, {"S8", "S8", "ZA"},
    {"S9", "S9", "ST"}, {"SA", "SM", "SE"}, {"SN", "SR", "PL"}, {"SS", "SS", "EG"},
    {"ST", "ST", "SD"}, {"SU", "SU", "EG"}, {"SV", "SZ", "GR"}, {"T2", "T2", "TV"},
    {"T3", "T3", "KI"}, {"T4", "T4", "CU"}, {"T5", "T5", "SO"}, {"T6", "T6", "AF"},
    {"T7", "T7", "SM"}, {"T8", "T8", "PW"}, {"TA", "TC", "TR"}, {"TD", "TD", "GT"},
    {"TE", "TE", "CR"}, {"TF", "TF", "IS"}, {"TG", "TG", "GT"}, {"TH", "TH", "FR"},
    {"TI", "TI", "CR"}, {"TJ", "TJ", "CM"}, {"TK", "TK", "FR"}, {"TL", "TL", "CF"},
    {"TM", "TM", "FR"}, {"TN", "TN", "CG"}, {"TO", "TQ", "FR"}, {"TR", "TR", "GA"},
    {"TS", "TS", "TN"}, {"TT", "TT", "TD"}, {"TU", "TU", "CI"}, {"TV", "TX", "FR"},
    {"TY", "TY", "BJ"}, {"TZ", "TZ", "ML"}, {"UA", "UI", "RU"}, {"UJ", "UM", "UZ"},
    {"UN", "UQ", "KZ"}, {"UR", "UZ", "UA"}, {"V2", "V2", "AG"}, {"V3", "V3", "BZ"},
    {"V4", "V4", "KN"}, {"V5", "V5", "NA"}, {"V6", "V6", "FM"}, {"V7", "V7", "MH"},
    {"V8", "V8", "BN"}, {"VA", "VG", "CA"}, {"VH", "VN", "AU"}, {"VO", "VO", "CA"},
    {"VP", "VQ", "GB"}, {"VR", "VR", "HK"}, {"VS", "VS", "GB"}, {"VT", "VW", "IN"},
    {"VX", "VY", "CA"}, {"VZ", "VZ", "AU"}, {"XA", "XI", "MX"}, {"XJ", "XO", "CA"},
    {"XP", "XP", "DK"}, {"XQ", "XR", "CL"}, {"XS", "XS", "CN"}, {"XT", "XT", "BF"},
    {"XU", "XU", "KH"}, {"XV", "XV", "VN"}, {"XW", "XW", "LA"}, {"XX", "XX", "MO"},
    {"XY", "XZ", "MM"}, {"YA", "YA", "AF"}, {"YB", "YH", "ID"}, {"YI", "YI", "IQ"},
    {"YJ", "YJ", "VU"}, {"YK", "YK", "SY"}, {"YL", "YL", "LV"}, {"YM", "YM", "TR"},
    {"YN", "YN", "NI"}, {"YO", "YR", "RO"}, {"YS", "YS", "SV"}, {"YT", "YU", "RS"},
    {"YV", "YY", "VE"}, {"Z2", "Z2", "ZW"}, {"Z3", "Z3", "MK"}, {"Z8", "Z8", "SS"},
    {"ZA", "ZA", "AL"}, {"ZB", "ZJ", "GB"}, {"ZK", "ZM", "NZ"}, {"ZN", "ZO", "GB"},
    {"ZP", "ZP", "PY"}, {"ZQ", "ZQ", "GB"}, {"ZR", "ZU", "ZA"}, {"ZV", "ZZ", "BR"},
    // Whole letters.
    {"B", "B", "CN"}, {"F", "F", "FR"}, {"G", "G", "GB"}, {"I", "I", "IT"},
    {"K", "K", "US"}, {"M", "M", "GB"}, {"N", "N", "US"}, {"R", "R", "RU"},
    {"W", "W", "US"},
};

// Territories whose MID differs from the call sign series of the state that
// registers their ships.
std::string_view Sovereign(std::string_view iso2) {
  static constexpr std::pair<std::string_view, std::string_view> kTerritories[] = {
      {"FO", "DK"}, {"GL", "DK"}, {"GI", "GB"}, {"BM", "GB"}, {"KY", "GB"}, {"VG", "GB"},
      {"TC", "GB"}, {"AI", "GB"}, {"MS", "GB"}, {"FK", "GB"}, {"SH", "GB"}, {"PN", "GB"},
      {"GP", "FR"}, {"MQ", "FR"}, {"PF", "FR"}, {"NC", "FR"}, {"RE", "FR"}, {"PM", "FR"},
      {"WF", "FR"}, {"TF", "FR"}, {"GF", "FR"}, {"PR", "US"}, {"VI", "US"}, {"AS", "US"},
      {"MP", "US"}, {"AW", "NL"}, {"CW", "NL"}, {"SX", "NL"}, {"BQ", "NL"}, {"CX", "AU"},
      {"CC", "AU"}, {"NU", "NZ"}, {"CK", "NZ"},
      // The ITU allocates the whole B series to China; Taiwan's ships use part
      // of it (BM-BQ, BU-BX): a B call sign is consistent with either MID.
      {"TW", "CN"},
  };
  for (auto [t, s] : kTerritories)
    if (t == iso2) return s;
  return iso2;
}

bool MidAssigned(uint32_t mid) { return !CountryOfMid(static_cast<int>(mid)).empty(); }

template <typename E>
void PlaceAt(E& e, std::span<const Fix> track, int64_t t) {
  const int64_t i = tracks::NearestFix(track, t);
  if (i < 0) return;
  e.lat_deg = track[static_cast<size_t>(i)].lat_deg;
  e.lon_deg = track[static_cast<size_t>(i)].lon_deg;
}

std::string ImoText(uint32_t imo) { return std::to_string(imo); }

}  // namespace

std::string_view InvalidMmsiReason(Mmsi mmsi) {
  const uint32_t v = mmsi.value;
  if (v > 999999999) return "more than nine digits";
  if (v >= 200000000 && v < 800000000)
    return MidAssigned(v / 1000000) ? "" : "ship station MMSI with an unassigned MID";
  if (v >= 800000000 && v < 900000000)
    return MidAssigned((v / 100000) % 1000) ? "" : "handheld VHF MMSI with an unassigned MID";
  if (v >= 970000000 && v < 980000000) {
    const uint32_t kind = v / 1000000;
    return kind == 970 || kind == 972 || kind == 974 ? "" : "97x number outside AIS-SART/MOB/EPIRB";
  }
  if (v >= 980000000 && v < 990000000)
    return MidAssigned((v / 10000) % 1000) ? "" : "craft MMSI (98MID) with an unassigned MID";
  if (v >= 990000000) return "aid to navigation number (99MID) used by a vessel";
  if (v >= 111000000 && v < 112000000)
    return MidAssigned((v / 1000) % 1000) ? "" : "SAR aircraft MMSI with an unassigned MID";
  if (v == 0) return "MMSI 0 (the transponder was never configured)";
  if (v < 10000000) return "coast station number (00MID) used by a vessel";
  if (v < 100000000) return "group call number (0MID) used by a vessel";
  return "not in any ITU-R M.585 range";
}

std::string_view CountryOfCallsign(std::string_view callsign) {
  // An international call sign is 3 to 7 letters and digits: a series
  // prefix then letters or digits. Names typed into the field ("SEAHAWK",
  // "LCS 19") are not call signs: seven or more characters without a digit,
  // or anything with a space or punctuation, is not judged.
  std::string cs;
  bool digit = false;
  for (char c : callsign) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c >= '0' && c <= '9') digit = true;
    else if (c < 'A' || c > 'Z') return {};
    cs.push_back(c);
  }
  if (cs.size() < 3 || cs.size() > 7 || (cs.size() >= 6 && !digit)) return {};
  for (const CallsignSeries& s : kSeries) {
    if (s.from[1] == '\0') {
      if (cs[0] == s.from[0]) return s.iso2;
      continue;
    }
    const std::string_view p = std::string_view(cs).substr(0, 2);
    if (p >= std::string_view(s.from, 2) && p <= std::string_view(s.to, 2)) return s.iso2;
  }
  return {};
}

std::string NormaliseVesselName(std::string_view name) {
  std::string out;
  bool space = false;
  for (char c : name) {
    if (c == '@') c = ' ';
    if (c == ' ' || c == '\t') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
  }
  return out;
}

void FindMmsiConflicts(std::span<const Fix> track, const Config& config,
                       std::vector<MmsiConflict>& out) {
  MmsiConflict current;
  int64_t last_jump = INT64_MIN;
  auto flush = [&]() {
    if (current.jumps >= static_cast<size_t>(std::max(config.conflict_min_jumps, 1))) {
      PlaceAt(current, track, current.start_s);
      out.push_back(current);
    }
    current = MmsiConflict();
  };
  for (size_t i = 1; i < track.size(); ++i) {
    const Fix& a = track[i - 1];
    const Fix& b = track[i];
    // R(|dlat| + |dlon|) bounds the distance from above: most consecutive
    // positions are metres apart and need no trigonometry.
    double dlon = std::fabs(a.lon_deg - b.lon_deg);
    if (dlon > 180) dlon = 360 - dlon;
    if ((std::fabs(a.lat_deg - b.lat_deg) + dlon) * kDegToRad * kEarthRadiusM <
        config.conflict_min_distance_m)
      continue;
    const double d = internal::DistanceM(a, b);
    if (d < config.conflict_min_distance_m) continue;
    const double v = internal::ImpliedSpeedKn(d, b.time_s - a.time_s);
    if (!(v > config.conflict_speed_kn)) continue;
    if (current.jumps > 0 && a.time_s - last_jump > config.conflict_window_s) flush();
    if (current.jumps == 0) {
      current.mmsi = a.mmsi;
      current.start_s = a.time_s;
    }
    ++current.jumps;
    current.end_s = b.time_s;
    if (b.time_s == a.time_s) ++current.simultaneous_jumps;  // no speed: two places at once
    else current.max_implied_speed_kn = std::max(current.max_implied_speed_kn, v);
    if (current.jump_examples.size() < 5) current.jump_examples.emplace_back(SampleOf(a), SampleOf(b));
    last_jump = b.time_s;
  }
  flush();
}

void FindIdentityChanges(std::span<const StaticInfo> statics, std::span<const Fix> track,
                         std::vector<IdentityChange>& out) {
  // Per field, the runs of one value: (value, first time, last time).
  struct Run {
    std::string value;
    int64_t first_s, last_s;
  };
  auto runs_of = [&](auto value_of) {
    std::vector<Run> runs;
    for (const StaticInfo& s : statics) {
      std::string v = value_of(s);
      if (v.empty()) continue;
      if (!runs.empty() && runs.back().value == v) runs.back().last_s = s.time_s;
      else runs.push_back({std::move(v), s.time_s, s.time_s});
    }
    return runs;
  };
  auto report = [&](const char* field, const std::vector<Run>& runs) {
    for (size_t i = 1; i < runs.size(); ++i) {
      // A change is to a value not broadcast before, and abandons the old
      // one. Values that come back mean two transmitters alternating on one
      // MMSI (an mmsi_conflict), not a change.
      bool seen = false, comes_back = false;
      for (size_t j = 0; j + 1 < i && !seen; ++j) seen = runs[j].value == runs[i].value;
      for (size_t j = i + 1; j < runs.size() && !comes_back; ++j)
        comes_back = runs[j].value == runs[i - 1].value;
      if (seen || comes_back) continue;
      IdentityChange e;
      e.mmsi = statics.front().mmsi;
      e.start_s = runs[i - 1].last_s;
      e.end_s = runs[i].first_s;
      e.field = field;
      e.old_value = runs[i - 1].value;
      e.value = runs[i].value;
      PlaceAt(e, track, e.end_s);
      out.push_back(std::move(e));
    }
  };
  report("name", runs_of([](const StaticInfo& s) { return NormaliseVesselName(s.name); }));
  report("imo", runs_of([](const StaticInfo& s) { return s.imo ? ImoText(s.imo) : std::string(); }));
}

void FindInvalidIdentity(Mmsi mmsi, std::span<const StaticInfo> statics,
                         std::span<const Fix> track, std::vector<InvalidIdentity>& out) {
  const auto [first, last] = tracks::HeardBetween(tracks::Vessel{mmsi, track, statics});
  auto make = [&](const char* field, std::string value, std::string reason, int64_t s, int64_t e) {
    InvalidIdentity ev;
    ev.mmsi = mmsi;
    ev.start_s = s;
    ev.end_s = e;
    ev.field = field;
    ev.value = std::move(value);
    ev.reason = std::move(reason);
    PlaceAt(ev, track, s);
    out.push_back(std::move(ev));
  };
  if (std::string_view why = InvalidMmsiReason(mmsi); !why.empty())
    make("mmsi", std::to_string(mmsi.value), std::string(why), first, last);

  // Each distinct bad IMO and each inconsistent call sign once, spanning the
  // reports that carried it.
  std::vector<std::pair<std::string, std::pair<int64_t, int64_t>>> bad_imo, bad_flag;
  auto note = [](auto& list, std::string value, int64_t t) {
    for (auto& [v, span] : list) {
      if (v == value) {
        span.second = t;
        return;
      }
    }
    list.push_back({std::move(value), {t, t}});
  };
  const int mid = MidOfShipMmsi(mmsi);
  const std::string_view mid_country = mid ? CountryOfMid(mid) : std::string_view();
  for (const StaticInfo& s : statics) {
    if (s.imo != 0 && !IsValidImo(s.imo)) note(bad_imo, ImoText(s.imo), s.time_s);
    if (!mid_country.empty() && !s.callsign.empty()) {
      const std::string_view cs_country = CountryOfCallsign(s.callsign);
      if (!cs_country.empty() && Sovereign(cs_country) != Sovereign(mid_country))
        note(bad_flag, NormaliseVesselName(s.callsign), s.time_s);
    }
  }
  for (auto& [value, span] : bad_imo) {
    const bool seven = value.size() == 7;
    make("imo", value, seven ? "IMO check digit is wrong" : "IMO number is not seven digits",
         span.first, span.second);
  }
  for (auto& [value, span] : bad_flag) {
    std::string reason = "MID " + std::to_string(mid) + " is " + std::string(mid_country) +
                         " but call sign " + value + " is from the " +
                         std::string(CountryOfCallsign(value)) + " series";
    make("flag", value, std::move(reason), span.first, span.second);
  }
}

}  // namespace wk::detect
