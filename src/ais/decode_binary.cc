// Application-specific payloads of messages 6 and 8 that gpsd decodes:
// IMO SN.1/Circ.236 (DAC 1, FID 11, 12, 14), IMO SN.1/Circ.289 (DAC 1, FID
// 18, 30, 31, 32), Inland AIS (DAC 200, FID 10 and 55), and the UK/Irish AtoN
// monitoring message (DAC 235/250, FID 10). Field names and scaling follow
// gpsd 3.22's JSON so output can be compared with `gpsdecode -s`.
#include "ais/decode.h"
#include "ais/json_fields.h"

namespace wk::ais {
namespace {

constexpr const char* kTrend[4] = {"steady", "decreasing", "increasing", "N/A"};
constexpr const char* kPrecip[8] = {"reserved", "rain", "thunderstorm", "freezing rain",
                                    "mixed/ice", "snow", "reserved", "N/A"};
constexpr const char* kIce[4] = {"no", "yes", "reserved", "N/A"};
constexpr const char* kRacon[4] = {"No RACON installed", "RACON not monitored",
                                   "RACON operational", "RACON ERROR"};
constexpr const char* kLight[4] = {"No light or no monitoring", "Light ON", "Light OFF",
                                   "Light ERROR"};
constexpr const char* kHazard[8] = {"0 blue cones/lights", "1 blue cone/light",
                                    "2 blue cones/lights", "3 blue cones/lights", "4 B-Flag",
                                    "Unknown", "Unknown", "Unknown"};
constexpr const char* kLoaded[4] = {"N/A (default)", "Unloaded", "Loaded", "Reserved"};

// ERI ship and combination types (Inland AIS standard, ERI code table).
const char* EriShipTypeText(unsigned code) {
  struct Entry {
    unsigned code;
    const char* text;
  };
  static constexpr Entry kTable[] = {
      {8000, "Vessel, type unknown"},
      {8010, "Motor freighter"},
      {8020, "Motor tanker"},
      {8021, "Motor tanker, liquid cargo, type N"},
      {8022, "Motor tanker, liquid cargo, type C"},
      {8023, "Motor tanker, dry cargo as if liquid (e.g. cement)"},
      {8030, "Container vessel"},
      {8040, "Gas tanker"},
      {8050, "Motor freighter, tug"},
      {8060, "Motor tanker, tug"},
      {8070, "Motor freighter with one or more ships alongside"},
      {8080, "Motor freighter with tanker"},
      {8090, "Motor freighter pushing one or more freighters"},
      {8100, "Motor freighter pushing at least one tank-ship"},
      {8110, "Tug, freighter"},
      {8120, "Tug, tanker"},
      {8130, "Tug freighter, coupled"},
      {8140, "Tug, freighter/tanker, coupled"},
      {8150, "Freightbarge"},
      {8160, "Tankbarge"},
      {8161, "Tankbarge, liquid cargo, type N"},
      {8162, "Tankbarge, liquid cargo, type C"},
      {8163, "Tankbarge, dry cargo as if liquid (e.g. cement)"},
      {8170, "Freightbarge with containers"},
      {8180, "Tankbarge, gas"},
      {8210, "Pushtow, one cargo barge"},
      {8220, "Pushtow, two cargo barges"},
      {8230, "Pushtow, three cargo barges"},
      {8240, "Pushtow, four cargo barges"},
      {8250, "Pushtow, five cargo barges"},
      {8260, "Pushtow, six cargo barges"},
      {8270, "Pushtow, seven cargo barges"},
      {8280, "Pushtow, eight cargo barges"},
      {8290, "Pushtow, nine or more barges"},
      {8310, "Pushtow, one tank/gas barge"},
      {8320, "Pushtow, two barges at least one tanker or gas barge"},
      {8330, "Pushtow, three barges at least one tanker or gas barge"},
      {8340, "Pushtow, four barges at least one tanker or gas barge"},
      {8350, "Pushtow, five barges at least one tanker or gas barge"},
      {8360, "Pushtow, six barges at least one tanker or gas barge"},
      {8370, "Pushtow, seven barges at least one tanker or gas barge"},
      {8380, "Pushtow, eight barges at least one tanker or gas barge"},
      {8390, "Pushtow, nine or more barges at least one tanker or gas barge"},
      // Codes gpsd 3.22 does not name (tests/ais/KNOWN_DIFFERENCES.md).
      {8400, "Tug, single"},
      {8410, "Tug, one or more tows"},
      {8420, "Tug, assisting a vessel or linked combination"},
      {8430, "Pushboat, single"},
      {8440, "Passenger ship, ferry, cruise ship, red cross ship"},
      {8441, "Ferry"},
      {8442, "Red cross ship"},
      {8443, "Cruise ship"},
      {8444, "Passenger ship without accommodation"},
      {8450, "Service vessel, police patrol, port service"},
      {8460, "Vessel, work maintenance craft, floating derrick, cable-ship, buoy-ship, dredge"},
      {8470, "Object, towed, not otherwise specified"},
      {8480, "Fishing boat"},
      {8490, "Bunkership"},
      {8500, "Barge, tanker, chemical"},
      {8510, "Object, not otherwise specified"},
      {1500, "General cargo Vessel maritime"},
      {1510, "Unit carrier maritime"},
      {1520, "Bulk carrier maritime"},
      {1530, "Tanker"},
      {1540, "Liquefied gas tanker"},
      {1850, "Pleasure craft, longer than 20 metres"},
      {1900, "Fast ship"},
      {1910, "Hydrofoil"},
      {1920, "Catamaran fast"},
  };
  for (const Entry& e : kTable) {
    if (e.code == code) return e.text;
  }
  return "Illegal ship type value.";
}

// Positions in 1/1000 minute, printed "%.4f" degrees.
template <size_t N>
void LatLon1000(Writer& out, const char (&key)[N], int64_t raw) {
  Fx(out, key, static_cast<double>(raw) / 60000.0, 4);
}

// Wind speed, gust and their directions (32 bits, the same in SN/Circ.236
// and SN.1/Circ.289); returns the bit after them.
int Wind(const Bits& b, int p, Writer& out) {
  U(out, "wspeed", b.U(p, 7));
  U(out, "wgust", b.U(p + 7, 7));
  U(out, "wdir", b.U(p + 14, 9));
  U(out, "wgustdir", b.U(p + 23, 9));
  return p + 32;
}

// Surface current, two currents at depth, waves, swell and sea state (111
// bits, the same in both circulars); returns the bit after them.
int CurrentsAndWaves(const Bits& b, int p, Writer& out) {
  Fx(out, "cspeed", static_cast<double>(b.U(p, 8)) / 10.0, 1);
  U(out, "cdir", b.U(p + 8, 9));
  Fx(out, "cspeed2", static_cast<double>(b.U(p + 17, 8)) / 10.0, 1);
  U(out, "cdir2", b.U(p + 25, 9));
  U(out, "cdepth2", b.U(p + 34, 5));
  Fx(out, "cspeed3", static_cast<double>(b.U(p + 39, 8)) / 10.0, 1);
  U(out, "cdir3", b.U(p + 47, 9));
  U(out, "cdepth3", b.U(p + 56, 5));
  p += 61;
  Fx(out, "waveheight", static_cast<double>(b.U(p, 8)) / 10.0, 1);
  U(out, "waveperiod", b.U(p + 8, 6));
  U(out, "wavedir", b.U(p + 14, 9));
  Fx(out, "swellheight", static_cast<double>(b.U(p + 23, 8)) / 10.0, 1);
  U(out, "swellperiod", b.U(p + 31, 6));
  U(out, "swelldir", b.U(p + 37, 9));
  U(out, "seastate", b.U(p + 46, 4));
  return p + 50;
}

void Imo236Met(const Bits& b, int p, Writer& out) {  // DAC 1 FID 11
  LatLon1000(out, "lat", b.S(p, 24));
  LatLon1000(out, "lon", b.S(p + 24, 25));
  DayTime(out, "timestamp", b.U(p + 49, 5), b.U(p + 54, 5), b.U(p + 59, 6));
  p += 65;
  p = Wind(b, p, out);
  const uint64_t airtemp = b.U(p, 11), humidity = b.U(p + 11, 7), dewpoint = b.U(p + 18, 10),
                 pressure = b.U(p + 28, 9), ptend = b.U(p + 37, 2);
  U(out, "humidity", humidity);
  Fx(out, "airtemp", static_cast<double>(airtemp) / 10.0 - 60.0, 1);
  Fx(out, "dewpoint", static_cast<double>(dewpoint) / 10.0 - 20.0, 1);
  U(out, "pressure", pressure + 800);
  S(out, "pressuretend", kTrend[ptend]);
  p += 39;
  Fx(out, "visibility", static_cast<double>(b.U(p, 8)) / 10.0, 1);
  Fx(out, "waterlevel", static_cast<double>(b.U(p + 8, 9)) / 10.0 - 10.0, 1);
  S(out, "leveltrend", kTrend[b.U(p + 17, 2)]);
  p += 19;
  p = CurrentsAndWaves(b, p, out);
  Fx(out, "watertemp", static_cast<double>(b.U(p, 10)) / 10.0 - 10.0, 1);
  const unsigned precip = static_cast<unsigned>(b.U(p + 10, 3));
  U(out, "preciptype", precip);
  S(out, "preciptype_text", kPrecip[precip]);
  Fx(out, "salinity", static_cast<double>(b.U(p + 13, 9)) / 10.0, 1);
  const unsigned ice = static_cast<unsigned>(b.U(p + 22, 2));
  U(out, "ice", ice);
  S(out, "ice_text", kIce[ice]);
}

void Imo289Met(const Bits& b, int p, Writer& out) {  // DAC 1 FID 31
  const int64_t lon = b.S(p, 25), lat = b.S(p + 25, 24);
  LatLon1000(out, "lat", lat);
  LatLon1000(out, "lon", lon);
  Bo(out, "accuracy", b.B(p + 49));
  DayTime(out, "timestamp", b.U(p + 50, 5), b.U(p + 55, 5), b.U(p + 60, 6));
  p += 66;
  p = Wind(b, p, out);
  U(out, "humidity", b.U(p + 11, 7));
  Fx(out, "airtemp", static_cast<double>(b.S(p, 11)) / 10.0, 1);
  Fx(out, "dewpoint", static_cast<double>(b.S(p + 18, 10)) / 10.0, 1);
  U(out, "pressure", b.U(p + 28, 9) + 799);
  S(out, "pressuretend", kTrend[b.U(p + 37, 2)]);
  p += 39;
  Bo(out, "visgreater", b.B(p));
  Fx(out, "visibility", static_cast<double>(b.U(p + 1, 7)) / 10.0, 1);
  // 0.01 m above chart datum, offset by 10 m (SN.1/Circ.289): 0 = -10.00 m.
  Fx(out, "waterlevel", (static_cast<double>(b.U(p + 8, 12)) - 1000.0) / 100.0, 2);
  S(out, "leveltrend", kTrend[b.U(p + 20, 2)]);
  p += 22;
  p = CurrentsAndWaves(b, p, out);
  Fx(out, "watertemp", static_cast<double>(b.S(p, 10)) / 10.0, 1);
  S(out, "preciptype", kPrecip[b.U(p + 10, 3)]);
  Fx(out, "salinity", static_cast<double>(b.U(p + 13, 9)) / 10.0, 1);
  S(out, "ice", kIce[b.U(p + 22, 2)]);
}

void Tidals(const Bits& b, int p, int end, bool imo289, Writer& out) {
  U(out, "month", b.U(p, 4));
  U(out, "day", b.U(p + 4, 5));
  p += 9;
  const int entry = imo289 ? 92 : 93;
  Lit(out, ",\"tidals\":[");
  bool first = true;
  // Entries cut short by the end of the message read as zeros.
  for (int i = 0; i < 3 && p < end; ++i, p += entry) {
    int64_t lat, lon;
    int q;
    if (imo289) {
      lon = b.S(p, 25);
      lat = b.S(p + 25, 24);
      q = p + 49;
    } else {
      lat = b.S(p, 27);
      lon = b.S(p + 27, 28);
      q = p + 55;
    }
    if (!first) out.push_back(',');
    first = false;
    Lit(out, "{\"lon\":");
    AppendFixed(out, static_cast<double>(lon) / 60000.0, 4);
    Lit(out, ",\"lat\":");
    AppendFixed(out, static_cast<double>(lat) / 60000.0, 4);
    U(out, "from_hour", b.U(q, 5));
    U(out, "from_min", b.U(q + 5, 6));
    U(out, "to_hour", b.U(q + 11, 5));
    U(out, "to_min", b.U(q + 16, 6));
    U(out, "cdir", b.U(q + 22, 9));
    Fx(out, "cspeed", static_cast<double>(b.U(q + 31, 7)) / 10.0, 1);
    out.push_back('}');
  }
  out.push_back(']');
}

}  // namespace

bool AppendBinaryJson(const Bits& b, int type, int dac, int fid, int p, Writer& out) {
  const int n = b.size();
  if (type == 6) {
    if (dac == 1 && fid == 12) {  // IMO236 dangerous cargo indication
      Txt(out, "lastport", b, p, 5);
      MonthDayTime(out, "departure", b.U(p + 30, 4), b.U(p + 34, 5), b.U(p + 39, 5),
                   b.U(p + 44, 6));
      Txt(out, "nextport", b, p + 50, 5);
      MonthDayTime(out, "eta", b.U(p + 80, 4), b.U(p + 84, 5), b.U(p + 89, 5), b.U(p + 94, 6));
      Txt(out, "dangerous", b, p + 100, 20);
      Txt(out, "imdcat", b, p + 220, 4);
      U(out, "unid", b.U(p + 244, 13));
      U(out, "amount", b.U(p + 257, 10));
      U(out, "unit", b.U(p + 267, 2));
      return true;
    }
    if (dac == 1 && (fid == 14 || fid == 32)) {  // tidal window
      Tidals(b, p, n, fid == 32, out);
      return true;
    }
    if (dac == 1 && fid == 18) {  // IMO289 clearance time to enter port
      U(out, "linkage", b.U(p, 10));
      MonthDayTime(out, "arrival", b.U(p + 10, 4), b.U(p + 14, 5), b.U(p + 19, 5), b.U(p + 24, 6));
      Txt(out, "portname", b, p + 30, 20);
      Txt(out, "destination", b, p + 150, 5);
      LatLon1000(out, "lon", b.S(p + 180, 25));
      LatLon1000(out, "lat", b.S(p + 205, 24));
      return true;
    }
    if (dac == 1 && fid == 30) {  // IMO289 text description, addressed
      U(out, "linkage", b.U(p, 10));
      Txt(out, "text", b, p + 10, (n - p - 10) / 6 > 0 ? (n - p - 10) / 6 : 0);
      return true;
    }
    if (dac == 200 && fid == 55) {  // Inland: persons on board
      U(out, "crew", b.U(p, 8));
      U(out, "passengers", b.U(p + 8, 13));
      U(out, "personnel", b.U(p + 21, 8));
      return true;
    }
    if ((dac == 235 || dac == 250) && fid == 10) {  // UK/ROI AtoN monitoring
      Bo(out, "off_pos", b.B(p + 43));
      Bo(out, "alarm", b.B(p + 34));
      U(out, "stat_ext", b.U(p + 35, 8));
      Fx(out, "ana_int", static_cast<double>(b.U(p, 10)) * 0.05, 2);
      Fx(out, "ana_ext1", static_cast<double>(b.U(p + 10, 10)) * 0.05, 2);
      Fx(out, "ana_ext2", static_cast<double>(b.U(p + 20, 10)) * 0.05, 2);
      const unsigned racon = static_cast<unsigned>(b.U(p + 30, 2)),
                     light = static_cast<unsigned>(b.U(p + 32, 2));
      U(out, "racon", racon);
      S(out, "racon_text", kRacon[racon]);
      U(out, "light", light);
      S(out, "light_text", kLight[light]);
      return true;
    }
    return false;
  }
  // Type 8
  if (dac == 1 && fid == 11) {
    Imo236Met(b, p, out);
    return true;
  }
  if (dac == 1 && fid == 31) {
    Imo289Met(b, p, out);
    return true;
  }
  if (dac == 200 && fid == 10 && n == 168) {  // Inland ship static and voyage data
    Txt(out, "vin", b, p, 8);
    U(out, "length", b.U(p + 48, 13));
    U(out, "beam", b.U(p + 61, 10));
    const unsigned shiptype = static_cast<unsigned>(b.U(p + 71, 14));
    U(out, "shiptype", shiptype);
    S(out, "shiptype_text", EriShipTypeText(shiptype));
    const unsigned hazard = static_cast<unsigned>(b.U(p + 85, 3));
    U(out, "hazard", hazard);
    S(out, "hazard_text", kHazard[hazard]);
    U(out, "draught", b.U(p + 88, 11));
    const unsigned loaded = static_cast<unsigned>(b.U(p + 99, 2));
    U(out, "loaded", loaded);
    S(out, "loaded_text", kLoaded[loaded]);
    Bo(out, "speed_q", b.B(p + 101));
    Bo(out, "course_q", b.B(p + 102));
    Bo(out, "heading_q", b.B(p + 103));
    return true;
  }
  return false;
}

}  // namespace wk::ais
