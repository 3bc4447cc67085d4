#include <algorithm>
#include <charconv>
#include <optional>

#include "detect/detect.h"

namespace wk::detect {
namespace {

// Grid of one-degree cells: row = floor(lat) + 90 (0..180), col = floor(lon) + 180 (0..359).
constexpr int kRows = 181;
constexpr int kCols = 360;
constexpr double kMetersPerDegree = kEarthRadiusM * kDegToRad;  // ~111195 m

int RowOf(double lat) { return std::clamp(static_cast<int>(std::floor(lat)) + 90, 0, kRows - 1); }
int ColOf(double lon) {
  int c = static_cast<int>(std::floor(lon)) + 180;
  return ((c % kCols) + kCols) % kCols;
}

struct BuiltInPort {
  const char* locode;
  const char* name;
  double lat, lon, radius_km;
};

// The built-in table, typed by hand. Positions are harbour reference points
// (NGA World Port Index where it has the port, otherwise the harbour's
// charted position); radii cover the harbour and its inner anchorage.
// Codes are UN/LOCODE; the few marked "wk" in docs/detect.md are our own
// where UN/LOCODE has none.
constexpr BuiltInPort kBuiltIn[] = {
    // Democratic People's Republic of Korea: every port, all high-risk.
    {"KPNAM", "Nampo", 38.7167, 125.4000, 6},
    {"KPTAE", "Taean", 38.8600, 125.3800, 3},
    {"KPSGN", "Songrim (Kyomipo)", 38.7333, 125.6167, 4},
    {"KPHAE", "Haeju", 38.0000, 125.7000, 5},
    {"KPRYP", "Ryongampo", 39.9333, 124.3667, 4},
    {"KPSIJ", "Sinuiju", 40.1000, 124.4000, 3},
    {"KPWON", "Wonsan", 39.1667, 127.4500, 5},
    {"KPHGM", "Hungnam", 39.8333, 127.6167, 5},
    {"KPSNP", "Sinpo", 40.0333, 128.1833, 4},
    {"KPCHH", "Chaho", 40.2000, 128.6500, 3},
    {"KPTCN", "Tanchon", 40.4500, 128.9500, 3},
    {"KPSON", "Kimchaek (Songjin)", 40.6667, 129.2000, 4},
    {"KPCHO", "Chongjin", 41.7667, 129.8167, 5},
    {"KPNJN", "Rajin (Najin)", 42.2333, 130.3000, 5},
    {"KPSBG", "Sonbong (Unggi)", 42.3333, 130.4000, 4},
    // Russian Far East.
    {"RUVVO", "Vladivostok", 43.1089, 131.8883, 6},
    {"RUNJK", "Nakhodka", 42.8000, 132.8833, 5},
    {"RUVYP", "Vostochny", 42.7500, 133.0833, 5},
    {"RUZAR", "Zarubino", 42.6333, 131.0833, 4},
    {"RUPSE", "Posyet", 42.6500, 130.8000, 4},
    {"RUSKA", "Slavyanka", 42.8667, 131.3833, 4},
    {"RUDNY", "Dunai", 42.8850, 132.3500, 3},
    {"RUKOR", "Korsakov", 46.6167, 142.7667, 5},
    {"RUKHO", "Kholmsk", 47.0500, 142.0500, 4},
    {"RUVNN", "Vanino", 49.0833, 140.2833, 5},
    // China: Bohai and the Yellow Sea, then the East and South China Sea hubs.
    {"CNDDG", "Dandong", 39.8167, 124.1500, 5},
    {"CNDLC", "Dalian", 38.9167, 121.6667, 8},
    {"CNLSH", "Lushun", 38.7833, 121.2500, 3},
    {"CNBYQ", "Bayuquan", 40.3000, 122.0833, 5},
    {"CNYIK", "Yingkou", 40.6833, 122.2333, 5},
    {"CNJNZ", "Jinzhou", 40.7500, 121.1000, 4},
    {"CNHUD", "Huludao", 40.7000, 120.9833, 4},
    {"CNSHP", "Qinhuangdao", 39.9333, 119.6167, 6},
    {"CNTGS", "Tangshan (Jingtang)", 39.2000, 119.0167, 6},
    {"CNTXG", "Tianjin Xingang", 38.9667, 117.8333, 8},
    {"CNLKU", "Longkou", 37.6333, 120.2833, 5},
    {"CNPLI", "Penglai", 37.8167, 120.8333, 3},
    {"CNYNT", "Yantai", 37.5500, 121.4500, 6},
    {"CNWEI", "Weihai", 37.5000, 122.1000, 5},
    {"CNTAO", "Qingdao", 36.0333, 120.2667, 8},
    {"CNRZH", "Rizhao", 35.3833, 119.5667, 6},
    {"CNLYG", "Lianyungang", 34.7333, 119.4500, 6},
    {"CNSHA", "Shanghai", 31.3500, 121.5800, 10},
    {"CNNGB", "Ningbo-Zhoushan", 29.9300, 121.8500, 10},
    {"CNXMN", "Xiamen", 24.4500, 118.0667, 7},
    {"CNSHK", "Shekou", 22.4667, 113.8667, 5},
    {"CNYTN", "Yantian", 22.5700, 114.2800, 5},
    // Republic of Korea.
    {"KRINC", "Incheon", 37.4667, 126.6167, 6},
    {"KRPTK", "Pyeongtaek", 37.0000, 126.8000, 6},
    {"KRTSN", "Daesan", 37.0167, 126.4000, 5},
    {"KRKUV", "Gunsan", 35.9833, 126.6167, 5},
    {"KRMOK", "Mokpo", 34.7833, 126.3833, 5},
    {"KRKAN", "Gwangyang", 34.9085, 127.7501, 7},
    {"KRMAS", "Masan", 35.1833, 128.5667, 4},
    {"KRBNP", "Busan New Port", 35.0800, 128.8000, 5},
    {"KRPUS", "Busan", 35.1000, 129.0333, 7},
    {"KRUSN", "Ulsan", 35.4500, 129.4000, 7},
    {"KRKPO", "Pohang", 36.0500, 129.3833, 5},
    {"KRTGH", "Donghae", 37.5333, 129.1500, 4},
    {"KRSHO", "Sokcho", 38.2000, 128.6000, 3},
    // Japan: the Sea of Japan coast, Hokkaido, and the main hubs.
    {"JPMOJ", "Moji (Kitakyushu)", 33.9500, 130.9667, 5},
    {"JPHKT", "Hakata", 33.6000, 130.4000, 6},
    {"JPSMN", "Sakaiminato", 35.5333, 133.2333, 5},
    {"JPHMD", "Hamada", 34.9000, 132.0833, 3},
    {"JPMAI", "Maizuru", 35.5167, 135.3333, 5},
    {"JPTRG", "Tsuruga", 35.6700, 136.0700, 4},
    {"JPNNO", "Nanao", 37.0500, 136.9833, 4},
    {"JPKIJ", "Niigata", 37.9167, 139.0500, 6},
    {"JPSKT", "Sakata", 38.9333, 139.8167, 4},
    {"JPAXT", "Akita", 39.7814, 140.0150, 4},
    {"JPHKD", "Hakodate", 41.7833, 140.7167, 5},
    {"JPOTR", "Otaru", 43.2000, 141.0167, 4},
    {"JPISI", "Ishikari Bay New Port", 43.2167, 141.2833, 4},
    {"JPWKJ", "Wakkanai", 43.4167, 141.6833, 4},
    {"JPTMK", "Tomakomai", 42.6333, 141.6333, 5},
    {"JPUKB", "Kobe", 34.6500, 135.1833, 7},
    {"JPOSA", "Osaka", 34.6500, 135.4333, 7},
    {"JPNGO", "Nagoya", 35.0500, 136.8500, 8},
    {"JPYOK", "Yokohama", 35.4500, 139.6500, 7},
    {"JPTYO", "Tokyo", 35.6200, 139.7800, 7},
    // Transshipment hubs.
    {"HKHKG", "Hong Kong", 22.3000, 114.1700, 8},
    {"TWKHH", "Kaohsiung", 22.6000, 120.2800, 7},
    {"TWKEL", "Keelung", 25.1333, 121.7667, 4},
    {"TWTXG", "Taichung", 24.3000, 120.5000, 5},
    {"SGSIN", "Singapore", 1.2833, 103.8500, 10},
    {"SGJUR", "Jurong Island", 1.2500, 103.6900, 6},
    {"MYTPP", "Tanjung Pelepas", 1.3600, 103.5500, 5},
    {"MYPKG", "Port Klang", 3.0000, 101.4000, 8},
    {"PHMNL", "Manila", 14.5833, 120.9667, 6},
    {"VNSGN", "Ho Chi Minh City", 10.7700, 106.7100, 6},
    {"AEJEA", "Jebel Ali", 25.0100, 55.0600, 8},
    {"AEFJR", "Fujairah", 25.1700, 56.3600, 8},
};

Error RowError(std::string_view source, size_t line, const std::string& reason) {
  return MakeError(ErrorCode::kInvalidInput,
                   std::string(source) + ":" + std::to_string(line) + ": " + reason);
}

bool ParseDouble(std::string_view text, double& out) {
  text = Trim(text);
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && p == text.data() + text.size() && std::isfinite(out);
}

std::string NormaliseLocode(std::string_view text) {
  std::string out;
  for (char c : Trim(text)) {
    if (c == ' ') continue;
    out.push_back(c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
  }
  return out;
}

bool IsAlpha2(std::string_view s) {
  return s.size() == 2 && std::isupper(static_cast<unsigned char>(s[0])) &&
         std::isupper(static_cast<unsigned char>(s[1]));
}

// Iterates over lines (without '\n'), counting from 1; strips a UTF-8 BOM.
template <typename F>
bool ForEachLine(std::string_view text, F&& f) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  size_t line_no = 0;
  while (!text.empty()) {
    size_t eol = text.find('\n');
    std::string_view line = text.substr(0, eol);
    text = eol == std::string_view::npos ? std::string_view() : text.substr(eol + 1);
    if (!f(line, ++line_no)) return false;
  }
  return true;
}

}  // namespace

PortTable::PortTable(std::vector<Port> ports) : ports_(std::move(ports)) {
  for (size_t i = 0; i < ports_.size(); ++i) {
    const Port& p = ports_[i];
    cells_.emplace_back(static_cast<int64_t>(RowOf(p.lat_deg)) * kCols + ColOf(p.lon_deg),
                        static_cast<int>(i));
    max_radius_m_ = std::max(max_radius_m_, p.radius_km * 1000);
  }
  std::sort(cells_.begin(), cells_.end());
  // Compressed rows: the ports of cell c are cell_ports_[cell_start_[c] .. cell_start_[c+1]).
  cell_start_.assign(static_cast<size_t>(kRows) * kCols + 1, 0);
  for (const auto& [key, i] : cells_) ++cell_start_[static_cast<size_t>(key) + 1];
  for (size_t c = 1; c < cell_start_.size(); ++c) cell_start_[c] += cell_start_[c - 1];
  cell_ports_.reserve(cells_.size());
  for (const auto& [key, i] : cells_) cell_ports_.push_back(i);
}

PortTable PortTable::BuiltIn() {
  std::vector<Port> ports;
  for (const BuiltInPort& b : kBuiltIn) {
    Port p;
    p.locode = b.locode;
    p.name = b.name;
    p.lat_deg = b.lat;
    p.lon_deg = b.lon;
    p.radius_km = b.radius_km;
    p.country = p.locode.substr(0, 2);
    p.high_risk = p.country == "KP";
    ports.push_back(std::move(p));
  }
  return PortTable(std::move(ports));
}

template <typename F>
void PortTable::ForEachNear(double lat, double lon, double distance_m, F&& f) const {
  if (cell_ports_.empty() || !IsValidLatLon(lat, lon)) return;
  const double dlat = distance_m / kMetersPerDegree + 1e-9;
  const int row_lo = RowOf(lat - dlat), row_hi = RowOf(lat + dlat);
  const double max_abs_lat = std::min(89.0, std::max(std::fabs(lat - dlat), std::fabs(lat + dlat)));
  const double dlon = dlat / std::cos(max_abs_lat * kDegToRad);
  int col_lo, col_hi;
  if (dlon >= 179 || row_lo == 0 || row_hi == kRows - 1) {
    col_lo = 0;
    col_hi = kCols - 1;
  } else {
    col_lo = static_cast<int>(std::floor(lon - dlon)) + 180;
    col_hi = static_cast<int>(std::floor(lon + dlon)) + 180;
  }
  for (int row = row_lo; row <= row_hi; ++row) {
    for (int c = col_lo; c <= col_hi; ++c) {
      const int col = ((c % kCols) + kCols) % kCols;
      const size_t cell = static_cast<size_t>(row) * kCols + static_cast<size_t>(col);
      for (uint32_t k = cell_start_[cell]; k < cell_start_[cell + 1]; ++k) {
        const int i = cell_ports_[k];
        // A distance is at least its latitude component: skip without trigonometry.
        if (std::fabs(ports_[static_cast<size_t>(i)].lat_deg - lat) > dlat) continue;
        f(i);
      }
    }
  }
}

int PortTable::Containing(double lat, double lon) const {
  int best = -1;
  double best_d = INFINITY;
  ForEachNear(lat, lon, max_radius_m_, [&](int i) {
    const Port& p = ports_[static_cast<size_t>(i)];
    const double d = HaversineM(lat, lon, p.lat_deg, p.lon_deg);
    if (d <= p.radius_km * 1000 && d < best_d) {
      best_d = d;
      best = i;
    }
  });
  return best;
}

bool PortTable::AnyWithin(double lat, double lon, double distance_m) const {
  bool found = false;
  ForEachNear(lat, lon, distance_m, [&](int i) {
    if (found) return;
    const Port& p = ports_[static_cast<size_t>(i)];
    if (HaversineM(lat, lon, p.lat_deg, p.lon_deg) < distance_m) found = true;
  });
  return found;
}

Result<PortTable> ParsePortsCsv(std::string_view text, std::string_view source) {
  std::vector<Port> ports;
  std::vector<std::string> fields;
  // Column positions; the default is the positional layout.
  int c_locode = 0, c_name = 1, c_lat = 2, c_lon = 3, c_radius = 4, c_risk = -1, c_country = -1;
  bool header_seen = false;
  bool data_seen = false;
  std::optional<Error> error;
  ForEachLine(text, [&](std::string_view line, size_t line_no) {
    if (Trim(line).empty() || Trim(line).front() == '#') return true;
    if (!SplitCsvLine(line, ',', fields)) {
      error = RowError(source, line_no, "a quoted field is not closed");
      return false;
    }
    if (!header_seen && !data_seen && Lower(Trim(fields[0])) == "locode") {
      header_seen = true;
      c_locode = c_name = c_lat = c_lon = c_radius = c_risk = c_country = -1;
      for (size_t i = 0; i < fields.size(); ++i) {
        const std::string h = Lower(Trim(fields[i]));
        const int ii = static_cast<int>(i);
        if (h == "locode") c_locode = ii;
        else if (h == "name") c_name = ii;
        else if (h == "lat" || h == "latitude") c_lat = ii;
        else if (h == "lon" || h == "longitude") c_lon = ii;
        else if (h == "radius_km") c_radius = ii;
        else if (h == "risk") c_risk = ii;
        else if (h == "country") c_country = ii;
      }
      for (auto [col, name] : {std::pair{c_name, "name"}, {c_lat, "lat"}, {c_lon, "lon"},
                               {c_radius, "radius_km"}}) {
        if (col < 0) {
          error = RowError(source, line_no, std::string("the header has no '") + name + "' column");
          return false;
        }
      }
      return true;
    }
    if (!data_seen && !header_seen && fields.size() == 6) c_risk = 5;
    data_seen = true;
    const int needed = std::max({c_locode, c_name, c_lat, c_lon, c_radius, c_risk, c_country});
    if (static_cast<int>(fields.size()) <= needed) {
      error = RowError(source, line_no,
                       "expected " + std::to_string(needed + 1) + " columns, got " +
                           std::to_string(fields.size()));
      return false;
    }
    Port p;
    p.locode = NormaliseLocode(fields[static_cast<size_t>(c_locode)]);
    p.name = std::string(Trim(fields[static_cast<size_t>(c_name)]));
    if (p.locode.empty()) {
      error = RowError(source, line_no, "empty locode");
      return false;
    }
    auto field = [&](int c) { return std::string_view(fields[static_cast<size_t>(c)]); };
    if (!ParseDouble(field(c_lat), p.lat_deg) || p.lat_deg < -90 || p.lat_deg > 90) {
      error = RowError(source, line_no,
                       "bad latitude '" + std::string(Trim(field(c_lat))) + "' (must be -90..90)");
      return false;
    }
    if (!ParseDouble(field(c_lon), p.lon_deg) || p.lon_deg < -180 || p.lon_deg > 180) {
      error = RowError(source, line_no,
                       "bad longitude '" + std::string(Trim(field(c_lon))) + "' (must be -180..180)");
      return false;
    }
    if (!ParseDouble(field(c_radius), p.radius_km) || p.radius_km <= 0 || p.radius_km > 100) {
      error = RowError(source, line_no,
                       "bad radius_km '" + std::string(Trim(field(c_radius))) +
                           "' (must be more than 0 and at most 100)");
      return false;
    }
    p.country = c_country >= 0 ? NormaliseLocode(field(c_country)) : p.locode.substr(0, 2);
    if (!IsAlpha2(p.country)) {
      error = RowError(source, line_no,
                       "cannot tell the country of '" + p.locode +
                           "' (a UN/LOCODE starts with the ISO country code)");
      return false;
    }
    p.high_risk = p.country == "KP";
    if (c_risk >= 0) {
      const std::string r = Lower(Trim(field(c_risk)));
      if (r == "high" || r == "1" || r == "true" || r == "yes") p.high_risk = true;
      else if (r == "normal" || r == "low" || r == "0" || r == "false" || r == "no") p.high_risk = false;
      else if (!r.empty()) {
        error = RowError(source, line_no,
                         "bad risk '" + std::string(Trim(field(c_risk))) + "' (high or normal)");
        return false;
      }
    }
    ports.push_back(std::move(p));
    return true;
  });
  if (error) return *error;
  if (ports.empty()) return MakeError(ErrorCode::kInvalidInput, std::string(source) + ": no ports");
  return PortTable(std::move(ports));
}

Result<PortTable> LoadPortsCsv(const std::string& path) {
  Result<std::string> text = ReadFile(path, size_t{64} << 20);  // the world's ports are ~1 MB
  if (!text.ok()) return text.error();
  return ParsePortsCsv(*text, path);
}

std::string FormatPortsCsv(const PortTable& table) {
  std::string out = "locode,name,lat,lon,radius_km,risk,country\n";
  for (const Port& p : table.ports()) {
    out += p.locode;
    out += ',';
    if (p.name.find_first_of(",\"") != std::string::npos) {
      out += '"';
      for (char c : p.name) {
        if (c == '"') out += '"';
        out += c;
      }
      out += '"';
    } else {
      out += p.name;
    }
    out += ',';
    AppendDecimal(out, p.lat_deg, 6);
    out += ',';
    AppendDecimal(out, p.lon_deg, 6);
    out += ',';
    AppendDecimal(out, p.radius_km, 3);
    out += p.high_risk ? ",high," : ",normal,";
    out += p.country;
    out += '\n';
  }
  return out;
}

namespace {

// "4230N 13050E" (degrees and minutes) -> decimal degrees.
bool ParseUnlocodeCoordinates(std::string_view text, double& lat, double& lon) {
  text = Trim(text);
  if (text.size() != 12 || text[5] != ' ') return false;
  auto part = [](std::string_view s, int deg_digits, char pos, char neg, double& out) {
    int deg = 0, min = 0;
    for (int i = 0; i < deg_digits; ++i) {
      if (!std::isdigit(static_cast<unsigned char>(s[static_cast<size_t>(i)]))) return false;
      deg = deg * 10 + (s[static_cast<size_t>(i)] - '0');
    }
    for (int i = deg_digits; i < deg_digits + 2; ++i) {
      if (!std::isdigit(static_cast<unsigned char>(s[static_cast<size_t>(i)]))) return false;
      min = min * 10 + (s[static_cast<size_t>(i)] - '0');
    }
    if (min >= 60) return false;
    const char h = s[static_cast<size_t>(deg_digits + 2)];
    if (h != pos && h != neg) return false;
    out = (deg + min / 60.0) * (h == neg ? -1 : 1);
    return true;
  };
  return part(text.substr(0, 5), 2, 'N', 'S', lat) && part(text.substr(6), 3, 'E', 'W', lon) &&
         IsValidLatLon(lat, lon);
}

}  // namespace

Result<PortTable> ImportPorts(std::string_view text, std::string_view source,
                              PortImportStats* stats) {
  PortImportStats local;
  PortImportStats& st = stats ? *stats : local;
  std::vector<Port> ports;
  std::vector<std::string> fields;
  enum class Format { kUnknown, kWpi, kUnlocodeHeader, kUnlocodeRaw } format = Format::kUnknown;
  int c_name = -1, c_locode = -1, c_lat = -1, c_lon = -1, c_size = -1, c_country = -1,
      c_number = -1, c_location = -1, c_function = -1, c_coords = -1;
  std::optional<Error> error;
  ForEachLine(text, [&](std::string_view line, size_t line_no) {
    if (Trim(line).empty()) return true;
    if (!SplitCsvLine(line, ',', fields)) {
      error = RowError(source, line_no, "a quoted field is not closed");
      return false;
    }
    if (format == Format::kUnknown) {
      for (size_t i = 0; i < fields.size(); ++i) {
        const std::string h = Lower(Trim(fields[i]));
        const int ii = static_cast<int>(i);
        if (h == "world port index number") c_number = ii;
        else if (h == "main port name") c_name = ii;
        else if (h == "un/locode") c_locode = ii;
        else if (h == "latitude") c_lat = ii;
        else if (h == "longitude") c_lon = ii;
        else if (h == "harbor size") c_size = ii;
        else if (h == "country code" || h == "country") c_country = ii;
        else if (h == "location") c_location = ii;
        else if (h == "function") c_function = ii;
        else if (h == "coordinates") c_coords = ii;
        else if (h == "name" && c_name < 0) c_name = ii;
      }
      if (c_number >= 0 && c_name >= 0 && c_lat >= 0 && c_lon >= 0 && c_country >= 0) {
        format = Format::kWpi;
        return true;
      }
      if (c_location >= 0 && c_function >= 0 && c_coords >= 0 && c_country >= 0 && c_name >= 0) {
        format = Format::kUnlocodeHeader;
        return true;
      }
      if (fields.size() >= 11 && fields[1].size() == 2 && fields[2].size() == 3) {
        // UNECE's own CSV: no header; Ch,Country,Location,Name,NameWoDiacritics,
        // Subdivision,Function,Status,Date,IATA,Coordinates,Remarks.
        format = Format::kUnlocodeRaw;
        c_country = 1, c_location = 2, c_name = 3, c_function = 6, c_coords = 10;
      } else {
        error = RowError(source, line_no,
                         "not a World Port Index or UN/LOCODE CSV header (expected columns "
                         "'World Port Index Number', 'Main Port Name', 'UN/LOCODE', 'Latitude', "
                         "'Longitude' or 'Country', 'Location', 'Function', 'Coordinates')");
        return false;
      }
    }
    ++st.rows;
    auto at = [&](int c) -> std::string_view {
      return c >= 0 && static_cast<size_t>(c) < fields.size() ? Trim(fields[static_cast<size_t>(c)])
                                                              : std::string_view();
    };
    Port p;
    if (format == Format::kWpi) {
      p.name = std::string(at(c_name));
      p.locode = NormaliseLocode(at(c_locode));
      if (!ParseDouble(at(c_lat), p.lat_deg) || !ParseDouble(at(c_lon), p.lon_deg) ||
          !IsValidLatLon(p.lat_deg, p.lon_deg)) {
        ++st.skipped_bad_position;
        return true;
      }
      const std::string country = CountryCode(at(c_country));
      if (p.locode.size() >= 2 && IsAlpha2(std::string_view(p.locode).substr(0, 2))) {
        p.country = p.locode.substr(0, 2);
      } else if (!country.empty()) {
        // No UN/LOCODE: name it by its WPI number.
        double number = 0;
        if (!ParseDouble(at(c_number), number)) {
          ++st.skipped_no_locode;
          return true;
        }
        p.locode = "WPI" + std::to_string(static_cast<int64_t>(number));
        p.country = country;
      } else {
        ++st.skipped_no_locode;
        return true;
      }
      const std::string size = Lower(at(c_size));
      p.radius_km = size == "large" ? 8 : size == "medium" ? 5 : size == "small" ? 3 : 2;
    } else {
      const std::string_view function = at(c_function);
      if (function.empty() || function[0] != '1') return true;  // not a port
      p.country = NormaliseLocode(at(c_country));
      p.locode = p.country + NormaliseLocode(at(c_location));
      p.name = std::string(at(c_name));
      if (!IsAlpha2(p.country) || p.locode.size() != 5) {
        ++st.skipped_no_locode;
        return true;
      }
      if (!ParseUnlocodeCoordinates(at(c_coords), p.lat_deg, p.lon_deg)) {
        ++st.skipped_bad_position;
        return true;
      }
      p.radius_km = 5;
    }
    p.high_risk = p.country == "KP";
    ports.push_back(std::move(p));
    ++st.imported;
    return true;
  });
  if (error) return *error;
  if (ports.empty())
    return MakeError(ErrorCode::kInvalidInput, std::string(source) + ": no ports found");
  return PortTable(std::move(ports));
}

}  // namespace wk::detect
