#include "ais/decode.h"

#include <charconv>
#include <cstring>

#include "ais/json_fields.h"

namespace wk::ais {

// ---- Text and time -------------------------------------------------------------

void AppendJsonText(Writer& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  for (char c : text) {
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(c);
    } else if (static_cast<unsigned char>(c) < 0x20) {
      out.append("\\u00", 4);
      out.push_back(kHex[static_cast<unsigned char>(c) >> 4]);
      out.push_back(kHex[c & 15]);
    } else {
      out.push_back(c);
    }
  }
  out.push_back('"');
}

void AppendIsoTime(Writer& out, int64_t unix_ms) {
  int64_t s = unix_ms / 1000, ms = unix_ms % 1000;
  if (ms < 0) {
    ms += 1000;
    --s;
  }
  // Consecutive messages mostly share their second: format it once.
  thread_local int64_t cached_s = INT64_MIN;
  thread_local char cached[24];
  thread_local size_t cached_len = 0;
  if (s != cached_s) {
    const CivilTime c = ToCivil(s);
    char* p = cached;
    auto two = [&p](int v) {
      *p++ = static_cast<char>('0' + v / 10);
      *p++ = static_cast<char>('0' + v % 10);
    };
    if (c.year >= 0 && c.year <= 9999) {
      two(c.year / 100);
      two(c.year % 100);
    } else {
      p = std::to_chars(p, p + 8, c.year).ptr;
    }
    *p++ = '-';
    two(c.month);
    *p++ = '-';
    two(c.day);
    *p++ = 'T';
    two(c.hour);
    *p++ = ':';
    two(c.minute);
    *p++ = ':';
    two(c.second);
    cached_len = static_cast<size_t>(p - cached);
    cached_s = s;
  }
  out.append(cached, cached_len);
  if (ms != 0) {
    out.push_back('.');
    out.push_back(static_cast<char>('0' + ms / 100));
    out.push_back(static_cast<char>('0' + ms / 10 % 10));
    out.push_back(static_cast<char>('0' + ms % 10));
  }
  out.push_back('Z');
}

namespace {

// ---- Code tables (texts as gpsd 3.22 prints them) ----------------------------

constexpr const char* kNavStatus[16] = {
    "Under way using engine", "At anchor", "Not under command", "Restricted manoeuverability",
    "Constrained by her draught", "Moored", "Aground", "Engaged in fishing",
    "Under way sailing", "Reserved for HSC", "Reserved for WIG", "Reserved",
    "Reserved", "Reserved", "Reserved", "Not defined"};

constexpr const char* kEpfd[9] = {"Undefined", "GPS", "GLONASS", "Combined GPS/GLONASS",
                                  "Loran-C", "Chayka", "Integrated navigation system",
                                  "Surveyed", "Galileo"};

const char* EpfdText(unsigned v) { return v < 9 ? kEpfd[v] : "INVALID EPFD"; }

constexpr const char* kAidType[32] = {
    "Unspecified", "Reference point", "RACON", "Fixed offshore structure",
    "Spare, Reserved for future use.", "Light, without sectors", "Light, with sectors",
    "Leading Light Front", "Leading Light Rear", "Beacon, Cardinal N", "Beacon, Cardinal E",
    "Beacon, Cardinal S", "Beacon, Cardinal W", "Beacon, Port hand", "Beacon, Starboard hand",
    "Beacon, Preferred Channel port hand", "Beacon, Preferred Channel starboard hand",
    "Beacon, Isolated danger", "Beacon, Safe water", "Beacon, Special mark", "Cardinal Mark N",
    "Cardinal Mark E", "Cardinal Mark S", "Cardinal Mark W", "Port hand Mark",
    "Starboard hand Mark", "Preferred Channel Port hand", "Preferred Channel Starboard hand",
    "Isolated danger", "Safe Water", "Special Mark", "Light Vessel / LANBY / Rigs"};

const char* StationTypeText(unsigned v) {
  switch (v) {
    case 0: return "All types of mobiles";
    case 2: return "All types of Class B mobile stations";
    case 3: return "SAR airborne mobile station";
    case 4: return "Aid to Navigation station";
    case 5: return "Class B shipborne mobile station";
    case 6: case 7: case 8: case 9: return "Regional use and inland waterways";
    default: return "Reserved for future use";
  }
}

// Appends "int.frac" for value = units / 10^decimals, frac zero-padded.
void AppendScaled(Writer& out, int64_t units, int decimals) {
  if (units < 0) {
    out.push_back('-');
    units = -units;
  }
  static constexpr int64_t kPow[] = {1, 10, 100, 1000, 10000, 100000, 1000000};
  const int64_t p = kPow[decimals];
  AppendUnsigned(out, static_cast<uint64_t>(units / p));
  if (decimals == 0) return;
  out.push_back('.');
  char digits[8];
  int64_t frac = units % p;
  for (int i = decimals - 1; i >= 0; --i) {
    digits[i] = static_cast<char>('0' + frac % 10);
    frac /= 10;
  }
  out.append(digits, static_cast<size_t>(decimals));
}

// 1/10000 minute as printf("%.6f") of raw / 600000.0 degrees, exactly: the
// value is raw * 5/3 microdegrees, whose fraction (0, 1/3 or 2/3) is never a
// tie, so rounding the rational equals rounding the double.
void AppendMicroDegrees(Writer& out, int64_t raw) {
  const int64_t mag = raw < 0 ? -raw : raw;
  const int64_t micro = (mag * 10 + 3) / 6;
  if (raw < 0) out.push_back('-');
  AppendScaled(out, micro, 6);
}

// Latitude/longitude in 1/10000 minute: %.6f degrees.
void LatLon(Writer& out, const Bits& b, int lon_pos, int lat_pos) {
  Key(out, "lon");
  AppendMicroDegrees(out, b.S(lon_pos, 28));
  Key(out, "lat");
  AppendMicroDegrees(out, b.S(lat_pos, 27));
}

// An unsigned field in tenths, "%.1f".
template <size_t N>
inline void Tenths(Writer& out, const char (&key)[N], uint64_t v) {
  Key(out, key);
  AppendScaled(out, static_cast<int64_t>(v), 1);
}

void Turn(Writer& out, int64_t rot) {
  Key(out, "turn");
  if (rot == -128) {
    Lit(out, "\"nan\"");
  } else if (rot == 127) {
    Lit(out, "\"fastright\"");
  } else if (rot == -127) {
    Lit(out, "\"fastleft\"");
  } else {
    double r = static_cast<double>(rot) / 4.733;
    r *= r;
    if (rot < 0) r = -r;
    AppendFixed(out, r, 0);
  }
}

void Speed10(Writer& out, uint64_t v) {
  Key(out, "speed");
  if (v == 1023) {
    Lit(out, "\"nan\"");
  } else if (v == 1022) {
    Lit(out, "\"fast\"");  // 102.2 knots or more
  } else {
    AppendScaled(out, static_cast<int64_t>(v), 1);
  }
}

// The fields types 18 and 19 share, bits 38..138.
void ClassBPosition(Writer& out, const Bits& b) {
  U(out, "reserved", b.U(38, 8));
  Speed10(out, b.U(46, 10));
  Bo(out, "accuracy", b.B(56));
  LatLon(out, b, 57, 85);
  Tenths(out, "course", b.U(112, 12));
  U(out, "heading", b.U(124, 9));
  U(out, "second", b.U(133, 6));
}

void ShipType(Writer& out, unsigned v) {
  U(out, "shiptype", v);
  S(out, "shiptype_text", ShipTypeText(v));
}

void Epfd(Writer& out, unsigned v) {
  U(out, "epfd", v);
  S(out, "epfd_text", EpfdText(v));
}

void Dimensions(Writer& out, const Bits& b, int pos) {
  U(out, "to_bow", b.U(pos, 9));
  U(out, "to_stern", b.U(pos + 9, 9));
  U(out, "to_port", b.U(pos + 18, 6));
  U(out, "to_starboard", b.U(pos + 24, 6));
}

// Area corner as gpsd prints it for types 22/23: a quoted "%.6f" of 1/10'.
template <size_t N>
void Corner(Writer& out, const char (&key)[N], int64_t raw_tenth_min) {
  Key(out, key);
  out.push_back('"');
  AppendFixed(out, static_cast<double>(raw_tenth_min) / 600.0, 6);
  out.push_back('"');
}

}  // namespace

const char* ShipTypeText(unsigned v) {
  static constexpr const char* kCombined[10][10] = {
      {}, {},
      {"Wing in ground (WIG) - all ships of this type", "Wing in ground (WIG) - Hazardous category A",
       "Wing in ground (WIG) - Hazardous category B", "Wing in ground (WIG) - Hazardous category C",
       "Wing in ground (WIG) - Hazardous category D", "Wing in ground (WIG) - Reserved for future use",
       "Wing in ground (WIG) - Reserved for future use", "Wing in ground (WIG) - Reserved for future use",
       "Wing in ground (WIG) - Reserved for future use", "Wing in ground (WIG) - No additional information"},
      {"Fishing", "Towing", "Towing: length exceeds 200m or breadth exceeds 25m",
       "Dredging or underwater ops", "Diving ops", "Military ops", "Sailing", "Pleasure Craft",
       "Reserved", "Reserved"},
      {"High speed craft (HSC) - all ships of this type", "High speed craft (HSC) - Hazardous category A",
       "High speed craft (HSC) - Hazardous category B", "High speed craft (HSC) - Hazardous category C",
       "High speed craft (HSC) - Hazardous category D", "High speed craft (HSC) - Reserved for future use",
       "High speed craft (HSC) - Reserved for future use", "High speed craft (HSC) - Reserved for future use",
       "High speed craft (HSC) - Reserved for future use", "High speed craft (HSC) - No additional information"},
      {"Pilot Vessel", "Search and Rescue vessel", "Tug", "Port Tender", "Anti-pollution equipment",
       "Law Enforcement", "Spare - Local Vessel", "Spare - Local Vessel", "Medical Transport",
       "Ship according to RR Resolution No. 18"},
      {"Passenger - all ships of this type", "Passenger - Hazardous category A",
       "Passenger - Hazardous category B", "Passenger - Hazardous category C",
       "Passenger - Hazardous category D", "Passenger - Reserved for future use",
       "Passenger - Reserved for future use", "Passenger - Reserved for future use",
       "Passenger - Reserved for future use", "Passenger - No additional information"},
      {"Cargo - all ships of this type", "Cargo - Hazardous category A", "Cargo - Hazardous category B",
       "Cargo - Hazardous category C", "Cargo - Hazardous category D", "Cargo - Reserved for future use",
       "Cargo - Reserved for future use", "Cargo - Reserved for future use",
       "Cargo - Reserved for future use", "Cargo - No additional information"},
      {"Tanker - all ships of this type", "Tanker - Hazardous category A", "Tanker - Hazardous category B",
       "Tanker - Hazardous category C", "Tanker - Hazardous category D", "Tanker - Reserved for future use",
       "Tanker - Reserved for future use", "Tanker - Reserved for future use",
       "Tanker - Reserved for future use", "Tanker - No additional information"},
      {"Other Type - all ships of this type", "Other Type - Hazardous category A",
       "Other Type - Hazardous category B", "Other Type - Hazardous category C",
       "Other Type - Hazardous category D", "Other Type - Reserved for future use",
       "Other Type - Reserved for future use", "Other Type - Reserved for future use",
       "Other Type - Reserved for future use", "Other Type - no additional information"}};
  if (v == 0) return "Not available";
  if (v < 20) return "Reserved for future use";
  if (v < 100) return kCombined[v / 10][v % 10];
  return "INVALID SHIP TYPE";
}

void AppendDataHex(const Bits& b, int start, int end, Writer& out) {
  static constexpr char kHex[] = "0123456789abcdef";
  int nbits = end > start ? end - start : 0;
  Key(out, "data");
  out.push_back('"');
  AppendUnsigned(out, static_cast<uint64_t>(nbits));
  out.push_back(':');
  for (int i = 0; i < nbits; i += 8) {
    // A last partial byte shows the bits that follow, as gpsd prints it.
    unsigned byte = static_cast<unsigned>(b.U(start + i, 8));
    out.push_back(kHex[byte >> 4]);
    out.push_back(kHex[byte & 15]);
  }
  out.push_back('"');
}

const char* MessageDefect(const Bits& b) {
  if (b.size() < 38) return "message too short";
  // Message 24: part number 0 = part A, 1 = part B; 2 and 3 are undefined.
  if (b.U(0, 6) == 24 && b.U(38, 2) > 1) return "type 24 part number undefined";
  return nullptr;
}

void AppendMessageJson(const Bits& b, int64_t time_ms, Writer& out) {
  const unsigned type = static_cast<unsigned>(b.U(0, 6));
  const int n = b.size();
  Lit(out, "{\"class\":\"AIS\",\"type\":");
  AppendUnsigned(out, type);
  U(out, "repeat", b.U(6, 2));
  U(out, "mmsi", b.U(8, 30));
  Lit(out, ",\"scaled\":true");
  switch (type) {
    case 1: case 2: case 3: {
      const unsigned status = static_cast<unsigned>(b.U(38, 4));
      U(out, "status", status);
      S(out, "status_text", kNavStatus[status]);
      Turn(out, b.S(42, 8));
      Speed10(out, b.U(50, 10));
      Bo(out, "accuracy", b.B(60));
      LatLon(out, b, 61, 89);
      Tenths(out, "course", b.U(116, 12));
      U(out, "heading", b.U(128, 9));
      U(out, "second", b.U(137, 6));
      U(out, "maneuver", b.U(143, 2));
      Bo(out, "raim", b.B(148));
      U(out, "radio", b.U(149, 19));
      break;
    }
    case 4: case 11: {
      Key(out, "timestamp");
      out.push_back('"');
      uint64_t year = b.U(38, 14);
      if (year < 1000) out.push_back('0');
      if (year < 100) out.push_back('0');
      if (year < 10) out.push_back('0');
      AppendUnsigned(out, year);
      out.push_back('-');
      AppendDigits2(out, b.U(52, 4));
      out.push_back('-');
      AppendDigits2(out, b.U(56, 5));
      out.push_back('T');
      AppendDigits2(out, b.U(61, 5));
      out.push_back(':');
      AppendDigits2(out, b.U(66, 6));
      out.push_back(':');
      AppendDigits2(out, b.U(72, 6));
      Lit(out, "Z\"");
      Bo(out, "accuracy", b.B(78));
      LatLon(out, b, 79, 107);
      Epfd(out, static_cast<unsigned>(b.U(134, 4)));
      Bo(out, "raim", b.B(148));
      U(out, "radio", b.U(149, 19));
      break;
    }
    case 5: {
      U(out, "imo", b.U(40, 30));
      U(out, "ais_version", b.U(38, 2));
      Txt(out, "callsign", b, 70, 7);
      Txt(out, "shipname", b, 112, 20);
      ShipType(out, static_cast<unsigned>(b.U(232, 8)));
      Dimensions(out, b, 240);
      Epfd(out, static_cast<unsigned>(b.U(270, 4)));
      MonthDayTime(out, "eta", b.U(274, 4), b.U(278, 5), b.U(283, 5), b.U(288, 6));
      Tenths(out, "draught", b.U(294, 8));
      Txt(out, "destination", b, 302, 20);
      U(out, "dte", b.U(422, 1));
      break;
    }
    case 6: {
      U(out, "seqno", b.U(38, 2));
      U(out, "dest_mmsi", b.U(40, 30));
      Bo(out, "retransmit", b.B(70));
      const int dac = static_cast<int>(b.U(72, 10)), fid = static_cast<int>(b.U(82, 6));
      U(out, "dac", static_cast<uint64_t>(dac));
      U(out, "fid", static_cast<uint64_t>(fid));
      if (!AppendBinaryJson(b, 6, dac, fid, 88, out)) AppendDataHex(b, 88, n, out);
      break;
    }
    case 7: case 13: {
      U(out, "mmsi1", b.U(40, 30));
      U(out, "mmsi2", b.U(72, 30));
      U(out, "mmsi3", b.U(104, 30));
      U(out, "mmsi4", b.U(136, 30));
      break;
    }
    case 8: {
      const int dac = static_cast<int>(b.U(40, 10)), fid = static_cast<int>(b.U(50, 6));
      U(out, "dac", static_cast<uint64_t>(dac));
      U(out, "fid", static_cast<uint64_t>(fid));
      if (!AppendBinaryJson(b, 8, dac, fid, 56, out)) AppendDataHex(b, 56, n, out);
      break;
    }
    case 9: {
      uint64_t alt = b.U(38, 12), speed = b.U(50, 10);
      Key(out, "alt");
      if (alt == 4095) Lit(out, "\"nan\""); else AppendUnsigned(out, alt);
      Key(out, "speed");
      if (speed == 1023) Lit(out, "\"nan\""); else AppendUnsigned(out, speed);
      Bo(out, "accuracy", b.B(60));
      LatLon(out, b, 61, 89);
      Tenths(out, "course", b.U(116, 12));
      U(out, "second", b.U(128, 6));
      U(out, "regional", b.U(134, 8));
      U(out, "dte", b.U(142, 1));
      Bo(out, "raim", b.B(147));
      U(out, "radio", b.U(148, 20));
      break;
    }
    case 10:
      U(out, "dest_mmsi", b.U(40, 30));
      break;
    case 12: {
      U(out, "seqno", b.U(38, 2));
      U(out, "dest_mmsi", b.U(40, 30));
      Bo(out, "retransmit", b.B(70));
      Txt(out, "text", b, 72, (n - 72) / 6 > 0 ? (n - 72) / 6 : 0);
      break;
    }
    case 14:
      Txt(out, "text", b, 40, (n - 40) / 6 > 0 ? (n - 40) / 6 : 0);
      break;
    case 15: {
      U(out, "mmsi1", b.U(40, 30));
      U(out, "type1_1", b.U(70, 6));
      U(out, "offset1_1", b.U(76, 12));
      U(out, "type1_2", b.U(90, 6));
      U(out, "offset1_2", b.U(96, 12));
      U(out, "mmsi2", b.U(110, 30));
      U(out, "type2_1", b.U(140, 6));
      U(out, "offset2_1", b.U(146, 12));
      break;
    }
    case 16: {
      U(out, "mmsi1", b.U(40, 30));
      U(out, "offset1", b.U(70, 12));
      U(out, "increment1", b.U(82, 10));
      // The second station is there only in the 144-bit form.
      const bool two = n >= 144;
      U(out, "mmsi2", two ? b.U(92, 30) : 0);
      U(out, "offset2", two ? b.U(122, 12) : 0);
      U(out, "increment2", two ? b.U(134, 10) : 0);
      break;
    }
    case 17: {
      Fx(out, "lon", static_cast<double>(b.S(40, 18)) / 600.0, 1);
      Fx(out, "lat", static_cast<double>(b.S(58, 17)) / 600.0, 1);
      AppendDataHex(b, 80, n, out);
      break;
    }
    case 18: {
      ClassBPosition(out, b);
      U(out, "regional", b.U(139, 2));
      Bo(out, "cs", b.B(141));
      Bo(out, "display", b.B(142));
      Bo(out, "dsc", b.B(143));
      Bo(out, "band", b.B(144));
      Bo(out, "msg22", b.B(145));
      Bo(out, "raim", b.B(147));
      U(out, "radio", b.U(148, 20));
      break;
    }
    case 19: {
      ClassBPosition(out, b);
      U(out, "regional", b.U(139, 4));
      Txt(out, "shipname", b, 143, 20);
      ShipType(out, static_cast<unsigned>(b.U(263, 8)));
      Dimensions(out, b, 271);
      Epfd(out, static_cast<unsigned>(b.U(301, 4)));
      Bo(out, "raim", b.B(305));
      U(out, "dte", b.U(306, 1));
      Bo(out, "assigned", b.B(307));
      break;
    }
    case 20: {
      static constexpr int kBase[4] = {40, 70, 100, 130};
      static constexpr const char* kNames[4][4] = {
          {"offset1", "number1", "timeout1", "increment1"},
          {"offset2", "number2", "timeout2", "increment2"},
          {"offset3", "number3", "timeout3", "increment3"},
          {"offset4", "number4", "timeout4", "increment4"}};
      for (int i = 0; i < 4; ++i) {
        const int p = kBase[i];
        const uint64_t v[4] = {b.U(p, 12), b.U(p + 12, 4), b.U(p + 16, 3), b.U(p + 19, 11)};
        for (int k = 0; k < 4; ++k) {
          out.push_back(',');
          out.push_back('"');
          out += kNames[i][k];
          out.push_back('"');
          out.push_back(':');
          AppendUnsigned(out, v[k]);
        }
      }
      break;
    }
    case 21: {
      const unsigned aid = static_cast<unsigned>(b.U(38, 5));
      U(out, "aid_type", aid);
      S(out, "aid_type_text", kAidType[aid]);
      {
        // The name extension (bits 272..) is appended to the 20-character
        // name field when the name fills it (no '@'), blanks included; the
        // combined name is trimmed (ITU-R M.1371-5, Annex 8, Message 21).
        char buf[Bits::kMaxChars + 32];
        size_t len = b.RawText(43, 20, buf);
        if (len == 20 && n > 272) len += b.RawText(272, (n - 272) / 6, buf + len);
        S(out, "name", std::string_view(buf, Bits::TrimTrailingBlanks(buf, len)));
      }
      LatLon(out, b, 164, 192);
      Bo(out, "accuracy", b.B(163));
      Dimensions(out, b, 219);
      Epfd(out, static_cast<unsigned>(b.U(249, 4)));
      U(out, "second", b.U(253, 6));
      U(out, "regional", b.U(260, 8));
      Bo(out, "off_position", b.B(259));
      Bo(out, "raim", b.B(268));
      Bo(out, "virtual_aid", b.B(269));
      break;
    }
    case 22: {
      U(out, "channel_a", b.U(40, 12));
      U(out, "channel_b", b.U(52, 12));
      U(out, "txrx", b.U(64, 4));
      Bo(out, "power", b.B(68));
      const bool addressed = b.B(139);
      if (addressed) {
        U(out, "dest1", b.U(69, 30));
        U(out, "dest2", b.U(104, 30));
      } else {
        Corner(out, "ne_lon", b.S(69, 18));
        Corner(out, "ne_lat", b.S(87, 17));
        Corner(out, "sw_lon", b.S(104, 18));
        Corner(out, "sw_lat", b.S(122, 17));
      }
      Bo(out, "addressed", addressed);
      Bo(out, "band_a", b.B(140));
      Bo(out, "band_b", b.B(141));
      U(out, "zonesize", b.U(142, 3));
      break;
    }
    case 23: {
      Corner(out, "ne_lon", b.S(40, 18));
      Corner(out, "ne_lat", b.S(58, 17));
      Corner(out, "sw_lon", b.S(75, 18));
      Corner(out, "sw_lat", b.S(93, 17));
      const unsigned st = static_cast<unsigned>(b.U(110, 4));
      U(out, "stationtype", st);
      S(out, "stationtype_text", StationTypeText(st));
      ShipType(out, static_cast<unsigned>(b.U(114, 8)));
      U(out, "interval", b.U(146, 4));
      U(out, "quiet", b.U(150, 4));
      break;
    }
    case 24: {
      const unsigned part = static_cast<unsigned>(b.U(38, 2));
      if (part == 0) {
        Lit(out, ",\"part\":\"A\"");
        Txt(out, "shipname", b, 40, 20);
      } else {  // 1 (MessageDefect refuses the others)
        Lit(out, ",\"part\":\"B\"");
        ShipType(out, static_cast<unsigned>(b.U(40, 8)));
        Txt(out, "vendorid", b, 48, 7);
        U(out, "model", b.U(66, 4));
        U(out, "serial", b.U(70, 20));
        Txt(out, "callsign", b, 90, 7);
        const uint64_t mmsi = b.U(8, 30);
        if (mmsi / 10000000 == 98) {
          U(out, "mothership_mmsi", b.U(132, 30));
        } else {
          Dimensions(out, b, 132);
        }
      }
      break;
    }
    case 25: case 26: {
      const bool addressed = b.B(38), structured = b.B(39);
      Bo(out, "addressed", addressed);
      Bo(out, "structured", structured);
      int pos = 40;
      uint64_t dest = 0, app = 0;
      if (addressed) {
        dest = b.U(40, 30);
        pos = 72;  // 30-bit destination and 2 spare bits (M.1371-5 Tables 82, 83)
      }
      if (structured) {
        app = b.U(pos, 16);
        pos += 16;
      }
      U(out, "dest_mmsi", dest);
      U(out, "app_id", app);
      int end = n;
      if (type == 26) end = n - 20 > pos ? n - 20 : pos;
      AppendDataHex(b, pos, end, out);
      if (type == 26) U(out, "radio", n - 20 > pos ? b.U(n - 20, 20) : 0);
      break;
    }
    case 27: {
      const unsigned status = static_cast<unsigned>(b.U(40, 4));
      S(out, "status", kNavStatus[status]);
      Bo(out, "accuracy", b.B(38));
      Fx(out, "lon", static_cast<double>(b.S(44, 18)) / 600.0, 1);
      Fx(out, "lat", static_cast<double>(b.S(62, 17)) / 600.0, 1);
      U(out, "speed", b.U(79, 6));
      U(out, "course", b.U(85, 9));
      Bo(out, "raim", b.B(39));
      Bo(out, "gnss", b.B(94));  // gpsd prints the raw bit (1 = not GNSS)
      break;
    }
    default: {
      // A type gpsd does not decode: the payload bits for the user.
      AppendDataHex(b, 38, n, out);
      break;
    }
  }
  if (time_ms != kUnknownTime) {
    Lit(out, ",\"t\":\"");
    AppendIsoTime(out, time_ms);
    out.push_back('"');
  }
  out.push_back('}');
}

// ---- Reports -------------------------------------------------------------------

namespace {

void AssignText(const Bits& b, int pos, int chars, std::string& out) {
  char buf[64];
  if (chars > 64) chars = 64;
  size_t n = 0;
  // Stop at the first '@' (end of text), then trim spaces.
  for (int i = 0; i < chars; ++i) {
    if (pos + 6 * i + 6 > b.size()) break;
    char c = kSixbitChar[b.U(pos + 6 * i, 6)];
    if (c == '@') break;
    buf[n++] = c;
  }
  while (n > 0 && buf[n - 1] == ' ') --n;
  size_t s = 0;
  while (s < n && buf[s] == ' ') ++s;
  out.assign(buf + s, n - s);
}

void FillPosition(PositionReport* p, const Bits& b, int type, int64_t time_ms, int lon_pos,
                  int lat_pos) {
  p->mmsi = Mmsi{static_cast<uint32_t>(b.U(8, 30))};
  p->type = type;
  p->time_ms = time_ms;
  const int64_t lon = b.S(lon_pos, 28), lat = b.S(lat_pos, 27);
  p->lon_deg = lon == 108600000 ? NAN : static_cast<double>(lon) / 600000.0;
  p->lat_deg = lat == 54600000 ? NAN : static_cast<double>(lat) / 600000.0;
  if (!IsValidLatLon(p->lat_deg, p->lon_deg)) p->lat_deg = p->lon_deg = NAN;
  p->speed_knots = NAN;
  p->course_deg = NAN;
  p->heading_deg = NAN;
  p->nav_status = -1;
}

void SetSogCogHeading(PositionReport* p, uint64_t sog, uint64_t cog, uint64_t heading) {
  p->speed_knots = sog >= 1023 ? NAN : static_cast<float>(sog) / 10.0f;
  p->course_deg = cog >= 3600 ? NAN : static_cast<float>(cog) / 10.0f;
  p->heading_deg = heading >= 360 ? NAN : static_cast<float>(heading);
}

void ResetStatic(StaticReport* s, const Bits& b, int type, int64_t time_ms) {
  s->mmsi = Mmsi{static_cast<uint32_t>(b.U(8, 30))};
  s->type = type;
  s->part = 0;
  s->time_ms = time_ms;
  s->imo = 0;
  s->name.clear();
  s->callsign.clear();
  s->destination.clear();
  s->ship_type = -1;
  s->to_bow = s->to_stern = s->to_port = s->to_starboard = -1;
  s->draught_m = NAN;
}

// Ship type 0 is "not available" (ITU-R M.1371-5 Table 53): -1 in reports.
int ShipTypeOrNone(uint64_t v) { return v == 0 ? -1 : static_cast<int>(v); }

void SetDimensions(StaticReport* s, const Bits& b, int pos) {
  s->to_bow = static_cast<int>(b.U(pos, 9));
  s->to_stern = static_cast<int>(b.U(pos + 9, 9));
  s->to_port = static_cast<int>(b.U(pos + 18, 6));
  s->to_starboard = static_cast<int>(b.U(pos + 24, 6));
}

}  // namespace

int ExtractReports(const Bits& b, int64_t time_ms, PositionReport* pos, StaticReport* stat) {
  if (b.size() < 38) return kNoReport;
  const int type = static_cast<int>(b.U(0, 6));
  switch (type) {
    case 1: case 2: case 3:
      FillPosition(pos, b, type, time_ms, 61, 89);
      SetSogCogHeading(pos, b.U(50, 10), b.U(116, 12), b.U(128, 9));
      pos->nav_status = static_cast<int>(b.U(38, 4));
      return kPositionReport;
    case 4:
      FillPosition(pos, b, type, time_ms, 79, 107);
      return kPositionReport;
    case 9: {
      FillPosition(pos, b, type, time_ms, 61, 89);
      uint64_t sog = b.U(50, 10);
      SetSogCogHeading(pos, 1023, b.U(116, 12), 511);
      pos->speed_knots = sog >= 1023 ? NAN : static_cast<float>(sog);
      return kPositionReport;
    }
    case 18:
      FillPosition(pos, b, type, time_ms, 57, 85);
      SetSogCogHeading(pos, b.U(46, 10), b.U(112, 12), b.U(124, 9));
      return kPositionReport;
    case 19:
      FillPosition(pos, b, type, time_ms, 57, 85);
      SetSogCogHeading(pos, b.U(46, 10), b.U(112, 12), b.U(124, 9));
      ResetStatic(stat, b, type, time_ms);
      AssignText(b, 143, 20, stat->name);
      stat->ship_type = ShipTypeOrNone(b.U(263, 8));
      SetDimensions(stat, b, 271);
      return kPositionReport | kStaticReport;
    case 21:
      FillPosition(pos, b, type, time_ms, 164, 192);
      return kPositionReport;
    case 27: {
      pos->mmsi = Mmsi{static_cast<uint32_t>(b.U(8, 30))};
      pos->type = type;
      pos->time_ms = time_ms;
      const int64_t lon = b.S(44, 18), lat = b.S(62, 17);
      pos->lon_deg = lon == 108600 ? NAN : static_cast<double>(lon) / 600.0;
      pos->lat_deg = lat == 54600 ? NAN : static_cast<double>(lat) / 600.0;
      if (!IsValidLatLon(pos->lat_deg, pos->lon_deg)) pos->lat_deg = pos->lon_deg = NAN;
      const uint64_t sog = b.U(79, 6), cog = b.U(85, 9);
      pos->speed_knots = sog == 63 ? NAN : static_cast<float>(sog);
      pos->course_deg = cog >= 360 ? NAN : static_cast<float>(cog);
      pos->heading_deg = NAN;
      pos->nav_status = static_cast<int>(b.U(40, 4));
      return kPositionReport;
    }
    case 5: {
      ResetStatic(stat, b, type, time_ms);
      const uint32_t imo = static_cast<uint32_t>(b.U(40, 30));
      stat->imo = imo;
      AssignText(b, 70, 7, stat->callsign);
      AssignText(b, 112, 20, stat->name);
      stat->ship_type = ShipTypeOrNone(b.U(232, 8));
      SetDimensions(stat, b, 240);
      const uint64_t draught = b.U(294, 8);
      stat->draught_m = draught == 0 ? NAN : static_cast<float>(draught) / 10.0f;
      AssignText(b, 302, 20, stat->destination);
      return kStaticReport;
    }
    case 24: {
      const unsigned part = static_cast<unsigned>(b.U(38, 2));
      if (part > 1) return kNoReport;
      ResetStatic(stat, b, type, time_ms);
      if (part == 0) {
        stat->part = 'A';
        AssignText(b, 40, 20, stat->name);
      } else {
        stat->part = 'B';
        stat->ship_type = ShipTypeOrNone(b.U(40, 8));
        AssignText(b, 90, 7, stat->callsign);
        if (stat->mmsi.value / 10000000 != 98) SetDimensions(stat, b, 132);
      }
      return kStaticReport;
    }
    default:
      return kNoReport;
  }
}

}  // namespace wk::ais
