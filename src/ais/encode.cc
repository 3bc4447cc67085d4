// The AIS encoder the simulator and tests use to write NMEA: message bit
// layouts of ITU-R M.1371-5 (types 1/2/3, 18, 5, 24 A/B), 6-bit payload
// armouring with fill bits (IEC 61162-1), the NMEA checksum, and an NMEA 4.0
// tag block with the reception time (c:, Unix seconds) and station (s:).
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>

#include "ais/ais.h"

namespace wk::ais {
namespace {

// Longest message we encode: type 5, 424 bits (71 six-bit symbols).
constexpr int kMaxBits = 432;

// Packs fields most significant bit first, as the standard transmits them.
class BitWriter {
 public:
  void Put(uint64_t value, int width) {
    for (int i = width - 1; i >= 0; --i) {
      if (pos_ >= kMaxBits) return;
      if ((value >> i) & 1u) symbols_[pos_ / 6] |= static_cast<uint8_t>(1u << (5 - pos_ % 6));
      ++pos_;
    }
  }
  void PutSigned(int64_t value, int width) {
    Put(static_cast<uint64_t>(value) & ((uint64_t{1} << width) - 1), width);
  }
  // Text in the 6-bit ASCII of M.1371-5 Table 47, padded with '@'.
  void PutText(std::string_view text, int chars) {
    for (int i = 0; i < chars; ++i) {
      unsigned char c = i < static_cast<int>(text.size()) ? text[i] : '@';
      if (c >= 'a' && c <= 'z') c = static_cast<unsigned char>(c - 'a' + 'A');
      uint32_t v;
      if (c >= 64 && c <= 95) {
        v = c - 64u;
      } else if (c >= 32 && c <= 63) {
        v = c;
      } else {
        v = 0;  // not representable: '@'
      }
      Put(v, 6);
    }
  }
  int bits() const { return pos_; }
  // The armoured payload and its number of fill bits.
  int Armour(std::string& payload) const {
    int n = (pos_ + 5) / 6;
    for (int i = 0; i < n; ++i) {
      uint8_t v = symbols_[i];
      payload.push_back(static_cast<char>(v < 40 ? v + 48 : v + 56));
    }
    return n * 6 - pos_;
  }

 private:
  std::array<uint8_t, kMaxBits / 6> symbols_{};
  int pos_ = 0;
};

uint8_t Checksum(std::string_view body) {
  uint8_t sum = 0;
  for (char c : body) sum ^= static_cast<uint8_t>(c);
  return sum;
}

void AppendHex2(std::string& out, uint8_t v) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  out.push_back(kHex[v >> 4]);
  out.push_back(kHex[v & 15]);
}

void AppendTagBlock(std::string& out, int64_t time_ms, std::string_view station) {
  if (time_ms == kUnknownTime && station.empty()) return;
  size_t start = out.size();
  out.push_back('\\');
  if (time_ms != kUnknownTime) {
    int64_t s = time_ms >= 0 ? time_ms / 1000 : -((-time_ms + 999) / 1000);
    out += "c:";
    AppendInt(out, s);
  }
  if (!station.empty()) {
    if (time_ms != kUnknownTime) out.push_back(',');
    out += "s:";
    out += station;
  }
  uint8_t sum = Checksum(std::string_view(out).substr(start + 1));
  out.push_back('*');
  AppendHex2(out, sum);
  out.push_back('\\');
}

// Writes the payload as one or more !AIVDM sentences of at most 60 symbols.
void AppendSentences(std::string& out, const BitWriter& bits, int64_t time_ms,
                     std::string_view station, char channel, int sequence_id) {
  std::string payload;
  payload.reserve(72);
  int fill = bits.Armour(payload);
  constexpr size_t kPerSentence = 60;
  int count = static_cast<int>((payload.size() + kPerSentence - 1) / kPerSentence);
  if (count == 0) count = 1;
  for (int i = 0; i < count; ++i) {
    AppendTagBlock(out, time_ms, station);
    size_t start = out.size();
    out += "!AIVDM,";
    AppendInt(out, count);
    out.push_back(',');
    AppendInt(out, i + 1);
    out.push_back(',');
    if (count > 1) AppendInt(out, sequence_id % 10);
    out.push_back(',');
    out.push_back(channel);
    out.push_back(',');
    out += std::string_view(payload).substr(i * kPerSentence, kPerSentence);
    out.push_back(',');
    AppendInt(out, i + 1 == count ? fill : 0);
    uint8_t sum = Checksum(std::string_view(out).substr(start + 1));
    out.push_back('*');
    AppendHex2(out, sum);
    out += "\r\n";
  }
}

int64_t Round(double v) { return static_cast<int64_t>(std::llround(v)); }

int64_t LonField(double lon_deg) {
  if (!std::isfinite(lon_deg) || lon_deg < -180 || lon_deg > 180) return 181 * 600000;
  return Round(lon_deg * 600000.0);
}

int64_t LatField(double lat_deg) {
  if (!std::isfinite(lat_deg) || lat_deg < -90 || lat_deg > 90) return 91 * 600000;
  return Round(lat_deg * 600000.0);
}

uint64_t SogField(float knots) {
  if (!std::isfinite(knots) || knots < 0) return 1023;
  return static_cast<uint64_t>(std::min<int64_t>(Round(knots * 10.0), 1022));
}

uint64_t CogField(float deg) {
  if (!std::isfinite(deg) || deg < 0 || deg >= 360) return 3600;
  int64_t v = Round(deg * 10.0);
  return static_cast<uint64_t>(v >= 3600 ? 0 : v);
}

uint64_t HeadingField(float deg) {
  if (!std::isfinite(deg) || deg < 0 || deg >= 360) return 511;
  int64_t v = Round(deg);
  return static_cast<uint64_t>(v >= 360 ? 0 : v);
}

uint64_t SecondField(int64_t time_ms) {
  if (time_ms == kUnknownTime) return 60;
  int64_t s = time_ms / 1000 % 60;
  return static_cast<uint64_t>(s < 0 ? s + 60 : s);
}

uint64_t Clamp(int value, int max) {
  if (value < 0) return 0;
  return static_cast<uint64_t>(std::min(value, max));
}

uint64_t Mmsi30(Mmsi mmsi) { return mmsi.value & 0x3FFFFFFFu; }

// Message id, repeat indicator 0 and the 30-bit user id: the first 38 bits
// of every message.
void PutHeader(BitWriter& w, int type, Mmsi mmsi) {
  w.Put(static_cast<uint64_t>(type), 6);
  w.Put(0, 2);
  w.Put(Mmsi30(mmsi), 30);
}

// Dimensions to the reference point and the EPFD (GPS): types 5 and 24 B.
void PutDimensionsAndEpfd(BitWriter& w, const StaticReport& r) {
  w.Put(Clamp(r.to_bow, 511), 9);
  w.Put(Clamp(r.to_stern, 511), 9);
  w.Put(Clamp(r.to_port, 63), 6);
  w.Put(Clamp(r.to_starboard, 63), 6);
  w.Put(1, 4);  // EPFD: GPS
}

// Alternates A/B per vessel and time, as two-channel transponders do.
char ChannelOf(Mmsi mmsi, int64_t time_ms) {
  int64_t s = time_ms == kUnknownTime ? 0 : time_ms / 1000;
  return ((mmsi.value + static_cast<uint64_t>(s)) & 1u) ? 'B' : 'A';
}

void EncodeStaticWithSequence(const StaticReport& r, std::string_view station, int sequence_id,
                              std::string& out) {
  char channel = ChannelOf(r.mmsi, r.time_ms);
  if (r.type == 24) {
    if (r.part == 0 || r.part == 'A') {
      BitWriter w;
      PutHeader(w, 24, r.mmsi);
      w.Put(0, 2);  // part number A
      w.PutText(r.name, 20);
      AppendSentences(out, w, r.time_ms, station, channel, sequence_id);
    }
    if (r.part == 0 || r.part == 'B') {
      BitWriter w;
      PutHeader(w, 24, r.mmsi);
      w.Put(1, 2);  // part number B
      w.Put(Clamp(r.ship_type, 255), 8);
      w.PutText("", 3);  // vendor id: manufacturer
      w.Put(0, 4);       // unit model code
      w.Put(0, 20);      // serial number
      w.PutText(r.callsign, 7);
      PutDimensionsAndEpfd(w, r);
      w.Put(0, 2);  // spare
      AppendSentences(out, w, r.time_ms, station, channel, sequence_id);
    }
    return;
  }
  // Type 5: static and voyage related data, 424 bits.
  BitWriter w;
  PutHeader(w, 5, r.mmsi);
  w.Put(0, 2);  // AIS version indicator
  w.Put(r.imo & 0x3FFFFFFFu, 30);
  w.PutText(r.callsign, 7);
  w.PutText(r.name, 20);
  w.Put(Clamp(r.ship_type, 255), 8);
  PutDimensionsAndEpfd(w, r);
  w.Put(0, 4);   // ETA month: not available
  w.Put(0, 5);   // ETA day: not available
  w.Put(24, 5);  // ETA hour: not available
  w.Put(60, 6);  // ETA minute: not available
  uint64_t draught = 0;
  if (std::isfinite(r.draught_m) && r.draught_m > 0)
    draught = static_cast<uint64_t>(std::min<int64_t>(Round(r.draught_m * 10.0), 255));
  w.Put(draught, 8);
  w.PutText(r.destination, 20);
  w.Put(0, 1);  // DTE available
  w.Put(0, 1);  // spare
  AppendSentences(out, w, r.time_ms, station, channel, sequence_id);
}

}  // namespace

void EncodePosition(const PositionReport& r, std::string_view station, std::string& out) {
  BitWriter w;
  char channel = ChannelOf(r.mmsi, r.time_ms);
  if (r.type == 18) {
    PutHeader(w, 18, r.mmsi);
    w.Put(0, 8);  // regional reserved
    w.Put(SogField(r.speed_knots), 10);
    w.Put(0, 1);  // position accuracy: low (> 10 m)
    w.PutSigned(LonField(r.lon_deg), 28);
    w.PutSigned(LatField(r.lat_deg), 27);
    w.Put(CogField(r.course_deg), 12);
    w.Put(HeadingField(r.heading_deg), 9);
    w.Put(SecondField(r.time_ms), 6);
    w.Put(0, 2);  // regional reserved
    w.Put(1, 1);  // CS unit (carrier sense)
    w.Put(0, 1);  // no display
    w.Put(1, 1);  // DSC
    w.Put(1, 1);  // whole marine band
    w.Put(1, 1);  // accepts message 22
    w.Put(0, 1);  // autonomous mode
    w.Put(0, 1);  // RAIM
    w.Put(0x60006, 20);  // communication state: ITDMA selector, as CS units send
  } else {
    PutHeader(w, r.type == 2 || r.type == 3 ? r.type : 1, r.mmsi);
    w.Put(r.nav_status >= 0 && r.nav_status <= 15 ? static_cast<uint64_t>(r.nav_status) : 15, 4);
    w.PutSigned(-128, 8);  // rate of turn: not available
    w.Put(SogField(r.speed_knots), 10);
    w.Put(0, 1);
    w.PutSigned(LonField(r.lon_deg), 28);
    w.PutSigned(LatField(r.lat_deg), 27);
    w.Put(CogField(r.course_deg), 12);
    w.Put(HeadingField(r.heading_deg), 9);
    w.Put(SecondField(r.time_ms), 6);
    w.Put(0, 2);  // manoeuvre indicator: not available
    w.Put(0, 3);  // spare
    w.Put(0, 1);  // RAIM
    w.Put(0, 19);  // communication state
  }
  AppendSentences(out, w, r.time_ms, station, channel, 0);
}

void EncodeStatic(const StaticReport& report, std::string_view station, std::string& out) {
  // A sequence id that follows from the message, so encoding stays a pure
  // function (the simulator's output must be byte-identical run to run).
  int64_t s = report.time_ms == kUnknownTime ? 0 : report.time_ms / 1000;
  int sequence_id = static_cast<int>((report.mmsi.value + static_cast<uint64_t>(s)) % 10);
  EncodeStaticWithSequence(report, station, sequence_id, out);
}

void EncodeStatic(const StaticReport& report, std::string_view station, int sequence_id,
                  std::string& out) {
  EncodeStaticWithSequence(report, station, sequence_id, out);
}

}  // namespace wk::ais
