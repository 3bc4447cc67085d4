// Real sentences the AIS tests share, and NMEA framing for made-up bodies.
#pragma once

#include <cstdio>
#include <string>

namespace wk::ais {

// From gpsd's sample.aivdm: a type 1 (MMSI 371798000) and a two-part type 5
// (EVER DIADEM, MMSI 351759000).
inline constexpr const char* kType1 = "!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A";
inline constexpr const char* kType5a =
    "!AIVDM,2,1,1,A,55?MbV02;H;s<HtKR20EHE:0@T4@Dn2222222216L961O5Gf0NSQEp6ClRp8,0*1C";
inline constexpr const char* kType5b = "!AIVDM,2,2,1,A,88888888880,2*25";

// "*hh" for an NMEA body (the text between '!' or '\' and '*').
inline std::string Checksum(const std::string& body) {
  unsigned sum = 0;
  for (char c : body) sum ^= static_cast<unsigned char>(c);
  char buf[4];
  std::snprintf(buf, sizeof buf, "*%02X", sum);
  return buf;
}

inline std::string Sentence(const std::string& body) { return "!" + body + Checksum(body); }
inline std::string TagBlock(const std::string& body) {
  return "\\" + body + Checksum(body) + "\\";
}

}  // namespace wk::ais
