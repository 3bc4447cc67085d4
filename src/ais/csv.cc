#include "ais/csv.h"

#include <charconv>
#include <cstring>

#include "ais/decode.h"

namespace wk::ais {
namespace {

// Field trimming here also drops the quotes around a field: this splitter is
// a deliberate exception to core's CsvReader (speed; AIS CSV has no quoted
// newlines).
std::string_view TrimField(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  if (s.size() >= 2 && s.front() == '"' && s.back() == '"') s = s.substr(1, s.size() - 2);
  return s;
}

// Splits the next CSV field (quotes may protect commas).
std::string_view NextField(std::string_view& line) {
  size_t i = 0;
  bool quoted = false;
  for (; i < line.size(); ++i) {
    char c = line[i];
    if (c == '"') quoted = !quoted;
    else if (c == ',' && !quoted) break;
  }
  std::string_view field = line.substr(0, i);
  line.remove_prefix(i < line.size() ? i + 1 : i);
  return TrimField(field);
}

bool ParseNumber(std::string_view s, double* out) {
  if (s.empty()) return false;
  if (s.front() == '+') s.remove_prefix(1);
  auto r = std::from_chars(s.data(), s.data() + s.size(), *out);
  return r.ec == std::errc() && r.ptr == s.data() + s.size() && std::isfinite(*out);
}

// Navigational status texts of the DMA files, and gpsd's, to their codes.
int NavStatusCode(std::string_view s) {
  static constexpr std::pair<const char*, int> kTable[] = {
      {"Under way using engine", 0}, {"At anchor", 1}, {"Not under command", 2},
      {"Restricted man", 3}, {"Constrained by her draught", 4}, {"Moored", 5},
      {"Aground", 6}, {"Engaged in fishing", 7}, {"Under way sailing", 8},
      {"Reserved for future amendment [HSC]", 9}, {"Reserved for HSC", 9},
      {"Reserved for future amendment [WIG]", 10}, {"Reserved for WIG", 10},
      {"Power-driven vessel towing astern", 11},
      {"Power-driven vessel pushing ahead", 12}, {"Reserved for future use", 13},
      {"AIS-SART", 14}, {"Unknown value", 15}, {"Not defined", 15}};
  for (const auto& [text, code] : kTable) {
    if (IStartsWith(s, text)) return code;
  }
  double v;
  if (ParseNumber(s, &v) && v >= 0 && v <= 15) return static_cast<int>(v);
  return -1;
}

// DMA ship type texts to ITU-R M.1371 codes (the first of each range).
int DmaShipTypeCode(std::string_view s) {
  static constexpr std::pair<const char*, int> kTable[] = {
      {"Cargo", 70}, {"Tanker", 80}, {"Passenger", 60}, {"Fishing", 30},
      {"Towing long/wide", 32}, {"Towing", 31}, {"Dredging", 33}, {"Diving", 34},
      {"Military", 35}, {"Sailing", 36}, {"Pleasure", 37}, {"HSC", 40}, {"WIG", 20},
      {"Pilot", 50}, {"SAR", 51}, {"Tug", 52}, {"Port tender", 53}, {"Anti-pollution", 54},
      {"Law enforcement", 55}, {"Medical", 58}, {"Not party to conflict", 59}, {"Other", 90}};
  for (const auto& [text, code] : kTable) {
    if (IStartsWith(s, text)) return code;
  }
  double v;
  if (ParseNumber(s, &v) && v >= 0 && v <= 255) return static_cast<int>(v);
  return -1;
}

void Key(std::string& out, std::string_view key) {
  out.push_back(',');
  out.push_back('"');
  out.append(key);
  out.push_back('"');
  out.push_back(':');
}

}  // namespace

CsvReader::Layout CsvReader::ReadHeader(std::string_view line) {
  struct Name {
    const char* name;
    Field field;
  };
  static constexpr Name kNames[] = {
      {"# Timestamp", kTime}, {"Timestamp", kTime}, {"BaseDateTime", kTime}, {"MMSI", kMmsi},
      {"Latitude", kLat}, {"LAT", kLat}, {"Longitude", kLon}, {"LON", kLon},
      {"Navigational status", kStatus}, {"Status", kStatus}, {"ROT", kRot}, {"SOG", kSog},
      {"COG", kCog}, {"Heading", kHeading}, {"IMO", kImo}, {"Callsign", kCallsign},
      {"Name", kName}, {"VesselName", kName}, {"Ship type", kShipType}, {"VesselType", kShipType},
      {"Width", kWidth}, {"Length", kLength}, {"Draught", kDraught}, {"Draft", kDraught},
      {"Destination", kDestination}, {"ETA", kEta}, {"Type of mobile", kMobileType},
      {"TransceiverClass", kTransceiverClass}, {"A", kDimA}, {"B", kDimB}, {"C", kDimC},
      {"D", kDimD}};
  layout_ = Layout::kNone;
  columns_ = 0;
  bool seen[kFieldCount] = {};
  bool dma_time = false, noaa_time = false;
  while (true) {
    std::string_view name = NextField(line);
    if (columns_ >= kMaxColumns) return Layout::kNone;
    Field f = kIgnore;
    for (const Name& n : kNames) {
      if (IEquals(name, n.name)) {
        f = n.field;
        break;
      }
    }
    if (f != kIgnore && seen[f]) f = kIgnore;  // first column of a name wins
    if (f != kIgnore) seen[f] = true;
    if (IEquals(name, "# Timestamp") || IEquals(name, "Timestamp")) dma_time = true;
    if (IEquals(name, "BaseDateTime")) noaa_time = true;
    column_field_[columns_++] = f;
    if (line.empty()) break;
  }
  if (!seen[kMmsi] || !seen[kTime]) return Layout::kNone;
  if (dma_time && seen[kMobileType]) layout_ = Layout::kDma;
  else if (noaa_time) layout_ = Layout::kNoaa;
  return layout_;
}

bool CsvReader::ParseRow(std::string_view line, PositionReport* pos, StaticReport* stat) {
  *pos = PositionReport{};
  stat->mmsi = Mmsi{};
  stat->type = 0;
  stat->part = 0;
  stat->time_ms = kUnknownTime;
  stat->imo = 0;
  stat->name.clear();
  stat->callsign.clear();
  stat->destination.clear();
  stat->ship_type = -1;
  stat->to_bow = stat->to_stern = stat->to_port = stat->to_starboard = -1;
  stat->draught_m = NAN;
  has_position_ = has_static_ = false;
  rot_ = NAN;
  width_m_ = length_m_ = -1;
  eta_.clear();
  mobile_.clear();
  for (auto& v : values_) v = {};
  int col = 0;
  while (col < columns_) {
    std::string_view v = NextField(line);
    values_[column_field_[col]] = v;
    ++col;
    if (line.empty()) break;
  }
  if (col < columns_ - 1 || col < 3) {
    reason_ = "too few CSV columns";
    return false;
  }
  double d;
  if (!ParseNumber(values_[kMmsi], &d) || d < 0 || d > 999999999 || d != std::floor(d)) {
    reason_ = "bad MMSI";
    return false;
  }
  const Mmsi mmsi{static_cast<uint32_t>(d)};
  auto t = ParseTimeMs(values_[kTime]);
  if (!t) {
    reason_ = "bad timestamp";
    return false;
  }
  pos->mmsi = stat->mmsi = mmsi;
  pos->time_ms = stat->time_ms = *t;
  double lat, lon;
  if (ParseNumber(values_[kLat], &lat) && ParseNumber(values_[kLon], &lon) &&
      IsValidLatLon(lat, lon)) {
    pos->lat_deg = lat;
    pos->lon_deg = lon;
    has_position_ = true;
  }
  if (ParseNumber(values_[kSog], &d) && d >= 0 && d < 102.2) pos->speed_knots = static_cast<float>(d);
  if (ParseNumber(values_[kCog], &d) && d >= 0 && d < 360) pos->course_deg = static_cast<float>(d);
  if (ParseNumber(values_[kHeading], &d) && d >= 0 && d < 360) pos->heading_deg = static_cast<float>(d);
  if (ParseNumber(values_[kRot], &d)) rot_ = static_cast<float>(d);
  if (!values_[kStatus].empty()) pos->nav_status = NavStatusCode(values_[kStatus]);

  std::string_view imo = values_[kImo];
  if (IStartsWith(imo, "IMO")) imo.remove_prefix(3);
  if (ParseNumber(imo, &d) && d > 0 && d < 1e9) stat->imo = static_cast<uint32_t>(d);
  stat->callsign.assign(values_[kCallsign]);
  stat->name.assign(values_[kName]);
  stat->destination.assign(values_[kDestination]);
  if (IEquals(stat->callsign, "Unknown")) stat->callsign.clear();
  if (IEquals(stat->destination, "Unknown")) stat->destination.clear();
  if (!values_[kShipType].empty()) {
    stat->ship_type = layout_ == Layout::kNoaa
                          ? (ParseNumber(values_[kShipType], &d) && d >= 1 && d < 256
                                 ? static_cast<int>(d) : -1)
                          : DmaShipTypeCode(values_[kShipType]);
  }
  if (ParseNumber(values_[kDraught], &d) && d > 0 && d < 100) stat->draught_m = static_cast<float>(d);
  if (ParseNumber(values_[kWidth], &d) && d > 0 && d < 1000) width_m_ = static_cast<int>(d);
  if (ParseNumber(values_[kLength], &d) && d > 0 && d < 2000) length_m_ = static_cast<int>(d);
  if (ParseNumber(values_[kDimA], &d) && d >= 0 && d < 512) stat->to_bow = static_cast<int>(d);
  if (ParseNumber(values_[kDimB], &d) && d >= 0 && d < 512) stat->to_stern = static_cast<int>(d);
  if (ParseNumber(values_[kDimC], &d) && d >= 0 && d < 64) stat->to_port = static_cast<int>(d);
  if (ParseNumber(values_[kDimD], &d) && d >= 0 && d < 64) stat->to_starboard = static_cast<int>(d);
  eta_.assign(values_[kEta]);
  mobile_.assign(values_[kMobileType].empty() ? values_[kTransceiverClass] : values_[kMobileType]);
  has_static_ = stat->imo != 0 || !stat->name.empty() || !stat->callsign.empty() ||
                stat->ship_type >= 0 || !stat->destination.empty();
  return true;
}

void CsvReader::AppendJson(const PositionReport& p, const StaticReport& s, std::string& out) const {
  Lit(out, "{\"class\":\"AIS\",\"mmsi\":");
  AppendUnsigned(out, p.mmsi.value);
  if (p.nav_status >= 0) {
    Key(out, "status");
    AppendUnsigned(out, static_cast<uint64_t>(p.nav_status));
  }
  if (std::isfinite(rot_)) {
    Key(out, "turn");
    AppendFixed(out, rot_, 1);
  }
  if (std::isfinite(p.speed_knots)) {
    Key(out, "speed");
    AppendFixed(out, p.speed_knots, 1);
  }
  if (has_position_) {
    Key(out, "lon");
    AppendFixed(out, p.lon_deg, 6);
    Key(out, "lat");
    AppendFixed(out, p.lat_deg, 6);
  }
  if (std::isfinite(p.course_deg)) {
    Key(out, "course");
    AppendFixed(out, p.course_deg, 1);
  }
  if (std::isfinite(p.heading_deg)) {
    Key(out, "heading");
    AppendFixed(out, p.heading_deg, 0);
  }
  if (s.imo) {
    Key(out, "imo");
    AppendUnsigned(out, s.imo);
  }
  if (!s.callsign.empty()) {
    Key(out, "callsign");
    AppendJsonString(out, s.callsign);
  }
  if (!s.name.empty()) {
    Key(out, "shipname");
    AppendJsonString(out, s.name);
  }
  if (s.ship_type >= 0) {
    Key(out, "shiptype");
    AppendUnsigned(out, static_cast<uint64_t>(s.ship_type));
    Key(out, "shiptype_text");
    AppendJsonString(out, ShipTypeText(static_cast<unsigned>(s.ship_type)));
  }
  if (s.to_bow >= 0) { Key(out, "to_bow"); AppendUnsigned(out, static_cast<uint64_t>(s.to_bow)); }
  if (s.to_stern >= 0) { Key(out, "to_stern"); AppendUnsigned(out, static_cast<uint64_t>(s.to_stern)); }
  if (s.to_port >= 0) { Key(out, "to_port"); AppendUnsigned(out, static_cast<uint64_t>(s.to_port)); }
  if (s.to_starboard >= 0) {
    Key(out, "to_starboard");
    AppendUnsigned(out, static_cast<uint64_t>(s.to_starboard));
  }
  if (length_m_ >= 0) { Key(out, "length"); AppendUnsigned(out, static_cast<uint64_t>(length_m_)); }
  if (width_m_ >= 0) { Key(out, "width"); AppendUnsigned(out, static_cast<uint64_t>(width_m_)); }
  if (std::isfinite(s.draught_m)) {
    Key(out, "draught");
    AppendFixed(out, s.draught_m, 1);
  }
  if (!s.destination.empty()) {
    Key(out, "destination");
    AppendJsonString(out, s.destination);
  }
  if (!eta_.empty()) {
    Key(out, "eta");
    AppendJsonString(out, eta_);
  }
  if (!mobile_.empty()) {
    Key(out, "mobile");
    AppendJsonString(out, mobile_);
  }
  Lit(out, ",\"t\":\"");
  AppendTimeMs(out, p.time_ms);
  Lit(out, "\"}");
}

}  // namespace wk::ais
